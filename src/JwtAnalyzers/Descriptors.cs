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
    }
}
