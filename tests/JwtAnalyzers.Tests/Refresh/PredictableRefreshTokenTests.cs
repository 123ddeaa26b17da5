using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Refresh.PredictableRefreshTokenAnalyzer,
    JwtAnalyzers.CodeFixes.Refresh.UseCryptographicRandomCodeFixProvider>;

namespace JwtAnalyzers.Tests.Refresh
{
    public class PredictableRefreshTokenTests
    {
        private const string Entity = @"
public class RefreshToken
{
    public System.Guid Id { get; set; }
    public string Token { get; set; } = """";
    public string JwtId { get; set; } = """";
    public System.DateTime Expires { get; set; }
}

public class AppUser
{
    public string? RefreshToken { get; set; }
    public System.DateTime RefreshTokenExpiryTime { get; set; }
}
";

        [Fact]
        public async Task GuidToStringIntoRefreshTokenProperty_Reports_AndFixUsesRandomNumberGenerator()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;

public class TokenService
{
    public void Issue(AppUser user)
    {
        user.RefreshToken = {|#0:Guid.NewGuid().ToString()|};
        user.RefreshTokenExpiryTime = DateTime.UtcNow.AddDays(7);
    }
}" + Entity, @"
using System;
using System.Security.Cryptography;

public class TokenService
{
    public void Issue(AppUser user)
    {
        user.RefreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        user.RefreshTokenExpiryTime = DateTime.UtcNow.AddDays(7);
    }
}" + Entity, Verify.Diagnostic("JWT050").WithLocation(0).WithArguments("'Guid.NewGuid()'"));
        }

        [Fact]
        public async Task TokenMemberOfRefreshTokenEntity_Reports_ButIdDoesNot()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;

public class TokenService
{
    public RefreshToken Create(string jwtId) => new RefreshToken
    {
        Id = Guid.NewGuid(),
        Token = {|JWT050:Guid.NewGuid().ToString(""N"")|} + jwtId,
        JwtId = jwtId,
        Expires = DateTime.UtcNow.AddDays(30),
    };
}" + Entity, @"
using System;
using System.Security.Cryptography;

public class TokenService
{
    public RefreshToken Create(string jwtId) => new RefreshToken
    {
        Id = Guid.NewGuid(),
        Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) + jwtId,
        JwtId = jwtId,
        Expires = DateTime.UtcNow.AddDays(30),
    };
}" + Entity);
        }

        [Fact]
        public async Task GuidBytesThroughLocalIntoGenerateRefreshToken_Reports_AndFixReplacesBytes()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;

public class TokenService
{
    public string GenerateRefreshToken()
    {
        var bytes = {|JWT050:Guid.NewGuid().ToByteArray()|};
        return Convert.ToBase64String(bytes);
    }
}", @"
using System;
using System.Security.Cryptography;

public class TokenService
{
    public string GenerateRefreshToken()
    {
        var bytes = RandomNumberGenerator.GetBytes(64);
        return Convert.ToBase64String(bytes);
    }
}");
        }

        [Fact]
        public async Task RandomNextBytesIntoRefreshToken_Reports_AndFixFillsWithRandomNumberGenerator()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;

public class TokenService
{
    private static readonly Random Random = new Random();

    public string CreateRefreshToken()
    {
        var randomNumber = new byte[32];
        {|#0:Random.NextBytes(randomNumber)|};
        return Convert.ToBase64String(randomNumber);
    }
}", @"
using System;
using System.Security.Cryptography;

public class TokenService
{
    private static readonly Random Random = new Random();

    public string CreateRefreshToken()
    {
        var randomNumber = new byte[32];
        RandomNumberGenerator.Fill(randomNumber);
        return Convert.ToBase64String(randomNumber);
    }
}", Verify.Diagnostic("JWT050").WithLocation(0).WithArguments("'System.Random'"));
        }

        [Fact]
        public async Task RandomStringHelperInAnotherMethod_Reports_AndFixUsesGetInt32()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using System.Linq;

public class AuthService
{
    public void Login(AppUser user)
    {
        user.RefreshToken = RandomString(64);
    }

    private static string RandomString(int length)
    {
        const string chars = ""ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"";
        var random = new Random();
        return new string(Enumerable.Repeat(chars, length).Select(s => s[{|JWT050:random.Next(s.Length)|}]).ToArray());
    }
}" + Entity, @"
using System;
using System.Linq;
using System.Security.Cryptography;

public class AuthService
{
    public void Login(AppUser user)
    {
        user.RefreshToken = RandomString(64);
    }

    private static string RandomString(int length)
    {
        const string chars = ""ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"";
        var random = new Random();
        return new string(Enumerable.Repeat(chars, length).Select(s => s[RandomNumberGenerator.GetInt32(s.Length)]).ToArray());
    }
}" + Entity);
        }

        [Fact]
        public async Task RandomSharedInStringBuilderLoopAndHelperInAnotherFile_Reports()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(@"
public class Sessions
{
    public void Rotate(AppUser user) => user.RefreshToken = Helpers.Tokens.NewToken();
}" + Entity);
            test.TestState.Sources.Add(@"
using System;
using System.Text;

namespace Helpers
{
    public static class Tokens
    {
        public static string NewToken()
        {
            var builder = new StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                builder.Append((char)('a' + {|JWT050:Random.Shared.Next(26)|}));
            }

            return builder.ToString();
        }
    }
}");
            await test.RunAsync();
        }

        [Fact]
        public async Task GuidInterpolatedIntoRefreshTokenLocalAndConstructorArgument_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;

public record UserRefreshToken(string UserId, string Token);

public class TokenService
{
    public object Issue(string userId)
    {
        var refreshToken = $""{{|JWT050:Guid.NewGuid()|}}-{userId}"";
        var entity = new UserRefreshToken(userId, {|JWT050:Guid.NewGuid().ToString()|});
        return new { refreshToken, entity };
    }
}");
        }

        [Fact]
        public async Task GuidTypedRefreshTokenProperty_ReportsWithoutFix()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System;

public class Session
{
    public Guid RefreshToken { get; set; } = {|JWT050:Guid.NewGuid()|};
}",
                FixedCode = @"
using System;

public class Session
{
    public Guid RefreshToken { get; set; } = {|JWT050:Guid.NewGuid()|};
}",
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task RefreshTokenInRazorGeneratedCode_Reports()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Pages_Login_razor.g.cs", @"// <auto-generated/>
public partial class Login
{
    private string _refreshToken = {|JWT050:System.Guid.NewGuid().ToString()|};
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task SeveralGeneratorsInOneFile_FixAllReplacesEach()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;

public class TokenService
{
    private readonly Random _random = new Random();

    public string GenerateRefreshToken()
    {
        var buffer = new byte[48];
        {|JWT050:_random.NextBytes(buffer)|};
        return Convert.ToBase64String(buffer);
    }

    public void Rotate(AppUser user) => user.RefreshToken = {|JWT050:Guid.NewGuid().ToString()|};

    public string NewRefreshTokenCode() => ((char)('A' + {|JWT050:_random.Next(0, 26)|})).ToString();

    public string OtherRefreshTokenCode() => {|JWT050:_random.Next()|}.ToString(""x8"");
}" + Entity, @"
using System;
using System.Security.Cryptography;

public class TokenService
{
    private readonly Random _random = new Random();

    public string GenerateRefreshToken()
    {
        var buffer = new byte[48];
        RandomNumberGenerator.Fill(buffer);
        return Convert.ToBase64String(buffer);
    }

    public void Rotate(AppUser user) => user.RefreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public string NewRefreshTokenCode() => ((char)('A' + RandomNumberGenerator.GetInt32(0, 26))).ToString();

    public string OtherRefreshTokenCode() => RandomNumberGenerator.GetInt32(int.MaxValue).ToString(""x8"");
}" + Entity);
        }

        [Fact]
        public async Task RealWorldShapes_Report()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.Collections.Generic;
using System.Text;

public record UserRefreshToken(string UserId, string Value, DateTime Expires);

public class TokenService
{
    private readonly Random _rnd = new Random(Environment.TickCount);
    private readonly List<UserRefreshToken> _store = new();

    public object Login(string userId, string jwt)
    {
        var refreshToken = {|JWT050:Guid.NewGuid().ToString()|}.Replace(""-"", """");
        return new { accessToken = jwt, refreshToken };
    }

    public object Login2(string jwt) => new { token = jwt, refresh_token = Convert.ToBase64String(Encoding.UTF8.GetBytes({|JWT050:Guid.NewGuid().ToString()|})) };

    public void Save(string userId) => _store.Add(new UserRefreshToken(userId, {|JWT050:Guid.NewGuid().ToString(""N"")|} + DateTime.UtcNow.Ticks, DateTime.UtcNow.AddDays(7)));

    public string GenerateRefreshToken()
    {
        const string alphabet = ""abcdefghijklmnopqrstuvwxyz0123456789"";
        var chars = new char[40];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[{|JWT050:_rnd.Next(alphabet.Length)|}];
        }

        return new string(chars);
    }

    public string CreateRefreshTokenAsString() => string.Join("""", {|JWT050:Random.Shared.GetItems(new[] { 'a', 'b', 'c' }, 32)|});
}");
        }

        [Fact]
        public async Task ProtectedSignedOrIdentifierGuids_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

public class TokenService
{
    private readonly IDataProtector _protector;
    public TokenService(IDataProtector protector) => _protector = protector;

    public string ProtectedRefreshToken() => _protector.Protect(Guid.NewGuid().ToString());

    public string JwtRefreshToken(SigningCredentials credentials)
    {
        var refreshToken = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
            claims: new[] { new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) },
            expires: DateTime.UtcNow.AddDays(7),
            signingCredentials: credentials));
        return refreshToken;
    }

    public Guid RefreshTokenFamily { get; } = Guid.NewGuid();
    public string RefreshTokenRequestId() => Guid.NewGuid().ToString();
}");
        }

        [Fact]
        public async Task CharacterHelperAndAsyncHelper_Report()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.Text;
using System.Threading.Tasks;

public class TokenService
{
    private static readonly Random Rng = new Random();

    private static char RandomChar() => (char)('a' + {|JWT050:Rng.Next(26)|});

    private static async Task<string> NewValueAsync()
    {
        await Task.Yield();
        return {|JWT050:Guid.NewGuid().ToString(""N"")|};
    }

    public async Task Issue(AppUser user)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 32; i++) builder.Append(RandomChar());
        user.RefreshToken = builder.ToString();
        var other = await NewValueAsync();
        user.RefreshToken = other;
    }
}" + Entity);
        }

        [Fact]
        public async Task GuidFormattedIntoStrings_FixReplacesTheGuid()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;

public class TokenService
{
    public string NewRefreshToken(string userId) => $""{userId}.{{|JWT050:Guid.NewGuid()|}}"";

    public void Rotate(AppUser user) => user.RefreshToken = ""rt_"" + {|JWT050:Guid.NewGuid()|};
}" + Entity, @"
using System;
using System.Security.Cryptography;

public class TokenService
{
    public string NewRefreshToken(string userId) => $""{userId}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))}"";

    public void Rotate(AppUser user) => user.RefreshToken = ""rt_"" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
}" + Entity);
        }

        // ---- Safe twins ----

        [Fact]
        public async Task RandomNumberGeneratorRefreshTokens_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.Security.Cryptography;

public class TokenService
{
    public string GenerateRefreshToken()
    {
        var randomNumber = new byte[32];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(randomNumber);
        return Convert.ToBase64String(randomNumber);
    }

#pragma warning disable SYSLIB0023
    public string GenerateRefreshTokenLegacy()
    {
        var randomNumber = new byte[64];
        using (var rng = new RNGCryptoServiceProvider())
        {
            rng.GetBytes(randomNumber);
        }

        return Convert.ToBase64String(randomNumber);
    }
#pragma warning restore SYSLIB0023

    public void Issue(AppUser user)
    {
        user.RefreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        // A Guid appended to a cryptographic value only adds uniqueness.
        var refreshToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + Guid.NewGuid().ToString(""N"");
    }
}" + Entity);
        }

        [Fact]
        public async Task GuidsAsIdsAndRandomForOtherThings_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using System.Linq;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;

public class TokenService
{
    private readonly Random _random = new Random();

    public RefreshToken Create(string token) => new RefreshToken { Id = Guid.NewGuid(), Token = token, JwtId = Guid.NewGuid().ToString() };

    public Claim Jti() => new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString());

    public string CaptchaText() => new string(Enumerable.Range(0, 6).Select(_ => (char)('A' + _random.Next(26))).ToArray());

    public TimeSpan RetryJitter() => TimeSpan.FromMilliseconds(_random.Next(100, 500));

    public Guid RefreshTokenId { get; } = Guid.NewGuid();

    public void Issue(AppUser user, string refreshToken)
    {
        user.RefreshToken = refreshToken;
        var correlationId = Guid.NewGuid().ToString();
    }
}" + Entity);
        }

        [Fact]
        public async Task RefreshTokenFromParameterConfigurationOrExternalService_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using Microsoft.Extensions.Configuration;

public interface ITokenGenerator { string Generate(); }

public class TokenService
{
    private readonly ITokenGenerator _generator;
    private readonly IConfiguration _configuration;
    public TokenService(ITokenGenerator generator, IConfiguration configuration) { _generator = generator; _configuration = configuration; }

    public void Issue(AppUser user, string supplied)
    {
        user.RefreshToken = _generator.Generate();
        user.RefreshToken = _configuration[""Seed:RefreshToken""];
        user.RefreshToken = supplied;
    }
}" + Entity);
        }

        [Fact]
        public async Task FixtureValuesInUnitTests_DoNotReport()
        {
            // Test classes are recognised by their test attributes (xunit, NUnit, MSTest) or a *Test/*Tests name;
            // the test libraries are not referenced here, so the name is what this test exercises.
            await Verify.VerifyAnalyzerAsync(@"
using System;

public class RefreshTokenHandlerTests
{
    public void Handle_Rejects_UnknownToken()
    {
        var refreshToken = Guid.NewGuid().ToString();
    }
}");
        }

        // Known gap: a refresh token stored under a neutral name (new UserToken { Value = ..., Type = ""refresh"" })
        // is not recognised: only names and types that say "refresh token" mark the destination.
        [Fact]
        public async Task RefreshTokenUnderNeutralNames_DoesNotReport_KnownGap()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;

public class UserToken { public string Value { get; set; } = """"; public string Type { get; set; } = """"; }

public class TokenService
{
    public UserToken Create() => new UserToken { Value = Guid.NewGuid().ToString(), Type = ""refresh"" };
}");
        }

        // ---- Broken code ----

        [Fact]
        public async Task BrokenCode_DoesNotThrowOrReport()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System;

public class TokenService
{
    public string GenerateRefreshToken() { return Convert.ToBase64String(; }
    public string CreateRefreshToken() => Unknown.NewGuid().ToString();
    public void Issue(AppUser user) { user.RefreshToken = ; }
    public void Loop() { string refreshToken = refreshToken + Helper(); }
    private string Helper() => Helper();
    public string RefreshTokenValue => new Random().NextBytes();
}",
            };
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            await test.RunAsync();
        }
    }
}
