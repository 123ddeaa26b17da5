using System.Threading.Tasks;
using JwtAnalyzers.CodeFixes;
using JwtAnalyzers.CodeFixes.Validation;
using JwtAnalyzers.Lifetime;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.DisabledLifetimeValidationAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.EnableValidationFlagCodeFixProvider>;

namespace JwtAnalyzers.Tests.Lifetime
{
    public class DisabledLifetimeValidationTests
    {
        [Fact]
        public async Task ValidateLifetimeFalseInInitializer_Reports_AndFixSetsTrue()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        {|JWT001:ValidateLifetime = false|}, // keep me
    };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        ValidateLifetime = true, // keep me
    };
}");
        }
    }
}
