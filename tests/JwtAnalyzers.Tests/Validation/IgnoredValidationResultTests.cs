using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Validation.IgnoredValidationResultAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.CheckValidationResultCodeFixProvider>;

namespace JwtAnalyzers.Tests.Validation
{
    public class IgnoredValidationResultTests
    {
        private const string Usings = @"
using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
";

        [Fact]
        public async Task AwaitedResultDiscarded_Reports_WithoutFix()
        {
            var source = Usings + @"
class TokenService
{
    private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler();

    public async Task<bool> CheckAsync(string token, TokenValidationParameters parameters)
    {
        await {|JWT045:_handler.ValidateTokenAsync(token, parameters)|};
        return true;
    }
}";
            await Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public async Task ResultAssignedToDiscardOrNotAwaited_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    public async Task CheckAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        _ = await {|JWT045:handler.ValidateTokenAsync(token, parameters)|};
        _ = await {|JWT045:handler.ValidateTokenAsync(token, parameters)|}.ConfigureAwait(false);
        {|JWT045:handler.ValidateTokenAsync(token, parameters)|};
    }
}");
        }

        [Fact]
        public async Task JwtSecurityTokenHandlerResultDiscarded_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using System.IdentityModel.Tokens.Jwt;

class TokenService
{
    public async Task CheckAsync(string token, TokenValidationParameters parameters)
    {
        var handler = new JwtSecurityTokenHandler();
        await {|JWT045:handler.ValidateTokenAsync(token, parameters)|};
    }
}");
        }

        [Fact]
        public async Task ClaimsIdentityUsedWithoutIsValid_Reports_AndFixReturnsNull()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler();

    public async Task<ClaimsPrincipal?> GetPrincipalAsync(string token, TokenValidationParameters parameters)
    {
        var result = await {|JWT045:_handler.ValidateTokenAsync(token, parameters)|};
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}", Usings + @"
class TokenService
{
    private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler();

    public async Task<ClaimsPrincipal?> GetPrincipalAsync(string token, TokenValidationParameters parameters)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}");
        }

        [Fact]
        public async Task ClaimsUsedInTaskMethod_Reports_AndFixReturns()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
using Microsoft.AspNetCore.Http;

class TokenMiddleware
{
    private readonly RequestDelegate _next;
    private readonly TokenValidationParameters _parameters;

    public TokenMiddleware(RequestDelegate next, TokenValidationParameters parameters)
    {
        _next = next;
        _parameters = parameters;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var token = context.Request.Headers.Authorization.ToString();
        var validation = await {|JWT045:new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters)|};
        context.Items[""userId""] = validation.Claims[""sub""];
        await _next(context);
    }
}", Usings + @"
using Microsoft.AspNetCore.Http;

class TokenMiddleware
{
    private readonly RequestDelegate _next;
    private readonly TokenValidationParameters _parameters;

    public TokenMiddleware(RequestDelegate next, TokenValidationParameters parameters)
    {
        _next = next;
        _parameters = parameters;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var token = context.Request.Headers.Authorization.ToString();
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters);
        if (!validation.IsValid)
        {
            return;
        }
        context.Items[""userId""] = validation.Claims[""sub""];
        await _next(context);
    }
}");
        }

        [Fact]
        public async Task TwoResultsUsedWithoutCheck_FixAllThrowsAndReturnsFalse()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler();

    public async Task<ClaimsPrincipal> GetPrincipalAsync(string token, TokenValidationParameters parameters)
    {
        var result = await {|JWT045:_handler.ValidateTokenAsync(token, parameters)|};
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<bool> IsAdminAsync(string token, TokenValidationParameters parameters)
    {
        var result = await {|JWT045:_handler.ValidateTokenAsync(token, parameters)|}.ConfigureAwait(false);
        var jwt = (JsonWebToken)result.SecurityToken;
        return jwt.GetClaim(""role"").Value == ""admin"";
    }
}", @"
using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class TokenService
{
    private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler();

    public async Task<ClaimsPrincipal> GetPrincipalAsync(string token, TokenValidationParameters parameters)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            throw new UnauthorizedAccessException(""The token is not valid."", result.Exception);
        }
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<bool> IsAdminAsync(string token, TokenValidationParameters parameters)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return false;
        }
        var jwt = (JsonWebToken)result.SecurityToken;
        return jwt.GetClaim(""role"").Value == ""admin"";
    }
}");
        }

        [Fact]
        public async Task ThrowFixAddsUsingSystem()
        {
            await Verify.VerifyCodeFixAsync(@"
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class TokenService
{
    public async Task<ClaimsIdentity> GetIdentityAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await {|JWT045:handler.ValidateTokenAsync(token, parameters)|};
        return result.ClaimsIdentity;
    }
}", @"
using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class TokenService
{
    public async Task<ClaimsIdentity> GetIdentityAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            throw new UnauthorizedAccessException(""The token is not valid."", result.Exception);
        }
        return result.ClaimsIdentity;
    }
}");
        }

        [Fact]
        public async Task ResultMemberUsedDirectly_Reports_WithoutFix()
        {
            var source = Usings + @"
class TokenService
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
        => new ClaimsPrincipal((await {|JWT045:handler.ValidateTokenAsync(token, parameters)|}).ClaimsIdentity);
}";
            await Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public async Task IsValidCheckedFirst_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    public async Task<ClaimsPrincipal?> A(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid) return null;
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<ClaimsPrincipal?> B(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    public async Task<ClaimsPrincipal?> C(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (result is not { IsValid: true }) return null;
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<ClaimsPrincipal> D(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (result.Exception != null) throw result.Exception;
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<ClaimsPrincipal?> E(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (result.ClaimsIdentity is null) return null;
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}");
        }

        [Fact]
        public async Task ResultReturnedOrPassedOn_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class TokenService
{
    public async Task<TokenValidationResult> A(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
        => await handler.ValidateTokenAsync(token, parameters);

    public Task<TokenValidationResult> B(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
        => handler.ValidateTokenAsync(token, parameters);

    public async Task<bool> C(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        return result.IsValid;
    }

    public async Task<bool> D(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
        => (await handler.ValidateTokenAsync(token, parameters)).IsValid;

    public async Task E(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        Log(result);
    }

    private static void Log(TokenValidationResult result) { }
}");
        }

        [Fact]
        public async Task SynchronousValidateToken_DoesNotReport()
        {
            // ValidateToken throws on failure: there is no result to ignore.
            await Verify.VerifyAnalyzerAsync(Usings + @"
using System.IdentityModel.Tokens.Jwt;

class TokenService
{
    public ClaimsPrincipal A(string token, TokenValidationParameters parameters)
    {
        var handler = new JwtSecurityTokenHandler();
        handler.ValidateToken(token, parameters, out _);
        return handler.ValidateToken(token, parameters, out _);
    }
}");
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
class TokenService
{
    public async Task A(JsonWebTokenHandler handler, string token)
    {
        await handler.ValidateTokenAsync(token, );
        var result = await handler.ValidateTokenAsync(;
        var x = result.ClaimsIdentity;
        await unknown.ValidateTokenAsync(token);
        var r2 = await handler.ValidateTokenAsync(token, new TokenValidationParameters())
        Console.WriteLine(r2.Claims
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
