using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;

namespace JwtAnalyzers.Claims
{
    /// <summary>What kind of sensitive data a name denotes; decides which value types can carry it.</summary>
    internal enum SensitiveKind
    {
        /// <summary>Not sensitive.</summary>
        None,

        /// <summary>A secret that is text (password, client secret, API key): a number, a date or a flag so named is a fact about it.</summary>
        TextSecret,

        /// <summary>Personal data that may be a number (PIN, CVV, card number, SSN): only dates and flags are facts.</summary>
        PersonalData,

        /// <summary>A name configured in .editorconfig: only flags are facts.</summary>
        Configured,
    }

    /// <summary>What a claim's name says (<see cref="SensitiveNames.ClassifyClaimName"/>); the sensitive kinds share <see cref="SensitiveKind"/>'s values.</summary>
    internal enum ClaimNameKind
    {
        /// <summary>Neither sensitive nor about a secret.</summary>
        None = SensitiveKind.None,

        /// <summary>See <see cref="SensitiveKind.TextSecret"/>.</summary>
        TextSecret = SensitiveKind.TextSecret,

        /// <summary>See <see cref="SensitiveKind.PersonalData"/>.</summary>
        PersonalData = SensitiveKind.PersonalData,

        /// <summary>See <see cref="SensitiveKind.Configured"/>.</summary>
        Configured = SensitiveKind.Configured,

        /// <summary>Names an authentication method (<c>amr</c>).</summary>
        AuthenticationMethod,

        /// <summary>About a secret, but a fact about it ("password_changed_at", "HasPassword").</summary>
        FactAboutSecret,
    }

    /// <summary>
    /// The words that make a claim name, or the name of the member a claim value is read from, sensitive.
    /// Names are split into words (<see cref="Words.Split"/>) and matched on whole words and phrases, so
    /// "Passport" is not "pass", "Pinned" is not "pin" and "KeyId" is not a key. A name that also carries a
    /// fact word ("PasswordExpired", "password_changed_at", "HasPassword", "card_last4") describes a fact about
    /// the secret, not the secret, and is not sensitive.
    /// </summary>
    internal static class SensitiveNames
    {
        // Secrets that are text. "key" alone is not sensitive (kid, key id, cache key); a key named by its use is.
        internal static readonly string[][] TextSecrets =
        {
            new[] { "password" }, new[] { "passwd" }, new[] { "pwd" }, new[] { "passphrase" }, new[] { "passcode" }, new[] { "pass" },
            new[] { "pass", "phrase" }, new[] { "pass", "word" },
            new[] { "secret" }, new[] { "secrets" },
            new[] { "apikey" }, new[] { "api", "key" }, new[] { "privatekey" }, new[] { "private", "key" },
            new[] { "secretkey" }, new[] { "signing", "key" }, new[] { "encryption", "key" },
        };

        // Sensitive personal data, possibly numeric.
        internal static readonly string[][] PersonalData =
        {
            new[] { "ssn" }, new[] { "social", "security" }, new[] { "national", "id" }, new[] { "nationalid" },
            new[] { "national", "identification" }, new[] { "national", "insurance" }, new[] { "passport", "number" },
            new[] { "credit", "card" }, new[] { "creditcard" }, new[] { "card", "number" }, new[] { "cardnumber" },
            new[] { "cvv" }, new[] { "cvv2" }, new[] { "cvc" }, new[] { "cvc2" },
            new[] { "pin" }, new[] { "pincode" },
        };

        // Words that turn a name into a fact about the secret: when it changed or expires, whether it is set,
        // how long or strong it is, how often it failed, a hint or question about it, its last digits, its id.
        // "hash", "salt", "encrypted" and "hashed" are NOT facts: a password hash is still sensitive.
        private static readonly HashSet<string> FactWords = new HashSet<string>
        {
            "expired", "expires", "expiry", "expiration", "exp", "expire",
            "changed", "change", "changes", "updated", "update", "created", "modified", "rotated", "issued",
            "set", "required", "require", "reset", "needs", "need", "must", "should", "can", "has", "is", "was",
            "enabled", "disabled", "verified", "confirmed", "valid", "validity", "exists", "present", "missing",
            "length", "policy", "strength", "complexity", "rule", "rules", "regex", "pattern", "min", "max",
            "minimum", "maximum", "count", "attempt", "attempts", "failed", "failures", "tries", "retries",
            "last", "last4", "masked", "mask", "hint", "question", "questions", "type", "kind", "brand", "format",
            "at", "on", "date", "time", "timestamp", "age", "lifetime", "duration", "ttl",
            "status", "state", "version", "id", "ids", "name", "label", "flag", "locked", "lockout",
            "algorithm", "algo", "scheme", "method", "mode", "score", "grant", "flow",
            "used", "sent", "validated", "checked",
            "through", "by", "boarding",
        };

        internal static readonly HashSet<string> AuthenticationMethodWords = new HashSet<string> { "amr", "authenticationmethod", "authmethod" };

        // Names with a trigger (MayHaveListedWord) repeat across a code base too ("PasswordHash", "client_secret"): splitting a
        // name into words allocates, so the answers for the built-in lists are kept. A name's answer never changes; the tables are
        // capped together (MaxRemembered names in all) so that a process that sees many code bases does not grow them
        // without end.
        private const int MaxRemembered = 12288;
        private static readonly ConcurrentDictionary<string, SensitiveKind> BuiltInKinds = new ConcurrentDictionary<string, SensitiveKind>(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, ClaimNameKind> ClaimNames = new ConcurrentDictionary<string, ClaimNameKind>(StringComparer.Ordinal);
        private static int _remembered;

        /// <summary>The kind of sensitive data <paramref name="name"/> denotes, <see cref="SensitiveKind.None"/> when none.</summary>
        public static SensitiveKind Classify(string? name, ImmutableArray<string[]> configured)
        {
            if (name is null || !configured.IsDefaultOrEmpty) return Classify(Words.Split(name), configured, ignoreFacts: false);
            return MayHaveListedWord(name) ? Remembered(BuiltInKinds, name, static n => Classify(Words.Split(n), ImmutableArray<string[]>.Empty, ignoreFacts: false)) : SensitiveKind.None;
        }

        /// <summary>
        /// What a claim's name says, from one split of it (and, for the built-in lists, one look-up: every claim asks):
        /// an authentication method (<c>amr</c>: "pwd" there names a method), sensitive data of some kind, a fact about
        /// a secret ("password_changed_at", "HasPassword": the claim states a fact, and its value is not checked
        /// either), or none of these.
        /// </summary>
        public static ClaimNameKind ClassifyClaimName(string name, ImmutableArray<string[]> configured)
        {
            if (!configured.IsDefaultOrEmpty) return ClassifyClaimName(Words.Split(name), configured);
            return MayHaveListedWord(name) ? Remembered(ClaimNames, name, static n => ClassifyClaimName(Words.Split(n), ImmutableArray<string[]>.Empty)) : ClaimNameKind.None;
        }

        /// <summary>
        /// False when no word of the built-in lists can be in <paramref name="name"/>: every word <see cref="Words.Split"/>
        /// makes is a run of the name's characters lowered one by one with <see cref="char.ToLowerInvariant"/>, and
        /// every phrase of <see cref="TextSecrets"/> and <see cref="PersonalData"/>, and every authentication-method
        /// word, contains one of <see cref="Triggers"/>. So without a trigger the answer is "none" for the built-in
        /// lists, from one pass over the name's characters. Most names of a code base ("sub", "client_id",
        /// "subjectId") stop here instead of in a look-up table, whose memory a claim handler, called between the
        /// compiler's binding of other code, finds cold. <c>Claims/SensitiveNamesTests</c> checks the triggers against
        /// the lists, and the quick answer against the full one on every name of the repository's sources.
        /// </summary>
        internal static bool MayHaveListedWord(string name)
        {
            for (var i = 0; i < name.Length; i++)
            {
                var c = LowerInvariant(name[i]);
                if (c >= TriggersByStart.Length || TriggersByStart[c] is not { } triggers) continue;
                foreach (var trigger in triggers)
                {
                    if (StartsWithLowered(name, i, trigger)) return true;
                }
            }

            return false;
        }

        /// <summary>Each word of the built-in lists, and each authentication-method word, contains one of these.</summary>
        internal static readonly string[] Triggers = { "pass", "pwd", "secret", "key", "ssn", "social", "national", "card", "cvv", "cvc", "pin", "amr", "auth" };

        // The triggers by their first letter: most characters of a name start none, the others one to three.
        private static readonly string[]?[] TriggersByStart = ByStart(Triggers);

        private static string[]?[] ByStart(string[] triggers)
        {
            var byStart = new string[]?[128];
            foreach (var group in System.Linq.Enumerable.GroupBy(triggers, t => t[0])) byStart[group.Key] = System.Linq.Enumerable.ToArray(group);
            return byStart;
        }

        /// <summary><see cref="char.ToLowerInvariant"/>, without its call for ASCII (a Kelvin sign still lowers to "k").</summary>
        private static char LowerInvariant(char c)
            => c < 128 ? (c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c) : char.ToLowerInvariant(c);

        private static bool StartsWithLowered(string name, int start, string trigger)
        {
            if (start + trigger.Length > name.Length) return false;
            for (var j = 1; j < trigger.Length; j++)
            {
                if (LowerInvariant(name[start + j]) != trigger[j]) return false;
            }

            return true;
        }

        private static ClaimNameKind ClassifyClaimName(List<string> words, ImmutableArray<string[]> configured)
        {
            if (IsAuthenticationMethod(words)) return ClaimNameKind.AuthenticationMethod;
            var kind = Classify(words, configured, ignoreFacts: false);
            if (kind != SensitiveKind.None) return (ClaimNameKind)kind;
            return Classify(words, configured, ignoreFacts: true) != SensitiveKind.None ? ClaimNameKind.FactAboutSecret : ClaimNameKind.None;
        }

        private static SensitiveKind Classify(List<string> words, ImmutableArray<string[]> configured, bool ignoreFacts)
        {
            if (words.Count == 0 || IsAuthenticationMethod(words)) return SensitiveKind.None;
            if (Matches(words, TextSecrets, ignoreFacts)) return SensitiveKind.TextSecret;
            if (Matches(words, PersonalData, ignoreFacts)) return SensitiveKind.PersonalData;
            if (!configured.IsDefaultOrEmpty && Matches(words, configured, ignoreFacts)) return SensitiveKind.Configured;
            return SensitiveKind.None;
        }

        private static TValue Remembered<TValue>(ConcurrentDictionary<string, TValue> table, string name, Func<string, TValue> compute)
        {
            if (table.TryGetValue(name, out var known)) return known;
            var value = compute(name);
            // A count of our own: ConcurrentDictionary.Count takes every lock of the table.
            if (Volatile.Read(ref _remembered) < MaxRemembered && table.TryAdd(name, value)) Interlocked.Increment(ref _remembered);
            return value;
        }

        /// <summary>Each configured entry ("date of birth", "maiden_name") split into the words of its phrase.</summary>
        public static ImmutableArray<string[]> ParseConfigured(ImmutableArray<string> entries)
        {
            if (entries.IsDefaultOrEmpty) return ImmutableArray<string[]>.Empty;
            var builder = ImmutableArray.CreateBuilder<string[]>(entries.Length);
            foreach (var entry in entries)
            {
                var words = Words.Split(entry);
                if (words.Count > 0) builder.Add(words.ToArray());
            }

            return builder.ToImmutable();
        }

        internal static readonly string[][] AuthenticationMethodPhrases = { new[] { "authentication", "method" }, new[] { "auth", "method" } };

        private static bool IsAuthenticationMethod(List<string> words)
        {
            if (Words.ContainsAny(words, AuthenticationMethodWords)) return true;
            foreach (var phrase in AuthenticationMethodPhrases)
            {
                if (Words.ContainsPhrase(words, phrase)) return true;
            }

            return false;
        }

        /// <summary>What <see cref="ClassifyClaimName(string, ImmutableArray{string[]})"/> answers, worked out in full (no table, no trigger pass): for tests.</summary>
        internal static ClaimNameKind ClassifyClaimNameInFull(string name, ImmutableArray<string[]> configured) => ClassifyClaimName(Words.Split(name), configured);

        /// <summary>What <see cref="Classify(string?, ImmutableArray{string[]})"/> answers, worked out in full: for tests.</summary>
        internal static SensitiveKind ClassifyInFull(string name, ImmutableArray<string[]> configured) => Classify(Words.Split(name), configured, ignoreFacts: false);

        private static bool Matches(List<string> words, IReadOnlyList<string[]> phrases, bool ignoreFacts)
        {
            for (var p = 0; p < phrases.Count; p++)
            {
                var phrase = phrases[p];
                for (var i = 0; i + phrase.Length <= words.Count; i++)
                {
                    if (!MatchesAt(words, phrase, i)) continue;
                    // "pass" is a password only as the last word: "userPass", "db_pass"; not "PassThrough".
                    if (phrase.Length == 1 && phrase[0] == "pass" && i != words.Count - 1) continue;
                    if (ignoreFacts || !HasFactWordOutside(words, i, phrase.Length)) return true;
                }
            }

            return false;
        }

        private static bool MatchesAt(List<string> words, string[] phrase, int start)
        {
            for (var j = 0; j < phrase.Length; j++)
            {
                if (words[start + j] != phrase[j]) return false;
            }

            return true;
        }

        private static bool HasFactWordOutside(List<string> words, int start, int length)
        {
            for (var i = 0; i < words.Count; i++)
            {
                if (i >= start && i < start + length) continue;
                if (FactWords.Contains(words[i])) return true;
            }

            return false;
        }
    }
}
