using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Logging.SecurityArtifactsLoggedAnalyzer,
    JwtAnalyzers.CodeFixes.Logging.GuardSecurityLoggingCodeFixProvider>;

namespace JwtAnalyzers.Tests.Logging
{
    public class SecurityArtifactsLoggedTests
    {
        [Fact]
        public async Task ShowPiiWithEnvironmentParameter_Reports_AndFixWrapsInIsDevelopment()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class Startup
{
    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        // diagnose token validation
        {|#0:IdentityModelEventSource.ShowPII = true|};
        app.UseAuthentication();
    }
}", @"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class Startup
{
    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        // diagnose token validation
        if (env.IsDevelopment())
        {
            IdentityModelEventSource.ShowPII = true;
        }
        app.UseAuthentication();
    }
}", Verify.Diagnostic("JWT051").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("IdentityModelEventSource.ShowPII"));
        }

        [Fact]
        public async Task TopLevelProgramWithBuilder_Reports_AndFixUsesBuilderEnvironment()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Logging;

var builder = WebApplication.CreateBuilder(args);
{|JWT051:IdentityModelEventSource.LogCompleteSecurityArtifact = true|};
var app = builder.Build();
app.Run();
",
                FixedCode = @"
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Logging;
using Microsoft.Extensions.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsDevelopment())
{
    IdentityModelEventSource.LogCompleteSecurityArtifact = true;
}
var app = builder.Build();
app.Run();
",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task EnvironmentField_IsUsedByTheFix()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class Startup
{
    private readonly IHostEnvironment _environment;

    public Startup(IHostEnvironment environment) => _environment = environment;

    public void ConfigureServices()
    {
        {|JWT051:IdentityModelEventSource.ShowPII = true|};
    }
}", @"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class Startup
{
    private readonly IHostEnvironment _environment;

    public Startup(IHostEnvironment environment) => _environment = environment;

    public void ConfigureServices()
    {
        if (_environment.IsDevelopment())
        {
            IdentityModelEventSource.ShowPII = true;
        }
    }
}");
        }

        [Fact]
        public async Task HostBuilderContext_IsUsedByTheFix()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

static class Host
{
    public static IHostBuilder Configure(IHostBuilder host) => host.ConfigureServices((context, services) =>
    {
        {|JWT051:IdentityModelEventSource.ShowPII = true|};
    });
}", @"
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

static class Host
{
    public static IHostBuilder Configure(IHostBuilder host) => host.ConfigureServices((context, services) =>
    {
        if (context.HostingEnvironment.IsDevelopment())
        {
            IdentityModelEventSource.ShowPII = true;
        }
    });
}");
        }

        [Fact]
        public async Task NoEnvironmentInScope_FixAllRemovesAssignments()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.IdentityModel.Logging;

static class Diagnostics
{
    private const bool Verbose = true;

    public static void Enable()
    {
        var show = true;
        {|JWT051:IdentityModelEventSource.ShowPII = show|};
        {|JWT051:IdentityModelEventSource.LogCompleteSecurityArtifact = Verbose|};
        System.Console.WriteLine(""enabled"");
    }
}", @"
using Microsoft.IdentityModel.Logging;

static class Diagnostics
{
    private const bool Verbose = true;

    public static void Enable()
    {
        var show = true;
        System.Console.WriteLine(""enabled"");
    }
}");
        }

        [Fact]
        public async Task InstanceFieldInStaticMethod_IsNotUsed()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class C
{
    private IHostEnvironment _env = null!;

    static void M()
    {
        {|JWT051:IdentityModelEventSource.ShowPII = true|};
    }
}", @"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class C
{
    private IHostEnvironment _env = null!;

    static void M()
    {
    }
}");
        }

        [Fact]
        public async Task ShowPiiInRazorGeneratedCode_Reports()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Pages_Debug_razor.g.cs", @"// <auto-generated/>
using Microsoft.IdentityModel.Logging;

public partial class Debug
{
    protected void OnInitialized()
    {
        {|JWT051:IdentityModelEventSource.ShowPII = true|};
    }
}"));
            await test.RunAsync();
        }

        [Fact]
        public async Task GuardedOrEnvironmentDependent_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class C
{
    void M(WebApplication app, IHostEnvironment env, IConfiguration configuration, bool show)
    {
        if (app.Environment.IsDevelopment())
        {
            IdentityModelEventSource.ShowPII = true;
            IdentityModelEventSource.LogCompleteSecurityArtifact = true;
        }

        if (!env.IsDevelopment()) { } else { IdentityModelEventSource.ShowPII = true; }
        IdentityModelEventSource.ShowPII = env.IsDevelopment();
        IdentityModelEventSource.ShowPII = configuration.GetValue<bool>(""Logging:ShowPII"");
        IdentityModelEventSource.ShowPII = show;
        IdentityModelEventSource.ShowPII = false;
        IdentityModelEventSource.LogCompleteSecurityArtifact = false;
#if DEBUG
        IdentityModelEventSource.ShowPII = true;
#endif
    }
}");
        }

        [Fact]
        public async Task OtherShowPiiProperties_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
class Settings { public static bool ShowPII { get; set; } }

class C
{
    void M() => Settings.ShowPII = true;
}");
        }

        [Fact]
        public async Task EarlyReturnOutsideDevelopment_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class C
{
    void M(IHostEnvironment env)
    {
        if (!env.IsDevelopment()) return;
        IdentityModelEventSource.ShowPII = true;
    }

    void N(IHostEnvironment env)
    {
        if (!env.IsDevelopment())
        {
            throw new System.InvalidOperationException();
        }

        {
            IdentityModelEventSource.LogCompleteSecurityArtifact = true;
        }
    }
}");
        }

        [Fact]
        public async Task EarlyReturnOnlyInProduction_Reports()
        {
            // Only "!x.IsDevelopment()" counts as an early-exit guard: after an IsProduction() exit, staging still logs.
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Logging;

class C
{
    void M(IHostEnvironment env)
    {
        if (env.IsProduction()) return;
        {|JWT051:IdentityModelEventSource.ShowPII = true|};
    }
}");
        }

        [Fact]
        public async Task EmbeddedStatement_Reports_WithoutFix()
        {
            const string source = @"
using Microsoft.IdentityModel.Logging;

class C
{
    void M(bool verbose)
    {
        if (verbose) {|JWT051:IdentityModelEventSource.ShowPII = true|};
    }
}";
            await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using Microsoft.IdentityModel.Logging;

class C
{
    void M(Unknown u)
    {
        IdentityModelEventSource.ShowPII = ;
        IdentityModelEventSource.ShowPII = u.Show;
        IdentityModelEventSource.Missing = true;
        Missing.ShowPII = true;
        IdentityModelEventSource.ShowPII = true
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("JWT051").WithSpan(12, 9, 12, 48).WithArguments("IdentityModelEventSource.ShowPII"));
            await test.RunAsync();
        }
    }
}
