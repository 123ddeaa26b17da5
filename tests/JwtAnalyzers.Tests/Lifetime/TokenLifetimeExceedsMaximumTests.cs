using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.TokenLifetimeExceedsMaximumAnalyzer,
    JwtAnalyzers.CodeFixes.Lifetime.CapTokenLifetimeCodeFixProvider>;

namespace JwtAnalyzers.Tests.Lifetime
{
    public class TokenLifetimeExceedsMaximumTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
";

        [Fact]
        public async Task JwtSecurityTokenExpiresInThirtyDays_Reports_AndFixCapsAtOneDay()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class TokenService
{
    string Create(IEnumerable<Claim> claims, SigningCredentials credentials)
    {
        var token = new JwtSecurityToken(
            issuer: ""api"",
            audience: ""app"",
            claims: claims,
            {|#0:expires: DateTime.UtcNow.AddDays(30)|},
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}", Usings + @"
class TokenService
{
    string Create(IEnumerable<Claim> claims, SigningCredentials credentials)
    {
        var token = new JwtSecurityToken(
            issuer: ""api"",
            audience: ""app"",
            claims: claims,
            expires: DateTime.UtcNow.AddDays(1),
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}", Verify.Diagnostic("JWT004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("30 days", "24 hours"));
        }

        [Fact]
        public async Task JwtSecurityTokenPositionalExpires_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    JwtSecurityToken Create(SigningCredentials credentials)
        => new JwtSecurityToken(""api"", ""app"", null, DateTime.UtcNow, {|JWT004:DateTime.Now.AddHours(48)|}, credentials);
}");
        }

        [Fact]
        public async Task SecurityTokenDescriptorExpires_Reports_AndFixKeepsUnitWhenWhole()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class C
{
    SecurityTokenDescriptor Create(ClaimsIdentity subject) => new SecurityTokenDescriptor
    {
        Subject = subject,
        {|JWT004:Expires = DateTime.UtcNow.AddHours(72)|},
    };
}", Usings + @"
class C
{
    SecurityTokenDescriptor Create(ClaimsIdentity subject) => new SecurityTokenDescriptor
    {
        Subject = subject,
        Expires = DateTime.UtcNow.AddHours(24),
    };
}");
        }

        [Fact]
        public async Task ExpiresFromNowPlusTimeSpan_Reports_AndFixReplacesTimeSpan()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class C
{
    void M(SecurityTokenDescriptor descriptor)
    {
        {|JWT004:descriptor.Expires = DateTime.UtcNow + TimeSpan.FromDays(7)|};
    }
}", Usings + @"
class C
{
    void M(SecurityTokenDescriptor descriptor)
    {
        descriptor.Expires = DateTime.UtcNow + TimeSpan.FromDays(1);
    }
}");
        }

        [Fact]
        public async Task ExpiresFromNowAddNewTimeSpan_Reports_AndFixRewritesAdd()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class C
{
    void M(SecurityTokenDescriptor descriptor)
    {
        {|JWT004:descriptor.Expires = DateTime.UtcNow.Add(new TimeSpan(2, 0, 0, 0))|};
    }
}", Usings + @"
class C
{
    void M(SecurityTokenDescriptor descriptor)
    {
        descriptor.Expires = DateTime.UtcNow.AddDays(1);
    }
}");
        }

        [Fact]
        public async Task DateTimeOffsetUtcDateTime_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    SecurityTokenDescriptor Create() => new SecurityTokenDescriptor { {|JWT004:Expires = DateTimeOffset.UtcNow.AddYears(1).UtcDateTime|} };
}");
        }

        [Fact]
        public async Task ConversionsOfNow_Report_AndFixReachesTheAddCall()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, Dictionary<string, object> payload)
    {
        {|JWT004:a.Expires = DateTime.Now.AddDays(7).ToUniversalTime()|};
        payload.Add(""exp"", {|JWT004:new DateTimeOffset(DateTime.UtcNow.AddHours(30)).ToUnixTimeSeconds()|});
    }
}", Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, Dictionary<string, object> payload)
    {
        a.Expires = DateTime.Now.AddDays(1).ToUniversalTime();
        payload.Add(""exp"", new DateTimeOffset(DateTime.UtcNow.AddHours(24)).ToUnixTimeSeconds());
    }
}");
        }

        [Fact]
        public async Task ConstantsLocalsAndFields_Report_AndFixAllCapsEach()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class C
{
    private const int ExpiryDays = 30;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    void M(SecurityTokenDescriptor a, SecurityTokenDescriptor b, SecurityTokenDescriptor c)
    {
        var now = DateTime.UtcNow;
        var expires = now.AddMinutes(60 * 24 * 7);
        {|JWT004:a.Expires = now.AddDays(ExpiryDays)|};
        {|JWT004:b.Expires = expires|};
        {|JWT004:c.Expires = now + Lifetime|};
    }
}", Usings + @"
class C
{
    private const int ExpiryDays = 30;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    void M(SecurityTokenDescriptor a, SecurityTokenDescriptor b, SecurityTokenDescriptor c)
    {
        var now = DateTime.UtcNow;
        var expires = now.AddMinutes(1440);
        a.Expires = now.AddDays(1);
        b.Expires = expires;
        c.Expires = now + Lifetime;
    }
}");
        }

        [Fact]
        public async Task ConditionalJudgedByLongestBranch_Reports_AndFixCapsOnlyTheLongBranch()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
class C
{
    JwtSecurityToken Create(bool rememberMe) => new JwtSecurityToken(
        {|#0:expires: rememberMe ? DateTime.UtcNow.AddDays(30) : DateTime.UtcNow.AddHours(1)|});
}", Usings + @"
class C
{
    JwtSecurityToken Create(bool rememberMe) => new JwtSecurityToken(
        expires: rememberMe ? DateTime.UtcNow.AddDays(1) : DateTime.UtcNow.AddHours(1));
}", Verify.Diagnostic("JWT004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("30 days", "24 hours"));
        }

        [Fact]
        public async Task ConditionalAmount_Reports_WithoutFix()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    JwtSecurityToken Create(bool rememberMe) => new JwtSecurityToken(
        {|JWT004:expires: DateTime.UtcNow.AddDays(rememberMe ? 30 : 1)|});
}");
        }

        [Fact]
        public async Task HandlerMethods_Report()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    void M(JwtSecurityTokenHandler handler, ClaimsIdentity subject, SigningCredentials credentials)
    {
        handler.CreateJwtSecurityToken(""api"", ""app"", subject, null, {|JWT004:DateTime.UtcNow.AddDays(2)|}, null, credentials);
        handler.CreateEncodedJwt(""api"", ""app"", subject, null, {|JWT004:expires: DateTime.UtcNow.AddMonths(1)|}, null, credentials);
    }
}");
        }

        [Fact]
        public async Task JwtPayloadExpires_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    JwtPayload Create(IEnumerable<Claim> claims) => new JwtPayload(""api"", ""app"", claims, null, {|JWT004:DateTime.UtcNow.AddDays(90)|});
}");
        }

        [Fact]
        public async Task TokenLifetimeInMinutes_Reports_AndFixSetsMaximumInMinutes()
        {
            await Verify.VerifyCodeFixAsync(Usings + @"
using Microsoft.IdentityModel.JsonWebTokens;

class C
{
    void M()
    {
        var handler = new JsonWebTokenHandler { {|JWT004:TokenLifetimeInMinutes = 60 * 24 * 30|} };
        var legacy = new JwtSecurityTokenHandler();
        {|JWT004:legacy.TokenLifetimeInMinutes = 10080|};
        legacy.TokenLifetimeInMinutes = 60;
    }
}", Usings + @"
using Microsoft.IdentityModel.JsonWebTokens;

class C
{
    void M()
    {
        var handler = new JsonWebTokenHandler { TokenLifetimeInMinutes = 1440 };
        var legacy = new JwtSecurityTokenHandler();
        legacy.TokenLifetimeInMinutes = 1440;
        legacy.TokenLifetimeInMinutes = 60;
    }
}");
        }

        [Fact]
        public async Task JwtNetExpirationTime_Reports_AndFixCaps()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using JWT.Algorithms;
using JWT.Builder;

class C
{
    string Create(byte[] secret) => new JwtBuilder()
        .WithAlgorithm(new HMACSHA256Algorithm())
        .WithSecret(secret)
        .ExpirationTime({|JWT004:DateTime.UtcNow.AddDays(7)|})
        .AddClaim(ClaimName.ExpirationTime, {|JWT004:DateTimeOffset.UtcNow.AddHours(36).ToUnixTimeSeconds()|})
        .AddClaim(""exp"", {|JWT004:DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600 * 24 * 365|})
        .Encode();
}", @"
using System;
using JWT.Algorithms;
using JWT.Builder;

class C
{
    string Create(byte[] secret) => new JwtBuilder()
        .WithAlgorithm(new HMACSHA256Algorithm())
        .WithSecret(secret)
        .ExpirationTime(DateTime.UtcNow.AddDays(1))
        .AddClaim(ClaimName.ExpirationTime, DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeSeconds())
        .AddClaim(""exp"", DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86400)
        .Encode();
}");
        }

        [Fact]
        public async Task PayloadDictionaryExpEntry_Reports()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    Dictionary<string, object> Payload() => new Dictionary<string, object>
    {
        { ""sub"", ""42"" },
        { ""exp"", {|JWT004:DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()|} },
    };

    void M(JwtPayload payload)
    {
        {|JWT004:payload[""exp""] = EpochTime.GetIntDate(DateTime.UtcNow.AddDays(3))|};
        var anonymous = new { sub = ""42"", {|JWT004:exp = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()|} };
        var shortLived = new { sub = ""42"", exp = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds() };
        var notATime = new { exp = 100000 };
    }
}");
        }

        [Fact]
        public async Task ClockAbstractions_Report()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
interface IClock { DateTime UtcNow { get; } }

class C
{
    private readonly IClock _clock;
    private readonly TimeProvider _time;

    C(IClock clock, TimeProvider time) { _clock = clock; _time = time; }

    void M(SecurityTokenDescriptor a, SecurityTokenDescriptor b)
    {
        {|JWT004:a.Expires = _clock.UtcNow.AddDays(10)|};
        {|JWT004:b.Expires = _time.GetUtcNow().AddDays(10).UtcDateTime|};
    }
}");
        }

        [Fact]
        public async Task RazorGeneratedCode_Reports()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Pages_Login_razor.g.cs", @"// <auto-generated/>
using System;
using Microsoft.IdentityModel.Tokens;

public partial class Login
{
    private SecurityTokenDescriptor _d = new SecurityTokenDescriptor { {|JWT004:Expires = DateTime.UtcNow.AddDays(5)|} };
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConfiguredMaximum_ReportsAboveIt()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, SecurityTokenDescriptor b)
    {
        {|#0:a.Expires = DateTime.UtcNow.AddHours(2)|};
        b.Expires = DateTime.UtcNow.AddMinutes(45);
    }
}",
                FixedCode = Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, SecurityTokenDescriptor b)
    {
        a.Expires = DateTime.UtcNow.AddHours(1);
        b.Expires = DateTime.UtcNow.AddMinutes(45);
    }
}",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\njwt_analyzers.max_token_lifetime = 01:00:00\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("JWT004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("2 hours", "1 hour"));
            await test.RunAsync();
        }

        [Fact]
        public async Task RuleSpecificMaximumInUnits_Reports()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
class C
{
    void M(SecurityTokenDescriptor a)
    {
        {|#0:a.Expires = DateTime.UtcNow.AddDays(30)|};
        a.Expires = DateTime.UtcNow.AddDays(7);
    }
}",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\njwt_analyzers.JWT004.max_token_lifetime = 7d\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("JWT004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("30 days", "7 days"));
            await test.RunAsync();
        }

        [Fact]
        public async Task InvalidConfiguredMaximum_FallsBackToDefault()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
class C
{
    void M(SecurityTokenDescriptor a)
    {
        a.Expires = DateTime.UtcNow.AddHours(2);
        {|JWT004:a.Expires = DateTime.UtcNow.AddDays(2)|};
    }
}",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\njwt_analyzers.max_token_lifetime = soon\n"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LifetimeWithinMaximum_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, IEnumerable<Claim> claims)
    {
        a.Expires = DateTime.UtcNow.AddHours(24);
        a.Expires = DateTime.UtcNow.AddMinutes(15);
        a.Expires = DateTime.UtcNow.AddDays(1);
        a.Expires = DateTime.UtcNow + TimeSpan.FromHours(1);
        _ = new JwtSecurityToken(claims: claims, expires: DateTime.UtcNow.AddMinutes(30));
        _ = new JwtSecurityToken(claims: claims);
    }
}");
        }

        [Fact]
        public async Task LifetimeFromConfigurationOrParameters_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.Extensions.Configuration;

class JwtOptions { public int ExpiryDays { get; set; } public TimeSpan Lifetime { get; set; } }

class C
{
    private readonly JwtOptions _options = new JwtOptions();

    void M(SecurityTokenDescriptor a, IConfiguration configuration, int days, DateTime expires, DateTime issuedAt)
    {
        a.Expires = DateTime.UtcNow.AddDays(_options.ExpiryDays);
        a.Expires = DateTime.UtcNow.Add(_options.Lifetime);
        a.Expires = DateTime.UtcNow.AddMinutes(configuration.GetValue<double>(""Jwt:ExpiryMinutes""));
        a.Expires = DateTime.UtcNow.AddDays(days);
        a.Expires = expires;
        a.Expires = issuedAt.AddDays(30);
        a.Expires = DateTime.UtcNow.AddDays(double.Parse(configuration[""Jwt:Days""]!));
    }
}");
        }

        [Fact]
        public async Task OtherDates_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.AspNetCore.Http;

class RefreshToken { public DateTime Expires { get; set; } }

class C
{
    void M(HttpResponse response, SecurityTokenDescriptor descriptor)
    {
        response.Cookies.Append(""refresh"", ""x"", new CookieOptions { Expires = DateTime.UtcNow.AddDays(30), HttpOnly = true });
        var refresh = new RefreshToken { Expires = DateTime.UtcNow.AddDays(30) };
        descriptor.NotBefore = DateTime.UtcNow.AddDays(30);
        descriptor.IssuedAt = DateTime.UtcNow.AddDays(30);
        var dictionary = new Dictionary<string, object> { { ""expires"", DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds() } };
    }
}");
        }

        [Fact]
        public async Task DevelopmentOnlyLifetimes_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(Usings + @"
using Microsoft.Extensions.Hosting;

class C
{
    void M(SecurityTokenDescriptor a, IHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            a.Expires = DateTime.UtcNow.AddDays(30);
        }

        a.Expires = env.IsDevelopment() ? DateTime.UtcNow.AddDays(30) : DateTime.UtcNow.AddHours(1);
#if DEBUG
        a.Expires = DateTime.UtcNow.AddDays(365);
#endif
    }
}");
        }

        [Fact]
        public async Task LocalAssignedTwice_DoesNotReport()
        {
            // Known gap: a local assigned on several paths is not followed (it is not provably one value).
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, bool remember)
    {
        DateTime expires = DateTime.UtcNow.AddHours(1);
        if (remember) expires = DateTime.UtcNow.AddDays(30);
        a.Expires = expires;
    }
}");
        }

        [Fact]
        public async Task AbsoluteOrTodayBasedDates_DoNotReport()
        {
            // Known gap: DateTime.Today and absolute dates are not "now"; only offsets from now are judged.
            await Verify.VerifyAnalyzerAsync(Usings + @"
class C
{
    void M(SecurityTokenDescriptor a)
    {
        a.Expires = DateTime.Today.AddDays(30);
        a.Expires = new DateTime(2100, 1, 1);
        a.Expires = DateTime.MaxValue;
    }
}");
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
class C
{
    void M(SecurityTokenDescriptor a, UnknownType u)
    {
        a.Expires = DateTime.UtcNow.AddDays();
        a.Expires = DateTime.UtcNow.AddDays(u.Days);
        a.Expires = Missing.UtcNow.AddDays(30);
        a.Expires = DateTime.UtcNow.AddDays(30
        _ = new JwtSecurityToken(expires: );
        _ = new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(""x""));
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
