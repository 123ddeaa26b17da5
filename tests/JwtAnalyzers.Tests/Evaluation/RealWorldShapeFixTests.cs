using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using CapLifetime = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Lifetime.TokenLifetimeExceedsMaximumAnalyzer,
    JwtAnalyzers.CodeFixes.Lifetime.CapTokenLifetimeCodeFixProvider>;
using CheckResult = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Validation.IgnoredValidationResultAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.CheckValidationResultCodeFixProvider>;
using EnableIssuer = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Validation.DisabledIssuerValidationAnalyzer,
    JwtAnalyzers.CodeFixes.Validation.EnableValidationFlagCodeFixProvider>;
using GuardLogging = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Logging.SecurityArtifactsLoggedAnalyzer,
    JwtAnalyzers.CodeFixes.Logging.GuardSecurityLoggingCodeFixProvider>;
using RequireHttps = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Transport.InsecureMetadataAddressAnalyzer,
    JwtAnalyzers.CodeFixes.Transport.RequireHttpsMetadataCodeFixProvider>;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>Exact fixed code for shapes of the real-world corpus, Program.cs top-level statements included.</summary>
    public class RealWorldShapeFixTests
    {
        [Fact]
        public async Task ShowPIIInTypeAfterTopLevelStatements_FixRemovesIt_DoesNotUseTopLevelApp()
        {
            // Regression: the fix used to wrap in 'if (app.Environment.IsDevelopment())', but 'app' is a top-level
            // local and not usable inside a type declared after the statements (CS8801).
            var test = new GuardLogging.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Logging;

var app = WebApplication.CreateBuilder(args).Build();
Diagnostics.Enable();
app.Run();

static class Diagnostics
{
    public static void Enable()
    {
        {|JWT051:IdentityModelEventSource.ShowPII = true|};
        System.Console.WriteLine(""diagnostics on"");
    }
}
",
                FixedCode = @"
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Logging;

var app = WebApplication.CreateBuilder(args).Build();
Diagnostics.Enable();
app.Run();

static class Diagnostics
{
    public static void Enable()
    {
        System.Console.WriteLine(""diagnostics on"");
    }
}
",
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task ShowPIIInProgramTopLevel_FixWrapsInBuilderEnvironmentCheck()
        {
            var test = new GuardLogging.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Logging;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
{|JWT051:IdentityModelEventSource.ShowPII = true|};
var app = builder.Build();
app.Run();
",
                FixedCode = @"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Logging;
using Microsoft.Extensions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
if (builder.Environment.IsDevelopment())
{
    IdentityModelEventSource.ShowPII = true;
}
var app = builder.Build();
app.Run();
",
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task HttpsMetadataOffInTypeAfterTopLevelStatements_FixSetsTrue_DoesNotUseTopLevelBuilder()
        {
            var test = new RequireHttps.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication().AddJwtBearer(AuthOptions.Configure);
builder.Build().Run();

static class AuthOptions
{
    public static void Configure(JwtBearerOptions options)
    {
        options.Authority = ""https://sso.example.com/realms/main"";
        {|JWT043:options.RequireHttpsMetadata = false|};
    }
}
",
                FixedCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication().AddJwtBearer(AuthOptions.Configure);
builder.Build().Run();

static class AuthOptions
{
    public static void Configure(JwtBearerOptions options)
    {
        options.Authority = ""https://sso.example.com/realms/main"";
        options.RequireHttpsMetadata = true;
    }
}
",
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task HttpsMetadataOffInProgramTopLevelLambda_FixFollowsBuilderEnvironment()
        {
            var test = new RequireHttps.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration[""Jwt:Issuer""];
        options.Audience = builder.Configuration[""Jwt:Audience""];
        {|JWT043:options.RequireHttpsMetadata = false|};
    });
builder.Build().Run();
",
                FixedCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = builder.Configuration[""Jwt:Issuer""];
        options.Audience = builder.Configuration[""Jwt:Audience""];
        options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
    });
builder.Build().Run();
",
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task IssuerOffInProgramTopLevelTwice_FixAllSetsTrue()
        {
            var test = new EnableIssuer.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication()
    .AddJwtBearer(options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            {|JWT041:ValidateIssuer = false|}, // Disable issuer validation
            ValidateAudience = true,
        };
    })
    .AddJwtBearer(""Tenant"", options => {|JWT041:options.TokenValidationParameters.ValidateIssuer = false|});
builder.Build().Run();
",
                FixedCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication()
    .AddJwtBearer(options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true, // Disable issuer validation
            ValidateAudience = true,
        };
    })
    .AddJwtBearer(""Tenant"", options => options.TokenValidationParameters.ValidateIssuer = true);
builder.Build().Run();
",
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task DescriptorSevenDays_FixCapsAtOneDay()
        {
            await CapLifetime.VerifyCodeFixAsync(@"
using System;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

class AuthService
{
    SecurityTokenDescriptor Describe(ClaimsIdentity subject, SigningCredentials credentials) => new SecurityTokenDescriptor
    {
        Subject = subject,
        {|JWT004:Expires = DateTime.UtcNow.AddDays(7)|},
        SigningCredentials = credentials,
    };
}", @"
using System;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

class AuthService
{
    SecurityTokenDescriptor Describe(ClaimsIdentity subject, SigningCredentials credentials) => new SecurityTokenDescriptor
    {
        Subject = subject,
        Expires = DateTime.UtcNow.AddDays(1),
        SigningCredentials = credentials,
    };
}");
        }

        [Fact]
        public async Task ResultUsedBeforeCheck_FixInsertsIsValidCheck()
        {
            await CheckResult.VerifyCodeFixAsync(@"
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class MoreAsync
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters = new();

    public async Task<ClaimsPrincipal> UsedBeforeCheck(string token)
    {
        var result = await {|JWT045:_handler.ValidateTokenAsync(token, _parameters)|};
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}", @"
using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class MoreAsync
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters = new();

    public async Task<ClaimsPrincipal> UsedBeforeCheck(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            throw new UnauthorizedAccessException(""The token is not valid."", result.Exception);
        }
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}");
        }
    }
}
