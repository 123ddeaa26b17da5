using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Validation.AcceptAllValidatorAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.RemoveAcceptAllValidatorCodeFixProvider>;

namespace JwtAnalyzers.Tests.Validation
{
    public class AcceptAllValidatorTests
    {
        [Fact]
        public async Task SignatureValidatorReturningUncheckedJsonWebToken_Reports_AndFixRemovesIt()
        {
            // The well-known ".NET 8 401 workaround".
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create(SecurityKey key) => new TokenValidationParameters
    {
        ValidateIssuer = true,
        {|JWT006:SignatureValidator|} = (token, parameters) => new JsonWebToken(token),
        IssuerSigningKey = key,
    };
}", @"
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create(SecurityKey key) => new TokenValidationParameters
    {
        ValidateIssuer = true,
        IssuerSigningKey = key,
    };
}");
        }

        [Fact]
        public async Task AcceptAllDelegatesOfEveryKind_Report_AndFixAllRemovesThem()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|JWT006:options.TokenValidationParameters.LifetimeValidator|} = (notBefore, expires, token, parameters) => true;
            {|JWT006:options.TokenValidationParameters.AudienceValidator|} = delegate { return true; };
            {|JWT006:options.TokenValidationParameters.IssuerValidator|} = (issuer, token, parameters) => issuer;
            {|JWT006:options.TokenValidationParameters.IssuerSigningKeyValidator|} = (key, token, parameters) => true;
            {|JWT006:options.TokenValidationParameters.TokenReplayValidator|} = (expires, token, parameters) => true;
            {|JWT006:options.TokenValidationParameters.AlgorithmValidator|} = (algorithm, key, token, parameters) => true;
            {|JWT006:options.TokenValidationParameters.TypeValidator|} = (type, token, parameters) => type;
            {|JWT006:options.TokenValidationParameters.SignatureValidator|} = delegate (string token, TokenValidationParameters parameters)
            {
                var jwt = new JwtSecurityToken(token);
                return jwt;
            };
            options.SaveToken = true;
        });
    }
}", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.SaveToken = true;
        });
    }
}");
        }

        [Fact]
        public async Task LastInitializerMemberWithoutComma_FixKeepsLayout()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        {|JWT006:TypeValidator|} = (type, token, parameters) => ""JWT""
    };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true
    };
}");
        }

        [Fact]
        public async Task MethodGroupsLocalFunctionsAndReaders_Report()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    private readonly ILogger _logger;
    public C(ILogger logger) { _logger = logger; }

    void M(TokenValidationParameters p, TokenValidationParameters q, TokenValidationParameters r, bool strict)
    {
        {|JWT006:p.IssuerValidator|} = AcceptIssuer;
        {|JWT006:p.LifetimeValidator|} = new LifetimeValidator(AnyLifetime);
        {|JWT006:p.SignatureValidator|} = ReadOnly;
        {|JWT006:q.SignatureValidator|} = (token, parameters) => new JwtSecurityTokenHandler().ReadJwtToken(token);
        {|JWT006:q.AudienceValidator|} = (audiences, token, parameters) =>
        {
            _logger.LogInformation(""Audience accepted"");
            return true;
        };
        {|JWT006:r.LifetimeValidator|} = strict ? (a, b, c, d) => true : (a, b, c, d) => true;

        SecurityToken ReadOnly(string token, TokenValidationParameters parameters)
        {
            var handler = new JsonWebTokenHandler();
            return handler.ReadJsonWebToken(token);
        }
    }

    static string AcceptIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters) => issuer;

    static bool AnyLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null) return true;
        return true;
    }
}");
        }

        [Fact]
        public async Task DelegatesThatReallyCheck_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    private readonly HashSet<string> _tenants = new HashSet<string>();

    void M(TokenValidationParameters p, TokenValidationParameters q, SecurityKey key)
    {
        p.LifetimeValidator = (notBefore, expires, token, parameters) => expires != null && expires > DateTime.UtcNow;
        p.AudienceValidator = (audiences, token, parameters) => audiences.Contains(""api"");
        p.IssuerValidator = (issuer, token, parameters) =>
            _tenants.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException(""Unknown tenant"");
        p.SignatureValidator = (token, parameters) =>
        {
            var jwt = new JsonWebToken(token);
            if (jwt.Alg == ""none"") throw new SecurityTokenInvalidSignatureException(""unsigned"");
            return jwt;
        };
        p.IssuerSigningKeyValidator = (signingKey, token, parameters) => signingKey.KeyId == key.KeyId;
        p.TokenReplayValidator = (expires, token, parameters) => Remember(token);
        p.TypeValidator = (type, token, parameters) => type == ""at+jwt"" ? type : throw new SecurityTokenInvalidTypeException(type);
        p.AlgorithmValidator = (algorithm, signingKey, token, parameters) => algorithm == SecurityAlgorithms.RsaSha256;

        q.LifetimeValidator = (notBefore, expires, token, parameters) =>
        {
            Validators.ValidateLifetime(notBefore, expires, token, parameters);
            return true;
        };
        q.SignatureValidator = (token, parameters) => Validate(token, parameters);
        q.IssuerValidator = Validators.ValidateIssuer;
        q.AudienceValidator = (audiences, token, parameters) => false;
        q.SignatureValidator = (token, parameters) => new JsonWebToken(""eyJ..."");
    }

    static bool Remember(string token) => token.Length > 0;

    static SecurityToken Validate(string token, TokenValidationParameters parameters)
    {
        new JwtSecurityTokenHandler().ValidateToken(token, parameters, out var validated);
        return validated;
    }
}");
        }

        [Fact]
        public async Task OtherDelegatePropertiesAndVirtualMethods_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Collections.Generic;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p)
    {
        // A token reader parses; the signature is still validated afterwards.
        p.TokenReader = (token, parameters) => new JsonWebToken(token);
        p.IssuerValidator = Accept;
        p.IssuerValidator = null;
    }

    protected virtual string Accept(string issuer, SecurityToken token, TokenValidationParameters parameters) => issuer;
}");
        }

        [Fact]
        public async Task MethodGroupDeclaredInAnotherFile_DoesNotReport_KnownGap()
        {
            // Known gap: reading a method in another file needs another semantic model (RS1030), so it is not inspected.
            var test = new Verify.Test { TestCode = @"
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p) => p.IssuerValidator = IssuerPolicy.Accept;
}" };
            test.TestState.Sources.Add(("IssuerPolicy.cs", @"
using Microsoft.IdentityModel.Tokens;

static class IssuerPolicy
{
    public static string Accept(string issuer, SecurityToken token, TokenValidationParameters parameters) => issuer;
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task AcceptAllInsideDevelopmentBranch_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, IHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            p.SignatureValidator = (token, parameters) => new JsonWebToken(token);
        }
    }
}");
        }

        [Fact]
        public async Task AcceptAllInRazorGeneratedCode_Reports()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Pages_Login_razor.g.cs", @"// <auto-generated/>
using Microsoft.IdentityModel.Tokens;

public partial class Login
{
    private TokenValidationParameters _p = new TokenValidationParameters { {|JWT006:LifetimeValidator|} = (a, b, c, d) => true };
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BrokenCode_DoesNotThrowOrReport()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, Unknown u)
    {
        p.SignatureValidator = (token, parameters) => new JsonWebToken(;
        p.IssuerValidator = (issuer) => issuer;
        p.LifetimeValidator = (a, b, c, d) => { return; };
        p.AudienceValidator = Missing;
        p.TypeValidator = u.Validate;
        p.AlgorithmValidator = (a, b, c, d) =>
",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
