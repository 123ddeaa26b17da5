using System.Threading.Tasks;
using Xunit;
using static JwtAnalyzers.Tests.Evaluation.CookiesSecretsVerifier;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>Second batch of the held-out set for JWT031, JWT050, JWT012 and JWT013 (probing shapes).</summary>
    public class CookiesSecretsRealWorldShapesBatch2Tests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.IdentityModel.Tokens.Jwt;
            using System.IO;
            using System.Linq;
            using System.Security.Claims;
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;
            using System.Text;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            using Microsoft.IdentityModel.Tokens;

            """;

        [Fact]
        public async Task D01_AccessorNullConditionalRefreshCookieWithoutSecure_Reports()
        {
            await VerifyAsync(Usings + """
                public class CookieService
                {
                    private readonly IHttpContextAccessor _accessor;
                    public CookieService(IHttpContextAccessor accessor) => _accessor = accessor;

                    public void SetTokens(string accessToken, string refreshToken)
                    {
                        var options = new CookieOptions { HttpOnly = true, Expires = DateTime.UtcNow.AddDays(7), IsEssential = true };
                        _accessor.HttpContext?{|JWT031:.Response.Cookies.Append("refresh-token", refreshToken, options)|};
                        {|JWT031:_accessor.HttpContext!.Response.Cookies.Append("AuthToken", accessToken, options)|};
                    }
                }
                """);
        }

        [Fact]
        public async Task D02_NonTokenCookiesWithAccessAuthWords_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class PreferencesController : ControllerBase
                {
                    public IActionResult Track(bool isAuthenticated, string userName, string culture)
                    {
                        Response.Cookies.Append("LastAccess", DateTime.UtcNow.ToString("O"));
                        Response.Cookies.Append("IsAuth", isAuthenticated.ToString());
                        Response.Cookies.Append("UserName", userName);
                        Response.Cookies.Append(".AspNetCore.Culture", culture);
                        Response.Cookies.Append("RefreshTokenExpiry", DateTime.UtcNow.AddDays(7).ToString("O"));
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task D03_BearerPrefixedValueAndTokenFromResponseObject_Report()
        {
            await VerifyAsync(Usings + """
                public class TokenResponse { public string access_token { get; set; } = ""; public int expires_in { get; set; } }

                public class OAuthCallbackController : ControllerBase
                {
                    public IActionResult Callback(TokenResponse tokenResponse)
                    {
                        {|JWT031:Response.Cookies.Append("Authorization", $"Bearer {tokenResponse.access_token}", new CookieOptions { Secure = true, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddSeconds(tokenResponse.expires_in) })|};
                        return Redirect("/");
                    }
                }
                """);
        }

        [Fact]
        public async Task D04_OptionsFieldAssignedInConstructor_DoesNotReport()
        {
            // Options built in the constructor and used in another method: not followed (spec: same method).
            await VerifyAsync(Usings + """
                public class JwtCookieWriter
                {
                    private readonly CookieOptions _options;
                    public JwtCookieWriter() { _options = new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict }; }

                    public void Write(HttpResponse response, string jwt) => response.Cookies.Append("jwt", jwt, _options);
                }
                """);
        }

        [Fact]
        public async Task R20_NamedTupleAndAuthResponseRefreshToken_Report()
        {
            await VerifyAsync(Usings + """
                public class AuthResponse { public string AccessToken { get; set; } = ""; public string RefreshToken { get; set; } = ""; public DateTime ExpiresAt { get; set; } }

                public class TokenFactory
                {
                    public (string AccessToken, string RefreshToken) GenerateTokens(string jwt)
                        => (jwt, {|JWT050:Guid.NewGuid().ToString()|});

                    public AuthResponse Respond(string jwt) => new AuthResponse
                    {
                        AccessToken = jwt,
                        RefreshToken = {|JWT050:Guid.NewGuid().ToString("N")|}.ToUpperInvariant(),
                        ExpiresAt = DateTime.UtcNow.AddMinutes(15),
                    };
                }
                """);
        }

        [Fact]
        public async Task R21_RandomStringHelperFeedsRefreshTokenRecord_Reports()
        {
            await VerifyAsync(Usings + """
                public record RefreshToken(string Token, DateTime Expires, string UserId);

                public static class StringGenerator
                {
                    private static readonly Random _random = new Random(DateTime.Now.Millisecond);

                    public static string RandomString(int length)
                    {
                        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
                        var sb = new StringBuilder();
                        for (var i = 0; i < length; i++) sb.Append(chars[{|JWT050:_random.Next(chars.Length)|}]);
                        return sb.ToString();
                    }
                }

                public class RefreshTokenService
                {
                    public RefreshToken Create(string userId) => new RefreshToken(StringGenerator.RandomString(40), DateTime.UtcNow.AddDays(30), userId);
                }
                """);
        }

        [Fact]
        public async Task R22_SecurityStampAndRefreshTokenIdAndResetToken_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class AppUser { public string SecurityStamp { get; set; } = ""; public Guid RefreshTokenId { get; set; } public string? PasswordResetToken { get; set; } }

                public class UserService
                {
                    public void Rotate(AppUser user)
                    {
                        user.SecurityStamp = Guid.NewGuid().ToString();
                        user.RefreshTokenId = Guid.NewGuid();
                    }
                }
                """);
        }

        [Fact]
        public async Task R23_LocalRefreshTokenStoredInDictionary_Reports()
        {
            await VerifyAsync(Usings + """
                public class InMemoryRefreshStore
                {
                    private readonly Dictionary<string, string> _refreshTokens = new();

                    public string Issue(string userName)
                    {
                        var refreshToken = {|JWT050:Guid.NewGuid().ToString()|};
                        _refreshTokens[refreshToken] = userName;
                        return refreshToken;
                    }
                }
                """);
        }

        [Fact]
        public async Task J20_JwtSecretVariantsAcrossLayouts_Report()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "JwtOptions": { "SigningKey": {|JWT012:"4f1c8a2e9b7d3e6f0a5c1b8d2e7f9a3c"|}, "Issuer": "api" },
                  "Authentication": { "Jwt": { "Key": {|JWT012:"c0ffee-c0ffee-c0ffee-c0ffee-c0ffee-c0ffee"|} } },
                  "TokenSettings": { "SecurityKey": {|JWT012:"this is my custom Secret key for authentication"|} },
                  "JWTKey": {|JWT012:"9c1e7a5b3d2f4e6a8b0c1d3e5f7a9b2c"|},
                  "BearerTokens": { "Key": {|JWT012:"This is my shared key, not so secret, secret!"|}, "Issuer": "http://localhost/", "AccessTokenExpirationMinutes": 2 }
                }
                """);
        }

        [Fact]
        public async Task J21_OtherServicesTokensAndSecrets_DoNotReport()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "Twilio": { "AccountSid": "AC123", "AuthToken": "0123456789abcdef0123456789abcdef" },
                  "Telegram": { "BotToken": "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11" },
                  "Recaptcha": { "SiteKey": "6Lc_site", "SecretKey": "6Lc_secret" },
                  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "abc", "ClientSecret": "xyz~secret" },
                  "Firebase": { "PrivateKey": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----" },
                  "Keycloak": { "realm": "demo", "resource": "api", "credentials": { "secret": "kc-secret-123" } },
                  "OpenAI": { "ApiKey": "sk-proj-abc" },
                  "Paystack": { "SecretKey": "sk_test_abc" },
                  "Jwt": { "Issuer": "https://api.example.com", "Audience": "clients", "RefreshTokenValidityInDays": 7, "AccessTokenExpiryMinutes": "15" }
                }
                """);
        }

        [Fact]
        public async Task K20_PemConcatenatedAndRawStringAndToCharArray_Report()
        {
            await VerifyAsync(Usings + """"
                public static class EmbeddedKeys
                {
                    private const string Concatenated = "-----BEGIN PRIVATE KEY-----\n" +
                        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n" +
                        "-----END PRIVATE KEY-----";

                    private const string Raw = """
                        -----BEGIN RSA PRIVATE KEY-----
                        MIIEowIBAAKCAQEAkDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL
                        -----END RSA PRIVATE KEY-----
                        """;

                    public static ECDsa Ec()
                    {
                        var ecdsa = ECDsa.Create();
                        {|JWT013:ecdsa.ImportFromPem(Concatenated)|};
                        return ecdsa;
                    }

                    public static RSA Rsa()
                    {
                        using RSA rsa = RSA.Create();
                        {|JWT013:rsa.ImportFromPem(Raw.ToCharArray())|};
                        return rsa;
                    }
                }
                """");
        }

        [Fact]
        public async Task K21_EcParametersFromBase64UrlAndPfxFromBase64_Report()
        {
            await VerifyAsync(Usings + """
                public static class Es256Keys
                {
                    private const string PfxBase64 = "MIIJqQIBAzCCCW8GCSqGSIb3DQEHAaCCCWAEgglcMIIJWDCCBA8GCSqGSIb3DQEH";

                    public static ECDsaSecurityKey Key()
                    {
                        var ecdsa = {|JWT013:ECDsa.Create(new ECParameters
                        {
                            Curve = ECCurve.NamedCurves.nistP256,
                            D = Base64UrlEncoder.DecodeBytes("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"),
                            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"), Y = Base64UrlEncoder.DecodeBytes("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0") },
                        })|};
                        return new ECDsaSecurityKey(ecdsa);
                    }

                    public static X509SecurityKey Certificate() => new X509SecurityKey({|JWT013:new X509Certificate2(Convert.FromBase64String(PfxBase64), "P@ssw0rd")|});

                    public static X509SecurityKey FromFile() => new X509SecurityKey(new X509Certificate2("certs/signing.pfx", "P@ssw0rd"));
                }
                """);
        }

        [Fact]
        public async Task K22_RsaCryptoServiceProviderFromXmlInAnotherClassConst_Reports()
        {
            await VerifySourcesAsync(
                """
                public static class KeyStore
                {
                    public const string PrivateKeyXml = "<RSAKeyValue><Modulus>kDHpUOM828y0RINccgL9Yf91zWo0VsXV</Modulus><Exponent>AQAB</Exponent><P>8KNThCO2gsC2I9PQ</P><Q>x0oQs2reBQGMVZnA</Q><DP>zV7W3COOlDDcQd93</DP><DQ>mNS4+A8Fkss8Js1R</DQ><InverseQ>JzNw0H9xSaEp12jI</InverseQ><D>pOaNpLq2QrwGU9cK</D></RSAKeyValue>";
                }
                """,
                Usings + """
                public class LegacySigner
                {
                #pragma warning disable CA1416
                    public SigningCredentials Credentials()
                    {
                        var provider = new RSACryptoServiceProvider(2048);
                        {|JWT013:provider.FromXmlString(KeyStore.PrivateKeyXml)|};
                        return new SigningCredentials(new RsaSecurityKey(provider), SecurityAlgorithms.RsaSha256);
                    }
                #pragma warning restore CA1416
                }
                """);
        }
    }
}
