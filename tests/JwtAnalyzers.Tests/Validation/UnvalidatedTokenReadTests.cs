using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<JwtAnalyzers.Validation.UnvalidatedTokenReadAnalyzer>;

namespace JwtAnalyzers.Tests.Validation
{
    public class UnvalidatedTokenReadTests
    {
        private const string Usings = @"
using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
";

        [Fact]
        public async Task ReadJwtTokenClaimsBuildTicketInAuthenticationHandler_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class BearerHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public BearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder) { }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.Substring(""Bearer "".Length);
        var jwt = {|JWT044:new JwtSecurityTokenHandler().ReadJwtToken(token)|};
        var identity = new ClaimsIdentity(jwt.Claims, Scheme.Name);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }
}");
        }

        [Fact]
        public async Task JwtSecurityTokenConstructorSetsHttpContextUserInMiddleware_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenMiddleware
{
    private readonly RequestDelegate _next;
    public TokenMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        string? token = context.Request.Cookies[""access_token""];
        if (token != null)
        {
            var jwt = {|JWT044:new JwtSecurityToken(token)|};
            var claims = new List<Claim>();
            foreach (var claim in jwt.Claims) claims.Add(claim);
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, ""jwt""));
        }

        await _next(context);
    }
}");
        }

        [Fact]
        public async Task ReadJsonWebTokenRoleDecidesFilterResult_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

class AdminOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var raw = context.HttpContext.Request.Headers.Authorization.ToString().Replace(""Bearer "", """");
        var token = {|JWT044:new JsonWebTokenHandler().ReadJsonWebToken(raw)|};
        var role = token.Claims.FirstOrDefault(c => c.Type == ""role"")?.Value;
        if (role != ""admin"")
        {
            context.Result = new ForbidResult();
        }
    }
}");
        }

        [Fact]
        public async Task ReadTokenClaimDecidesAuthorizationRequirement_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Authorization;

class AdminRequirement : IAuthorizationRequirement { }

class AdminHandler : AuthorizationHandler<AdminRequirement>
{
    private readonly IHttpContextAccessor _accessor;
    public AdminHandler(IHttpContextAccessor accessor) => _accessor = accessor;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        var raw = _accessor.HttpContext!.Request.Headers.Authorization.ToString()[7..];
        var jwt = {|JWT044:new JwtSecurityTokenHandler().ReadToken(raw)|} as JwtSecurityToken;
        if (jwt != null && jwt.Claims.Any(c => c.Type == ""role"" && c.Value == ""admin""))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}");
        }

        [Fact]
        public async Task RoleClaimDecidesStatusCodeInMiddleware_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class AdminGate
{
    private readonly RequestDelegate _next;
    public AdminGate(RequestDelegate next) => _next = next;

    public async Task Invoke(HttpContext context)
    {
        var token = context.Request.Headers[""X-Token""].ToString();
        var payload = {|JWT044:new JwtSecurityTokenHandler().ReadJwtToken(token)|}.Payload;
        if (!payload.TryGetValue(""role"", out var role) || (string)role != ""admin"")
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await _next(context);
    }
}");
        }

        [Fact]
        public async Task JwtNetDecodeWithoutVerification_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using JWT;
using JWT.Builder;
using JWT.Serializers;

class JwtNetAuth
{
    public ClaimsPrincipal FromDecoder(IJwtDecoder decoder, string token, byte[] key)
    {
        var payload = {|JWT044:decoder.DecodeToObject<Dictionary<string, object>>(token, key, verify: false)|};
        var claims = payload.Select(p => new Claim(p.Key, p.Value.ToString() ?? """"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ""jwt""));
    }

    public ClaimsPrincipal FromBuilder(string token)
    {
        var json = {|JWT044:new JwtBuilder().DoNotVerifySignature().Decode<IDictionary<string, object>>(token)|};
        return new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, json[""name""].ToString()!) }, ""jwt""));
    }

    public ClaimsPrincipal FromValidatorlessDecoder(string token)
    {
        IJsonSerializer serializer = new JsonNetSerializer();
        IJwtDecoder decoder = new JwtDecoder(serializer, new JwtBase64UrlEncoder());
        var json = {|JWT044:decoder.Decode(token)|};
        return new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim(""payload"", json) }));
    }
}");
        }

        [Fact]
        public async Task JosePayloadBuildsPrincipal_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class JoseAuth
{
    public void SignIn(HttpContext context, string token)
    {
        var payload = {|JWT044:Jose.JWT.Payload<Dictionary<string, object>>(token)|};
        var identity = new ClaimsIdentity(""jose"");
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, payload[""sub""].ToString()!));
        context.User = new ClaimsPrincipal(identity);
    }
}");
        }

        [Fact]
        public async Task ClaimsReturnedByHelperAndUsedByCaller_ReportsInfo()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenReader
{
    private static IEnumerable<Claim> ClaimsOf(string token)
    {
        var jwt = {|#0:new JwtSecurityTokenHandler().ReadJwtToken(token)|};
        return jwt.Claims;
    }

    public ClaimsPrincipal PrincipalOf(string token) => new ClaimsPrincipal(new ClaimsIdentity(ClaimsOf(token), ""jwt""));
}", Verify.Diagnostic("JWT044").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ReadJwtToken"));
        }

        [Fact]
        public async Task ClaimsReturnedByHelperAndUsedByConditionalCaller_ReportsInfo()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenReader
{
    private IEnumerable<Claim> ClaimsOf(string token)
    {
        var jwt = {|#0:new JwtSecurityTokenHandler().ReadJwtToken(token)|};
        return jwt.Claims;
    }

    // The helper reached through ?. is still one call away: // ClaimsOf(token) in a comment is not a caller.
    public ClaimsPrincipal PrincipalOf(TokenReader? reader, string token) => new ClaimsPrincipal(new ClaimsIdentity(reader?.ClaimsOf(token), ""jwt""));
}", Verify.Diagnostic("JWT044").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ReadJwtToken"));
        }

        [Fact]
        public async Task ClaimsReturnedByHelperAndDecidingAccessInNestedBranch_ReportsInfo()
        {
            // The caller's access outcome sits two branches deep, and its first if tests something else.
            await Verify.VerifyAnalyzerAsync(Usings + @"
class RoleGate
{
    private readonly RequestDelegate _next;
    public RoleGate(RequestDelegate next) => _next = next;

    private static string? RoleOf(string token)
    {
        var jwt = {|#0:new JwtSecurityTokenHandler().ReadJwtToken(token)|};
        return jwt.Claims.FirstOrDefault(c => c.Type == ""role"")?.Value;
    }

    public async Task Invoke(HttpContext context)
    {
        var role = RoleOf(context.Request.Headers[""X-Token""].ToString());
        if (context.Request.Path.StartsWithSegments(""/admin""))
        {
            if (role != ""admin"")
            {
                context.Response.StatusCode = 403;
                return;
            }
        }

        await _next(context);
    }
}", Verify.Diagnostic("JWT044").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ReadJwtToken"));
        }

        [Fact]
        public async Task HelpersOneCallAwayInExemptCode_DoNotReport()
        {
            // The reads are in plain helpers; what their data decides happens one call away in exempt code: an
            // [Authorize] controller (the caller, after the framework validated the request's token) and an
            // AuthenticationStateProvider (the method the token is passed to, which only shows who is signed in).
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

static class TokenClaims
{
    public static IEnumerable<Claim> Of(string token)
    {
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        return jwt.Claims;
    }

    public static void Show(string token, TokenStateProvider provider)
    {
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        provider.SignedIn(jwt);
    }
}

[Authorize]
class ProfileController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok(new ClaimsIdentity(TokenClaims.Of(Request.Headers.Authorization.ToString()[7..])).Name);
}

class TokenStateProvider : AuthenticationStateProvider
{
    private ClaimsPrincipal _user = new ClaimsPrincipal();

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

    public void SignedIn(JwtSecurityToken jwt) => _user = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""jwt""));
}");
        }

        [Fact]
        public async Task TokenPassedToHelperThatBuildsPrincipal_ReportsInfo()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenMiddleware
{
    public void Authenticate(HttpContext context, string raw)
    {
        var jwt = {|#0:new JsonWebTokenHandler().ReadJsonWebToken(raw)|};
        context.User = BuildPrincipal(jwt);
        Log(jwt);
    }

    private static ClaimsPrincipal BuildPrincipal(JsonWebToken token)
        => new ClaimsPrincipal(new ClaimsIdentity(token.Claims, ""jwt""));

    private static void Log(JsonWebToken token) { }
}", Verify.Diagnostic("JWT044").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments("ReadJsonWebToken"));
        }

        [Fact]
        public async Task TokenPassedToHelperWhoseResultIsNotUsed_ReportsInfo()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    public void Remember(string raw)
    {
        var jwt = {|#0:new JwtSecurityTokenHandler().ReadJwtToken(raw)|};
        Store(jwt);
    }

    private ClaimsPrincipal? _principal;

    private void Store(JwtSecurityToken token) => _principal = new ClaimsPrincipal(new ClaimsIdentity(token.Claims, ""jwt""));
}", Verify.Diagnostic("JWT044").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ReadJwtToken"));
        }

        [Fact]
        public async Task ValidatedBeforeRead_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    private readonly TokenValidationParameters _parameters = new TokenValidationParameters();

    public ClaimsPrincipal A(string token)
    {
        var handler = new JwtSecurityTokenHandler();
        handler.ValidateToken(token, _parameters, out _);
        var jwt = handler.ReadJwtToken(token);
        return new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""jwt""));
    }

    public async Task<ClaimsPrincipal?> B(string token)
    {
        var handler = new JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid) return null;
        var jwt = handler.ReadJsonWebToken(token);
        return new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""jwt""));
    }

    public ClaimsPrincipal? C(string token)
    {
        if (!IsTokenValid(token)) return null;
        var jwt = new JwtSecurityToken(token);
        return new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""jwt""));
    }

    private bool IsTokenValid(string token) => true;
}");
        }

        [Fact]
        public async Task ValidatedOnlyInOtherBranch_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenMiddleware
{
    public async Task Authenticate(HttpContext context, string raw, TokenValidationParameters parameters)
    {
        if (context.Request.Path.StartsWithSegments(""/legacy""))
        {
            var jwt = {|JWT044:new JwtSecurityTokenHandler().ReadJwtToken(raw)|};
            context.User = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""legacy""));
        }
        else
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(raw, parameters);
            if (result.IsValid) context.User = new ClaimsPrincipal(result.ClaimsIdentity);
        }
    }
}");
        }

        [Fact]
        public async Task AuthenticationStateProviderReadsForDisplay_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Components.Authorization;

class JwtAuthenticationStateProvider : AuthenticationStateProvider
{
    private string? _token;

    public override Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        if (string.IsNullOrEmpty(_token)) return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(_token);
        var identity = new ClaimsIdentity(jwt.Claims, ""jwt"");
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity)));
    }
}");
        }

        [Fact]
        public async Task ReadForLoggingOrExpiry_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenInspector
{
    private readonly RequestDelegate _next;
    private readonly ILogger<TokenInspector> _logger;

    public TokenInspector(RequestDelegate next, ILogger<TokenInspector> logger) { _next = next; _logger = logger; }

    public async Task InvokeAsync(HttpContext context)
    {
        var raw = context.Request.Headers.Authorization.ToString().Replace(""Bearer "", """");
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw);
        _logger.LogInformation(""Token for {Subject} expires at {Expiry}"", jwt.Subject, jwt.ValidTo);
        if (jwt.ValidTo < DateTime.UtcNow)
        {
            context.Response.StatusCode = 401;
            return;
        }

        await _next(context);
    }

    public string Issuer(string raw) => new JsonWebToken(raw).Issuer;
}");
        }

        [Fact]
        public async Task TrustedTokenSources_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using System.Net.Http;
using System.Net.Http.Json;

record LoginResponse(string Token);

class TrustedSources
{
    public async Task SignInWithApiTokenAsync(HttpContext context, HttpClient client)
    {
        var response = await client.PostAsJsonAsync(""/api/login"", new { });
        var login = await response.Content.ReadFromJsonAsync<LoginResponse>();
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(login!.Token);
        await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""Cookies"")));
    }

    public async Task FromTicketAsync(HttpContext context)
    {
        var accessToken = await context.GetTokenAsync(""access_token"");
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(accessToken);
        context.User.AddIdentity(new ClaimsIdentity(jwt.Claims));
    }

    public ClaimsPrincipal SelfIssued(SecurityTokenDescriptor descriptor)
    {
        var handler = new JwtSecurityTokenHandler();
        var written = handler.WriteToken(handler.CreateToken(descriptor));
        var jwt = handler.ReadJwtToken(written);
        return new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims));
    }
}");
        }

        [Fact]
        public async Task AuthorizedEndpointAndTokenValidatedEvent_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

[Authorize]
[ApiController]
class ProfileController : ControllerBase
{
    [HttpGet]
    public IActionResult Get()
    {
        var raw = Request.Headers.Authorization.ToString()[7..];
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw);
        var identity = new ClaimsIdentity(jwt.Claims);
        return Ok(identity.Name);
    }
}

static class Events
{
    public static JwtBearerEvents Create() => new JwtBearerEvents
    {
        OnTokenValidated = context =>
        {
            var raw = context.Request.Headers.Authorization.ToString()[7..];
            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw);
            context.Principal!.AddIdentity(new ClaimsIdentity(jwt.Claims.Where(c => c.Type == ""scope"")));
            return Task.CompletedTask;
        },
    };
}");
        }

        [Fact]
        public async Task JwtNetVerifyingDecodeAndIssuingRefresh_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using JWT;
using JWT.Builder;

class Verified
{
    public ClaimsPrincipal FromDecoder(IJwtDecoder decoder, string token, byte[] key)
    {
        var payload = decoder.DecodeToObject<Dictionary<string, object>>(token, key, verify: true);
        return new ClaimsPrincipal(new ClaimsIdentity(payload.Select(p => new Claim(p.Key, p.Value.ToString() ?? """"))));
    }

    public ClaimsPrincipal FromBuilder(string token, string secret)
    {
        var json = new JwtBuilder().WithSecret(secret).MustVerifySignature().Decode<IDictionary<string, object>>(token);
        return new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, json[""name""].ToString()!) }));
    }

    // Issuing a new token from the old one's claims: the identity goes into a token, not into the request.
    public string Refresh(string expired, SigningCredentials credentials)
    {
        var old = new JwtSecurityTokenHandler().ReadJwtToken(expired);
        var descriptor = new SecurityTokenDescriptor { Subject = new ClaimsIdentity(old.Claims), SigningCredentials = credentials };
        return new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
    }
}");
        }

        [Fact]
        public async Task TokenStoredInFieldAndUsedElsewhere_DoesNotReport()
        {
            // Known gap: the data leaves through a field; following it across members is not provable here.
            await Verify.VerifyAnalyzerAsync(Usings + @"
class Session
{
    private JwtSecurityToken? _token;

    public void Load(string raw) => _token = new JwtSecurityTokenHandler().ReadJwtToken(raw);

    public ClaimsPrincipal Principal => new ClaimsPrincipal(new ClaimsIdentity(_token!.Claims, ""jwt""));
}");
        }

        [Fact]
        public async Task ReadInGeneratedRazorComponentCode_ReportsWarning()
        {
            await Verify.VerifyAnalyzerAsync(@"// <auto-generated/>
#pragma warning disable 1591
" + Usings + @"
namespace App.Components
{
    public partial class SignIn
    {
        private void Apply(HttpContext context, string token)
        {
            var jwt = {|JWT044:new JwtSecurityTokenHandler().ReadJwtToken(token)|};
            context.User = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""jwt""));
        }
    }
}");
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
class Broken
{
    public void A(HttpContext context, string token)
    {
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken();
        context.User = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims);
        var other = new JwtSecurityToken(token
        var x = Unknown.ReadJwtToken(token);
        var y = new JsonWebTokenHandler().ReadJsonWebToken(token).;
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
