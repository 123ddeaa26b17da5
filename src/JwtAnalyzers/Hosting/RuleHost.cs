using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Hosting
{
    /// <summary>
    /// Runs the rule analyzers inside the one analyzer the compiler loads (<see cref="JwtAnalyzer"/>). Each rule
    /// keeps its own <see cref="DiagnosticAnalyzer.Initialize"/>; the host records the compilation-start actions a
    /// rule registers, runs them against a <see cref="CompilationStartAnalysisContext"/> that collects operation
    /// actions per <see cref="OperationKind"/>, and registers one driver callback per kind that calls every rule's
    /// handler in turn. The compiler's driver pays its per-callback cost (context, timing, exception guard) once
    /// per operation instead of once per rule and operation; every other registration passes straight through.
    /// </summary>
    internal static class RuleHost
    {
        /// <summary>The compilation-start actions each rule registered in its <c>Initialize</c>.</summary>
        public static ImmutableArray<Rule> Load(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var rules = ImmutableArray.CreateBuilder<Rule>(analyzers.Length);
            foreach (var analyzer in analyzers)
            {
                var recorder = new InitializeRecorder();
                analyzer.Initialize(recorder);
                rules.Add(new Rule(analyzer, recorder.StartActions.ToImmutable()));
            }

            return rules.MoveToImmutable();
        }

        /// <summary>
        /// Starts every enabled rule on this compilation and registers the collected operation handlers, one
        /// driver callback per operation kind.
        /// </summary>
        public static void Start(CompilationStartAnalysisContext start, ImmutableArray<Rule> rules, RuleClock? clock)
        {
            var collector = new StartCollector(start, clock);

            // The JWT types most rules ask for, resolved once for all of them here (JwtSymbols keeps them for the
            // compilation): without this, the first rule to start would be charged for every rule's lookups.
            var shared = clock?.Begin() ?? default;
            JwtSymbols.From(start.Compilation);
            clock?.AddStart(RuleClock.SharedLookups, shared);

            foreach (var rule in rules)
            {
                if (rule.StartActions.IsEmpty || IsSuppressed(rule.Analyzer, start.Compilation)) continue;
                collector.CurrentRule = rule.Name;
                collector.DropOperationActions = IsSuppressedInEveryFile(rule.Analyzer, start.Compilation, start.CancellationToken);
                var begin = clock?.Begin() ?? default;
                foreach (var action in rule.StartActions)
                {
                    action(collector);
                }

                clock?.AddStart(rule.Name, begin);
            }

            // Keyed handlers (KeyedRegistration) need their kind's callback even when no rule registered plainly for it.
            foreach (var kind in collector.Keyed.Keys)
            {
                if (!collector.Handlers.ContainsKey(kind)) collector.Handlers[kind] = new List<Handler>();
            }

            foreach (var pair in collector.Handlers)
            {
                // With a clock, an empty handler per kind measures what the timing itself costs.
                if (clock is not null && !clock.CallbacksOnly) pair.Value.Add(clock.Empty(pair.Key));
                var handlers = pair.Value.ToArray();
                var callback = collector.Keyed.TryGetValue(pair.Key, out var keyed)
                    ? keyed.Dispatch(handlers)
                    : handlers.Length == 1 ? handlers[0].Action : Dispatch(handlers);

                // With a clock, the whole callback is timed too: the host's own dispatch is what it adds to the handlers.
                start.RegisterOperationAction(clock is null ? callback : clock.Wrap(new Handler(RuleClock.Callback, callback), pair.Key).Action, pair.Key);
            }
        }

        private static Action<OperationAnalysisContext> Dispatch(Handler[] handlers) => context =>
        {
            foreach (var handler in handlers)
            {
                handler.Action(context);
            }
        };

        internal interface IKeyedHandlers
        {
            Action<OperationAnalysisContext> Dispatch(Handler[] unkeyed);
        }

        /// <summary>One operation kind's keyed handlers: how to read an operation's key, and each handler's filter.</summary>
        internal sealed class KeyedHandlers<TKey> : IKeyedHandlers
            where TKey : class, ISymbol
        {
            public KeyedHandlers(Func<IOperation, TKey?> key, Func<TKey, TKey> definition)
            {
                Key = key;
                Definition = definition;
            }

            public Func<IOperation, TKey?> Key { get; }

            public Func<TKey, TKey> Definition { get; }

            public List<(KeyedRegistration.NameGate Gate, Func<TKey, bool> Filter, Handler Handler)> Items { get; } = new List<(KeyedRegistration.NameGate, Func<TKey, bool>, Handler)>();

            public Action<OperationAnalysisContext> Dispatch(Handler[] unkeyed) => new KeyedDispatch<TKey>(Items, unkeyed, Key, Definition).Run;
        }

        /// <summary>
        /// One operation kind's callback when rules registered keyed handlers: the operation's key (the invoked
        /// method, the created type, the assigned property) selects the handlers whose filter accepted it. Each
        /// filter runs once per distinct key and thread in the compilation; the selection is kept (per compilation:
        /// the host registers a new dispatch in every compilation-start action).
        /// </summary>
        /// <remarks>
        /// The selections are kept per thread, bucketed by the key's name, and told apart within a bucket by
        /// reference. Before, one concurrent table was shared by all threads. On real code (IdentityServer4's
        /// sources) profiles found the host's own time mostly in that table: adds waiting on its few locks and on its
        /// growth, and first-time identity hashes of symbols. A name's hash touches only the string, and a filter
        /// asked again on another thread is cheaper than the wait. A dispatch lives as long as its compilation's
        /// analysis; its per-thread tables go with it when the ThreadLocal is collected.
        /// </remarks>
        private sealed class KeyedDispatch<TKey>
            where TKey : class, ISymbol
        {
            private readonly (KeyedRegistration.NameGate Gate, Func<TKey, bool> Filter, Handler Handler)[] _keyed;
            private readonly Handler[] _unkeyed;
            private readonly Func<IOperation, TKey?> _key;
            private readonly Func<TKey, TKey> _definition;
            // Per name some gate lists, the handlers (indices into _keyed, in order) whose gate may accept it: those that
            // list it, and the open gates (any name, or a predicate); a name no gate lists has only the open ones.
            private readonly Dictionary<string, int[]> _candidates = new Dictionary<string, int[]>(StringComparer.Ordinal);
            private readonly int[] _open;
            // Whether some gate takes any name, and the gates' predicates: what lets a name no gate lists through.
            private readonly bool _anyName;
            private readonly Func<string, bool>[] _namePredicates;
            private readonly ThreadLocal<Dictionary<string, Bucket>> _selected =
                new ThreadLocal<Dictionary<string, Bucket>>(() => new Dictionary<string, Bucket>(StringComparer.Ordinal));

            public KeyedDispatch(List<(KeyedRegistration.NameGate Gate, Func<TKey, bool> Filter, Handler Handler)> keyed, Handler[] unkeyed, Func<IOperation, TKey?> key, Func<TKey, TKey> definition)
            {
                _keyed = keyed.ToArray();
                _unkeyed = unkeyed;
                _key = key;
                _definition = definition;
                var predicates = new List<Func<string, bool>>();
                var open = new List<int>();
                var listed = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                for (var index = 0; index < _keyed.Length; index++)
                {
                    var gate = _keyed[index].Gate;
                    _anyName |= gate.IsAny;
                    if (gate.Predicate is not null) predicates.Add(gate.Predicate);
                    if (gate.IsAny || gate.Predicate is not null) open.Add(index);
                    if (gate.Names is null) continue;
                    foreach (var listedName in gate.Names)
                    {
                        if (!listed.TryGetValue(listedName, out var indices)) listed[listedName] = indices = new List<int>();
                        indices.Add(index);
                    }
                }

                _namePredicates = predicates.ToArray();
                _open = open.ToArray();
                foreach (var pair in listed)
                {
                    foreach (var index in open)
                    {
                        if (!pair.Value.Contains(index)) pair.Value.Add(index);
                    }

                    pair.Value.Sort();
                    _candidates[pair.Key] = pair.Value.ToArray();
                }
            }

            public void Run(OperationAnalysisContext context)
            {
                if (_key(context.Operation) is { } key && key.Name is var name && MayBeSelected(name))
                {
                    foreach (var handler in Selected(_definition(key), name))
                    {
                        handler.Action(context);
                    }
                }

                foreach (var handler in _unkeyed)
                {
                    handler.Action(context);
                }
            }

            /// <summary>
            /// Whether any handler's gate lets the name through: one look-up in the candidates shared by all threads, without the
            /// per-thread selections. Most invocations and assignments of a code base stop here.
            /// </summary>
            private bool MayBeSelected(string name)
            {
                if (_anyName || _candidates.ContainsKey(name)) return true;
                foreach (var predicate in _namePredicates)
                {
                    if (predicate(name)) return true;
                }

                return false;
            }

            private Handler[] Selected(TKey key, string name)
            {
                var byName = _selected.Value!;
                if (!byName.TryGetValue(name, out var bucket)) byName[name] = bucket = new Bucket();
                if (bucket.TryGet(key, out var handlers)) return handlers;
                handlers = Select(key, name);
                bucket.Add(key, handlers);
                return handlers;
            }

            /// <summary>
            /// The handlers whose gate accepts the name and whose filter accepts the key, in registration order. Only
            /// the name's candidates are asked: a first selection on a thread (every distinct method, type or property,
            /// on each thread, in every compilation) used to ask every handler's gate of the kind, a set look-up each.
            /// </summary>
            private Handler[] Select(TKey key, string name)
            {
                List<Handler>? selected = null;
                foreach (var index in _candidates.TryGetValue(name, out var candidates) ? candidates : _open)
                {
                    var (gate, filter, handler) = _keyed[index];
                    if (gate.Accepts(name) && filter(key)) (selected ??= new List<Handler>()).Add(handler);
                }

                return selected?.ToArray() ?? Array.Empty<Handler>();
            }

            /// <summary>
            /// The keys of one name: overloads, and same-named members of other types. A short list told apart by
            /// reference; past <see cref="ListLimit"/> keys (a property name that many types declare), a table.
            /// </summary>
            private sealed class Bucket
            {
                private const int ListLimit = 8;
                private readonly List<(TKey Key, Handler[] Handlers)> _list = new List<(TKey, Handler[])>(2);
                private Dictionary<TKey, Handler[]>? _table;

                public bool TryGet(TKey key, out Handler[] handlers)
                {
                    if (_table is not null) return _table.TryGetValue(key, out handlers!);
                    foreach (var entry in _list)
                    {
                        if (ReferenceEquals(entry.Key, key))
                        {
                            handlers = entry.Handlers;
                            return true;
                        }
                    }

                    handlers = Array.Empty<Handler>();
                    return false;
                }

                public void Add(TKey key, Handler[] handlers)
                {
                    if (_table is null && _list.Count < ListLimit)
                    {
                        _list.Add((key, handlers));
                        return;
                    }

                    if (_table is null)
                    {
                        _table = new Dictionary<TKey, Handler[]>(ReferenceComparer.Instance);
                        foreach (var entry in _list) _table[entry.Key] = entry.Handlers;
                        _list.Clear();
                    }

                    _table[key] = handlers;
                }
            }

            private sealed class ReferenceComparer : IEqualityComparer<TKey>
            {
                public static readonly ReferenceComparer Instance = new ReferenceComparer();

                public bool Equals(TKey? x, TKey? y) => ReferenceEquals(x, y);

                public int GetHashCode(TKey obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
            }
        }

        /// <summary>
        /// A rule whose every id is suppressed for the whole compilation (NoWarn, /nowarn, a rule set) does not run.
        /// One that .editorconfig turns off in every file keeps only its non-operation work (<see cref="IsSuppressedInEveryFile"/>).
        /// </summary>
        private static bool IsSuppressed(DiagnosticAnalyzer analyzer, Compilation compilation)
        {
            var options = compilation.Options.SpecificDiagnosticOptions;
            if (options.Count == 0) return false;
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (!options.TryGetValue(descriptor.Id, out var report) || report != ReportDiagnostic.Suppress) return false;
            }

            return true;
        }

        /// <summary>
        /// True when .editorconfig or a global config turns every id of the rule off (<c>severity = none</c>) in every
        /// file of the compilation, as the compiler resolves a file's severity: the file's own setting for the id, else
        /// the global one; <c>/nowarn</c> wins over both. The driver would drop every finding such a rule makes in
        /// source, so its operation handlers need not run. What it reports outside source (JWT012 on appsettings.json,
        /// with the global severity) is untouched: only operation handlers are dropped. A category or all-analyzer
        /// setting (<c>dotnet_analyzer_diagnostic.category-Security.severity</c>), a command-line or rule-set
        /// severity other than <c>none</c>, or one file without a setting leaves the rule running: the compiler then
        /// filters what it reports, as it always did. Usually the first file answers: one look-up per id.
        /// </summary>
        private static bool IsSuppressedInEveryFile(DiagnosticAnalyzer analyzer, Compilation compilation, CancellationToken cancellationToken)
        {
            if (compilation.Options.SyntaxTreeOptionsProvider is not { } provider) return false;
            var specific = compilation.Options.SpecificDiagnosticOptions;
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                var id = descriptor.Id;
                if (specific.TryGetValue(id, out var report))
                {
                    if (report == ReportDiagnostic.Suppress) continue;
                    return false;
                }

                ReportDiagnostic? global = provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var globalValue) ? globalValue : null;
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var value = provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var treeValue) ? treeValue : global;
                    if (value != ReportDiagnostic.Suppress) return false;
                }
            }

            return true;
        }

        internal readonly struct Handler
        {
            public Handler(string rule, Action<OperationAnalysisContext> action)
            {
                Rule = rule;
                Action = action;
            }

            public string Rule { get; }

            public Action<OperationAnalysisContext> Action { get; }
        }

        internal sealed class Rule
        {
            public Rule(DiagnosticAnalyzer analyzer, ImmutableArray<Action<CompilationStartAnalysisContext>> startActions)
            {
                Analyzer = analyzer;
                StartActions = startActions;
                Name = analyzer.GetType().Name;
            }

            public DiagnosticAnalyzer Analyzer { get; }

            public string Name { get; }

            public ImmutableArray<Action<CompilationStartAnalysisContext>> StartActions { get; }
        }

        /// <summary>
        /// What a rule's <c>Initialize</c> may do: declare concurrency and generated-code handling (the host
        /// declares both for every rule) and register compilation-start actions. Anything else is a rule written
        /// against the host's contract and fails loudly in the host's tests.
        /// </summary>
        private sealed class InitializeRecorder : AnalysisContext
        {
            public ImmutableArray<Action<CompilationStartAnalysisContext>>.Builder StartActions { get; } = ImmutableArray.CreateBuilder<Action<CompilationStartAnalysisContext>>();

            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
                // The host analyzes generated code and reports in it for every rule (Razor components arrive as
                // generated code); a rule that wanted otherwise would be silently overridden.
                if (analysisMode != (GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics)) throw Unsupported();
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();

            private static NotSupportedException Unsupported() => new NotSupportedException(
                "A rule hosted by JwtAnalyzer registers its actions in a compilation-start action and analyzes generated code.");
        }

        /// <summary>Collects operation actions per kind; forwards every other registration to the real context.</summary>
        internal sealed class StartCollector : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext _inner;
            private readonly RuleClock? _clock;

#pragma warning disable RS1012 // the context is wrapped, not used to register here: every registration goes through this collector
            public StartCollector(CompilationStartAnalysisContext inner, RuleClock? clock)
#pragma warning restore RS1012
                : base(inner.Compilation, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _clock = clock;
            }

            public string CurrentRule { get; set; } = string.Empty;

            /// <summary>The current rule's operation actions are not kept (see <see cref="IsSuppressedInEveryFile"/>); its other registrations still are.</summary>
            public bool DropOperationActions { get; set; }

            public SortedDictionary<OperationKind, List<Handler>> Handlers { get; } = new SortedDictionary<OperationKind, List<Handler>>();

            /// <summary>Handlers keyed by a symbol of their operation (see <see cref="KeyedRegistration"/>), per operation kind.</summary>
            public Dictionary<OperationKind, IKeyedHandlers> Keyed { get; } = new Dictionary<OperationKind, IKeyedHandlers>();

            public void RegisterKeyedAction<TKey>(OperationKind kind, Func<IOperation, TKey?> key, Func<TKey, TKey> definition, KeyedRegistration.NameGate gate, Func<TKey, bool> filter,
                Action<OperationAnalysisContext> action)
                where TKey : class, ISymbol
            {
                if (DropOperationActions) return;
                if (!Keyed.TryGetValue(kind, out var handlers)) Keyed[kind] = handlers = new KeyedHandlers<TKey>(key, definition);
                // One key per kind: KeyedRegistration always reads the same symbol of an operation kind.
                var typed = (KeyedHandlers<TKey>)handlers;
                typed.Items.Add((gate, filter, Timed(new Handler(CurrentRule, action), kind)));
            }

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
                if (DropOperationActions) return;
                foreach (var kind in operationKinds)
                {
                    if (!Handlers.TryGetValue(kind, out var list)) Handlers[kind] = list = new List<Handler>();
                    list.Add(Timed(new Handler(CurrentRule, action), kind));
                }
            }

            private Handler Timed(Handler handler, OperationKind kind) => _clock is null ? handler : _clock.Wrap(handler, kind);

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationEndAction(action);

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _inner.RegisterSymbolAction(action, symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _inner.RegisterSymbolStartAction(action, symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(action);

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(action);

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(action);

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(action);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(action, syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(action);

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(action);
        }
    }

    /// <summary>
    /// Per-rule time inside the host, for the benchmark harness only (the compiler's telemetry sees one analyzer).
    /// Off unless a harness creates the host with a clock; without one, handlers are registered unwrapped.
    /// </summary>
    internal sealed class RuleClock
    {
        /// <summary>The name under which the clock times an empty handler per operation kind: its own overhead.</summary>
        public const string EmptyHandler = "(empty handler)";

        /// <summary>The name under which the clock times the type lookups the host resolves once for all rules.</summary>
        public const string SharedLookups = "(host: shared type lookups)";

        /// <summary>The name under which the clock times the host's whole callback per operation kind (dispatch and handlers).</summary>
        public const string Callback = "(host callback)";

        // Each cell counts per thread (no shared cache line between the analysis threads, which would charge the
        // rules for the clock's own contention); Snapshot adds the threads up.
        private readonly Dictionary<(string Rule, string Part), ThreadLocal<long[]>> _cells = new Dictionary<(string Rule, string Part), ThreadLocal<long[]>>();
        private readonly Func<long>? _pauseTicks;
        private readonly Func<long>? _threadAllocatedBytes;
        private readonly Func<long>? _threadCpuNanoseconds;

        public RuleClock()
        {
        }

        /// <summary>
        /// A clock that leaves out garbage-collection pauses: <paramref name="pauseTicks"/> returns the process's
        /// total GC pause time in <see cref="System.Diagnostics.Stopwatch"/> ticks (the harness passes
        /// <c>GC.GetTotalPauseDuration</c>, which netstandard2.0 cannot call). A collection triggered by the
        /// compiler's binding on another thread stops a rule's handler too, and would otherwise be charged to it.
        /// </summary>
        /// <param name="pauseTicks">See above.</param>
        /// <param name="threadAllocatedBytes">
        /// The bytes the current thread has allocated so far (the harness passes <c>GC.GetAllocatedBytesForCurrentThread</c>):
        /// each cell then also counts what its handlers allocated. Allocation decides how often the GC stops everyone,
        /// and a pause that lands in a handler is charged to it by the driver.
        /// </param>
        public RuleClock(Func<long> pauseTicks, Func<long>? threadAllocatedBytes = null)
        {
            _pauseTicks = pauseTicks;
            _threadAllocatedBytes = threadAllocatedBytes;
        }

        private RuleClock(Func<long> threadCpuNanoseconds) => _threadCpuNanoseconds = threadCpuNanoseconds;

        /// <summary>
        /// A clock that times only the host's callback per operation kind, by the calling thread's CPU time
        /// (<paramref name="threadCpuNanoseconds"/>: the harness reads the thread's CPU clock, which netstandard2.0
        /// cannot). The rules' handlers are left unwrapped; compilation-start work is timed as by any clock (wall time,
        /// under "start"). The driver's callback time is wall time, so a thread that is
        /// preempted inside a callback is charged for the wait; the thread's CPU time is not.
        /// </summary>
        public static RuleClock ForThreadCpu(Func<long> threadCpuNanoseconds) => new RuleClock(threadCpuNanoseconds);

        /// <summary>Only the host's callbacks are timed, by thread CPU time (<see cref="ForThreadCpu"/>).</summary>
        public bool CallbacksOnly => _threadCpuNanoseconds is not null;

        internal (long Ticks, long Bytes) Begin() => (System.Diagnostics.Stopwatch.GetTimestamp(), _threadAllocatedBytes?.Invoke() ?? 0);

        /// <summary>Charges the compilation-start work since <paramref name="begin"/> (on this thread) to the rule.</summary>
        internal void AddStart(string rule, (long Ticks, long Bytes) begin)
        {
            var counts = Cell(rule, "start").Value!;
            counts[0] += System.Diagnostics.Stopwatch.GetTimestamp() - begin.Ticks;
            counts[3] += (_threadAllocatedBytes?.Invoke() ?? 0) - begin.Bytes;
        }

        /// <summary>Times the handler, and counts its calls, under (rule, operation kind).</summary>
        internal RuleHost.Handler Wrap(RuleHost.Handler handler, OperationKind kind)
        {
            if (CallbacksOnly) return handler.Rule == Callback ? WrapThreadCpu(handler, kind) : handler;
            var cell = Cell(handler.Rule, kind.ToString());
            var inner = handler.Action;
            var pauseTicks = _pauseTicks;
            var allocated = _threadAllocatedBytes;
            return new RuleHost.Handler(handler.Rule, context =>
            {
                var pausedBefore = pauseTicks?.Invoke() ?? 0;
                var allocatedBefore = allocated?.Invoke() ?? 0;
                var begin = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    inner(context);
                }
                finally
                {
                    var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - begin;
                    var paused = (pauseTicks?.Invoke() ?? 0) - pausedBefore;
                    var bytes = (allocated?.Invoke() ?? 0) - allocatedBefore;
                    var counts = cell.Value!;
                    counts[0] += Math.Max(0, elapsed - paused);
                    counts[1]++;
                    counts[2] += paused;
                    counts[3] += bytes;
                }
            });
        }

        // Charges the thread CPU time the callback took, in Stopwatch ticks like every other cell.
        private RuleHost.Handler WrapThreadCpu(RuleHost.Handler handler, OperationKind kind)
        {
            var cell = Cell(handler.Rule, kind.ToString());
            var inner = handler.Action;
            var cpu = _threadCpuNanoseconds!;
            return new RuleHost.Handler(handler.Rule, context =>
            {
                var begin = cpu();
                try
                {
                    inner(context);
                }
                finally
                {
                    var nanoseconds = cpu() - begin;
                    var counts = cell.Value!;
                    counts[0] += (long)(nanoseconds * (System.Diagnostics.Stopwatch.Frequency / 1e9));
                    counts[1]++;
                }
            });
        }

        /// <summary>A handler that does nothing, timed like the rules' handlers: what the timing itself costs per kind.</summary>
        internal RuleHost.Handler Empty(OperationKind kind) => Wrap(new RuleHost.Handler(EmptyHandler, static _ => { }), kind);

        private ThreadLocal<long[]> Cell(string rule, string part)
        {
            lock (_cells)
            {
                if (!_cells.TryGetValue((rule, part), out var cell)) _cells[(rule, part)] = cell = new ThreadLocal<long[]>(() => new long[4], trackAllValues: true);
                return cell;
            }
        }

        /// <summary>
        /// Per rule and part (an operation kind, or "start" for its compilation-start work): milliseconds (GC pauses
        /// left out when the clock was given a pause source), calls, the GC pause milliseconds left out, and the
        /// bytes allocated (when the clock was given an allocation source).
        /// </summary>
        public IReadOnlyList<(string Rule, string Part, double Milliseconds, long Calls, double PausedMilliseconds, long AllocatedBytes)> Snapshot()
        {
            var result = new List<(string, string, double, long, double, long)>();
            lock (_cells)
            {
                foreach (var pair in _cells)
                {
                    long ticks = 0, calls = 0, paused = 0, bytes = 0;
                    foreach (var counts in pair.Value.Values)
                    {
                        ticks += counts[0];
                        calls += counts[1];
                        paused += counts[2];
                        bytes += counts[3];
                    }

                    result.Add((pair.Key.Rule, pair.Key.Part,
                        ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency, calls, paused * 1000.0 / System.Diagnostics.Stopwatch.Frequency, bytes));
                }
            }

            return result;
        }
    }
}
