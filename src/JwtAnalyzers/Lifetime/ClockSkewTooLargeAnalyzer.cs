using System.Collections.Immutable;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Options;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>
    /// JWT005: <c>TokenValidationParameters.ClockSkew</c> is provably larger than the configured maximum
    /// (<c>jwt_analyzers.max_clock_skew</c>, default 5 minutes, the library default): <c>TimeSpan.FromX(c)</c>,
    /// <c>new TimeSpan(...)</c>, <c>TimeSpan.MaxValue</c>, constants followed through <see cref="ValueFlow"/>; a
    /// <c>?:</c>/<c>??</c> is judged by its longest provable branch. Development-only values are not reported.
    /// </summary>
    public sealed class ClockSkewTooLargeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ClockSkewTooLarge);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var tvp = TypeLookup.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.TokenValidationParameters");
                if (tvp is null) return; // library absent: no cost
                IPropertySymbol? clockSkew = null;
                foreach (var member in tvp.GetMembers("ClockSkew"))
                {
                    if (member is IPropertySymbol p) clockSkew = p;
                }

                if (clockSkew is null) return;
                start.RegisterPropertyAssignmentAction(KeyedRegistration.Names(clockSkew.Name), property => SymbolEqualityComparer.Default.Equals(property, clockSkew), c => Analyze(c, clockSkew));
            });
        }

        private static readonly JwtAnalyzerOptions.Key MaxSkewKey = new JwtAnalyzerOptions.Key(DiagnosticIds.ClockSkewTooLarge, JwtAnalyzerOptions.MaxClockSkew);

        private static void Analyze(OperationAnalysisContext context, IPropertySymbol clockSkew)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target
                || !SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, clockSkew))
            {
                return;
            }

            if (EnvironmentGuard.IsDevelopmentOnly(assignment)) return;
            var cancellationToken = context.CancellationToken;
            // The file's maximum is read once a skew is found (see JWT004's check).
            double? maxRead = null;
            LifetimeDuration longest = default;
            var found = false;
            foreach (var source in ValueFlow.Sources(assignment.Value, cancellationToken))
            {
                if (EnvironmentGuard.IsDevelopmentOnly(source)) continue;
                if (!LifetimeDurations.TryGetTimeSpan(source, out var skew, cancellationToken)) continue;
                maxRead ??= JwtAnalyzerOptions.GetTimeSpan(context.Options, assignment.Syntax.SyntaxTree, MaxSkewKey, JwtAnalyzerOptions.DefaultMaxClockSkew, allowZero: true).TotalSeconds;
                if (skew.Seconds <= maxRead.Value) continue;
                if (!found || skew.Seconds > longest.Seconds) longest = skew;
                found = true;
            }

            if (!found || maxRead is not { } max || DebugBuildRegions.IsDebugOnly(assignment.Syntax)) return;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ClockSkewTooLarge,
                assignment.Syntax.GetLocation(),
                longest.Describe(),
                LifetimeDurations.Format(max)));
        }
    }
}
