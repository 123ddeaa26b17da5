using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Hosting;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>
    /// Keyed handlers (<see cref="KeyedRegistration"/>): inside the host a rule's filter is asked once per distinct
    /// method, type or property of the compilation, and its handler runs only on the operations whose key the
    /// filter accepted; run on its own, the rule gets the same handler calls with the filter in front.
    /// </summary>
    public class KeyedRegistrationTests
    {
        private const string Code = @"
using System.Collections.Generic;

class C
{
    public int P { get; set; }
    public int F;

    static void Target() { }
    static void Other() { }
    static T Generic<T>(T value) => value;

    void M()
    {
        Target(); Target(); Target();
        Other(); Other();
        Generic(1); Generic(""a"");
        var a = new List<int>();
        var b = new List<string>();
        var c = new object();
        P = 1;
        P = 2;
        F = 3;
    }
}";

        [Fact]
        public async Task Hosted_EachFilterIsAskedOncePerDistinctSymbol_AndHandlersRunOnlyOnAcceptedOperations()
        {
            var probe = new Probe();
            await Run(new ProbeHost(probe));

            // One method body, so one thread (the host keeps the answers per thread). Three methods (Generic<int> and Generic<string> share their definition), two types, one property.
            Assert.Equal(new[] { "Generic", "Other", "Target" }, probe.MethodsAsked.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "List<T>", "object" }, probe.TypesAsked.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "P" }, probe.PropertiesAsked);
            AssertHandled(probe);
        }

        [Fact]
        public async Task Standalone_TheSameOperationsReachTheHandlers()
        {
            var probe = new Probe();
            await Run(probe);

            // Alone, the filter runs in front of the handler on every operation of the kind.
            Assert.Equal(7, probe.MethodsAsked.Count);
            Assert.Equal(3, probe.TypesAsked.Count);
            Assert.Equal(2, probe.PropertiesAsked.Count);
            AssertHandled(probe);
        }

        [Fact]
        public async Task Hosted_SameNamedMembersOfManyTypes_AreToldApart()
        {
            // Twelve types declare a property P and a method Target: more keys of one name than the host's short list
            // holds, so its table takes over. Only K3's and K10's members are accepted.
            var types = string.Concat(Enumerable.Range(0, 12).Select(i => $"class K{i} {{ public int P {{ get; set; }} public static void Target() {{ }} }}\n"));
            var body = string.Concat(Enumerable.Range(0, 12).Select(i => $"new K{i}().P = 1; new K{i}().P = 2; K{i}.Target(); K{i}.Target();\n"));
            var code = types + "class C { void M() {\n" + body + "} }";
            var accepted = new[] { "K3", "K10" };
            var probe = new RecordingProbe(member => accepted.Contains(member.ContainingType.Name), member => member.ContainingType.Name + "." + member.Name);
            await Run(new ProbeHost(probe), code);
            var (asked, handled) = (probe.Asked, probe.Handled);

            Assert.Equal(24, asked.Count); // 12 properties and 12 methods, each asked once
            Assert.Equal(24, asked.Distinct().Count());
            Assert.Equal(new[] { "K10.P", "K10.P", "K10.Target", "K10.Target", "K3.P", "K3.P", "K3.Target", "K3.Target" }, handled.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task NameGates_KeepOtherNamesFromTheFilters(bool hosted)
        {
            // Methods named "Target", or starting with "Gen", the property "P" and the type "List": the filters never see
            // "Other", F or object.
            var probe = new RecordingProbe(
                member => member is not IMethodSymbol || member.Name == "Target",
                member => member.Name,
                KeyedRegistration.Names("Target"),
                name => name.StartsWith("Gen", StringComparison.Ordinal));
            await Run(hosted ? new ProbeHost(probe) : probe);
            var (asked, handled) = (probe.Asked, probe.Handled);

            Assert.DoesNotContain("Other", asked);
            Assert.DoesNotContain("Object", asked);
            Assert.Contains("Target", asked);
            Assert.Contains("Generic", asked);
            Assert.Contains("P", asked);
            Assert.Contains("List", asked);
            // The filter still decides: it accepts Target, P and List, not Generic.
            Assert.Equal(new[] { "List", "List", "P", "P", "Target", "Target", "Target" }, handled.OrderBy(n => n, StringComparer.Ordinal));
        }

        private static void AssertHandled(Probe probe)
        {
            Assert.Equal(new[] { "Generic", "Generic", "Target", "Target", "Target" }, probe.Handled.Where(h => h.Kind == OperationKind.Invocation).Select(h => h.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "List", "List" }, probe.Handled.Where(h => h.Kind == OperationKind.ObjectCreation).Select(h => h.Name));
            Assert.Equal(new[] { "P", "P" }, probe.Handled.Where(h => h.Kind == OperationKind.SimpleAssignment).Select(h => h.Name));
        }

        private static async Task Run(DiagnosticAnalyzer analyzer, string code = Code)
        {
            var compilation = CSharpCompilation.Create("Probe", new[] { CSharpSyntaxTree.ParseText(code) }, References.Net80,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.Empty(diagnostics);
        }

#pragma warning disable RS1001, RS2008 // probes run by the tests only: not exported, no release to track
        /// <summary>
        /// Keyed on invocations (gated by <c>methodNames</c> and <c>namePredicate</c> when given), on creations of types
        /// named List and on assignments to properties named P: records each member its filters are asked about and each
        /// member that reaches a handler.
        /// </summary>
        private sealed class RecordingProbe : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Unused = new DiagnosticDescriptor("PROBE02", "Probe", "Probe", "Test", DiagnosticSeverity.Hidden, true);
            private readonly HashSet<string>? _methodNames;
            private readonly Func<string, bool>? _namePredicate;
            private readonly Func<ISymbol, bool> _accept;
            private readonly Func<ISymbol, string> _describe;

            public RecordingProbe(Func<ISymbol, bool> accept, Func<ISymbol, string> describe, HashSet<string>? methodNames = null, Func<string, bool>? namePredicate = null)
            {
                _accept = accept;
                _describe = describe;
                _methodNames = methodNames;
                _namePredicate = namePredicate;
            }

            public ConcurrentQueue<string> Asked { get; } = new ConcurrentQueue<string>();

            public ConcurrentQueue<string> Handled { get; } = new ConcurrentQueue<string>();

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.RegisterCompilationStartAction(start =>
                {
                    Action<OperationAnalysisContext> invoked = c => Handled.Enqueue(_describe(((Microsoft.CodeAnalysis.Operations.IInvocationOperation)c.Operation).TargetMethod));
                    if (_methodNames is null) start.RegisterInvocationAction(method => Ask(method), invoked);
                    else start.RegisterInvocationAction(_methodNames, method => Ask(method), invoked, _namePredicate);
                    start.RegisterObjectCreationAction(
                        KeyedRegistration.Names("List"),
                        type => Ask(type),
                        c => Handled.Enqueue(_describe(c.Operation.Type!)));
                    start.RegisterPropertyAssignmentAction(
                        KeyedRegistration.Names("P"),
                        property => Ask(property),
                        c => Handled.Enqueue(_describe(((Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation)((Microsoft.CodeAnalysis.Operations.ISimpleAssignmentOperation)c.Operation).Target).Property)));
                });
            }

            private bool Ask(ISymbol member)
            {
                Asked.Enqueue(_describe(member));
                return _accept(member);
            }
        }

        /// <summary>A rule that records what its filters are asked and which operations reach its handlers.</summary>
        private sealed class Probe : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Unused = new DiagnosticDescriptor("PROBE01", "Probe", "Probe", "Test", DiagnosticSeverity.Hidden, true);

            public ConcurrentQueue<string> MethodsAsked { get; } = new ConcurrentQueue<string>();

            public ConcurrentQueue<string> TypesAsked { get; } = new ConcurrentQueue<string>();

            public ConcurrentQueue<string> PropertiesAsked { get; } = new ConcurrentQueue<string>();

            public ConcurrentQueue<(OperationKind Kind, string Name)> Handled { get; } = new ConcurrentQueue<(OperationKind, string)>();

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.RegisterCompilationStartAction(start =>
                {
                    start.RegisterInvocationAction(
                        method =>
                        {
                            // Filters see original definitions: Generic<T>, not Generic<int>.
                            Assert.True(method.IsDefinition, method.ToDisplayString());
                            MethodsAsked.Enqueue(method.Name);
                            return method.Name is "Target" or "Generic";
                        },
                        c => Handled.Enqueue((c.Operation.Kind, ((Microsoft.CodeAnalysis.Operations.IInvocationOperation)c.Operation).TargetMethod.Name)));
                    start.RegisterObjectCreationAction(
                        KeyedRegistration.Names("List", "Object"),
                        type =>
                        {
                            Assert.True(type.IsDefinition, type.ToDisplayString());
                            TypesAsked.Enqueue(type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                            return type.Name == "List";
                        },
                        c => Handled.Enqueue((c.Operation.Kind, c.Operation.Type!.Name)));
                    start.RegisterPropertyAssignmentAction(
                        KeyedRegistration.Names("P"),
                        property =>
                        {
                            PropertiesAsked.Enqueue(property.Name);
                            return true;
                        },
                        c => Handled.Enqueue((c.Operation.Kind, ((Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation)((Microsoft.CodeAnalysis.Operations.ISimpleAssignmentOperation)c.Operation).Target).Property.Name)));
                });
            }
        }

        /// <summary>The host's machinery around one rule, as <see cref="JwtAnalyzer"/> runs the shipped rules.</summary>
        private sealed class ProbeHost : DiagnosticAnalyzer
        {
            private readonly DiagnosticAnalyzer _probe;
            private readonly ImmutableArray<RuleHost.Rule> _rules;

            public ProbeHost(DiagnosticAnalyzer probe)
            {
                _probe = probe;
                _rules = RuleHost.Load(ImmutableArray.Create<DiagnosticAnalyzer>(probe));
            }

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _probe.SupportedDiagnostics;

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.RegisterCompilationStartAction(start => RuleHost.Start(start, _rules, clock: null));
            }
        }
#pragma warning restore RS1001, RS2008
    }
}
