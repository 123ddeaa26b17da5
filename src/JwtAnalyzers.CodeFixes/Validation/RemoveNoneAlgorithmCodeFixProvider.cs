using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JwtAnalyzers.CodeFixes.Validation
{
    /// <summary>
    /// JWT040, 'none' in ValidAlgorithms: removes the element. When it is the only element and the collection is
    /// written directly in the ValidAlgorithms assignment, the whole assignment goes (an empty or absent list lets
    /// the key decide the algorithm, and unsigned tokens stay rejected); any other single-element shape gets no fix
    /// rather than an empty <c>new[] { }</c> that would not compile.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveNoneAlgorithmCodeFixProvider)), Shared]
    public sealed class RemoveNoneAlgorithmCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Remove 'none' from 'ValidAlgorithms'";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnsignedTokens);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue("Shape", out var shape) || shape != "NoneInValidAlgorithms") continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is ArgumentSyntax argument) node = argument.Expression;
                if (node is not ExpressionSyntax element) continue;

                var removal = NodeToRemove(element);
                if (removal is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => RemoveAsync(context.Document, removal, ct), CodeFixKeys.RemoveNoneAlgorithm),
                    diagnostic);
            }
        }

        private static SyntaxNode? NodeToRemove(ExpressionSyntax element)
        {
            SyntaxNode item;
            int count;
            SyntaxNode collection;
            switch (element.Parent)
            {
                case InitializerExpressionSyntax initializer
                    when initializer.IsKind(SyntaxKind.ArrayInitializerExpression) || initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                    item = element;
                    count = initializer.Expressions.Count;
                    collection = initializer.Parent ?? initializer;
                    break;
                case ExpressionElementSyntax expressionElement when expressionElement.Parent is CollectionExpressionSyntax collectionExpression:
                    item = expressionElement;
                    count = collectionExpression.Elements.Count;
                    collection = collectionExpression;
                    break;
                default:
                    return null;
            }

            if (count > 1) return item;

            // The only element: remove "ValidAlgorithms = ..." itself, if the collection is its whole value.
            if (collection.Parent is not AssignmentExpressionSyntax assignment
                || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || assignment.Right != collection)
            {
                return null;
            }

            return assignment.Parent switch
            {
                InitializerExpressionSyntax objectInitializer when objectInitializer.IsKind(SyntaxKind.ObjectInitializerExpression) => assignment,
                ExpressionStatementSyntax statement when statement.Parent is BlockSyntax => statement,
                _ => null,
            };
        }

        private static async Task<Document> RemoveAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var newRoot = SyntaxRemoval.Remove(root, node);
            return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
        }
    }
}
