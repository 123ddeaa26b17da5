using System.Collections.Immutable;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// Shared analyzer for the rules "a boolean property of TokenValidationParameters is set to a constant that
    /// switches a check off" (ValidateLifetime, RequireExpirationTime, ValidateIssuer, ValidateAudience). One
    /// subclass per rule supplies the property and the descriptor; the shapes and exceptions are the same for all
    /// of them (see <see cref="ValidationFlag"/>):
    /// <list type="bullet">
    /// <item>object initializers and assignments through any receiver, the value followed through constants;</item>
    /// <item>not reported in development-only branches;</item>
    /// <item>not reported when a later statement in the same block sets the flag back on the same receiver;</item>
    /// <item>optionally not reported for the refresh-flow helper (a locally built parameters object passed
    /// straight to ValidateToken in the same method, to read the principal out of an expired token);</item>
    /// <item>optionally not reported when a delegate that the library calls instead of reading the flag
    /// (IssuerValidator, AudienceValidator) is set on the same object.</item>
    /// </list>
    /// </summary>
    public abstract class ValidationFlagAnalyzer : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _descriptor;
        private readonly string _propertyName;
        private readonly bool _disabledValue;
        private readonly bool _exemptRefreshFlowHelper;
        private readonly string[] _overridingDelegates;

        protected ValidationFlagAnalyzer(DiagnosticDescriptor descriptor, string propertyName, bool disabledValue, bool exemptRefreshFlowHelper, params string[] overridingDelegates)
        {
            _descriptor = descriptor;
            _propertyName = propertyName;
            _disabledValue = disabledValue;
            _exemptRefreshFlowHelper = exemptRefreshFlowHelper;
            _overridingDelegates = overridingDelegates;
        }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_descriptor);

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var tvp = TypeLookup.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.TokenValidationParameters");
                if (tvp is null) return; // library absent: no cost
                var flag = ValidationFlag.Create(tvp, _propertyName, _disabledValue, _exemptRefreshFlowHelper, _overridingDelegates);
                if (flag is null) return;
                start.RegisterPropertyAssignmentAction(KeyedRegistration.Names(flag.Property.Name), property => SymbolEqualityComparer.Default.Equals(property, flag.Property), c => Analyze(c, flag));
            });
        }

        private void Analyze(OperationAnalysisContext context, ValidationFlag flag)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!flag.IsSwitchedOff(assignment, context.CancellationToken)) return;
            context.ReportDiagnostic(Diagnostic.Create(_descriptor, assignment.Syntax.GetLocation()));
        }
    }
}
