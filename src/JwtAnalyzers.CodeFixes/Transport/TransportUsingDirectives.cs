using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace JwtAnalyzers.CodeFixes.Transport
{
    /// <summary>
    /// Adds a <c>using</c> directive to a file explicitly (sorted, System first, with the file's own line ending):
    /// the import-adder cleanup of code actions needs symbol annotations that hand-built syntax does not carry.
    /// Shared by the JWT043 and JWT045 fixers.
    /// </summary>
    internal static class TransportUsingDirectives
    {
        public static SyntaxNode Ensure(SyntaxNode root, string name)
        {
            if (root is not CompilationUnitSyntax unit) return root;
            foreach (var existing in unit.Usings)
            {
                if (existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == name) return root;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name));
            var usings = unit.Usings;
            if (usings.Count == 0)
            {
                return unit.AddUsings(directive.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithAdditionalAnnotations(Formatter.Annotation));
            }

            directive = directive.WithTrailingTrivia(usings[usings.Count - 1].GetTrailingTrivia());
            var index = usings.Count;
            for (var i = 0; i < usings.Count; i++)
            {
                var existing = usings[i];
                if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || !existing.GlobalKeyword.IsKind(SyntaxKind.None)) continue;
                if (Compare(existing.Name?.ToString() ?? string.Empty, name) > 0)
                {
                    index = i;
                    break;
                }
            }

            if (index == 0) directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            var updated = unit.WithUsings(usings.Insert(index, directive));
            if (index == 0) updated = updated.ReplaceNode(updated.Usings[1], updated.Usings[1].WithoutLeadingTrivia());
            return updated;
        }

        /// <summary>System namespaces first, then ordinal.</summary>
        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", System.StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", System.StringComparison.Ordinal);
            if (leftSystem != rightSystem) return leftSystem ? -1 : 1;
            return string.CompareOrdinal(left, right);
        }
    }
}
