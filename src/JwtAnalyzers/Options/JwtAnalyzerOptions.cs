using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Options
{
    /// <summary>
    /// The one typed layer over .editorconfig options. Every key lives under <see cref="Prefix"/>; a
    /// rule-specific key (<c>jwt_analyzers.JWT020.sensitive_claim_names</c>) wins over the general one
    /// (<c>jwt_analyzers.sensitive_claim_names</c>). Unusable values fall back to the default.
    /// Every key read here must be listed in docs/configuration.md (a convention test checks it).
    /// </summary>
    internal static class JwtAnalyzerOptions
    {
        public const string Prefix = "jwt_analyzers.";

        /// <summary>Extra claim names (comma-separated) that JWT020 treats as sensitive.</summary>
        public const string SensitiveClaimNames = "sensitive_claim_names";

        /// <summary>JWT004: the longest lifetime a created token may have (TimeSpan; default 24 hours).</summary>
        public const string MaxTokenLifetime = "max_token_lifetime";

        /// <summary>JWT005: the largest acceptable ClockSkew (TimeSpan; default 5 minutes, the library default).</summary>
        public const string MaxClockSkew = "max_clock_skew";

        public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(24);
        public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

        /// <summary>All keys, for the documentation convention test.</summary>
        public static readonly ImmutableArray<string> AllKeys = ImmutableArray.Create(SensitiveClaimNames, MaxTokenLifetime, MaxClockSkew);

        /// <summary>The rules whose rule-specific keys (<c>jwt_analyzers.JWTnnn.key</c>) are read for each key.</summary>
        public static ImmutableArray<string> RulesReading(string key) => key switch
        {
            MaxTokenLifetime => ImmutableArray.Create(DiagnosticIds.TokenLifetimeExceedsMaximum),
            MaxClockSkew => ImmutableArray.Create(DiagnosticIds.ClockSkewTooLarge),
            SensitiveClaimNames => ImmutableArray.Create(DiagnosticIds.SensitiveClaim),
            _ => ImmutableArray<string>.Empty,
        };

        /// <summary>
        /// Checks one raw value: null when usable, else what was expected and the default (for JWT000).
        /// </summary>
        public static (string Expected, string Default)? Problem(string key, string raw) => key switch
        {
            MaxTokenLifetime when !TryParseTimeSpan(raw, out _) => ("a positive duration such as 01:00:00 or 90m", "24:00:00, 24 hours"),
            MaxClockSkew when !TryParseTimeSpan(raw, out _, allowZero: true) => ("a duration such as 00:05:00 or 2m", "00:05:00"),
            _ => null,
        };

        /// <summary>The raw value for a key whose two names are composed once (<see cref="Key"/>), rule-specific first; null when unset.</summary>
        public static string? GetRaw(AnalyzerOptions options, SyntaxTree tree, Key key)
        {
            var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            if (config.TryGetValue(key.Specific, out var specific) && !string.IsNullOrWhiteSpace(specific)) return specific.Trim();
            if (config.TryGetValue(key.General, out var general) && !string.IsNullOrWhiteSpace(general)) return general.Trim();
            return null;
        }

        /// <summary>A comma-separated list; empty entries dropped, case kept.</summary>
        public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, Key key)
        {
            var raw = GetRaw(options, tree, key);
            if (raw is null) return ImmutableArray<string>.Empty;
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in raw.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0) builder.Add(trimmed);
            }

            return builder.ToImmutable();
        }

        /// <summary>A TimeSpan (<c>01:00:00</c>, or a number with unit: <c>90m</c>, <c>2h</c>, <c>1d</c>); default when unusable.</summary>
        public static TimeSpan GetTimeSpan(AnalyzerOptions options, SyntaxTree tree, Key key, TimeSpan defaultValue, bool allowZero = false)
            => TryParseTimeSpan(GetRaw(options, tree, key), out var value, allowZero) ? value : defaultValue;

        /// <summary>Parses a duration; negative values (and zero unless <paramref name="allowZero"/>) are unusable.</summary>
        public static bool TryParseTimeSpan(string? raw, out TimeSpan value, bool allowZero = false)
        {
            value = default;
            if (raw is null) return false;
            // "24:00:00" means 24 hours to a reader, but TimeSpan.TryParse reads it as 24 days: read h:mm[:ss] ourselves.
            var parts = raw.Split(':');
            if (parts.Length is 2 or 3 && raw.IndexOf('.') < 0)
            {
                if (!int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hours)
                    || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) || minutes > 59)
                {
                    return false;
                }

                var seconds = 0;
                if (parts.Length == 3 && (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds > 59)) return false;
                value = new TimeSpan(hours, minutes, seconds);
                return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero);
            }

            if (TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out value)) return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero);
            if (raw.Length < 2) return false;
            var unit = raw[raw.Length - 1];
            if (!double.TryParse(raw.Substring(0, raw.Length - 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount) || amount < 0 || (amount == 0 && !allowZero)) return false;
            switch (char.ToLowerInvariant(unit))
            {
                case 's': value = TimeSpan.FromSeconds(amount); return true;
                case 'm': value = TimeSpan.FromMinutes(amount); return true;
                case 'h': value = TimeSpan.FromHours(amount); return true;
                case 'd': value = TimeSpan.FromDays(amount); return true;
                default: return false;
            }
        }

        /// <summary>
        /// A key's rule-specific name (<c>jwt_analyzers.JWT020.sensitive_claim_names</c>) and general name, composed
        /// once: a rule that reads its option per file (JWT020) keeps one instead of building both names per read.
        /// </summary>
        internal sealed class Key
        {
            public Key(string ruleId, string key)
            {
                Specific = Prefix + ruleId + "." + key;
                General = Prefix + key;
            }

            public string Specific { get; }

            public string General { get; }
        }
    }
}
