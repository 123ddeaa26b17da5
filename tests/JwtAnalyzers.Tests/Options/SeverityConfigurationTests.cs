using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = JwtAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<JwtAnalyzers.Lifetime.DisabledLifetimeValidationAnalyzer>;

namespace JwtAnalyzers.Tests.Options
{
    /// <summary>
    /// Users set severities the standard way. (Raising a severity through .editorconfig is checked on a real build
    /// by .ci/run, which builds a copy of the sample with dotnet_analyzer_diagnostic.category-Security.severity = error:
    /// the testing library reports analyzer diagnostics at their descriptor severity.)
    /// </summary>
    public class SeverityConfigurationTests
    {
        private const string Source = @"
using Microsoft.IdentityModel.Tokens;

class C
{
    TokenValidationParameters P = new TokenValidationParameters { {|#0:ValidateLifetime = false|} };
}";

        [Fact]
        public async Task RuleSwitchedOffInEditorConfig_IsNotReported()
        {
            await Verify.VerifyAnalyzerWithOptionsAsync(Source.Replace("{|#0:", "").Replace("|}", ""), "dotnet_diagnostic.JWT001.severity = none");
        }
    }
}
