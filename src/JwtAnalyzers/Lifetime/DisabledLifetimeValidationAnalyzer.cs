using JwtAnalyzers.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>JWT001: <c>TokenValidationParameters.ValidateLifetime</c> set to a constant <c>false</c>.</summary>
    public sealed class DisabledLifetimeValidationAnalyzer : ValidationFlagAnalyzer
    {
        public DisabledLifetimeValidationAnalyzer()
            : base(Descriptors.DisabledLifetimeValidation, "ValidateLifetime", disabledValue: false, exemptRefreshFlowHelper: true, "LifetimeValidator")
        {
        }
    }
}
