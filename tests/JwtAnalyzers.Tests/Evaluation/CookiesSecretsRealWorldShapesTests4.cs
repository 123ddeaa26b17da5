using System.Threading.Tasks;
using Xunit;
using static JwtAnalyzers.Tests.Evaluation.CookiesSecretsVerifier;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>Fourth batch of the held-out set: cross-file reach and mangled versions of the real-world shapes.</summary>
    public class CookiesSecretsRealWorldShapesBatch4Tests
    {
        private const string Usings = """
            using System;
            using System.Security.Cryptography;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.IdentityModel.Tokens;

            """;

        [Fact]
        public async Task F01_OptionsFieldAndTokenHelperInOtherFiles_Report()
        {
            await VerifySourcesAsync(
                Usings + """
                public static class CookieDefaults
                {
                    public static readonly CookieOptions Refresh = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict };
                }

                public static class TokenUtils
                {
                    public static string NewToken() => {|JWT050:Guid.NewGuid().ToString("N")|};
                }
                """,
                Usings + """
                public class RefreshEndpoint : ControllerBase
                {
                    public IActionResult Refresh()
                    {
                        var refreshToken = TokenUtils.NewToken();
                        {|JWT031:Response.Cookies.Append("refreshToken", refreshToken, CookieDefaults.Refresh)|};
                        return Ok();
                    }
                }
                """);
        }

        [Theory]
        [InlineData("Response.Cookies.Append(")]
        [InlineData("Response.Cookies.Append(\"refreshToken\", refreshToken, new CookieOptions {")]
        [InlineData("Response.Cookies.Append(\"refreshToken\", , new CookieOptions { HttpOnly = true })")]
        [InlineData("Response.Cookies.Append(\"refreshToken\", refreshToken, new CookieOptions { Secure = Missing.Value })")]
        [InlineData("Response.Cookies.Append(\"refreshToken\", refreshToken, BuildOptions(")]
        [InlineData("Response.Cookies.Append(\"refreshToken\", refreshToken, Undefined())")]
        [InlineData("var rt = new RefreshToken { Token = Guid.NewGuid().ToString( }")]
        [InlineData("string refreshToken2 = Guid.NewGuid()..ToString();")]
        [InlineData("string refreshToken2 = new Random().Next(;")]
        [InlineData("var rsa = RSA.Create(); rsa.ImportFromPem(\"-----BEGIN PRIVATE KEY-----\\nMIGH")]
        [InlineData("var rsa = RSA.Create(); rsa.FromXmlString(\"<RSAKeyValue><D>abc</D>\" + );")]
        [InlineData("var p = new RSAParameters { D = Convert.FromBase64String( }; var k = new RsaSecurityKey(p);")]
        [InlineData("var k = new RsaSecurityKey(new RSAParameters { D = });")]
        [InlineData("ECDsa.Create(new ECParameters { D = [1, 2, }).ImportFromPem(")]
        public async Task F02_MangledStatements_NoExceptionNoDiagnostic(string statement)
        {
            await VerifyBrokenAsync(Usings + """
                public class RefreshToken { public string Token { get; set; } = ""; }

                public class Mangled : ControllerBase
                {
                    private static CookieOptions BuildOptions() => new CookieOptions { HttpOnly = true };

                    public IActionResult Login(string refreshToken)
                    {
                """ + statement + """

                        return Ok();
                    }
                }
                """);
        }

        [Theory]
        [InlineData("{")]
        [InlineData("[")]
        [InlineData("{ \"Jwt\": ")]
        [InlineData("{ \"Jwt\": { \"Key\": ")]
        [InlineData("{ \"Jwt\": { \"Key\" \"abc\" } }")]
        [InlineData("{ \"Jwt\": { /* unterminated comment ")]
        [InlineData("\"Jwt\"")]
        [InlineData("{ \"Jwt\": { \"Key\": 12345678901234567890 } }")]
        [InlineData("{ \"Jwt\": { \"Key\": [ ] , \"Secret\": { } } }")]
        [InlineData("}}}]]] { \"\": \"\" }")]
        [InlineData("{ \"\\u004A\\u0077\\u0074\": { \"\\\"")]
        public async Task F03_MangledJson_NoException(string json)
        {
            await VerifyBrokenAsync("class Program { }", ("/src/Api/appsettings.json", json));
        }

        [Fact]
        public async Task F04_DeeplyNestedJson_NoException()
        {
            var json = new string('[', 5000) + new string(']', 5000);
            var objects = string.Concat(System.Linq.Enumerable.Repeat("{\"a\":", 3000)) + "\"x\"" + new string('}', 3000);
            await VerifyBrokenAsync("class Program { }", ("/src/Api/appsettings.json", json), ("/src/Api/appsettings.Production.json", objects));
        }

        [Fact]
        public async Task G01_KnownGaps_DoNotReport()
        {
            // Known gaps, silent on purpose (precision first):
            // - options assigned in the constructor and used in another method: another method may reassign or harden them;
            // - a static readonly PEM declared in another file than the import (JWT013 follows consts anywhere, readonly
            //   fields in the same file only);
            // - a Guid stored as a dictionary key with no refresh-token name on the way.
            await VerifySourcesAsync(
                Usings + """
                public static class PemStore
                {
                    public static readonly string SigningKey = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----";
                }
                """,
                Usings + """
                public class JwtCookieWriter
                {
                    private readonly CookieOptions _options;
                    private readonly System.Collections.Generic.Dictionary<string, string> _sessions = new();
                    public JwtCookieWriter() { _options = new CookieOptions { HttpOnly = true }; }

                    public void Write(HttpResponse response, string jwt) => response.Cookies.Append("jwt", jwt, _options);

                    public ECDsa Key() { var ecdsa = ECDsa.Create(); ecdsa.ImportFromPem(PemStore.SigningKey); return ecdsa; }

                    public string Remember(string userId) { _sessions.Add(Guid.NewGuid().ToString(), userId); return userId; }
                }
                """);
        }
    }
}
