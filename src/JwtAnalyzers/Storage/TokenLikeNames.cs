using System;
using System.Collections.Generic;
using JwtAnalyzers.Flow;

namespace JwtAnalyzers.Storage
{
    /// <summary>What a name says about the value it names.</summary>
    internal enum TokenVerdict
    {
        /// <summary>The name says nothing either way (a generic "key", "value", "data").</summary>
        Unknown,

        /// <summary>The name says token: "authToken", "jwt", "access_token", "Bearer".</summary>
        Token,

        /// <summary>A storage key with only a weak word ("auth", "refresh"): a token unless the value proves otherwise.</summary>
        WeakToken,

        /// <summary>The name says something that is not a bearer credential: "tokenExpiry", "csrfToken", "theme".</summary>
        NotToken,
    }

    /// <summary>
    /// Word-based classification of storage keys and value names for JWT030. Words, never substrings, so
    /// "Tokenizer", "accessibility" and "Author" are not tokens. Three kinds of words:
    /// strong words name a token on their own (token, jwt, bearer, and lower-case compounds like "accesstoken");
    /// weak words (auth, access, refresh) name one only in a storage key with nothing contradicting them;
    /// veto words say the thing is about a token but is not the credential (its expiry, its type) or is another
    /// kind of token that is harmless or not ours (CSRF, paging, push notification, password reset).
    /// </summary>
    internal static class TokenLikeNames
    {
        private static readonly HashSet<string> StrongWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "token", "tokens", "jwt", "jwts", "bearer",
        };

        // Prefixes that make a lower-case compound ("accesstoken", "authtoken") a token name.
        private static readonly string[] CompoundPrefixes =
        {
            "access", "auth", "id", "refresh", "jwt", "bearer", "api", "session", "user", "identity", "oauth",
        };

        private static readonly HashSet<string> WeakKeyWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "auth", "access", "refresh", "authorization", "authentication", "oauth",
        };

        private static readonly HashSet<string> VetoWords = new HashSet<string>(StringComparer.Ordinal)
        {
            // Data about a token, not the token.
            "expiry", "expiration", "expires", "expire", "expired", "exp", "expiresat", "expiresin", "lifetime",
            "type", "kind", "length", "count", "timestamp", "time", "date", "timeout", "interval", "rate",
            "level", "mode", "enabled", "flag", "url", "uri", "endpoint", "redirect", "return",
            "provider", "scheme", "status", "valid", "validity", "claims", "key",
            // Other kinds of token: not a bearer credential for the user's session.
            "csrf", "xsrf", "antiforgery", "forgery", "verification", "cancellation", "continuation", "paging",
            "page", "cursor", "next", "push", "fcm", "device", "notification", "captcha", "recaptcha", "reset",
            "confirmation", "confirm", "invite", "invitation", "unsubscribe", "sync", "lexer", "parser",
            // Crypto-currency tokens and design tokens: not credentials at all.
            "symbol", "address", "contract", "balance", "price", "amount", "decimals", "nft", "erc20", "coin",
            "swap", "chain", "wallet", "list", "selected", "favorite", "favorites", "design", "theme", "color",
            "colors", "style", "css",
        };

        // Vetoes for weak words only: "lastAccess", "autoRefresh" are timestamps and switches, "lastToken" is a token.
        private static readonly HashSet<string> WeakVetoWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "last", "auto", "on", "after", "before", "needed", "required", "denied", "granted", "at",
            "rights", "right", "role", "roles", "permission", "permissions", "policy", "policies", "group", "groups",
            "method", "methods", "code", "history", "log", "logs", "attempts", "error", "message", "step", "page",
            "screen", "view", "visited", "dialog", "popup", "shown", "seen",
            // The key names the signed-in user's data, not a credential ("authEmail", "authUserName"): a token
            // stored under it is still caught by its value.
            "email", "mail", "name", "username", "user", "id", "userid", "phone", "avatar", "picture", "photo",
            "locale", "language", "lang", "culture", "display", "tenant", "remember",
        };

        /// <summary>
        /// A constant storage key: strong words make it a token, weak words a weak token; a veto makes it
        /// NotToken (the key names something else explicitly); any other key ("theme", "cart") is Unknown,
        /// so that a token-named value written under it is still reported.
        /// </summary>
        public static TokenVerdict ClassifyKey(string? key)
        {
            var words = Words.Split(key);
            if (words.Count == 0) return TokenVerdict.Unknown;
            if (HasVeto(words)) return TokenVerdict.NotToken;
            if (HasStrong(words)) return TokenVerdict.Token;
            return Words.ContainsAny(words, WeakKeyWords) && !Words.ContainsAny(words, WeakVetoWords) ? TokenVerdict.WeakToken : TokenVerdict.Unknown;
        }

        /// <summary>
        /// The name of a variable that holds the key ("AccessTokenKey", "_tokenStorageKey"): the words that say
        /// "this is a key" are dropped, then only strong words and vetoes count.
        /// </summary>
        public static TokenVerdict ClassifyKeyName(string? name)
        {
            var words = Words.Split(name);
            words.RemoveAll(w => w == "key" || w == "name" || w == "storage" || w == "item" || w == "const" || w == "constant");
            if (HasVeto(words)) return TokenVerdict.NotToken;
            return HasStrong(words) ? TokenVerdict.Token : TokenVerdict.Unknown;
        }

        /// <summary>
        /// A fragment of a key (the constant text of an interpolated key): only strong words count, and the
        /// absence of words proves nothing.
        /// </summary>
        public static TokenVerdict ClassifyKeyFragment(string? fragment)
        {
            var words = Words.Split(fragment);
            if (HasVeto(words)) return TokenVerdict.NotToken;
            return HasStrong(words) ? TokenVerdict.Token : TokenVerdict.Unknown;
        }

        /// <summary>
        /// The name of a value (local, parameter, field, property, method): strong words only; a name without
        /// token words says nothing (it may still hold one), a vetoed name says "not the credential".
        /// </summary>
        public static TokenVerdict ClassifyValueName(string? name)
        {
            var words = Words.Split(name);
            if (words.Count == 0) return TokenVerdict.Unknown;
            if (!HasStrong(words)) return TokenVerdict.Unknown;
            return HasVeto(words) ? TokenVerdict.NotToken : TokenVerdict.Token;
        }

        /// <summary>Member names that make a type a token carrier (a login response, a token DTO).</summary>
        public static bool IsTokenMemberName(string name)
        {
            switch (name)
            {
                case "Token":
                case "AccessToken":
                case "RefreshToken":
                case "IdToken":
                case "IDToken":
                case "Jwt":
                case "JwtToken":
                case "JWTToken":
                case "AuthToken":
                case "BearerToken":
                case "access_token":
                case "refresh_token":
                case "id_token":
                case "token":
                case "accessToken":
                case "refreshToken":
                case "idToken":
                case "jwt":
                case "authToken":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Three dot-separated base64url parts, the first a JSON header ("eyJ"): a JWT literal.</summary>
        public static bool IsJwtShaped(string text)
        {
            var s = text.Trim();
            if (s.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) s = s.Substring(7).TrimStart();
            if (!s.StartsWith("eyJ", StringComparison.Ordinal)) return false;
            var dots = 0;
            foreach (var c in s)
            {
                if (c == '.') dots++;
                else if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '=')) return false;
            }

            return dots == 2 || dots == 4;
        }

        private static bool HasStrong(List<string> words)
        {
            foreach (var word in words)
            {
                if (StrongWords.Contains(word) || IsCompound(word)) return true;
            }

            return false;
        }

        private static bool HasVeto(List<string> words) => Words.ContainsAny(words, VetoWords);

        private static bool IsCompound(string word)
        {
            // "accesstoken", "authtoken", "idtoken", "jwttoken": a lower-case name Words cannot split.
            if (word.Length <= 5 || !word.EndsWith("token", StringComparison.Ordinal)) return false;
            var prefix = word.Substring(0, word.Length - 5);
            foreach (var candidate in CompoundPrefixes)
            {
                if (prefix == candidate) return true;
            }

            return false;
        }
    }
}
