using System.Collections.Generic;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Splits names into lower-case words: camelCase, PascalCase, snake_case, kebab-case, dotted and spaced
    /// names, and the last segment of URI claim types. Rules match on words, never on substrings, so
    /// "Passport" is not "pass" and "Tokenizer" is not "token".
    /// </summary>
    internal static class Words
    {
        public static List<string> Split(string? text)
        {
            var words = new List<string>();
            if (string.IsNullOrEmpty(text)) return words;
            var s = text!;

            // URI claim types ("http://schemas.xmlsoap.org/.../claims/name"): only the last segment names the claim.
            if (s.IndexOf("://", System.StringComparison.Ordinal) >= 0)
            {
                var slash = s.TrimEnd('/').LastIndexOf('/');
                if (slash >= 0) s = s.Substring(slash + 1);
            }

            var current = new System.Text.StringBuilder();
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush(current, words);
                    continue;
                }

                if (current.Length > 0)
                {
                    var previous = s[i - 1];
                    var upperAfterLower = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous));
                    // "JWTToken" -> "jwt", "token": an upper letter followed by a lower one starts a word.
                    var acronymEnd = char.IsUpper(c) && char.IsUpper(previous) && i + 1 < s.Length && char.IsLower(s[i + 1]);
                    var letterAfterDigit = char.IsLetter(c) && char.IsDigit(previous);
                    if (upperAfterLower || acronymEnd || letterAfterDigit) Flush(current, words);
                }

                current.Append(char.ToLowerInvariant(c));
            }

            Flush(current, words);
            return words;
        }

        /// <summary>True when <paramref name="words"/> contains <paramref name="phrase"/> as consecutive words.</summary>
        public static bool ContainsPhrase(List<string> words, string[] phrase)
        {
            for (var i = 0; i + phrase.Length <= words.Count; i++)
            {
                var match = true;
                for (var j = 0; j < phrase.Length; j++)
                {
                    if (words[i + j] != phrase[j])
                    {
                        match = false;
                        break;
                    }
                }

                if (match) return true;
            }

            return false;
        }

        /// <summary>True when any word of <paramref name="words"/> is in <paramref name="set"/>.</summary>
        public static bool ContainsAny(List<string> words, HashSet<string> set)
        {
            foreach (var word in words)
            {
                if (set.Contains(word)) return true;
            }

            return false;
        }

        private static void Flush(System.Text.StringBuilder current, List<string> words)
        {
            if (current.Length == 0) return;
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
