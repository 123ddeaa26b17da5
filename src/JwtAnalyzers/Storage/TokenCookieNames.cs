using System.Collections.Generic;
using JwtAnalyzers.Flow;

namespace JwtAnalyzers.Storage
{
    /// <summary>
    /// Word lists for JWT031: which cookie keys and which value names say "this is a token". Matching is on whole
    /// words (<see cref="Words.Split"/>), so "Tokenizer" and "Accessibility" do not match.
    /// </summary>
    internal static class TokenCookieNames
    {
        // A cookie key with one of these words anywhere holds a credential ("access_token", "jwt", "id_token").
        private static readonly HashSet<string> KeyWords = new HashSet<string>
        {
            "token", "tokens", "jwt", "jwts", "idtoken", "accesstoken", "refreshtoken", "authtoken",
        };

        // These words name a credential when they end the key or precede a word like "cookie" ("X-Access", "auth",
        // "refresh_cookie"), not when they qualify something else ("AccessLevel", "auth_redirect").
        private static readonly HashSet<string> QualifierKeyWords = new HashSet<string>
        {
            "access", "auth", "authorization", "refresh", "bearer",
        };

        private static readonly HashSet<string> CredentialFollowers = new HashSet<string>
        {
            "cookie", "session", "value", "data", "header",
        };

        // A value named with one of these words is a token ("accessToken", "jwt", "tokenString", "result.Token").
        private static readonly HashSet<string> ValueWords = new HashSet<string>
        {
            "token", "jwt", "bearer", "accesstoken", "refreshtoken", "idtoken",
        };

        // Antiforgery cookies are meant to be read by scripts (double-submit pattern): never a JWT031 finding.
        private static readonly HashSet<string> AntiforgeryWords = new HashSet<string>
        {
            "antiforgery", "xsrf", "csrf", "forgery", "requestverificationtoken", "verification",
        };

        // Words that describe something about a token rather than the token: "tokenExpiry", "token_type", "jwtIssuedAt".
        private static readonly HashSet<string> MetadataWords = new HashSet<string>
        {
            "expires", "expiry", "expiration", "expire", "expired", "exp", "type", "kind", "timestamp", "time", "date",
            "issued", "created", "lifetime", "ttl", "name", "names", "key", "length", "count", "version", "mode", "enabled",
            "provider", "scheme", "endpoint", "url", "path", "state", "status", "remember", "level", "role", "roles",
            "redirect", "return", "method", "last",
        };

        /// <summary>True when a cookie key names a token cookie (and not an antiforgery or metadata cookie).</summary>
        public static bool IsTokenKey(string key)
        {
            var words = Words.Split(key);
            if (Words.ContainsAny(words, AntiforgeryWords) || Words.ContainsAny(words, MetadataWords)) return false;
            if (Words.ContainsAny(words, KeyWords)) return true;
            for (var i = 0; i < words.Count; i++)
            {
                if (!QualifierKeyWords.Contains(words[i])) continue;
                if (i == words.Count - 1 || CredentialFollowers.Contains(words[i + 1])) return true;
            }

            return false;
        }

        /// <summary>True when a key is provably an antiforgery cookie.</summary>
        public static bool IsAntiforgeryName(string? name) => name is not null && Words.ContainsAny(Words.Split(name), AntiforgeryWords);

        /// <summary>True when a local, parameter, member or method name says it holds (or returns) a token.</summary>
        public static bool IsTokenValueName(string? name)
        {
            if (name is null) return false;
            var words = Words.Split(name);
            if (Words.ContainsAny(words, AntiforgeryWords) || Words.ContainsAny(words, MetadataWords)) return false;
            return Words.ContainsAny(words, ValueWords);
        }
    }
}
