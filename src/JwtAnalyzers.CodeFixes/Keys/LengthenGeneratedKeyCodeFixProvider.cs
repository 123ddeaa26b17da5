using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using JwtAnalyzers.CodeFixes.FixAll;

namespace JwtAnalyzers.CodeFixes.Keys
{
    /// <summary>
    /// Fixes JWT011 for generated keys (<c>new byte[n]</c>, <c>RandomNumberGenerator.GetBytes(n)</c>): the size
    /// <c>n</c> (the diagnostic's additional locations) becomes the algorithm's minimum. Keys written as
    /// constants get no fix here: a longer secret has to come from a secret store (JWT010's fix).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LengthenGeneratedKeyCodeFixProvider)), Shared]
    public sealed class LengthenGeneratedKeyCodeFixProvider : CodeFixProvider
    {
        // Same value as JwtAnalyzers.Keys.ShortHmacKeyAnalyzer.MinimumBytesProperty.
        private const string MinimumBytesProperty = "MinimumBytes";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ShortHmacKey);

        // One editor per document; a null equivalence key (dotnet format, when the first JWT011 is a constant key
        // that has no fix) still lengthens every generated key.
        public override FixAllProvider GetFixAllProvider() => new EditorFixAllProvider(EditAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count == 0
                    || !diagnostic.Properties.TryGetValue(MinimumBytesProperty, out var raw)
                    || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var minimum)
                    || minimum <= 0)
                {
                    continue;
                }

                var valid = true;
                foreach (var location in diagnostic.AdditionalLocations)
                {
                    if (location.SourceTree != root.SyntaxTree || ExpressionAt(root, location.SourceSpan) is null) valid = false;
                }

                if (!valid) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Generate a " + minimum.ToString(CultureInfo.InvariantCulture) + "-byte key",
                        ct => EditorFixAllProvider.FixOneAsync(EditAsync, context.Document, diagnostic, CodeFixKeys.LengthenGeneratedKey, ct),
                        CodeFixKeys.LengthenGeneratedKey),
                    diagnostic);
            }
        }

        private static async Task<string?> EditAsync(Document document, EditSession session, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey is not null && equivalenceKey != CodeFixKeys.LengthenGeneratedKey) return null;
            if (diagnostic.AdditionalLocations.Count == 0
                || !diagnostic.Properties.TryGetValue(MinimumBytesProperty, out var raw)
                || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var minimum)
                || minimum <= 0)
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return null;
            var nodes = new System.Collections.Generic.List<ExpressionSyntax>();
            foreach (var location in diagnostic.AdditionalLocations)
            {
                if (location.SourceTree != root.SyntaxTree || ExpressionAt(root, location.SourceSpan) is not { } node) return null;
                nodes.Add(node);
            }

            foreach (var node in nodes)
            {
                if (!session.Claim(node)) continue;
                session.Editor.ReplaceNode(node, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(minimum)).WithTriviaFrom(node));
            }

            return CodeFixKeys.LengthenGeneratedKey;
        }

        private static ExpressionSyntax? ExpressionAt(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span)) return null;
            for (SyntaxNode? node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
            {
                if (node.Span == span) return node as ExpressionSyntax;
                if (!span.Contains(node.Span)) break;
            }

            return null;
        }
    }
}
