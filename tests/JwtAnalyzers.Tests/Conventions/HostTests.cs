using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
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

        // .editorconfig severities reach the compiler per file. The host drops a rule's operation handlers only when
        // every file turns all its ids off; in every case it must report exactly what the driver lets through of
        // the rules run separately (the driver applies the files' severities to both).
        [Theory]
        [InlineData(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.JWT010.severity = none\n", false)]
        [InlineData(".globalconfig", "is_global = true\ndotnet_diagnostic.JWT010.severity = none\n", false)]
        [InlineData(".editorconfig", "root = true\n[KeysSamples.cs]\ndotnet_diagnostic.JWT010.severity = none\n", true)]
        [InlineData(".editorconfig", "root = true\n[*.cs]\ndotnet_analyzer_diagnostic.category-Security.severity = none\n", true)]
        [InlineData(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.JWT010.severity = none\n[KeysSamples.cs]\ndotnet_diagnostic.JWT010.severity = warning\n", true)]
        public async Task Host_RunsARuleTheFilesTurnOff_OnlyWhereSomeFileMayKeepItsFindings(string configName, string config, bool expectRun)
        {
            var compilation = await SampleCompilationWith(configName, config);
            var handlerRuns = await Clocked(compilation, handlersOnly: true);
            Assert.Equal(expectRun, handlerRuns.Contains(nameof(JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer)));
            Assert.Contains(nameof(JwtAnalyzers.Keys.ShortHmacKeyAnalyzer), handlerRuns);

            var separately = await Run(compilation, Catalogue.Analyzers.ToImmutableArray());
            var hosted = await Run(compilation, Catalogue.Shipped);
            Assert.Equal(separately, hosted);
            Assert.Contains(separately, d => d.StartsWith("JWT011 ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task AThreadCpuClock_TimesOnlyTheHostsCallbacks_AndChangesNoFinding()
        {
            var compilation = DeterminismTests.SampleCompilation();
            // A fake CPU clock per thread: each read on a thread is 1,000 ns after that thread's previous one.
            long reads = 0;
            using var perThread = new ThreadLocal<long>();
            var clock = RuleClock.ForThreadCpu(() =>
            {
                Interlocked.Increment(ref reads);
                return ++perThread.Value * 1000;
            });
            var clocked = await Run(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer(clock)));

            Assert.Equal(await Run(compilation, Catalogue.Shipped), clocked);
            // Compilation-start work is timed as by any clock; of the handlers, only the host's callbacks are.
            var cells = clock.Snapshot().Where(cell => cell.Part != "start").ToList();
            Assert.NotEmpty(cells);
            Assert.All(cells, cell => Assert.Equal(RuleClock.Callback, cell.Rule));
            // Two reads a callback, each 1,000 ns on the fake clock: every callback is charged exactly one step.
            var calls = cells.Sum(cell => cell.Calls);
            Assert.True(calls > 100, $"{calls} callbacks");
            Assert.Equal(2 * calls, Interlocked.Read(ref reads));
            Assert.Equal(calls * 1000 / 1e6, cells.Sum(cell => cell.Milliseconds), 6);
        }

        /// <summary>The sample's compilation as a project with the config file beside its sources (the workspace builds the compiler's per-file options).</summary>
        private static async Task<Compilation> SampleCompilationWith(string configName, string config)
        {
            var sample = DeterminismTests.SampleCompilation();
            var folder = Path.GetDirectoryName(sample.SyntaxTrees.First(t => Path.IsPathRooted(t.FilePath)).FilePath)!;
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Sample", "Sample", LanguageNames.CSharp,
                compilationOptions: sample.Options, parseOptions: sample.SyntaxTrees.First().Options, metadataReferences: sample.References));
            foreach (var tree in sample.SyntaxTrees)
            {
                var path = Path.IsPathRooted(tree.FilePath) ? tree.FilePath : Path.Combine(folder, tree.FilePath);
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), await tree.GetTextAsync(), filePath: path);
            }

            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), configName, SourceText.From(config), filePath: Path.Combine(folder, configName));
            return (await solution.GetProject(projectId)!.GetCompilationAsync())!;
        }

        private static async Task<IReadOnlyCollection<string>> Clocked(Compilation compilation, bool handlersOnly = false)
        {
            var clock = new RuleClock();
            await Run(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer(clock)));
            return clock.Snapshot().Where(cell => !handlersOnly || (cell.Part != "start" && cell.Calls > 0)).Select(cell => cell.Rule).Distinct().ToList();
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
