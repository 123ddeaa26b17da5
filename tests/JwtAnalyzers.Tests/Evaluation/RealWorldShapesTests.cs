using System.Threading.Tasks;
using Xunit;
using static JwtAnalyzers.Tests.Evaluation.AllRulesVerifier;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>
    /// Held-out evaluation: our own adaptations of shapes found in public ASP.NET Core / Blazor projects (same
    /// shapes, own names). Every case runs all six rules and asserts the complete answer the rule specs in
    /// docs/rules give. Cases are grouped by the rule they mainly exercise; other rules' answers are asserted too.
    /// </summary>
    public class RealWorldShapesTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.IdentityModel.Tokens.Jwt;
            using System.Linq;
            using System.Security.Claims;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Microsoft.IdentityModel.Tokens;

            """;

        // ================================================================ JWT001 / JWT002

        [Fact]
        public async Task L01_StartupAddJwtBearerLifetimeOff_ReportsJwt001()
        {
            await VerifyAsync(Usings + """
                public static class AuthExtensions
                {
                    public static void AddApiAuth(this IServiceCollection services, IConfiguration configuration)
                    {
                        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
                        {
                            options.SaveToken = true;
                            options.RequireHttpsMetadata = false;
                            options.TokenValidationParameters = new TokenValidationParameters
                            {
                                ValidateIssuer = true,
                                ValidateAudience = true,
                                {|JWT001:ValidateLifetime = false|},
                                ValidateIssuerSigningKey = true,
                                ValidIssuer = configuration["JwtSettings:Issuer"],
                                ValidAudience = configuration["JwtSettings:Audience"],
                                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["JwtSettings:SecretKey"]!)),
                            };
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task L02_GetPrincipalFromExpiredToken_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class TokenService
                {
                    private readonly IConfiguration _config;
                    public TokenService(IConfiguration config) => _config = config;

                    public string GenerateRefreshToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

                    public ClaimsPrincipal? GetPrincipalFromExpiredToken(string token)
                    {
                        var tokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateAudience = true,
                            ValidateIssuer = true,
                            ValidateIssuerSigningKey = true,
                            ValidateLifetime = false, // we want the claims of an expired token
                            ValidIssuer = _config["Jwt:Issuer"],
                            ValidAudience = _config["Jwt:Audience"],
                            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config["Jwt:Key"]!)),
                        };
                        var handler = new JwtSecurityTokenHandler();
                        var principal = handler.ValidateToken(token, tokenValidationParameters, out var securityToken);
                        if (securityToken is not JwtSecurityToken jwt
                            || !jwt.Header.Alg.Equals(SecurityAlgorithms.HmacSha256, StringComparison.InvariantCultureIgnoreCase))
                        {
                            return null;
                        }

                        return principal;
                    }
                }
                """);
        }

        [Fact]
        public async Task L03_RefreshHelperClonesRegisteredParameters_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class IdentityService
                {
                    private readonly TokenValidationParameters _tokenValidationParameters;
                    public IdentityService(TokenValidationParameters p) => _tokenValidationParameters = p;

                    public ClaimsPrincipal? GetPrincipalFromToken(string token)
                    {
                        var handler = new JwtSecurityTokenHandler();
                        try
                        {
                            var parameters = _tokenValidationParameters.Clone();
                            parameters.ValidateLifetime = false;
                            return handler.ValidateToken(token, parameters, out _);
                        }
                        catch
                        {
                            return null;
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task L04_RequireExpirationTimeOffInAddJwtBearer_ReportsJwt002()
        {
            await VerifyAsync(Usings + """
                public class Startup
                {
                    public Startup(IConfiguration configuration) => Configuration = configuration;
                    public IConfiguration Configuration { get; }

                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddAuthentication(x =>
                        {
                            x.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                            x.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
                        }).AddJwtBearer(options =>
                        {
                            options.SaveToken = true;
                            options.TokenValidationParameters = new TokenValidationParameters
                            {
                                ValidateIssuerSigningKey = true,
                                ValidateIssuer = false,
                                ValidateAudience = false,
                                ValidateLifetime = true,
                                {|JWT002:RequireExpirationTime = false|},
                                IssuerSigningKey = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Configuration["TokenSettings:Secret"]!)),
                            };
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task L05_ParametersFactoryMethodWithoutExpiration_ReportsJwt002()
        {
            await VerifyAsync(Usings + """
                public class SecurityOptions { public string Issuer { get; set; } = ""; public string Audience { get; set; } = ""; public string Key { get; set; } = ""; }

                public class JwtProvider
                {
                    private readonly SecurityOptions _options;
                    public JwtProvider(SecurityOptions options) => _options = options;

                    private SecurityKey GetSigningKey() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.Key));

                    public TokenValidationParameters GetTokenValidationParameters()
                    {
                        return new TokenValidationParameters
                        {
                            ValidateIssuer = true,
                            ValidIssuer = _options.Issuer,
                            ValidateAudience = true,
                            ValidAudience = _options.Audience,
                            ValidateIssuerSigningKey = true,
                            IssuerSigningKey = GetSigningKey(),
                            {|JWT002:RequireExpirationTime = false|},
                        };
                    }

                    public Guid GetUserIdFromToken(string token)
                    {
                        new JwtSecurityTokenHandler().ValidateToken(token, GetTokenValidationParameters(), out var validated);
                        var id = ((JwtSecurityToken)validated).Claims.First(c => c.Type == ClaimTypes.NameIdentifier).Value;
                        return Guid.Parse(id);
                    }
                }
                """);
        }

        [Fact]
        public async Task L06_SingletonParametersWithoutExpirationAndConstantKey_ReportsJwt002AndJwt010()
        {
            await VerifyAsync(Usings + """
                public static class Composition
                {
                    public static void Register(WebApplicationBuilder builder)
                    {
                        var tokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateIssuerSigningKey = true,
                            IssuerSigningKey = new SymmetricSecurityKey({|JWT010:Encoding.ASCII.GetBytes("playlist-secret-playlist-secret-playlist-secret-playlist-secret")|}),
                            ValidateIssuer = false,
                            ValidateAudience = false,
                            {|JWT002:RequireExpirationTime = false|},
                            ValidateLifetime = true,
                            ClockSkew = TimeSpan.Zero,
                        };
                        builder.Services.AddSingleton(tokenValidationParameters);
                    }
                }
                """);
        }

        [Fact]
        public async Task L07_LifetimeFlagFromParameter_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public static class ValidationTokenHelper
                {
                    public static string SecretKey { get; set; } = "";

                    public static TokenValidationParameters CreateTokenValidationParameters(bool useLifetime)
                    {
                        var key = Encoding.ASCII.GetBytes(SecretKey);
                        return new TokenValidationParameters
                        {
                            ValidateIssuerSigningKey = false,
                            IssuerSigningKey = new SymmetricSecurityKey(key),
                            ValidateIssuer = false,
                            ValidateAudience = false,
                            ClockSkew = TimeSpan.Zero,
                            ValidateLifetime = useLifetime,
                        };
                    }
                }
                """);
        }

        [Fact]
        public async Task L08_LifetimeOffButCustomLifetimeValidator_DoesNotReport()
        {
            // Microsoft.IdentityModel calls a LifetimeValidator delegate whatever ValidateLifetime and
            // RequireExpirationTime say (Validators.ValidateLifetime checks the delegate first): the delegate owns
            // the decision, and this one rejects tokens without exp or past it.
            await VerifyAsync(Usings + """
                public static class CustomLifetime
                {
                    public static bool Validate(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
                        => expires != null && expires > DateTime.UtcNow;
                }

                public static class AuthSetup
                {
                    public static void Add(IServiceCollection services, IConfiguration configuration)
                    {
                        services.AddAuthentication().AddJwtBearer(options =>
                        {
                            options.TokenValidationParameters = new TokenValidationParameters
                            {
                                ValidateIssuer = true,
                                ValidIssuer = configuration["Auth:Issuer"],
                                ValidateLifetime = false,
                                RequireExpirationTime = false,
                                LifetimeValidator = CustomLifetime.Validate,
                                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Auth:Key"]!)),
                            };
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task L09_LifetimeOffOnlyInDevelopment_DoesNotReport()
        {
            await VerifyProgramAsync(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = builder.Configuration["Jwt:Issuer"],
                        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!)),
                    };
                    if (builder.Environment.IsDevelopment())
                    {
                        options.TokenValidationParameters.ValidateLifetime = false;
                        options.RequireHttpsMetadata = false;
                    }
                });
                var app = builder.Build();
                app.Run();
                """);
        }

        [Fact]
        public async Task L10_ConfigureJwtBearerOptionsLifetimeOff_ReportsJwt001()
        {
            await VerifyProgramAsync(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
                builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                {
                    o.TokenValidationParameters.ValidIssuer = builder.Configuration["Jwt:Issuer"];
                    {|JWT001:o.TokenValidationParameters.ValidateLifetime = false|};
                });
                builder.Build().Run();
                """);
        }

        [Fact]
        public async Task L11_ProofTokenValidatedInPlaceWithoutLifetime_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                using Microsoft.IdentityModel.JsonWebTokens;

                public class ProofValidator
                {
                    private readonly JsonWebTokenHandler _handler = new();

                    public async Task<bool> ValidateAsync(string proof, SecurityKey embeddedKey, string audience)
                    {
                        var result = await _handler.ValidateTokenAsync(proof, new TokenValidationParameters
                        {
                            IssuerSigningKey = embeddedKey,
                            ValidAudience = audience,
                            ValidateIssuer = false,
                            ValidateLifetime = false,      // proofs carry iat, checked below
                            RequireExpirationTime = false,
                        });
                        return result.IsValid;
                    }
                }
                """);
        }

        [Fact]
        public async Task L12_FlagsFromConfiguration_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public static class Auth
                {
                    public static TokenValidationParameters Build(IConfiguration configuration, IWebHostEnvironment env)
                    {
                        var strict = !env.IsDevelopment();
                        return new TokenValidationParameters
                        {
                            ValidateLifetime = configuration.GetValue<bool>("Jwt:ValidateLifetime"),
                            RequireExpirationTime = strict,
                            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(configuration["Jwt:Key"]!)),
                        };
                    }
                }
                """);
        }

        [Fact]
        public async Task L13_DemoAppEverythingHardCoded_ReportsJwt001Jwt010Jwt011()
        {
            await VerifyAsync(Usings + """
                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services)
                    {
                        // NOTE: the signing key is hard-coded because this is only a demo.
                        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                            .AddJwtBearer(options =>
                            {
                                options.TokenValidationParameters = new TokenValidationParameters
                                {
                                    ValidateIssuer = false,
                                    ValidateAudience = false,
                                    {|JWT001:ValidateLifetime = false|},
                                    ValidateIssuerSigningKey = true,
                                    IssuerSigningKey = new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes("boom boom boom boom")|}),
                                };
                            });
                    }
                }
                """, Diagnostic("JWT010", 0), Diagnostic("JWT011", 0));
        }

        [Fact]
        public async Task L14_ConstFlagInOptionsClass_ReportsJwt001()
        {
            await VerifyAsync(Usings + """
                public static class JwtDefaults
                {
                    public const bool CheckExpiry = false;
                }

                public static class AuthSetup
                {
                    public static void Add(IServiceCollection services, IConfiguration configuration)
                    {
                        services.AddAuthentication().AddJwtBearer(options =>
                        {
                            var parameters = options.TokenValidationParameters;
                            parameters.ValidIssuer = configuration["Jwt:Issuer"];
                            {|JWT001:parameters.ValidateLifetime = JwtDefaults.CheckExpiry|};
                        });
                    }
                }
                """);
        }

        // ================================================================ JWT010 / JWT011

        [Fact]
        public async Task K01_ShortNumericLiteralKeyInTokenFactory_ReportsJwt010AndJwt011()
        {
            await VerifyAsync(Usings + """
                public class AppUser { public string Id { get; set; } = ""; public string UserName { get; set; } = ""; }

                public class TokenFactory
                {
                    public string Create(AppUser user, IEnumerable<string> roles)
                    {
                        var identity = new ClaimsIdentity(new[]
                        {
                            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
                            new Claim("guid", user.Id),
                        }.Union(roles.Select(r => new Claim(ClaimTypes.Role, r))));

                        var key = new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes("98127364501928374650192837")|});
                        var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
                        var handler = new JwtSecurityTokenHandler();
                        var token = handler.CreateToken(new SecurityTokenDescriptor
                        {
                            Subject = identity,
                            SigningCredentials = creds,
                            Expires = DateTime.UtcNow.AddDays(1),
                        });
                        return handler.WriteToken(token);
                    }
                }
                """, Diagnostic("JWT010", 0), Diagnostic("JWT011", 0));
        }

        [Fact]
        public async Task K02_GuidStringLiteralKeyInController_ReportsJwt010Only()
        {
            await VerifyAsync(Usings + """
                public class HomeController
                {
                    public string Index()
                    {
                        var claims = new[] { new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Actor, "ActorX") };
                        var key = new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes("7a1c0e55-2b7d-4c3e-9f10-6d2a8b9c0e11")|});
                        var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
                        var token = new JwtSecurityToken(
                            issuer: "http://localhost:60812",
                            audience: "http://localhost:60822",
                            claims: claims,
                            expires: DateTime.UtcNow.AddMinutes(30),
                            signingCredentials: creds);
                        return new JwtSecurityTokenHandler().WriteToken(token);
                    }
                }
                """);
        }

        [Fact]
        public async Task K03_JoseEncodeWithShortLocalSecret_ReportsJwt010AndJwt011()
        {
            await VerifyAsync(Usings + """
                public class JwtAuthUtil
                {
                    public string GenerateToken()
                    {
                        string secret = "shopdemokey"; // must match on decode
                        var claim = new Dictionary<string, object>();
                        claim.Add("Account", "jim");
                        claim.Add("Company", "appx");
                        claim.Add("Exp", DateTime.Now.AddSeconds(100).ToString());
                        var payload = claim;
                        return Jose.JWT.Encode(payload, {|#0:Encoding.UTF8.GetBytes(secret)|}, Jose.JwsAlgorithm.HS512);
                    }
                }
                """, Diagnostic("JWT010", 0), Diagnostic("JWT011", 0));
        }

        [Fact]
        public async Task K04_JwtNetEncoderWithConstSecret_ReportsJwt010()
        {
            await VerifyAsync(Usings + """
                using JWT;
                using JWT.Algorithms;
                using JWT.Serializers;

                public class TokenIssuer
                {
                    private const string Secret = "Hq7xVd2Lm9PzR4tYw8Kb1Nc6Fg3Js5Ae0UoXiQvZ";

                    public string Issue()
                    {
                        var payload = new Dictionary<string, object> { { "claim1", 0 }, { "claim2", "claim2-value" } };
                        IJwtAlgorithm algorithm = new HMACSHA256Algorithm();
                        IJsonSerializer serializer = new JsonNetSerializer();
                        IBase64UrlEncoder urlEncoder = new JwtBase64UrlEncoder();
                        IJwtEncoder encoder = new JwtEncoder(algorithm, serializer, urlEncoder);
                        return encoder.Encode(payload, {|JWT010:Secret|});
                    }
                }
                """);
        }

        [Fact]
        public async Task K05_JwtBuilderWithSecretFromOptions_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                using JWT.Algorithms;
                using JWT.Builder;

                public class HelpdeskOptions { public string ApiKey { get; set; } = ""; }
                public class CurrentUser { public string Name { get; set; } = ""; public string Email { get; set; } = ""; }

                public class HelpdeskTokens
                {
                    private readonly HelpdeskOptions _options;
                    public HelpdeskTokens(HelpdeskOptions options) => _options = options;

                    public string Create(CurrentUser user)
                        => new JwtBuilder()
                            .WithAlgorithm(new HMACSHA256Algorithm())
                            .WithSecret(_options.ApiKey)
                            .AddClaim("exp", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds())
                            .AddClaim("name", user.Name)
                            .AddClaim("email", user.Email)
                            .Encode();
                }
                """);
        }

        [Fact]
        public async Task K06_EnvironmentVariableWithLiteralFallback_ReportsJwt010()
        {
            await VerifyAsync(Usings + """
                public static class Token
                {
                    private static SecurityKey GetSecurityKey()
                    {
                        var secret = Environment.GetEnvironmentVariable("JWT_SECRET") ?? "DEFAULT-JWT-SECRET-DEFAULT-JWT-SECRET-0001";
                        return new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(secret)|});
                    }

                    public static string GenerateJwt(string email)
                    {
                        var audience = Environment.GetEnvironmentVariable("JWT_AUDIENCE") ?? "DEFAULTJWTAUDIENCE";
                        var credentials = new SigningCredentials(GetSecurityKey(), SecurityAlgorithms.HmacSha256Signature);
                        var handler = new JwtSecurityTokenHandler();
                        var descriptor = new SecurityTokenDescriptor
                        {
                            Subject = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Email, email) }),
                            Audience = audience,
                            Expires = DateTime.UtcNow.AddHours(1),
                            SigningCredentials = credentials,
                        };
                        return handler.WriteToken(handler.CreateToken(descriptor));
                    }
                }
                """);
        }

        [Fact]
        public async Task K07_SettingsObjectsAndConfiguration_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class JwtSettings
                {
                    public string SecretKey { get; set; } = "change-me";
                    public string Issuer { get; set; } = "";
                }

                public class TokenService
                {
                    private readonly JwtSettings _settings;
                    private readonly SymmetricSecurityKey _key;

                    public TokenService(JwtSettings settings, IConfiguration config)
                    {
                        _settings = settings;
                        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Token:key"]!));
                    }

                    public SigningCredentials Credentials() => new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_settings.SecretKey)), SecurityAlgorithms.HmacSha512Signature);

                    public SigningCredentials Other() => new(_key, SecurityAlgorithms.HmacSha256);
                }
                """);
        }

        [Fact]
        public async Task K08_ConstKeyWithHmacSha512Credentials_ReportsJwt010AndHs512Jwt011()
        {
            await VerifyAsync(Usings + """
                public class JwtHelper
                {
                    private const string SecretKey = "kP3vX9mQ2wE7rT5yU1iO8aS4dF6gH0jL9zC3bN7m";

                    public string CreateToken(string userName)
                    {
                        var key = new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes(SecretKey)|});
                        var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha512Signature);
                        var token = new JwtSecurityToken(
                            claims: new[] { new Claim(ClaimTypes.Name, userName) },
                            expires: DateTime.Now.AddDays(1),
                            signingCredentials: creds);
                        return new JwtSecurityTokenHandler().WriteToken(token);
                    }
                }
                """, Diagnostic("JWT010", 0), Diagnostic("JWT011", 0));
        }

        [Fact]
        public async Task K09_GeneratedKeys_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public static class Keys
                {
                    public static SymmetricSecurityKey Random256() => new(RandomNumberGenerator.GetBytes(32));

                    public static SymmetricSecurityKey FromHmac()
                    {
                        using var hmac = new HMACSHA512();
                        return new SymmetricSecurityKey(hmac.Key);
                    }

                    public static SymmetricSecurityKey PerProcess() => new(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString() + Guid.NewGuid().ToString()));
                }
                """);
        }

        [Fact]
        public async Task K10_ValidationKeyInMiddlewareFromAppSettingsProperty_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class AppSettings { public string KeyJwt { get; set; } = ""; }

                public class JwtMiddleware
                {
                    private readonly RequestDelegate _next;
                    private readonly AppSettings _appSettings;

                    public JwtMiddleware(RequestDelegate next, AppSettings appSettings)
                    {
                        _next = next;
                        _appSettings = appSettings;
                    }

                    public async Task Invoke(HttpContext context)
                    {
                        var header = context.Request.Headers["Authorization"].FirstOrDefault();
                        if (header != null)
                        {
                            var handler = new JwtSecurityTokenHandler();
                            handler.ValidateToken(header.Replace("Bearer ", ""), new TokenValidationParameters
                            {
                                ValidateIssuerSigningKey = true,
                                IssuerSigningKey = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(_appSettings.KeyJwt)),
                                ValidateIssuer = false,
                                ValidateAudience = false,
                                ClockSkew = TimeSpan.Zero,
                            }, out var validated);
                            context.Items["User"] = ((JwtSecurityToken)validated).Subject;
                        }

                        await _next(context);
                    }
                }
                """);
        }

        [Fact]
        public async Task K11_StaticReadonlyByteKeyUsedForSigningAndValidation_ReportsEachSink()
        {
            await VerifyAsync(Usings + """
                public static class JwtConstants
                {
                    public static readonly byte[] Key = Encoding.ASCII.GetBytes("my-very-long-and-very-secret-signing-key-0123456789");
                    public const string Issuer = "MyApi";
                }

                public static class AuthSetup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddAuthentication().AddJwtBearer(o =>
                        {
                            o.TokenValidationParameters = new TokenValidationParameters
                            {
                                ValidIssuer = JwtConstants.Issuer,
                                IssuerSigningKey = new SymmetricSecurityKey({|JWT010:JwtConstants.Key|}),
                            };
                        });
                    }

                    public static SigningCredentials Credentials()
                        => new(new SymmetricSecurityKey({|JWT010:JwtConstants.Key|}), SecurityAlgorithms.HmacSha256);
                }
                """);
        }

        [Fact]
        public async Task K12_KeyConfiguredWithGetSection_DoesNotReport()
        {
            await VerifyProgramAsync(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                var jwtSection = builder.Configuration.GetSection("JwtSettings");
                var secret = jwtSection["SecretKey"] ?? throw new InvalidOperationException("JWT SecretKey not configured");
                builder.Services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = jwtSection["Issuer"],
                        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
                    };
                });
                builder.Build().Run();
                """);
        }

        // ================================================================ JWT020

        [Fact]
        public async Task C01_PasswordClaimInClaimsArray_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public class UserDataModel { public string UserName { get; set; } = ""; public Guid Key { get; set; } public string Password { get; set; } = ""; }

                public class MemberTokens
                {
                    private readonly IConfiguration _configuration;
                    public MemberTokens(IConfiguration configuration) => _configuration = configuration;

                    public string GetMemberToken(UserDataModel model)
                    {
                        var claims = new[]
                        {
                            new Claim(ClaimTypes.Name, model.UserName),
                            new Claim(ClaimTypes.Role, "User"),
                            new Claim("Id", model.Key.ToString()),
                            {|JWT020:new Claim("Password", model.Password)|},
                        };
                        var secretKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["Jwt:SecretKey"]!));
                        var credentials = new SigningCredentials(secretKey, SecurityAlgorithms.HmacSha256);
                        var token = new JwtSecurityToken(claims: claims, expires: DateTime.UtcNow.AddHours(1), signingCredentials: credentials);
                        return new JwtSecurityTokenHandler().WriteToken(token);
                    }
                }
                """);
        }

        [Fact]
        public async Task C02_PasswordClaimInDescriptorSubject_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public class User { public int Id { get; set; } public string Password { get; set; } = ""; }

                public class AuthRepository
                {
                    public string Token(User user, IConfiguration configuration)
                    {
                        var handler = new JwtSecurityTokenHandler();
                        var tokenKey = Encoding.UTF8.GetBytes(configuration["JWT:Key"]!);
                        var descriptor = new SecurityTokenDescriptor
                        {
                            Subject = new ClaimsIdentity(new Claim[]
                            {
                                new Claim("Id", user.Id.ToString()),
                                {|JWT020:new Claim("Password", user.Password)|},
                            }),
                            Audience = configuration["JWT:Audience"],
                            Expires = DateTime.UtcNow.AddMinutes(30),
                            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(tokenKey), SecurityAlgorithms.HmacSha256Signature),
                        };
                        return handler.WriteToken(handler.CreateToken(descriptor));
                    }
                }
                """);
        }

        [Fact]
        public async Task C03_ClaimsListWithPasswordAndLowercaseMembers_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public class account { public string email = ""; public string password = ""; public string role = ""; }

                public class AccountService
                {
                    public List<Claim> BuildClaims(account user)
                    {
                        var claims = new List<Claim>()
                        {
                            new Claim("Email", user.email),
                            {|JWT020:new Claim("Password", user.password)|},
                            new Claim("Role", user.role),
                            new Claim(ClaimTypes.Role, user.role),
                        };
                        return claims;
                    }
                }
                """);
        }

        [Fact]
        public async Task C04_PasswordClaimFromDictionaryEntry_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public class Registration
                {
                    public List<Claim> Identify(Dictionary<string, string> form)
                    {
                        return new List<Claim>
                        {
                            new Claim(ClaimTypes.Name, $"{form["First"]} {form["Last"]}"),
                            new Claim(ClaimTypes.Email, form["Email"]),
                            {|JWT020:new Claim("Password", form["Password"])|},
                        };
                    }
                }
                """);
        }

        [Fact]
        public async Task C05_PasswordHashValueUnderNeutralName_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public class Member { public string Id { get; set; } = ""; public string PasswordHash { get; set; } = ""; public string SecurityStamp { get; set; } = ""; }

                public static class Claims
                {
                    public static Claim[] For(Member m) => new[]
                    {
                        new Claim(JwtRegisteredClaimNames.Sub, m.Id),
                        {|JWT020:new Claim(ClaimTypes.Hash, m.PasswordHash)|},
                        new Claim("stamp", m.SecurityStamp),
                    };
                }
                """);
        }

        [Fact]
        public async Task C06_FactsAboutPasswordsAndContactData_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class Member
                {
                    public string Id { get; set; } = "";
                    public string Email { get; set; } = "";
                    public string? PasswordHash { get; set; }
                    public DateTime PasswordChangedAt { get; set; }
                    public string CardLast4 { get; set; } = "";
                    public string PhoneNumber { get; set; } = "";
                }

                public static class Claims
                {
                    public static List<Claim> For(Member m) => new()
                    {
                        new Claim(JwtRegisteredClaimNames.Sub, m.Id),
                        new Claim(JwtRegisteredClaimNames.Email, m.Email),
                        new Claim(ClaimTypes.Email, m.Email),
                        new Claim("has_password", (m.PasswordHash != null).ToString()),
                        new Claim("password_changed_at", m.PasswordChangedAt.ToString("o")),
                        new Claim("card_last4", m.CardLast4),
                        new Claim(ClaimTypes.MobilePhone, m.PhoneNumber),
                        new Claim(JwtRegisteredClaimNames.Iat, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(), ClaimValueTypes.Integer64),
                    };
                }
                """);
        }

        [Fact]
        public async Task C07_ConstantPasswordClaim_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public static class DemoLogin
                {
                    public static ClaimsIdentity Identity()
                    {
                        var claimOne = new Claim("name", "demo");
                        var claimTwo = {|JWT020:new Claim("password", "1234")|};
                        return new ClaimsIdentity(new[] { claimOne, claimTwo }, JwtBearerDefaults.AuthenticationScheme);
                    }
                }
                """);
        }

        [Fact]
        public async Task C08_PasswordToStringAndConvert_ReportsJwt020()
        {
            await VerifyAsync(Usings + """
                public class Dto { public Guid Id { get; set; } public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

                public static class Claims
                {
                    public static Claim[] For(Dto user, string userPassword) => new[]
                    {
                        new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
                        new Claim("Id", user.Id.ToString()),
                        new Claim("Email", user.Email.ToString()),
                        {|JWT020:new Claim("Password", user.Password.ToString())|},
                        {|JWT020:new Claim("credential", Convert.ToString(userPassword))|},
                    };
                }
                """);
        }

        [Fact]
        public async Task C09_JwtPayloadWithSecretAndSafeEntries_ReportsOnlySecret()
        {
            await VerifyAsync(Usings + """
                public class Client { public string ClientId { get; set; } = ""; public string ClientSecret { get; set; } = ""; }

                public static class Payloads
                {
                    public static JwtPayload For(Client client) => new JwtPayload
                    {
                        { "client_id", client.ClientId },
                        {|JWT020:{ "client_secret", client.ClientSecret }|},
                        { "scope", "api" },
                    };
                }
                """);
        }

        // ================================================================ JWT030

        private const string BlazorUsings = """
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Blazored.LocalStorage;
            using Microsoft.JSInterop;

            """;

        [Fact]
        public async Task S01_AuthStateProviderStoresTokenThroughInterop_ReportsJwt030()
        {
            await VerifyAsync(BlazorUsings + """
                public class JwtAuthStateProvider
                {
                    private readonly IJSRuntime _js;
                    private string? _cachedToken;
                    public JwtAuthStateProvider(IJSRuntime js) => _js = js;

                    public async Task SetTokenAsync(string token)
                    {
                        _cachedToken = token;
                        await {|JWT030:_js.InvokeVoidAsync("localStorage.setItem", "authToken", token)|};
                    }

                    public async Task ClearTokenAsync()
                    {
                        _cachedToken = null;
                        await _js.InvokeVoidAsync("localStorage.removeItem", "authToken");
                    }

                    public async Task<string?> GetTokenAsync() => _cachedToken ??= await _js.InvokeAsync<string?>("localStorage.getItem", "authToken");
                }
                """);
        }

        [Fact]
        public async Task S02_DottedKeyConstantWithCoalescedValue_ReportsJwt030()
        {
            await VerifyAsync(BlazorUsings + """
                public sealed class BrowserTokenStore
                {
                    private const string Key = "um.jwt";
                    private readonly IJSRuntime _js;
                    public BrowserTokenStore(IJSRuntime js) => _js = js;

                    public Task SetTokenAsync(string? token) => {|JWT030:_js.InvokeVoidAsync("localStorage.setItem", Key, token ?? "")|}.AsTask();
                    public Task<string?> GetTokenAsync() => _js.InvokeAsync<string?>("localStorage.getItem", Key).AsTask();
                    public Task ClearAsync() => _js.InvokeVoidAsync("localStorage.removeItem", Key).AsTask();
                }
                """);
        }

        [Fact]
        public async Task S03_BlazoredKebabCaseKey_ReportsJwt030()
        {
            await VerifyAsync(BlazorUsings + """
                public class LocalStorageHelper(ILocalStorageService localStorageService)
                {
                    private const string StorageKey = "authentication-token";
                    public async Task<string?> GetToken() => await localStorageService.GetItemAsStringAsync(StorageKey);
                    public async Task SetToken(string item) => await {|JWT030:localStorageService.SetItemAsStringAsync(StorageKey, item)|};
                    public async Task RemoveToken() => await localStorageService.RemoveItemAsync(StorageKey);
                }
                """);
        }

        [Fact]
        public async Task S04_LoginServiceStoresResultToken_ReportsJwt030AndNotEmail()
        {
            await VerifyAsync(BlazorUsings + """
                public class LoginResult { public bool Successful { get; set; } public string Token { get; set; } = ""; public string Email { get; set; } = ""; }
                public class LoginDto { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

                public class AuthService
                {
                    private readonly HttpClient _httpClient;
                    private readonly ILocalStorageService _localStorage;
                    public AuthService(HttpClient httpClient, ILocalStorageService localStorage) { _httpClient = httpClient; _localStorage = localStorage; }

                    public async Task<LoginResult> Login(LoginDto loginModel)
                    {
                        var response = await _httpClient.PostAsJsonAsync("api/login", loginModel);
                        var result = await response.Content.ReadFromJsonAsync<LoginResult>() ?? new LoginResult();
                        if (!result.Successful) return result;
                        await {|JWT030:_localStorage.SetItemAsync("authToken", result.Token)|};
                        await _localStorage.SetItemAsync("authEmail", result.Email);
                        _httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", result.Token);
                        return result;
                    }
                }
                """);
        }

        [Fact]
        public async Task S05_UserObjectsAndPreferences_DoNotReport()
        {
            await VerifyAsync(BlazorUsings + """
                public class UserInfo { public string Name { get; set; } = ""; public string[] Roles { get; set; } = Array.Empty<string>(); }

                public class Prefs
                {
                    private readonly IJSRuntime _js;
                    private readonly ILocalStorageService _localStorage;
                    public Prefs(IJSRuntime js, ILocalStorageService localStorage) { _js = js; _localStorage = localStorage; }

                    public async Task Save(UserInfo userInfo, int userId, string culture, object diagram)
                    {
                        await _localStorage.SetItemAsync("userInfo", userInfo);
                        await _js.InvokeVoidAsync("localStorage.setItem", "userId", userId.ToString());
                        await _js.InvokeVoidAsync("localStorage.setItem", "culture", culture);
                        var json = JsonSerializer.Serialize(diagram);
                        await _js.InvokeVoidAsync("localStorage.setItem", "workflow", json);
                        await _js.InvokeVoidAsync("loginHelpers.saveToken", "name", "value");
                    }
                }
                """);
        }

        [Fact]
        public async Task S06_SerializedUserWithTokenMember_ReportsJwt030()
        {
            await VerifyAsync(BlazorUsings + """
                public class UserDto { public string UserName { get; set; } = ""; public string Token { get; set; } = ""; }

                public class CustomAuthStateProvider
                {
                    private readonly IJSRuntime _jsRuntime;
                    public CustomAuthStateProvider(IJSRuntime jsRuntime) => _jsRuntime = jsRuntime;

                    public async Task AuthenticateAsync(UserDto? user)
                    {
                        var json = JsonSerializer.Serialize(user);
                        await {|JWT030:_jsRuntime.InvokeAsync<UserDto?>("localStorage.setItem", "user", json)|};
                    }
                }
                """);
        }

        [Fact]
        public async Task S07_AccessAndRefreshTokensSavedTogether_ReportsEach()
        {
            await VerifyAsync(BlazorUsings + """
                public class TokenAuthStateProvider
                {
                    private readonly IJSRuntime _jsRuntime;
                    public TokenAuthStateProvider(IJSRuntime jsRuntime) => _jsRuntime = jsRuntime;

                    public async Task MarkUserAsAuthenticated(string token, string refreshToken)
                    {
                        await {|JWT030:_jsRuntime.InvokeVoidAsync("localStorage.setItem", "authToken", token)|};
                        await {|JWT030:_jsRuntime.InvokeVoidAsync("localStorage.setItem", "refreshToken", refreshToken)|};
                    }
                }
                """);
        }

        [Fact]
        public async Task S08_GenericStorageWrapper_DoesNotReport()
        {
            await VerifyAsync(BlazorUsings + """
                public class LocalStorageService
                {
                    private readonly IJSRuntime _jsRuntime;
                    public LocalStorageService(IJSRuntime jsRuntime) => _jsRuntime = jsRuntime;

                    public async Task SetItemAsync(string key, string value) => await _jsRuntime.InvokeVoidAsync("localStorage.setItem", key, value);
                    public async Task<string> GetItemAsync(string key) => await _jsRuntime.InvokeAsync<string>("localStorage.getItem", key);
                }
                """);
        }

        [Fact]
        public async Task S09_KeyFromConstantsClassAndLoginResponseObject_ReportsJwt030()
        {
            await VerifyAsync(BlazorUsings + """
                public static class Constants { public const string AuthTokenName = "auth_token"; public const string CurrentUser = "currentUser"; }
                public class LoginResponse { public string UserName { get; set; } = ""; public string AccessToken { get; set; } = ""; }

                public class TokenStorageService
                {
                    private readonly ILocalStorageService _storage;
                    public TokenStorageService(ILocalStorageService storage) => _storage = storage;

                    public ValueTask SetToken(string value) => {|JWT030:_storage.SetItemAsStringAsync(Constants.AuthTokenName, value)|};
                    public ValueTask SetUser(LoginResponse response) => {|JWT030:_storage.SetItemAsync(Constants.CurrentUser, response)|};
                    public ValueTask UnsetToken() => _storage.RemoveItemAsync(Constants.AuthTokenName);
                }
                """);
        }

        [Fact]
        public async Task S10_TokenMetadataUnderTokenishKeys_DoesNotReport()
        {
            await VerifyAsync(BlazorUsings + """
                public class SessionClock
                {
                    private readonly ILocalStorageService _localStorage;
                    public SessionClock(ILocalStorageService localStorage) => _localStorage = localStorage;

                    public async Task Remember(DateTime expiresAt, string tokenType)
                    {
                        await _localStorage.SetItemAsync("tokenExpiry", expiresAt);
                        await _localStorage.SetItemAsStringAsync("tokenType", tokenType);
                        await _localStorage.SetItemAsync("lastRefresh", DateTime.UtcNow);
                    }
                }
                """);
        }

        [Fact]
        public async Task S11_EvalScriptStoringToken_ReportsJwt030()
        {
            await VerifyAsync(BlazorUsings + """
                public class LegacyLogin
                {
                    private readonly IJSRuntime _js;
                    public LegacyLogin(IJSRuntime js) => _js = js;

                    public async Task Persist(string jwt)
                        => await {|JWT030:_js.InvokeVoidAsync("eval", $"localStorage.setItem('session', '{jwt}')")|};
                }
                """);
        }

        // ================================================================ round 2: less common shapes

        [Fact]
        public async Task L15_RefreshParametersKeptInPrivateFieldUsedOnlyByValidateToken_DoesNotReport()
        {
            // The refresh helper's parameters built once in the constructor instead of in the method: the object
            // only ever reaches ValidateToken, like the local the spec exempts.
            await VerifyAsync(Usings + """
                public class RefreshService
                {
                    private readonly TokenValidationParameters _expiredTokenParameters;
                    private readonly JwtSecurityTokenHandler _handler = new();

                    public RefreshService(IConfiguration configuration)
                    {
                        _expiredTokenParameters = new TokenValidationParameters
                        {
                            ValidateIssuer = true,
                            ValidIssuer = configuration["Jwt:Issuer"],
                            ValidateLifetime = false,
                            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)),
                        };
                    }

                    public ClaimsPrincipal GetPrincipalFromExpiredToken(string accessToken)
                        => _handler.ValidateToken(accessToken, _expiredTokenParameters, out _);
                }
                """);
        }

        [Fact]
        public async Task L16_ParametersFieldAlsoHandedToJwtBearer_ReportsJwt001()
        {
            await VerifyAsync(Usings + """
                public class AuthConfig
                {
                    private readonly TokenValidationParameters _parameters;

                    public AuthConfig(IConfiguration configuration)
                    {
                        _parameters = new TokenValidationParameters
                        {
                            ValidIssuer = configuration["Jwt:Issuer"],
                            {|JWT001:ValidateLifetime = false|},
                        };
                    }

                    public void Apply(JwtBearerOptions options) => options.TokenValidationParameters = _parameters;

                    public ClaimsPrincipal Check(string token) => new JwtSecurityTokenHandler().ValidateToken(token, _parameters, out _);
                }
                """);
        }

        [Fact]
        public async Task K13_MoreKeySinksAndEncodings_Report()
        {
            await VerifyAsync(Usings + """
                using JWT.Algorithms;
                using JWT.Builder;

                public class Keys
                {
                    private const string Secret = "a-long-enough-secret-for-hs256-signing-01";

                    public SecurityKey DefaultEncoding() => new SymmetricSecurityKey({|JWT010:Encoding.Default.GetBytes("another-long-enough-secret-for-hs256-02")|});
                    public SecurityKey Qualified() => new SymmetricSecurityKey({|JWT010:System.Text.Encoding.UTF8.GetBytes("qualified-long-enough-secret-for-hs256-03")|});
                    public SecurityKey Base64() => new SymmetricSecurityKey({|JWT010:Convert.FromBase64String("bXktbG9uZy1lbm91Z2gtc2VjcmV0LWZvci1oczI1Ni1zaWduaW5nLTA0")|});

                    public string DecodeWithBuilder(string token)
                        => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret({|JWT010:Secret|}).MustVerifySignature().Decode(token);

                    public string EncodeWithBytes()
                        => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret({|JWT010:Encoding.ASCII.GetBytes("builder-bytes-secret-long-enough-for-hs256")|}).AddClaim("sub", "1").Encode();

                    public string JoseDecode(string token) => Jose.JWT.Decode(token, {|JWT010:Encoding.UTF8.GetBytes(Secret)|}, Jose.JwsAlgorithm.HS256);
                }
                """);
        }

        [Fact]
        public async Task K14_ConfigurationWithFallbacks_ReportsOnlyLiteralFallbacks()
        {
            await VerifyAsync(Usings + """
                public class Keys
                {
                    private readonly IConfiguration _config;
                    public Keys(IConfiguration config) => _config = config;

                    public SecurityKey EmptyFallback() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config["Jwt:Key"] ?? ""));
                    public SecurityKey LiteralFallback() => new SymmetricSecurityKey({|JWT010:Encoding.UTF8.GetBytes(_config.GetValue<string>("Jwt:Key") ?? "super_secret_key_123456789012345678")|});
                    public SecurityKey ShortFallback() => new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes(_config["Jwt:Key"] ?? "dev-key")|});
                    public SecurityKey Bound()
                    {
                        var options = _config.GetSection("Jwt").Get<JwtOptions>()!;
                        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Key));
                    }
                }

                public class JwtOptions { public string Key { get; set; } = "placeholder"; }
                """, Diagnostic("JWT010", 0), Diagnostic("JWT011", 0));
        }

        [Fact]
        public async Task C10_MoreSensitiveClaimNames_Report()
        {
            await VerifyAsync(Usings + """
                using JWT.Algorithms;
                using JWT.Builder;

                public class Person { public string Id { get; set; } = ""; public string SocialSecurityNumber { get; set; } = ""; public string ApiKey { get; set; } = ""; public string Pwd { get; set; } = ""; public Guid ApiKeyId { get; set; } }
                public class LoginRequest { public string UserName { get; set; } = ""; public string Password { get; set; } = ""; }

                public static class Claims
                {
                    public static List<Claim> For(Person p, LoginRequest request) => new()
                    {
                        new Claim(ClaimTypes.Name, request.UserName),
                        {|JWT020:new Claim("pass", request.Password)|},
                        {|JWT020:new Claim("ssn", p.SocialSecurityNumber)|},
                        {|JWT020:new Claim("api_key", p.ApiKey)|},
                        {|JWT020:new Claim("pwd", p.Pwd)|},
                        new Claim("apiKeyId", p.ApiKeyId.ToString()),
                        new Claim("secret_question", "first pet"),
                    };

                    public static SecurityTokenDescriptor Descriptor(Person p, string password) => new()
                    {
                        Claims = new Dictionary<string, object> { ["sub"] = p.Id, {|JWT020:["password"] = password|} },
                        Expires = DateTime.UtcNow.AddMinutes(5),
                    };

                    public static string Builder(string secret, string password)
                        => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret)
                            .AddClaim("sub", "1")
                            .{|JWT020:AddClaim("password", password)|}
                            .Encode();
                }
                """);
        }

        [Fact]
        public async Task S12_MoreStorageShapes_Report()
        {
            await VerifyAsync(BlazorUsings + """
                using Blazored.SessionStorage;

                public class Session { public string UserName { get; set; } = ""; public string Token { get; set; } = ""; }
                public class LoginResult { public string AccessToken { get; set; } = ""; }

                public class Store
                {
                    private const string AppName = "shop";
                    private readonly IJSRuntime _js;
                    private readonly ISessionStorageService _session;
                    private readonly ILocalStorageService _local;
                    public Store(IJSRuntime js, ISessionStorageService session, ILocalStorageService local) { _js = js; _session = session; _local = local; }

                    public async Task Save(string token, Session userSession, LoginResult loginResult, HttpResponseMessage response)
                    {
                        await {|JWT030:_session.SetItemAsync("jwt", token)|};
                        {|JWT030:((IJSInProcessRuntime)_js).InvokeVoid("localStorage.setItem", "access_token", token)|};
                        await {|JWT030:_js.InvokeVoidAsync("localStorage.setItem", "user", JsonSerializer.Serialize(userSession))|};
                        await {|JWT030:_js.InvokeVoidAsync("localStorage.setItem", $"{AppName}_token", token)|};
                        await {|JWT030:_local.SetItemAsync("access", loginResult)|};
                        await {|JWT030:_local.SetItemAsStringAsync("token", await response.Content.ReadAsStringAsync())|};
                    }
                }
                """);
        }

        [Fact]
        public async Task S13_MoreStorageShapes_DoNotReport()
        {
            await VerifyAsync(BlazorUsings + """
                using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

                public class Prefs
                {
                    private readonly IJSRuntime _js;
                    private readonly ILocalStorageService _local;
                    private readonly ProtectedLocalStorage _protected;
                    public Prefs(IJSRuntime js, ILocalStorageService local, ProtectedLocalStorage protectedStorage) { _js = js; _local = local; _protected = protectedStorage; }

                    public async Task Save(string token, DateTime expiresAt, bool dark)
                    {
                        await _protected.SetAsync("authToken", token);
                        await _local.SetItemAsync("refresh_token_expires_at", expiresAt);
                        await _local.SetItemAsync("darkMode", dark);
                        await _local.SetItemAsync("auth", new { IsAuthenticated = true });
                        await _js.InvokeVoidAsync("localStorage.setItem", "authUserName", "someone");
                        await _js.InvokeVoidAsync("sessionStorage.setItem", "returnUrl", "/orders");
                    }
                }
                """);
        }

        [Fact]
        public async Task L17_LifetimeValidatorNullOrOnAnotherObject_StillReports()
        {
            // Twins of L08: a null delegate hands the check back to the flags; a delegate on another object decides nothing here.
            await VerifyAsync(Usings + """
                public static class AuthSetup
                {
                    public static void Add(JwtBearerOptions options, TokenValidationParameters other)
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            {|JWT001:ValidateLifetime = false|},
                            LifetimeValidator = null,
                        };
                        var p = new TokenValidationParameters();
                        {|JWT002:p.RequireExpirationTime = false|};
                        other.LifetimeValidator = (nbf, exp, token, parameters) => exp > DateTime.UtcNow;
                        options.TokenValidationParameters = p;
                    }
                }
                """);
        }

        [Fact]
        public async Task L18_LifetimeValidatorSetInLaterStatementOnSameObject_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public static class AuthSetup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddAuthentication().AddJwtBearer(options =>
                        {
                            options.TokenValidationParameters.ValidateLifetime = false;
                            options.TokenValidationParameters.LifetimeValidator = (nbf, exp, token, p) => exp != null && exp > DateTime.UtcNow;
                        });
                    }
                }
                """);
        }

        [Fact]
        public async Task L19_PrivateParametersFieldThatEscapes_StillReports()
        {
            // Twin of L15: the field also leaves the class (returned), so it may serve the middleware.
            await VerifyAsync(Usings + """
                public class RefreshService
                {
                    private readonly TokenValidationParameters _parameters = new()
                    {
                        {|JWT001:ValidateLifetime = false|},
                    };

                    public ClaimsPrincipal Read(string token) => new JwtSecurityTokenHandler().ValidateToken(token, _parameters, out _);
                    public TokenValidationParameters Parameters() => _parameters;
                }
                """);
        }

        // ================================================================ known gaps (debatable: precision first)

        [Fact]
        public async Task Gap_MiddlewareValidatingBearerTokenWithoutLifetime_DoesNotReport()
        {
            // Known gap: the request's own bearer token validated with ValidateLifetime = false is a real hole, but it
            // has the shape of the refresh-flow helper (parameters passed straight to ValidateToken), which some
            // refresh endpoints also feed from the Authorization header. Not provable from the code: silent.
            await VerifyAsync(Usings + """
                public class ApiKeyFilter
                {
                    public ClaimsPrincipal? Read(HttpContext context, string signingKey)
                    {
                        var header = context.Request.Headers["Authorization"].ToString();
                        return new JwtSecurityTokenHandler().ValidateToken(header.Substring("Bearer ".Length).Trim(), new TokenValidationParameters
                        {
                            ValidateIssuer = false,
                            ValidateAudience = false,
                            ValidateLifetime = false,
                            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
                        }, out _);
                    }
                }
                """);
        }

        [Fact]
        public async Task Gap_SerializedUserWithPasswordInOneClaim_DoesNotReport()
        {
            // Known gap: the rule reads claim names and the names of values, not the members of an object serialized
            // into one claim.
            await VerifyAsync(Usings + """
                public class User { public string Name { get; set; } = ""; public string Password { get; set; } = ""; }

                public static class Claims
                {
                    public static Claim For(User user) => new Claim(ClaimTypes.UserData, System.Text.Json.JsonSerializer.Serialize(user));
                }
                """);
        }

        [Fact]
        public async Task Gap_TokenUnderAuthenticationKeyFromNeutralParameter_DoesNotReport()
        {
            // Known gap: "authentication-key" ends in the veto word "key" and the value is a parameter named "item";
            // only the method name (SetToken) says token, and method names are not read.
            await VerifyAsync(BlazorUsings + """
                public class LocalStorageHelper(ILocalStorageService localStorageService)
                {
                    private const string StorageKey = "authentication-key";
                    public async Task SetToken(string item) => await localStorageService.SetItemAsStringAsync(StorageKey, item);
                }
                """);
        }

        // ================================================================ robustness on truncated / mangled real-world code

        [Theory]
        [InlineData("""
            using Microsoft.IdentityModel.Tokens;
            using System.Text;
            class C { object M() => new TokenValidationParameters { ValidateLifetime = , IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes( }
            """)]
        [InlineData("""
            using Microsoft.IdentityModel.Tokens;
            using System.Security.Claims;
            class C { object M(dynamic u) => new[] { new Claim("password", u.Password), new Claim( }; 
            """)]
        [InlineData("""
            using Microsoft.JSInterop;
            class C { async void M(IJSRuntime js, string token) { await js.InvokeVoidAsync("localStorage.setItem", "authToken" token); await js.InvokeVoidAsync(; } }
            """)]
        [InlineData("""
            using Blazored.LocalStorage;
            class C { async void M(ILocalStorageService s) { await s.SetItemAsync<>("authToken", ); await s.SetItemAsync(Missing.Key, missingValue); } }
            """)]
        [InlineData("""
            using JWT.Builder;
            class C { string M() => new JwtBuilder().WithSecret().WithSecret(null!).WithSecret(new string[] { null!, }).Encode(; }
            """)]
        [InlineData("""
            class C { object M() => Jose.JWT.Encode(new { password = }, System.Text.Encoding.UTF8.GetBytes("k"), Jose.JwsAlgorithm. ); }
            """)]
        [InlineData("""
            using Microsoft.IdentityModel.Tokens;
            partial class C { const string K = K + "x"; static readonly byte[] B = B; object M() => new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(K)); object N() => new SymmetricSecurityKey(B); }
            """)]
        [InlineData("""
            using Microsoft.IdentityModel.Tokens;
            class C { void M(TokenValidationParameters p) { p.ValidateLifetime = ; p.RequireExpirationTime = (bool)(object); p.LifetimeValidator = ; } }
            """)]
        public async Task Mangled_RealWorldShapes_NeverThrow(string source)
        {
            await VerifyBrokenAsync(source);
        }
    }
}
