using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>Validation switches and hooks (JWT006, JWT040, JWT041, JWT042): violations and their safe twins.</summary>
public static class ValidationSamples
{
    private const bool ValidateAudienceInThisApi = false;

    public static void ConfigureApi(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer("Legacy", options =>
            {
                var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!));
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = false, // expect: JWT041
                    ValidateAudience = ValidateAudienceInThisApi, // expect: JWT042
                    ValidateIssuerSigningKey = false,
                    IssuerSigningKey = key,
                    RequireSignedTokens = false, // expect: JWT040
                    ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.None }, // expect: JWT040
                    // The ".NET 8 401 workaround": the signature is never checked.
                    SignatureValidator = (token, parameters) => new JsonWebToken(token), // expect: JWT006
                };
                options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, token, parameters) => true; // expect: JWT006
            })
            .AddJwtBearer("MultiTenant", options =>
            {
                options.TokenValidationParameters.IssuerValidator = (issuer, token, parameters) => issuer; // expect: JWT006
            })
            .AddJwtBearer("Partner", options =>
            {
                // Safe twins: configuration, the environment, and delegates that really check.
                var allowedTenants = configuration.GetSection("Jwt:Tenants").Get<string[]>() ?? Array.Empty<string>();
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = false,
                    IssuerValidator = (issuer, token, parameters) =>
                        allowedTenants.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException("Unknown tenant"),
                    ValidateAudience = configuration.GetValue("Jwt:ValidateAudience", true),
                    ValidAudience = configuration["Jwt:Audience"],
                    RequireSignedTokens = !environment.IsDevelopment(),
                    ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                    LifetimeValidator = (notBefore, expires, token, parameters) => expires > DateTime.UtcNow,
                };

                if (environment.IsDevelopment())
                {
                    options.TokenValidationParameters.ValidateAudience = false;
                }
            });
    }

    /// <summary>The refresh-token helper: issuer, audience and lifetime checks may be relaxed, signatures may not.</summary>
    public static ClaimsPrincipal GetPrincipalFromExpiredToken(string token, SecurityKey key)
    {
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = key,
        };
        return new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
    }

    public static string IssueUnsignedToken(IEnumerable<Claim> claims, ClaimsIdentity subject)
    {
        var token = new JwtSecurityToken("https://auth.example.com", "api", claims, expires: DateTime.UtcNow.AddMinutes(15)); // expect: JWT040; nofix: JWT040
        var handler = new JsonWebTokenHandler();
        var other = handler.CreateToken(new SecurityTokenDescriptor { Subject = subject, Expires = DateTime.UtcNow.AddMinutes(15) }); // expect: JWT040; nofix: JWT040
        return new JwtSecurityTokenHandler().WriteToken(token) + other;
    }

    public static string IssueSignedToken(IEnumerable<Claim> claims, IConfiguration configuration)
    {
        // Safe twin: signed with a key from configuration; parsing an encoded token is not creating one.
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!));
        var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken("https://auth.example.com", "api", claims, expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: credentials);
        var encoded = new JwtSecurityTokenHandler().WriteToken(token);
        var parsed = new JwtSecurityToken(encoded);
        return parsed.RawData;
    }
}
