using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using JwtAnalyzers.CodeFixes.FixAll;

namespace JwtAnalyzers.CodeFixes.Validation
{
    /// <summary>
    /// JWT040, every shape with a mechanical fix, in ONE provider (dotnet format applies a single provider per id):
    /// <c>RequireSignedTokens = false</c> becomes <c>true</c> (key <see cref="CodeFixKeys.RequireSignedTokens"/>);
    /// 'none' in ValidAlgorithms is removed (key <see cref="CodeFixKeys.RemoveNoneAlgorithm"/>). When 'none' is the
    /// only element and the collection is written directly in the ValidAlgorithms assignment, the whole assignment
    /// goes (an empty or absent list lets the key decide the algorithm, and unsigned tokens stay rejected); any other
    /// single-element shape gets no fix rather than an empty <c>new[] { }</c> that would not compile. Tokens created
    /// without credentials and shared algorithm lists get no fix. Fix All with either key, or none (dotnet format,
    /// when the first JWT040 has no fix), applies both fixes.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsignedTokensCodeFixProvider)), Shared]
    public sealed class UnsignedTokensCodeFixProvider : CodeFixProvider
    {
        private const string RequireSignedTokensShape = "RequireSignedTokens";
        private const string NoneInValidAlgorithmsShape = "NoneInValidAlgorithms";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnsignedTokens);

        public override FixAllProvider GetFixAllProvider() => new EditorFixAllProvider(EditAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (Target(root, diagnostic) is not { } target) continue;
                var title = target.Key == CodeFixKeys.RequireSignedTokens ? "Set 'RequireSignedTokens' to true" : "Remove 'none' from 'ValidAlgorithms'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => EditorFixAllProvider.FixOneAsync(EditAsync, context.Document, diagnostic, target.Key, ct), target.Key),
                    diagnostic);
            }
        }

        /// <summary>The node to rewrite (the value to set to true, or the node to remove) and the fix's key.</summary>
        private static (SyntaxNode Node, string Key)? Target(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)) return null;
            if (!diagnostic.Properties.TryGetValue("Shape", out var shape)) return null;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            switch (shape)
            {
                case RequireSignedTokensShape:
                    var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                    if (assignment is null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)) return null;
                    if (NameOf(assignment.Left) != "RequireSignedTokens") return null;
                    return (assignment.Right, CodeFixKeys.RequireSignedTokens);
                case NoneInValidAlgorithmsShape:
                    if (node is ArgumentSyntax argument) node = argument.Expression;
                    if (node is not ExpressionSyntax element || NodeToRemove(element) is not { } removal) return null;
                    return (removal, CodeFixKeys.RemoveNoneAlgorithm);
                default:
                    return null;
            }
        }

        private static async Task<string?> EditAsync(Document document, EditSession session, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || Target(root, diagnostic) is not { } target) return null;
            // Fix All under either JWT040 key (or none: dotnet format, whose key comes from the first JWT040 it
            // meets) fixes both shapes: each restores the signature requirement, and dotnet format would otherwise
            // fix only the first diagnostic's shape.
            if (equivalenceKey is not null && equivalenceKey != CodeFixKeys.RequireSignedTokens && equivalenceKey != CodeFixKeys.RemoveNoneAlgorithm) return null;
            if (!session.Claim(target.Node)) return target.Key;
            if (target.Key == CodeFixKeys.RequireSignedTokens)
            {
                session.Editor.ReplaceNode(target.Node, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(target.Node));
            }
            else
            {
                SyntaxRemoval.Remove(session.Editor, target.Node);
            }

            return target.Key;
        }

        private static string? NameOf(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

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
    }
}
