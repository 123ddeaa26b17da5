using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

using JwtAnalyzers.CodeFixes.Scope;

namespace JwtAnalyzers.CodeFixes.Logging
{
    /// <summary>
    /// JWT051: when a host environment is reachable at the statement (an <c>IHostEnvironment</c>/<c>IWebHostEnvironment</c>
    /// parameter, local, field or property, <c>builder.Environment</c> of a <c>WebApplicationBuilder</c>,
    /// <c>app.Environment</c> of a <c>WebApplication</c>, <c>context.HostingEnvironment</c> of a <c>HostBuilderContext</c>),
    /// wraps the assignment in <c>if (env.IsDevelopment()) { ... }</c>; otherwise removes it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GuardSecurityLoggingCodeFixProvider)), Shared]
    public sealed class GuardSecurityLoggingCodeFixProvider : CodeFixProvider
    {
        private const string HostingNamespace = "Microsoft.Extensions.Hosting";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SecurityArtifactsLogged);

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Id != DiagnosticIds.SecurityArtifactsLogged) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment?.Parent is not ExpressionStatementSyntax statement) continue;
                if (statement.Parent is not BlockSyntax && statement.Parent is not GlobalStatementSyntax) continue;

                var environment = FindEnvironment(model, statement, context.CancellationToken);
                var title = environment is null
                    ? "Remove the assignment"
                    : "Only in development: wrap in 'if (" + environment + ".IsDevelopment())'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixAsync(context.Document, statement, environment, ct), CodeFixKeys.GuardSecurityLogging),
                    diagnostic);
            }
        }

        /// <summary>The expression of a host environment usable at the statement, or null.</summary>
        internal static string? FindEnvironment(SemanticModel model, StatementSyntax statement, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var hostEnvironment = compilation.GetTypeByMetadataName(HostingNamespace + ".IHostEnvironment");
            if (hostEnvironment is null) return null;
            var builderType = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
            var appType = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            var hostContext = compilation.GetTypeByMetadataName(HostingNamespace + ".HostBuilderContext");

            string? best = null;
            var bestRank = int.MaxValue;
            foreach (var (symbol, type) in UsableSymbols.At(model, statement.SpanStart, cancellationToken))
            {
                var rank = symbol is ILocalSymbol or IParameterSymbol ? 0 : 1;
                string? expression = null;
                if (UsableSymbols.Implements(type, hostEnvironment))
                {
                    expression = symbol.Name;
                }
                else if (IsType(type, builderType) || IsType(type, appType))
                {
                    expression = symbol.Name + ".Environment";
                    rank += 2;
                }
                else if (IsType(type, hostContext))
                {
                    expression = symbol.Name + ".HostingEnvironment";
                    rank += 4;
                }

                if (expression is null || !SyntaxFacts.IsValidIdentifier(symbol.Name) || rank >= bestRank) continue;
                best = expression;
                bestRank = rank;
            }

            return best;
        }

        private static bool IsType(ITypeSymbol? type, INamedTypeSymbol? expected)
            => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

        private static async Task<Document> FixAsync(Document document, ExpressionStatementSyntax statement, string? environment, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            if (environment is null)
            {
                SyntaxNode target = statement.Parent is GlobalStatementSyntax global ? global : statement;
                var removed = root.RemoveNode(target, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                return removed is null ? document : document.WithSyntaxRoot(removed);
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var condition = SyntaxFactory.ParseExpression(environment + ".IsDevelopment()");
            var needsUsing = model is not null
                && model.GetSpeculativeSymbolInfo(statement.SpanStart, condition, SpeculativeBindingOption.BindAsExpression).Symbol is null;

            var endOfLine = SyntaxFactory.ElasticEndOfLine(EndOfLineOf(root));
            var guarded = SyntaxFactory.IfStatement(
                    condition,
                    SyntaxFactory.Block(statement.WithoutLeadingTrivia().WithTrailingTrivia(endOfLine)))
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);

            SyntaxNode newRoot = statement.Parent is GlobalStatementSyntax topLevel
                ? root.ReplaceNode(topLevel, topLevel.WithStatement(guarded))
                : root.ReplaceNode(statement, guarded);
            if (needsUsing && newRoot is CompilationUnitSyntax unit && !HasUsing(unit))
            {
                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(HostingNamespace))
                    .WithTrailingTrivia(endOfLine)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                newRoot = unit.AddUsings(directive);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static string EndOfLineOf(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) return trivia.ToString();
            }

            return "\n";
        }

        private static bool HasUsing(CompilationUnitSyntax unit)
        {
            foreach (var directive in unit.Usings)
            {
                if (directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == HostingNamespace) return true;
            }

            return false;
        }
    }
}
