using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer,
    JwtAnalyzers.CodeFixes.Keys.LoadSigningKeyFromConfigurationCodeFixProvider>;

namespace JwtAnalyzers.Tests.Keys
{
    public class HardCodedSigningKeyTests
    {
        private const string Usings = @"using System.Text;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
";

        // ---- Microsoft.IdentityModel: new SymmetricSecurityKey(...) ----

        [Fact]
        public async Task LiteralThroughUtf8GetBytes_Reports_WithSinkNameAndWithoutSecret()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create() => new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes(""my-super-secret-key-that-is-long-enough-1234"")|});
}", Verify.Diagnostic(DiagnosticIds.HardCodedSigningKey).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("'SymmetricSecurityKey'"));
        }

        [Fact]
        public async Task KeyFromConfiguration_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create(IConfiguration configuration) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[""Jwt:Key""]!));
}");
        }

        [Fact]
        public async Task ConstFieldThroughAsciiGetBytes_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private const string Secret = ""this-is-my-very-secret-signing-key-0123"";
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.ASCII.GetBytes(Secret)|});
}");
        }

        [Fact]
        public async Task StaticReadonlyFieldAndLocals_Report()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private static readonly string Secret = ""this-is-my-very-secret-signing-key-0123"";
    SecurityKey Create()
    {
        var text = Secret;
        var bytes = Encoding.UTF8.GetBytes(text);
        return new SymmetricSecurityKey({|JWT010:bytes|});
    }
}");
        }

        [Fact]
        public async Task StaticReadonlyFieldReassignedInConstructor_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private static readonly string Secret = ""placeholder-placeholder-placeholder"";
    static C() { Secret = System.Environment.GetEnvironmentVariable(""JWT_KEY"")!; }
    SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret));
}");
        }

        [Fact]
        public async Task LocalAssignedTwice_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create(IConfiguration configuration)
    {
        var secret = ""this-is-my-very-secret-signing-key-0123"";
        secret = configuration[""Jwt:Key""]!;
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }
}");
        }

        [Fact]
        public async Task Base64Literal_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:System.Convert.FromBase64String(""c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0"")|});
}");
        }

        [Fact]
        public async Task Base64FromEnvironment_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create() => new SymmetricSecurityKey(System.Convert.FromBase64String(System.Environment.GetEnvironmentVariable(""JWT_KEY"")!));
}");
        }

        [Fact]
        public async Task ByteArrayLiteral_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private static readonly byte[] Key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Key|});
}");
        }

        [Fact]
        public async Task CollectionExpressionLiteral_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private static readonly byte[] Key = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32];
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Key|});
}");
        }

        [Fact]
        public async Task GeneratedBuffer_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create()
    {
        var key = new byte[64];
        System.Security.Cryptography.RandomNumberGenerator.Fill(key);
        return new SymmetricSecurityKey(key);
    }
}");
        }

        [Fact]
        public async Task InterpolatedConstantParts_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    const string Prefix = ""prefix-of-a-secret"";
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes($""{Prefix}-and-the-rest-of-it-0123456789"")|});
}");
        }

        [Fact]
        public async Task EmptyString_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create(IConfiguration configuration) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[""Jwt:Key""] ?? """"));
}");
        }

        [Fact]
        public async Task KeyFromParameterAndOptions_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class JwtOptions { public string Secret { get; set; } = ""default-secret-that-options-binding-replaces""; }
class C
{
    SecurityKey FromParameter(string secret) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    SecurityKey FromOptions(JwtOptions options) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Secret));
}");
        }

        // ---- fallbacks and environment guards ----

        [Fact]
        public async Task LiteralFallbackAfterConfiguration_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create(IConfiguration config)
    {
        var secret = config[""Jwt:Key""] ?? ""dev-secret-dev-secret-dev-secret-1234"";
        return new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(secret)|});
    }
}");
        }

        [Fact]
        public async Task LiteralInConditionalBranch_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create(IConfiguration config, bool useConfig)
        => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(useConfig ? config[""Jwt:Key""]! : ""fallback-secret-fallback-secret-1234"")|});
}");
        }

        [Fact]
        public async Task LiteralInsideIsDevelopmentBranch_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityKey Create(IConfiguration config, IHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(""dev-only-secret-dev-only-secret-1234""));
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config[""Jwt:Key""]!));
    }
}");
        }

        [Fact]
        public async Task LiteralInNotProductionTernaryBranch_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private const string DevKey = ""dev-only-secret-dev-only-secret-1234"";
    SecurityKey Create(IConfiguration config, IHostEnvironment env)
    {
        var secret = !env.IsDevelopment() ? config[""Jwt:Key""]! : DevKey;
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }
}");
        }

        // ---- JWT.Net ----

        [Fact]
        public async Task JwtBuilderWithSecretLiteral_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using JWT.Algorithms;
using JWT.Builder;
class C
{
    string Create() => new JwtBuilder()
        .WithAlgorithm(new HMACSHA256Algorithm())
        .WithSecret({|#0:""my-jwt-net-secret-my-jwt-net-secret-1234""|})
        .AddClaim(""sub"", ""42"")
        .Encode();
}", Verify.Diagnostic(DiagnosticIds.HardCodedSigningKey).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("'JwtBuilder.WithSecret'"));
        }

        [Fact]
        public async Task JwtBuilderWithSecretFromConfiguration_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using JWT.Algorithms;
using JWT.Builder;
using Microsoft.Extensions.Configuration;
class C
{
    string Create(IConfiguration configuration) => new JwtBuilder()
        .WithAlgorithm(new HMACSHA256Algorithm())
        .WithSecret(configuration[""Jwt:Key""]!)
        .Encode();
}");
        }

        [Fact]
        public async Task JwtBuilderWithSecretBytesArray_ReportsEachConstant()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Text;
using JWT.Builder;
class C
{
    object Decode(string token, byte[] current) => new JwtBuilder()
        .WithSecret(current, {|JWT010:Encoding.UTF8.GetBytes(""previous-secret-previous-secret-1234"")|})
        .Decode(token);
}");
        }

        [Fact]
        public async Task JwtBuilderWithAsymmetricAlgorithm_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Security.Cryptography;
using JWT.Algorithms;
using JWT.Builder;
class C
{
    string Create(RSA rsa) => new JwtBuilder()
        .WithAlgorithm(new RS256Algorithm(rsa, rsa))
        .WithSecret(""unused-with-rsa-unused-with-rsa-1234"")
        .Encode();
}");
        }

        [Fact]
        public async Task JwtEncoderAndDecoderLiteralKeys_Report()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Collections.Generic;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
class C
{
    const string Key = ""jwt-net-encoder-secret-jwt-net-encoder-1234"";
    string Encode(object payload)
    {
        IJwtEncoder encoder = new JwtEncoder(new HMACSHA256Algorithm(), new JsonNetSerializer(), new JwtBase64UrlEncoder());
        return encoder.Encode(payload, {|#0:Key|});
    }
    string Decode(IJwtDecoder decoder, string token) => decoder.Decode(token, {|#1:Key|}, verify: true);
}",
                Verify.Diagnostic(DiagnosticIds.HardCodedSigningKey).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("'JwtEncoder.Encode'"),
                Verify.Diagnostic(DiagnosticIds.HardCodedSigningKey).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("'JwtDecoder.Decode'"));
        }

        [Fact]
        public async Task JwtDecoderWithoutVerification_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using JWT;
class C
{
    string Decode(IJwtDecoder decoder, string token) => decoder.Decode(token, ""ignored-when-not-verifying-1234567890"", verify: false);
}");
        }

        [Fact]
        public async Task JwtEncoderWithRsaAlgorithm_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Security.Cryptography;
using JWT;
using JWT.Algorithms;
using JWT.Serializers;
class C
{
    string Encode(object payload, RSA rsa)
    {
        var encoder = new JwtEncoder(new RS256Algorithm(rsa, rsa), new JsonNetSerializer(), new JwtBase64UrlEncoder());
        return encoder.Encode(payload, ""not-used-by-rs256-not-used-by-rs256"");
    }
}");
        }

        // ---- jose-jwt ----

        [Fact]
        public async Task JoseEncodeWithHs256AndLiteralKey_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Text;
using Jose;
class C
{
    static readonly byte[] SecretKey = Encoding.UTF8.GetBytes(""jose-secret-jose-secret-jose-secret-1234"");
    string Encode(object payload) => Jose.JWT.Encode(payload, {|#0:SecretKey|}, JwsAlgorithm.HS256);
    string Decode(string token) => Jose.JWT.Decode(token, {|#1:SecretKey|});
}",
                Verify.Diagnostic(DiagnosticIds.HardCodedSigningKey).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("'JWT.Encode'"),
                Verify.Diagnostic(DiagnosticIds.HardCodedSigningKey).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("'JWT.Decode'"));
        }

        [Fact]
        public async Task JoseWithRsaOrConfiguredKey_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System.Security.Cryptography;
using System.Text;
using Jose;
using Microsoft.Extensions.Configuration;
class C
{
    string Rsa(object payload, RSA rsa) => Jose.JWT.Encode(payload, rsa, JwsAlgorithm.RS256);
    string Configured(object payload, IConfiguration configuration)
        => Jose.JWT.Encode(payload, Encoding.UTF8.GetBytes(configuration[""Jwt:Key""]!), JwsAlgorithm.HS256);
    string Dynamic(object payload, JwsAlgorithm algorithm) => Jose.JWT.Encode(payload, Encoding.UTF8.GetBytes(""constant-key-constant-key-1234567890""), algorithm);
}");
        }

        [Fact]
        public async Task PrivateFieldNeverWritten_Reports()
        {
            // Razor @code blocks rarely mark fields readonly; a private field nothing writes is still a constant.
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private string _secret = ""component-secret-component-secret-1234"";
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(_secret)|});
}");
        }

        [Fact]
        public async Task PrivateFieldWrittenLater_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    private string _secret = ""placeholder-placeholder-placeholder-12"";
    void Load(IConfiguration configuration) => _secret = configuration[""Jwt:Key""]!;
    SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_secret));
}");
        }

        [Fact]
        public async Task PublicMutableField_DoesNotReport()
        {
            // Anyone may assign it before use: not provably constant.
            await Verify.VerifyAnalyzerAsync(Usings + @"
static class JwtConstants { public static string Key = ""tutorial-secret-tutorial-secret-12345""; }
class C
{
    SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtConstants.Key));
}");
        }

        // ---- generated code (Razor components) ----

        [Fact]
        public async Task GeneratedCode_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"// <auto-generated/>
using System.Text;
using Microsoft.IdentityModel.Tokens;
class Component
{
    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(""razor-secret-razor-secret-razor-1234"")|});
}");
        }

        // ---- code fix ----

        [Fact]
        public async Task Fix_UsesConfigurationParameterInScope()
        {
            await Verify.VerifyCodeFixAsync(@"using System;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    SecurityKey Create(IConfiguration configuration)
    {
        return new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(""my-super-secret-key-that-is-long-enough-1234"")|}); // key
    }
}", @"using System;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    SecurityKey Create(IConfiguration configuration)
    {
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[""Jwt:SigningKey""] ?? throw new InvalidOperationException(""Missing configuration value 'Jwt:SigningKey'.""))); // key
    }
}");
        }

        [Fact]
        public async Task Fix_LiteralFallbackBecomesThrow()
        {
            await Verify.VerifyCodeFixAsync(@"using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    SecurityKey Create(IConfiguration config)
    {
        var secret = config[""Jwt:Key""] ?? ""dev-secret-dev-secret-dev-secret-1234"";
        return new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(secret)|});
    }
}", @"using System;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    SecurityKey Create(IConfiguration config)
    {
        var secret = config[""Jwt:Key""] ?? throw new InvalidOperationException(""Missing configuration value 'Jwt:Key'."");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }
}");
        }

        [Fact]
        public async Task Fix_ConstFieldWithoutConfigurationBecomesEnvironmentLookup()
        {
            await Verify.VerifyCodeFixAsync(@"using System.Text;
using Microsoft.IdentityModel.Tokens;

class TokenService
{
    private const string SecretKey = ""this-is-my-very-secret-signing-key-0123"";

    public SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(SecretKey)|});
}", @"using System;
using System.Text;
using Microsoft.IdentityModel.Tokens;

class TokenService
{
    private static readonly string SecretKey = Environment.GetEnvironmentVariable(""JWT_SIGNING_KEY"") ?? throw new InvalidOperationException(""Missing environment variable 'JWT_SIGNING_KEY'."");

    public SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SecretKey));
}");
        }

        [Fact]
        public async Task Fix_UsesBuilderConfigurationInTopLevelStatements()
        {
            var test = new Verify.Test
            {
                TestCode = @"using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
var key = new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(""top-level-secret-top-level-secret-1234"")|});
",
                FixedCode = @"using System;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration[""Jwt:SigningKey""] ?? throw new InvalidOperationException(""Missing configuration value 'Jwt:SigningKey'."")));
",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task Fix_ByteArrayBecomesBase64FromConfiguration()
        {
            await Verify.VerifyCodeFixAsync(@"using System;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    private readonly IConfiguration _configuration;
    public C(IConfiguration configuration) => _configuration = configuration;

    public SecurityKey Create()
    {
        var key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
        return new SymmetricSecurityKey({|JWT010:key|});
    }
}", @"using System;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    private readonly IConfiguration _configuration;
    public C(IConfiguration configuration) => _configuration = configuration;

    public SecurityKey Create()
    {
        var key = Convert.FromBase64String(_configuration[""Jwt:SigningKey""] ?? throw new InvalidOperationException(""Missing configuration value 'Jwt:SigningKey'.""));
        return new SymmetricSecurityKey(key);
    }
}");
        }

        [Fact]
        public async Task FixAll_TwoDiagnosticsInOneFile()
        {
            await Verify.VerifyCodeFixAsync(@"using System;
using System.Text;
using JWT.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    SecurityKey Create(IConfiguration configuration)
        => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(""first-secret-first-secret-first-1234"")|});

    string Token(IConfiguration configuration)
        => new JwtBuilder().WithSecret({|JWT010:""second-secret-second-secret-second-1234""|}).Encode();
}", @"using System;
using System.Text;
using JWT.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

class C
{
    SecurityKey Create(IConfiguration configuration)
        => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[""Jwt:SigningKey""] ?? throw new InvalidOperationException(""Missing configuration value 'Jwt:SigningKey'."")));

    string Token(IConfiguration configuration)
        => new JwtBuilder().WithSecret(configuration[""Jwt:SigningKey""] ?? throw new InvalidOperationException(""Missing configuration value 'Jwt:SigningKey'."")).Encode();
}");
        }

        [Fact]
        public async Task ConstUsedInAttribute_ReportsWithoutFix()
        {
            // Making the const non-constant would break the attribute: the fix is not offered.
            const string source = @"using System.Text;
using Microsoft.IdentityModel.Tokens;

class C
{
    private const string Secret = ""this-is-my-very-secret-signing-key-0123"";

    [System.Obsolete(Secret)]
    void M() { }

    SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(Secret)|});
}";
            await Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public async Task Fix_ConstantSharedByTwoSinksAndOtherShapesInOneFile_FixAllRewritesEachOnce()
        {
            // The sample's shapes: one const feeding two sinks, a static readonly field from GetBytes, a JwtBuilder
            // literal. Fix All rewrites the shared const once (the batch fixer dropped both edits as a conflict).
            await Verify.VerifyCodeFixAsync(@"using System;
using System.Text;
using JWT.Algorithms;
using JWT.Builder;
using Microsoft.IdentityModel.Tokens;

static class C
{
    private const string SigningSecret = ""my-super-secret-signing-key-for-the-demo-api"";
    private static readonly byte[] LegacyKey = Encoding.UTF8.GetBytes(""legacy-key-legacy-key-legacy-key-1"");

    static SecurityKey First() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(SigningSecret)|});
    static SecurityKey Legacy() => new SymmetricSecurityKey({|JWT010:LegacyKey|});
    static string Builder() => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret({|JWT010:""jwt-net-secret-jwt-net-secret-12""|}).Encode();
    static string Jose(object payload) => global::Jose.JWT.Encode(payload, {|JWT010:Encoding.UTF8.GetBytes(SigningSecret)|}, global::Jose.JwsAlgorithm.HS256);
}", @"using System;
using System.Text;
using JWT.Algorithms;
using JWT.Builder;
using Microsoft.IdentityModel.Tokens;

static class C
{
    private static readonly string SigningSecret = Environment.GetEnvironmentVariable(""JWT_SIGNING_KEY"") ?? throw new InvalidOperationException(""Missing environment variable 'JWT_SIGNING_KEY'."");
    private static readonly byte[] LegacyKey = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(""JWT_SIGNING_KEY"") ?? throw new InvalidOperationException(""Missing environment variable 'JWT_SIGNING_KEY'.""));

    static SecurityKey First() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningSecret));
    static SecurityKey Legacy() => new SymmetricSecurityKey(LegacyKey);
    static string Builder() => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(Environment.GetEnvironmentVariable(""JWT_SIGNING_KEY"") ?? throw new InvalidOperationException(""Missing environment variable 'JWT_SIGNING_KEY'."")).Encode();
    static string Jose(object payload) => global::Jose.JWT.Encode(payload, Encoding.UTF8.GetBytes(SigningSecret), global::Jose.JwsAlgorithm.HS256);
}");
        }

        [Fact]
        public async Task Fix_TopLevelStatementLocalInAnotherFile_IsNotUsedAsConfiguration()
        {
            // Program.cs's 'app' (a WebApplication, which has a Configuration) is visible from other files but not
            // usable there (CS8801): the fix falls back to the environment variable.
            var test = new Verify.Test
            {
                TestState =
                {
                    OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                    Sources =
                    {
                        ("Program.cs", @"var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
app.Run();
"),
                        ("Keys.cs", @"using System;
using System.Text;
using Microsoft.IdentityModel.Tokens;

static class Keys
{
    private const string Secret = ""my-super-secret-signing-key-for-the-demo-api"";

    public static SecurityKey Create() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(Secret)|});
}"),
                    },
                },
                FixedState =
                {
                    Sources =
                    {
                        ("Program.cs", @"var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
app.Run();
"),
                        ("Keys.cs", @"using System;
using System.Text;
using Microsoft.IdentityModel.Tokens;

static class Keys
{
    private static readonly string Secret = Environment.GetEnvironmentVariable(""JWT_SIGNING_KEY"") ?? throw new InvalidOperationException(""Missing environment variable 'JWT_SIGNING_KEY'."");

    public static SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret));
}"),
                    },
                },
            };
            await test.RunAsync();
        }

        // ---- robustness ----

        [Theory]
        [InlineData("SecurityKey Create() => new SymmetricSecurityKey();")]
        [InlineData("SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes());")]
        [InlineData("SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Missing.Value));")]
        [InlineData("SecurityKey Create() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"abc\"")]
        [InlineData("SecurityKey Create() => new SymmetricSecurityKey(new byte[] { 1, 2, )")]
        [InlineData("SecurityKey Create() { var k = ; return new SymmetricSecurityKey(k); }")]
        [InlineData("string T(string s) => new JWT.Builder.JwtBuilder().WithSecret(s, ).Encode();")]
        [InlineData("string T(object p) => Jose.JWT.Encode(p, , Jose.JwsAlgorithm.HS256);")]
        [InlineData("string T(JWT.IJwtDecoder d) => d.Decode(\"t\", verify: true);")]
        public async Task BrokenCode_DoesNotReportOrThrow(string member)
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C\n{\n    " + member + "\n}\n",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
