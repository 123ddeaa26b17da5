using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Finds the calls of a method by name in a file without walking the file's syntax. Rules that follow a value to
    /// a helper's callers (JWT044, JWT050) look for a handful of calls in files of thousands of nodes: the file's text
    /// is searched for the name, and only the tokens found there are looked at. On IdentityServer4's sources walking
    /// every node of the file was most of JWT044's time.
    /// </summary>
    internal static class CallSearch
    {
        /// <summary>How many characters of the text are read at a time.</summary>
        internal const int ChunkLength = 4096;

        [ThreadStatic]
        private static char[]? _buffer;

        /// <summary>
        /// The invocations in <paramref name="tree"/> whose invoked name is <paramref name="name"/>, in document order:
        /// <c>M(..)</c>, <c>M&lt;T&gt;(..)</c>, <c>x.M(..)</c> and <c>x?.M(..)</c>. What they invoke is for the caller to
        /// check against the semantic model. Calls in disabled code, comments and strings are not calls; a name spelled
        /// with a Unicode escape (<c>M\u0065thod</c>) is not found.
        /// </summary>
        public static List<InvocationExpressionSyntax> InvocationsNamed(SyntaxTree tree, string name, CancellationToken cancellationToken)
        {
            var calls = new List<InvocationExpressionSyntax>();
            if (name.Length == 0) return calls;
            var text = tree.GetText(cancellationToken);
            var positions = Occurrences(text, new TextSpan(0, text.Length), name, cancellationToken);
            if (positions.Count == 0) return calls;

            var root = tree.GetRoot(cancellationToken);
            foreach (var position in positions)
            {
                // Outside trivia, the token that holds the position; an identifier only if the name is all of it (or "@name").
                var token = root.FindToken(position);
                if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(position) || token.ValueText != name) continue;
                if (token.Parent is not SimpleNameSyntax simpleName) continue;
                ExpressionSyntax invoked = simpleName.Parent switch
                {
                    MemberAccessExpressionSyntax member when member.Name == simpleName => member,
                    MemberBindingExpressionSyntax binding when binding.Name == simpleName => binding,
                    _ => simpleName,
                };
                if (invoked.Parent is InvocationExpressionSyntax call && call.Expression == invoked) calls.Add(call);
            }

            return calls;
        }

        /// <summary>Whether a Unicode escape (<c>\u0061</c>, <c>\U00000061</c>) may occur within <paramref name="span"/>: a name so spelled is not found by its text.</summary>
        internal static bool MayHaveUnicodeEscape(SourceText text, TextSpan span, CancellationToken cancellationToken)
        {
            foreach (var position in Occurrences(text, span, "\\", cancellationToken))
            {
                if (position + 1 < span.End && text[position + 1] is 'u' or 'U') return true;
            }

            return false;
        }

        /// <summary>
        /// Where <paramref name="word"/> occurs within <paramref name="span"/> of <paramref name="text"/>, read in chunks
        /// (a file's text is not copied whole). Also how <see cref="ValueFlow"/> looks for a local's name in its body.
        /// </summary>
        internal static List<int> Occurrences(SourceText text, TextSpan span, string word, CancellationToken cancellationToken)
        {
            var found = new List<int>();
            if (word.Length == 0 || span.Length < word.Length) return found;
            var size = Math.Min(span.Length, ChunkLength + word.Length - 1);
            // One buffer per thread: ValueFlow searches a body three times per local it follows.
            var buffer = _buffer is { } kept && kept.Length >= size ? kept : _buffer = new char[Math.Max(size, ChunkLength + 63)];
            for (var start = span.Start; start <= span.End - word.Length; start += ChunkLength)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A chunk reports the matches that begin in its first ChunkLength characters, and reads far enough to see them whole.
                var count = Math.Min(size, span.End - start);
                text.CopyTo(start, buffer, 0, count);
                var lastBegin = Math.Min(ChunkLength, count - word.Length + 1);
                // The whole word is searched for, not its first character: a local's name often starts with a letter
                // that occurs every few characters of code.
                var window = new ReadOnlySpan<char>(buffer, 0, lastBegin + word.Length - 1);
                for (var offset = 0; offset < lastBegin;)
                {
                    var at = window.Slice(offset).IndexOf(word.AsSpan());
                    if (at < 0) break;
                    found.Add(start + offset + at);
                    offset += at + 1;
                }
            }

            return found;
        }
    }
}
