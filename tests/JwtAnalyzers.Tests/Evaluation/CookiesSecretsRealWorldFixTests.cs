using System.Threading.Tasks;
using Xunit;
using CookieFix = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Storage.InsecureTokenCookieAnalyzer,
    JwtAnalyzers.CodeFixes.Storage.SecureTokenCookieCodeFixProvider>;
using RandomFix = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Refresh.PredictableRefreshTokenAnalyzer,
    JwtAnalyzers.CodeFixes.Refresh.UseCryptographicRandomCodeFixProvider>;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>
    /// The JWT031 and JWT050 fixes on real-world shapes of the held-out set: the fixed code compiles, the diagnostic
    /// is gone, and Fix All (document, project, solution) gives the same result.
    /// </summary>
    public class CookiesSecretsRealWorldFixTests
    {
        [Fact]
        public async Task LoginControllerCookies_AllHardened()
        {
            await CookieFix.VerifyCodeFixAsync("""
                using System;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Mvc;

                public class AuthController : ControllerBase
                {
                    [HttpPost("login")]
                    public IActionResult Login(string accessToken, string refreshToken, DateTime expiry)
                    {
                        {|JWT031:Response.Cookies.Append("refreshToken", refreshToken, new CookieOptions
                        {
                            HttpOnly = true,
                            Expires = expiry
                        })|};
                        {|JWT031:Response.Cookies.Append("X-Access-Token", accessToken)|};
                        var options = new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.None };
                        {|JWT031:Response.Cookies.Append("jwt", accessToken, options)|};
                        return Ok();
                    }
                }
                """, """
                using System;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Mvc;

                public class AuthController : ControllerBase
                {
                    [HttpPost("login")]
                    public IActionResult Login(string accessToken, string refreshToken, DateTime expiry)
                    {
                        Response.Cookies.Append("refreshToken", refreshToken, new CookieOptions
                        {
                            HttpOnly = true,
                            Expires = expiry,
                            Secure = true,
                            SameSite = SameSiteMode.Strict
                        });
                        Response.Cookies.Append("X-Access-Token", accessToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
                        var options = new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict };
                        Response.Cookies.Append("jwt", accessToken, options);
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task HelperWithExpiryParameterAndNullConditionalAccessor_Hardened()
        {
            await CookieFix.VerifyCodeFixAsync("""
                using System;
                using Microsoft.AspNetCore.Http;

                public class CookieService
                {
                    private readonly IHttpContextAccessor _accessor;
                    public CookieService(IHttpContextAccessor accessor) => _accessor = accessor;

                    private static CookieOptions RefreshOptions(DateTime expires) => new CookieOptions
                    {
                        HttpOnly = true,
                        Expires = expires,
                    };

                    public void Set(string refreshToken)
                    {
                        _accessor.HttpContext?{|JWT031:.Response.Cookies.Append("refresh-token", refreshToken, RefreshOptions(DateTime.UtcNow.AddDays(7)))|};
                    }
                }
                """, """
                using System;
                using Microsoft.AspNetCore.Http;

                public class CookieService
                {
                    private readonly IHttpContextAccessor _accessor;
                    public CookieService(IHttpContextAccessor accessor) => _accessor = accessor;

                    private static CookieOptions RefreshOptions(DateTime expires) => new CookieOptions
                    {
                        HttpOnly = true,
                        Expires = expires,
                        Secure = true,
                        SameSite = SameSiteMode.Strict,
                    };

                    public void Set(string refreshToken)
                    {
                        _accessor.HttpContext?.Response.Cookies.Append("refresh-token", refreshToken, RefreshOptions(DateTime.UtcNow.AddDays(7)));
                    }
                }
                """);
        }

        [Fact]
        public async Task GuidAndRandomRefreshTokens_BecomeRandomNumberGenerator()
        {
            await RandomFix.VerifyCodeFixAsync("""
                using System;
                using System.Linq;

                public class RefreshTokenGenerator
                {
                    private static readonly Random random = new Random();

                    public string GenerateRefreshToken() => {|JWT050:Guid.NewGuid().ToString()|};

                    public static string MintRefreshToken() => Convert.ToBase64String({|JWT050:Guid.NewGuid().ToByteArray()|});

                    public string GenerateRefreshTokenChars()
                    {
                        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                        return new string(Enumerable.Repeat(chars, 32).Select(s => s[{|JWT050:random.Next(s.Length)|}]).ToArray());
                    }

                    public string GenerateRefreshTokenBytes()
                    {
                        var randomNumber = new byte[32];
                        var rnd = new Random();
                        {|JWT050:rnd.NextBytes(randomNumber)|};
                        return Convert.ToBase64String(randomNumber);
                    }

                    public (string AccessToken, string RefreshToken) GenerateTokens(string jwt) => (jwt, {|JWT050:Guid.NewGuid().ToString("N")|}.Replace("-", ""));
                }
                """, """
                using System;
                using System.Linq;
                using System.Security.Cryptography;

                public class RefreshTokenGenerator
                {
                    private static readonly Random random = new Random();

                    public string GenerateRefreshToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

                    public static string MintRefreshToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

                    public string GenerateRefreshTokenChars()
                    {
                        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                        return new string(Enumerable.Repeat(chars, 32).Select(s => s[RandomNumberGenerator.GetInt32(s.Length)]).ToArray());
                    }

                    public string GenerateRefreshTokenBytes()
                    {
                        var randomNumber = new byte[32];
                        var rnd = new Random();
                        RandomNumberGenerator.Fill(randomNumber);
                        return Convert.ToBase64String(randomNumber);
                    }

                    public (string AccessToken, string RefreshToken) GenerateTokens(string jwt) => (jwt, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).Replace("-", ""));
                }
                """);
        }

        [Fact]
        public async Task RefreshTokenObjectInitializerAndEntityProperty_BecomeRandomNumberGenerator()
        {
            await RandomFix.VerifyCodeFixAsync("""
                using System;

                public class RefreshToken
                {
                    public string Token { get; set; } = "";
                    public string JwtId { get; set; } = "";
                }

                public class ApplicationUser { public string? RefreshToken { get; set; } }

                public class IdentityService
                {
                    public RefreshToken Create(string jti, ApplicationUser user)
                    {
                        user.RefreshToken = {|JWT050:Guid.NewGuid().ToString("N")|};
                        return new RefreshToken { Token = {|JWT050:Guid.NewGuid().ToString()|}, JwtId = jti };
                    }
                }
                """, """
                using System;
                using System.Security.Cryptography;

                public class RefreshToken
                {
                    public string Token { get; set; } = "";
                    public string JwtId { get; set; } = "";
                }

                public class ApplicationUser { public string? RefreshToken { get; set; } }

                public class IdentityService
                {
                    public RefreshToken Create(string jti, ApplicationUser user)
                    {
                        user.RefreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
                        return new RefreshToken { Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), JwtId = jti };
                    }
                }
                """);
        }

        [Fact]
        public async Task SharedOptionsFieldInAnotherFile_ReportedWithoutAFix()
        {
            // The options live in another document: the fix is not offered (editing a shared field from one call
            // site would harden every cookie written with it, which the user should decide).
            var test = new CookieFix.Test();
            test.TestState.Sources.Add(("/0/CookieDefaults.cs", """
                using Microsoft.AspNetCore.Http;

                public static class CookieDefaults
                {
                    public static readonly CookieOptions Refresh = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict };
                }
                """));
            test.TestState.Sources.Add(("/0/RefreshEndpoint.cs", """
                using Microsoft.AspNetCore.Mvc;

                public class RefreshEndpoint : ControllerBase
                {
                    public IActionResult Refresh(string refreshToken)
                    {
                        {|JWT031:Response.Cookies.Append("refreshToken", refreshToken, CookieDefaults.Refresh)|};
                        return Ok();
                    }
                }
                """));
            test.FixedState.Sources.Add(("/0/CookieDefaults.cs", test.TestState.Sources[0].content.ToString()));
            test.FixedState.Sources.Add(("/0/RefreshEndpoint.cs", test.TestState.Sources[1].content.ToString()));
            test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
            await test.RunAsync(System.Threading.CancellationToken.None);
        }
    }
}
