using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace JwtAnalyzers.Sample.Rules;

public sealed class RefreshTokenEntity
{
    public Guid Id { get; set; }
    public string Token { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime Expires { get; set; }
}

public sealed class SampleUser
{
    public string Id { get; set; } = "";
    public string? RefreshToken { get; set; }
    public DateTime RefreshTokenExpiryTime { get; set; }
}

/// <summary>JWT031: a login controller that hands the tokens to the browser in cookies.</summary>
[ApiController]
[Route("api/cookie-auth")]
public sealed class CookieAuthController : ControllerBase
{
    private readonly IWebHostEnvironment _environment;
    private readonly IAntiforgery _antiforgery;

    public CookieAuthController(IWebHostEnvironment environment, IAntiforgery antiforgery)
    {
        _environment = environment;
        _antiforgery = antiforgery;
    }

    [HttpPost("login")]
    public IActionResult Login(JwtSecurityToken securityToken, string refreshToken)
    {
        var accessToken = new JwtSecurityTokenHandler().WriteToken(securityToken);

        Response.Cookies.Append("access_token", accessToken); // expect: JWT031

        var refreshOptions = new CookieOptions
        {
            HttpOnly = true,
            Expires = DateTime.UtcNow.AddDays(7),
        };
        Response.Cookies.Append("refreshToken", refreshToken, refreshOptions); // expect: JWT031

        Response.Cookies.Append("session", accessToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.None }); // expect: JWT031

        // Safe twins: hardened token cookies, flags from the request and the environment.
        Response.Cookies.Append("jwt", accessToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
        Response.Cookies.Append("id_token", accessToken, new CookieOptions { HttpOnly = true, Secure = Request.IsHttps });
        Response.Cookies.Append("X-Refresh-Token", refreshToken, new CookieOptions { HttpOnly = true, Secure = !_environment.IsDevelopment() });

        // Not token cookies: the antiforgery double-submit cookie is meant for scripts; preferences hold no credential.
        var tokens = _antiforgery.GetAndStoreTokens(HttpContext);
        Response.Cookies.Append("XSRF-TOKEN", tokens.RequestToken!, new CookieOptions { HttpOnly = false });
        Response.Cookies.Append("theme", "dark");
        return Ok();
    }

    [HttpPost("logout")]
    public IActionResult Logout()
    {
        // Deleting a cookie stores nothing.
        Response.Cookies.Append("access_token", "", new CookieOptions { Expires = DateTime.UtcNow.AddDays(-1) });
        Response.Cookies.Delete("refreshToken");
        return Ok();
    }
}

/// <summary>JWT050: refresh-token generation, predictable and cryptographic.</summary>
public sealed class RefreshTokenService
{
    private static readonly Random Random = new();

    public void Rotate(SampleUser user)
    {
        user.RefreshToken = Guid.NewGuid().ToString(); // expect: JWT050
        user.RefreshTokenExpiryTime = DateTime.UtcNow.AddDays(7);
    }

    public RefreshTokenEntity Create(string userId) => new()
    {
        Id = Guid.NewGuid(),
        Token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()), // expect: JWT050
        UserId = userId,
        Expires = DateTime.UtcNow.AddDays(30),
    };

    public string GenerateRefreshToken()
    {
        var randomNumber = new byte[32];
        Random.NextBytes(randomNumber); // expect: JWT050
        return Convert.ToBase64String(randomNumber);
    }

    public void Reissue(SampleUser user) => user.RefreshToken = RandomString(64);

    private static string RandomString(int length)
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(chars[Random.Next(chars.Length)]); // expect: JWT050
        }

        return builder.ToString();
    }

    // Safe twins: RandomNumberGenerator, Guids as ids, Random for things that are not secrets.
    public string GenerateSecureRefreshToken()
    {
        var randomNumber = new byte[64];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(randomNumber);
        return Convert.ToBase64String(randomNumber);
    }

    public RefreshTokenEntity CreateSecure(string userId) => new()
    {
        Id = Guid.NewGuid(),
        Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
        UserId = userId,
        Expires = DateTime.UtcNow.AddDays(30),
    };

    public string CaptchaText() => RandomString2(6);

    public TimeSpan RetryDelay() => TimeSpan.FromMilliseconds(Random.Next(100, 500));

    private static string RandomString2(int length)
    {
        const string chars = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Repeat(chars, length).Select(s => s[Random.Next(s.Length)]).ToArray());
    }
}
