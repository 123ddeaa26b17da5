using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JwtAnalyzers.CodeFixes.Lifetime
{
    /// <summary>
    /// JWT005: removes the <c>ClockSkew</c> assignment so the library default (5 minutes) applies: the element of an
    /// object initializer, or the statement when it stands alone in a block or at the top level.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveClockSkewCodeFixProvider)), Shared]
    public sealed class RemoveClockSkewCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ClockSkewTooLarge);

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Id != DiagnosticIds.ClockSkewTooLarge) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment is null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)) continue;
                var removable = RemovableNode(assignment);
                if (removable is null) continue;

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove the 'ClockSkew' assignment (use the 5-minute default)",
                        ct => RemoveAsync(context.Document, removable, ct),
                        CodeFixKeys.RemoveClockSkew),
                    diagnostic);
            }
        }

        /// <summary>The node whose removal leaves valid code, or null.</summary>
        internal static SyntaxNode? RemovableNode(AssignmentExpressionSyntax assignment)
        {
            switch (assignment.Parent)
            {
                case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                    return assignment;
                case ExpressionStatementSyntax statement when statement.Parent is BlockSyntax:
                    return statement;
                case ExpressionStatementSyntax { Parent: GlobalStatementSyntax global }:
                    return global;
                default:
                    return null;
            }
        }

        private static async Task<Document> RemoveAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            if (node is ExpressionSyntax element && node.Parent is InitializerExpressionSyntax initializer)
            {
                var list = initializer.Expressions;
                var index = list.IndexOf(element);
                if (index > 0 && index == list.Count - 1 && list.SeparatorCount < list.Count)
                {
                    // The last element without a trailing comma: the comma before it goes, its spacing stays.
                    var separator = list.GetSeparator(index - 1);
                    var shortened = list.RemoveAt(index);
                    var last = shortened[index - 1];
                    shortened = shortened.Replace(last, last.WithTrailingTrivia(last.GetTrailingTrivia().AddRange(separator.TrailingTrivia)));
                    return document.WithSyntaxRoot(root.ReplaceNode(initializer, initializer.WithExpressions(shortened)));
                }
            }

            var newRoot = root.RemoveNode(node, SyntaxRemoveOptions.KeepUnbalancedDirectives);
            return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
        }
    }
}
