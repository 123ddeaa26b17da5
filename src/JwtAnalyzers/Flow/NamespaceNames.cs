using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Namespace comparisons by name without building the namespace's display string: <c>ToDisplayString()</c>
    /// allocates a string per call, and these checks run on every call a rule looks at.
    /// </summary>
    internal static class NamespaceNames
    {
        /// <summary>True when <paramref name="ns"/> is the namespace <paramref name="dotted"/> ("System.Text"; "" for the global one).</summary>
        public static bool Is(INamespaceSymbol? ns, string dotted) => ns is not null && Matches(ns, dotted, dotted.Length);

        /// <summary>
        /// True when <paramref name="ns"/> is the namespace <paramref name="dotted"/> or one nested in it
        /// ("Microsoft.AspNetCore" holds "Microsoft.AspNetCore.Http", not "Microsoft.AspNetCoreX").
        /// </summary>
        public static bool IsWithin(INamespaceSymbol? ns, string dotted)
        {
            for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                if (Matches(current, dotted, dotted.Length)) return true;
            }

            return false;
        }

        /// <summary>True when the full name of <paramref name="type"/> is <paramref name="fullName"/> ("System.Text.Encoding"; no generic arity).</summary>
        public static bool IsType(ITypeSymbol? type, string fullName)
        {
            if (type is null) return false;
            var dot = fullName.LastIndexOf('.');
            var name = type.Name;
            if (name.Length != fullName.Length - dot - 1 || string.CompareOrdinal(name, 0, fullName, dot + 1, name.Length) != 0) return false;
            return type.ContainingNamespace is { } ns && Matches(ns, fullName, dot < 0 ? 0 : dot);
        }

        // Whether ns is exactly dotted[0..end), compared from the innermost name outwards.
        private static bool Matches(INamespaceSymbol ns, string dotted, int end)
        {
            var current = ns;
            while (!current.IsGlobalNamespace)
            {
                var name = current.Name;
                var start = end - name.Length;
                if (start < 0 || string.CompareOrdinal(name, 0, dotted, start, name.Length) != 0) return false;
                if (start > 0 && dotted[start - 1] != '.') return false;
                end = start == 0 ? 0 : start - 1;
                if (start == 0)
                {
                    // All of dotted is used: only the global namespace may be left.
                    return current.ContainingNamespace is null || current.ContainingNamespace.IsGlobalNamespace;
                }

                current = current.ContainingNamespace;
                if (current is null) return false;
            }

            return end == 0;
        }
    }
}
