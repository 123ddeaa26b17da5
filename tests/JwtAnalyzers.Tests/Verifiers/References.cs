using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace JwtAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The one place that assembles what test code compiles against: the .NET 8 and ASP.NET Core 8 reference
    /// packs plus the real packages users reference (never hand-written stand-ins), taken from the NuGet cache
    /// that restore filled (see the PackageDownload items of the test project). Blazored storage is the only
    /// stand-in (<see cref="BlazoredStandIn"/>): the registry here does not serve it.
    /// </summary>
    internal static class References
    {
        private static readonly string PackageRoot = typeof(References).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;

        // (package id, version, asset folder): the net8.0 asset where there is one, else the netstandard one.
        private static readonly (string Id, string Version, string Folder)[] Libraries =
        {
            ("microsoft.identitymodel.abstractions", "8.23.0", "lib/net8.0"),
            ("microsoft.identitymodel.logging", "8.23.0", "lib/net8.0"),
            ("microsoft.identitymodel.tokens", "8.23.0", "lib/net8.0"),
            ("microsoft.identitymodel.jsonwebtokens", "8.23.0", "lib/net8.0"),
            ("system.identitymodel.tokens.jwt", "8.23.0", "lib/net8.0"),
            ("microsoft.identitymodel.protocols", "8.23.0", "lib/net8.0"),
            ("microsoft.identitymodel.protocols.openidconnect", "8.23.0", "lib/net8.0"),
            ("microsoft.aspnetcore.authentication.jwtbearer", "8.0.11", "lib/net8.0"),
            ("microsoft.aspnetcore.authentication.openidconnect", "8.0.31", "lib/net8.0"),
            ("jwt", "7.3.1", "lib/netstandard2.0"),
            ("jose-jwt", "5.3.0", "lib/net6.0"),
            ("newtonsoft.json", "13.0.3", "lib/net6.0"),
        };

        /// <summary>No reference package: every assembly comes from <see cref="Net80"/> or <see cref="JwtLibraries"/>.</summary>
        public static readonly ReferenceAssemblies None = new ReferenceAssemblies("net8.0");

        /// <summary>The .NET 8 base library alone: code that references no JWT library at all.</summary>
        public static readonly ImmutableArray<MetadataReference> Net80 = FromFolder("microsoft.netcore.app.ref", "8.0.0", "ref/net8.0");

        /// <summary>ASP.NET Core 8's shared framework (JSInterop, cookies, hosting, configuration) and the JWT libraries.</summary>
        public static readonly ImmutableArray<MetadataReference> JwtLibraries = FromFolder("microsoft.aspnetcore.app.ref", "8.0.0", "ref/net8.0")
            .AddRange(Libraries.SelectMany(l => FromFolder(l.Id, l.Version, l.Folder)));

        /// <summary>
        /// Blazored.LocalStorage and Blazored.SessionStorage stand-ins, each compiled once into an assembly of the
        /// real package's name (the analyzers look for a library's types in its own assembly).
        /// </summary>
        public static readonly ImmutableArray<MetadataReference> Blazored = ImmutableArray.Create(
            CompileBlazored("Blazored.LocalStorage", BlazoredStandIn.LocalStorageSource),
            CompileBlazored("Blazored.SessionStorage", BlazoredStandIn.SessionStorageSource));

        public static readonly ImmutableArray<MetadataReference> All = Net80.AddRange(JwtLibraries).AddRange(Blazored);

        /// <summary>Microsoft.Bcl.Cryptography, which brings X509CertificateLoader to .NET 8 (TypeLookupTests only).</summary>
        public static ImmutableArray<MetadataReference> BclCryptography => FromFolder("microsoft.bcl.cryptography", "10.0.2", "lib/net8.0");

        private static MetadataReference CompileBlazored(string assemblyName, string source)
        {
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                assemblyName,
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source) },
                Net80,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException("Blazored stand-in does not compile: " + string.Join("; ", result.Diagnostics));
            }

            return MetadataReference.CreateFromImage(stream.ToArray(), filePath: assemblyName + ".dll");
        }

        private static ImmutableArray<MetadataReference> FromFolder(string id, string version, string folder)
        {
            var path = Path.Combine(PackageRoot, id, version, folder);
            if (!Directory.Exists(path))
            {
                throw new InvalidOperationException($"'{path}' is missing: restore the test project (its PackageDownload items fetch it).");
            }

            return Directory.GetFiles(path, "*.dll")
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToImmutableArray();
        }
    }
}
