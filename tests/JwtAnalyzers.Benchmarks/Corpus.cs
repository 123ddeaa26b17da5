using System.Collections.Generic;
using System.Text;

namespace JwtAnalyzers.Benchmarks
{
    /// <summary>
    /// A generated ASP.NET Core + JWT code base: token services, bearer setups, controllers, Blazor-style
    /// interop, refresh-token stores, mixed with plain business code (DTOs, LINQ, validation) that touches no
    /// JWT API. Violations are sprinkled in at a realistic rate; most code is safe.
    /// </summary>
    internal static class Corpus
    {
        public static List<(string Path, string Text)> Generate(int files)
        {
            var result = new List<(string, string)>(files);
            for (var i = 0; i < files; i++)
            {
                var text = (i % 10) switch
                {
                    0 => BearerSetup(i),
                    1 => TokenService(i),
                    2 => DescriptorService(i),
                    3 => Controller(i),
                    4 => Interop(i),
                    _ => Business(i),
                };
                result.Add(($"File{i:D4}.cs", text));
            }

            return result;
        }

        private static string Header(bool jwt) => jwt
            ? "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Text;\nusing System.Threading.Tasks;\nusing System.Security.Claims;\nusing System.IdentityModel.Tokens.Jwt;\nusing Microsoft.IdentityModel.Tokens;\nusing Microsoft.IdentityModel.JsonWebTokens;\nusing Microsoft.AspNetCore.Authentication.JwtBearer;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.Configuration;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nusing Microsoft.JSInterop;\n"
            : "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Text;\nusing System.Threading.Tasks;\n";

        private static string BearerSetup(int i)
        {
            var bad = i % 30 == 0;
            var sb = new StringBuilder(Header(true));
            sb.Append($@"
namespace Corpus.Setup{i}
{{
    public static class AuthSetup{i}
    {{
        public static void Configure(IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
        {{
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
            {{
                options.Authority = configuration[""Auth:Authority""];
                options.Audience = configuration[""Auth:Audience""];
                options.RequireHttpsMetadata = !env.IsDevelopment();
                options.TokenValidationParameters = new TokenValidationParameters
                {{
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = {(bad ? "false" : "true")},
                    RequireExpirationTime = true,
                    ValidateIssuerSigningKey = true,
                    ValidIssuer = configuration[""Jwt:Issuer""],
                    ValidAudience = configuration[""Jwt:Audience""],
                    ClockSkew = TimeSpan.FromMinutes(1),
                }};
                options.Events = new JwtBearerEvents
                {{
                    OnAuthenticationFailed = context =>
                    {{
                        context.Response.Headers.Append(""X-Auth-Failed"", ""true"");
                        return Task.CompletedTask;
                    }},
                }};
            }});
        }}
");
            AppendHelpers(sb, i, 14);
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string TokenService(int i)
        {
            var bad = i % 20 == 1;
            var sb = new StringBuilder(Header(true));
            sb.Append($@"
namespace Corpus.Tokens{i}
{{
    public sealed class TokenService{i}
    {{
        private readonly IConfiguration _configuration;
        public TokenService{i}(IConfiguration configuration) {{ _configuration = configuration; }}

        public string CreateToken(string userId, string email, IEnumerable<string> roles)
        {{
            var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes({(bad ? "\"a-very-secret-development-signing-key-0123456789\"" : "_configuration[\"Jwt:Key\"]!")}));
            var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
            var claims = new List<Claim>
            {{
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(JwtRegisteredClaimNames.Email, email),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
            }};
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            var token = new JwtSecurityToken(
                issuer: _configuration[""Jwt:Issuer""],
                audience: _configuration[""Jwt:Audience""],
                claims: claims,
                expires: DateTime.UtcNow.AddMinutes(15),
                signingCredentials: credentials);
            return new JwtSecurityTokenHandler().WriteToken(token);
        }}

        public ClaimsPrincipal? GetPrincipalFromExpiredToken(string token)
        {{
            var parameters = new TokenValidationParameters
            {{
                ValidateAudience = false,
                ValidateIssuer = false,
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration[""Jwt:Key""]!)),
                ValidateLifetime = false,
            }};
            var principal = new JwtSecurityTokenHandler().ValidateToken(token, parameters, out var securityToken);
            return securityToken is JwtSecurityToken jwt && jwt.Header.Alg == SecurityAlgorithms.HmacSha256 ? principal : null;
        }}
");
            AppendHelpers(sb, i, 10);
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string DescriptorService(int i)
        {
            var sb = new StringBuilder(Header(true));
            sb.Append($@"
namespace Corpus.Descriptors{i}
{{
    public sealed class JsonTokenIssuer{i}
    {{
        private readonly SigningCredentials _credentials;
        public JsonTokenIssuer{i}(SigningCredentials credentials) {{ _credentials = credentials; }}

        public string Issue(string subject, IDictionary<string, object> extra)
        {{
            var descriptor = new SecurityTokenDescriptor
            {{
                Subject = new ClaimsIdentity(new[] {{ new Claim(""sub"", subject), new Claim(""scope"", ""api.read"") }}),
                Expires = DateTime.UtcNow.AddMinutes(30),
                SigningCredentials = _credentials,
                Claims = extra,
            }};
            return new JsonWebTokenHandler().CreateToken(descriptor);
        }}

        public async Task<bool> IsValidAsync(string token, TokenValidationParameters parameters)
        {{
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
            return result.IsValid;
        }}
");
            AppendHelpers(sb, i, 12);
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string Controller(int i)
        {
            var sb = new StringBuilder(Header(true));
            sb.Append($@"
namespace Corpus.Controllers{i}
{{
    [ApiController]
    [Route(""api/[controller]"")]
    public sealed class AccountController{i} : ControllerBase
    {{
        [HttpPost(""login"")]
        public IActionResult Login(string user, string token)
        {{
            if (string.IsNullOrEmpty(user)) return BadRequest();
            Response.Cookies.Append(""access_token"", token, new CookieOptions {{ HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict }});
            Response.Cookies.Append(""theme"", ""dark"");
            return Ok(new {{ user, at = DateTime.UtcNow }});
        }}

        [HttpGet(""profile/{{id}}"")]
        public IActionResult Profile(int id)
        {{
            var claims = User.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value).ToList();
            return claims.Contains(""admin"") ? Ok(id) : Forbid();
        }}
");
            AppendHelpers(sb, i, 12);
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string Interop(int i)
        {
            var bad = i % 40 == 4;
            var sb = new StringBuilder(Header(true));
            sb.Append($@"
namespace Corpus.Client{i}
{{
    public sealed class Preferences{i}
    {{
        private readonly IJSRuntime _js;
        public Preferences{i}(IJSRuntime js) {{ _js = js; }}

        public async Task SaveAsync(string theme, string accessToken)
        {{
            await _js.InvokeVoidAsync(""localStorage.setItem"", ""theme"", theme);
            {(bad ? "await _js.InvokeVoidAsync(\"localStorage.setItem\", \"access_token\", accessToken);" : "await _js.InvokeVoidAsync(\"console.log\", \"saved\");")}
        }}
");
            AppendHelpers(sb, i, 14);
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string Business(int i)
        {
            var sb = new StringBuilder(Header(false));
            sb.Append($@"
namespace Corpus.Business{i}
{{
    public sealed record Order{i}(int Id, string Customer, decimal Total, DateTime PlacedAt);

    public sealed class OrderService{i}
    {{
        private readonly List<Order{i}> _orders = new();

        public void Add(Order{i} order)
        {{
            if (order.Total < 0) throw new ArgumentOutOfRangeException(nameof(order));
            _orders.Add(order);
        }}

        public IReadOnlyList<Order{i}> Recent(int days) =>
            _orders.Where(o => o.PlacedAt > DateTime.UtcNow.AddDays(-days)).OrderByDescending(o => o.PlacedAt).ToList();
");
            AppendHelpers(sb, i, 16);
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        // Plain code that every analyzer callback still sees: assignments, invocations, object creations.
        private static void AppendHelpers(StringBuilder sb, int i, int count)
        {
            for (var m = 0; m < count; m++)
            {
                sb.Append($@"
        public static string Helper{m}(IEnumerable<int> values, string prefix)
        {{
            var total = 0;
            foreach (var v in values) {{ total += v * {m + 1}; }}
            var builder = new StringBuilder(prefix);
            builder.Append(total).Append('-').Append({i});
            return total > {m * 10} ? builder.ToString() : string.Empty;
        }}
");
            }
        }
    }
}
