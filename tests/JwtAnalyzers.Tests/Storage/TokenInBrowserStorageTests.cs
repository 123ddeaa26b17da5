using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<JwtAnalyzers.Storage.TokenInBrowserStorageAnalyzer>;

namespace JwtAnalyzers.Tests.Storage
{
    public class TokenInBrowserStorageTests
    {
        private const string Usings = @"
using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.JSInterop;
";

        private static Task Reports(string body, string members = "")
            => Verify.VerifyAnalyzerAsync(Usings + @"
public class LoginResult { public string Token { get; set; } = """"; public string UserName { get; set; } = """"; }
public class Cart { public int Items { get; set; } }
public class UserInfo { public string Name { get; set; } = """"; public string[] Roles { get; set; } = Array.Empty<string>(); }

class C
{
" + members + @"
    async Task Run(IJSRuntime js, string token, string key, string value, LoginResult loginResult, Cart cart, UserInfo user, CancellationToken cancellationToken)
    {
" + body + @"
    }
}");

        // ---- JS interop: localStorage.setItem / sessionStorage.setItem ----

        [Fact]
        public async Task InvokeVoidAsyncLocalStorageSetItemWithTokenKey_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    async Task Save(IJSRuntime js, string token)
    {
        await {|#0:js.InvokeVoidAsync(""localStorage.setItem"", ""authToken"", token)|};
    }
}", Verify.Diagnostic("JWT030").WithLocation(0).WithArguments("localStorage"));
        }

        [Fact]
        public async Task InvokeVoidAsyncLocalStorageSetItemWithThemeKey_DoesNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""localStorage.setItem"", ""theme"", ""dark"");");
        }

        [Fact]
        public async Task WindowSessionStorageSetItem_ReportsSessionStorage()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    async Task Save(IJSRuntime js, string value)
    {
        await {|#0:js.InvokeVoidAsync(""window.sessionStorage.setItem"", ""jwt"", value)|};
    }
}", Verify.Diagnostic("JWT030").WithLocation(0).WithArguments("sessionStorage"));
        }

        [Fact]
        public async Task WindowSessionStorageSetItemWithCartKey_DoesNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""window.sessionStorage.setItem"", ""cart"", JsonSerializer.Serialize(cart));");
        }

        [Fact]
        public async Task InvokeAsyncWithAccessTokenProperty_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeAsync<object>(""localStorage.setItem"", ""access_token"", loginResult.Token)|};");
        }

        [Fact]
        public async Task InterfaceInvokeAsyncWithExplicitArray_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeAsync<object>(""localStorage.setItem"", new object[] { ""token"", token })|};");
        }

        [Fact]
        public async Task InterfaceInvokeAsyncWithCancellationAndArrayLocal_Reports()
        {
            await Reports(@"var args = new object[] { ""id_token"", token };
        await {|JWT030:js.InvokeAsync<object>(""sessionStorage.setItem"", cancellationToken, args)|};");
        }

        [Fact]
        public async Task NamedArgumentsAndCollectionExpression_Report()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(args: new object[] { ""token"", value }, identifier: ""localStorage.setItem"")|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", [""token"", value])|};");
        }

        [Fact]
        public async Task InvokeAsyncWithTimeoutAndThemeKey_DoesNotReport()
        {
            await Reports(@"await js.InvokeAsync<object>(""localStorage.setItem"", TimeSpan.FromSeconds(5), ""theme"", value);");
        }

        [Fact]
        public async Task InProcessRuntimeInvokeVoidAndInvoke_Report()
        {
            await Reports(@"var inProcess = (IJSInProcessRuntime)js;
        {|JWT030:inProcess.InvokeVoid(""localStorage.setItem"", ""refresh_token"", value)|};
        {|JWT030:inProcess.Invoke<object>(""localStorage.setItem"", ""bearer"", value)|};
        inProcess.InvokeVoid(""localStorage.setItem"", ""locale"", value);");
        }

        [Fact]
        public async Task ObjectReferenceModuleSetItem_Reports()
        {
            await Reports(@"var module = await js.InvokeAsync<IJSObjectReference>(""import"", ""./storage.js"");
        await {|JWT030:module.InvokeVoidAsync(""localStorage.setItem"", ""jwt_token"", value)|};
        await module.InvokeVoidAsync(""saveSettings"", ""jwt_token"", value);");
        }

        [Fact]
        public async Task InProcessObjectReferenceSetItem_Reports()
        {
            await Reports(@"var module = await js.InvokeAsync<IJSInProcessObjectReference>(""import"", ""./storage.js"");
        {|JWT030:module.InvokeVoid(""sessionStorage.setItem"", ""accessToken"", value)|};
        module.InvokeVoid(""sessionStorage.setItem"", ""lastPage"", value);");
        }

        [Fact]
        public async Task IdentifierAndKeyThroughConstants_Report()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(SetItem, TokenKey, value)|};
        await {|JWT030:js.InvokeVoidAsync(SetItem, StaticKey, value)|};
        var localKey = ""auth_token"";
        await {|JWT030:js.InvokeVoidAsync(SetItem, localKey, value)|};
        await {|JWT030:js.InvokeVoidAsync(SetItem, useSession ? TokenKey : StaticKey, value)|};",
                @"
    private const string SetItem = ""localStorage.setItem"";
    private const string TokenKey = ""authToken"";
    private static readonly string StaticKey = ""BearerToken"";
    private static readonly bool useSession = DateTime.Now.Second > 30;
");
        }

        [Fact]
        public async Task ConstantsThatAreNotTokenKeys_DoNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(SetItem, ThemeKey, value);
        await js.InvokeVoidAsync(SetItem, useSession ? ThemeKey : ""cart"", value);",
                @"
    private const string SetItem = ""localStorage.setItem"";
    private const string ThemeKey = ""theme"";
    private static readonly bool useSession = DateTime.Now.Second > 30;
");
        }

        [Fact]
        public async Task WeakKeyWords_Report()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""auth"", value)|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""refresh"", value)|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""access"", value)|};");
        }

        [Fact]
        public async Task WordsThatOnlyLookLikeTokens_DoNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""localStorage.setItem"", ""accessibility"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""author"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""tokenizerMode"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""lastRefresh"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""autoRefresh"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""tokenExpiry"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""csrfToken"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""nextPageToken"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""auth"", user);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""authState"", JsonSerializer.Serialize(user));
        var state = JsonSerializer.Serialize(user);
        await js.InvokeVoidAsync(""sessionStorage.setItem"", ""auth"", state);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""selectedToken"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""themeTokens"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""isAuthenticated"", ""true"");
        await js.InvokeVoidAsync(""localStorage.setItem"", ""accessRights"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""authMethod"", value);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""authRedirectUrl"", value);");
        }

        [Fact]
        public async Task TokenValueUnderNeutralKey_Reports()
        {
            await Reports(@"var accessToken = await new HttpClient().GetStringAsync(""/token"");
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""session"", accessToken)|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", key, token ?? string.Empty)|};");
        }

        [Fact]
        public async Task NeutralValueUnderParameterKey_DoesNotReport()
        {
            // A generic wrapper: neither the key nor the value says token.
            await Reports(@"await js.InvokeVoidAsync(""localStorage.setItem"", key, value);");
        }

        [Fact]
        public async Task ValuesThatAreNotTokens_DoNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""localStorage.setItem"", ""token"", """");
        await js.InvokeVoidAsync(""localStorage.setItem"", ""token"", null);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""authenticated"", true);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""token"", DateTime.UtcNow);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""token"", DateTime.UtcNow.ToString(""O"").Length);");
        }

        [Fact]
        public async Task JwtLiteralUnderNeutralKey_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""demo"", ""eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"")|};");
        }

        [Fact]
        public async Task TypeWithTokenMember_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""user"", loginResult)|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""user"", JsonSerializer.Serialize(loginResult))|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""user"", new { loginResult.UserName, accessToken = token })|};");
        }

        [Fact]
        public async Task TypeWithoutTokenMember_DoesNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""localStorage.setItem"", ""user"", user);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""user"", JsonSerializer.Serialize(user));
        await js.InvokeVoidAsync(""localStorage.setItem"", ""user"", loginResult.UserName);");
        }

        [Fact]
        public async Task TokenCreatedByLibrary_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;
class C
{
    async Task Save(IJSRuntime js, SecurityTokenDescriptor descriptor, JwtSecurityToken securityToken)
    {
        var handler = new JwtSecurityTokenHandler();
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""session"", handler.WriteToken(securityToken))|};
        var created = handler.CreateEncodedJwt(descriptor);
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""session"", created)|};
        var encoded = Jose.JWT.Encode(""{}"", new byte[32], Jose.JwsAlgorithm.HS256);
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""session"", encoded)|};
    }
}");
        }

        [Fact]
        public async Task SerializedObject_JudgedByItsTypesNamespace()
        {
            // IdentityModel's types say token by their name (JwtSecurityToken, not OpenIdConnectMessage, whose members are
            // named AccessToken and IdToken); a framework type never does; an application's type does by a member's name,
            // also in a namespace that only begins like a framework's (MicrosoftAuth, not Microsoft).
            await Verify.VerifyAnalyzerAsync(Usings + @"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MicrosoftAuth.Models
{
    public class Session { public string AccessToken { get; set; } = """"; }
}

namespace Microsoft.Contoso
{
    public class Session { public string AccessToken { get; set; } = """"; }
}

class C
{
    async Task Save(IJSRuntime js, JwtSecurityToken token, OpenIdConnectMessage message, MicrosoftAuth.Models.Session own, Microsoft.Contoso.Session framework)
    {
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""a"", JsonSerializer.Serialize(token))|};
        await js.InvokeVoidAsync(""localStorage.setItem"", ""b"", JsonSerializer.Serialize(message));
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""c"", JsonSerializer.Serialize(own))|};
        await js.InvokeVoidAsync(""localStorage.setItem"", ""d"", JsonSerializer.Serialize(framework));
    }
}");
        }

        [Fact]
        public async Task KeyBuiltFromInterpolation_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", $""{key}_accessToken"", value)|};
        await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", key + "".jwt"", value)|};
        await js.InvokeVoidAsync(""localStorage.setItem"", $""{key}_theme"", value);");
        }

        [Fact]
        public async Task KeyHeldByTokenNamedVariable_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", AccessTokenStorageKey, value)|};
        await js.InvokeVoidAsync(""localStorage.setItem"", ThemeStorageKey, value);",
                @"
    public string AccessTokenStorageKey { get; set; } = Environment.GetEnvironmentVariable(""K"") ?? """";
    public string ThemeStorageKey { get; set; } = Environment.GetEnvironmentVariable(""T"") ?? """";
");
        }

        [Fact]
        public async Task GetItemAndRemoveItem_DoNotReport()
        {
            await Reports(@"var stored = await js.InvokeAsync<string>(""localStorage.getItem"", ""authToken"");
        await js.InvokeVoidAsync(""localStorage.removeItem"", ""authToken"");
        await js.InvokeVoidAsync(""sessionStorage.clear"");
        await js.InvokeVoidAsync(""console.log"", ""token"", token);");
        }

        [Fact]
        public async Task BearerHeaderValue_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""localStorage.setItem"", ""header"", $""Bearer {value}"")|};");
        }

        // ---- eval ----

        [Fact]
        public async Task EvalScriptWritingToken_Reports()
        {
            await Reports(@"await {|JWT030:js.InvokeVoidAsync(""eval"", $""localStorage.setItem('token', '{value}')"")|};
        await {|JWT030:js.InvokeVoidAsync(""eval"", ""window.sessionStorage.setItem(\""auth_token\"", \"""" + value + ""\"")"")|};
        await {|JWT030:js.InvokeVoidAsync(""eval"", $""localStorage.setItem('session', '{token}')"")|};
        await {|JWT030:js.InvokeVoidAsync(""eval"", $""localStorage['jwt'] = '{value}';"")|};");
        }

        [Fact]
        public async Task EvalScriptWritingTheme_DoesNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""eval"", $""localStorage.setItem('theme', '{value}')"");
        await js.InvokeVoidAsync(""eval"", ""localStorage.getItem('token')"");
        await js.InvokeVoidAsync(""eval"", ""localStorage.removeItem('token')"");
        await js.InvokeVoidAsync(""eval"", ""localStorage['token'] == null"");
        await js.InvokeVoidAsync(""eval"", ""localStorage.setItem('token', '')"");");
        }

        [Fact]
        public async Task EvalScriptMessageNamesSessionStorage()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    async Task Save(IJSRuntime js, string value)
        => await {|#0:js.InvokeVoidAsync(""eval"", $""sessionStorage.setItem('jwt', '{value}')"")|};
}", Verify.Diagnostic("JWT030").WithLocation(0).WithArguments("sessionStorage"));
        }

        // ---- Blazored.LocalStorage / Blazored.SessionStorage ----

        [Fact]
        public async Task BlazoredLocalStorageSetItemAsync_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Blazored.LocalStorage;
public class LoginResult { public string Token { get; set; } = """"; }
class C
{
    private readonly ILocalStorageService _localStorage;
    private readonly ISyncLocalStorageService _sync;
    C(ILocalStorageService localStorage, ISyncLocalStorageService sync) { _localStorage = localStorage; _sync = sync; }

    async Task Save(LoginResult loginResult, string value)
    {
        await {|#0:_localStorage.SetItemAsync(""authToken"", loginResult.Token)|};
        await {|JWT030:_localStorage.SetItemAsStringAsync(""refreshToken"", value)|};
        {|JWT030:_sync.SetItem(""user"", loginResult)|};
        {|JWT030:_sync.SetItemAsString(""jwt"", value)|};
        await _localStorage.SetItemAsync(""theme"", ""dark"");
        await _localStorage.SetItemAsync(""cartCount"", 3);
        var stored = await _localStorage.GetItemAsync<string>(""authToken"");
        await _localStorage.RemoveItemAsync(""authToken"");
    }
}", Verify.Diagnostic("JWT030").WithLocation(0).WithArguments("localStorage"));
        }

        [Fact]
        public async Task BlazoredSessionStorage_ReportsSessionStorage()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Blazored.SessionStorage;
class C
{
    async Task Save(ISessionStorageService session, ISyncSessionStorageService sync, string accessToken, string theme, CancellationToken cancellationToken)
    {
        await {|#0:session.SetItemAsync(""token"", accessToken, cancellationToken)|};
        {|#1:sync.SetItemAsString(""prefs"", accessToken)|};
        await session.SetItemAsync(""theme"", theme, cancellationToken);
        sync.SetItemAsString(""prefs"", theme);
    }
}", Verify.Diagnostic("JWT030").WithLocation(0).WithArguments("sessionStorage"),
                Verify.Diagnostic("JWT030").WithLocation(1).WithArguments("sessionStorage"));
        }

        [Fact]
        public async Task BlazoredWrapperWithGenericKeyAndValue_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Blazored.LocalStorage;
class StorageWrapper
{
    private readonly ILocalStorageService _storage;
    StorageWrapper(ILocalStorageService storage) => _storage = storage;
    public ValueTask SaveAsync<T>(string key, T item) => _storage.SetItemAsync(key, item);
}");
        }

        [Fact]
        public async Task ProtectedBrowserStorage_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
class C
{
    async Task Save(ProtectedLocalStorage local, ProtectedSessionStorage session, string accessToken)
    {
        await local.SetAsync(""authToken"", accessToken);
        await session.SetAsync(""jwt"", accessToken);
    }
}");
        }

        [Fact]
        public async Task UnrelatedTypeWithSameMethodNames_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Threading.Tasks;
class FakeRuntime
{
    public Task InvokeVoidAsync(string identifier, params object[] args) => Task.CompletedTask;
    public Task SetItemAsync(string key, string data) => Task.CompletedTask;
}
class C
{
    async Task Save(FakeRuntime js, string token)
    {
        await js.InvokeVoidAsync(""localStorage.setItem"", ""authToken"", token);
        await js.SetItemAsync(""authToken"", token);
    }
}");
        }

        // ---- Razor components: generated code is analysed ----

        [Fact]
        public async Task GeneratedRazorCode_Reports()
        {
            var test = new Verify.Test
            {
                TestCode = @"// <auto-generated/>
#pragma warning disable 1591
namespace Sample.Components
{
    using System.Threading.Tasks;
    using Microsoft.JSInterop;
    public partial class TokenStorage : Microsoft.AspNetCore.Components.ComponentBase
    {
        [Microsoft.AspNetCore.Components.InjectAttribute] private IJSRuntime JS { get; set; } = default!;
        private async Task SaveAsync(string accessToken)
        {
#line 12 ""/app/Components/TokenStorage.razor""
            await {|JWT030:JS.InvokeVoidAsync(""localStorage.setItem"", ""accessToken"", accessToken)|};
#line default
        }
    }
}",
            };
            await test.RunAsync(CancellationToken.None);
        }

        // ---- Robustness: broken code is silent, never throws ----

        [Fact]
        public async Task MissingArguments_DoNotReport()
        {
            await Reports(@"await js.InvokeVoidAsync(""localStorage.setItem"");
        await js.InvokeVoidAsync(""localStorage.setItem"", ""token"");
        await js.InvokeVoidAsync(""localStorage.setItem"", null);
        await js.InvokeVoidAsync(""eval"");
        await js.InvokeVoidAsync(""eval"", ""localStorage.setItem('token'"");
        await js.InvokeVoidAsync(""eval"", ""localStorage['token'"");
        await js.InvokeVoidAsync(""eval"", ""localStorage.setItem("");
        await js.InvokeVoidAsync(""eval"", ""localStorage"");");
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
using Blazored.LocalStorage;
class C
{
    async Task Save(IJSRuntime js, ILocalStorageService storage, Unknown thing, string token)
    {
        await js.InvokeVoidAsync(""localStorage.setItem"", ""token"", token
        await js.InvokeVoidAsync(UnknownIdentifier, ""token"", token);
        await js.InvokeVoidAsync(""localStorage.setItem"", , token);
        await js.InvokeVoidAsync(""localStorage.setItem"", ""x"", thing.Token);
        await storage.SetItemAsync(""token"");
        await storage.SetItemAsync(, token);
        await undefinedRuntime.InvokeVoidAsync(""localStorage.setItem"", ""token"", token);
        await js.InvokeVoidAsync(""eval"", $""localStorage.setItem('token', '{missing}'"");
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task NoJSInteropOrBlazoredReferences_DoesNotReport()
        {
            const string source = @"
class C
{
    void Save(dynamic js, string token) => js.InvokeVoidAsync(""localStorage.setItem"", ""token"", token);
}";
            var test = new Verify.Test();
            test.TestState.AdditionalReferences.Clear();
            test.TestState.AdditionalReferences.AddRange(Verifiers.References.Net80);
            test.TestState.Sources.Clear();
            test.TestState.Sources.Add(source);
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            await test.RunAsync(CancellationToken.None);
        }

        // ---- Known gaps (documented, not reported) ----

        [Fact]
        public async Task WrapperServiceCalledWithTokenKey_DoesNotReport_KnownGap()
        {
            // Known gap: a user-written wrapper around setItem is analysed where it calls JS interop (generic key
            // and value: silent); its callers are not followed across methods.
            await Verify.VerifyAnalyzerAsync(Usings + @"
class BrowserStorage
{
    private readonly IJSRuntime _js;
    public BrowserStorage(IJSRuntime js) => _js = js;
    public ValueTask SetAsync(string key, string value) => _js.InvokeVoidAsync(""localStorage.setItem"", key, value);
}
class C
{
    async Task Save(BrowserStorage storage, string token) => await storage.SetAsync(""authToken"", token);
}");
        }

        [Fact]
        public async Task ArgsArrayFilledLater_DoesNotReport_KnownGap()
        {
            // Known gap: the args array is not a creation the analyzer can read element by element.
            await Reports(@"var args = new object[2];
        args[0] = ""authToken"";
        args[1] = token;
        await js.InvokeVoidAsync(""localStorage.setItem"", args);");
        }
    }
}
