using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using JwtAnalyzers.Tests.Conventions;
using Xunit;

namespace JwtAnalyzers.Tests.Packaging
{
    /// <summary>The package as users get it: contents, metadata, and loadability in the .NET 8 SDK's compiler.</summary>
    [Collection(RepositoryBuilds.Name)]
    public class PackageTests
    {
        private static readonly Version MaxRoslyn = new Version(4, 8, 0, 0);

        [Theory]
        [InlineData(typeof(JwtAnalyzers.Descriptors))]
        [InlineData(typeof(JwtAnalyzers.CodeFixes.CodeFixKeys))]
        public void ShippedAssembly_ReferencesNoRoslynNewerThan48_AndTargetsNetStandard20(Type typeInAssembly)
        {
            var assembly = typeInAssembly.Assembly;
            var roslyn = assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(roslyn);
            Assert.All(roslyn, a => Assert.True(a.Version <= MaxRoslyn, $"{assembly.GetName().Name} references {a.Name} {a.Version}: the .NET 8 SDK's compiler (Roslyn 4.8) cannot load it"));
            Assert.Contains(assembly.GetReferencedAssemblies(), a => a.Name == "netstandard" && a.Version == new Version(2, 0, 0, 0));
        }

        [Fact]
        public void PackedNupkg_ContainsBothAnalyzerAssembliesAndNothingThatFlowsToConsumers()
        {
            var output = Path.Combine(Path.GetTempPath(), "jwtanalyzers-pack-" + Guid.NewGuid().ToString("N"));
            try
            {
                var project = Path.Combine(Catalogue.RepositoryRoot, "src", "JwtAnalyzers.Package", "JwtAnalyzers.Package.csproj");
                var (exitCode, log) = Run("dotnet", $"pack \"{project}\" -c Release -o \"{output}\" -p:PackageOutputPath=\"{output}\"");
                Assert.True(exitCode == 0, log);

                var nupkg = Directory.GetFiles(output, "JwtAnalyzers.*.nupkg").Single();
                using var zip = ZipFile.OpenRead(nupkg);
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("analyzers/dotnet/cs/JwtAnalyzers.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/JwtAnalyzers.CodeFixes.dll", entries);
                Assert.Contains("buildTransitive/JwtAnalyzers.props", entries);
                Assert.Contains("README.md", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
                Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && !e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal));

                var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
                using var stream = nuspecEntry.Open();
                var nuspec = XDocument.Load(stream);
                var ns = nuspec.Root!.GetDefaultNamespace();
                var metadata = nuspec.Root.Element(ns + "metadata")!;
                Assert.Equal("JwtAnalyzers", metadata.Element(ns + "id")!.Value);
                Assert.Equal("true", metadata.Element(ns + "developmentDependency")!.Value);
                Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
                Assert.Null(metadata.Element(ns + "icon"));
                Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "releaseNotes")?.Value));
                Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
                Assert.Empty(metadata.Elements(ns + "dependencies").Elements());
            }
            finally
            {
                if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            }
        }

        [Fact]
        public void BuildTransitiveProps_OnlyAddsAppSettingsAsAdditionalFiles()
        {
            var props = XDocument.Load(Path.Combine(Catalogue.RepositoryRoot, "src", "JwtAnalyzers.Package", "buildTransitive", "JwtAnalyzers.props"));
            var elements = props.Root!.Elements().ToList();
            Assert.All(elements, e => Assert.Equal("ItemGroup", e.Name.LocalName));
            var items = elements.SelectMany(e => e.Elements()).ToList();
            var item = Assert.Single(items);
            Assert.Equal("AdditionalFiles", item.Name.LocalName);
            Assert.Contains("appsettings*.json", item.Attribute("Include")!.Value, StringComparison.Ordinal);
        }

        private static (int ExitCode, string Log) Run(string file, string arguments)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Catalogue.RepositoryRoot,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "dotnet pack did not finish within 5 minutes");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
