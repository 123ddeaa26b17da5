using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace JwtAnalyzers.CodeFixes.FixAll
{
    /// <summary>
    /// Applies one fix's edits to a <see cref="SyntaxEditor"/>. Returns the equivalence key of the fix it applied,
    /// or null when the diagnostic has no fix (then it must leave the editor untouched).
    /// <paramref name="equivalenceKey"/> is the key Fix All was asked for; null means "every fix" (dotnet format
    /// passes null when the first diagnostic of an id has no fix).
    /// </summary>
    internal delegate Task<string?> DiagnosticEdit(Document document, EditSession session, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken);

    /// <summary>The edits of one document: the editor, the nodes already rewritten (two diagnostics can share one), a last step on the whole root.</summary>
    internal sealed class EditSession
    {
        private readonly HashSet<SyntaxNode> _claimed = new HashSet<SyntaxNode>();

        public EditSession(SyntaxEditor editor) => Editor = editor;

        public SyntaxEditor Editor { get; }

        /// <summary>Runs on the changed root once all edits are in (adding a using directive, say).</summary>
        public System.Func<SyntaxNode, SyntaxNode>? Finish { get; set; }

        /// <summary>False when another diagnostic's fix already rewrote <paramref name="node"/>.</summary>
        public bool Claim(SyntaxNode node) => _claimed.Add(node);

        public SyntaxNode ChangedRoot()
        {
            var root = Editor.GetChangedRoot();
            return Finish is null ? root : Finish(root);
        }
    }

    /// <summary>
    /// Fix All that applies every diagnostic's edits to ONE <see cref="SyntaxEditor"/> per document, so that
    /// fixes touching the same node (two diagnostics sharing one key constant) or nested nodes compose instead of
    /// conflicting as text changes do in the batch fixer. A null equivalence key fixes every fixable diagnostic:
    /// dotnet format derives the key from the first diagnostic of an id, which may be a shape without a fix.
    /// </summary>
    internal sealed class EditorFixAllProvider : DocumentBasedFixAllProvider
    {
        private readonly DiagnosticEdit _edit;

        public EditorFixAllProvider(DiagnosticEdit edit) => _edit = edit;

        protected override string GetFixAllTitle(FixAllContext fixAllContext)
            => fixAllContext.CodeActionEquivalenceKey is { } key ? "Fix all: " + key : "Fix all " + string.Join(", ", fixAllContext.DiagnosticIds);

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
            if (root is null || diagnostics.IsEmpty) return null;

            var ordered = new List<Diagnostic>(diagnostics);
            ordered.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
            var session = new EditSession(new SyntaxEditor(root, document.Project.Solution.Workspace.Services));
            var edited = false;
            foreach (var diagnostic in ordered)
            {
                fixAllContext.CancellationToken.ThrowIfCancellationRequested();
                if (diagnostic.Location.SourceTree != root.SyntaxTree) continue;
                var key = await _edit(document, session, diagnostic, fixAllContext.CodeActionEquivalenceKey, fixAllContext.CancellationToken).ConfigureAwait(false);
                if (key is not null) edited = true;
            }

            return edited ? document.WithSyntaxRoot(session.ChangedRoot()) : null;
        }

        /// <summary>The single fix: the same edit on a fresh editor.</summary>
        public static async Task<Document> FixOneAsync(DiagnosticEdit edit, Document document, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var session = new EditSession(new SyntaxEditor(root, document.Project.Solution.Workspace.Services));
            var key = await edit(document, session, diagnostic, equivalenceKey, cancellationToken).ConfigureAwait(false);
            return key is null ? document : document.WithSyntaxRoot(session.ChangedRoot());
        }
    }
}
