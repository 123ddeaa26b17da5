using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Keys
{
    /// <summary>
    /// JWT010: HMAC key material that is provably a compile-time constant reaches a key sink
    /// (<see cref="KeySinks"/>). The diagnostic sits on the key argument; its additional locations are the
    /// constants a fix replaces (same file only). The message names the sink, never the secret.
    /// </summary>
    public sealed class HardCodedSigningKeyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.HardCodedSigningKey);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KeySinkSymbols.From(start.Compilation);
                if (symbols is null) return; // no key sink library: no cost
                KeySinks.RegisterSinkActions(start, symbols, c => Analyze(c, symbols));
            });
        }

        private static void Analyze(OperationAnalysisContext context, KeySinkSymbols symbols)
        {
            foreach (var traced in KeySinks.KeysOf(context.Operation, context.Compilation, symbols, context.CancellationToken))
            {
                var key = traced.Key;
                var sources = traced.Sources;
                var hardCoded = false;
                var fixLocations = new List<Location>();
                foreach (var source in sources)
                {
                    if (!source.IsHardCoded || source.Operation.Syntax.ContainsDiagnostics) continue;
                    hardCoded = true;
                    if (source.Literal is { } literal && literal.SyntaxTree == key.Value.Syntax.SyntaxTree) fixLocations.Add(literal.GetLocation());
                }

                if (!hardCoded) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedSigningKey, key.Value.Syntax.GetLocation(), fixLocations, key.SinkName));
            }
        }
    }
}
