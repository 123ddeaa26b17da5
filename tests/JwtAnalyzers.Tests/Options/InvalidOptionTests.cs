using System.Threading.Tasks;
using JwtAnalyzers.Options;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<JwtAnalyzers.Options.InvalidOptionAnalyzer>;

namespace JwtAnalyzers.Tests.Options
{
    public class InvalidOptionTests
    {
        private const string Source = "class C { }";

        [Fact]
        public async Task UnusableLifetime_ReportsOnceWithKeyValueAndDefault()
        {
            await Verify.VerifyAnalyzerWithOptionsAsync(Source, "jwt_analyzers.max_token_lifetime = banana",
                Verify.Diagnostic("JWT000").WithNoLocation().WithArguments("jwt_analyzers.max_token_lifetime", "banana", "a positive duration such as 01:00:00 or 90m", "24:00:00, 24 hours"));
        }

        [Fact]
        public async Task UnusableRuleSpecificSkew_Reports()
        {
            await Verify.VerifyAnalyzerWithOptionsAsync(Source, "jwt_analyzers.JWT005.max_clock_skew = -5m",
                Verify.Diagnostic("JWT000").WithNoLocation().WithArguments("jwt_analyzers.JWT005.max_clock_skew", "-5m", "a duration such as 00:05:00 or 2m", "00:05:00"));
        }

        [Fact]
        public async Task SameBadValueInManyFiles_ReportsOnce()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("/0/A.cs", "class A { }"));
            test.TestState.Sources.Add(("/0/B.cs", "class B { }"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\njwt_analyzers.max_token_lifetime = 1 week\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("JWT000").WithNoLocation().WithArguments("jwt_analyzers.max_token_lifetime", "1 week", "a positive duration such as 01:00:00 or 90m", "24:00:00, 24 hours"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("jwt_analyzers.max_token_lifetime = 01:00:00")]
        [InlineData("jwt_analyzers.max_token_lifetime = 90m")]
        [InlineData("jwt_analyzers.max_token_lifetime = 7d")]
        [InlineData("jwt_analyzers.max_clock_skew = 00:00:00")]
        [InlineData("jwt_analyzers.max_clock_skew = 0s")]
        [InlineData("jwt_analyzers.max_clock_skew = 2m")]
        [InlineData("jwt_analyzers.sensitive_claim_names = tax id, employee_number")]
        [InlineData("jwt_analyzers.unrelated = whatever")]
        public async Task UsableValues_DoNotReport(string option)
        {
            await Verify.VerifyAnalyzerWithOptionsAsync(Source, option);
        }

        [Theory]
        [InlineData("01:00:00", 60)]
        [InlineData("90m", 90)]
        [InlineData("2h", 120)]
        [InlineData("1d", 1440)]
        [InlineData("1.00:00:00", 1440)]
        [InlineData("24:00:00", 1440)]
        [InlineData("48:00", 2880)]
        public void TimeSpanForms_Parse(string raw, int minutes)
        {
            Assert.True(JwtAnalyzerOptions.TryParseTimeSpan(raw, out var value));
            Assert.Equal(minutes, value.TotalMinutes);
        }

        [Theory]
        [InlineData("banana")]
        [InlineData("-1h")]
        [InlineData("0m")]
        [InlineData("h")]
        [InlineData("1:75:00")]
        [InlineData("-1:00:00")]
        public void BadTimeSpanForms_DoNotParse(string raw)
        {
            Assert.False(JwtAnalyzerOptions.TryParseTimeSpan(raw, out _));
        }
    }
}
