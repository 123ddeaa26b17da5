using System.Collections.Generic;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>
    /// Held-out evaluation corpus for JWT004/005/006/040-045/051: our own adaptations of shapes seen in public
    /// ASP.NET Core code (same shapes, own names; no third-party code). A line that must be reported ends with
    /// <c>// expect: JWTnnn</c> (several ids separated by commas); no other line may carry one of the evaluated ids.
    /// The answer for each case follows docs/rules/JWTnnn.md; where the spec leaves it open we chose silence
    /// (precision first) and say so in a comment inside the case.
    /// </summary>
    internal static class RealWorldShapeCases
    {
        public sealed class Case
        {
            public Case(string name, string source, bool topLevel = false)
            {
                Name = name;
                Source = source;
                TopLevel = topLevel;
            }

            public string Name { get; }

            public string Source { get; }

            /// <summary>Program.cs with top-level statements (compiled as a console application).</summary>
            public bool TopLevel { get; }

            public override string ToString() => Name;
        }

        public static readonly IReadOnlyList<Case> All = new List<Case>
        {
            // ---------------------------------------------------------------- JWT041 / JWT042 / JWT040
            new Case("Startup_IssuerAndAudienceOff_WithConfigKey", @"
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public class Startup
{
    public Startup(IConfiguration configuration) => Configuration = configuration;
    public IConfiguration Configuration { get; }

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Configuration.GetSection(""AppSettings:Token"").Value!)),
                    ValidateIssuer = false, // expect: JWT041
                    ValidateAudience = false // expect: JWT042
                };
            });
    }
}"),
            new Case("AudienceOffWithComment_IssuerOn", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public static class AuthSetup
{
    public static IServiceCollection AddApiAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(""Bearer"", options =>
            {
                options.Authority = ""https://identity.example.com"";
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = configuration[""Auth:Issuer""],
                    // the identity server issues tokens without an audience for this API
                    ValidateAudience = false // expect: JWT042
                };
            });
        return services;
    }
}"),
            new Case("RefreshHelper_GetPrincipalFromExpiredToken_Exempt", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

public static class TokenHelper
{
    public static ClaimsPrincipal? GetPrincipalFromExpiredToken(string? token, IConfiguration config)
    {
        var tokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config[""JWT:Secret""]!)),
        };

        var tokenHandler = new JwtSecurityTokenHandler();
        var principal = tokenHandler.ValidateToken(token, tokenValidationParameters, out SecurityToken securityToken);
        if (securityToken is not JwtSecurityToken jwtSecurityToken
            || !jwtSecurityToken.Header.Alg.Equals(SecurityAlgorithms.HmacSha256, StringComparison.InvariantCultureIgnoreCase))
        {
            throw new SecurityTokenException(""Invalid token"");
        }

        return principal;
    }
}"),
            new Case("InPlaceParametersPassedToValidateTokenAsync_Exempt", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

public class SignatureCheck
{
    private readonly IConfiguration _configuration;
    public SignatureCheck(IConfiguration configuration) => _configuration = configuration;

    public async Task<bool> ValidateSignature(string accessToken)
    {
        if (string.IsNullOrWhiteSpace(accessToken)) return false;
        accessToken = accessToken.Replace(""Bearer"", string.Empty).Trim();
        var tokenHandler = new JwtSecurityTokenHandler();
        try
        {
            var key = Convert.FromBase64String(_configuration[""JwtSecret""] ?? string.Empty);
            return (await tokenHandler.ValidateTokenAsync(accessToken, new TokenValidationParameters
            {
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = new SymmetricSecurityKey(key),
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = true,
            })).IsValid;
        }
        catch (Exception)
        {
            return false;
        }
    }
}"),
            new Case("TenantAuthority_IssuerOffThroughReceiver", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Logging;

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication(options =>
        {
            options.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
        }).AddJwtBearer(options =>
        {
            options.Authority = ""https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0/"";
            options.Audience = ""api://66666666-7777-8888-9999-000000000000"";
            options.IncludeErrorDetails = true;
            options.TokenValidationParameters.ValidateIssuer = false; // expect: JWT041
        });

        IdentityModelEventSource.ShowPII = true; // expect: JWT051
    }
}"),
            new Case("IssuerOffButTenantCheckingIssuerValidator", @"
using System.Collections.Generic;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public static class MultiTenantAuth
{
    public static void Add(IServiceCollection services, ISet<string> allowedTenants)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = false,
                IssuerValidator = (issuer, securityToken, validationParameters) =>
                {
                    foreach (var tenant in allowedTenants)
                    {
                        if (issuer.Contains(tenant)) return issuer;
                    }

                    throw new SecurityTokenInvalidIssuerException(""Unknown or untrusted issuer"");
                },
            };
        });
    }
}"),
            new Case("FlagsFromOptionsObject_Safe", @"
using System;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public class IdentityTokenPolicy { public bool ValidateTokenIssuerName { get; set; } = true; }
public class IdentityTokenOptions { public IdentityTokenPolicy Policy { get; set; } = new(); public string ClientId { get; set; } = """"; public TimeSpan ClockSkew { get; set; } }

public class IdentityTokenValidator
{
    public async Task<string?> ValidateAsync(string identityToken, IdentityTokenOptions options, SecurityKey[] signingKeys, string issuerName)
    {
        var tokenHandler = new JsonWebTokenHandler();
        var validationParameters = new TokenValidationParameters
        {
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = signingKeys,
            ValidateIssuer = options.Policy.ValidateTokenIssuerName,
            ValidIssuer = issuerName,
            ValidateAudience = true,
            ValidAudience = options.ClientId,
            ValidateLifetime = true,
            ClockSkew = options.ClockSkew
        };

        var validationResult = await tokenHandler.ValidateTokenAsync(identityToken, validationParameters);
        if (!validationResult.IsValid)
        {
            return validationResult.Exception?.Message ?? ""Identity token validation failed."";
        }

        return validationResult.ClaimsIdentity.Name;
    }
}"),
            new Case("ProgramTopLevel_FlagsOff_HttpsMetadataFollowsEnvironment", @"
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
var secretKey = builder.Configuration[""Jwt:Key""]!;

builder.Services.AddAuthentication(options =>
{
    options.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
    options.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
})
.AddJwtBearer(options =>
{
    options.RequireHttpsMetadata = builder.Environment.IsProduction();

    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidateIssuer = false, // Disable issuer validation // expect: JWT041
        ValidateAudience = false, // Disable audience validation // expect: JWT042
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secretKey)),
        ClockSkew = System.TimeSpan.Zero
    };
});

var app = builder.Build();
app.UseAuthentication();
app.Run();
", topLevel: true),
            new Case("ProgramTopLevel_KeycloakFallback_AudienceOff", @"
using System;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
var useLocalKey = builder.Configuration.GetValue<bool>(""Auth:UseLocalKey"");

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        if (useLocalKey)
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration[""Jwt:Key""]!)),
                ValidIssuer = builder.Configuration[""Jwt:Issuer""],
                ValidAudience = builder.Configuration[""Jwt:Audience""],
                ValidateLifetime = true,
                ClockSkew = TimeSpan.Zero
            };
        }
        else
        {
            options.Authority = $""{builder.Configuration[""Keycloak:BaseUrl""]}/realms/{builder.Configuration[""Keycloak:Realm""]}"";
            options.RequireHttpsMetadata = builder.Environment.IsProduction();
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = false, // expect: JWT042
                ClockSkew = TimeSpan.Zero
            };
        }
    });

builder.Build().Run();
", topLevel: true),
            new Case("ValidateMethod_CommonEndpoint_PassedToValidateToken_ExemptBySpec", @"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

public class CommonEndpointValidator
{
    // Spec (JWT041/042 'When to suppress'): a TokenValidationParameters built in the method and passed straight to
    // ValidateToken in the same method is the refresh-helper shape and is not reported, whatever the method is called.
    private JwtSecurityToken? Validate(string token)
    {
        var stsDiscoveryEndpoint = ""https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"";
        var configManager = new ConfigurationManager<OpenIdConnectConfiguration>(stsDiscoveryEndpoint, new OpenIdConnectConfigurationRetriever());
        var config = configManager.GetConfigurationAsync().Result;
        var validationParameters = new TokenValidationParameters
        {
            ValidateAudience = false,
            ValidateIssuer = false,
            IssuerSigningKeys = config.SigningKeys,
            ValidateLifetime = true
        };
        var handler = new JwtSecurityTokenHandler();
        handler.ValidateToken(token, validationParameters, out var jwt);
        return jwt as JwtSecurityToken;
    }
}"),
            new Case("ParametersFactoryMethod_NotPassedToValidateToken_Reports", @"
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

public class JwtSettings { public string Secret { get; set; } = """"; }

public class TokenValidationParametersFactory
{
    private readonly JwtSettings _settings;
    public TokenValidationParametersFactory(IOptions<JwtSettings> options) => _settings = options.Value;

    public TokenValidationParameters GetTokenValidationParameters() => new TokenValidationParameters
    {
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_settings.Secret)),
        ValidateIssuer = false, // expect: JWT041
        ValidateAudience = false, // expect: JWT042
        ValidateLifetime = true,
    };
}"),
            new Case("DevelopmentOnlyFlags_Safe", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

public class Startup
{
    private readonly IWebHostEnvironment _env;
    public Startup(IWebHostEnvironment env) => _env = env;

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = ""https://auth.example.com"";
            if (_env.IsDevelopment())
            {
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters.ValidateIssuer = false;
                options.TokenValidationParameters.ValidateAudience = false;
            }
        });
    }
}"),
            new Case("SemgrepShape_UnsignedAcceptedAndFlagsOff", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                RequireSignedTokens = false, // expect: JWT040
                ValidateIssuer = false, // expect: JWT041
                ValidateAudience = false // expect: JWT042
            };
        });
    }
}"),
            new Case("TokenCreatedWithoutCredentials_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;

public class CreateToken
{
    public string TokenCreate()
    {
        var bytes = Encoding.UTF8.GetBytes(""aspnetcoreapiapi"");
        var key = new SymmetricSecurityKey(bytes);
        var signingCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);

        var token = new JwtSecurityToken(issuer: ""http://localhost"", // expect: JWT040
            audience: ""http://localhost"",
            notBefore: DateTime.Now,
            expires: DateTime.Now.AddMinutes(5));

        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(token);
    }
}"),
            new Case("TokenCreatedWithCredentials_Safe", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

public static class TokenFactory
{
    public static string GenerateToken(IConfiguration configuration, Claim[] claims)
    {
        var securityKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(configuration[""JWTConfig:Key""]!));
        var credentials = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(
            claims: claims,
            expires: DateTime.Now.AddMinutes(10),
            signingCredentials: credentials);

        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}"),
            new Case("DescriptorWithoutSigningCredentials_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;

public class TokenService
{
    public string Issue(string userId, string email)
    {
        var tokenHandler = new JwtSecurityTokenHandler();
        var tokenDescriptor = new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(new[] { new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Email, email) }),
            Expires = DateTime.UtcNow.AddHours(1),
            Issuer = ""my-api"",
        };
        var token = tokenHandler.CreateToken(tokenDescriptor); // expect: JWT040
        return tokenHandler.WriteToken(token);
    }
}"),
            new Case("DescriptorExtensionSetsCredentials_Safe", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

internal static class SecurityTokenDescriptorExtensions
{
    internal static string GenerateToken(this SecurityTokenDescriptor tokenDescriptor, DateTimeOffset expires, string issuer, string audience, SigningCredentials signingCredentials)
    {
        tokenDescriptor.Expires = expires.UtcDateTime;
        tokenDescriptor.Issuer = issuer;
        tokenDescriptor.Audience = audience;
        tokenDescriptor.SigningCredentials = signingCredentials;

        var tokenHandler = new JwtSecurityTokenHandler();
        var securityToken = tokenHandler.CreateToken(tokenDescriptor);
        return tokenHandler.WriteToken(securityToken);
    }
}"),
            new Case("SigningKeyValidationOff_RequireSignedTokensOn_Safe", @"
using Microsoft.IdentityModel.Tokens;

public static class Parameters
{
    public static TokenValidationParameters Create(SecurityKey key, string issuer, string audience) => new TokenValidationParameters
    {
        ValidateIssuerSigningKey = false,
        RequireSignedTokens = true,
        IssuerSigningKey = key,
        ValidIssuer = issuer,
        ValidAudience = audience,
    };
}"),

            // ---------------------------------------------------------------- JWT006
            new Case("SampleSignatureValidatorReturnsParsedToken", @"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

public static class ValidateJwtWithJsonClaims
{
    public static void Run(string jwt)
    {
        var jwtHandler = new JwtSecurityTokenHandler();
        var validationParameters = new TokenValidationParameters
        {
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = false,
            SignatureValidator = (token, parameters) => // expect: JWT006
            {
                return new JwtSecurityToken(token);
            }
        };

        var principal = jwtHandler.ValidateToken(jwt, validationParameters, out var securityToken);
    }
}"),
            new Case("Net8WorkaroundThroughLocal_Reports", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public static class BearerSetup
{
    public static void Add(IServiceCollection services, SecurityKey key)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = key,
                // fixes the 401 after upgrading to .NET 8
                SignatureValidator = delegate (string token, TokenValidationParameters parameters) // expect: JWT006
                {
                    var jwt = new JsonWebToken(token);
                    return jwt;
                },
            };
        });
    }
}"),
            new Case("SignatureValidatorComparesHmac_Safe", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

public class HmacCheck
{
    public void Configure(JwtBearerOptions config, string clientSecret)
    {
        config.TokenValidationParameters.SignatureValidator =
            delegate (string token, TokenValidationParameters parameters)
            {
                var jwt = new JwtSecurityToken(token);
                using var hmac = new HMACSHA256(Convert.FromBase64String(clientSecret));
                var encodedData = jwt.EncodedHeader + ""."" + jwt.EncodedPayload;
                var compiledSignature = Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(encodedData)));
                if (compiledSignature != jwt.RawSignature)
                {
                    return null;
                }

                return jwt;
            };
    }
}"),
            new Case("IssuerValidatorReturnsArgument_Reports", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public static class AzureAdMultiTenant
{
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = ""https://login.microsoftonline.com/common/v2.0"";
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                IssuerValidator = (issuer, token, parameters) => issuer, // expect: JWT006
            };
        });
    }
}"),
            new Case("IssuerValidatorChecksList_Safe", @"
using System.Collections.Generic;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public class JwtOptions { public List<string> Issuer { get; set; } = new(); }

public static class IssuerListAuth
{
    public static void Add(IServiceCollection services, JwtOptions jwt)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuers = jwt.Issuer,
                IssuerValidator = (issuer, token, parameters) =>
                {
                    if (!jwt.Issuer.Contains(issuer))
                    {
                        throw new SecurityTokenInvalidIssuerException(""Invalid issuer."");
                    }

                    return issuer;
                }
            };
        });
    }
}"),
            new Case("IssuerValidatorConditionalThrow_Safe", @"
using System;
using Microsoft.IdentityModel.Tokens;

public static class MicrosoftLogin
{
    public static TokenValidationParameters Create(string clientId) => new TokenValidationParameters
    {
        ValidateIssuer = true,
        // The common endpoint issues per-tenant issuers, so match the template.
        IssuerValidator = (issuer, _, _) =>
            issuer.StartsWith(""https://login.microsoftonline.com/"", StringComparison.Ordinal)
                ? issuer
                : throw new SecurityTokenInvalidIssuerException($""Unexpected issuer '{issuer}'.""),
        ValidateAudience = true,
        ValidAudience = clientId,
        ValidateLifetime = true,
    };
}"),
            new Case("LifetimeValidatorAlwaysTrue_Reports", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public static class LegacyClients
{
    public static void Add(IServiceCollection services, SecurityKey key)
    {
        services.AddAuthentication().AddJwtBearer(o =>
        {
            o.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidIssuer = ""legacy"",
                ValidAudience = ""legacy-api"",
                LifetimeValidator = (notBefore, expires, token, parameters) => true, // expect: JWT006
            };
        });
    }
}"),
            new Case("LifetimeValidatorStaticHelper_Safe", @"
using System;
using Microsoft.IdentityModel.Tokens;

public class CustomLifetime
{
    public static bool CustomLifetimeValidator(DateTime? notBefore, DateTime? expires, SecurityToken tokenToValidate, TokenValidationParameters @param)
    {
        if (expires != null)
        {
            return expires > DateTime.UtcNow;
        }

        return false;
    }
}

public static class LifetimeSetup
{
    public static TokenValidationParameters Create(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key,
        ValidIssuer = ""api"",
        ValidAudience = ""api"",
        LifetimeValidator = CustomLifetime.CustomLifetimeValidator,
    };
}"),
            new Case("AudienceValidatorChecksAndAlwaysTrue", @"
using System.Collections.Generic;
using System.Linq;
using Microsoft.IdentityModel.Tokens;

public static class Audiences
{
    public static TokenValidationParameters Strict(ISet<string> allowed) => new TokenValidationParameters
    {
        ValidIssuer = ""api"",
        AudienceValidator = (audiences, token, parameters) => audiences.Any(a => allowed.Contains(a)),
    };

    public static TokenValidationParameters Loose() => new TokenValidationParameters
    {
        ValidIssuer = ""api"",
        AudienceValidator = (audiences, token, parameters) => true, // expect: JWT006
    };
}"),

            // ---------------------------------------------------------------- JWT005
            new Case("ClockSkewZeroAndDefault_Safe", @"
using System;
using Microsoft.IdentityModel.Tokens;

public static class Skews
{
    public static TokenValidationParameters Zero(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key,
        ValidIssuer = ""a"",
        ValidAudience = ""b"",
        ClockSkew = TimeSpan.Zero
    };

    public static TokenValidationParameters Explicit(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key,
        ValidIssuer = ""a"",
        ValidAudience = ""b"",
        // Allow some clock drift (default is 5 mins, but let's be explicit)
        ClockSkew = TimeSpan.FromMinutes(5),
    };
}"),
            new Case("ClockSkewTooLarge_Reports", @"
using System;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public static class MobileAuth
{
    public static void Add(IServiceCollection services, SecurityKey key)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidIssuer = ""mobile"",
                ValidAudience = ""mobile-api"",
                ClockSkew = TimeSpan.FromMinutes(30), // expect: JWT005
            };
        });
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.TokenValidationParameters.ClockSkew = TimeSpan.FromDays(1); // expect: JWT005
        });
    }
}"),
            new Case("ClockSkewPocoDefault_Safe", @"
using System;

public class TokenValidationParametersOptions
{
    public bool ValidateIssuer { get; set; } = true;
    public bool ValidateAudience { get; set; } = false;
    public bool RequireSignedTokens { get; set; } = false;
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromHours(1);
}"),

            // ---------------------------------------------------------------- JWT004
            new Case("DescriptorSevenDays_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class AuthService
{
    private static readonly JwtSecurityTokenHandler TokenHandler = new();
    private readonly SecurityKey _securityKey;
    private readonly string _issuer;
    private readonly string _audience;

    public AuthService(SecurityKey securityKey, string issuer, string audience)
    {
        _securityKey = securityKey;
        _issuer = issuer;
        _audience = audience;
    }

    public string Generate(int id, string login)
    {
        var tokenDescription = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(new[] { new Claim(""Id"", id.ToString()), new Claim(""Login"", login) }),
            Expires = DateTime.UtcNow.AddDays(7), // expect: JWT004
            Issuer = _issuer,
            Audience = _audience,
            SigningCredentials = new SigningCredentials(_securityKey, SecurityAlgorithms.HmacSha256Signature)
        };

        var token = TokenHandler.CreateToken(tokenDescription);
        return TokenHandler.WriteToken(token);
    }
}"),
            new Case("ExpiresLocalSevenDays_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class TokenIssuer
{
    public string CreateToken(string userName, SigningCredentials signingCredentials)
    {
        var nowUtc = DateTime.UtcNow;
        var expires = nowUtc.AddDays(7);
        var claims = new[] { new Claim(ClaimTypes.Name, userName) };
        var token = new JwtSecurityToken(""shop-identity"", ""shop"", claims, nowUtc, expires, signingCredentials); // expect: JWT004
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}"),
            new Case("OptionsPocoExpires_Safe", @"
using System;
using Microsoft.IdentityModel.Tokens;

public class JwtIssuerOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    public DateTime Expires { get; set; } = DateTime.UtcNow.Add(TimeSpan.FromDays(7));
    public SigningCredentials? SigningCredentials { get; set; }
}"),
            new Case("ConfiguredLifetimeAndShortLifetime_Safe", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class JwtSettings { public int ExpiryInMinutes { get; set; } }

public class TokenGenerator
{
    private readonly JwtSettings _jwt;
    public TokenGenerator(JwtSettings jwt) => _jwt = jwt;

    public string Configured(ClaimsIdentity subject, SigningCredentials credentials)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = subject,
            Expires = DateTime.UtcNow.AddMinutes(_jwt.ExpiryInMinutes),
            SigningCredentials = credentials,
        };
        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(handler.CreateToken(descriptor));
    }

    public string Short(Claim[] claims, SigningCredentials credentials)
        => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(claims: claims, expires: DateTime.Now.AddMinutes(10), signingCredentials: credentials));
}"),
            new Case("RefreshTokenCookieAndEntity_Safe", @"
using System;
using Microsoft.AspNetCore.Http;

public class RefreshToken
{
    public string Token { get; set; } = """";
    public DateTime Expires { get; set; }
    public DateTime Created { get; set; }
}

public class RefreshTokens
{
    public RefreshToken Create(string value) => new RefreshToken
    {
        Token = value,
        Expires = DateTime.UtcNow.AddDays(7),
        Created = DateTime.UtcNow
    };

    public void SetCookie(HttpResponse response, RefreshToken refreshToken)
    {
        var cookieOptions = new CookieOptions
        {
            HttpOnly = true,
            Expires = DateTime.UtcNow.AddDays(7)
        };
        response.Cookies.Append(""refreshToken"", refreshToken.Token, cookieOptions);
    }
}"),
            new Case("RememberMeConditional_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class LoginTokens
{
    public string Create(ClaimsIdentity identity, bool rememberMe, SigningCredentials credentials)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = identity,
            Expires = rememberMe ? DateTime.UtcNow.AddDays(30) : DateTime.UtcNow.AddHours(1), // expect: JWT004
            SigningCredentials = credentials,
        };
        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(handler.CreateToken(descriptor));
    }
}"),

            // ---------------------------------------------------------------- JWT043
            new Case("ConfiguratorClass_HttpsOffWithAuthority_Reports", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

public class JwtBearerConfigurator
{
    private readonly IConfiguration _configuration;
    public JwtBearerConfigurator(IConfiguration configuration) => _configuration = configuration;

    public void Configure(JwtBearerOptions options)
    {
        var issuer = _configuration[""Jwt:Issuer""];
        options.RequireHttpsMetadata = false; // expect: JWT043
        options.Authority = issuer;
        options.Configuration = new OpenIdConnectConfiguration();
    }
}"),
            new Case("ProgramTopLevel_HttpsOffWithConfiguredAuthority_Reports", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAuthorization();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
        options.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
        options.DefaultScheme = JwtBearerDefaults.AuthenticationScheme;
    })
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration[""Jwt:Issuer""];
        options.Audience = builder.Configuration[""Jwt:Audience""];
        options.RequireHttpsMetadata = false; // expect: JWT043
    });

var app = builder.Build();
app.Run();
", topLevel: true),
            new Case("HttpsOffWithLocalKeysOnly_Safe", @"
using System;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

public static class LocalKeyAuth
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.RequireHttpsMetadata = false;
                options.SaveToken = true;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(configuration[""Jwt:Key""]!)),
                    ValidIssuer = configuration[""Jwt:Issuer""],
                    ValidAudience = configuration[""Jwt:Audience""],
                };
            });
    }
}

public sealed class SampleJwtBearerOptions : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        _ = options ?? throw new ArgumentNullException(nameof(options));
        options.RequireHttpsMetadata = false;
        options.SaveToken = true;
    }
}"),
            new Case("HttpsMetadataFollowsEnvironment_Safe", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
    {
        o.Authority = builder.Configuration[""Keycloak:Authority""];
        o.Audience = builder.Configuration[""Keycloak:Audience""];
        o.RequireHttpsMetadata = builder.Environment.IsProduction();
    });
if (builder.Environment.IsDevelopment())
{
    builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.RequireHttpsMetadata = false);
}
builder.Build().Run();
", topLevel: true),
            new Case("PlainHttpRemoteAuthority_Reports", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

public static class GatewayAuth
{
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication(""Bearer"")
            .AddJwtBearer(""Bearer"", options =>
            {
                options.Authority = ""http://192.168.2.3:7232""; // expect: JWT043
                options.Audience = ""myApi"";
                options.RequireHttpsMetadata = false; // expect: JWT043
            });
        services.AddAuthentication().AddJwtBearer(""Internal"", options =>
        {
            options.MetadataAddress = ""http://identity.internal/.well-known/openid-configuration""; // expect: JWT043
        });
    }
}"),
            new Case("LoopbackAuthority_Safe", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

public static class LocalIdentityServer
{
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication(""Bearer"").AddJwtBearer(""Bearer"", options =>
        {
            options.Audience = ""http://localhost:50000/"";
            options.Authority = ""http://localhost:50000/"";
            options.RequireHttpsMetadata = false;
        });
        services.AddAuthentication().AddJwtBearer(""Https"", options =>
        {
            options.Authority = ""https://localhost:4435"";
        });
    }
}"),

            // ---------------------------------------------------------------- JWT044
            new Case("CustomAuthHandler_BuildsPrincipalFromReadToken_Reports", @"
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

public class CustomJwtHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public CustomJwtHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder) { }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(""Bearer "")) return Task.FromResult(AuthenticateResult.NoResult());
        var (principal, error) = GetClaims(header.Substring(7));
        if (principal is null) return Task.FromResult(AuthenticateResult.Fail(error));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ""CustomJwtBearer"")));
    }

    private (ClaimsPrincipal?, string) GetClaims(string token)
    {
        var handler = new JwtSecurityTokenHandler();
        var jwtToken = handler.ReadToken(token) as JwtSecurityToken; // expect: JWT044
        if (jwtToken is null) return (null, ""Invalid JWT token format."");
        if (jwtToken.ValidTo < System.DateTime.UtcNow) return (null, ""Jwt Token is expired."");
        var claimsIdentity = new ClaimsIdentity(jwtToken.Claims, ""Token"");
        return (new ClaimsPrincipal(claimsIdentity), string.Empty);
    }
}"),
            new Case("MvcLoginFromOwnBackendService_DebatableSilent", @"
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

public interface ILoginService { Task<string> Login(string username, string password); }

public class AccountController : Controller
{
    private readonly ILoginService _loginService;
    public AccountController(ILoginService loginService) => _loginService = loginService;

    // The token is what this front end's own login call returned in exchange for the user's credentials (an HTTP
    // call to the back end behind an interface): obtained, not presented by the requester. Debatable, so precision
    // first: no diagnostic expected (JWT044 trusts the result of a call named Login/Authenticate, like Generate/Sign).
    [HttpPost]
    public async Task<IActionResult> Login(string username, string password)
    {
        var tokenString = await _loginService.Login(username, password);
        if (!string.IsNullOrWhiteSpace(tokenString))
        {
            var jwtToken = new JwtSecurityToken(tokenString);
            var claimsIdentity = new ClaimsIdentity(jwtToken.Claims, ""Login"");
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(claimsIdentity));
        }

        return View();
    }
}"),
            new Case("RazorPageLoginFromHttpClient_Safe", @"
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

public class JwtResponse { public string? Token { get; set; } }

public class LoginModel : PageModel
{
    private readonly IHttpClientFactory _httpClientFactory;
    public LoginModel(IHttpClientFactory httpClientFactory) => _httpClientFactory = httpClientFactory;

    [BindProperty] public string Email { get; set; } = """";
    [BindProperty] public string Password { get; set; } = """";

    public async Task<IActionResult> OnPostAsync()
    {
        var payload = JsonSerializer.Serialize(new { Email, Password });
        var content = new StringContent(payload, Encoding.UTF8, ""application/json"");
        var client = _httpClientFactory.CreateClient(""BookingApi"");
        var response = await client.PostAsync(""auth/login"", content);
        if (response.IsSuccessStatusCode)
        {
            var result = await response.Content.ReadAsStringAsync();
            var token = JsonSerializer.Deserialize<JwtResponse>(result)?.Token;
            if (!string.IsNullOrEmpty(token))
            {
                var jwtHandler = new JwtSecurityTokenHandler();
                var jwtToken = jwtHandler.ReadJwtToken(token);
                var claimsPrincipal = new ClaimsPrincipal(new ClaimsIdentity(jwtToken.Claims, ""jwt""));
                await HttpContext.SignInAsync(claimsPrincipal);
                return RedirectToPage(""/Index"");
            }
        }

        return Page();
    }
}"),
            new Case("PrivateGetPrincipalFromHeader_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

public class User { }
public interface IUserService { Task<User?> GetById(Guid id); }

public class CurrentUserAccessor
{
    private readonly IHttpContextAccessor _accessor;
    private readonly IUserService _userService;

    public CurrentUserAccessor(IHttpContextAccessor accessor, IUserService userService)
    {
        _accessor = accessor;
        _userService = userService;
    }

    public async Task<User?> GetCurrentUser()
    {
        var authHeader = _accessor.HttpContext?.Request.Headers.Authorization.ToString();
        if (authHeader is null || !authHeader.StartsWith(""Bearer"", StringComparison.OrdinalIgnoreCase)) return null;
        var principal = GetPrincipal(authHeader.Substring(""Bearer"".Length).Trim());
        var userId = principal?.FindFirstValue(JwtRegisteredClaimNames.Sub);
        return userId is null ? null : await _userService.GetById(Guid.Parse(userId));
    }

    private ClaimsPrincipal? GetPrincipal(string accessToken)
    {
        var tokenHandler = new JwtSecurityTokenHandler();
        var jwtToken = tokenHandler.ReadJwtToken(accessToken); // expect: JWT044
        if (jwtToken == null) return null;
        var identity = new ClaimsIdentity(jwtToken.Claims);
        return new ClaimsPrincipal(identity);
    }
}"),
            new Case("StaticCreatePrincipalFromToken_Reports", @"
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;

public static class JwtHelper
{
    public static ClaimsPrincipal CreatePrincipalFromToken(string token)
    {
        var handler = new JwtSecurityTokenHandler();
        var jwtToken = handler.ReadJwtToken(token); // expect: JWT044
        var identity = new ClaimsIdentity(jwtToken.Claims, ""jwt"");
        return new ClaimsPrincipal(identity);
    }
}"),
            new Case("RoleGateInMiddleware_Reports", @"
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

public class AdminOnlyMiddleware
{
    private readonly RequestDelegate _next;
    public AdminOnlyMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var token = context.Request.Headers.Authorization.FirstOrDefault()?.Split("" "").Last();
        if (token != null)
        {
            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token); // expect: JWT044
            var role = jwt.Claims.FirstOrDefault(c => c.Type == ""role"")?.Value;
            if (role != ""admin"")
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
        }

        await _next(context);
    }
}"),
            new Case("ReadTokenHousekeeping_Safe", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class Result<T> { public static Result<T> Fail(string e) => new(); public static Result<T> Ok(T v) => new(); }
public class TokenResponse { public string Email { get; set; } = """"; public string Role { get; set; } = """"; }

public class TokenInspector
{
    public static int TokenDecryption(string token)
    {
        var handler = new JwtSecurityTokenHandler();
        var jwtToken = handler.ReadJwtToken(token);
        var jwtClaims = jwtToken.Claims.FirstOrDefault(claim => claim.Type == ClaimTypes.NameIdentifier);
        return jwtClaims != null ? int.Parse(jwtClaims.Value) : -1;
    }

    public Result<TokenResponse> DecodeToken(string token)
    {
        var jwtSecurityToken = new JwtSecurityTokenHandler().ReadJwtToken(token);
        var email = jwtSecurityToken.Claims.FirstOrDefault(x => x.Type == ClaimTypes.Email)?.Value;
        var role = jwtSecurityToken.Claims.FirstOrDefault(x => x.Type == ClaimTypes.Role)?.Value;
        if (email is null || role is null) return Result<TokenResponse>.Fail(""Token doesnt have required claims"");
        return Result<TokenResponse>.Ok(new TokenResponse { Email = email, Role = role });
    }

    public string GetJwtIdFromToken(string token)
    {
        var jwtToken = new JwtSecurityTokenHandler().ReadJwtToken(token);
        return jwtToken.Claims.First(c => c.Type == JwtRegisteredClaimNames.Jti).Value;
    }

    public TimeSpan? GetAccessTokenRemainingLifetime(string token)
    {
        var handler = new JwtSecurityTokenHandler();
        if (!handler.CanReadToken(token)) return null;
        var jwt = handler.ReadJwtToken(token);
        var rem = jwt.ValidTo - DateTime.UtcNow;
        return rem <= TimeSpan.Zero ? TimeSpan.Zero : rem;
    }

    public bool IsTokenValid(string token, TokenValidationParameters validationParameters, string supportedAlgorithm)
    {
        var tokenHandler = new JwtSecurityTokenHandler();
        var jwtToken = tokenHandler.ReadJwtToken(token);
        if (jwtToken.Header.Alg != supportedAlgorithm) throw new NotSupportedException(""alg"");
        tokenHandler.ValidateToken(token, validationParameters, out _);
        return true;
    }
}"),
            new Case("BlazorAuthStateProvider_Safe", @"
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

public class JwtAuthStateProvider : AuthenticationStateProvider
{
    private readonly IJSRuntime _jsRuntime;
    private ClaimsPrincipal _currentUser = new(new ClaimsIdentity());

    public JwtAuthStateProvider(IJSRuntime jsRuntime) => _jsRuntime = jsRuntime;

    public override async Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var token = await _jsRuntime.InvokeAsync<string>(""localStorageInterop.getItem"", ""authToken"");
        if (!string.IsNullOrEmpty(token))
        {
            var jwtToken = new JwtSecurityTokenHandler().ReadJwtToken(token);
            _currentUser = new ClaimsPrincipal(new ClaimsIdentity(jwtToken.Claims, ""jwt""));
        }

        return new AuthenticationState(_currentUser);
    }
}"),
            new Case("SigningKeyResolverReadsAppClaim_Safe", @"
using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class AppKeys { public Dictionary<Guid, byte[]> Keys { get; } = new(); }

public class AppKeyResolver
{
    private readonly AppKeys _keys;
    public AppKeyResolver(AppKeys keys) => _keys = keys;

    public TokenValidationParameters Create() => new TokenValidationParameters
    {
        IssuerSigningKeyResolver = (token, securityToken, kid, validationParameters) => Resolve(token),
        ValidIssuer = ""apps"",
        ValidAudience = ""apps"",
    };

    private IEnumerable<SecurityKey> Resolve(string token)
    {
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        return jwt.Claims.FirstOrDefault(claim => claim.Type == ""app"") is not Claim appIdClaim || !Guid.TryParse(appIdClaim.Value, out var appId)
            ? Array.Empty<SecurityKey>()
            : _keys.Keys.Where(k => k.Key == appId).Select(k => (SecurityKey)new SymmetricSecurityKey(k.Value)).ToList();
    }
}"),

            // ---------------------------------------------------------------- JWT045
            new Case("ValidateTokenAsyncAwaitedAndDiscarded_Reports", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;

public class JwtTokenValidator
{
    private readonly TokenValidationParameters _parameters;
    public JwtTokenValidator(TokenValidationParameters parameters) => _parameters = parameters;

    public async Task<bool> ValidateTokenAsync(string token)
    {
        try
        {
            var tokenHandler = new JwtSecurityTokenHandler();
            await tokenHandler.ValidateTokenAsync(token, _parameters); // expect: JWT045
            return true;
        }
        catch
        {
            return false;
        }
    }
}"),
            new Case("ResultNullCheckedNotIsValid_Reports", @"
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public class UserDto { public object? Id { get; set; } public object? Login { get; set; } }

public class TokenParser
{
    private static readonly JsonWebTokenHandler TokenHandler = new();
    private readonly SecurityKey _securityKey;
    public TokenParser(SecurityKey securityKey) => _securityKey = securityKey;

    public async Task<UserDto?> ParseToken(string token)
    {
        var tokenData = await TokenHandler.ValidateTokenAsync(token, new TokenValidationParameters // expect: JWT045
        {
            ValidIssuer = ""shop"",
            ValidAudience = ""shop"",
            IssuerSigningKey = _securityKey
        });

        if (tokenData is null)
        {
            return null;
        }

        var claims = tokenData.Claims;
        return new UserDto { Id = claims[""Id""], Login = claims[""Login""] };
    }
}"),
            new Case("ValidateTokenAsyncResultChecked_Safe", @"
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public class Checked
{
    private readonly TokenValidationParameters _parameters;
    public Checked(TokenValidationParameters parameters) => _parameters = parameters;

    public async Task<TokenValidationResult> ValidateToken(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters);
        return result;
    }

    public async Task<bool> IsValid(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters);
        return result.IsValid;
    }

    public async Task<ClaimsPrincipal?> GetPrincipal(string token)
    {
        var validationResult = await new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters);
        if (!validationResult.IsValid)
        {
            throw new SecurityTokenValidationException(""Token is invalid."");
        }

        return validationResult.ClaimsIdentity != null ? new ClaimsPrincipal(validationResult.ClaimsIdentity) : null;
    }
}"),
            new Case("TokenHandlerOverrideAndOwnValidateTokenAsync_Safe", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;

public class BearerTokenHandler : TokenHandler
{
    private readonly JwtSecurityTokenHandler _tokenHandler = new();

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        try
        {
            _tokenHandler.ValidateToken(token, validationParameters, out var validatedToken);
            if (validatedToken is not JwtSecurityToken jwtSecurityToken)
                return Task.FromResult(new TokenValidationResult { IsValid = false });
            return Task.FromResult(new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = new ClaimsIdentity(jwtSecurityToken.Claims, ""Bearer""),
                SecurityToken = jwtSecurityToken,
            });
        }
        catch (Exception e)
        {
            return Task.FromResult(new TokenValidationResult { IsValid = false, Exception = e });
        }
    }
}

public interface ITokenValidator { Task<ClaimsPrincipal?> ValidateTokenAsync(string token); }

public class Consumer
{
    private readonly ITokenValidator _validator;
    public Consumer(ITokenValidator validator) => _validator = validator;

    public async Task<string?> Name(string token)
    {
        var principal = await _validator.ValidateTokenAsync(token);
        return principal?.Identity?.Name;
    }
}"),

            // ---------------------------------------------------------------- JWT051
            new Case("ProgramTopLevel_ShowPIIAfterServices_Reports", @"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Logging;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
IdentityModelEventSource.ShowPII = true; // expect: JWT051

builder.Services.AddAuthentication(""Bearer"").AddJwtBearer(""Bearer"", options =>
{
    options.Authority = ""https://localhost:4435"";
});

var app = builder.Build();
app.Run();
", topLevel: true),
            new Case("ShowPIIInsideDevelopmentBranch_Safe", @"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

public class Startup
{
    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        _ = app.UseRouting();
        if (env.IsDevelopment())
        {
            _ = app.UseDeveloperExceptionPage();
            IdentityModelEventSource.ShowPII = true;
        }

        _ = app.UseHttpsRedirection();
    }
}"),
            new Case("HostBuilderExtension_ShowPIIAndCompleteArtifact_Reports", @"
using System.IdentityModel.Tokens.Jwt;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

public static class HostApplicationBuilderIdentityExtensions
{
    public static IHostApplicationBuilder AddB2CIdentity(this IHostApplicationBuilder builder)
    {
        JwtSecurityTokenHandler.DefaultMapInboundClaims = false;
        IdentityModelEventSource.ShowPII = true; // expect: JWT051
        IdentityModelEventSource.LogCompleteSecurityArtifact = true; // expect: JWT051
        return builder;
    }
}"),
            new Case("StartupConfigure_ShowPIIOutsideDevelopment_Reports", @"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

public class Startup
{
    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }

        app.UseRouting();
        IdentityModelEventSource.ShowPII = true; // expect: JWT051
        app.UseAuthentication();
        app.UseAuthorization();
    }
}"),
            new Case("ShowPIIFollowsEnvironmentOrConfig_Safe", @"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

var builder = WebApplication.CreateBuilder(args);
IdentityModelEventSource.ShowPII = builder.Environment.IsDevelopment();
IdentityModelEventSource.LogCompleteSecurityArtifact = builder.Configuration.GetValue<bool>(""Logging:LogTokens"");
//IdentityModelEventSource.ShowPII = true;
builder.Build().Run();
", topLevel: true),
            new Case("ServiceCollectionExtension_FullyQualifiedShowPII_Reports", @"
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

public static class AuthenticationConfig
{
    public static void AddIdentityServerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        Microsoft.IdentityModel.Logging.IdentityModelEventSource.ShowPII = true; // expect: JWT051
        System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler.DefaultInboundClaimTypeMap.Clear();
        services.AddAuthentication(""Bearer"");
    }
}"),

            // ---------------------------------------------------------------- second round: harder shapes
            new Case("SharedParametersLocal_RegisteredAndUsedByBearer_Reports", @"
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
var tokenValidationParameters = new TokenValidationParameters
{
    ValidateIssuerSigningKey = true,
    IssuerSigningKey = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(builder.Configuration[""JwtConfig:Secret""]!)),
    ValidateIssuer = false, // expect: JWT041
    ValidateAudience = false, // expect: JWT042
    RequireExpirationTime = false,
    ValidateLifetime = true
};
builder.Services.AddSingleton(tokenValidationParameters);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(jwt =>
    {
        jwt.SaveToken = true;
        jwt.TokenValidationParameters = tokenValidationParameters;
    });
builder.Build().Run();
", topLevel: true),
            new Case("ClonedParametersForRefresh_Exempt", @"
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class RefreshService
{
    private readonly TokenValidationParameters _tokenValidationParameters;
    public RefreshService(TokenValidationParameters tokenValidationParameters) => _tokenValidationParameters = tokenValidationParameters;

    public ClaimsPrincipal? GetPrincipalFromToken(string token)
    {
        var tokenHandler = new JwtSecurityTokenHandler();
        try
        {
            var parameters = _tokenValidationParameters.Clone();
            parameters.ValidateLifetime = false;
            parameters.ValidateAudience = false;
            var principal = tokenHandler.ValidateToken(token, parameters, out var validatedToken);
            return principal;
        }
        catch
        {
            return null;
        }
    }
}"),
            new Case("LifetimeConstantExpressionsAndHelpers", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

public class JwtService
{
    private readonly IConfiguration _config;
    public JwtService(IConfiguration config) => _config = config;

    public object Weekly(Claim[] claims, SigningCredentials creds)
    {
        var expiration = DateTime.UtcNow.AddDays(7);
        var token = new JwtSecurityToken(
            issuer: _config[""Jwt:Issuer""],
            audience: _config[""Jwt:Audience""],
            claims: claims,
            expires: expiration, // expect: JWT004
            signingCredentials: creds);
        return new { token = new JwtSecurityTokenHandler().WriteToken(token), expiration };
    }

    public SecurityTokenDescriptor Minutes(ClaimsIdentity subject, SigningCredentials creds) => new SecurityTokenDescriptor
    {
        Subject = subject,
        Expires = DateTime.UtcNow.AddMinutes(60 * 24 * 7), // expect: JWT004
        SigningCredentials = creds,
    };

    public SecurityTokenDescriptor Month(ClaimsIdentity subject, SigningCredentials creds) => new SecurityTokenDescriptor
    {
        Subject = subject,
        Expires = DateTime.UtcNow.Add(TimeSpan.FromDays(30)), // expect: JWT004
        SigningCredentials = creds,
    };

    public SecurityTokenDescriptor ExactlyOneDay(ClaimsIdentity subject, SigningCredentials creds) => new SecurityTokenDescriptor
    {
        Subject = subject,
        Expires = DateTime.Now.AddDays(1),
        SigningCredentials = creds,
    };

    public JwtSecurityToken FromConfig(Claim[] claims, SigningCredentials creds) => new JwtSecurityToken(
        _config[""Jwt:Issuer""], _config[""Jwt:Audience""], claims,
        expires: DateTime.Now.AddDays(Convert.ToDouble(_config[""Jwt:ExpireDays""])),
        signingCredentials: creds);
}"),
            new Case("JwtNetBuilderThirtyDays_Reports", @"
using System;
using JWT.Algorithms;
using JWT.Builder;

public static class LegacyTokens
{
    public static string Issue(string secret, string userId)
    {
        return new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(secret)
            .AddClaim(""exp"", DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()) // expect: JWT004
            .AddClaim(""sub"", userId)
            .Encode();
    }
}"),
            new Case("ClockSkewMoreShapes", @"
using System;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

public static class MoreSkews
{
    public static TokenValidationParameters Thirty(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key, ValidIssuer = ""a"", ValidAudience = ""b"",
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public static TokenValidationParameters Configured(SecurityKey key, IConfiguration cfg) => new TokenValidationParameters
    {
        IssuerSigningKey = key, ValidIssuer = ""a"", ValidAudience = ""b"",
        ClockSkew = TimeSpan.FromMinutes(Convert.ToDouble(cfg[""Jwt:ClockSkewMinutes""])),
    };

    public static TokenValidationParameters Ten(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key, ValidIssuer = ""a"", ValidAudience = ""b"",
        ClockSkew = TimeSpan.FromMinutes(10), // expect: JWT005
    };
}"),
            new Case("MoreValidatorDelegates", @"
using System;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public static class Delegates
{
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.SignatureValidator = (token, _) => new JsonWebToken(token); // expect: JWT006
            options.TokenValidationParameters.IssuerSigningKeyValidator = (key, token, parameters) => true; // expect: JWT006
            options.TokenValidationParameters.AudienceValidator = (audiences, securityToken, validationParameters) => // expect: JWT006
            {
                return true;
            };
        });
    }

    public static TokenValidationParameters Checked() => new TokenValidationParameters
    {
        LifetimeValidator = (notBefore, expires, token, parameters) => expires != null && expires > DateTime.UtcNow,
        TokenReader = (token, parameters) => new JsonWebToken(token),
    };

    public static TokenValidationParameters Wrapper() => new TokenValidationParameters
    {
        LifetimeValidator = (notBefore, expires, token, parameters) =>
        {
            Validators.ValidateLifetime(notBefore, expires, token, parameters);
            return true;
        },
    };
}"),
            new Case("MoreUnsignedShapes", @"
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public static class Unsigned
{
    public static TokenValidationParameters AllowNone(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key,
        ValidIssuer = ""a"",
        ValidAudience = ""b"",
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, ""none"" }, // expect: JWT040
    };

    public static string HandBuilt(IEnumerable<Claim> claims)
    {
        var token = new JwtSecurityToken(new JwtHeader(), new JwtPayload(claims)); // expect: JWT040
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static string Signed(ClaimsIdentity subject, SigningCredentials creds)
    {
        var handler = new JwtSecurityTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor { Subject = subject, Expires = System.DateTime.UtcNow.AddMinutes(15), SigningCredentials = creds });
        return handler.WriteToken(token);
    }
}"),
            new Case("CookieMiddlewareAndFilter_Report", @"
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

public class CookieJwtMiddleware
{
    private readonly RequestDelegate _next;
    public CookieJwtMiddleware(RequestDelegate next) => _next = next;

    public async Task Invoke(HttpContext context)
    {
        var token = context.Request.Cookies[""jwt""];
        if (!string.IsNullOrEmpty(token))
        {
            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token); // expect: JWT044
            context.User = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, ""jwt""));
        }

        await _next(context);
    }
}

public class RequireAdminAttribute : System.Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var header = context.HttpContext.Request.Headers[""Authorization""].ToString().Replace(""Bearer "", """");
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(header); // expect: JWT044
        if (!jwt.Claims.Any(c => c.Type == ClaimTypes.Role && c.Value == ""Admin""))
        {
            context.Result = new UnauthorizedResult();
        }
    }
}"),
            new Case("AuthorizeControllerAndTokenValidatedEvent_Safe", @"
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

[Authorize]
[ApiController]
[Route(""api/[controller]"")]
public class ProfileController : ControllerBase
{
    [HttpGet]
    public IActionResult Get()
    {
        var token = Request.Headers.Authorization.ToString().Replace(""Bearer "", """");
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        var role = jwt.Claims.FirstOrDefault(c => c.Type == ""role"")?.Value;
        if (role != ""admin"") return Forbid();
        return Ok(jwt.Subject);
    }
}

public static class Events
{
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(o =>
        {
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var raw = context.Request.Headers.Authorization.ToString().Substring(7);
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw);
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    identity.AddClaim(new Claim(""tenant"", jwt.Claims.First(c => c.Type == ""tid"").Value));
                    return Task.CompletedTask;
                }
            };
        });
    }
}"),
            new Case("MoreValidateTokenAsyncShapes", @"
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public class MoreAsync
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters = new();

    public async Task<ClaimsPrincipal> UsedBeforeCheck(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters); // expect: JWT045
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    public async Task<ClaimsIdentity> Direct(string token)
        => (await _handler.ValidateTokenAsync(token, _parameters)).ClaimsIdentity; // expect: JWT045

    public void FireAndForget(string token)
    {
        _ = _handler.ValidateTokenAsync(token, _parameters); // expect: JWT045
    }

    public Task<TokenValidationResult> Returned(string token) => _handler.ValidateTokenAsync(token, _parameters);

    public async Task<ClaimsIdentity?> ExceptionChecked(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (result.Exception != null) throw result.Exception;
        return result.ClaimsIdentity;
    }

    public async Task<ClaimsIdentity?> PatternChecked(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        return result is { IsValid: true } ? result.ClaimsIdentity : null;
    }
}"),
            new Case("MoreShowPIIShapes", @"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
if (app.Environment.IsDevelopment())
{
    IdentityModelEventSource.ShowPII = true;
    IdentityModelEventSource.LogCompleteSecurityArtifact = true;
}
#if DEBUG
IdentityModelEventSource.ShowPII = true;
#endif
Diagnostics.Enable();
app.Run();

static class Diagnostics
{
    private const bool ShowPii = true;
    public static void Enable()
    {
        IdentityModelEventSource.ShowPII = ShowPii; // expect: JWT051
    }
}
", topLevel: true),

            // ---------------------------------------------------------------- third round
            new Case("OpenIdConnectKeycloakInDocker_Reports", @"
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(options =>
{
    options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
})
.AddCookie()
.AddOpenIdConnect(""oidc"", options =>
{
    options.Authority = ""http://keycloak:8080/realms/shop""; // expect: JWT043
    options.ClientId = ""shop-web"";
    options.RequireHttpsMetadata = false; // expect: JWT043
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidateIssuer = false, // expect: JWT041
        NameClaimType = ""name""
    };
})
.AddOpenIdConnect(""partner"", options =>
{
    options.Authority = builder.Configuration[""Partner:Authority""];
    options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
});
builder.Build().Run();
", topLevel: true),
            new Case("ConfigureJwtBearerOptionsAndBind", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

public static class Bearer
{
    private const string LocalAuthority = ""http://localhost:8080/realms/dev"";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var authority = configuration[""Auth:Authority""];
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Authority = authority;
            options.RequireHttpsMetadata = false; // expect: JWT043
        });
        services.AddAuthentication().AddJwtBearer(options => configuration.Bind(""JwtBearer"", options));
        services.AddAuthentication().AddJwtBearer(""Local"", options =>
        {
            options.Authority = LocalAuthority;
            options.RequireHttpsMetadata = false;
        });
    }
}"),
            new Case("FlagThroughLocalAndOverriddenLater", @"
using Microsoft.IdentityModel.Tokens;

public class ValidationSettings { public bool ValidateIssuer { get; set; } = true; }

public static class Flags
{
    public static TokenValidationParameters Local(SecurityKey key)
    {
        var validateIssuer = false;
        return new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateIssuer = validateIssuer, // expect: JWT041
        };
    }

    public static TokenValidationParameters OverriddenLater(SecurityKey key, string issuer)
    {
        var parameters = new TokenValidationParameters { IssuerSigningKey = key };
        parameters.ValidateIssuer = false;
        parameters.ValidIssuer = issuer;
        parameters.ValidateIssuer = true;
        return parameters;
    }

    public static TokenValidationParameters FromSettings(SecurityKey key, ValidationSettings settings) => new TokenValidationParameters
    {
        IssuerSigningKey = key,
        ValidateIssuer = settings.ValidateIssuer,
    };
}"),
            new Case("StaticConstructorShowPII_Reports", @"
using Microsoft.IdentityModel.Logging;

public static class IdentityDiagnostics
{
    static IdentityDiagnostics()
    {
        IdentityModelEventSource.ShowPII = true; // expect: JWT051
    }

    public static void Touch() { }
}"),
            new Case("MinimalApiEndpointGate_Reports", @"
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var handler = new JwtSecurityTokenHandler();

app.MapGet(""/admin/stats"", (HttpContext ctx) =>
{
    var jwt = handler.ReadJwtToken(ctx.Request.Headers.Authorization.ToString()[7..]); // expect: JWT044
    if (!jwt.Claims.Any(c => c.Type == ""role"" && c.Value == ""admin""))
    {
        return Results.Unauthorized();
    }

    return Results.Ok(new { users = 42 });
});

app.Run();
", topLevel: true),
            new Case("MethodGroupValidatorsInSameFile", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

public class Validation
{
    private readonly JwtSecurityTokenHandler _handler = new();

    public TokenValidationParameters Create(SecurityKey key) => new TokenValidationParameters
    {
        IssuerSigningKey = key,
        ValidIssuer = ""a"",
        ValidAudience = ""b"",
        LifetimeValidator = AlwaysValid, // expect: JWT006
        SignatureValidator = (token, parameters) => _handler.ReadJwtToken(token), // expect: JWT006
    };

    private static bool AlwaysValid(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) => true;
}"),
            new Case("RefreshJwtSevenDays_ReportedBySpec", @"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

public class RefreshTokenFactory
{
    // Spec: every token-creating API is checked; a long-lived refresh token that is itself a JWT is a bearer
    // token like any other (the spec exempts refresh-token *entities*, not JWTs).
    public string GenerateRefreshToken(string userId, SigningCredentials credentials)
    {
        var token = new JwtSecurityToken(
            claims: new[] { new Claim(""sub"", userId), new Claim(""typ"", ""refresh"") },
            expires: DateTime.UtcNow.AddDays(7), // expect: JWT004
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}"),
            new Case("LoggedIsValidBeforeUse_Safe", @"
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public class LoggingValidator
{
    private readonly ILogger<LoggingValidator> _logger;
    private readonly TokenValidationParameters _parameters;

    public LoggingValidator(ILogger<LoggingValidator> logger, TokenValidationParameters parameters)
    {
        _logger = logger;
        _parameters = parameters;
    }

    public async Task<ClaimsIdentity?> Validate(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            _logger.LogWarning(result.Exception, ""Token rejected"");
            return null;
        }

        return result.ClaimsIdentity;
    }
}"),

            new Case("ProgramHelperClassAfterTopLevelStatements", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication().AddJwtBearer(AuthOptions.Configure);
builder.Build().Run();

// A helper type declared after the top-level statements: their locals (builder) are not usable here (CS8801),
// so a fix must not reach for builder.Environment.
static class AuthOptions
{
    public static void Configure(JwtBearerOptions options)
    {
        options.Authority = ""https://sso.example.com/realms/main"";
        options.RequireHttpsMetadata = false; // expect: JWT043
    }
}
", topLevel: true),
        };
    }
}
