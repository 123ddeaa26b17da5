using System;
using System.Collections.Concurrent;
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

            // Three methods (Generic<int> and Generic<string> share their definition), two types, one property.
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

        private static void AssertHandled(Probe probe)
        {
            Assert.Equal(new[] { "Generic", "Generic", "Target", "Target", "Target" }, probe.Handled.Where(h => h.Kind == OperationKind.Invocation).Select(h => h.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "List", "List" }, probe.Handled.Where(h => h.Kind == OperationKind.ObjectCreation).Select(h => h.Name));
            Assert.Equal(new[] { "P", "P" }, probe.Handled.Where(h => h.Kind == OperationKind.SimpleAssignment).Select(h => h.Name));
        }

        private static async Task Run(DiagnosticAnalyzer analyzer)
        {
            var compilation = CSharpCompilation.Create("Probe", new[] { CSharpSyntaxTree.ParseText(Code) }, References.Net80,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.Empty(diagnostics);
        }

        /// <summary>A rule that records what its filters are asked and which operations reach its handlers.</summary>
#pragma warning disable RS1001, RS2008 // a probe run by the tests only: not exported, no release to track
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
                        type =>
                        {
                            Assert.True(type.IsDefinition, type.ToDisplayString());
                            TypesAsked.Enqueue(type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                            return type.Name == "List";
                        },
                        c => Handled.Enqueue((c.Operation.Kind, c.Operation.Type!.Name)));
                    start.RegisterPropertyAssignmentAction(
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
            private readonly Probe _probe;
            private readonly ImmutableArray<RuleHost.Rule> _rules;

            public ProbeHost(Probe probe)
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
