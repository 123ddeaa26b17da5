using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using JwtAnalyzers.CodeFixes.Scope;

namespace JwtAnalyzers.CodeFixes.Transport
{
    /// <summary>
    /// JWT043: sets <c>RequireHttpsMetadata</c> to <c>!env.IsDevelopment()</c> when a host environment is in scope
    /// (a parameter, a local declared before, a field/property of the type, or a builder's <c>Environment</c>),
    /// else to <c>true</c>. The plain-http address shape has no automatic fix (the https address is not known).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequireHttpsMetadataCodeFixProvider)), Shared]
    public sealed class RequireHttpsMetadataCodeFixProvider : CodeFixProvider
    {
        private const string FlagShape = "RequireHttpsMetadata";
        private const string HostingNamespace = "Microsoft.Extensions.Hosting";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InsecureMetadataAddress);

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue("Shape", out var shape) || shape != FlagShape) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment is null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)) continue;

                context.RegisterCodeFix(
                    CodeAction.Create("Require HTTPS metadata outside development", ct => FixAsync(context.Document, assignment, ct), CodeFixKeys.RequireHttpsMetadata),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;

            ExpressionSyntax replacement = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
            var needsHostingUsing = false;
            var environment = FindEnvironment(model, assignment, cancellationToken);
            if (environment is not null)
            {
                var notDevelopment = SyntaxFactory.PrefixUnaryExpression(
                    SyntaxKind.LogicalNotExpression,
                    SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, environment, SyntaxFactory.IdentifierName("IsDevelopment"))));
                // IsDevelopment is an extension method of Microsoft.Extensions.Hosting: add the using when it does not bind yet.
                needsHostingUsing = model.GetSpeculativeSymbolInfo(assignment.Right.SpanStart, notDevelopment.Operand, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol;
                replacement = notDevelopment;
            }

            var newRoot = root.ReplaceNode(assignment.Right, replacement.WithTriviaFrom(assignment.Right));
            if (needsHostingUsing) newRoot = TransportUsingDirectives.Ensure(newRoot, HostingNamespace);

            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>An expression for a host environment usable at the assignment, or null.</summary>
        private static ExpressionSyntax? FindEnvironment(SemanticModel model, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            var hostEnvironment = model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostEnvironment");
            if (hostEnvironment is null) return null;
            ExpressionSyntax? viaBuilder = null;
            ExpressionSyntax? viaMember = null;
            foreach (var (symbol, type) in UsableSymbols.At(model, assignment.SpanStart, cancellationToken))
            {
                var name = SyntaxFactory.IdentifierName(symbol.Name);
                if (UsableSymbols.Implements(type, hostEnvironment))
                {
                    if (symbol is IParameterSymbol or ILocalSymbol) return name;
                    viaMember ??= name;
                    continue;
                }

                // WebApplicationBuilder.Environment, HostApplicationBuilder.Environment.
                if (viaBuilder is null && symbol is IParameterSymbol or ILocalSymbol)
                {
                    foreach (var member in type.GetMembers("Environment"))
                    {
                        if (member is IPropertySymbol { IsStatic: false, GetMethod: not null } environment && UsableSymbols.Implements(environment.Type, hostEnvironment))
                        {
                            viaBuilder = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name, SyntaxFactory.IdentifierName("Environment"));
                        }
                    }
                }
            }

            return viaMember ?? viaBuilder;
        }
    }
}
