using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>
    /// Analyzers hold no hidden state: the same compilation gives the same diagnostics with concurrent execution on
    /// and off, and when the same analyzer instances run twice (as they do in an IDE session).
    /// </summary>
    public class DeterminismTests
    {
        [Fact]
        public async Task SampleSources_SameDiagnostics_ConcurrentOrNot_AndOnASecondRun()
        {
            var compilation = SampleCompilation();
            var analyzers = Catalogue.Shipped;

            var concurrent = await Run(compilation, analyzers, concurrent: true);
            var sequential = await Run(compilation, analyzers, concurrent: false);
            var again = await Run(compilation, analyzers, concurrent: true);

            Assert.NotEmpty(concurrent);
            Assert.Equal(concurrent, sequential);
            Assert.Equal(concurrent, again);
        }

        internal static CSharpCompilation SampleCompilation()
        {
            var folder = Path.Combine(Catalogue.RepositoryRoot, "samples", "JwtAnalyzers.Sample", "Rules");
            var trees = Directory.GetFiles(folder, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.CSharp12), path: f))
                .Append(CSharpSyntaxTree.ParseText(
                    "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading.Tasks; "
                    + "global using Microsoft.AspNetCore.Builder; global using Microsoft.AspNetCore.Hosting; global using Microsoft.AspNetCore.Http; "
                    + "global using Microsoft.Extensions.Configuration; global using Microsoft.Extensions.DependencyInjection; global using Microsoft.Extensions.Hosting; "
                    + "global using Microsoft.Extensions.Logging;",
                    new CSharpParseOptions(LanguageVersion.CSharp12), path: "GlobalUsings.cs"));
            return CSharpCompilation.Create("Sample", trees, References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        }

        private static async Task<string[]> Run(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent)
        {
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrent, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}").OrderBy(s => s, StringComparer.Ordinal).ToArray();
        }
    }
}
