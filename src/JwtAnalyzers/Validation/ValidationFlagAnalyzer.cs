using System.Collections.Immutable;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// Shared engine for the rules "a boolean property of TokenValidationParameters is set to a constant that
    /// switches a check off" (ValidateLifetime, RequireExpirationTime, ...). One subclass per rule supplies the
    /// property and the descriptor; the shapes and exceptions are the same for all of them:
    /// <list type="bullet">
    /// <item>object initializers and assignments through any receiver, the value followed through constants;</item>
    /// <item>not reported in development-only branches;</item>
    /// <item>not reported when a later statement in the same block sets the flag back on the same receiver;</item>
    /// <item>optionally not reported for the refresh-flow helper (a locally built parameters object passed
    /// straight to ValidateToken in the same method, to read the principal out of an expired token).</item>
    /// </list>
    /// </summary>
    public abstract class ValidationFlagAnalyzer : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _descriptor;
        private readonly string _propertyName;
        private readonly bool _disabledValue;
        private readonly bool _exemptRefreshFlowHelper;
        private readonly string? _validatorPropertyName;

        protected ValidationFlagAnalyzer(DiagnosticDescriptor descriptor, string propertyName, bool disabledValue, bool exemptRefreshFlowHelper)
            : this(descriptor, propertyName, disabledValue, exemptRefreshFlowHelper, validatorPropertyName: null)
        {
        }

        /// <param name="validatorPropertyName">
        /// A delegate property of TokenValidationParameters (e.g. <c>LifetimeValidator</c>) that, when set on the same
        /// object, takes the check over whatever the flag says: the flag is then not what decides, so nothing is reported.
        /// </param>
        protected ValidationFlagAnalyzer(DiagnosticDescriptor descriptor, string propertyName, bool disabledValue, bool exemptRefreshFlowHelper, string? validatorPropertyName)
        {
            _descriptor = descriptor;
            _propertyName = propertyName;
            _disabledValue = disabledValue;
            _exemptRefreshFlowHelper = exemptRefreshFlowHelper;
            _validatorPropertyName = validatorPropertyName;
        }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_descriptor);

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var tvp = start.Compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
                if (tvp is null) return; // library absent: no cost
                IPropertySymbol? property = null;
                foreach (var member in tvp.GetMembers(_propertyName))
                {
                    if (member is IPropertySymbol p) property = p;
                }

                if (property is null) return;
                IPropertySymbol? validator = null;
                if (_validatorPropertyName is not null)
                {
                    foreach (var member in tvp.GetMembers(_validatorPropertyName))
                    {
                        if (member is IPropertySymbol p) validator = p;
                    }
                }

                start.RegisterOperationAction(c => Analyze(c, property, validator), OperationKind.SimpleAssignment);
            });
        }

        private void Analyze(OperationAnalysisContext context, IPropertySymbol property, IPropertySymbol? validator)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target
                || !SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, property))
            {
                return;
            }

            if (!ValueFlow.IsConstantBool(assignment.Value, _disabledValue, context.CancellationToken)) return;
            if (EnvironmentGuard.IsDevelopmentOnly(assignment)) return;

            var receiver = Receivers.Of(target);
            if (receiver.IsKnown && Receivers.IsOverriddenLater(assignment, receiver, property, _disabledValue, context.CancellationToken)) return;
            if (_exemptRefreshFlowHelper && receiver.IsKnown && Receivers.IsPassedToValidateToken(assignment, receiver)) return;
            if (_exemptRefreshFlowHelper && ValidateTokenOnlyMember.IsOnlyPassedToValidateToken(target, context.CancellationToken)) return;
            if (validator is not null && ValidatorDelegates.IsSetOnSameObject(assignment, receiver, validator, context.CancellationToken)) return;

            context.ReportDiagnostic(Diagnostic.Create(_descriptor, assignment.Syntax.GetLocation()));
        }
    }
}
