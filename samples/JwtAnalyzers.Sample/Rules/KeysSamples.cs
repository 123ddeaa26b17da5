using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using JWT.Algorithms;
using JWT.Builder;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>Signing keys (JWT010 hard-coded, JWT011 too short): violations and their safe twins.</summary>
public static class KeysSamples
{
    private const string SigningSecret = "my-super-secret-signing-key-for-the-demo-api";
    private static readonly byte[] LegacyKey = Encoding.UTF8.GetBytes("legacy-key");

    public static void ConfigureBearer(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // A literal fallback ships to production when the setting is missing.
                var secret = configuration["Jwt:Key"] ?? "fallback-secret-fallback-secret-fallback";
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), // expect: JWT010
                };
            })
            .AddJwtBearer("Partner", options =>
            {
                // Safe twin: the key comes from configuration and the fallback only exists in development.
                var secret = environment.IsDevelopment()
                    ? "development-only-secret-development-only"
                    : configuration["Partner:Key"] ?? throw new InvalidOperationException("Missing configuration value 'Partner:Key'.");
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
                };
            });
    }

    public static string IssueWithConstantKey(string userId)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningSecret)); // expect: JWT010
        var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken("api", "clients", new[] { new Claim("sub", userId) }, expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static string IssueWithConfiguredKey(string userId, IConfiguration configuration)
    {
        // Safe twin: configuration, and long enough for HS512 is not provable either way.
        var key = new SymmetricSecurityKey(Convert.FromBase64String(configuration["Jwt:SigningKey"]!));
        var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha512);
        var token = new JwtSecurityToken("api", "clients", new[] { new Claim("sub", userId) }, expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static SecurityKey LegacyValidationKey()
        => new SymmetricSecurityKey(LegacyKey); // expect: JWT010 JWT011

    public static SigningCredentials GeneratedButTooShortForHs512()
    {
        var bytes = new byte[32];
        RandomNumberGenerator.Fill(bytes);
        var key = new SymmetricSecurityKey(bytes); // expect: JWT011
        return new SigningCredentials(key, SecurityAlgorithms.HmacSha512);
    }

    public static SigningCredentials GeneratedForHs256()
    {
        // Safe twin: 32 random bytes for HS256.
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        return new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
    }

    public static SecurityKey GuidKey()
        => new SymmetricSecurityKey(Guid.NewGuid().ToByteArray()); // expect: JWT011; nofix: JWT011

    public static string JwtNetToken(string userId)
        => new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret("jwt-net-secret") // expect: JWT010 JWT011
            .AddClaim("sub", userId)
            .ExpirationTime(DateTime.UtcNow.AddMinutes(15))
            .Encode();

    public static string JwtNetTokenFromEnvironment(string userId)
        => new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(Environment.GetEnvironmentVariable("JWT_SIGNING_KEY") ?? throw new InvalidOperationException("JWT_SIGNING_KEY is not set."))
            .AddClaim("sub", userId)
            .ExpirationTime(DateTime.UtcNow.AddMinutes(15))
            .Encode();

    public static string JoseToken(object payload)
        => Jose.JWT.Encode(payload, Encoding.UTF8.GetBytes(SigningSecret), Jose.JwsAlgorithm.HS512); // expect: JWT010 JWT011

    public static string JoseTokenWithRsa(object payload, RSA rsa)
        => Jose.JWT.Encode(payload, rsa, Jose.JwsAlgorithm.RS256);
}
