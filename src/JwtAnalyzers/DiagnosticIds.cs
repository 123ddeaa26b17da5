namespace JwtAnalyzers
{
    /// <summary>The rule ids, one constant per rule, named after the rule.</summary>
    public static class DiagnosticIds
    {
        public const string DisabledLifetimeValidation = "JWT001";
        public const string ExpirationNotRequired = "JWT002";
        public const string TokenWithoutExpiration = "JWT003";
        public const string HardCodedSigningKey = "JWT010";
        public const string ShortHmacKey = "JWT011";
        public const string SensitiveClaim = "JWT020";
        public const string TokenInBrowserStorage = "JWT030";
    }
}
