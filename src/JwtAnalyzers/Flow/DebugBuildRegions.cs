using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Recognises code compiled only into debug builds: inside <c>#if DEBUG</c> (or <c>#elif DEBUG</c>, or the
    /// <c>#else</c> of <c>#if !DEBUG</c>/<c>#if RELEASE</c>). Such code never ships, like an <c>IsDevelopment()</c> branch.
    /// </summary>
    internal static class DebugBuildRegions
    {
        public static bool IsDebugOnly(SyntaxNode node)
        {
            var root = node.SyntaxTree.GetRoot();
            var position = node.SpanStart;
            var first = root.GetFirstDirective();
            if (first is null) return false;

            // The open #if/#elif/#else blocks at the position: each entry is "this branch is debug-only".
            var stack = new List<(bool DebugIf, bool DebugOnly)>();
            for (var directive = first; directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
            {
                switch (directive)
                {
                    case IfDirectiveTriviaSyntax ifDirective:
                        var polarity = Polarity(ifDirective.Condition);
                        stack.Add((polarity < 0, polarity > 0));
                        break;
                    case ElifDirectiveTriviaSyntax elif when stack.Count > 0:
                        stack[stack.Count - 1] = (false, Polarity(elif.Condition) > 0);
                        break;
                    case ElseDirectiveTriviaSyntax when stack.Count > 0:
                        var top = stack[stack.Count - 1];
                        stack[stack.Count - 1] = (false, top.DebugIf);
                        break;
                    case EndIfDirectiveTriviaSyntax when stack.Count > 0:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                }
            }

            foreach (var entry in stack)
            {
                if (entry.DebugOnly) return true;
            }

            return false;
        }

        /// <summary>+1 for DEBUG (alone or in a conjunction), -1 for !DEBUG or RELEASE, 0 otherwise.</summary>
        private static int Polarity(ExpressionSyntax condition)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Polarity(parenthesized.Expression);
                case IdentifierNameSyntax identifier:
                    var name = identifier.Identifier.ValueText;
                    return name == "DEBUG" ? 1 : name == "RELEASE" ? -1 : 0;
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                    return -Polarity(unary.Operand);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression):
                    return Polarity(binary.Left) > 0 || Polarity(binary.Right) > 0 ? 1 : 0;
                default:
                    return 0;
            }
        }
    }
}
