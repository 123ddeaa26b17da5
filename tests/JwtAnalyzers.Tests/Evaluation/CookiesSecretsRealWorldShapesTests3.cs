using System.Threading.Tasks;
using Xunit;
using static JwtAnalyzers.Tests.Evaluation.CookiesSecretsVerifier;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>Third batch of the held-out set for JWT031, JWT050, JWT012 and JWT013: precision probes.</summary>
    public class CookiesSecretsRealWorldShapesBatch3Tests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.AspNetCore.Antiforgery;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Localization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            using Microsoft.IdentityModel.Tokens;

            """;

        [Fact]
        public async Task E01_AntiforgeryCultureSessionCookies_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class SpaController : ControllerBase
                {
                    private readonly IAntiforgery _antiforgery;
                    public SpaController(IAntiforgery antiforgery) => _antiforgery = antiforgery;

                    public IActionResult Init(string culture)
                    {
                        var tokens = _antiforgery.GetAndStoreTokens(HttpContext);
                        Response.Cookies.Append("CSRF-TOKEN", tokens.RequestToken!, new CookieOptions { HttpOnly = false });
                        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)));
                        Response.Cookies.Append("sessionId", Guid.NewGuid().ToString());
                        Response.Cookies.Append("access_token", "", new CookieOptions { MaxAge = TimeSpan.Zero });
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task E02_SameSiteLaxOrUnspecifiedWithFlags_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class TokenCookies : ControllerBase
                {
                    public void Set(string accessToken, string refreshToken)
                    {
                        Response.Cookies.Append("access_token", accessToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax });
                        Response.Cookies.Append("refresh_token", refreshToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Unspecified, Path = "/api/auth/refresh" });
                    }
                }
                """);
        }

        [Fact]
        public async Task S01_RefreshTokenSideValuesFromRandom_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class AppUser { public string? RefreshToken { get; set; } public DateTime RefreshTokenExpiryTime { get; set; } }

                public class RotationPolicy
                {
                    private readonly Random _random = new();

                    public void Apply(AppUser user, string token)
                    {
                        user.RefreshToken = token;
                        user.RefreshTokenExpiryTime = DateTime.UtcNow.AddDays(7).AddMinutes(_random.Next(0, 60));
                        var refreshTokenLifetime = TimeSpan.FromDays(7 + _random.Next(3));
                        var refreshTokenId = Guid.NewGuid().ToString();
                        Console.WriteLine($"{refreshTokenLifetime} {refreshTokenId}");
                    }
                }
                """);
        }

        [Fact]
        public async Task S02_RefreshTokenFamilyAndDeviceIds_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class RefreshToken
                {
                    public string Token { get; set; } = "";
                    public string Family { get; set; } = "";
                    public string DeviceId { get; set; } = "";
                    public Guid SessionId { get; set; }
                }

                public class RefreshIssuer
                {
                    public RefreshToken Issue() => new RefreshToken
                    {
                        Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
                        Family = Guid.NewGuid().ToString(),
                        DeviceId = Guid.NewGuid().ToString("N"),
                        SessionId = Guid.NewGuid(),
                    };

                    public string Mixed() { var refreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + Guid.NewGuid(); return refreshToken; }
                }
                """);
        }

        [Fact]
        public async Task S03_RefreshTokenValueMember_Reports()
        {
            await VerifyAsync(Usings + """
                public class RefreshToken { public string Value { get; set; } = ""; public DateTime ExpiresAt { get; set; } }

                public class Issuer
                {
                    public RefreshToken Issue() => new RefreshToken { Value = {|JWT050:Guid.NewGuid().ToString()|}, ExpiresAt = DateTime.UtcNow.AddDays(14) };
                }
                """);
        }

        [Fact]
        public async Task J30_SettingsThatOnlyNameSecrets_DoNotReport()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "Serilog": { "WriteTo": [ { "Name": "Seq", "Args": { "serverUrl": "http://seq:5341", "apiKey": "seq-api-key-123" } } ] },
                  "ElasticApm": { "SecretToken": "apm-secret-token", "ServerUrl": "http://apm:8200" },
                  "Kestrel": { "Certificates": { "Default": { "Path": "cert.pfx", "Password": "cert-pass" } } },
                  "Jwt": {
                    "KeyId": "2024-signing",
                    "SigningKeyPath": "/run/secrets/jwt.key",
                    "KeyVaultSecretName": "jwt-signing-key",
                    "SecretKey": "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/jwt/)",
                    "Key": "__JWT_KEY__"
                  },
                  "Encryption": { "SecretKey": "0123456789abcdef" },
                  "Webhooks": { "Secret": "whsec_0123456789" },
                  "Authentication": { "Schemes": { "Bearer": { "ValidAudiences": [ "http://localhost:5000" ], "ValidIssuer": "dotnet-user-jwts" } } }
                }
                """);
        }

        [Fact]
        public async Task J31_StagingAndDockerFiles_Report()
        {
            await VerifyWithFilesAsync("class Program { }", new[]
            {
                ("/src/Api/appsettings.Staging.json", """{ "Jwt": { "Key": {|JWT012:"staging-signing-key-0123456789abcdef"|} } }"""),
                ("/src/Api/appsettings.Docker.json", """{ "JwtSettings": { "Secret": {|JWT012:"docker-signing-key-0123456789abcdef"|} } }"""),
            });
        }

        [Fact]
        public async Task J32_ExampleAndTemplateFiles_DoNotReport()
        {
            // Committed for people to copy (the README says "cp appsettings.example.json appsettings.json"): no host
            // loads appsettings.{Example,Sample,Template}.json, so no running app signs with these values.
            await VerifyWithFilesAsync("class Program { }", new[]
            {
                ("/src/Api/appsettings.example.json", """
                {
                  "ConnectionStrings": { "Default": "Server=<server>;Database=<db>;User Id=<user>;Password=<password>" },
                  "Jwt": { "Key": "<your-256-bit-secret>", "Issuer": "<issuer>" }
                }
                """),
                ("/src/Api/appsettings.Sample.json", """{ "JwtSettings": { "Secret": "replace-with-a-32-char-secret" } }"""),
                ("/src/Api/appsettings.template.json", """{ "TokenKey": "YOUR_TOKEN_KEY" }"""),
            });
        }

        [Fact]
        public async Task J33_ExampleWordOutsideTheEnvironmentSegment_StillReports()
        {
            await VerifyJsonAsync("/src/Example.Api/appsettings.json", """{ "Jwt": { "Key": {|JWT012:"example-api-signing-key-0123456789"|} } }""");
        }

        [Fact]
        public async Task K30_PemWithEscapedNewlinesReplaced_Reports()
        {
            await VerifyAsync(Usings + """
                public static class SigningKey
                {
                    private const string PrivateKey = "-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\\n-----END PRIVATE KEY-----";

                    public static ECDsaSecurityKey Create(IConfiguration configuration)
                    {
                        var pem = (configuration["Jwt:PrivateKey"] ?? Environment.GetEnvironmentVariable("JWT_PRIVATE_KEY"))!.Replace("\\n", "\n");
                        var fromConfig = ECDsa.Create();
                        fromConfig.ImportFromPem(pem);

                        var embedded = ECDsa.Create();
                        {|JWT013:embedded.ImportFromPem(PrivateKey.Replace("\\n", "\n"))|};
                        return new ECDsaSecurityKey(embedded);
                    }
                }
                """);
        }

        [Fact]
        public async Task K31_UnusedPemAndPemInComment_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public static class Docs
                {
                    // -----BEGIN PRIVATE KEY----- (generate with openssl genpkey) -----END PRIVATE KEY-----
                    public const string Example = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----";

                    public static bool LooksLikePem(string text) => text.StartsWith("-----BEGIN", StringComparison.Ordinal) && Example.Length > 0;
                }
                """);
        }
    }
}
