using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Validation.UnsignedTokensAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.UnsignedTokensCodeFixProvider>;
using VerifyRemoveNone = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Validation.UnsignedTokensAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.UnsignedTokensCodeFixProvider>;

namespace JwtAnalyzers.Tests.Validation
{
    public class UnsignedTokensTests
    {
        // ---- RequireSignedTokens ----

        [Fact]
        public async Task RequireSignedTokensFalseInInitializer_Reports_AndFixSetsTrue()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        {|JWT040:RequireSignedTokens = false|}, // keep me
    };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        RequireSignedTokens = true, // keep me
    };
}");
        }

        [Fact]
        public async Task RequireSignedTokensFalseAndNoneAlgorithmTogether_OneProviderFixesBoth()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        {|JWT040:RequireSignedTokens = false|},
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, {|JWT040:SecurityAlgorithms.None|} },
    };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        RequireSignedTokens = true,
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
    };
}");
        }

        [Fact]
        public async Task RequireSignedTokensFalseThroughMemberAccessAndConst_Reports_AndFixAllSetsTrue()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

static class Setup
{
    private const bool Signed = false;

    public static void Configure(IServiceCollection services, TokenValidationParameters other)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|JWT040:options.TokenValidationParameters.RequireSignedTokens = false|};
        });
        {|JWT040:other.RequireSignedTokens = Signed|};
    }
}", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

static class Setup
{
    private const bool Signed = false;

    public static void Configure(IServiceCollection services, TokenValidationParameters other)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.RequireSignedTokens = true;
        });
        other.RequireSignedTokens = true;
    }
}");
        }

        [Fact]
        public async Task RequireSignedTokensFalseInRefreshFlowHelper_StillReports()
        {
            // Reading the principal out of an expired token never needs unsigned tokens.
            await Verify.VerifyAnalyzerAsync(@"
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

class TokenService
{
    public ClaimsPrincipal GetPrincipalFromExpiredToken(string token)
    {
        var parameters = new TokenValidationParameters { ValidateLifetime = false, {|JWT040:RequireSignedTokens = false|} };
        return new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
    }
}");
        }

        [Fact]
        public async Task RequireSignedTokensFromConfigurationEnvironmentOrOverridden_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, IConfiguration configuration, IHostEnvironment env, bool signed)
    {
        p.RequireSignedTokens = true;
        p.RequireSignedTokens = configuration.GetValue<bool>(""Jwt:RequireSignedTokens"");
        p.RequireSignedTokens = signed;
        if (env.IsDevelopment())
        {
            p.RequireSignedTokens = false;
        }

        var q = new TokenValidationParameters();
        q.RequireSignedTokens = false;
        q.RequireSignedTokens = true;
    }
}");
        }

        [Fact]
        public async Task ValidateIssuerSigningKeyFalse_DoesNotReport()
        {
            // Its default; it does not control whether signatures are checked (a known false positive of other tools).
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidateIssuerSigningKey = false };
}");
        }

        // ---- the 'none' algorithm ----

        [Fact]
        public async Task SigningCredentialsWithNoneAlgorithm_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    private const string Algorithm = ""NONE"";

    void M(SecurityKey key)
    {
        var a = new SigningCredentials(key, {|JWT040:SecurityAlgorithms.None|});
        var b = new SigningCredentials(key, {|JWT040:""none""|});
        var c = new SigningCredentials(key, {|JWT040:Algorithm|});
    }
}");
        }

        [Fact]
        public async Task SigningCredentialsWithRealOrConfiguredAlgorithm_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(SecurityKey key, IConfiguration configuration)
    {
        var a = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        var b = new SigningCredentials(key, configuration[""Jwt:Algorithm""]);
    }
}");
        }

        [Fact]
        public async Task NoneInValidAlgorithms_Reports_AndFixRemovesTheElement()
        {
            await VerifyRemoveNone.VerifyCodeFixAsync(@"
using System.Collections.Generic;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, TokenValidationParameters q)
    {
        p.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, {|JWT040:""none""|} };
        q.ValidAlgorithms = new List<string>
        {
            SecurityAlgorithms.RsaSha256,
            {|JWT040:SecurityAlgorithms.None|},
        };
    }
}", @"
using System.Collections.Generic;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, TokenValidationParameters q)
    {
        p.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 };
        q.ValidAlgorithms = new List<string>
        {
            SecurityAlgorithms.RsaSha256,
        };
    }
}");
        }

        [Fact]
        public async Task NoneFirstOfSeveralValidAlgorithms_FixRemovesItAndItsComma()
        {
            await VerifyRemoveNone.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidAlgorithms = new[] { {|JWT040:""none""|}, ""RS256"" } };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidAlgorithms = new[] { ""RS256"" } };
}");
        }

        [Fact]
        public async Task NoneInAFieldArray_ReportsWhereUsed_WithoutAFix()
        {
            // The list lives in a field shared by other code: reported where it is used, and no fix is offered.
            await VerifyRemoveNone.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    private static readonly string[] Algorithms = { ""RS256"", ""none"" };
    TokenValidationParameters P = new TokenValidationParameters { ValidAlgorithms = {|JWT040:Algorithms|} };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    private static readonly string[] Algorithms = { ""RS256"", ""none"" };
    TokenValidationParameters P = new TokenValidationParameters { ValidAlgorithms = {|JWT040:Algorithms|} };
}");
        }

        [Fact]
        public async Task NoneAsTheOnlyValidAlgorithm_Reports_AndFixRemovesTheAssignment()
        {
            await VerifyRemoveNone.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        ValidAlgorithms = new[] { {|JWT040:SecurityAlgorithms.None|} },
        ValidateAudience = true,
    };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        ValidateAudience = true,
    };
}");
        }

        [Fact]
        public async Task NoneInValidAlgorithmsCollectionExpression_Reports_AndFixRemovesTheElement()
        {
            await VerifyRemoveNone.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidAlgorithms = [""RS256"", {|JWT040:""none""|}] };
}", @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidAlgorithms = [""RS256""] };
}");
        }

        [Fact]
        public async Task ValidAlgorithmsWithoutNone_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, IConfiguration configuration)
    {
        p.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256 };
        p.ValidAlgorithms = configuration.GetSection(""Jwt:Algorithms"").Get<string[]>();
        p.ValidAlgorithms = new[] { ""nonesuch"" };
    }
}");
        }

        [Fact]
        public async Task JoseJwtWithNoneAlgorithm_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Collections.Generic;

class C
{
    string M(Dictionary<string, object> payload, byte[] key)
    {
        var unsigned = Jose.JWT.Encode(payload, null, {|JWT040:Jose.JwsAlgorithm.none|});
        var signed = Jose.JWT.Encode(payload, key, Jose.JwsAlgorithm.HS256);
        return unsigned + signed;
    }
}");
        }

        // ---- tokens created without signing credentials ----

        [Fact]
        public async Task JwtSecurityTokenWithoutSigningCredentials_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

class C
{
    string M(Claim[] claims)
    {
        var handler = new JwtSecurityTokenHandler();
        var a = {|JWT040:new JwtSecurityToken(""issuer"", ""audience"", claims, expires: DateTime.UtcNow.AddMinutes(15))|};
        var b = {|JWT040:new JwtSecurityToken(issuer: ""issuer"", claims: claims, signingCredentials: null)|};
        var c = {|JWT040:new JwtSecurityToken()|};
        var d = {|JWT040:new JwtSecurityToken(new JwtHeader(), new JwtPayload(claims))|};
        return handler.WriteToken(a) + handler.WriteToken(b) + handler.WriteToken(c) + handler.WriteToken(d);
    }
}");
        }

        [Fact]
        public async Task JwtSecurityTokenSignedOrParsed_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(Claim[] claims, SigningCredentials credentials, string raw, JwtHeader header)
    {
        var a = new JwtSecurityToken(""issuer"", ""audience"", claims, null, DateTime.UtcNow.AddMinutes(15), credentials);
        var b = new JwtSecurityToken(raw);
        var c = new JwtSecurityToken(new JwtHeader(credentials), new JwtPayload(claims));
        var d = new JwtSecurityToken(header, new JwtPayload(claims));
    }
}");
        }

        [Fact]
        public async Task HandlersCreatingTokensWithoutCredentials_Report()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(string payload, ClaimsIdentity subject)
    {
        var json = new JsonWebTokenHandler();
        var a = {|JWT040:json.CreateToken(payload)|};
        var b = {|JWT040:json.CreateToken(new SecurityTokenDescriptor { Subject = subject, Expires = DateTime.UtcNow.AddMinutes(5) })|};

        var descriptor = new SecurityTokenDescriptor { Subject = subject };
        descriptor.Expires = DateTime.UtcNow.AddMinutes(5);
        var c = {|JWT040:json.CreateToken(descriptor)|};

        var jwt = new JwtSecurityTokenHandler();
        var d = {|JWT040:jwt.CreateJwtSecurityToken(""issuer"", ""audience"", subject, null, DateTime.UtcNow.AddMinutes(5), null, null)|};
        var e = {|JWT040:jwt.CreateToken(new SecurityTokenDescriptor { Subject = subject, SigningCredentials = null })|};
    }
}");
        }

        [Fact]
        public async Task HandlersCreatingSignedOrEncryptedTokens_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(string payload, ClaimsIdentity subject, SigningCredentials credentials, EncryptingCredentials encrypting, SecurityTokenDescriptor fromCaller)
    {
        var json = new JsonWebTokenHandler();
        var a = json.CreateToken(payload, credentials);
        var b = json.CreateToken(payload, encrypting);
        var c = json.CreateToken(new SecurityTokenDescriptor { Subject = subject, SigningCredentials = credentials });
        var d = json.CreateToken(fromCaller);

        var descriptor = new SecurityTokenDescriptor { Subject = subject };
        descriptor.SigningCredentials = credentials;
        var e = json.CreateToken(descriptor);

        var escaped = new SecurityTokenDescriptor { Subject = subject };
        Sign(escaped, credentials);
        var f = json.CreateToken(escaped);

        var jwt = new JwtSecurityTokenHandler();
        var g = jwt.CreateEncodedJwt(""issuer"", ""audience"", subject, null, DateTime.UtcNow.AddMinutes(5), null, credentials);
        var h = jwt.CreateJwtSecurityToken(""issuer"", ""audience"", subject, null, null, null, null, encrypting);
    }

    static void Sign(SecurityTokenDescriptor descriptor, SigningCredentials credentials) => descriptor.SigningCredentials = credentials;
}");
        }

        [Fact]
        public async Task UnsignedTokenInsideDevelopmentBranch_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(IHostEnvironment env, SecurityKey key)
    {
        if (env.IsDevelopment())
        {
            var token = new JwtSecurityToken(""issuer"", ""audience"");
            var credentials = new SigningCredentials(key, SecurityAlgorithms.None);
        }
    }
}");
        }

        [Fact]
        public async Task UnsignedShapesInRazorGeneratedCode_Report()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Pages_Token_razor.g.cs", @"// <auto-generated/>
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

public partial class TokenPage
{
    private TokenValidationParameters _p = new TokenValidationParameters { {|JWT040:RequireSignedTokens = false|} };
    private JwtSecurityToken _t = {|JWT040:new JwtSecurityToken(""issuer"", ""audience"")|};
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task BrokenCode_DoesNotThrowOrReport()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, Unknown u, SecurityKey key)
    {
        p.RequireSignedTokens = ;
        p.ValidAlgorithms = new[] { , };
        p.ValidAlgorithms = [ .. u.Algs, ];
        var c = new SigningCredentials(key, );
        var t = new JwtSecurityToken(u.Header, );
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { SigningCredentials = });
        new JsonWebTokenHandler().CreateToken(
",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task LibraryNotReferenced_DoesNotReport()
        {
            var test = new Verify.Test
            {
                TestCode = @"
class TokenValidationParameters { public bool RequireSignedTokens { get; set; } }
class C { TokenValidationParameters P = new TokenValidationParameters { RequireSignedTokens = false }; }",
            };
            test.TestState.AdditionalReferences.Clear();
            test.TestState.AdditionalReferences.AddRange(Verifiers.References.Net80);
            await test.RunAsync();
        }
    }
}
