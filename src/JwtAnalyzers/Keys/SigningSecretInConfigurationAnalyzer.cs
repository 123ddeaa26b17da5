using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Keys
{
    /// <summary>
    /// JWT012: a JSON configuration file given to the compiler as an AdditionalFile (the package adds the project's
    /// appsettings*.json) holds a string value under a path that names a JWT signing secret ("Jwt:Key",
    /// "JwtSettings:SecretKey", "TokenKey", "Authentication:Schemes:Bearer:SigningKeys:0:Value").
    /// <para>
    /// A path is a signing secret when its name (the last segment that is not an array index; the one before it when
    /// that is "Value") ends in "key" or "secret" and either the name itself says what the secret signs (signing,
    /// jwt, token) or the path or the value mentions JWTs (jwt, token, bearer, issuer, auth...). Names of other
    /// services' secrets (ClientSecret, ApiKey, ConsumerKey, EncryptionKey, PublicKey...) and sections that are
    /// never about tokens (Logging, Kestrel, ConnectionStrings, DataProtection) are left alone.
    /// </para>
    /// <para>
    /// Not reported: empty values; references that something else resolves (<c>${...}</c>, <c>#{...}#</c>,
    /// <c>@Microsoft.KeyVault(...)</c>, <c>$(...)</c>, <c>{{...}}</c>, <c>__NAME__</c>); public keys, certificates,
    /// file paths and URLs; files for a development or test environment (<c>appsettings.Development.json</c>,
    /// <c>.Dev</c>, <c>.Local</c>, <c>.Test</c>, <c>.Testing</c>), launchSettings.json and secrets.json; files under a
    /// test folder. Placeholders ("change-me") are reported: the app runs with them unless something overrides them.
    /// </para>
    /// The location is the value's token; the message names the path and the file, never the value.
    /// </summary>
    public sealed class SigningSecretInConfigurationAnalyzer : DiagnosticAnalyzer
    {
        // Configuration files are small; anything much larger is not an appsettings file and is not worth the time.
        private const int MaxFileLength = 2 * 1024 * 1024;

        // How many enclosing folders are inspected for a test folder. Only the nearest ones: the repository itself
        // may be cloned under a folder named "test" on some machine, which says nothing about the file.
        private const int TestFolderDepth = 3;

        private static readonly HashSet<string> SecretNouns = new HashSet<string>(StringComparer.Ordinal) { "key", "keys", "secret", "secrets" };

        // Words of the path or the value that tie a generic "Key"/"Secret" to tokens.
        private static readonly HashSet<string> TokenContextWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "jwt", "jwts", "token", "tokens", "bearer", "signing", "issuer", "jws", "jose", "auth", "authentication",
        };

        // Words of the value alone that tie it to tokens (placeholders such as "my-super-secret-jwt-signing-key").
        private static readonly HashSet<string> ValueContextWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "jwt", "jwts", "token", "tokens", "signing", "sign", "bearer",
        };

        // Words in a name that say the secret belongs to something other than token signing.
        private static readonly HashSet<string> ForeignNameWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "client", "consumer", "app", "api", "subscription", "public", "publishable", "encryption", "encrypt",
            "encrypting", "decryption", "decrypt", "license", "licence", "instrumentation", "storage", "account",
            "recaptcha", "captcha", "site", "webhook", "webhooks", "cookie", "session", "antiforgery", "protection",
            "machine", "connection", "vapid", "push", "sms", "smtp", "mail", "email", "master", "primary", "secondary",
            "partition", "cache", "redis", "vault", "oauth", "totp", "otp", "mfa", "recovery", "hash", "salt",
            "pepper", "id", "ids",
        };

        // Third-party services whose sections hold their own keys, never ours.
        private static readonly HashSet<string> ForeignSectionWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "google", "facebook", "microsoft", "twitter", "github", "gitlab", "linkedin", "apple", "stripe", "paypal",
            "aws", "sendgrid", "twilio", "mailgun", "mailchimp", "firebase", "recaptcha", "openai", "slack", "discord",
            "telegram", "smtp", "mail", "email", "azure", "blob", "storage", "s3", "cloudinary", "algolia", "pusher",
            "cookie", "cookies", "session", "encryption", "captcha",
        };

        // Top-level sections that are never about token signing.
        private static readonly HashSet<string> IgnoredRootSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Logging", "Kestrel", "ConnectionStrings", "DataProtection", "Serilog", "NLog", "AllowedHosts", "HealthChecks",
        };

        // Environments whose files are local or test configuration.
        private static readonly HashSet<string> DevelopmentEnvironments = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Development", "Dev", "Local", "Test", "Testing", "Tests", "UnitTest", "UnitTests", "IntegrationTest", "IntegrationTests",
        };

        // Templates committed for people to copy ("appsettings.example.json"): no host loads them (an environment is
        // never named "Example"), so their placeholders are not keys any running app signs with.
        private static readonly HashSet<string> TemplateFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Example", "Examples", "Sample", "Samples", "Template", "Dist",
        };

        private static readonly HashSet<string> TestFolderWords = new HashSet<string>(StringComparer.Ordinal) { "test", "tests", "testing", "spec", "specs" };

        private static readonly string[] PublicKeyPrefixes =
        {
            "MIIBIjANBgkqhkiG9w0BAQEFAAOC", "MIICIjANBgkqhkiG9w0BAQEFAAOC", "MFkwEwYHKoZIzj0CAQY", "MHYwEAYHKoZIzj0CAQYFK4EEACID",
        };

        private static readonly string[] FileExtensions = { ".pem", ".pfx", ".p12", ".key", ".crt", ".cer", ".der", ".jwk", ".json", ".txt", ".xml" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SigningSecretInConfiguration);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                // The configuration file is the evidence, whatever the compilation references: the code that reads
                // the key may live in another project. The library only decides the one generic shape, a bare
                // "Secret" in "AppSettings" (the tutorial layout), which needs a token library to be about tokens.
                var hasTokenLibrary = JwtSymbols.From(start.Compilation).HasAnyTokenLibrary;
                start.RegisterAdditionalFileAction(c => AnalyzeFile(c, hasTokenLibrary));
            });
        }

        private static void AnalyzeFile(AdditionalFileAnalysisContext context, bool hasTokenLibrary)
        {
            var file = context.AdditionalFile;
            var path = file.Path;
            if (path is null || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return;
            var fileName = FileName(path);
            if (IsExcludedFile(fileName) || IsUnderTestFolder(path)) return;

            var text = file.GetText(context.CancellationToken);
            if (text is null || text.Length == 0 || text.Length > MaxFileLength) return;

            foreach (var value in JsonSecretScanner.StringValues(text.ToString(), context.CancellationToken))
            {
                if (!IsCommittedSecretValue(value.Value)) continue;
                if (!IsSigningSecretPath(value.Path, value.Value, hasTokenLibrary)) continue;
                if (value.Span.End > text.Length) continue;
                var location = Location.Create(path, value.Span, text.Lines.GetLinePositionSpan(value.Span));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SigningSecretInConfiguration, location, value.Path, fileName));
            }
        }

        internal static bool IsSigningSecretPath(string configurationPath, string value, bool hasTokenLibrary)
        {
            var segments = configurationPath.Split(':');
            if (segments.Length == 0 || IgnoredRootSections.Contains(segments[0])) return false;

            var nameIndex = LastNameSegment(segments, segments.Length - 1);
            if (nameIndex < 0) return false;
            var name = NameWords(segments[nameIndex]);
            // "SigningKeys": [ { "Id": "...", "Value": "..." } ] (dotnet user-jwts): the value of the named list.
            if (name.Count == 1 && name[0] == "value" && nameIndex > 0)
            {
                nameIndex = LastNameSegment(segments, nameIndex - 1);
                if (nameIndex < 0) return false;
                name = NameWords(segments[nameIndex]);
            }

            if (IsAppSettingsToken(segments, hasTokenLibrary) || IsJwtSectionToken(segments, nameIndex, name)) return true;
            if (name.Count == 0 || !SecretNouns.Contains(name[name.Count - 1])) return false;
            if (Words.ContainsAny(name, ForeignNameWords) || Words.ContainsPhrase(name, OAuth)) return false;
            // "AccessKey" (cloud storage) names a service credential; "AccessTokenSecret" is a token secret.
            var access = name.IndexOf("access");
            if (access >= 0 && (access + 1 >= name.Count || name[access + 1] != "token")) return false;

            // A name that says what it signs stands on its own.
            if (name.Contains("signing") || name.Contains("jwt") || name.Contains("jwts")) return true;

            var foreignSection = false;
            var context = false;
            for (var i = 0; i < nameIndex; i++)
            {
                var words = Words.Split(segments[i]);
                if (Words.ContainsAny(words, ForeignSectionWords) || words.Contains("oauth") || Words.ContainsPhrase(words, OAuth)) foreignSection = true;
                if (Words.ContainsAny(words, TokenContextWords) || segments[i].StartsWith("jwt", StringComparison.OrdinalIgnoreCase)) context = true;
            }

            if (foreignSection) return false;
            // "TokenKey", "TokenSecret", "RefreshTokenSecret": named after the token (but "AccessTokenSecret" alone is
            // also Twitter's, so that one needs context).
            if (name.Contains("token") && !name.Contains("access")) return true;
            if (context || Words.ContainsAny(name, TokenContextWords)) return true;
            if (Words.ContainsAny(Words.Split(value), ValueContextWords)) return true;

            // The tutorial layout: "AppSettings": { "Secret": "..." } in a project that issues or validates tokens.
            var bareSecret = (name.Count == 1 && name[0] == "secret") || (name.Count == 2 && name[0] == "secret" && name[1] == "key");
            var inAppSettings = nameIndex == 0 || (nameIndex == 1 && string.Equals(segments[0], "AppSettings", StringComparison.OrdinalIgnoreCase));
            return hasTokenLibrary && bareSecret && inAppSettings;
        }

        /// <summary>"AppSettings": { "Token": "..." }: the course layout whose "Token" is the signing key, in a project
        /// that references a token library. Elsewhere a "Token" is some service's API token.</summary>
        private static bool IsAppSettingsToken(string[] segments, bool hasTokenLibrary)
            => hasTokenLibrary && segments.Length == 2
               && string.Equals(segments[0], "AppSettings", StringComparison.OrdinalIgnoreCase)
               && string.Equals(segments[1], "Token", StringComparison.OrdinalIgnoreCase);

        /// <summary>"Jwt": { "Token": "..." }: in a section named after JWTs, a bare "Token" string is the signing secret
        /// (a token itself is never configuration).</summary>
        private static bool IsJwtSectionToken(string[] segments, int nameIndex, List<string> name)
        {
            if (name.Count != 1 || name[0] != "token") return false;
            for (var i = 0; i < nameIndex; i++)
            {
                var words = Words.Split(segments[i]);
                if (words.Contains("jwt") || words.Contains("jwts") || segments[i].StartsWith("jwt", StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        private static readonly string[] OAuth = { "o", "auth" };

        // Names written in one case with no separator ("jwtsecret", "TOKENKEY") have no word boundaries to split on.
        private static readonly Dictionary<string, string[]> Compounds = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["jwtkey"] = new[] { "jwt", "key" },
            ["jwtsecret"] = new[] { "jwt", "secret" },
            ["jwtsecretkey"] = new[] { "jwt", "secret", "key" },
            ["jwtsigningkey"] = new[] { "jwt", "signing", "key" },
            ["tokenkey"] = new[] { "token", "key" },
            ["tokensecret"] = new[] { "token", "secret" },
            ["signingkey"] = new[] { "signing", "key" },
            ["signingsecret"] = new[] { "signing", "secret" },
            ["issuersigningkey"] = new[] { "issuer", "signing", "key" },
            ["secretkey"] = new[] { "secret", "key" },
            ["securitykey"] = new[] { "security", "key" },
            ["privatekey"] = new[] { "private", "key" },
        };

        private static List<string> NameWords(string segment)
        {
            var words = Words.Split(segment);
            if (words.Count == 1 && Compounds.TryGetValue(words[0], out var split)) return new List<string>(split);
            return words;
        }

        private static int LastNameSegment(string[] segments, int from)
        {
            for (var i = from; i >= 0; i--)
            {
                if (segments[i].Length > 0 && !IsDigits(segments[i])) return i;
            }

            return -1;
        }

        private static bool IsDigits(string s)
        {
            foreach (var c in s)
            {
                if (c < '0' || c > '9') return false;
            }

            return true;
        }

        /// <summary>A value that is itself the secret (or a placeholder that the app would run with).</summary>
        internal static bool IsCommittedSecretValue(string value)
        {
            var v = value.Trim();
            if (v.Length == 0) return false;
            // References resolved by something else: deployment variables, Key Vault references, templating.
            if (v.StartsWith("${", StringComparison.Ordinal) || v.StartsWith("#{", StringComparison.Ordinal)
                || v.StartsWith("$(", StringComparison.Ordinal) || v.StartsWith("{{", StringComparison.Ordinal)
                || v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (v.Length > 4 && v.StartsWith("__", StringComparison.Ordinal) && v.EndsWith("__", StringComparison.Ordinal)) return false;
            if (v.Length > 2 && v[0] == '%' && v[v.Length - 1] == '%' && v.IndexOf(' ') < 0) return false;
            if (IsShellVariable(v)) return false;

            // Public halves and certificates are meant to be shared.
            if (v.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0
                && (v.IndexOf("PUBLIC KEY-----", StringComparison.Ordinal) >= 0 || v.IndexOf("CERTIFICATE-----", StringComparison.Ordinal) >= 0)
                && v.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) < 0)
            {
                return false;
            }

            // Base64 of a DER public key (SubjectPublicKeyInfo: RSA 2048/4096, P-256/P-384).
            foreach (var prefix in PublicKeyPrefixes)
            {
                if (v.StartsWith(prefix, StringComparison.Ordinal)) return false;
            }

            // Where the key is, not the key.
            if (v.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return false;
            if (v.IndexOf(' ') < 0)
            {
                foreach (var extension in FileExtensions)
                {
                    if (v.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && v.Length > extension.Length) return false;
                }
            }

            return true;
        }

        // "$JWT_SECRET": substituted by envsubst or the deployment before the app starts.
        private static bool IsShellVariable(string v)
        {
            if (v.Length < 2 || v[0] != '$' || !(char.IsLetter(v[1]) || v[1] == '_')) return false;
            for (var i = 1; i < v.Length; i++)
            {
                if (!char.IsLetterOrDigit(v[i]) && v[i] != '_') return false;
            }

            return true;
        }

        private static bool IsExcludedFile(string fileName)
        {
            if (string.Equals(fileName, "launchSettings.json", StringComparison.OrdinalIgnoreCase)
                || string.Equals(fileName, "secrets.json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // "appsettings.Development.json", "appsettings.Local.json", "ocelot.Development.json".
            var parts = fileName.Split('.');
            for (var i = 1; i < parts.Length - 1; i++)
            {
                if (DevelopmentEnvironments.Contains(parts[i]) || TemplateFiles.Contains(parts[i])) return true;
            }

            return false;
        }

        private static bool IsUnderTestFolder(string path)
        {
            var parts = path.Split('/', '\\');
            var inspected = 0;
            for (var i = parts.Length - 2; i >= 0 && inspected < TestFolderDepth; i--)
            {
                if (parts[i].Length == 0) continue;
                inspected++;
                // "tests", "Api.Tests", "Api.IntegrationTests", "UnitTesting": the folder's last word says test.
                // "TestData", "test-configs", "TestApi" are not test folders.
                var words = Words.Split(parts[i]);
                if (words.Count > 0 && TestFolderWords.Contains(words[words.Count - 1])) return true;
            }

            return false;
        }

        // Path.GetFileName throws on some characters under .NET Framework hosts; the last segment is all we need.
        private static string FileName(string path)
        {
            var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
