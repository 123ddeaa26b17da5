using System.Threading.Tasks;
using Xunit;
using static JwtAnalyzers.Tests.Evaluation.CookiesSecretsVerifier;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>
    /// Held-out evaluation for JWT031, JWT050, JWT012 and JWT013: our own adaptations of shapes found in public
    /// ASP.NET Core projects (controllers, cookie helpers, refresh-token services, appsettings files). Every case
    /// runs the four rules together and asserts the complete answer the specs in docs/rules give.
    /// </summary>
    public class CookiesSecretsRealWorldShapesTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.IdentityModel.Tokens.Jwt;
            using System.IO;
            using System.Linq;
            using System.Security.Claims;
            using System.Security.Cryptography;
            using System.Text;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Hosting;
            using Microsoft.IdentityModel.Tokens;

            """;

        // ================================================================ JWT031

        [Fact]
        public async Task C01_LoginControllerRefreshCookieWithoutSecure_Reports()
        {
            await VerifyAsync(Usings + """
                public record LoginRequest(string Email, string Password);
                public record AuthResult(string AccessToken, string RefreshToken, DateTime RefreshTokenExpiry);
                public interface IAuthService { Task<AuthResult> LoginAsync(LoginRequest request); }

                [ApiController]
                [Route("api/[controller]")]
                public class AuthController : ControllerBase
                {
                    private readonly IAuthService _auth;
                    public AuthController(IAuthService auth) => _auth = auth;

                    [HttpPost("login")]
                    public async Task<IActionResult> Login(LoginRequest request)
                    {
                        var result = await _auth.LoginAsync(request);
                        {|JWT031:Response.Cookies.Append("refreshToken", result.RefreshToken, new CookieOptions
                        {
                            HttpOnly = true,
                            Expires = result.RefreshTokenExpiry
                        })|};
                        return Ok(new { accessToken = result.AccessToken });
                    }
                }
                """);
        }

        [Fact]
        public async Task C02_ResponseExtensionWithAllFlagsLax_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public static class HttpResponseExtensions
                {
                    public static void SetRefreshTokenCookie(this HttpResponse response, string refreshToken, DateTime expiryTime)
                    {
                        var cookieOptions = new CookieOptions
                        {
                            HttpOnly = true,
                            Secure = true,
                            SameSite = SameSiteMode.Lax,
                            Expires = expiryTime
                        };
                        response.Cookies.Append("refreshToken", refreshToken, cookieOptions);
                    }

                    public static void ClearRefreshTokenCookie(this HttpResponse response)
                        => response.Cookies.Delete("refreshToken");
                }
                """);
        }

        [Fact]
        public async Task C03_ConstKeyFromSettingsClassAndSameSiteNone_Reports()
        {
            await VerifyAsync(Usings + """
                public static class AuthCookieNames
                {
                    public const string RefreshTokenCookieName = "refresh_token";
                    public const string RefreshTokenCookiePath = "/api/auth";
                    public const int RefreshTokenExpiryDays = 14;
                }

                public static class CookieWriter
                {
                    public static void SetRefreshTokenCookie(HttpResponse response, string refreshToken)
                    {
                        {|JWT031:response.Cookies.Append(AuthCookieNames.RefreshTokenCookieName, refreshToken, new CookieOptions
                        {
                            HttpOnly = true, // no script access
                            Secure = true,
                            SameSite = SameSiteMode.None, // cross-site front end
                            Path = AuthCookieNames.RefreshTokenCookiePath,
                            Expires = DateTimeOffset.UtcNow.AddDays(AuthCookieNames.RefreshTokenExpiryDays)
                        })|};
                    }
                }
                """);
        }

        [Fact]
        public async Task C04_IResponseCookiesExtensionWithLocalOptionsSameSiteNone_Reports()
        {
            await VerifyAsync(Usings + """
                public static class CookieUtility
                {
                    public const string RefreshTokenKey = "RefreshToken";

                    public static void AddRefreshToken(this IResponseCookies cookies, string refreshToken, DateTime expirationDate)
                    {
                        var options = new CookieOptions()
                        {
                            HttpOnly = true,
                            Secure = true,
                            Path = "/auth",
                            SameSite = SameSiteMode.None,
                            Expires = expirationDate,
                        };

                        {|JWT031:cookies.Append(RefreshTokenKey, refreshToken, options)|};
                    }

                    public static void RemoveRefreshToken(this IResponseCookies cookies) => cookies.Delete(RefreshTokenKey);
                }
                """);
        }

        [Fact]
        public async Task C05_OptionsFromHelperTakingTheExpiry_SameSiteNone_Reports()
        {
            // The helper's parameter only feeds Expires; the flags are constants in the object it returns.
            await VerifyAsync(Usings + """
                public static class RefreshTokenCookieHelper
                {
                    public static CookieOptions CreateRefreshTokenCookieOptions(DateTime expiration)
                    {
                        return new CookieOptions
                        {
                            HttpOnly = true,
                            Secure = true,
                            Expires = expiration,
                            SameSite = SameSiteMode.None, // cross-origin SPA
                            Path = "/",
                        };
                    }
                }

                public class TokenController : ControllerBase
                {
                    [HttpPost("refresh")]
                    public IActionResult Refresh(string refreshToken)
                    {
                        {|JWT031:Response.Cookies.Append("refreshToken", refreshToken, RefreshTokenCookieHelper.CreateRefreshTokenCookieOptions(DateTime.UtcNow.AddDays(7)))|};
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C05b_OptionsHelperInAnotherFile_Reports()
        {
            await VerifySourcesAsync(
                Usings + """
                namespace Shop.Application.Helpers
                {
                    public static class RefreshTokenCookieHelper
                    {
                        public static CookieOptions CreateRefreshTokenCookieOptions(DateTime expiration) => new CookieOptions
                        {
                            HttpOnly = true,
                            Expires = expiration,
                            SameSite = SameSiteMode.Strict,
                        };
                    }
                }
                """,
                Usings + """
                using Shop.Application.Helpers;

                public class AuthController : ControllerBase
                {
                    [HttpPost("login")]
                    public IActionResult Login(string refreshToken)
                    {
                        {|JWT031:Response.Cookies.Append("refreshToken", refreshToken, RefreshTokenCookieHelper.CreateRefreshTokenCookieOptions(DateTime.UtcNow.AddDays(7)))|};
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C05c_HelpersWhoseFlagsComeFromParametersOrCallbacks_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class CookieFactory
                {
                    public static CookieOptions Build(bool secure, DateTime expires) => new CookieOptions { HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict, Expires = expires };

                    public static CookieOptions Configure(Action<CookieOptions> configure)
                    {
                        var options = new CookieOptions { HttpOnly = true };
                        configure(options);
                        return options;
                    }

                    // An override may return other options.
                    protected virtual CookieOptions Defaults() => new CookieOptions { HttpOnly = true };
                }

                public class CookieController : ControllerBase
                {
                    private readonly CookieFactory _factory = new();

                    public IActionResult Login(string refreshToken, string accessToken)
                    {
                        Response.Cookies.Append("refreshToken", refreshToken, CookieFactory.Build(Request.IsHttps, DateTime.UtcNow.AddDays(7)));
                        Response.Cookies.Append("access_token", accessToken, CookieFactory.Configure(o => { o.Secure = true; o.SameSite = SameSiteMode.Strict; }));
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C06_JwtCookieWithSecureCommentedOut_Reports()
        {
            await VerifyAsync(Usings + """
                public class AuthToken { public string? Jwt { get; set; } public string? RefreshToken { get; set; } }

                public class SessionController : Controller
                {
                    [HttpPatch("auth/set-jwt")]
                    public IActionResult SetJwt([FromBody] AuthToken? token)
                    {
                        if (string.IsNullOrEmpty(token?.Jwt))
                        {
                            HttpContext.Response.Cookies.Delete("jwt");
                        }
                        else
                        {
                            {|JWT031:HttpContext.Response.Cookies.Append("jwt", JsonSerializer.Serialize(token), new CookieOptions
                            {
                                HttpOnly = true,
                                //Secure = true, //todo: enable in production
                                SameSite = SameSiteMode.Strict,
                                Expires = DateTimeOffset.UtcNow.AddHours(1)
                            })|};
                        }

                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C07_SecureFromEnvironmentVariableOrIsHttps_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class AuthTokens { public string AccessToken { get; set; } = ""; public string RefreshToken { get; set; } = ""; public DateTime AccessTokenExpiresAt { get; set; } }

                public static class CookieHelper
                {
                    public static void SetJwt(HttpContext context, string jwt)
                    {
                        var isProduction = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") == "Production";
                        context.Response.Cookies.Append("jwt", jwt, new CookieOptions
                        {
                            HttpOnly = true,
                            Secure = isProduction,
                            SameSite = SameSiteMode.Strict,
                        });
                    }

                    public static void SetAuthCookies(HttpContext httpContext, AuthTokens tokens)
                    {
                        var accessTokenOptions = new CookieOptions
                        {
                            HttpOnly = true,
                            Secure = httpContext.Request.IsHttps,
                            SameSite = SameSiteMode.Lax,
                            Path = "/api",
                            Expires = tokens.AccessTokenExpiresAt,
                        };
                        httpContext.Response.Cookies.Append("access_token", tokens.AccessToken, accessTokenOptions);
                    }
                }
                """);
        }

        [Fact]
        public async Task C08_NamedArgumentsAndTokenValueUnderOneLetterKey_Reports()
        {
            await VerifyAsync(Usings + """
                public class LoginUserResponse { public string Token { get; set; } = ""; public DateTime ExpiresAt { get; set; } }

                public class SetAuthenticationCookieHandler
                {
                    public Task Handle(HttpResponse response, LoginUserResponse data)
                    {
                        {|JWT031:response.Cookies.Append(
                            key: "t",
                            value: data.Token,
                            options: new CookieOptions { HttpOnly = true, Expires = data.ExpiresAt })|};
                        return Task.CompletedTask;
                    }
                }
                """);
        }

        [Fact]
        public async Task C09_GenericCookieTokenAttacherWithTodoSecure_Reports()
        {
            await VerifyAsync(Usings + """
                internal static class CookieTokensHelpers
                {
                    public static void AttachCookieToken(this IResponseCookies cookies, string cookieName, string token)
                    {
                        CookieOptions options = new CookieOptions()
                        {
                            HttpOnly = true
                            // TODO make secure
                        };
                        {|JWT031:cookies.Append(cookieName, token, options)|};
                    }
                }
                """);
        }

        [Fact]
        public async Task C10_XAccessTokenWithoutOptions_ReportsAndHardenedTwin_DoesNot()
        {
            await VerifyAsync(Usings + """
                public class AccountController : ControllerBase
                {
                    [HttpPost("login-legacy")]
                    public IActionResult LoginLegacy(string jwt)
                    {
                        {|JWT031:Response.Cookies.Append("X-Access-Token", jwt)|};
                        return Ok();
                    }

                    [HttpPost("login")]
                    public IActionResult Login(string jwt, string refresh)
                    {
                        Response.Cookies.Append("X-Access-Token", jwt, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
                        Response.Cookies.Append("X-Refresh-Token", refresh, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C11_LogoutExpiresCookieAndAntiforgeryAndThemeCookies_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class LogoutController : ControllerBase
                {
                    [HttpPost("logout")]
                    public IActionResult Logout()
                    {
                        Response.Cookies.Append("refreshToken", "", new CookieOptions { Expires = DateTime.UtcNow.AddDays(-1) });
                        Response.Cookies.Append("XSRF-TOKEN", Guid.NewGuid().ToString("N"), new CookieOptions { HttpOnly = false });
                        Response.Cookies.Append("theme", "dark");
                        Response.Cookies.Append("TokenExpiry", DateTime.UtcNow.AddMinutes(15).ToString("O"));
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C12_StaticReadonlyOptionsFieldWithoutSecure_Reports()
        {
            await VerifyAsync(Usings + """
                public class TokenCookieWriter
                {
                    private static readonly CookieOptions AccessCookieOptions = new() { HttpOnly = true, SameSite = SameSiteMode.Lax };

                    public void Write(HttpResponse response, string accessToken)
                        => {|JWT031:response.Cookies.Append("access_token", accessToken, AccessCookieOptions)|};
                }
                """);
        }

        [Fact]
        public async Task C13_MinimalApiSecureFalse_Reports()
        {
            await VerifyProgramAsync("""
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();

                app.MapPost("/login", (HttpContext ctx, string token) =>
                {
                    {|JWT031:ctx.Response.Cookies.Append("access_token", token, new CookieOptions { HttpOnly = true, Secure = false, SameSite = SameSiteMode.Strict })|};
                    return Results.Ok();
                });

                app.Run();
                """);
        }

        [Fact]
        public async Task C14_OptionsHardenedAfterCreation_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class RefreshController : ControllerBase
                {
                    [HttpPost("refresh")]
                    public IActionResult Refresh(string newRefreshToken)
                    {
                        var options = new CookieOptions { HttpOnly = true, Expires = DateTime.UtcNow.AddDays(7) };
                        options.Secure = true;
                        options.SameSite = SameSiteMode.Strict;
                        Response.Cookies.Append("refreshToken", newRefreshToken, options);
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C15_GuidSessionCookieNamedAuthTokenWithSafeOptions_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class SafeAuthController : ControllerBase
                {
                    [HttpPost("login")]
                    public IActionResult Login(string username)
                    {
                        var token = Guid.NewGuid().ToString();
                        var options = new CookieOptions
                        {
                            Secure = true,
                            HttpOnly = true,
                            SameSite = SameSiteMode.Strict,
                            Expires = DateTimeOffset.UtcNow.AddHours(8)
                        };
                        Response.Cookies.Append("auth_token", token, options);
                        return Ok();
                    }
                }
                """);
        }

        [Fact]
        public async Task C16_JwtWrittenByHandlerIntoCookieNamedSession_Reports()
        {
            await VerifyAsync(Usings + """
                public class JwtCookieIssuer
                {
                    public void Issue(HttpResponse response, SecurityTokenDescriptor descriptor)
                    {
                        var handler = new JwtSecurityTokenHandler();
                        var securityToken = handler.CreateToken(descriptor);
                        var written = handler.WriteToken(securityToken);
                        {|JWT031:response.Cookies.Append("session", written, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict })|};
                    }
                }
                """);
        }

        [Fact]
        public async Task C17_DevelopmentOnlyCookie_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class DevLoginController : ControllerBase
                {
                    private readonly IWebHostEnvironment _env;
                    public DevLoginController(IWebHostEnvironment env) => _env = env;

                    [HttpPost("dev-login")]
                    public IActionResult DevLogin(string accessToken)
                    {
                        if (_env.IsDevelopment())
                        {
                            Response.Cookies.Append("access_token", accessToken);
                        }

                        return Ok();
                    }
                }
                """);
        }

        // ================================================================ JWT050

        [Fact]
        public async Task R01_OverloadedGeneratorGuidAndRng_ReportsOnlyGuid()
        {
            await VerifyAsync(Usings + """
                public class RefreshTokenGenerator
                {
                    public string GenerateRefreshToken()
                    {
                        return {|JWT050:Guid.NewGuid().ToString()|};
                    }

                    public string GenerateRefreshToken(int size = 32)
                    {
                        var refToken = new byte[size];
                        using (var rng = RandomNumberGenerator.Create())
                        {
                            rng.GetBytes(refToken);
                            return Convert.ToBase64String(refToken);
                        }
                    }
                }
                """);
        }

        [Fact]
        public async Task R02_MintRefreshTokenFromGuidBytes_Reports()
        {
            await VerifyAsync(Usings + """
                public static class TokenHelper
                {
                    /// <summary>Generates a simple refresh token string.</summary>
                    public static string MintRefreshToken()
                    {
                        return Convert.ToBase64String({|JWT050:Guid.NewGuid().ToByteArray()|});
                    }
                }
                """);
        }

        [Fact]
        public async Task R03_RefreshTokenEntityWithGuidId_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class User { public Guid Id { get; set; } }

                public class RefreshToken
                {
                    public Guid Id { get; set; } = Guid.NewGuid();
                    public string Token { get; set; } = string.Empty;
                    public DateTime ExpiresOnUtc { get; set; }
                    public Guid UserId { get; set; }
                    public User User { get; set; } = null!;
                    public bool Revoked { get; set; }
                    public DateTime Created { get; set; } = DateTime.UtcNow;
                }

                public sealed class RefreshTokenFactory
                {
                    public RefreshToken Generate(Guid userId) => new RefreshToken
                    {
                        UserId = userId,
                        Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
                        ExpiresOnUtc = DateTime.UtcNow.AddDays(30),
                    };
                }
                """);
        }

        [Fact]
        public async Task R04_UserRefreshTokenPropertyFromGuid_Reports()
        {
            await VerifyAsync(Usings + """
                public class ApplicationUser
                {
                    public string Id { get; set; } = "";
                    public string? RefreshToken { get; set; }
                    public DateTime RefreshTokenExpiryTime { get; set; }
                }

                public class TokenService
                {
                    public string IssueRefresh(ApplicationUser user)
                    {
                        user.RefreshToken = {|JWT050:Guid.NewGuid().ToString("N")|};
                        user.RefreshTokenExpiryTime = DateTime.UtcNow.AddDays(7);
                        return user.RefreshToken;
                    }
                }
                """);
        }

        [Fact]
        public async Task R05_RefreshTokenObjectGuidTokenAndJwtId_ReportsOnlyToken()
        {
            await VerifyAsync(Usings + """
                public class RefreshToken
                {
                    public string Token { get; set; } = "";
                    public string JwtId { get; set; } = "";
                    public DateTime CreationDate { get; set; }
                    public DateTime ExpiryDate { get; set; }
                    public string UserId { get; set; } = "";
                }

                public class IdentityService
                {
                    public (string, RefreshToken) Create(string userId)
                    {
                        var jti = Guid.NewGuid().ToString();
                        var claims = new List<Claim> { new Claim(JwtRegisteredClaimNames.Jti, jti), new Claim("id", userId) };
                        var refreshToken = new RefreshToken
                        {
                            Token = {|JWT050:Guid.NewGuid().ToString()|},
                            JwtId = jti,
                            UserId = userId,
                            CreationDate = DateTime.UtcNow,
                            ExpiryDate = DateTime.UtcNow.AddMonths(6)
                        };
                        return (jti, refreshToken);
                    }
                }
                """);
        }

        [Fact]
        public async Task R06_RandomCharsLinqRefreshToken_Reports()
        {
            await VerifyAsync(Usings + """
                public class AuthManager
                {
                    private static readonly Random random = new Random();

                    public string GenerateRefreshToken()
                    {
                        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                        return new string(Enumerable.Repeat(chars, 32).Select(s => s[{|JWT050:random.Next(s.Length)|}]).ToArray());
                    }
                }
                """);
        }

        [Fact]
        public async Task R07_RandomNextBytesIntoBuffer_Reports()
        {
            await VerifyAsync(Usings + """
                public class JwtService
                {
                    public string GenerateRefreshToken()
                    {
                        var randomNumber = new byte[32];
                        var rnd = new Random();
                        {|JWT050:rnd.NextBytes(randomNumber)|};
                        return Convert.ToBase64String(randomNumber);
                    }
                }
                """);
        }

        [Fact]
        public async Task R08_RngCryptoServiceProvider_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public static class RefreshTokenHelper
                {
                #pragma warning disable SYSLIB0023
                    public static string GenerateRefreshToken()
                    {
                        var randomNumber = new byte[32];
                        using (var rng = new RNGCryptoServiceProvider())
                        {
                            rng.GetBytes(randomNumber);
                            return Convert.ToBase64String(randomNumber);
                        }
                    }
                #pragma warning restore SYSLIB0023
                }
                """);
        }

        [Fact]
        public async Task R09_RefreshTokenConstructorArgumentAndGuidConcatenation_Report()
        {
            await VerifyAsync(Usings + """
                public class UserRefreshToken
                {
                    public UserRefreshToken(string userId, string token, DateTime expires) { UserId = userId; Token = token; Expires = expires; }
                    public string UserId { get; }
                    public string Token { get; }
                    public DateTime Expires { get; }
                }

                public class RefreshService
                {
                    public UserRefreshToken Create(string userId)
                        => new UserRefreshToken(userId, {|JWT050:Guid.NewGuid().ToString("N")|}, DateTime.UtcNow.AddDays(7));

                    public string CreateRaw(string userId)
                    {
                        string refreshToken = {|JWT050:Guid.NewGuid().ToString()|}.Replace("-", "") + DateTime.UtcNow.Ticks;
                        return refreshToken;
                    }
                }
                """);
        }

        [Fact]
        public async Task R10_RandomOtpCodeAndGuidSessionId_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class OtpService
                {
                    public string CreateVerificationCode() => new Random().Next(100000, 999999).ToString();

                    public Guid StartSession() => Guid.NewGuid();

                    public string CreateCorrelationId() => Guid.NewGuid().ToString();
                }
                """);
        }

        [Fact]
        public async Task R11_GuidTypedRefreshTokenOnEntity_Reports()
        {
            await VerifyAsync(Usings + """
                public class Session
                {
                    public Guid Id { get; set; } = Guid.NewGuid();
                    public Guid RefreshToken { get; set; } = {|JWT050:Guid.NewGuid()|};
                    public DateTime ExpiresAt { get; set; }
                }
                """);
        }

        [Fact]
        public async Task R12_RefreshTokenFromGuidAndUserIdHashed_Reports()
        {
            await VerifyAsync(Usings + """
                public class AuthResponse { public string AccessToken { get; set; } = ""; public string RefreshToken { get; set; } = ""; }

                public class LegacyTokenService
                {
                    public AuthResponse Build(string accessToken, string userId)
                    {
                        var response = new AuthResponse { AccessToken = accessToken };
                        using var sha = SHA256.Create();
                        response.RefreshToken = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes({|JWT050:Guid.NewGuid()|} + userId)));
                        return response;
                    }
                }
                """);
        }

        [Fact]
        public async Task R13_RefreshTokenViaInterfaceOnly_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public interface IRefreshTokenGenerator { string Generate(); }

                public class LoginHandler
                {
                    private readonly IRefreshTokenGenerator _generator;
                    public LoginHandler(IRefreshTokenGenerator generator) => _generator = generator;

                    public string Handle() { var refreshToken = _generator.Generate(); return refreshToken; }
                }
                """);
        }

        [Fact]
        public async Task R14_RefreshTokenIdGuidNextToCryptoToken_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public record RefreshTokenEntry(Guid RefreshTokenId, string Token, DateTime Expires);

                public class RefreshTokenStore
                {
                    public RefreshTokenEntry NewEntry() => new RefreshTokenEntry(Guid.NewGuid(), Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), DateTime.UtcNow.AddDays(7));
                }
                """);
        }

        // ================================================================ JWT012

        [Fact]
        public async Task J01_TypicalAppSettingsWithJwtKey_ReportsOnlyTheKey()
        {
            await VerifyJsonAsync("/src/Shop.Api/appsettings.json", """
                {
                  "Logging": {
                    "LogLevel": {
                      "Default": "Information",
                      "Microsoft.AspNetCore": "Warning"
                    }
                  },
                  "AllowedHosts": "*",
                  "ConnectionStrings": {
                    "DefaultConnection": "Server=localhost;Database=shop;User Id=sa;Password=Passw0rd!;TrustServerCertificate=True"
                  },
                  "Jwt": {
                    "Issuer": "http://localhost:5000",
                    "Audience": "http://localhost:5000",
                    "Key": {|JWT012:"7f3c1b9e5a2d4c8f6e0a1b3d5c7e9f2a4b6d8e0c"|},
                    "ValidInMinutes": 10
                  }
                }
                """);
        }

        [Fact]
        public async Task J02_JwtSettingsSecretPlaceholder_Reports()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "ConnectionStrings": { "DefaultConnection": "Server=localhost;Database=your_database;User Id=your_user;Password=your_password;" },
                  "JwtSettings": {
                    "Secret": {|JWT012:"YourJWTSecretKey"|},
                    "Issuer": "YourIssuer",
                    "Audience": "YourAudience",
                    "ExpiryMinutes": 60
                  }
                }
                """);
        }

        [Fact]
        public async Task J03_TutorialAppSettingsSecretNextToSendGridAndRefreshSettings_ReportsOnlySecret()
        {
            await VerifyWithFilesAsync(Usings + "public class Startup { public JwtSecurityTokenHandler Handler { get; } = new(); }", new[]
            {
                ("/src/WebApi/appsettings.json", """
                {
                  "AppSettings": {
                    "Site": "https://localhost:5001",
                    "Audience": "web-client",
                    "ExpireTime": "30",
                    "Secret": {|JWT012:"THIS IS USED TO SIGN AND VERIFY JWT TOKENS, REPLACE IT WITH YOUR OWN SECRET"|},
                    "RefreshToken": "",
                    "GrantType": "password",
                    "ClientId": "web",
                    "SendGridKey": "SG.abcdefghijklmnop.qrstuvwxyz0123456789",
                    "SendGridUser": "mailer"
                  }
                }
                """),
            });
        }

        [Fact]
        public async Task J04_CourseTokenKeyAtRoot_Reports()
        {
            await VerifyJsonAsync("/API/appsettings.json", """
                {
                  "TokenKey": {|JWT012:"super secret unguessable key that is long enough"|},
                  "Logging": { "LogLevel": { "Default": "Information", "Microsoft": "Warning" } },
                  "AllowedHosts": "*"
                }
                """);
        }

        [Fact]
        public async Task J05_ThirdPartyServiceSecrets_DoNotReport()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "SendGrid": { "ApiKey": "SG.1234567890abcdef", "FromEmail": "no-reply@example.com" },
                  "Stripe": { "PublishableKey": "pk_test_123", "SecretKey": "sk_test_4eC39HqLyjWDarjtT1zdp7dc" },
                  "Authentication": { "Google": { "ClientId": "123.apps.googleusercontent.com", "ClientSecret": "GOCSPX-abcdef" } },
                  "Cloudinary": { "CloudName": "demo", "ApiKey": "1234", "ApiSecret": "abcd" },
                  "Redis": { "Password": "redis-pass" },
                  "EmailSettings": { "SmtpPassword": "smtp-pass" }
                }
                """);
        }

        [Fact]
        public async Task J06_DevelopmentFileAndResolvedReferences_DoNotReport()
        {
            await VerifyWithFilesAsync("class Program { }", new[]
            {
                ("/src/Api/appsettings.Development.json", """{ "Jwt": { "Key": "dev-only-key-0123456789abcdef0123456789" } }"""),
                ("/src/Api/appsettings.json", """
                {
                  "Jwt": { "Key": "", "Issuer": "https://api.example.com" },
                  "JwtSettings": { "SecretKey": "${JWT_SECRET_KEY}" },
                  "Auth": { "Secret": "#{AuthSecret}#" }
                }
                """),
            });
        }

        [Fact]
        public async Task J07_JwtUpperCaseSectionWithValidIssuerAndSecret_Reports()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "ConnectionStrings": { "ConnStr": "Data Source=.;Initial Catalog=Auth;Integrated Security=True" },
                  "JWT": {
                    "ValidAudience": "http://localhost:4200",
                    "ValidIssuer": "http://localhost:5000",
                    "Secret": {|JWT012:"JWTAuthenticationHIGHsecuredPasswordVVVp1OH7Xzyr"|}
                  }
                }
                """);
        }

        [Fact]
        public async Task J08_PublicKeyAndKeyFilePath_DoNotReport()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "Jwt": {
                    "PublicKey": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----",
                    "PrivateKeyPath": "keys/jwt-signing.pem",
                    "Authority": "https://login.example.com"
                  }
                }
                """);
        }

        [Fact]
        public async Task J09_AngularTutorialApplicationSettingsJwtSecret_Reports()
        {
            await VerifyJsonAsync("/WebAPI/appsettings.json", """
                {
                  "ApplicationSettings": {
                    "JWT_Secret": {|JWT012:"1234567890123456"|},
                    "Client_URL": "http://localhost:4200"
                  },
                  "ConnectionStrings": { "IdentityConnection": "Server=(localdb)\\MSSQLLocalDB;Database=UserDB;Trusted_Connection=True;MultipleActiveResultSets=True;" }
                }
                """);
        }

        [Fact]
        public async Task J10_ProductionFileAndJwtConfigSecretWithComments_Report()
        {
            await VerifyWithFilesAsync("class Program { }", new[]
            {
                ("/src/Api/appsettings.Production.json", """
                {
                  // signing material
                  "JwtConfig": {
                    "Secret": {|JWT012:"ijurkbdlhmklqacwqzdxmkkhvqowlyqa"|}, // 32 chars
                    "ExpirationInMinutes": 15,
                  },
                }
                """),
            });
        }

        [Fact]
        public async Task J11_SecretsSectionJwtPrivateKeyAndEncryptionKey_ReportsOnlyJwtKey()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "Secrets": {
                    "PasswordSaltKey": "c2FsdC1rZXktMTIzNDU2",
                    "JwtPrivateKey": {|JWT012:"bXktand0LXByaXZhdGUta2V5LWZvci1zaWduaW5nLXRva2Vucw=="|}
                  },
                  "Encryption": { "Key": "0123456789abcdef0123456789abcdef" },
                  "DataProtection": { "Key": "abcdef" }
                }
                """);
        }

        [Fact]
        public async Task J12_IdentityServerKeyObjectAndNonStringValues_DoNotReport()
        {
            await VerifyJsonAsync("/src/Api/appsettings.json", """
                {
                  "IdentityServer": { "Key": { "Type": "Development" }, "Clients": { "Web": { "Profile": "IdentityServerSPA" } } },
                  "Jwt": { "Key": null, "ExpireDays": 7, "RequireHttps": true }
                }
                """);
        }

        [Fact]
        public async Task J13_TestsFolderAndLaunchSettings_DoNotReport()
        {
            await VerifyWithFilesAsync("class Program { }", new[]
            {
                ("/tests/Api.IntegrationTests/appsettings.json", """{ "Jwt": { "Key": "integration-test-key-0123456789abcdef" } }"""),
                ("/src/Api/Properties/launchSettings.json", """{ "profiles": { "Api": { "environmentVariables": { "Jwt__Key": "launch-key-0123456789abcdef0123" } } } }"""),
            });
        }

        // ================================================================ JWT013

        [Fact]
        public async Task K01_IndentedVerbatimRsaPemInStaticReadonly_Reports()
        {
            await VerifyAsync(Usings + """
                public class TokenSigner
                {
                    private static readonly string PEM_PRIV_KEY = @"-----BEGIN RSA PRIVATE KEY-----
                    MIIEowIBAAKCAQEAkDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiLqz7x
                    izG51WjyvCkULjBBQzOr366TcO5HtMzmVlipDzIFJdeQN2Z1gY5oVqA04zGlEAf4
                    -----END RSA PRIVATE KEY-----";

                    public SigningCredentials Credentials()
                    {
                        var rsa = RSA.Create();
                        {|JWT013:rsa.ImportFromPem(PEM_PRIV_KEY)|};
                        return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
                    }
                }
                """);
        }

        [Fact]
        public async Task K02_PrivateXmlKeyInFromXmlString_ReportsAndPublicXml_DoesNot()
        {
            await VerifyAsync(Usings + """
                public class XmlKeyProvider
                {
                    private const string PrivateXml = "<RSAKeyValue><Modulus>kDHpUOM828y0RINccgL9Yf91zWo0VsXV</Modulus><Exponent>AQAB</Exponent><P>8KNThCO2gsC2I9PQ</P><Q>x0oQs2reBQGMVZnA</Q><DP>zV7W3COOlDDcQd93</DP><DQ>mNS4+A8Fkss8Js1R</DQ><InverseQ>JzNw0H9xSaEp12jI</InverseQ><D>pOaNpLq2QrwGU9cK</D></RSAKeyValue>";
                    private const string PublicXml = "<RSAKeyValue><Modulus>kDHpUOM828y0RINccgL9Yf91zWo0VsXV</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>";

                    public RsaSecurityKey SigningKey()
                    {
                        var rsa = RSA.Create();
                        {|JWT013:rsa.FromXmlString(PrivateXml)|};
                        return new RsaSecurityKey(rsa);
                    }

                    public RsaSecurityKey ValidationKey()
                    {
                        var rsa = RSA.Create();
                        rsa.FromXmlString(PublicXml);
                        return new RsaSecurityKey(rsa);
                    }
                }
                """);
        }

        [Fact]
        public async Task K03_KeyFromFileOrConfiguration_DoesNotReport()
        {
            await VerifyAsync(Usings + """
                public class KeyLoader
                {
                    private readonly IConfiguration _configuration;
                    public KeyLoader(IConfiguration configuration) => _configuration = configuration;

                    public RsaSecurityKey FromFile(string path)
                    {
                        var rsa = RSA.Create();
                        rsa.ImportFromPem(File.ReadAllText(path));
                        return new RsaSecurityKey(rsa);
                    }

                    public RsaSecurityKey FromConfig()
                    {
                        var rsa = RSA.Create();
                        rsa.ImportFromPem(_configuration["Jwt:PrivateKey"]);
                        return new RsaSecurityKey(rsa);
                    }

                    public static RSA CreateRsa(string keyPair)
                    {
                        var rsa = RSA.Create();
                        rsa.ImportFromPem(keyPair);
                        return rsa;
                    }
                }
                """);
        }

        [Fact]
        public async Task K04_ConfigurationWithEmbeddedFallback_Reports()
        {
            await VerifyAsync(Usings + """
                public class SigningKeyFactory
                {
                    private const string FallbackKey = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----";

                    public ECDsaSecurityKey Create(IConfiguration configuration)
                    {
                        var ecdsa = ECDsa.Create();
                        {|JWT013:ecdsa.ImportFromPem(configuration["Jwt:SigningKey"] ?? FallbackKey)|};
                        return new ECDsaSecurityKey(ecdsa);
                    }
                }
                """);
        }

        [Fact]
        public async Task K05_RsaParametersWithPrivateExponent_Reports()
        {
            await VerifyAsync(Usings + """
                public static class HardKeys
                {
                    public static RsaSecurityKey Build()
                    {
                        var parameters = new RSAParameters
                        {
                            Modulus = Convert.FromBase64String("kDHpUOM828y0RINccgL9Yf91zWo0VsXV0unrYiOfVOiL"),
                            Exponent = Convert.FromBase64String("AQAB"),
                            D = Convert.FromBase64String("pOaNpLq2QrwGU9cKUNr6c/zermw3kt+ZqmqrKsqS"),
                        };
                        return {|JWT013:new RsaSecurityKey(parameters)|};
                    }
                }
                """);
        }

        [Fact]
        public async Task K06_Pkcs8Base64AndPublicSpki_ReportsOnlyPrivate()
        {
            await VerifyAsync(Usings + """
                public class Keys
                {
                    private const string PrivateKeyBase64 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
                    private const string PublicKeyBase64 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo";

                    public RSA Signing()
                    {
                        var rsa = RSA.Create();
                        {|JWT013:rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(PrivateKeyBase64), out _)|};
                        return rsa;
                    }

                    public RSA Validation()
                    {
                        var rsa = RSA.Create();
                        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(PublicKeyBase64), out _);
                        return rsa;
                    }
                }
                """);
        }

        [Fact]
        public async Task K07_JwkJsonWithD_Reports()
        {
            await VerifyAsync(Usings + """
                public class JwkSigner
                {
                    private const string Jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}";

                    public SigningCredentials Credentials() => new SigningCredentials({|JWT013:new JsonWebKey(Jwk)|}, SecurityAlgorithms.EcdsaSha256);
                }
                """);
        }

        [Fact]
        public async Task K08_DevelopmentOnlyEmbeddedKeyAndPublicPem_DoNotReport()
        {
            await VerifyAsync(Usings + """
                public class KeySetup
                {
                    private const string DevPem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----";
                    private const string PublicPem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";

                    public ECDsa Load(IHostEnvironment env, IConfiguration configuration)
                    {
                        var ecdsa = ECDsa.Create();
                        if (env.IsDevelopment())
                        {
                            ecdsa.ImportFromPem(DevPem);
                        }
                        else
                        {
                            ecdsa.ImportFromPem(File.ReadAllText(configuration["Jwt:KeyFile"]!));
                        }

                        return ecdsa;
                    }

                    public ECDsa Validator()
                    {
                        var ecdsa = ECDsa.Create();
                        ecdsa.ImportFromPem(PublicPem);
                        return ecdsa;
                    }
                }
                """);
        }

        [Fact]
        public async Task K09_CertificateFromPemWithEmbeddedKey_Reports()
        {
            await VerifyAsync(Usings + """
                using System.Security.Cryptography.X509Certificates;

                public static class CertificateSigning
                {
                    private const string CertPem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----";
                    private const string KeyPem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIO6R4f3ZwLq\n-----END EC PRIVATE KEY-----";

                    public static X509SecurityKey Key() => new X509SecurityKey({|JWT013:X509Certificate2.CreateFromPem(CertPem, KeyPem)|});
                }
                """);
        }

        // ================================================================ robustness

        [Fact]
        public async Task B01_TruncatedCookieAndRefreshCode_NoExceptionNoDiagnostic()
        {
            await VerifyBrokenAsync(Usings + """
                public class Broken : ControllerBase
                {
                    public IActionResult Login(string refreshToken)
                    {
                        Response.Cookies.Append("refreshToken", refreshToken, new CookieOptions { HttpOnly = , Secure = 
                    }

                    public string GenerateRefreshToken() => Guid.NewGuid(.
                    public RefreshToken Make() => new RefreshToken { Token = Guid.NewGuid().ToString( };
                    public void Key() { var rsa = RSA.Create(); rsa.ImportFromPem(; rsa.FromXmlString(Missing.Xml); }
                """,
                ("/src/Api/appsettings.Staging.json", """{ "Jwt": { "Key": """),
                ("/src/Api/appsettings.Production.json", """{ "Jwt": [ "Key", { "Secret": } """),
                ("/src/Api/empty.json", ""));
        }

        [Fact]
        public async Task B02_AppSettingsTruncatedInsideTheKeyValue_StillReports()
        {
            // The scanner is tolerant (comments, trailing commas, an unterminated string ends at its line): the text of
            // the secret is committed all the same.
            await VerifyJsonAsync("/src/Api/appsettings.json", """{ "Jwt": { "Issuer": "https://api.example.com", "Key": {|JWT012:"7f3c1b9e5a2d4c8f|}""");
        }
    }
}
