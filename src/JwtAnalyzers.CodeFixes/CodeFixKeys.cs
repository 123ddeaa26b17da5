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
    }
}
