using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers
{
    /// <summary>
    /// <see cref="Compilation.GetTypeByMetadataName"/> memoized per compilation, shared by every rule: a lookup
    /// searches every referenced assembly, and twenty rules asking for the same types would pay that twenty times.
    /// The table dies with the compilation (weakly keyed), so nothing outlives it.
    /// </summary>
    internal static class TypeLookup
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>> Tables =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>>();

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>>.CreateValueCallback NewTable =
            _ => new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

        public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var table = Tables.GetValue(compilation, NewTable);
            if (table.TryGetValue(metadataName, out var type)) return type;
            return table.GetOrAdd(metadataName, compilation.GetTypeByMetadataName(metadataName));
        }
    }
}
