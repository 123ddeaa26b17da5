using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>
    /// Incomplete code is the normal state of a file in an IDE. Every analyzer and every fixer is fed the sample's
    /// realistic sources truncated at many points, with spans deleted, stray tokens inserted and the JWT libraries
    /// missing; none may throw (an AD0001 is a bug) or hang.
    /// With <c>JWTANALYZERS_FUZZ_SOURCE</c> set to a folder, the same is done to every C# file under it (a real code
    /// base: <c>JWTANALYZERS_FUZZ_SOURCE=path/to/repo dotnet test --filter RobustnessTests</c>), and the folder is
    /// also analysed whole, as one compilation.
    /// </summary>
    public class RobustnessTests
    {
        private static readonly string[] StrayTokens = { "(", ")", "{", "}", ";", "=>", "new", "\"", "null", ",", "=", "?", "??", "[", "<", "@", "$\"" };

        private static string SourceFolder
            => Environment.GetEnvironmentVariable("JWTANALYZERS_FUZZ_SOURCE") is { Length: > 0 } folder
                ? Path.GetFullPath(folder)
                : Path.Combine(Catalogue.RepositoryRoot, "samples", "JwtAnalyzers.Sample", "Rules");

        private static IEnumerable<string> SourceFiles()
        {
            var separator = Path.DirectorySeparatorChar;
            return Directory.EnumerateFiles(SourceFolder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal);
        }

        public static TheoryData<string> SampleFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in SourceFiles())
            {
                data.Add(Path.GetRelativePath(SourceFolder, file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(SampleFiles))]
        public async Task MangledSampleCode_NeverThrowsOrHangs(string fileName)
        {
            var text = File.ReadAllText(Path.Combine(SourceFolder, fileName));
            var failures = new ConcurrentBag<string>();
            foreach (var (label, variant, references) in Variants(text))
            {
                await RunAsync(label, variant, references, failures);
            }

            Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(20)));
        }

        [Fact]
        public async Task WholeFolder_AnalysedAsOneCompilation_NeverThrows()
        {
            // Rules follow values across members and files of one compilation: the folder as one project.
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = SourceFiles().Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, f)).ToList();
            Assert.NotEmpty(trees);
            var failures = new ConcurrentBag<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var compilation = CSharpCompilation.Create("Folder", trees, References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Catalogue.Shipped, options).GetAnalyzerDiagnosticsAsync(timeout.Token);
            foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001")) failures.Add(diagnostic.GetMessage());
            Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(20)));
        }

        [Fact]
        public async Task PathologicalInputs_NeverThrowOrHang()
        {
            var failures = new ConcurrentBag<string>();
            var deep = "class C { object M() => " + string.Concat(Enumerable.Repeat("(", 400)) + "1" + string.Concat(Enumerable.Repeat(")", 400)) + "; }";
            var chain = "using Microsoft.IdentityModel.Tokens; class C { bool M(bool b) { var x0 = false; "
                + string.Concat(Enumerable.Range(1, 200).Select(i => $"var x{i} = x{i - 1}; "))
                + "var p = new TokenValidationParameters { ValidateLifetime = x200 }; return true; } }";
            var huge = "using Microsoft.IdentityModel.Tokens; using System.Text; class C { SecurityKey K = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\""
                + new string('k', 200_000) + "\")); }";
            var cycle = "using Microsoft.IdentityModel.Tokens; class C { static readonly bool A = B; static readonly bool B = A; "
                + "TokenValidationParameters P = new TokenValidationParameters { ValidateLifetime = A }; }";
            var generated = "// <auto-generated/>\n" + chain;
            foreach (var source in new[] { deep, chain, huge, cycle, generated, "", "#", "class", "using Microsoft.IdentityModel.Tokens; new TokenValidationParameters { ValidateLifetime = false" })
            {
                await RunAsync(source.Length > 40 ? source.Substring(0, 40) : source, source, References.All, failures);
            }

            Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures));
        }

        private static IEnumerable<(string Label, string Source, ImmutableArray<MetadataReference> References)> Variants(string text)
        {
            var random = new Random(20261128); // fixed seed: a failure reproduces
            yield return ("original without JWT libraries", text, References.Net80);
            const int cuts = 24;
            for (var i = 1; i <= cuts; i++)
            {
                var at = text.Length * i / (cuts + 1);
                yield return ($"truncated at {at}", text.Substring(0, at), References.All);
            }

            for (var i = 0; i < 16; i++)
            {
                var start = random.Next(text.Length);
                var length = Math.Min(text.Length - start, 1 + random.Next(40));
                yield return ($"deleted {start}+{length}", text.Remove(start, length), References.All);
            }

            for (var i = 0; i < 16; i++)
            {
                var at = random.Next(text.Length);
                var token = StrayTokens[random.Next(StrayTokens.Length)];
                yield return ($"inserted '{token}' at {at}", text.Insert(at, " " + token + " "), References.All);
            }
        }

        private static async Task RunAsync(string label, string source, ImmutableArray<MetadataReference> references, ConcurrentBag<string> failures)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: "Input.cs", cancellationToken: timeout.Token);
            var compilation = CSharpCompilation.Create("Fuzz", new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => failures.Add($"{label}: {analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var analyzers = Catalogue.Shipped;
            ImmutableArray<Diagnostic> diagnostics;
            try
            {
                diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                failures.Add($"{label}: analysis did not finish within 30 s");
                return;
            }

            foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
            {
                failures.Add($"{label}: {diagnostic.GetMessage()}");
            }

            await RunFixersAsync(label, source, references, diagnostics.Where(d => d.Id.StartsWith("JWT", StringComparison.Ordinal)).ToList(), failures, timeout.Token);
        }

        private static async Task RunFixersAsync(string label, string source, ImmutableArray<MetadataReference> references, List<Diagnostic> diagnostics, ConcurrentBag<string> failures, CancellationToken cancellationToken)
        {
            if (diagnostics.Count == 0) return;
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Fuzz", "Fuzz", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                metadataReferences: references));
            var document = workspace.AddDocument(project.Id, "Input.cs", SourceText.From(source));
            foreach (var diagnostic in diagnostics)
            {
                foreach (var fixer in Catalogue.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    try
                    {
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                        await fixer.RegisterCodeFixesAsync(context);
                        foreach (var action in actions)
                        {
                            await action.GetOperationsAsync(cancellationToken);
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures.Add($"{label}: {fixer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}");
                    }
                }
            }
        }
    }
}
