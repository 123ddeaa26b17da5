// Calibration analyzers live in this harness only: they are never loaded by a compiler (RS1036, RS1041) or shipped (RS2008).
#pragma warning disable RS1036, RS1041
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Benchmarks
{
    /// <summary>
    /// Analyzers whose callbacks return at once: what the driver charges an analyzer just for being called on every
    /// operation of a kind. A rule cannot cost less than the floor of the operation kinds it listens to.
    /// </summary>
    internal abstract class EmptyCallbackAnalyzer : DiagnosticAnalyzer
    {
#pragma warning disable RS2008 // a calibration descriptor, never shipped
        private static readonly DiagnosticDescriptor Rule = new("BENCH000", "Calibration", "Calibration", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
#pragma warning restore RS2008

        private readonly OperationKind[] kinds;

        protected EmptyCallbackAnalyzer(params OperationKind[] kinds) => this.kinds = kinds;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(_ => { }, kinds));
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyInvocationCallback : EmptyCallbackAnalyzer
    {
        public EmptyInvocationCallback() : base(OperationKind.Invocation) { }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyObjectCreationCallback : EmptyCallbackAnalyzer
    {
        public EmptyObjectCreationCallback() : base(OperationKind.ObjectCreation) { }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyAssignmentCallback : EmptyCallbackAnalyzer
    {
        public EmptyAssignmentCallback() : base(OperationKind.SimpleAssignment) { }
    }
}
