using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// `dotnet format analyzers` runs Fix All in solution scope with the equivalence key of the action registered
    /// for the FIRST diagnostic of an id (null when that diagnostic's shape has no fix), and applies only one
    /// provider per id. These tests replay that: a shape without a fix comes first, and the fixable ones after it
    /// must still be fixed.
    /// </summary>
    public class DotnetFormatFixAllTests
    {
        [Fact]
        public async Task Jwt045_DiscardedResultFirst_StillFixesUsedResult()
        {
            var fixedSource = await FormatAsync(
                new JwtAnalyzers.Validation.IgnoredValidationResultAnalyzer(),
                new JwtAnalyzers.CodeFixes.Validation.CheckValidationResultCodeFixProvider(),
                "JWT045",
                @"using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

class C
{
    private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler();

    public async Task Discard(string token, TokenValidationParameters parameters)
    {
        await _handler.ValidateTokenAsync(token, parameters);
    }

    public async Task<string?> Use(string token, TokenValidationParameters parameters)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        return result.ClaimsIdentity.Name;
    }
}");
            Assert.Contains("if (!result.IsValid)", fixedSource);
            Assert.Contains("        await _handler.ValidateTokenAsync(token, parameters);\n", fixedSource);
        }

        [Fact]
        public async Task Jwt011_ConstantKeyFirst_StillLengthensGeneratedBuffer()
        {
            var fixedSource = await FormatAsync(
                new JwtAnalyzers.Keys.ShortHmacKeyAnalyzer(),
                new JwtAnalyzers.CodeFixes.Keys.LengthenGeneratedKeyCodeFixProvider(),
                "JWT011",
                @"using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

static class C
{
    public static SecurityKey Constant() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(""legacy-key""));

    public static SigningCredentials Generated()
    {
        var bytes = new byte[32];
        RandomNumberGenerator.Fill(bytes);
        var key = new SymmetricSecurityKey(bytes);
        return new SigningCredentials(key, SecurityAlgorithms.HmacSha512);
    }
}");
            Assert.Contains("var bytes = new byte[64];", fixedSource);
            Assert.Contains("\"legacy-key\"", fixedSource);
        }

        [Fact]
        public async Task Jwt040_OneProviderFixesRequireSignedTokensAndNoneAlgorithm_AfterUnfixableShape()
        {
            var fixedSource = await FormatAsync(
                new JwtAnalyzers.Validation.UnsignedTokensAnalyzer(),
                new JwtAnalyzers.CodeFixes.Validation.UnsignedTokensCodeFixProvider(),
                "JWT040",
                @"using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

class C
{
    string Unsigned(Claim[] claims) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(""https://auth.example.com"", ""api"", claims, expires: DateTime.UtcNow.AddMinutes(15)));

    TokenValidationParameters Create() => new TokenValidationParameters
    {
        RequireSignedTokens = false,
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.None },
    };
}");
            Assert.Contains("RequireSignedTokens = true,", fixedSource);
            Assert.Contains("ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },", fixedSource);
        }

        [Fact]
        public async Task Jwt010_ConstantSharedByTwoSinks_FixedOnce()
        {
            var fixedSource = await FormatAsync(
                new JwtAnalyzers.Keys.HardCodedSigningKeyAnalyzer(),
                new JwtAnalyzers.CodeFixes.Keys.LoadSigningKeyFromConfigurationCodeFixProvider(),
                "JWT010",
                @"using System;
using System.Text;
using Microsoft.IdentityModel.Tokens;

static class C
{
    private const string SigningSecret = ""my-super-secret-signing-key-for-the-demo-api"";

    static SecurityKey First() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningSecret));
    static string Jose(object payload) => global::Jose.JWT.Encode(payload, Encoding.UTF8.GetBytes(SigningSecret), global::Jose.JwsAlgorithm.HS256);
}");
            Assert.Contains("private static readonly string SigningSecret = Environment.GetEnvironmentVariable(\"JWT_SIGNING_KEY\") ?? throw", fixedSource);
        }

        [Theory]
        [InlineData("JWT041", "ValidateIssuer = true")]
        [InlineData("JWT042", "ValidateAudience = true")]
        public async Task OneAnalyzerForAllRules_FirstDiagnosticOfAnotherId_StillFixesThisId(string id, string expected)
        {
            // The first diagnostic is JWT002 (ValidateLifetime), fixed by the same provider under another key, and a
            // JWT005 (ClockSkew) nobody fixes with this provider; the id being fixed comes after both.
            var fixedSource = await FormatAsync(
                new JwtAnalyzer(),
                new JwtAnalyzers.CodeFixes.Validation.EnableValidationFlagCodeFixProvider(),
                id,
                @"using System;
using Microsoft.IdentityModel.Tokens;

class C
{
    public TokenValidationParameters Parameters() => new TokenValidationParameters
    {
        ValidateLifetime = false,
        ClockSkew = TimeSpan.FromHours(2),
        ValidateIssuer = false,
        ValidateAudience = false,
    };
}",
                wholeResult: true);
            Assert.Contains(expected, fixedSource);
            Assert.Contains("ValidateLifetime = false", fixedSource); // another id: not this Fix All's business
        }

        /// <summary>What dotnet format does for one id, returning the fixed text (which must compile and be free of the id).</summary>
        private static async Task<string> FormatAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string id, string source, bool wholeResult = false)
        {
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            var solution = workspace.CurrentSolution
                .AddProject(projectId, "P", "P", LanguageNames.CSharp)
                .WithProjectCompilationOptions(projectId, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.CSharp12))
                .AddMetadataReferences(projectId, References.All)
                .AddDocument(documentId, "Test.cs", SourceText.From(source.Replace("\r\n", "\n")));
            var project = solution.GetProject(projectId)!;
            // dotnet format's analysis result holds every id the analyzer reported (the package's one analyzer
            // reports them all); it takes the key from the first diagnostic in it, whatever its id.
            var diagnostics = await DiagnosticsAsync(project, analyzer, wholeResult ? null : id);
            Assert.NotEmpty(diagnostics);

            var first = diagnostics[0];
            var document = solution.GetDocument(first.Location.SourceTree)!;
            CodeAction? action = null;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => action ??= a, CancellationToken.None));
            var fixAll = new FixAllContext(document, fixer, FixAllScope.Solution, action?.EquivalenceKey!, new[] { id }, new Provider(project, diagnostics), CancellationToken.None);
            var fixAllAction = await fixer.GetFixAllProvider()!.GetFixAsync(fixAll);
            Assert.NotNull(fixAllAction);
            var operations = await fixAllAction!.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;

            var fixedProject = changed.GetProject(projectId)!;
            var compilation = (await fixedProject.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var text = (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();
            return text;
        }

        private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, DiagnosticAnalyzer analyzer, string? id)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var all = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
            return all.Where(d => id is null || d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly Project _project;
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public Provider(Project project, ImmutableArray<Diagnostic> diagnostics)
            {
                _project = project;
                _diagnostics = diagnostics;
            }

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => GetProjectDiagnosticsAsync(project, cancellationToken);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToArray());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(project.Id == _project.Id ? _diagnostics : Enumerable.Empty<Diagnostic>());
        }
    }
}
