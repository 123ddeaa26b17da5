using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using JWT.Algorithms;
using JWT.Builder;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Logging;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>Options bound from configuration: lifetimes read from here are not provable and never reported.</summary>
public sealed class JwtLifetimeOptions
{
    public int AccessTokenMinutes { get; set; } = 15;
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>JWT004: token lifetimes beyond the maximum (24 hours by default), and their safe twins.</summary>
public sealed class LifetimeLimitsTokenService
{
    private const int RememberMeDays = 30;
    private static readonly TimeSpan ServiceTokenLifetime = TimeSpan.FromDays(14);

    private readonly JwtLifetimeOptions _options;
    private readonly SigningCredentials _credentials;

    public LifetimeLimitsTokenService(JwtLifetimeOptions options, SigningCredentials credentials)
    {
        _options = options;
        _credentials = credentials;
    }

    public string CreateAccessToken(IEnumerable<Claim> claims, bool rememberMe)
    {
        var token = new JwtSecurityToken(
            issuer: "https://api.example.com",
            audience: "spa",
            claims: claims,
            expires: rememberMe ? DateTime.UtcNow.AddDays(RememberMeDays) : DateTime.UtcNow.AddHours(1), // expect: JWT004
            signingCredentials: _credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public string CreateServiceToken(ClaimsIdentity subject)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = subject,
            IssuedAt = now,
            Expires = now + ServiceTokenLifetime, // expect: JWT004
            SigningCredentials = _credentials,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public string CreateLegacyToken(ClaimsIdentity subject)
    {
        var handler = new JwtSecurityTokenHandler
        {
            TokenLifetimeInMinutes = 60 * 24 * 7, // expect: JWT004
        };
        return handler.CreateEncodedJwt("https://api.example.com", "legacy", subject, null, DateTime.UtcNow.AddYears(1), null, _credentials); // expect: JWT004
    }

    public string CreateJwtNetToken(byte[] secret) => new JwtBuilder()
        .WithAlgorithm(new HMACSHA256Algorithm())
        .WithSecret(secret)
        .AddClaim(ClaimName.ExpirationTime, DateTimeOffset.UtcNow.AddDays(90).ToUnixTimeSeconds()) // expect: JWT004
        .Encode();

    // Safe twins: short lifetimes, lifetimes from configuration, and dates that are not token expiries.
    public string CreateShortLivedToken(IEnumerable<Claim> claims)
    {
        var token = new JwtSecurityToken(
            claims: claims,
            expires: DateTime.UtcNow.AddMinutes(_options.AccessTokenMinutes),
            signingCredentials: _credentials);
        var descriptor = new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddMinutes(15), SigningCredentials = _credentials };
        return new JwtSecurityTokenHandler().WriteToken(token) + new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void WriteRefreshCookie(HttpResponse response, string refreshToken)
    {
        response.Cookies.Append("refresh_token", refreshToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
    }
}

/// <summary>JWT005 and JWT051: validation leniency and IdentityModel logging, and their safe twins.</summary>
public static class LifetimeLimitsSetup
{
    public static void Configure(WebApplicationBuilder builder, JwtLifetimeOptions lifetime)
    {
        IdentityModelEventSource.ShowPII = true; // expect: JWT051
        IdentityModelEventSource.LogCompleteSecurityArtifact = true; // expect: JWT051

        builder.Services.AddAuthentication()
            .AddJwtBearer("Lenient", options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ClockSkew = TimeSpan.FromMinutes(30), // expect: JWT005
                };
            })
            .AddJwtBearer("Forever", options =>
            {
                options.TokenValidationParameters.ClockSkew = TimeSpan.MaxValue; // expect: JWT005
            })
            .AddJwtBearer("Strict", options =>
            {
                // Safe twins: no skew, the default, and a skew from configuration.
                options.TokenValidationParameters.ClockSkew = TimeSpan.Zero;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(5);
                options.TokenValidationParameters.ClockSkew = lifetime.ClockSkew;
            });

        // Safe twins: PII logging only in development, or following the environment.
        if (builder.Environment.IsDevelopment())
        {
            IdentityModelEventSource.ShowPII = true;
            IdentityModelEventSource.LogCompleteSecurityArtifact = true;
        }

        IdentityModelEventSource.ShowPII = builder.Environment.IsDevelopment();
    }
}
