using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers
{
    /// <summary>
    /// <see cref="Compilation.GetTypeByMetadataName"/> memoized per compilation and shared by every rule. That call
    /// searches every reference (some 200 in an ASP.NET Core project), so a type is looked for where it can be first:
    /// a library's type in that library's assembly when it is referenced (else only in the compilation's own source,
    /// as most projects reference none of these libraries); a framework type in the assembly that usually holds it;
    /// an ASP.NET Core or Microsoft.Extensions type only in source when no assembly of that family is referenced.
    /// The table dies with the compilation (weakly keyed), so nothing outlives it.
    /// </summary>
    internal static class TypeLookup
    {
        /// <summary>Namespace prefixes of the libraries, and the assembly every type under the prefix needs referenced.</summary>
        private static readonly (string Prefix, string Assembly)[] Libraries =
        {
            ("Microsoft.IdentityModel.Tokens.", "Microsoft.IdentityModel.Tokens"),
            ("Microsoft.IdentityModel.JsonWebTokens.", "Microsoft.IdentityModel.JsonWebTokens"),
            ("Microsoft.IdentityModel.Logging.", "Microsoft.IdentityModel.Logging"),
            ("System.IdentityModel.Tokens.Jwt.", "System.IdentityModel.Tokens.Jwt"),
            ("Microsoft.AspNetCore.Authentication.JwtBearer.", "Microsoft.AspNetCore.Authentication.JwtBearer"),
            ("Microsoft.AspNetCore.Authentication.OpenIdConnect.", "Microsoft.AspNetCore.Authentication.OpenIdConnect"),
            ("Microsoft.AspNetCore.Components.Authorization.", "Microsoft.AspNetCore.Components.Authorization"),
            ("Microsoft.AspNetCore.Components.WebAssembly.", "Microsoft.AspNetCore.Components.WebAssembly"),
            ("Microsoft.JSInterop.", "Microsoft.JSInterop"),
            ("JWT.", "JWT"),
            ("Jose.", "jose-jwt"),
            ("Blazored.LocalStorage.", "Blazored.LocalStorage"),
            ("Blazored.SessionStorage.", "Blazored.SessionStorage"),
        };

        /// <summary>
        /// Framework namespaces, and the assemblies of the .NET and ASP.NET Core reference packs that hold the types
        /// the rules ask for: looked in first, then (if the type is not there) the whole compilation. Only a hint,
        /// never a verdict: other targets (.NET Framework, netstandard) lay their types out differently. A "System."
        /// type not listed is looked for in the core library first.
        /// </summary>
        private static readonly (string Prefix, string[] Assemblies)[] FrameworkHints =
        {
            ("System.Security.Claims.", new[] { "System.Security.Claims" }),
            ("System.Security.Principal.", new[] { "System.Security.Claims" }),
            ("System.Security.Cryptography.", new[] { "System.Security.Cryptography" }),
            ("System.Threading.Thread", new[] { "System.Threading.Thread" }),
            ("Microsoft.AspNetCore.Http.", new[] { "Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Http.Features" }),
            ("Microsoft.AspNetCore.Mvc.", new[] { "Microsoft.AspNetCore.Mvc.Core" }),
            ("Microsoft.AspNetCore.Authentication.", new[] { "Microsoft.AspNetCore.Authentication.Abstractions", "Microsoft.AspNetCore.Authentication" }),
            ("Microsoft.AspNetCore.Authorization.", new[] { "Microsoft.AspNetCore.Authorization" }),
            ("Microsoft.Extensions.Configuration.", new[] { "Microsoft.Extensions.Configuration.Abstractions" }),
            ("Microsoft.Extensions.Hosting.", new[] { "Microsoft.Extensions.Hosting.Abstractions" }),
            ("Microsoft.Extensions.Logging.", new[] { "Microsoft.Extensions.Logging.Abstractions" }),
        };

        /// <summary>
        /// Types that only these assemblies ship, on every target: looked for there and in the compilation's own
        /// source, never in the whole compilation. X509CertificateLoader is in .NET 9 and later; on .NET 8 (the usual
        /// target) it is absent, and a search of every reference for it was a tenth of the rules' start work on
        /// IdentityServer4's sources (0.45 ms a compilation).
        /// </summary>
        private static readonly (string Name, string[] Assemblies)[] KnownHomes =
        {
            ("System.Security.Cryptography.X509Certificates.X509CertificateLoader", new[] { "System.Security.Cryptography", "Microsoft.Bcl.Cryptography" }),
        };

        /// <summary>Namespace families whose types always live in assemblies named after the family.</summary>
        private static readonly string[] Families = { "Microsoft.AspNetCore.", "Microsoft.Extensions." };

        private static readonly ConditionalWeakTable<Compilation, Table> Tables = new ConditionalWeakTable<Compilation, Table>();

        private static readonly ConditionalWeakTable<Compilation, Table>.CreateValueCallback NewTable = compilation => new Table(compilation);

        public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var table = Tables.GetValue(compilation, NewTable);
            if (table.Types.TryGetValue(metadataName, out var type)) return type;
            return table.Types.GetOrAdd(metadataName, table.Find(metadataName));
        }

        private sealed class Table
        {
            private readonly Compilation _compilation;
            private Dictionary<string, IAssemblySymbol>? _referencedAssemblies;

            public Table(Compilation compilation) => _compilation = compilation;

            public ConcurrentDictionary<string, INamedTypeSymbol?> Types { get; } = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

            public INamedTypeSymbol? Find(string metadataName)
            {
                foreach (var (prefix, assemblyName) in Libraries)
                {
                    if (!metadataName.StartsWith(prefix, StringComparison.Ordinal)) continue;

                    // Not referenced: the type can only be declared in this compilation's source.
                    if (!ReferencedAssemblies().TryGetValue(assemblyName, out var assembly)) return Found(_compilation.Assembly.GetTypeByMetadataName(metadataName));

                    // Referenced: the library's own assembly first, one search instead of one per reference; the
                    // whole compilation only if the type is not there (forwarded, or declared in source).
                    return Found(assembly.GetTypeByMetadataName(metadataName)) ?? _compilation.GetTypeByMetadataName(metadataName);
                }

                foreach (var (name, homes) in KnownHomes)
                {
                    if (!string.Equals(name, metadataName, StringComparison.Ordinal)) continue;
                    foreach (var assemblyName in homes)
                    {
                        if (ReferencedAssemblies().TryGetValue(assemblyName, out var home) && Found(home.GetTypeByMetadataName(metadataName)) is { } type) return type;
                    }

                    return Found(_compilation.Assembly.GetTypeByMetadataName(metadataName));
                }

                foreach (var (prefix, assemblyNames) in FrameworkHints)
                {
                    if (!metadataName.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    foreach (var assemblyName in assemblyNames)
                    {
                        if (ReferencedAssemblies().TryGetValue(assemblyName, out var assembly) && Found(assembly.GetTypeByMetadataName(metadataName)) is { } type) return type;
                    }

                    break;
                }

                // An ASP.NET Core or Microsoft.Extensions type needs an assembly of that family referenced (whatever its
                // layout): a console app or a class library without one searches only its own source.
                foreach (var family in Families)
                {
                    if (metadataName.StartsWith(family, StringComparison.Ordinal) && !ReferencesFamily(family))
                    {
                        return Found(_compilation.Assembly.GetTypeByMetadataName(metadataName));
                    }
                }

                if (metadataName.StartsWith("System.", StringComparison.Ordinal)
                    && _compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly is { } coreLibrary
                    && Found(coreLibrary.GetTypeByMetadataName(metadataName)) is { } core)
                {
                    return core;
                }

                return _compilation.GetTypeByMetadataName(metadataName);
            }

            private bool ReferencesFamily(string family)
            {
                foreach (var name in ReferencedAssemblies().Keys)
                {
                    if (name.StartsWith(family, StringComparison.OrdinalIgnoreCase)) return true;
                }

                return false;
            }

            private static INamedTypeSymbol? Found(INamedTypeSymbol? type) => type is null || type.TypeKind == TypeKind.Error ? null : type;

            private Dictionary<string, IAssemblySymbol> ReferencedAssemblies()
            {
                var assemblies = Volatile.Read(ref _referencedAssemblies);
                if (assemblies is null)
                {
                    assemblies = new Dictionary<string, IAssemblySymbol>(StringComparer.OrdinalIgnoreCase);
                    foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
                    {
                        if (!assemblies.ContainsKey(assembly.Identity.Name)) assemblies.Add(assembly.Identity.Name, assembly);
                    }

                    Volatile.Write(ref _referencedAssemblies, assemblies); // built again at worst by a racing thread: same answer
                }

                return assemblies;
            }
        }
    }
}
