using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using JwtAnalyzers;
using JwtAnalyzers.Hosting;

namespace JwtAnalyzers.Benchmarks
{
    /// <summary>
    /// Measures, on the same inputs in the same run: the compiler alone (parse + GetDiagnostics), our analyzers'
    /// callback time (CompilationWithAnalyzers, logAnalyzerExecutionTime), and NetAnalyzers' CA5404/CA5405
    /// analyzers, on a generated JWT-heavy corpus with and without the JWT libraries referenced.
    /// Usage: dotnet run -c Release --project tests/JwtAnalyzers.Benchmarks -- [files=1000] [iterations=3]
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
            var files = positional.Length > 0 ? int.Parse(positional[0]) : 1000;
            var iterations = positional.Length > 1 ? int.Parse(positional[1]) : 3;
            var only = Values(args, "--only=");
            // Warm-up iterations before the measured ones (all parties alike): the JIT tiers the compiler's code and
            // ours up over the first few compilations of a process; a compiler server or an IDE runs at that steady
            // state. Their figures are printed too.
            Warmups = Values(args, "--warmup=").Select(int.Parse).DefaultIfEmpty(3).First();

            // --source=DIR measures a real code base instead of the generated corpus: every .cs file under DIR
            // (bin/ and obj/ skipped), compiled against the JWT libraries, ASP.NET Core and each --reference=
            // (a .dll or a folder of them: the code base's other packages).
            var source = Values(args, "--source=").FirstOrDefault();
            var realCode = source is not null;
            if (realCode) iterations = positional.Length > 0 ? int.Parse(positional[0]) : 3;
            var corpus = realCode ? SourceFolder.Read(source!) : Corpus.Generate(files);
            var lines = corpus.Sum(f => f.Text.Count(c => c == '\n'));
            Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, latency {System.Runtime.GCSettings.LatencyMode}, gen0 budget {AppContext.GetData("GCgen0size") ?? "default"}");
            Console.WriteLine($"{(realCode ? "source " + Path.GetFullPath(source!) : "corpus")}: {corpus.Count} files, {lines:N0} lines; {iterations} measured iterations after {Warmups} warm-up{(Warmups == 1 ? "" : "s")}; {Environment.ProcessorCount} cores");

            // The package exports one analyzer, JwtAnalyzer, which hosts every rule; --separate runs the rule
            // analyzers as 22 analyzers instead (how the package worked before the host), for comparison.
            var separate = args.Contains("--separate");
            var ours = separate
                ? JwtAnalyzer.RuleAnalyzers.Where(a => only.Length == 0 || only.Any(o => a.GetType().Name.Contains(o, StringComparison.Ordinal))).ToImmutableArray()
                : ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer());
            var peers = LoadPeers();
            Console.WriteLine($"analyzers: ours {ours.Length}; peers {string.Join(", ", peers.Select(p => p.GetType().Name))}");

            var withJwt = References.Net80.AddRange(References.Jwt);
            if (realCode)
            {
                var extra = SourceFolder.References(Values(args, "--reference="), withJwt);
                Console.WriteLine($"references: .NET 8, ASP.NET Core 8, the JWT libraries, and {extra.Length} more from --reference");
                var nullable = Values(args, "--nullable=").FirstOrDefault() == "enable" ? NullableContextOptions.Enable : NullableContextOptions.Disable;
                var trees = SourceFolder.WithGlobalUsings(corpus, args.Contains("--implicit-usings"));
                // --cold and --handlers bind the code base themselves (--cold a new compilation per round).
                Compilation NewSource() => CSharpCompilation.Create("Source",
                    trees.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.Latest), f.Path)),
                    withJwt.AddRange(extra), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, allowUnsafe: true));
                if (args.Contains("--cold"))
                {
                    await HandlerBench.RunCold(NewSource, HandlerBenchAnalyzers(peers, only), iterations);
                    return 0;
                }

                if (args.Contains("--handlers"))
                {
                    await HandlerBench.Run(NewSource(), HandlerBenchAnalyzers(peers, only), iterations);
                    return 0;
                }

                if (args.Contains("--calibrate"))
                {
                    // What the driver charges empty callbacks on the kinds the host listens to, on this code base.
                    await RunCase("calibration: empty callbacks on a real code base", trees, withJwt.AddRange(extra), EmptyCallbacks(), peers, iterations,
                        languageVersion: LanguageVersion.Latest, nullable: nullable, reportErrors: true);
                    return 0;
                }

                await RunCase("(a) real code base, JWT libraries referenced", trees, withJwt.AddRange(extra), ours, peers, iterations,
                    languageVersion: LanguageVersion.Latest, nullable: nullable, reportErrors: true);
                return 0;
            }

            if (args.Contains("--calibrate"))
            {
                await RunCase("calibration: empty callbacks (JWT libraries referenced)", corpus, withJwt, EmptyCallbacks(), peers, iterations);
                return 0;
            }

            Compilation NewCorpus() => CSharpCompilation.Create("Corpus",
                corpus.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.CSharp12), f.Path)), withJwt,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            if (args.Contains("--cold"))
            {
                await HandlerBench.RunCold(NewCorpus, HandlerBenchAnalyzers(peers, only), iterations);
                return 0;
            }

            if (args.Contains("--handlers"))
            {
                await HandlerBench.Run(NewCorpus(), HandlerBenchAnalyzers(peers, only), iterations);
                return 0;
            }

            if (args.Contains("--ours-only"))
            {
                // For a profiler: only our analysis runs, case (a) (with --no-clock, not the clocked run either).
                await RunCase("(a) JWT libraries referenced, ours only", corpus, withJwt, ours, ImmutableArray<DiagnosticAnalyzer>.Empty, iterations, compileAlone: false);
                return 0;
            }

            await RunCase("(a) JWT libraries referenced", corpus, withJwt, ours, peers, iterations);
            await RunCase("(b) no JWT library referenced", corpus, References.Net80, ours, peers, iterations);
            return 0;
        }

        private static int Warmups = 3;

        private static async Task RunCase(string name, List<(string Path, string Text)> corpus, ImmutableArray<MetadataReference> references,
            ImmutableArray<DiagnosticAnalyzer> ours, ImmutableArray<DiagnosticAnalyzer> peers, int iterations, bool compileAlone = true,
            LanguageVersion languageVersion = LanguageVersion.CSharp12, NullableContextOptions nullable = NullableContextOptions.Enable, bool reportErrors = false)
        {
            Console.WriteLine();
            Console.WriteLine($"== {name}");
            var parseOptions = new CSharpParseOptions(languageVersion);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, allowUnsafe: true)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CA5404"] = ReportDiagnostic.Warn, ["CA5405"] = ReportDiagnostic.Warn });

            var compile = new List<double>();
            var compileCpu = new List<double>();
            var compileAlloc = new List<long>();
            var oursTotal = new List<double>();
            var oursAlloc = new List<long>();
            var peersTotal = new List<double>();
            var perAnalyzer = new Dictionary<string, List<double>>();
            var perRule = new Dictionary<string, List<double>>();
            var perRuleBytes = new Dictionary<string, List<double>>();
            var clockedRun = new List<double>();
            var callbacksCpu = new List<double>();
            var startWork = new List<double>();
            var cpuReadNs = ThreadCpu.Available ? ThreadCpu.NanosecondsPerRead() : double.NaN;
            var hostCallbacks = new List<double>();
            var sharedLookups = new List<double>();
            var oursGcs = new List<long>();
            var firstTouch = new List<double>();
            var timerNsPerCall = new List<double>();
            var pausedInHandlers = new List<double>();
            IReadOnlyList<(string Rule, string Part, double Milliseconds, long Calls, double PausedMilliseconds, long AllocatedBytes)>? lastCells = null;
            var oursFindings = 0;
            var peerFindings = 0;

            var warmupOurs = new List<double>();
            for (var iteration = 0; iteration < Warmups + iterations; iteration++)
            {
                var measured = iteration >= Warmups;

                // Compiler alone: parse + bind every method body.
                Collect();
                var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var watch = Stopwatch.StartNew();
                var trees = corpus.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToArray();
                var compilation = CSharpCompilation.Create("Corpus", trees, references, options);
                var diagnostics = compileAlone ? compilation.GetDiagnostics() : ImmutableArray<Diagnostic>.Empty;
                watch.Stop();
                var cpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
                if (reportErrors && iteration == 0)
                {
                    // A real code base compiled outside its own build may miss a package or a generated file: say how
                    // complete the binding is, since unbound code is code no analyzer looks at.
                    var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    Console.WriteLine($"compile errors: {errors.Count} in {errors.Select(e => e.Location.SourceTree?.FilePath).Distinct().Count()} files; most frequent: {string.Join(", ", errors.GroupBy(e => e.Id).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Key} x{g.Count()}"))}");
                    if (Environment.GetCommandLineArgs().Contains("--list-errors"))
                    {
                        // Which types or packages are missing, by message: what a --reference could still add.
                        foreach (var message in errors.GroupBy(e => e.GetMessage()).OrderByDescending(g => g.Count()).Take(60)) Console.WriteLine($"  {message.Count(),4} {message.Key}");
                    }
                }

                var compileBytes = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
                if (measured) { compile.Add(watch.Elapsed.TotalMilliseconds); compileCpu.Add(cpuMs); compileAlloc.Add(compileBytes); }

                // Ours: a fresh compilation over the same trees, analyzer callback time from the driver's telemetry.
                Collect();
                allocBefore = GC.GetTotalAllocatedBytes(precise: true);
                var gcBefore = GC.CollectionCount(0);
                var (oursTime, oursPer, oursCount) = await Analyze(Declared(trees, references, options, firstTouch), ours);
                var oursBytes = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
                if (!measured) warmupOurs.Add(oursTime);
                if (measured)
                {
                    oursTotal.Add(oursTime);
                    oursAlloc.Add(oursBytes);
                    oursGcs.Add(GC.CollectionCount(0) - gcBefore);
                    foreach (var (analyzer, time) in oursPer) Add(perAnalyzer, analyzer, time);
                    oursFindings = oursCount;
                }

                // Per rule inside the host: another run with JwtAnalyzer's clock on (it times each rule's
                // compilation-start work and handlers; the run above, without the clock, gives the total).
                if (ours.Any(a => a is JwtAnalyzer) && !Environment.GetCommandLineArgs().Contains("--no-clock"))
                {
                    var clock = new RuleClock(() => GC.GetTotalPauseDuration().Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond, GC.GetAllocatedBytesForCurrentThread);
                    var (clockedTotal, _, _) = await Analyze(Declared(trees, references, options, firstTouch), ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer(clock)));
                    if (measured)
                    {
                        var cells = clock.Snapshot();
                        clockedRun.Add(clockedTotal);
                        hostCallbacks.Add(cells.Where(c => c.Rule == RuleClock.Callback).Sum(c => c.Milliseconds));
                        sharedLookups.Add(cells.Where(c => c.Rule == RuleClock.SharedLookups).Sum(c => c.Milliseconds));
                        lastCells = cells;
                        foreach (var (rule, ms) in NetPerRule(cells, timerNsPerCall)) Add(perRule, rule, ms);
                        foreach (var rule in cells.Where(c => !IsHostCell(c.Rule)).GroupBy(c => c.Rule)) Add(perRuleBytes, rule.Key, rule.Sum(c => c.AllocatedBytes));
                        pausedInHandlers.Add(cells.Where(c => !IsHostCell(c.Rule)).Sum(c => c.PausedMilliseconds));
                        startWork.Add(cells.Where(c => c.Part == "start").Sum(c => c.Milliseconds));
                    }

                    // Our CPU time: a third run in which only the host's callbacks are timed, by the thread's CPU clock. The
                    // driver's figure is wall time, and a thread preempted inside a callback is charged for the wait.
                    if (ThreadCpu.Available)
                    {
                        var cpuClock = RuleClock.ForThreadCpu(ThreadCpu.Nanoseconds);
                        await Analyze(Declared(trees, references, options, firstTouch), ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer(cpuClock)));
                        if (measured)
                        {
                            var callbacks = cpuClock.Snapshot().Where(c => c.Rule == RuleClock.Callback).ToList();
                            callbacksCpu.Add(Math.Max(0, callbacks.Sum(c => c.Milliseconds) - callbacks.Sum(c => c.Calls) * cpuReadNs / 1e6));
                        }
                    }
                }

                // Peers: CA5404 + CA5405 on another fresh compilation.
                if (!peers.IsEmpty)
                {
                    var (peerTime, peerPer, peerCount) = await Analyze(Declared(trees, references, options, firstTouch), peers);
                    if (measured)
                    {
                        peersTotal.Add(peerTime);
                        foreach (var (analyzer, time) in peerPer) Add(perAnalyzer, analyzer, time);
                        peerFindings = peerCount;
                    }
                }
            }

            var compileMs = Median(compile);
            var oursMs = Median(oursTotal);
            var compileCpuMs = Median(compileCpu);
            Console.WriteLine($"compiler alone (parse + GetDiagnostics): {compileMs,10:N1} ms   allocated {Median(compileAlloc) / 1048576.0:N1} MiB; CPU time on all threads {compileCpuMs:N1} ms");
            Console.WriteLine($"our analyzers, callback time (sum):      {oursMs,10:N1} ms = {100 * oursMs / compileMs:N3} % of compile time (fastest run {oursTotal.Min():N1} ms = {100 * oursTotal.Min() / compileMs:N3} %); findings {oursFindings}");
            // The driver's callback time is summed over the threads that ran callbacks; the compile time above is wall
            // time, during which the compiler binds on every core. Set against the compiler's CPU time (also summed
            // over threads), the two count the same way.
            Console.WriteLine($"  as a share of the compiler's CPU time ({compileCpuMs:N1} ms): median {100 * oursMs / compileCpuMs:N3} %, fastest run {100 * oursTotal.Min() / compileCpuMs:N3} %");
            if (callbacksCpu.Count > 0 && startWork.Count > 0)
            {
                // The callbacks' CPU time plus the compilation-start work as the clocked run timed it (shared lookups, each rule's start).
                var cpuMs = Median(callbacksCpu) + Median(startWork);
                Console.WriteLine($"  our CPU time (a third run: the host's callbacks timed by the thread's CPU clock, less {cpuReadNs:N0} ns per read, median {Median(callbacksCpu):N1} ms, each: {string.Join(", ", callbacksCpu.Select(t => t.ToString("N1", CultureInfo.InvariantCulture)))}; "
                    + $"plus the compilation-start work as clocked, {Median(startWork):N1} ms): {cpuMs:N1} ms = {100 * cpuMs / compileCpuMs:N3} % of the compiler's CPU time"
                    + " (the driver's own cost per callback, outside our code, is not in it: see --calibrate)");
            }
            Console.WriteLine($"  each run: {string.Join(", ", oursTotal.Select(t => t.ToString("N1", CultureInfo.InvariantCulture)))} ms (the {warmupOurs.Count} warm-up run{(warmupOurs.Count == 1 ? "" : "s")} before them: {string.Join(", ", warmupOurs.Select(t => t.ToString("N1", CultureInfo.InvariantCulture)))} ms)");
            if (compileAlone && compile.Count == oursTotal.Count)
            {
                // Each iteration compiles and then analyzes back to back: its own ratio shares that moment's machine load.
                var ratios = compile.Zip(oursTotal, (c, o) => 100 * o / c).ToList();
                Console.WriteLine($"  per iteration, our time / that iteration's compile time: median {Median(ratios):N3} %; each: {string.Join(", ", ratios.Select(r => r.ToString("N3", CultureInfo.InvariantCulture) + " %"))}");
            }

            Console.WriteLine($"  analysis run incl. binding, allocated: {Median(oursAlloc) / 1048576.0:N1} MiB (compile alone: {Median(compileAlloc) / 1048576.0:N1} MiB); {Median(oursGcs)} gen0 collections");
            Console.WriteLine($"  compiler work done before each analysis run (source assembly + declaration table, median): {Median(firstTouch):N1} ms");
            if (peersTotal.Count > 0)
            {
                Console.WriteLine($"CA5404 + CA5405, callback time (sum):    {Median(peersTotal),10:N1} ms (fastest run {peersTotal.Min():N1} ms); findings {peerFindings}");
            }

            var ca5404 = perAnalyzer.Where(p => p.Key.Contains("DoNotDisableTokenValidationChecks", StringComparison.Ordinal)).Select(p => Median(p.Value)).DefaultIfEmpty(double.NaN).First();
            Console.WriteLine("per analyzer (median callback ms; ratio to CA5404's analyzer):");
            foreach (var (analyzer, times) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
            {
                var ms = Median(times);
                Console.WriteLine($"  {analyzer,-52} {ms,9:N2} ms   x{(double.IsNaN(ca5404) || ca5404 == 0 ? double.NaN : ms / ca5404),6:N2}");
            }

            if (perRule.Count > 0)
            {
                var rulesSum = perRule.Sum(p => Median(p.Value));
                var rulesBytes = perRuleBytes.Sum(p => Median(p.Value));
                Console.WriteLine($"per rule inside JwtAnalyzer (clocked run, median ms: compilation-start work + handlers, less the clock's own {Median(timerNsPerCall):N0} ns per timed call and {Median(pausedInHandlers):N1} ms of GC pauses that stopped handlers; ratio to CA5404's analyzer; allocated by its start work and handlers); sum {rulesSum:N2} ms, {rulesBytes / 1048576.0:N1} MiB:");
                Console.WriteLine($"  clocked run: driver's callback time {Median(clockedRun):N1} ms; the host's callbacks as timed inside them {Median(hostCallbacks):N1} ms (timing included)");
                Console.WriteLine($"  the host's shared type lookups (JwtSymbols, once for all rules, in no rule's figure below): {Median(sharedLookups):N2} ms");
                foreach (var (rule, times) in perRule.OrderByDescending(p => Median(p.Value)))
                {
                    var ms = Median(times);
                    var kib = perRuleBytes.TryGetValue(rule, out var bytes) ? Median(bytes) / 1024.0 : 0;
                    Console.WriteLine($"  {rule,-52} {ms,9:N2} ms   x{(double.IsNaN(ca5404) || ca5404 == 0 ? double.NaN : ms / ca5404),6:N2}   {kib,9:N0} KiB");
                }

                if (Environment.GetCommandLineArgs().Contains("--cells") && lastCells is not null)
                {
                    Console.WriteLine("clock cells of the last run (rule, part, ms as timed, calls, allocated):");
                    foreach (var cell in lastCells.OrderByDescending(c => c.Milliseconds).Take(30))
                    {
                        Console.WriteLine($"  {cell.Rule,-40} {cell.Part,-24} {cell.Milliseconds,9:N2} ms {cell.Calls,9:N0} calls {cell.AllocatedBytes / 1024.0,9:N0} KiB");
                    }
                }
            }
        }

        /// <summary>Analyzers that register an empty callback on each kind the host listens to (--calibrate).</summary>
        private static ImmutableArray<DiagnosticAnalyzer> EmptyCallbacks()
            => ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyInvocationCallback(), new EmptyObjectCreationCallback(), new EmptyAssignmentCallback());

        /// <summary>The package's analyzer (every rule behind the host's dispatch), each rule alone, and the peers.</summary>
        // --only=NAME (repeatable) keeps the analyzers whose type name contains NAME, peers included: for a profiler.
        private static ImmutableArray<DiagnosticAnalyzer> HandlerBenchAnalyzers(ImmutableArray<DiagnosticAnalyzer> peers, string[] only)
            => ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer()).AddRange(JwtAnalyzer.RuleAnalyzers).AddRange(peers)
                .Where(a => only.Length == 0 || only.Any(o => a.GetType().Name.Contains(o, StringComparison.Ordinal))).ToImmutableArray();

        private static bool IsHostCell(string rule) => rule == RuleClock.EmptyHandler || rule == RuleClock.Callback || rule == RuleClock.SharedLookups;

        /// <summary>
        /// Each rule's time from the host's clock: its compilation-start work, plus per operation kind its handler
        /// time less what the clock charges an empty handler for the same number of calls (the timing itself).
        /// </summary>
        internal static IEnumerable<(string Rule, double Ms)> NetPerRule(IReadOnlyList<(string Rule, string Part, double Milliseconds, long Calls, double PausedMilliseconds, long AllocatedBytes)> cells, List<double> timerNsPerCall)
        {
            var empty = cells.Where(c => c.Rule == RuleClock.EmptyHandler && c.Calls > 0).ToDictionary(c => c.Part, c => c.Milliseconds / c.Calls);
            var totalEmpty = cells.Where(c => c.Rule == RuleClock.EmptyHandler).ToList();
            if (totalEmpty.Sum(c => c.Calls) > 0) timerNsPerCall.Add(1e6 * totalEmpty.Sum(c => c.Milliseconds) / totalEmpty.Sum(c => c.Calls));
            foreach (var rule in cells.Where(c => !IsHostCell(c.Rule)).GroupBy(c => c.Rule))
            {
                var ms = 0.0;
                foreach (var cell in rule)
                {
                    ms += cell.Part == "start" ? cell.Milliseconds : Math.Max(0, cell.Milliseconds - cell.Calls * empty.GetValueOrDefault(cell.Part));
                }

                yield return (rule.Key, ms);
            }
        }

        /// <summary>
        /// A fresh compilation whose source assembly (declaration table, bound references) exists before the
        /// analyzers start, as when the compiler declares symbols while the analyzer driver initializes. Without
        /// this, that compiler work is charged to whichever analyzer first asks for a type; it is timed and
        /// printed on its own instead, and applies to our run and the peers' run alike.
        /// </summary>
        private static Compilation Declared(SyntaxTree[] trees, ImmutableArray<MetadataReference> references, CSharpCompilationOptions options, List<double> firstTouch)
        {
            var compilation = CSharpCompilation.Create("Corpus", trees, references, options);
            var watch = Stopwatch.StartNew();
            _ = compilation.Assembly;
            firstTouch.Add(watch.Elapsed.TotalMilliseconds);
            return compilation;
        }

        private static async Task<(double Total, List<(string Analyzer, double Ms)> Per, int Findings)> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
            var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            var per = new List<(string, double)>();
            var total = 0.0;
            foreach (var analyzer in analyzers)
            {
                var ms = result.AnalyzerTelemetryInfo.TryGetValue(analyzer, out var info) ? info.ExecutionTime.TotalMilliseconds : 0;
                total += ms;
                per.Add((analyzer.GetType().Name, ms));
            }

            var findings = result.GetAllDiagnostics().Count(d => d.Id.StartsWith("JWT", StringComparison.Ordinal) || d.Id is "CA5404" or "CA5405");
            return (total, per, findings);
        }

        private static ImmutableArray<DiagnosticAnalyzer> LoadPeers()
        {
            var folder = Path.Combine(References.PackageRoot, "microsoft.codeanalysis.netanalyzers", "10.0.401", "analyzers", "dotnet", "cs");
            var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var file in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
            {
                var path = Path.Combine(folder, file);
                if (!File.Exists(path)) continue;
                var reference = new AnalyzerFileReference(path, new Loader());
                foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
                {
                    if (analyzer.SupportedDiagnostics.Any(d => d.Id is "CA5404" or "CA5405")) builder.Add(analyzer);
                }
            }

            return builder.ToImmutable();
        }

        private static string[] Values(string[] args, string prefix)
            => args.Where(a => a.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a.Substring(prefix.Length)).ToArray();

        private static void Add(Dictionary<string, List<double>> map, string key, double value)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<double>();
            list.Add(value);
        }

        internal static double Median(List<double> values)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }

        private static long Median(List<long> values) => values.Count == 0 ? 0 : values.OrderBy(v => v).ElementAt(values.Count / 2);

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath) { }
            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }

    internal static class References
    {
        public static readonly string PackageRoot = typeof(References).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;

        public static readonly ImmutableArray<MetadataReference> Net80 = Folder("microsoft.netcore.app.ref", "8.0.0", "ref/net8.0");

        public static readonly ImmutableArray<MetadataReference> Jwt = Folder("microsoft.aspnetcore.app.ref", "8.0.0", "ref/net8.0")
            .AddRange(new[]
            {
                ("microsoft.identitymodel.abstractions", "8.23.0"), ("microsoft.identitymodel.logging", "8.23.0"), ("microsoft.identitymodel.tokens", "8.23.0"),
                ("microsoft.identitymodel.jsonwebtokens", "8.23.0"), ("system.identitymodel.tokens.jwt", "8.23.0"), ("microsoft.identitymodel.protocols", "8.23.0"),
                ("microsoft.identitymodel.protocols.openidconnect", "8.23.0"), ("microsoft.aspnetcore.authentication.jwtbearer", "8.0.11"),
            }.SelectMany(p => Folder(p.Item1, p.Item2, "lib/net8.0")));

        private static ImmutableArray<MetadataReference> Folder(string id, string version, string folder)
            => Directory.GetFiles(Path.Combine(PackageRoot, id, version, folder), "*.dll").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }
}
