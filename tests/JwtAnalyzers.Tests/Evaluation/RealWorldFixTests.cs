using System.Threading.Tasks;
using Xunit;
using KeyFix = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer,
    JwtAnalyzers.CodeFixes.Keys.LoadSigningKeyFromConfigurationCodeFixProvider>;
using LifetimeFix = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.DisabledLifetimeValidationAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.EnableValidationFlagCodeFixProvider>;
using ClaimFix = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Claims.SensitiveClaimAnalyzer,
    JwtAnalyzers.CodeFixes.Claims.RemoveSensitiveClaimCodeFixProvider>;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>
    /// The offered fixes on real-world shapes of the evaluation set: the fixed code compiles, the diagnostic is
    /// gone, and Fix All (document, project, solution) gives the same result.
    /// </summary>
    public class RealWorldFixTests
    {
        [Fact]
        public async Task ConstKeyInJwtNetEncoder_BecomesEnvironmentLookup()
        {
            await KeyFix.VerifyCodeFixAsync("""
                using System.Collections.Generic;
                using JWT;
                using JWT.Algorithms;
                using JWT.Serializers;

                public class TokenIssuer
                {
                    private const string Secret = "Hq7xVd2Lm9PzR4tYw8Kb1Nc6Fg3Js5Ae0UoXiQvZ";

                    public string Issue()
                    {
                        var payload = new Dictionary<string, object> { { "claim1", 0 } };
                        IJwtEncoder encoder = new JwtEncoder(new HMACSHA256Algorithm(), new JsonNetSerializer(), new JwtBase64UrlEncoder());
                        return encoder.Encode(payload, {|JWT010:Secret|});
                    }
                }
                """, """
                using System;
                using System.Collections.Generic;
                using JWT;
                using JWT.Algorithms;
                using JWT.Serializers;

                public class TokenIssuer
                {
                    private static readonly string Secret = Environment.GetEnvironmentVariable("JWT_SIGNING_KEY") ?? throw new InvalidOperationException("Missing environment variable 'JWT_SIGNING_KEY'.");

                    public string Issue()
                    {
                        var payload = new Dictionary<string, object> { { "claim1", 0 } };
                        IJwtEncoder encoder = new JwtEncoder(new HMACSHA256Algorithm(), new JsonNetSerializer(), new JwtBase64UrlEncoder());
                        return encoder.Encode(payload, Secret);
                    }
                }
                """);
        }

        [Fact]
        public async Task EnvironmentVariableWithLiteralFallback_FallbackBecomesThrow()
        {
            await KeyFix.VerifyCodeFixAsync("""
                using System;
                using System.Text;
                using Microsoft.IdentityModel.Tokens;

                public static class Token
                {
                    private static SecurityKey GetSecurityKey()
                    {
                        var secret = Environment.GetEnvironmentVariable("JWT_SECRET") ?? "DEFAULT-JWT-SECRET-DEFAULT-JWT-SECRET-0001";
                        return new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(secret)|});
                    }
                }
                """, """
                using System;
                using System.Text;
                using Microsoft.IdentityModel.Tokens;

                public static class Token
                {
                    private static SecurityKey GetSecurityKey()
                    {
                        var secret = Environment.GetEnvironmentVariable("JWT_SECRET") ?? throw new InvalidOperationException("The JWT signing key is not configured.");
                        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
                    }
                }
                """);
        }

        [Fact]
        public async Task StaticReadonlyKeyUsedByTwoSinks_FixAllRewritesTheFieldOnce()
        {
            await KeyFix.VerifyCodeFixAsync("""
                using System.Text;
                using Microsoft.IdentityModel.Tokens;

                public static class JwtConstants
                {
                    public static readonly byte[] Key = Encoding.ASCII.GetBytes("my-very-long-and-very-secret-signing-key-0123456789");
                }

                public static class AuthSetup
                {
                    public static SecurityKey Validation() => new SymmetricSecurityKey({|JWT010:JwtConstants.Key|});
                    public static SigningCredentials Credentials() => new(new SymmetricSecurityKey({|JWT010:JwtConstants.Key|}), SecurityAlgorithms.HmacSha256);
                }
                """, """
                using System;
                using System.Text;
                using Microsoft.IdentityModel.Tokens;

                public static class JwtConstants
                {
                    public static readonly byte[] Key = Encoding.ASCII.GetBytes(Environment.GetEnvironmentVariable("JWT_SIGNING_KEY") ?? throw new InvalidOperationException("Missing environment variable 'JWT_SIGNING_KEY'."));
                }

                public static class AuthSetup
                {
                    public static SecurityKey Validation() => new SymmetricSecurityKey(JwtConstants.Key);
                    public static SigningCredentials Credentials() => new(new SymmetricSecurityKey(JwtConstants.Key), SecurityAlgorithms.HmacSha256);
                }
                """);
        }

        [Fact]
        public async Task JoseLocalSecretWithConfigurationField_UsesConfiguration()
        {
            await KeyFix.VerifyCodeFixAsync("""
                using System.Collections.Generic;
                using System.Text;
                using Microsoft.Extensions.Configuration;

                public class JwtAuthUtil
                {
                    private readonly IConfiguration _configuration;
                    public JwtAuthUtil(IConfiguration configuration) => _configuration = configuration;

                    public string GenerateToken()
                    {
                        string secret = "a-demo-secret-that-is-long-enough-for-hs512-signing-keys-0123456789";
                        var payload = new Dictionary<string, object> { { "Account", "jim" } };
                        return Jose.JWT.Encode(payload, {|JWT010:Encoding.UTF8.GetBytes(secret)|}, Jose.JwsAlgorithm.HS512);
                    }
                }
                """, """
                using System;
                using System.Collections.Generic;
                using System.Text;
                using Microsoft.Extensions.Configuration;

                public class JwtAuthUtil
                {
                    private readonly IConfiguration _configuration;
                    public JwtAuthUtil(IConfiguration configuration) => _configuration = configuration;

                    public string GenerateToken()
                    {
                        string secret = _configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException("Missing configuration value 'Jwt:SigningKey'.");
                        var payload = new Dictionary<string, object> { { "Account", "jim" } };
                        return Jose.JWT.Encode(payload, Encoding.UTF8.GetBytes(secret), Jose.JwsAlgorithm.HS512);
                    }
                }
                """);
        }

        [Fact]
        public async Task LifetimeFlagFromConstThroughLocalReceiver_FixSetsTrue()
        {
            await LifetimeFix.VerifyCodeFixAsync("""
                using Microsoft.AspNetCore.Authentication.JwtBearer;
                using Microsoft.Extensions.DependencyInjection;

                public static class JwtDefaults { public const bool CheckExpiry = false; }

                public static class AuthSetup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddAuthentication().AddJwtBearer(options =>
                        {
                            var parameters = options.TokenValidationParameters;
                            {|JWT001:parameters.ValidateLifetime = JwtDefaults.CheckExpiry|};
                        });
                    }
                }
                """, """
                using Microsoft.AspNetCore.Authentication.JwtBearer;
                using Microsoft.Extensions.DependencyInjection;

                public static class JwtDefaults { public const bool CheckExpiry = false; }

                public static class AuthSetup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddAuthentication().AddJwtBearer(options =>
                        {
                            var parameters = options.TokenValidationParameters;
                            parameters.ValidateLifetime = true;
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task PasswordClaimsInListAndBuilderChain_FixAllRemovesThem()
        {
            await ClaimFix.VerifyCodeFixAsync("""
                using System.Collections.Generic;
                using System.Security.Claims;
                using JWT.Algorithms;
                using JWT.Builder;

                public class Dto { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

                public static class Claims
                {
                    public static List<Claim> For(Dto user) => new List<Claim>
                    {
                        new Claim("Email", user.Email),
                        {|JWT020:new Claim("Password", user.Password)|},
                    };

                    public static string Builder(string secret, string password)
                        => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret)
                            .AddClaim("sub", "1")
                            .{|JWT020:AddClaim("password", password)|}
                            .Encode();
                }
                """, """
                using System.Collections.Generic;
                using System.Security.Claims;
                using JWT.Algorithms;
                using JWT.Builder;

                public class Dto { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

                public static class Claims
                {
                    public static List<Claim> For(Dto user) => new List<Claim>
                    {
                        new Claim("Email", user.Email),
                    };

                    public static string Builder(string secret, string password)
                        => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret)
                            .AddClaim("sub", "1")
                            .Encode();
                }
                """);
        }

        [Fact]
        public async Task PasswordClaimHeldByALocal_OffersNoFix()
        {
            const string source = """
                using System.Security.Claims;
                using Microsoft.AspNetCore.Authentication.JwtBearer;

                public static class DemoLogin
                {
                    public static ClaimsIdentity Identity()
                    {
                        var claimOne = new Claim("name", "demo");
                        var claimTwo = {|JWT020:new Claim("password", "1234")|};
                        return new ClaimsIdentity(new[] { claimOne, claimTwo }, JwtBearerDefaults.AuthenticationScheme);
                    }
                }
                """;
            await ClaimFix.VerifyCodeFixAsync(source, source);
        }
    }
}
