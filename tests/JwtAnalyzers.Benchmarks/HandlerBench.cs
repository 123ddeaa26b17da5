using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Benchmarks
{
    /// <summary>
    /// Each rule's own CPU cost, free of the driver's scheduling, thread preemption and the compiler's GC pauses:
    /// the corpus is bound once and its operations kept; then, on one thread, every operation of the kinds an
    /// analyzer registered is handed to that analyzer's handlers, pass after pass, and the fastest pass counts.
    /// The same is done for CA5404's and CA5405's analyzers, so each rule is compared with its peer on equal terms.
    /// Each analyzer runs as its own analyzer here (a rule's name filter runs in front of its handler on every
    /// invocation), not inside the host, which reads an invocation's name once for all rules.
    /// </summary>
    internal static class HandlerBench
    {
        public static async Task Run(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, int passes)
        {
            var operations = await CollectOperations(compilation);
            var byKind = operations.GroupBy(o => o.Operation.Kind).ToDictionary(g => g.Key, g => g.ToArray());
            Console.WriteLine($"handler bench: {operations.Count:N0} operations in {operations.Select(o => o.Owner).Distinct(SymbolEqualityComparer.Default).Count():N0} members; fastest of {passes} single-threaded passes");

            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var rows = new List<(string Name, double Ms, double ColdMs, int Calls, int Reports)>();
            List<(string Rule, double Ms, long Calls)>? hostRules = null;
            var empty = Measure(compilation, options, byKind, new Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> { [OperationKind.Invocation] = new() { _ => { } } }, passes);
            foreach (var analyzer in analyzers)
            {
                var handlers = Handlers(analyzer, compilation, options);
                if (handlers.Count == 0) continue;
                var (ms, coldMs, calls, reports) = Measure(compilation, options, byKind, handlers, passes);
                rows.Add((analyzer.GetType().Name, ms, coldMs, calls, reports));
                if (analyzer is JwtAnalyzer)
                {
                    // The host again, started anew before every pass: its keyed selections are made again each time, as
                    // in every new compilation (the rules' per-compilation facts, such as flattened bodies, stay warm).
                    var (restartMs, _, restartCalls, restartReports) = Measure(compilation, options, byKind, () => Handlers(analyzer, compilation, options), passes);
                    rows.Add((nameof(JwtAnalyzer) + " (restarted each pass)", restartMs, double.NaN, restartCalls, restartReports));
                    hostRules = RulesInsideHost(compilation, options, byKind, passes);
                }
            }

            var ca5404 = rows.FirstOrDefault(r => r.Name == "DoNotDisableTokenValidationChecks").Ms;
            Console.WriteLine($"  an empty Invocation handler, for scale: {empty.Ms:N2} ms for {empty.Calls:N0} calls (building the context and calling)");
            // Net: less what the harness spends building a context and calling, per call (the empty handler's rate).
            var perCall = empty.Calls == 0 ? 0 : empty.Ms / empty.Calls;
            var ca5404Net = Math.Max(0, ca5404 - rows.FirstOrDefault(r => r.Name == "DoNotDisableTokenValidationChecks").Calls * perCall);
            // JwtAnalyzer is the package as shipped: every rule behind the host's dispatch (its keyed selections are
            // made in the first pass and kept, as they are kept for a compilation); the rows after it are each rule
            // run alone. "first pass" is the pass that also warmed caches (and, the first time, the JIT).
            Console.WriteLine($"  {"analyzer",-52} {"ms",9}   {"net ms",9}   {"net x CA5404",12}   calls     reports   first pass ms");
            foreach (var row in rows.OrderByDescending(r => r.Name.StartsWith(nameof(JwtAnalyzer), StringComparison.Ordinal)).ThenByDescending(r => r.Ms - r.Calls * perCall))
            {
                var net = Math.Max(0, row.Ms - row.Calls * perCall);
                Console.WriteLine($"  {row.Name,-52} {row.Ms,9:N2}   {net,9:N2}   x{(ca5404Net == 0 ? double.NaN : net / ca5404Net),11:N2}   {row.Calls,7:N0}   {row.Reports,4}   {row.ColdMs,9:N2}");
            }

            if (hostRules is null) return;
            // Code against code: a rule's handlers inside the host, without the host's dispatch (which every rule shares), next to
            // the peers' net figures above, which are their handlers without the harness's per-call cost.
            Console.WriteLine($"  each rule's handlers inside {nameof(JwtAnalyzer)} (host's clock on; fastest pass per rule, less the clock's own cost per call; ratio to CA5404's net):");
            foreach (var (rule, ms, ruleCalls) in hostRules.OrderByDescending(r => r.Ms).Where(r => r.Ms > 0.005))
            {
                Console.WriteLine($"    {rule,-50} {ms,9:N3} ms   x{(ca5404Net == 0 ? double.NaN : ms / ca5404Net),6:N2}   {ruleCalls,7:N0} calls");
            }
        }

        /// <summary>
        /// Each rule's handlers inside the host, timed by the host's clock pass after pass: per rule its fastest pass,
        /// less what the clock charges an empty handler for the same number of calls. The host's dispatch is in no rule's
        /// figure, as under the driver.
        /// </summary>
        private static List<(string Rule, double Ms, long Calls)> RulesInsideHost(Compilation compilation, AnalyzerOptions options,
            Dictionary<OperationKind, (IOperation Operation, ISymbol Owner)[]> byKind, int passes)
        {
            var clock = new RuleClock(() => GC.GetTotalPauseDuration().Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
            var handlers = Handlers(new JwtAnalyzer(clock), compilation, options);
            var best = new Dictionary<string, (double Ms, long Calls)>();
            var previous = clock.Snapshot().Where(c => c.Part != "start").ToDictionary(c => (c.Rule, c.Part));
            Measure(compilation, options, byKind, () => handlers, passes, afterPass: pass =>
            {
                var current = clock.Snapshot().Where(c => c.Part != "start").ToList();
                // This pass's share of each cell: the clock's cells count from the start.
                var delta = current.Select(c => previous.TryGetValue((c.Rule, c.Part), out var p)
                    ? c with { Milliseconds = c.Milliseconds - p.Milliseconds, Calls = c.Calls - p.Calls, PausedMilliseconds = c.PausedMilliseconds - p.PausedMilliseconds, AllocatedBytes = c.AllocatedBytes - p.AllocatedBytes }
                    : c).ToList();
                previous = current.ToDictionary(c => (c.Rule, c.Part));
                if (pass == 0) return; // the pass that warms caches
                var calls = delta.GroupBy(c => c.Rule).ToDictionary(g => g.Key, g => g.Sum(c => c.Calls));
                foreach (var (rule, ms) in Program.NetPerRule(delta, new List<double>()))
                {
                    if (!best.TryGetValue(rule, out var b) || ms < b.Ms) best[rule] = (ms, calls.GetValueOrDefault(rule));
                }
            });
            return best.Select(p => (p.Key, p.Value.Ms, p.Value.Calls)).ToList();
        }

        /// <summary>
        /// Each analyzer's cost on a compilation it has not seen, as in every build: per analyzer and per round, a new
        /// compilation is bound (its operations collected), then the analyzer is started on it and its handlers run
        /// once over every operation, on one thread. Everything the analyzer keeps per compilation (type lookups,
        /// selections, flattened bodies, bodies of other methods it binds) is paid for in that one pass, as it is
        /// under the driver; unlike the driver, no other thread competes for the cores, so the figure is the
        /// analyzer's own CPU time. It is set against the compiler's own CPU time for the same code: parse and
        /// GetDiagnostics with concurrent build off. Round 0 warms the JIT. For the package's analyzer, more rounds
        /// with the host's clock on give each rule's share, next to CA5404's analyzer measured the same way.
        /// </summary>
        public static async Task RunCold(Func<Compilation> create, ImmutableArray<DiagnosticAnalyzer> analyzers, int rounds)
        {
            var compileTimes = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                var compilation = create();
                compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)).GetDiagnostics();
                if (round > 0) compileTimes.Add(watch.Elapsed.TotalMilliseconds);
            }

            var compile = Program.Median(compileTimes);
            Console.WriteLine($"cold passes: {rounds} fresh compilations per analyzer after a warm-up one; its start work and one single-threaded pass over every operation");
            Console.WriteLine($"  the compiler alone, single-threaded (parse + GetDiagnostics, concurrent build off): median {compile:N1} ms, fastest {compileTimes.Min():N1} ms");
            Console.WriteLine($"  {"analyzer",-52} {"median ms",10} {"fastest ms",10} {"start ms",9} {"% of compile",13}   calls   reports");
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var medians = new Dictionary<string, double>();
            foreach (var analyzer in analyzers)
            {
                var (times, starts, calls, reports) = await ColdRounds(create, () => analyzer, options, rounds);
                if (calls == 0 && times.All(t => t < 0.01)) continue;
                var name = analyzer.GetType().Name;
                medians[name] = Program.Median(times);
                Console.WriteLine($"  {name,-52} {Program.Median(times),10:N2} {times.Min(),10:N2} {Program.Median(starts),9:N2} {100 * Program.Median(times) / compile,12:N3}%  {calls,7:N0}   {reports,4}");
            }

            if (!analyzers.Any(a => a is JwtAnalyzer)) return;

            // Each rule inside the host, cold: the same rounds with the host's clock on.
            var perRule = new Dictionary<string, List<double>>();
            var timerNsPerCall = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                var clock = new RuleClock(() => GC.GetTotalPauseDuration().Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
                await ColdRounds(create, () => new JwtAnalyzer(clock), options, 0);
                if (round == 0) continue;
                foreach (var (rule, ms) in Program.NetPerRule(clock.Snapshot(), timerNsPerCall))
                {
                    if (!perRule.TryGetValue(rule, out var list)) perRule[rule] = list = new List<double>();
                    list.Add(ms);
                }
            }

            var ca5404 = medians.GetValueOrDefault("DoNotDisableTokenValidationChecks");
            Console.WriteLine($"  each rule inside {nameof(JwtAnalyzer)}, cold (host's clock on; start work + handlers, less the clock's {Program.Median(timerNsPerCall):N0} ns per timed call; ratio to CA5404's analyzer, cold):");
            foreach (var (rule, list) in perRule.OrderByDescending(p => Program.Median(p.Value)))
            {
                Console.WriteLine($"    {rule,-50} {Program.Median(list),10:N2} ms   x{(ca5404 == 0 ? double.NaN : Program.Median(list) / ca5404),6:N2}");
            }
        }

        private static async Task<(List<double> Times, List<double> Starts, int Calls, int Reports)> ColdRounds(Func<Compilation> create, Func<DiagnosticAnalyzer> analyzerOfRound, AnalyzerOptions options, int rounds)
        {
            var times = new List<double>();
            var starts = new List<double>();
            var calls = 0;
            var reports = 0;
            for (var round = 0; round <= rounds; round++)
            {
                var compilation = create();
                var operations = await CollectOperations(compilation);
                var byKind = operations.GroupBy(o => o.Operation.Kind).ToDictionary(g => g.Key, g => g.ToArray());
                var analyzer = analyzerOfRound();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                var handlers = Handlers(analyzer, compilation, options);
                var start = watch.Elapsed.TotalMilliseconds;
                var (ms, _, passCalls, passReports) = Measure(compilation, options, byKind, handlers, passes: 0);
                if (round == 0 && rounds > 0) continue;
                times.Add(start + ms);
                starts.Add(start);
                calls = passCalls;
                reports = passReports;
            }

            return (times, starts, calls, reports);
        }

        private static (double Ms, double ColdMs, int Calls, int Reports) Measure(Compilation compilation, AnalyzerOptions options,
            Dictionary<OperationKind, (IOperation Operation, ISymbol Owner)[]> byKind, Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> handlers, int passes)
            => Measure(compilation, options, byKind, () => handlers, passes);

        private static (double Ms, double ColdMs, int Calls, int Reports) Measure(Compilation compilation, AnalyzerOptions options,
            Dictionary<OperationKind, (IOperation Operation, ISymbol Owner)[]> byKind, Func<Dictionary<OperationKind, List<Action<OperationAnalysisContext>>>> handlersOfPass, int passes,
            Action<int>? afterPass = null)
        {
            var best = double.MaxValue;
            var cold = 0.0;
            var calls = 0;
            var reports = 0;
            for (var pass = 0; pass < passes + 1; pass++)
            {
                var passReports = 0;
                var passCalls = 0;
                Action<Diagnostic> report = _ => passReports++;
                var handlers = handlersOfPass();
                var watch = Stopwatch.StartNew();
                foreach (var (kind, list) in handlers)
                {
                    if (!byKind.TryGetValue(kind, out var targets)) continue;
                    foreach (var (operation, owner) in targets)
                    {
#pragma warning disable CS0618 // the public constructor is marked "use CompilationWithAnalyzers"; here the point is to run handlers without the driver
                        var context = new OperationAnalysisContext(operation, owner, compilation, options, report, static _ => true, CancellationToken.None);
#pragma warning restore CS0618
                        foreach (var handler in list)
                        {
                            handler(context);
                            passCalls++;
                        }
                    }
                }

                var ms = watch.Elapsed.TotalMilliseconds;
                afterPass?.Invoke(pass);
                if (pass == 0) cold = ms;
                if ((pass > 0 || passes == 0) && ms < best) best = ms; // pass 0 warms caches and the JIT (it counts only when it is the only pass)
                calls = passCalls;
                reports = passReports;
            }

            return (best, cold, calls, reports);
        }

        /// <summary>The operation handlers an analyzer registers on this compilation (directly or in a compilation-start action).</summary>
        private static Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> Handlers(DiagnosticAnalyzer analyzer, Compilation compilation, AnalyzerOptions options)
        {
            var recorder = new Recorder(compilation, options);
            analyzer.Initialize(recorder);
            foreach (var start in recorder.StartActions) start(recorder.Start);
            return recorder.Start.Handlers;
        }

        private static async Task<List<(IOperation Operation, ISymbol Owner)>> CollectOperations(Compilation compilation)
        {
            var collector = new BlockCollector();
            await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(collector)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return collector.Operations.ToList();
        }

#pragma warning disable RS1001, RS1036, RS1041, RS2008 // a harness-only collector, never shipped or loaded by a compiler
        private sealed class BlockCollector : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("BENCH001", "Collect", "Collect", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

            public ConcurrentBag<(IOperation, ISymbol)> Operations { get; } = new();

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
                context.RegisterOperationBlockAction(block =>
                {
                    foreach (var root in block.OperationBlocks)
                    {
                        foreach (var operation in root.DescendantsAndSelf()) Operations.Add((operation, block.OwningSymbol));
                    }
                });
            }
        }
#pragma warning restore RS1001, RS1036, RS1041, RS2008

        private sealed class Recorder : AnalysisContext
        {
            public Recorder(Compilation compilation, AnalyzerOptions options) => Start = new StartContext(compilation, options);

            public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = new();

            public StartContext Start { get; }

            public override void EnableConcurrentExecution() { }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) { }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Start.RegisterOperationAction(action, operationKinds);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }
        }

        private sealed class StartContext : CompilationStartAnalysisContext
        {
            public StartContext(Compilation compilation, AnalyzerOptions options) : base(compilation, options, CancellationToken.None) { }

            public Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> Handlers { get; } = new();

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
                foreach (var kind in operationKinds)
                {
                    if (!Handlers.TryGetValue(kind, out var list)) Handlers[kind] = list = new();
                    list.Add(action);
                }
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) { }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) { }

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) { }

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) { }

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) { }
        }
    }
}
