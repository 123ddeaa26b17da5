using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>
    /// Code that only looks like JWT code — the same words in other APIs — must not be reported by any rule.
    /// These are the confusables a name-matching analyzer would trip over.
    /// </summary>
    public class UnrelatedCodeTests
    {
        private const string Confusables = @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.JSInterop;

namespace Shop
{
    public sealed class CacheOptions { public bool ValidateLifetime { get; set; } public TimeSpan ClockSkew { get; set; } public bool ShowPII { get; set; } }
    public sealed class Claim { public Claim(string type, string value) { Type = type; Value = value; } public string Type { get; } public string Value { get; } }
    public sealed class User { public int Id { get; set; } public string Email { get; set; } = """"; public string PasswordHash { get; set; } = """"; public bool PasswordExpired { get; set; } }

    public sealed class CheckoutService
    {
        private static readonly Random Jitter = new Random();
        private readonly IMemoryCache _cache;
        private readonly IJSRuntime _js;
        public CheckoutService(IMemoryCache cache, IJSRuntime js) { _cache = cache; _js = js; }

        public async Task<string> RunAsync(CancellationToken cancellationToken, HttpResponse response, User user)
        {
            var options = new CacheOptions { ValidateLifetime = false, ClockSkew = TimeSpan.FromDays(3), ShowPII = true };
            var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(30) };
            _cache.Set(""cart"", ""items"", entry);
            var orderId = Guid.NewGuid().ToString();
            var delay = TimeSpan.FromMilliseconds(Jitter.Next(100, 500));
            await Task.Delay(delay, cancellationToken);
            var claim = new Claim(""password"", user.PasswordHash); // our own Claim type, never serialized into a token
            var form = new Dictionary<string, string> { [""password""] = ""hunter2"", [""username""] = user.Email };
            response.Cookies.Append(""theme"", ""dark"");
            response.Cookies.Append(""cart"", orderId, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(365) });
            await _js.InvokeVoidAsync(""localStorage.setItem"", ""theme"", ""dark"");
            await _js.InvokeVoidAsync(""localStorage.setItem"", ""cartCount"", 3);
            var key = Encoding.UTF8.GetBytes(""not-a-signing-key-just-a-cache-key"");
            using var sha = SHA256.Create();
            var digest = Convert.ToBase64String(sha.ComputeHash(key));
            var hmac = new HMACSHA256(RandomNumberGenerator.GetBytes(64));
            var token = cancellationToken.IsCancellationRequested ? ""cancelled"" : digest;
            return string.Join("","", orderId, token, claim.Value.Length, form.Count, options.ValidateLifetime, entry.AbsoluteExpirationRelativeToNow, hmac.HashSize);
        }
    }
}";

        [Fact]
        public async Task Confusables_AreNotReportedByAnyRule()
        {
            var compilation = CSharpCompilation.Create("Shop",
                new[] { CSharpSyntaxTree.ParseText(Confusables, new CSharpParseOptions(LanguageVersion.CSharp12)) },
                References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var diagnostics = await compilation.WithAnalyzers(Catalogue.Shipped)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.Empty(diagnostics.Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}"));
        }
    }
}
