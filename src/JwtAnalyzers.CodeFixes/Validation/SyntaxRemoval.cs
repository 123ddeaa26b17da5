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
            // An element on a line of its own (multi-line list or statement): drop the whole line.
            // An element sharing its line with others ("new[] { "RS256", "none" }"): drop it and its separator.
            var options = OnItsOwnLine(node)
                ? SyntaxRemoveOptions.KeepNoTrivia
                : SyntaxRemoveOptions.KeepNoTrivia;
            var result = root.RemoveNode(node, options | SyntaxRemoveOptions.KeepUnbalancedDirectives);
            return result;
        }

        private static bool OnItsOwnLine(SyntaxNode node)
        {
            var previous = node.GetFirstToken().GetPreviousToken();
            return previous.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
        }
    }
}
