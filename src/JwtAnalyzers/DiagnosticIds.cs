namespace JwtAnalyzers
{
    /// <summary>The rule ids, one constant per rule, named after the rule.</summary>
    public static class DiagnosticIds
    {
        public const string InvalidOption = "JWT000";
        public const string DisabledLifetimeValidation = "JWT001";
        public const string ExpirationNotRequired = "JWT002";
        public const string TokenWithoutExpiration = "JWT003";
        public const string HardCodedSigningKey = "JWT010";
        public const string ShortHmacKey = "JWT011";
        public const string SensitiveClaim = "JWT020";
        public const string TokenInBrowserStorage = "JWT030";
        public const string TokenLifetimeExceedsMaximum = "JWT004";
        public const string ClockSkewTooLarge = "JWT005";
        public const string AcceptAllValidator = "JWT006";
        public const string UnsignedTokens = "JWT040";
        public const string DisabledIssuerValidation = "JWT041";
        public const string DisabledAudienceValidation = "JWT042";
        public const string InsecureMetadataAddress = "JWT043";
        public const string UnvalidatedTokenRead = "JWT044";
        public const string IgnoredValidationResult = "JWT045";
        public const string SecurityArtifactsLogged = "JWT051";
        public const string InsecureTokenCookie = "JWT031";
        public const string PredictableRefreshToken = "JWT050";
        public const string SigningSecretInConfiguration = "JWT012";
        public const string EmbeddedPrivateKey = "JWT013";
    }
}
