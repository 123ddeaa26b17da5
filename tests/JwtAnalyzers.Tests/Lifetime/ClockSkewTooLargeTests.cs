using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.ClockSkewTooLargeAnalyzer,
    JwtAnalyzers.CodeFixes.Lifetime.RemoveClockSkewCodeFixProvider>;

namespace JwtAnalyzers.Tests.Lifetime
{
    public class ClockSkewTooLargeTests
    {
        [Fact]
        public async Task ClockSkewInInitializer_Reports_AndFixRemovesIt()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        {|#0:ClockSkew = TimeSpan.FromMinutes(30)|},
        ValidateAudience = true,
    };
}", @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters
    {
        ValidateIssuer = true,
        ValidateAudience = true,
    };
}", Verify.Diagnostic("JWT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("30 minutes", "5 minutes"));
        }

        [Fact]
        public async Task ClockSkewLastInSingleLineInitializer_FixRemovesItAndItsComma()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidateIssuer = true, {|JWT005:ClockSkew = TimeSpan.FromHours(1)|} };

    TokenValidationParameters Q = new TokenValidationParameters
    {
        ValidateIssuer = true,
        {|JWT005:ClockSkew = TimeSpan.FromHours(1)|}
    };
}", @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { ValidateIssuer = true };

    TokenValidationParameters Q = new TokenValidationParameters
    {
        ValidateIssuer = true
    };
}");
        }

        [Fact]
        public async Task ClockSkewMaxValue_Reports_AndFixRemovesStatement()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ValidateIssuer = true;
            {|#0:options.TokenValidationParameters.ClockSkew = TimeSpan.MaxValue|};
        });
    }
}", @"
using System;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ValidateIssuer = true;
        });
    }
}", Verify.Diagnostic("JWT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("TimeSpan.MaxValue", "5 minutes"));
        }

        [Fact]
        public async Task ClockSkewShapes_Report_AndFixAllRemovesEach()
        {
            await Verify.VerifyCodeFixAsync(@"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    private const int SkewMinutes = 10;
    private static readonly TimeSpan Skew = TimeSpan.FromHours(1);

    void M(TokenValidationParameters a, TokenValidationParameters b, TokenValidationParameters c, TokenValidationParameters d, TokenValidationParameters e)
    {
        var local = new TimeSpan(0, 15, 0);
        {|JWT005:a.ClockSkew = TimeSpan.FromMinutes(SkewMinutes)|};
        {|JWT005:b.ClockSkew = Skew|};
        {|JWT005:c.ClockSkew = local|};
        {|JWT005:d.ClockSkew = TimeSpan.FromSeconds(600)|};
        {|JWT005:e.ClockSkew = TimeSpan.FromDays(1)|};
    }
}", @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    private const int SkewMinutes = 10;
    private static readonly TimeSpan Skew = TimeSpan.FromHours(1);

    void M(TokenValidationParameters a, TokenValidationParameters b, TokenValidationParameters c, TokenValidationParameters d, TokenValidationParameters e)
    {
        var local = new TimeSpan(0, 15, 0);
    }
}");
        }

        [Fact]
        public async Task ClockSkewConditionalJudgedByLongestBranch_Reports()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create(bool lenient, TimeSpan? configured) => new TokenValidationParameters
    {
        {|JWT005:ClockSkew = lenient ? TimeSpan.FromMinutes(20) : TimeSpan.Zero|},
    };

    void M(TokenValidationParameters p, TimeSpan? configured)
    {
        {|JWT005:p.ClockSkew = configured ?? TimeSpan.FromHours(2)|};
    }
}");
        }

        [Fact]
        public async Task ClockSkewInRazorGeneratedCode_Reports()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Pages_Login_razor.g.cs", @"// <auto-generated/>
using System;
using Microsoft.IdentityModel.Tokens;

public partial class Login
{
    private TokenValidationParameters _p = new TokenValidationParameters { {|JWT005:ClockSkew = TimeSpan.FromMinutes(60)|} };
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ConfiguredMaximum_ReportsAboveIt()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p)
    {
        {|#0:p.ClockSkew = TimeSpan.FromMinutes(3)|};
        p.ClockSkew = TimeSpan.FromSeconds(30);
    }
}",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\njwt_analyzers.max_clock_skew = 00:01:00\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("JWT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("3 minutes", "1 minute"));
            await test.RunAsync();
        }

        [Fact]
        public async Task InvalidConfiguredMaximum_FallsBackToDefault()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p)
    {
        p.ClockSkew = TimeSpan.FromMinutes(3);
        {|JWT005:p.ClockSkew = TimeSpan.FromMinutes(6)|};
    }
}",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\njwt_analyzers.max_clock_skew = -5\n"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ClockSkewWithinDefault_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters Create() => new TokenValidationParameters { ClockSkew = TimeSpan.Zero };

    void M(TokenValidationParameters p)
    {
        p.ClockSkew = TimeSpan.FromMinutes(5);
        p.ClockSkew = TimeSpan.FromSeconds(30);
        p.ClockSkew = new TimeSpan(0, 1, 0);
        p.ClockSkew = default;
        p.ClockSkew = TimeSpan.FromMinutes(1) + TimeSpan.FromMinutes(2);
    }
}");
        }

        [Fact]
        public async Task ClockSkewFromConfigurationParameterOrEnvironment_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, IConfiguration configuration, IHostEnvironment env, TimeSpan skew, int minutes)
    {
        p.ClockSkew = configuration.GetValue<TimeSpan>(""Jwt:ClockSkew"");
        p.ClockSkew = TimeSpan.FromMinutes(configuration.GetValue<int>(""Jwt:ClockSkewMinutes""));
        p.ClockSkew = skew;
        p.ClockSkew = TimeSpan.FromMinutes(minutes);
        p.ClockSkew = env.IsDevelopment() ? TimeSpan.FromHours(1) : TimeSpan.Zero;
        if (env.IsDevelopment())
        {
            p.ClockSkew = TimeSpan.MaxValue;
        }
#if DEBUG
        p.ClockSkew = TimeSpan.FromHours(1);
#endif
    }
}");
        }

        [Fact]
        public async Task OtherClockSkewProperties_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using System;

class Options { public TimeSpan ClockSkew { get; set; } }

class C
{
    void M(Options o) => o.ClockSkew = TimeSpan.FromHours(1);
}");
        }

        [Fact]
        public async Task ClockSkewInExpressionBodiedLambda_Reports_WithoutFix()
        {
            // The assignment is the lambda's body: removing it would leave invalid code, so no fix is offered.
            const string source = @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    Action<TokenValidationParameters> Configure = p => {|JWT005:p.ClockSkew = TimeSpan.FromMinutes(10)|};
}";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            await test.RunAsync();
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    void M(TokenValidationParameters p, Unknown u)
    {
        p.ClockSkew = TimeSpan.FromMinutes();
        p.ClockSkew = TimeSpan.FromMinutes(u.Minutes);
        p.ClockSkew = Missing.FromHours(1);
        p.ClockSkew = ;
        p.ClockSkew = TimeSpan.Parse(""not a span"");
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
