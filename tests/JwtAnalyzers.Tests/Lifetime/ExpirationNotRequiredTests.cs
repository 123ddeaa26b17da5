using System.Threading.Tasks;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.ExpirationNotRequiredAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.EnableValidationFlagCodeFixProvider>;

namespace JwtAnalyzers.Tests.Lifetime
{
    // JWT002 shares its engine with JWT001 (ValidationFlagAnalyzer); these tests cover each shape once more
    // against RequireExpirationTime so that a wiring mistake in either rule shows.
    public class ExpirationNotRequiredTests
    {
        [Fact]
        public async Task RequireExpirationTimeFalse_InInitializerAndThroughReceiver_Reports_AndFixAllSetsTrue()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

class C
{
    private const bool Required = false;

    void M(JwtBearerOptions options)
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateLifetime = true,
            {|JWT002:RequireExpirationTime = false|},
        };
        {|JWT002:options.TokenValidationParameters.RequireExpirationTime = Required|};
    }
}", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

class C
{
    private const bool Required = false;

    void M(JwtBearerOptions options)
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateLifetime = true,
            RequireExpirationTime = true,
        };
        options.TokenValidationParameters.RequireExpirationTime = true;
    }
}");
        }

        [Fact]
        public async Task RequireExpirationTimeFromConfigurationOrEnvironment_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, IConfiguration configuration, IWebHostEnvironment env)
    {
        p.RequireExpirationTime = configuration.GetValue(""Jwt:RequireExp"", true);
        p.RequireExpirationTime = !env.IsDevelopment();
        p.RequireExpirationTime = true;
    }
}");
        }

        [Fact]
        public async Task RefreshFlowHelper_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    async Task<ClaimsIdentity> GetIdentityFromExpiredTokenAsync(string token, SecurityKey key)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        return result.ClaimsIdentity;
    }
}");
        }

        [Fact]
        public async Task RequireExpirationTimeFalseInsideDevelopmentBranch_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters M(IHostEnvironment env) => new TokenValidationParameters
    {
        RequireExpirationTime = env.IsDevelopment() ? false : true,
    };
}");
        }
    }
}
