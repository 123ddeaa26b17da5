using JwtAnalyzers.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>JWT002: <c>TokenValidationParameters.RequireExpirationTime</c> set to a constant <c>false</c>.</summary>
    public sealed class ExpirationNotRequiredAnalyzer : ValidationFlagAnalyzer
    {
        public ExpirationNotRequiredAnalyzer()
            : base(Descriptors.ExpirationNotRequired, "RequireExpirationTime", disabledValue: false, exemptRefreshFlowHelper: true, "LifetimeValidator")
        {
        }
    }
}
