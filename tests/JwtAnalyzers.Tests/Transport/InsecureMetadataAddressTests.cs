using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    JwtAnalyzers.Transport.InsecureMetadataAddressAnalyzer,
    JwtAnalyzers.CodeFixes.Transport.RequireHttpsMetadataCodeFixProvider>;

namespace JwtAnalyzers.Tests.Transport
{
    public class InsecureMetadataAddressTests
    {
        [Fact]
        public async Task RequireHttpsMetadataFalseWithAuthorityFromConfiguration_Reports_AndFixUsesEnvironmentParameter()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = configuration[""Auth:Authority""];
            options.Audience = ""api"";
            {|JWT043:options.RequireHttpsMetadata = false|}; // keep me
        });
    }
}", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

static class Setup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = configuration[""Auth:Authority""];
            options.Audience = ""api"";
            options.RequireHttpsMetadata = !environment.IsDevelopment(); // keep me
        });
    }
}");
        }

        [Fact]
        public async Task RequireHttpsMetadataFalseWithoutEnvironment_Reports_AndFixSetsTrue()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    private const bool RequireHttps = false;

    public static void Configure(IServiceCollection services, string authority)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|JWT043:options.RequireHttpsMetadata = RequireHttps|};
            options.MetadataAddress = authority + ""/.well-known/openid-configuration"";
        });
    }
}", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    private const bool RequireHttps = false;

    public static void Configure(IServiceCollection services, string authority)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.RequireHttpsMetadata = true;
            options.MetadataAddress = authority + ""/.well-known/openid-configuration"";
        });
    }
}");
        }

        [Fact]
        public async Task OpenIdConnectRequireHttpsMetadataFalse_Reports_AndFixUsesBuilderEnvironment()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

static class Program
{
    static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddOpenIdConnect(o =>
        {
            o.Authority = builder.Configuration[""Oidc:Authority""];
            o.ClientId = ""web"";
            {|JWT043:o.RequireHttpsMetadata = false|};
        });
    }
}", @"
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

static class Program
{
    static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddOpenIdConnect(o =>
        {
            o.Authority = builder.Configuration[""Oidc:Authority""];
            o.ClientId = ""web"";
            o.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
        });
    }
}");
        }

        [Fact]
        public async Task RequireHttpsMetadataFalseInObjectInitializer_Reports_AndFixUsesEnvironmentField()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;

class OptionsFactory
{
    private readonly IHostEnvironment _env;

    public OptionsFactory(IHostEnvironment env) => _env = env;

    public JwtBearerOptions Create(string authority) => new JwtBearerOptions
    {
        Authority = authority,
        {|JWT043:RequireHttpsMetadata = false|},
    };
}", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;

class OptionsFactory
{
    private readonly IHostEnvironment _env;

    public OptionsFactory(IHostEnvironment env) => _env = env;

    public JwtBearerOptions Create(string authority) => new JwtBearerOptions
    {
        Authority = authority,
        RequireHttpsMetadata = !_env.IsDevelopment(),
    };
}");
        }

        [Fact]
        public async Task TwoSchemesWithRequireHttpsMetadataFalse_FixAllFixesBoth()
        {
            await Verify.VerifyCodeFixAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services, string authority)
    {
        services.AddAuthentication()
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                {|JWT043:options.RequireHttpsMetadata = false|};
            })
            .AddJwtBearer(""Partner"", options =>
            {
                options.Authority = authority + ""/partner"";
                {|JWT043:options.RequireHttpsMetadata = false|};
            });
    }
}", @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services, string authority)
    {
        services.AddAuthentication()
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = true;
            })
            .AddJwtBearer(""Partner"", options =>
            {
                options.Authority = authority + ""/partner"";
                options.RequireHttpsMetadata = true;
            });
    }
}");
        }

        [Fact]
        public async Task ConfigureJwtBearerOptionsWithHttpAuthorityLiteral_ReportsBoth()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    private const string IdentityUrl = ""http://identity.internal:5000"";

    public static void Configure(IServiceCollection services)
    {
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Authority = {|JWT043:IdentityUrl|};
            {|JWT043:options.RequireHttpsMetadata = false|};
        });
    }
}");
        }

        [Fact]
        public async Task HttpMetadataAddressLiteral_Reports_WithoutFix()
        {
            var source = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.MetadataAddress = {|JWT043:""http://sso.example.com/.well-known/openid-configuration""|};
        });
    }
}";
            await Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public async Task HttpsAndLoopbackAddresses_DoNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication()
            .AddJwtBearer(""a"", o => o.Authority = ""https://login.example.com"")
            .AddJwtBearer(""b"", o => o.Authority = ""http://localhost:5001"")
            .AddJwtBearer(""c"", o => o.Authority = ""http://127.0.0.1:8080/realms/dev"")
            .AddJwtBearer(""d"", o => o.MetadataAddress = ""http://[::1]:5000/.well-known/openid-configuration"");
    }
}");
        }

        [Fact]
        public async Task RequireHttpsMetadataFalseWithOnlyLoopbackAuthority_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = ""http://localhost:8080/realms/demo"";
            options.RequireHttpsMetadata = false;
        });
    }
}");
        }

        [Fact]
        public async Task RequireHttpsMetadataFalseWithoutAuthority_DoesNotReport()
        {
            // A locally configured signing key: no metadata is ever fetched, the flag is inert.
            await Verify.VerifyAnalyzerAsync(@"
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

static class Setup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.RequireHttpsMetadata = false;
            options.SaveToken = true;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[""Jwt:Key""]!)),
            };
        });
    }
}");
        }

        [Fact]
        public async Task RequireHttpsMetadataFromEnvironmentOrConfiguration_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

static class Setup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env, bool requireHttps)
    {
        services.AddAuthentication()
            .AddJwtBearer(""a"", options =>
            {
                options.Authority = configuration[""Auth:Authority""];
                options.RequireHttpsMetadata = !env.IsDevelopment();
            })
            .AddJwtBearer(""b"", options =>
            {
                options.Authority = configuration[""Auth:Authority""];
                options.RequireHttpsMetadata = configuration.GetValue<bool>(""Auth:RequireHttpsMetadata"");
            })
            .AddJwtBearer(""c"", options =>
            {
                options.Authority = configuration[""Auth:Authority""];
                options.RequireHttpsMetadata = requireHttps;
            })
            .AddJwtBearer(""d"", options =>
            {
                options.Authority = configuration[""Auth:Authority""];
                if (env.IsDevelopment())
                {
                    options.RequireHttpsMetadata = false;
                    options.MetadataAddress = ""http://identity:8080/.well-known/openid-configuration"";
                }
            });
    }
}");
        }

        [Fact]
        public async Task RequireHttpsMetadataSetBackLater_DoesNotReport()
        {
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services, string authority)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = authority;
            options.RequireHttpsMetadata = false;
            options.RequireHttpsMetadata = true;
        });
    }
}");
        }

        [Fact]
        public async Task AuthorityOnAnotherObject_DoesNotReport()
        {
            // The flag and the authority belong to different options objects: not the same configuration.
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;

static class Setup
{
    public static void Configure(JwtBearerOptions first, JwtBearerOptions second, string authority)
    {
        first.RequireHttpsMetadata = false;
        second.Authority = authority;
    }
}");
        }

        [Fact]
        public async Task InterpolatedHttpAuthority_DoesNotReport()
        {
            // Known gap: the host comes from configuration and may be loopback; not provable.
            await Verify.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = $""http://{configuration[""IdentityHost""]}"";
        });
    }
}");
        }

        [Fact]
        public async Task BrokenCode_DoesNotReportOrThrow()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

static class Setup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.RequireHttpsMetadata = ;
            options.Authority = Unknown.Value;
            options.MetadataAddress = ""http://"";
            new JwtBearerOptions { RequireHttpsMetadata = false, Authority = };
            undefined.RequireHttpsMetadata = false;
        }
    }
}",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            await test.RunAsync();
        }
    }
}
