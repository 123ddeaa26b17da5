using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using JWT.Algorithms;
using static JWT.Builder.JwtBuilderExtensions;
using JwtBuilder = JWT.Builder.JwtBuilder;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>
/// Token issuing code of the API: JWT003 (token created without an expiration time) and its safe twins.
/// Keys come from configuration so that only the lifetime is wrong here.
/// </summary>
public sealed class LifetimeSamples
{
    private static readonly JsonWebTokenHandler RawHandler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };

    private readonly IConfiguration _configuration;

    public LifetimeSamples(IConfiguration configuration) => _configuration = configuration;

    private SigningCredentials Credentials =>
        new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!)), SecurityAlgorithms.HmacSha256);

    // ---- System.IdentityModel.Tokens.Jwt ------------------------------------------------------------------

    public string IssueAccessToken(string userId, string role)
    {
        var claims = new[] { new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, role) };
        var token = new JwtSecurityToken( // expect: JWT003
            issuer: _configuration["Jwt:Issuer"],
            audience: _configuration["Jwt:Audience"],
            claims: claims,
            signingCredentials: Credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public string IssueAccessTokenSafely(string userId, string role)
    {
        var claims = new[] { new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, role) };
        var token = new JwtSecurityToken(
            issuer: _configuration["Jwt:Issuer"],
            audience: _configuration["Jwt:Audience"],
            claims: claims,
            expires: DateTime.UtcNow.AddMinutes(15),
            signingCredentials: Credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public string IssueRememberMeToken(IEnumerable<Claim> claims, bool rememberMe)
    {
        var forever = new JwtSecurityToken(_configuration["Jwt:Issuer"], _configuration["Jwt:Audience"], claims, DateTime.UtcNow, null, Credentials); // expect: JWT003
        // Safe twin: one branch has a lifetime; the analyzer does not guess which one runs.
        var chosen = new JwtSecurityToken(_configuration["Jwt:Issuer"], _configuration["Jwt:Audience"], claims, expires: rememberMe ? DateTime.UtcNow.AddHours(8) : DateTime.UtcNow.AddHours(1), signingCredentials: Credentials);
        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(rememberMe ? chosen : forever);
    }

    public string IssueWithLifetimeFromConfiguration(IEnumerable<Claim> claims)
    {
        // Safe twin: the lifetime comes from configuration, not provably missing.
        DateTime? expires = _configuration.GetValue<int?>("Jwt:LifetimeMinutes") is { } minutes ? DateTime.UtcNow.AddMinutes(minutes) : null;
        var token = new JwtSecurityToken(_configuration["Jwt:Issuer"], _configuration["Jwt:Audience"], claims, expires: expires, signingCredentials: Credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public string IssueFromPayload(IEnumerable<Claim> claims)
    {
        var header = new JwtHeader(Credentials);
        var payload = new JwtPayload(_configuration["Jwt:Issuer"], _configuration["Jwt:Audience"], claims, notBefore: null, expires: null);
        var token = new JwtSecurityToken(header, payload); // expect: JWT003; nofix: JWT003
        var safePayload = new JwtPayload(_configuration["Jwt:Issuer"], _configuration["Jwt:Audience"], claims, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(15));
        var safe = new JwtSecurityToken(header, safePayload);
        return new JwtSecurityTokenHandler().WriteToken(token) + new JwtSecurityTokenHandler().WriteToken(safe);
    }

    // ---- Microsoft.IdentityModel.JsonWebTokens ------------------------------------------------------------

    public string IssueServiceToken(string serviceName)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken($"{{\"sub\":\"{serviceName}\",\"scope\":\"jobs.run\"}}", Credentials); // expect: JWT003; nofix: JWT003
    }

    public string IssueServiceTokenSafely(string serviceName)
    {
        var handler = new JsonWebTokenHandler();
        var exp = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds();
        return handler.CreateToken($"{{\"sub\":\"{serviceName}\",\"scope\":\"jobs.run\",\"exp\":{exp}}}", Credentials);
    }

    public string IssueWithDescriptor(ClaimsIdentity identity)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _configuration["Jwt:Issuer"],
            Subject = identity,
            SigningCredentials = Credentials,
        };
        var permanent = RawHandler.CreateToken(descriptor); // expect: JWT003

        // Safe twin: a default handler adds a 60-minute exp to a descriptor without Expires.
        var defaults = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Subject = identity, SigningCredentials = Credentials });
        // Safe twin: Expires is set.
        var bounded = RawHandler.CreateToken(new SecurityTokenDescriptor { Subject = identity, SigningCredentials = Credentials, Expires = DateTime.UtcNow.AddMinutes(15) });
        return permanent + defaults + bounded;
    }

    // ---- JWT.Net ------------------------------------------------------------------------------------------

    public string IssueWithBuilder(string userId)
    {
        return new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(_configuration["Jwt:Key"])
            .AddClaim("sub", userId)
            .Encode(); // expect: JWT003
    }

    public string IssueWithBuilderSafely(string userId)
    {
        return new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(_configuration["Jwt:Key"])
            .AddClaim("sub", userId)
            .ExpirationTime(DateTime.UtcNow.AddMinutes(15))
            .Encode();
    }

    // ---- jose-jwt -----------------------------------------------------------------------------------------

    public string IssueWithJose(string userId)
    {
        var key = Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!);
        var payload = new Dictionary<string, object>
        {
            { "sub", userId },
            { "iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds() },
        };
        return Jose.JWT.Encode(payload, key, Jose.JwsAlgorithm.HS256); // expect: JWT003
    }

    public string IssueWithJoseSafely(string userId)
    {
        var key = Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!);
        var payload = new { sub = userId, exp = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds() };
        return Jose.JWT.Encode(payload, key, Jose.JwsAlgorithm.HS256);
    }

    public string IssueDevelopmentToken(IWebHostEnvironment environment, IEnumerable<Claim> claims)
    {
        // Safe twin: development-only code is not reported.
        if (environment.IsDevelopment())
        {
            return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken("dev", "dev", claims));
        }

        return IssueWithLifetimeFromConfiguration(claims);
    }
}
