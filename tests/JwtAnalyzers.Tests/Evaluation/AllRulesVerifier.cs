using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace JwtAnalyzers.Tests.Evaluation
{
    /// <summary>
    /// Runs every evaluated rule (JWT001, JWT002, JWT010, JWT011, JWT020, JWT030) over one source at once, the way
    /// a user's build does: a case asserts the complete set of diagnostics, so a false positive of any rule fails it.
    /// </summary>
    internal static class AllRulesVerifier
    {
        public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A Program.cs with top-level statements (minimal hosting).</summary>
        public static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>For truncated or mangled code: compiler errors are not checked, only that no rule throws or reports.</summary>
        public static Task VerifyBrokenAsync(string source)
        {
            var test = new Test { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
            return test.RunAsync(CancellationToken.None);
        }

        public static DiagnosticResult Diagnostic(string id, int location)
            => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations | DiagnosticOptions.IgnoreSeverity);

        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new JwtAnalyzers.Lifetime.DisabledLifetimeValidationAnalyzer(),
                new JwtAnalyzers.Lifetime.ExpirationNotRequiredAnalyzer(),
                new JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer(),
                new JwtAnalyzers.Keys.ShortHmacKeyAnalyzer(),
                new JwtAnalyzers.Claims.SensitiveClaimAnalyzer(),
                new JwtAnalyzers.Storage.TokenInBrowserStorageAnalyzer());

        private sealed class Test : MultiAnalyzerTest
        {
            public Test()
                : base(Analyzers)
            {
            }
        }
    }
}
