using System.Collections.Immutable;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Logging
{
    /// <summary>
    /// JWT051: <c>IdentityModelEventSource.ShowPII</c> or <c>IdentityModelEventSource.LogCompleteSecurityArtifact</c>
    /// is set to a value that is provably <c>true</c> outside an <c>IsDevelopment()</c> branch (or a <c>#if DEBUG</c>
    /// region). Values from configuration, parameters or the environment are not reported.
    /// </summary>
    public sealed class SecurityArtifactsLoggedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SecurityArtifactsLogged);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var eventSource = TypeLookup.Get(start.Compilation, "Microsoft.IdentityModel.Logging.IdentityModelEventSource");
                if (eventSource is null) return; // library absent: no cost
                start.RegisterPropertyAssignmentAction(
                    KeyedRegistration.Names("ShowPII", "LogCompleteSecurityArtifact"),
                    property => property.IsStatic && property.Name is "ShowPII" or "LogCompleteSecurityArtifact" && SymbolEqualityComparer.Default.Equals(property.ContainingType, eventSource),
                    c => Analyze(c, eventSource));
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol eventSource)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target) return;
            var property = target.Property;
            if (!property.IsStatic || (property.Name != "ShowPII" && property.Name != "LogCompleteSecurityArtifact")
                || !SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, eventSource))
            {
                return;
            }

            if (!ValueFlow.IsConstantBool(assignment.Value, true, context.CancellationToken)) return;
            if (EnvironmentGuard.IsDevelopmentOnly(assignment) || DebugBuildRegions.IsDebugOnly(assignment.Syntax)) return;
            if (FollowsEarlyExitOutsideDevelopment(assignment)) return;

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SecurityArtifactsLogged,
                assignment.Syntax.GetLocation(),
                "IdentityModelEventSource." + property.Name));
        }

        /// <summary>
        /// True when an earlier statement of an enclosing block leaves outside development:
        /// <c>if (!env.IsDevelopment()) return;</c> (or <c>throw</c>), so the assignment only runs in development.
        /// </summary>
        private static bool FollowsEarlyExitOutsideDevelopment(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation) return false;
                if (parent is not IBlockOperation block) continue;
                foreach (var statement in block.Operations)
                {
                    if (ReferenceEquals(statement, child)) break;
                    if (statement is IConditionalOperation { WhenFalse: null } conditional
                        && IsNotDevelopment(conditional.Condition)
                        && ExitsAlways(conditional.WhenTrue))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsNotDevelopment(IOperation condition)
        {
            condition = ValueFlow.Unwrap(condition);
            return condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not
                && ValueFlow.Unwrap(not.Operand) is IInvocationOperation { TargetMethod.Name: "IsDevelopment" };
        }

        private static bool ExitsAlways(IOperation operation)
        {
            switch (operation)
            {
                case IReturnOperation:
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IBlockOperation block:
                    return block.Operations.Length > 0 && ExitsAlways(block.Operations[block.Operations.Length - 1]);
                default:
                    return false;
            }
        }
    }
}
