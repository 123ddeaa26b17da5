using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using JWT.Algorithms;
using JWT.Builder;
using Jose;
using Microsoft.IdentityModel.Tokens;

namespace JwtAnalyzers.Sample.Rules;

/// <summary>A user as the app stores it: the password hash and personal data stay on the server.</summary>
public sealed class ShopUser
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTime PasswordChangedAt { get; set; }
    public bool PasswordExpired { get; set; }
    public string SocialSecurityNumber { get; set; } = "";
    public string CardLast4 { get; set; } = "";
}

public sealed record LoginRequest(string Email, string Password);

/// <summary>Token issuing code of a shop: JWT020 violations and their safe twins.</summary>
public sealed class ClaimsSamples(IConfiguration configuration)
{
    private SigningCredentials Credentials => new(
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)), SecurityAlgorithms.HmacSha256);

    // System.IdentityModel.Tokens.Jwt: claims built with new Claim(type, value).
    public string IssueToken(ShopUser user, LoginRequest login)
    {
        var claims = new List<Claim>
        {
            new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
            new Claim(JwtRegisteredClaimNames.Email, user.Email),
            new Claim("password", login.Password), // expect: JWT020
            new Claim("hash", user.PasswordHash), // expect: JWT020
            new Claim(ClaimTypes.UserData, user.SocialSecurityNumber), // expect: JWT020
            // Safe twins: facts about the password, the authentication method, the masked card.
            new Claim("pwd_changed_at", user.PasswordChangedAt.ToString("o")),
            new Claim("password_expired", user.PasswordExpired.ToString()),
            new Claim(JwtRegisteredClaimNames.Amr, "pwd"),
            new Claim("card_last4", user.CardLast4),
        };
        claims.Add(new Claim("ssn", user.SocialSecurityNumber)); // expect: JWT020

        var token = new JwtSecurityToken(
            issuer: configuration["Jwt:Issuer"],
            audience: configuration["Jwt:Audience"],
            claims: claims,
            expires: DateTime.UtcNow.AddMinutes(15),
            signingCredentials: Credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    // JwtPayload and SecurityTokenDescriptor.Claims: dictionaries that are the payload.
    public string IssueWithPayload(ShopUser user, string clientSecret)
    {
        var payload = new JwtPayload
        {
            { JwtRegisteredClaimNames.Sub, user.Id.ToString() },
            { "client_secret", clientSecret }, // expect: JWT020
        };
        payload["national_id"] = user.SocialSecurityNumber; // expect: JWT020
        payload["exp"] = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds();

        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["email"] = user.Email,
                ["password_hash"] = user.PasswordHash, // expect: JWT020
            },
            Expires = DateTime.UtcNow.AddMinutes(15),
            SigningCredentials = Credentials,
        };

        // Safe twin: a dictionary that is not a token payload (a form post to another service).
        var form = new Dictionary<string, object> { ["password"] = user.PasswordHash };

        var handler = new JwtSecurityTokenHandler();
        handler.CreateToken(descriptor);
        return handler.WriteToken(new JwtSecurityToken(new System.IdentityModel.Tokens.Jwt.JwtHeader(Credentials), payload)) + form.Count;
    }

    // JWT.Net: the fluent builder.
    public string IssueWithJwtNet(ShopUser user, LoginRequest login) => new JwtBuilder()
        .WithAlgorithm(new HMACSHA256Algorithm())
        .WithSecret(configuration["Jwt:Key"])
        .AddClaim(ClaimName.Subject, user.Id)
        .AddClaim("exp", DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds())
        .AddClaim("pwd", login.Password) // expect: JWT020
        .AddClaim("password_changed_at", user.PasswordChangedAt)
        .Encode();

    // jose-jwt: dictionaries and anonymous objects passed to JWT.Encode.
    public string IssueWithJose(ShopUser user, byte[] key, byte[] encryptionKey)
    {
        var payload = new Dictionary<string, object>
        {
            { "sub", user.Id },
            { "exp", DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds() },
            { "ssn", user.SocialSecurityNumber }, // expect: JWT020
        };
        var signed = Jose.JWT.Encode(payload, key, JwsAlgorithm.HS256);
        var anonymous = Jose.JWT.Encode(new { sub = user.Id, user.PasswordHash }, key, JwsAlgorithm.HS256); // expect: JWT020

        // Safe twin: an encrypted token (JWE) does not expose its payload.
        var encrypted = Jose.JWT.Encode(new { sub = user.Id, ssn = user.SocialSecurityNumber }, encryptionKey, JweAlgorithm.A256KW, JweEncryption.A256GCM);
        return signed + anonymous + encrypted;
    }
}
