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
    /// Fixes the "validation flag switched off" rules by setting the flag back to <c>true</c>. The value is
    /// replaced in place, so a flag set through a constant or a local becomes the literal <c>true</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnableValidationFlagCodeFixProvider)), Shared]
    public sealed class EnableValidationFlagCodeFixProvider : CodeFixProvider
    {
        // JWT040 (RequireSignedTokens = false) is fixed by UnsignedTokensCodeFixProvider, together with its other
        // shapes: dotnet format applies one provider per id.
        private static readonly ImmutableDictionary<string, (string Property, string Key)> Fixes = ImmutableDictionary.CreateRange(new[]
        {
            Entry(DiagnosticIds.DisabledLifetimeValidation, "ValidateLifetime", CodeFixKeys.EnableLifetimeValidation),
            Entry(DiagnosticIds.ExpirationNotRequired, "RequireExpirationTime", CodeFixKeys.RequireExpirationTime),
            Entry(DiagnosticIds.DisabledIssuerValidation, "ValidateIssuer", CodeFixKeys.EnableIssuerValidation),
            Entry(DiagnosticIds.DisabledAudienceValidation, "ValidateAudience", CodeFixKeys.EnableAudienceValidation),
        });

        public override ImmutableArray<string> FixableDiagnosticIds => Fixes.Keys.ToImmutableArray();

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!Fixes.TryGetValue(diagnostic.Id, out var fix)) continue;
                if (diagnostic.Properties.TryGetValue("Shape", out var shape) && shape != fix.Property) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment is null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)) continue;
                if (NameOf(assignment.Left) != fix.Property) continue;

                context.RegisterCodeFix(
                    CodeAction.Create($"Set '{fix.Property}' to true", ct => SetTrueAsync(context.Document, assignment, ct), fix.Key),
                    diagnostic);
            }
        }

        private static async Task<Document> SetTrueAsync(Document document, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(assignment.Right);
            return document.WithSyntaxRoot(root.ReplaceNode(assignment.Right, replacement));
        }

        private static string? NameOf(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static System.Collections.Generic.KeyValuePair<string, (string, string)> Entry(string id, string property, string key)
            => new System.Collections.Generic.KeyValuePair<string, (string, string)>(id, (property, key));
    }
}
