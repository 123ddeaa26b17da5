using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// JWT041: <c>TokenValidationParameters.ValidateIssuer</c> set to a constant <c>false</c>. Not reported when a
    /// custom IssuerValidator is set on the same object: the library calls it instead of reading the flag (JWT006
    /// judges that delegate).
    /// </summary>
    public sealed class DisabledIssuerValidationAnalyzer : ValidationFlagAnalyzer
    {
        public DisabledIssuerValidationAnalyzer()
            : base(Descriptors.DisabledIssuerValidation, "ValidateIssuer", disabledValue: false, exemptRefreshFlowHelper: true,
                  "IssuerValidator", "IssuerValidatorUsingConfiguration")
        {
        }
    }
}
