namespace JwtAnalyzers.CodeFixes
{
    /// <summary>Equivalence keys, public so that Fix All and tests can name a fix.</summary>
    public static class CodeFixKeys
    {
        public const string EnableLifetimeValidation = "JWT001.EnableLifetimeValidation";
        public const string RequireExpirationTime = "JWT002.RequireExpirationTime";
        public const string AddExpiration = "JWT003.AddExpiration";
        public const string LoadSigningKeyFromConfiguration = "JWT010.LoadSigningKeyFromConfiguration";
        public const string LengthenGeneratedKey = "JWT011.LengthenGeneratedKey";
        public const string RemoveSensitiveClaim = "JWT020.RemoveSensitiveClaim";
        public const string CapTokenLifetime = "JWT004.CapTokenLifetime";
        public const string RemoveClockSkew = "JWT005.RemoveClockSkew";
        public const string RemoveAcceptAllValidator = "JWT006.RemoveAcceptAllValidator";
        public const string RequireSignedTokens = "JWT040.RequireSignedTokens";
        public const string RemoveNoneAlgorithm = "JWT040.RemoveNoneAlgorithm";
        public const string EnableIssuerValidation = "JWT041.EnableIssuerValidation";
        public const string EnableAudienceValidation = "JWT042.EnableAudienceValidation";
        public const string RequireHttpsMetadata = "JWT043.RequireHttpsMetadata";
        public const string CheckValidationResult = "JWT045.CheckValidationResult";
        public const string GuardSecurityLogging = "JWT051.GuardSecurityLogging";
        public const string SecureTokenCookie = "JWT031.SecureTokenCookie";
        public const string UseCryptographicRandom = "JWT050.UseCryptographicRandom";
    }
}
