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
    /// Runs JWT031, JWT050, JWT012 and JWT013 together over one source (and optional JSON files), the way a
    /// user's build does: a case asserts the complete set of these rules' diagnostics, so a false positive of any
    /// of them fails it.
    /// </summary>
    internal static class CookiesSecretsVerifier
    {
        public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
            => VerifyWithFilesAsync(source, null, expected);

        /// <summary>A Program.cs with top-level statements (minimal hosting).</summary>
        public static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A configuration file (path, JSON with markup) next to a trivial program.</summary>
        public static Task VerifyJsonAsync(string path, string json, params DiagnosticResult[] expected)
            => VerifyWithFilesAsync("class Program { }", new[] { (path, json) }, expected);

        public static Task VerifyWithFilesAsync(string source, (string Path, string Text)[]? files, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            if (files is not null)
            {
                foreach (var file in files)
                {
                    test.TestState.AdditionalFiles.Add((file.Path, file.Text));
                }
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Several files of one project, each with its own markup.</summary>
        public static Task VerifySourcesAsync(params string[] sources)
        {
            var test = new Test();
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/File{i}.cs", sources[i]));
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>For truncated or mangled code: compiler errors are not checked, only that no rule throws or reports.</summary>
        public static Task VerifyBrokenAsync(string source, params (string Path, string Text)[] files)
        {
            var test = new Test { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
            foreach (var file in files)
            {
                test.TestState.AdditionalFiles.Add((file.Path, file.Text));
            }

            return test.RunAsync(CancellationToken.None);
        }

        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new JwtAnalyzers.Storage.InsecureTokenCookieAnalyzer(),
                new JwtAnalyzers.Refresh.PredictableRefreshTokenAnalyzer(),
                new JwtAnalyzers.Keys.SigningSecretInConfigurationAnalyzer(),
                new JwtAnalyzers.Keys.EmbeddedPrivateKeyAnalyzer());

        private sealed class Test : MultiAnalyzerTest
        {
            public Test()
                : base(Analyzers)
            {
            }
        }
    }
}
