using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// JWT042: <c>TokenValidationParameters.ValidateAudience</c> set to a constant <c>false</c>. Not reported when a
    /// custom AudienceValidator is set on the same object: the library calls it instead of reading the flag
    /// (JWT006 judges that delegate).
    /// </summary>
    public sealed class DisabledAudienceValidationAnalyzer : ValidationFlagAnalyzer
    {
        public DisabledAudienceValidationAnalyzer()
            : base(Descriptors.DisabledAudienceValidation, "ValidateAudience", disabledValue: false, exemptRefreshFlowHelper: true, "AudienceValidator")
        {
        }
    }
}
