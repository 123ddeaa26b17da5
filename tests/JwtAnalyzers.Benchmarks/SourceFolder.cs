using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Benchmarks
{
    /// <summary>
    /// A real code base as the benchmark's input (<c>--source=DIR</c>): its C# files and the assemblies it needs
    /// beyond .NET, ASP.NET Core and the JWT libraries (<c>--reference=</c>).
    /// </summary>
    internal static class SourceFolder
    {
        public static List<(string Path, string Text)> Read(string folder)
        {
            var separator = Path.DirectorySeparatorChar;
            return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllText(f)))
                .ToList();
        }

        /// <summary>
        /// The .dll files named or found in the named folders, except those whose file name is already referenced
        /// (a package folder that carries its own copy of a JWT library must not add it a second time).
        /// </summary>
        public static ImmutableArray<MetadataReference> References(IEnumerable<string> paths, ImmutableArray<MetadataReference> existing)
        {
            var seen = new HashSet<string>(existing.OfType<PortableExecutableReference>().Select(r => Path.GetFileName(r.FilePath!)), StringComparer.OrdinalIgnoreCase);
            var result = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (var path in paths)
            {
                var dlls = Directory.Exists(path) ? Directory.GetFiles(path, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToArray() : new[] { path };
                foreach (var dll in dlls)
                {
                    if (seen.Add(Path.GetFileName(dll))) result.Add(MetadataReference.CreateFromFile(dll));
                }
            }

            return result.ToImmutable();
        }

        /// <summary>With <c>--implicit-usings</c>, the global usings that the Web SDK generates for a project with ImplicitUsings on.</summary>
        public static List<(string Path, string Text)> WithGlobalUsings(List<(string Path, string Text)> files, bool implicitUsings)
        {
            if (!implicitUsings) return files;
            var namespaces = new[]
            {
                "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading",
                "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
                "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
                "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
            };
            var globalUsings = string.Concat(namespaces.Select(n => $"global using global::{n};\n"));
            return files.Append(("GlobalUsings.g.cs", globalUsings)).ToList();
        }
    }
}
