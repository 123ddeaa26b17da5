using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace JwtAnalyzers.CodeFixes.FixAll
{
    /// <summary>
    /// Roslyn's batch Fix All, made to work when it is asked with a key that fits none of the diagnostics it is asked
    /// to fix. `dotnet format analyzers` takes the key from whichever diagnostic comes first in its analysis result;
    /// the package reports every rule from one analyzer, so that diagnostic is often another rule's: the fixer offers
    /// nothing for it (a null key), or offers its fix for another id (that id's key). The batch fixer then keeps only
    /// actions with that key and fixes nothing. Here such a key is replaced by the key of this fixer's first fix for a
    /// diagnostic it was asked to fix; a key that fits (the IDE's Fix All, a test) is kept.
    /// </summary>
    internal sealed class BatchFixAll : FixAllProvider
    {
        public static FixAllProvider Instance { get; } = new BatchFixAll();

        private static readonly FixAllProvider Inner = WellKnownFixAllProviders.BatchFixer;

        private BatchFixAll()
        {
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Inner.GetSupportedFixAllScopes();

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var (fits, first) = await KeysAsync(fixAllContext).ConfigureAwait(false);
            if (fits || first is null) return await Inner.GetFixAsync(fixAllContext).ConfigureAwait(false);

            var provider = new ForwardingDiagnosticProvider(fixAllContext);
            var keyed = fixAllContext.Document is { } document
                ? new FixAllContext(document, fixAllContext.CodeFixProvider, fixAllContext.Scope, first, fixAllContext.DiagnosticIds, provider, fixAllContext.CancellationToken)
                : new FixAllContext(fixAllContext.Project, fixAllContext.CodeFixProvider, fixAllContext.Scope, first, fixAllContext.DiagnosticIds, provider, fixAllContext.CancellationToken);
            return await Inner.GetFixAsync(keyed).ConfigureAwait(false);
        }

        /// <summary>Whether the requested key is one this fixer offers for a diagnostic in scope, and the first key it offers.</summary>
        private static async Task<(bool Fits, string? First)> KeysAsync(FixAllContext fixAllContext)
        {
            // Any diagnostic in scope will do: the one dotnet format looked at may be in a file without this rule's.
            var diagnostics = fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { } document
                ? await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)
                : await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false);
            var requested = fixAllContext.CodeActionEquivalenceKey;
            string? first = null;
            foreach (var diagnostic in diagnostics)
            {
                if (!fixAllContext.DiagnosticIds.Contains(diagnostic.Id) || diagnostic.Location.SourceTree is not { } tree) continue;
                if (fixAllContext.Solution.GetDocument(tree) is not { } owner) continue;
                var keys = new List<string?>();
                var context = new CodeFixContext(owner, diagnostic, (action, _) => keys.Add(action.EquivalenceKey), fixAllContext.CancellationToken);
                await fixAllContext.CodeFixProvider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                if (requested is not null && keys.Contains(requested)) return (true, requested);
                first ??= keys.FirstOrDefault(k => k is not null);
            }

            return (false, first);
        }

        private sealed class ForwardingDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext _original;

            public ForwardingDiagnosticProvider(FixAllContext original) => _original = original;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Wrap(_original.GetDocumentDiagnosticsAsync(document));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Wrap(_original.GetProjectDiagnosticsAsync(project));

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Wrap(_original.GetAllDiagnosticsAsync(project));

            private static async Task<IEnumerable<Diagnostic>> Wrap(Task<ImmutableArray<Diagnostic>> diagnostics) => await diagnostics.ConfigureAwait(false);
        }
    }
}
