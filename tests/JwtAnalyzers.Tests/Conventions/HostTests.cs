using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>
    /// The package's one exported analyzer (<see cref="JwtAnalyzer"/>) runs the rule analyzers together; it must
    /// report exactly what the rules report on their own, and must not run a rule the compilation suppresses.
    /// </summary>
    public class HostTests
    {
        [Fact]
        public async Task Host_ReportsExactlyWhatTheRulesReportSeparately()
        {
            var compilation = DeterminismTests.SampleCompilation();

            var separately = await Run(compilation, Catalogue.Analyzers.ToImmutableArray());
            var hosted = await Run(compilation, Catalogue.Shipped);

            Assert.True(separately.Length > 50, $"the sample should produce many findings, got {separately.Length}");
            Assert.Equal(separately, hosted);
        }

        [Fact]
        public async Task Host_DoesNotRunARuleWhoseIdsAreSuppressedForTheCompilation()
        {
            var compilation = DeterminismTests.SampleCompilation();
            var suppressed = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                new Dictionary<string, ReportDiagnostic> { ["JWT010"] = ReportDiagnostic.Suppress }));

            var runs = await Clocked(compilation);
            var runsSuppressed = await Clocked(suppressed);

            Assert.Contains(nameof(JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer), runs);
            Assert.DoesNotContain(nameof(JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer), runsSuppressed);
            Assert.Contains(nameof(JwtAnalyzers.Keys.ShortHmacKeyAnalyzer), runsSuppressed);
        }

        private static async Task<IReadOnlyCollection<string>> Clocked(Compilation compilation)
        {
            var clock = new RuleClock();
            await Run(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer(clock)));
            return clock.Snapshot().Select(cell => cell.Rule).Distinct().ToList();
        }

        private static async Task<string[]> Run(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()} {d.Severity}").OrderBy(s => s, StringComparer.Ordinal).ToArray();
        }
    }
}
