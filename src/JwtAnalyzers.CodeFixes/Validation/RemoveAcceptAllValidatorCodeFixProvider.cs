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
    /// JWT006: removes the accept-everything delegate assignment, so the library's own validation runs again.
    /// Offered for an object-initializer member and for an assignment statement; an assignment nested in a larger
    /// expression gets no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveAcceptAllValidatorCodeFixProvider)), Shared]
    public sealed class RemoveAcceptAllValidatorCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.AcceptAllValidator);

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment is null
                    || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    || !assignment.Left.Span.Contains(diagnostic.Location.SourceSpan))
                {
                    continue;
                }

                SyntaxNode? removal = assignment.Parent switch
                {
                    InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ObjectInitializerExpression) => assignment,
                    ExpressionStatementSyntax statement when statement.Parent is BlockSyntax => statement,
                    _ => null,
                };
                if (removal is null) continue;

                var name = assignment.Left is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : assignment.Left.ToString();
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove the '{name}' delegate", ct => RemoveAsync(context.Document, removal, ct), CodeFixKeys.RemoveAcceptAllValidator),
                    diagnostic);
            }
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
