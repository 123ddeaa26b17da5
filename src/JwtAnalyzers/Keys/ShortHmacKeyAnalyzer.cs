using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Keys
{
    /// <summary>
    /// JWT011: the statically known byte length of an HMAC key is below its algorithm's minimum (32/48/64 bytes
    /// for HS256/HS384/HS512; the HS256 minimum when the algorithm is not in view). Lengths come from constant
    /// strings (per encoding, base64 decoded), byte-array literals, <c>new byte[n]</c>,
    /// <c>RandomNumberGenerator.GetBytes(n)</c> and <c>Guid.ToByteArray()</c>. For generated keys the sizes to
    /// raise travel as additional locations and the minimum as the <see cref="MinimumBytesProperty"/>.
    /// </summary>
    public sealed class ShortHmacKeyAnalyzer : DiagnosticAnalyzer
    {
        public const string MinimumBytesProperty = "MinimumBytes";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ShortHmacKey);

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

        private static bool MayBeShort(List<KeySource> sources)
        {
            foreach (var source in sources)
            {
                if (source.Length is { } length && length > 0 && length < HmacAlgorithm.Hs512.MinimumBytes && !source.Operation.Syntax.ContainsDiagnostics) return true;
            }

            return false;
        }

        private static void Analyze(OperationAnalysisContext context, KeySinkSymbols symbols)
        {
            foreach (var traced in KeySinks.KeysOf(context.Operation, context.Compilation, symbols, context.CancellationToken))
            {
                var key = traced.Key;
                // Only a key of known length below the largest minimum (HS512's) can be too short; the algorithm and the
                // key's use, which mean searching the method, are looked at only then.
                if (!MayBeShort(traced.Sources) || key.IsEncryptionKey()) continue;
                var algorithm = key.AlgorithmOf(context.CancellationToken);
                var minimum = algorithm.MinimumBytes;
                int? shortest = null;
                var sizes = new List<Location>();
                foreach (var source in traced.Sources)
                {
                    // An empty key is no key at all (the library throws on it at once); it is not a "short" one.
                    if (source.Operation.Syntax.ContainsDiagnostics || source.Length is not { } length || length <= 0 || length >= minimum) continue;
                    if (shortest is null || length < shortest) shortest = length;
                    if (source.Size is { } size && size.Syntax.SyntaxTree == key.Value.Syntax.SyntaxTree) sizes.Add(size.Syntax.GetLocation());
                }

                if (shortest is null) continue;
                var properties = ImmutableDictionary<string, string?>.Empty.Add(MinimumBytesProperty, minimum.ToString(CultureInfo.InvariantCulture));
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ShortHmacKey, key.Value.Syntax.GetLocation(), sizes, properties,
                    algorithm.Name, shortest.Value, minimum));
            }
        }
    }
}
