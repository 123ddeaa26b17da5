using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JwtAnalyzers.CodeFixes.Validation
{
    /// <summary>
    /// Removes a statement, an object-initializer member or a collection element so that the surrounding lines
    /// keep their layout: the removed item's own line disappears, its neighbours and their comments stay.
    /// </summary>
    internal static class SyntaxRemoval
    {
        public static SyntaxNode? Remove(SyntaxNode root, SyntaxNode node)
        {
            // Not the last item of its list: the item goes with its own indentation and the separator after it
            // (whose trailing end of line ends the item's line). The last item: the separator before it goes, and
            // the item's trailing trivia stays so the closing brace keeps its place.
            var options = IsLastInList(node) ? SyntaxRemoveOptions.KeepTrailingTrivia : SyntaxRemoveOptions.KeepNoTrivia;
            return root.RemoveNode(node, options | SyntaxRemoveOptions.KeepUnbalancedDirectives);
        }

        /// <summary>The same removal, recorded in an editor (Fix All composes it with other edits).</summary>
        public static void Remove(Microsoft.CodeAnalysis.Editing.SyntaxEditor editor, SyntaxNode node)
        {
            var options = IsLastInList(node) ? SyntaxRemoveOptions.KeepTrailingTrivia : SyntaxRemoveOptions.KeepNoTrivia;
            editor.RemoveNode(node, options | SyntaxRemoveOptions.KeepUnbalancedDirectives);
        }

        private static bool IsLastInList(SyntaxNode node)
        {
            if (node.Parent is not (InitializerExpressionSyntax or CollectionExpressionSyntax)) return false;
            return !node.GetLastToken().GetNextToken().IsKind(SyntaxKind.CommaToken);
        }
    }
}
