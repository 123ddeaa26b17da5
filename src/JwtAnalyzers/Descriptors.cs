using Microsoft.CodeAnalysis;

namespace JwtAnalyzers
{
    /// <summary>
    /// Every rule's descriptor, one row per rule.
    /// Severity policy: Warning where a true positive is certain from the code (a constant reaches the sink);
    /// Info for heuristics that depend on naming alone. Every rule is in category Security so that
    /// <c>dotnet_analyzer_diagnostic.category-Security.severity</c> configures them all at once.
    /// </summary>
    public static class Descriptors
    {
        public const string Category = "Security";
        public const string HelpLinkBase = "https://github.com/jwtanalyzers/jwtanalyzers/blob/main/docs/rules/";

        // Warning: the configuration is certainly wrong, and a silently ignored limit is a limit nobody has.
        // Reported once per compilation, at the end (hence the CompilationEnd tag).
        public static readonly DiagnosticDescriptor InvalidOption = new DiagnosticDescriptor(
            id: DiagnosticIds.InvalidOption,
            title: "Invalid JwtAnalyzers option",
            messageFormat: "The .editorconfig option '{0}' has the value '{1}', which is not {2}: the default ({3}) is used instead",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An option JwtAnalyzers cannot use falls back to its default. Fix the value so that the rule checks what you meant.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.InvalidOption + ".md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        // Warning: a constant false is certain to switch the check off.
        public static readonly DiagnosticDescriptor DisabledLifetimeValidation = new DiagnosticDescriptor(
            id: DiagnosticIds.DisabledLifetimeValidation,
            title: "Token lifetime validation is disabled",
            messageFormat: "'ValidateLifetime' is set to false: expired tokens will be accepted",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A stolen token stays valid forever when its 'exp' claim is not checked. Keep ValidateLifetime true.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.DisabledLifetimeValidation + ".md");

        // Warning: a constant false is certain to accept tokens that carry no 'exp'.
        public static readonly DiagnosticDescriptor ExpirationNotRequired = new DiagnosticDescriptor(
            id: DiagnosticIds.ExpirationNotRequired,
            title: "Token expiration is not required",
            messageFormat: "'RequireExpirationTime' is set to false: tokens without an 'exp' claim will be accepted and never expire",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Tokens without an expiration time never expire. Keep RequireExpirationTime true.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.ExpirationNotRequired + ".md");

        // Warning: the creating API provably writes no 'exp'.
        public static readonly DiagnosticDescriptor TokenWithoutExpiration = new DiagnosticDescriptor(
            id: DiagnosticIds.TokenWithoutExpiration,
            title: "Token is created without an expiration time",
            messageFormat: "{0} creates a token without an expiration time: it will be valid forever",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A token without 'exp' is valid forever once stolen. Give access tokens a short lifetime and renew them with refresh tokens.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.TokenWithoutExpiration + ".md");

        // Warning: the key is a compile-time constant, so anyone with the source can mint tokens.
        // The message never contains the key: SARIF logs get uploaded.
        public static readonly DiagnosticDescriptor HardCodedSigningKey = new DiagnosticDescriptor(
            id: DiagnosticIds.HardCodedSigningKey,
            title: "Signing key is hard-coded",
            messageFormat: "The signing key passed to {0} is a constant in the source code: anyone who can read the code can mint valid tokens",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Load HMAC signing keys from a secret store, environment variable or configuration that is not committed.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.HardCodedSigningKey + ".md");

        // Warning: the key length is statically known and below the algorithm's minimum.
        public static readonly DiagnosticDescriptor ShortHmacKey = new DiagnosticDescriptor(
            id: DiagnosticIds.ShortHmacKey,
            title: "HMAC signing key is shorter than its algorithm requires",
            messageFormat: "The {0} key is {1} bytes long; {0} requires at least {2} bytes",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Short HMAC keys can be brute-forced offline from a single token; Microsoft.IdentityModel rejects them (IDX10720) when a token is first signed.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.ShortHmacKey + ".md");

        // Warning: the claim name or the value's source names a secret or sensitive personal data.
        public static readonly DiagnosticDescriptor SensitiveClaim = new DiagnosticDescriptor(
            id: DiagnosticIds.SensitiveClaim,
            title: "Sensitive data in token claims",
            messageFormat: "The claim {0} carries sensitive data: a JWT payload is encoded, not encrypted, and readable by anyone who holds the token",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Do not put passwords, hashes, secrets or sensitive personal data in token claims; keep them server-side and put an identifier in the token.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.SensitiveClaim + ".md");

        // Warning: the key or the value is a token by name or by type.
        public static readonly DiagnosticDescriptor TokenInBrowserStorage = new DiagnosticDescriptor(
            id: DiagnosticIds.TokenInBrowserStorage,
            title: "Token stored in browser storage",
            messageFormat: "A token is written to {0}: any script injected into the page can read it",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "localStorage and sessionStorage are readable by any cross-site script. Keep tokens server-side behind an HttpOnly, Secure, SameSite cookie, or in memory.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.TokenInBrowserStorage + ".md");

        // Warning: the expiry is computed from a constant duration that exceeds the configured maximum.
        public static readonly DiagnosticDescriptor TokenLifetimeExceedsMaximum = new DiagnosticDescriptor(
            id: DiagnosticIds.TokenLifetimeExceedsMaximum,
            title: "Token lifetime exceeds the maximum",
            messageFormat: "The token is valid for {0}, longer than the configured maximum of {1}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Long-lived tokens stay usable long after they leak. Keep access tokens short-lived (jwt_analyzers.max_token_lifetime, default 24 hours) and renew them with refresh tokens.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.TokenLifetimeExceedsMaximum + ".md");

        // Warning: the skew is a constant above the configured maximum.
        public static readonly DiagnosticDescriptor ClockSkewTooLarge = new DiagnosticDescriptor(
            id: DiagnosticIds.ClockSkewTooLarge,
            title: "Clock skew is too large",
            messageFormat: "'ClockSkew' is {0}, more than {1}: expired tokens stay valid that much longer",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The clock skew is added to every token's lifetime. The library default of 5 minutes covers real clock drift (jwt_analyzers.max_clock_skew).",
            helpLinkUri: HelpLinkBase + DiagnosticIds.ClockSkewTooLarge + ".md");

        // Warning: every return path of the delegate provably accepts.
        public static readonly DiagnosticDescriptor AcceptAllValidator = new DiagnosticDescriptor(
            id: DiagnosticIds.AcceptAllValidator,
            title: "Validation delegate accepts every token",
            messageFormat: "The delegate assigned to '{0}' accepts every token: the check it replaces is switched off",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A custom validator whose every path accepts (returns true, returns its input, or builds a token without checking its signature) disables the check it replaces.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.AcceptAllValidator + ".md");

        // Warning: a constant switches signature checking off, allows 'none', or a token is created without signing credentials.
        public static readonly DiagnosticDescriptor UnsignedTokens = new DiagnosticDescriptor(
            id: DiagnosticIds.UnsignedTokens,
            title: "Tokens without a signature are accepted or produced",
            messageFormat: "{0}: tokens without a signature ('alg: none') can be forged by anyone",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An unsigned token carries no proof of who issued it. Require signed tokens, never allow the 'none' algorithm, and always sign the tokens you create.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.UnsignedTokens + ".md");

        // Warning: a constant false is certain to switch the check off.
        public static readonly DiagnosticDescriptor DisabledIssuerValidation = new DiagnosticDescriptor(
            id: DiagnosticIds.DisabledIssuerValidation,
            title: "Issuer validation is disabled",
            messageFormat: "'ValidateIssuer' is set to false: tokens issued by any issuer will be accepted",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Without issuer validation a token signed by any trusted key, for any tenant or authority, is accepted.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.DisabledIssuerValidation + ".md");

        // Warning: a constant false is certain to switch the check off.
        public static readonly DiagnosticDescriptor DisabledAudienceValidation = new DiagnosticDescriptor(
            id: DiagnosticIds.DisabledAudienceValidation,
            title: "Audience validation is disabled",
            messageFormat: "'ValidateAudience' is set to false: tokens issued for other applications will be accepted",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Without audience validation a token issued for another API of the same issuer is accepted here (token forwarding).",
            helpLinkUri: HelpLinkBase + DiagnosticIds.DisabledAudienceValidation + ".md");

        // Warning: a constant disables HTTPS metadata or a literal http:// address is configured.
        public static readonly DiagnosticDescriptor InsecureMetadataAddress = new DiagnosticDescriptor(
            id: DiagnosticIds.InsecureMetadataAddress,
            title: "Token metadata may travel over plain HTTP",
            messageFormat: "{0}: the signing keys of the authority can be fetched over plain HTTP and replaced by an attacker on the network",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The keys that validate tokens come from the authority's metadata. Over HTTP, anyone on the path can substitute their own keys and mint accepted tokens.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.InsecureMetadataAddress + ".md");

        // Warning when the authorization use is in the same method; Info when the use is less direct.
        public static readonly DiagnosticDescriptor UnvalidatedTokenRead = new DiagnosticDescriptor(
            id: DiagnosticIds.UnvalidatedTokenRead,
            title: "Claims are read from a token that was never validated",
            messageFormat: "Claims of the token read by '{0}' are used for authentication or authorization, but its signature was never validated",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Reading a token only decodes it: anyone can craft one with any claims. Validate it (ValidateTokenAsync) before trusting its claims.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.UnvalidatedTokenRead + ".md");

        // Warning: the result is discarded or used before IsValid is checked.
        public static readonly DiagnosticDescriptor IgnoredValidationResult = new DiagnosticDescriptor(
            id: DiagnosticIds.IgnoredValidationResult,
            title: "The result of token validation is ignored",
            messageFormat: "The result of '{0}' is {1} without checking 'IsValid': an invalid token is treated as valid",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "JsonWebTokenHandler.ValidateTokenAsync reports failures in its result instead of throwing. Check IsValid before using the identity.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.IgnoredValidationResult + ".md");

        // Warning: a constant true assignment not guarded by IsDevelopment().
        public static readonly DiagnosticDescriptor SecurityArtifactsLogged = new DiagnosticDescriptor(
            id: DiagnosticIds.SecurityArtifactsLogged,
            title: "Security artifacts are logged",
            messageFormat: "'{0}' is set to true outside development: tokens, keys and personal data will be written to logs",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "IdentityModel logs complete tokens and keys when these switches are on; logs are read by more people than the keys should be.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.SecurityArtifactsLogged + ".md");

        // Warning: the cookie provably holds a token and a flag is missing or a constant that weakens it.
        public static readonly DiagnosticDescriptor InsecureTokenCookie = new DiagnosticDescriptor(
            id: DiagnosticIds.InsecureTokenCookie,
            title: "Token cookie is readable by scripts or sent over HTTP",
            messageFormat: "The cookie '{0}' holds a token but {1}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A token cookie must be HttpOnly (no script can read it), Secure (never sent over HTTP) and not SameSite=None (not sent on cross-site requests).",
            helpLinkUri: HelpLinkBase + DiagnosticIds.InsecureTokenCookie + ".md");

        // Warning: the refresh token's value provably comes from Guid or System.Random.
        public static readonly DiagnosticDescriptor PredictableRefreshToken = new DiagnosticDescriptor(
            id: DiagnosticIds.PredictableRefreshToken,
            title: "Refresh token is generated from a predictable source",
            messageFormat: "The refresh token is generated from {0}, which is not a cryptographically secure random source",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Refresh tokens are long-lived credentials. Guid and System.Random are not designed to be unguessable; use RandomNumberGenerator.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.PredictableRefreshToken + ".md");

        // Warning: a non-empty string value under a signing-key path in a non-development configuration file.
        public static readonly DiagnosticDescriptor SigningSecretInConfiguration = new DiagnosticDescriptor(
            id: DiagnosticIds.SigningSecretInConfiguration,
            title: "Signing secret is committed in a configuration file",
            messageFormat: "'{0}' in '{1}' holds a JWT signing secret: it is committed with the code",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Anyone who can read the repository can mint tokens. Keep signing secrets in user-secrets, environment variables or a key vault.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.SigningSecretInConfiguration + ".md");

        // Warning: private key material that is a compile-time constant reaches a key import.
        public static readonly DiagnosticDescriptor EmbeddedPrivateKey = new DiagnosticDescriptor(
            id: DiagnosticIds.EmbeddedPrivateKey,
            title: "Private signing key is embedded in the code",
            messageFormat: "A private signing key is embedded in the code and passed to '{0}'",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The private half of a signing key pair must live only on the auth server, in a key store; embedded in code it is shared with everyone who reads it.",
            helpLinkUri: HelpLinkBase + DiagnosticIds.EmbeddedPrivateKey + ".md");
    }
}
