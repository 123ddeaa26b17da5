using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Storage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace JwtAnalyzers.CodeFixes.Storage
{
    /// <summary>
    /// JWT031: makes the token cookie HttpOnly and Secure and, where SameSite is absent or None, Strict. Corrects
    /// the constant <c>false</c>/<c>None</c> values the analyzer found, adds the missing properties to the
    /// <c>CookieOptions</c> creation, or passes a new <c>CookieOptions</c> when the call has none.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SecureTokenCookieCodeFixProvider)), Shared]
    public sealed class SecureTokenCookieCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Make the token cookie HttpOnly, Secure and SameSite";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InsecureTokenCookie);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(InsecureTokenCookieAnalyzer.FixableProperty, out var fixable) || fixable != "true") continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                if (invocation is null) continue;

                var hasOptions = diagnostic.Properties.TryGetValue(InsecureTokenCookieAnalyzer.HasOptionsProperty, out var has) && has == "true";
                if (hasOptions)
                {
                    if (diagnostic.AdditionalLocations.Count == 0) continue;
                    var creation = FindCreation(root, diagnostic.AdditionalLocations[0]);
                    if (creation is null) continue;
                    var values = new List<ExpressionSyntax>();
                    var ok = true;
                    for (var i = 1; i < diagnostic.AdditionalLocations.Count; i++)
                    {
                        var location = diagnostic.AdditionalLocations[i];
                        if (location.SourceTree != root.SyntaxTree || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
                            || value.Parent is not AssignmentExpressionSyntax)
                        {
                            ok = false;
                            break;
                        }

                        values.Add(value);
                    }

                    if (!ok) continue;
                    diagnostic.Properties.TryGetValue(InsecureTokenCookieAnalyzer.MissingProperty, out var missingText);
                    var missing = (missingText ?? string.Empty).Split(new[] { ',' }, System.StringSplitOptions.RemoveEmptyEntries);
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixOptionsAsync(context.Document, creation, values, missing, ct), CodeFixKeys.SecureTokenCookie),
                        diagnostic);
                }
                else
                {
                    if (!await HasOptionsOverloadAsync(context.Document, invocation, context.CancellationToken).ConfigureAwait(false)) continue;
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => AddOptionsAsync(context.Document, invocation, ct), CodeFixKeys.SecureTokenCookie),
                        diagnostic);
                }
            }
        }

        private static ExpressionSyntax? FindCreation(SyntaxNode root, Location location)
        {
            if (location.SourceTree != root.SyntaxTree) return null;
            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            foreach (var candidate in node.AncestorsAndSelf())
            {
                if (candidate is BaseObjectCreationExpressionSyntax creation && creation.Span == location.SourceSpan) return creation;
            }

            return null;
        }

        private static async Task<bool> HasOptionsOverloadAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || method.ContainingType is null) return false;
            foreach (var member in method.ContainingType.GetMembers(method.Name))
            {
                if (member is IMethodSymbol candidate && candidate.Parameters.Length == 3
                    && candidate.Parameters[0].Name == "key" && candidate.Parameters[1].Name == "value" && candidate.Parameters[2].Name == "options")
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<Document> AddOptionsAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            var names = new HttpNames(model, invocation.SpanStart);
            var creation = SyntaxFactory.ParseExpression(
                "new " + names.CookieOptions + " { HttpOnly = true, Secure = true, SameSite = " + names.SameSiteMode + ".Strict }");
            var argument = SyntaxFactory.Argument(creation);
            var named = invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null);
            if (named) argument = argument.WithNameColon(SyntaxFactory.NameColon("options").WithTrailingTrivia(SyntaxFactory.Space));
            var arguments = invocation.ArgumentList.Arguments;
            var list = SyntaxFactory.SeparatedList(
                arguments.Add(argument),
                AddSeparator(arguments.GetSeparators()));
            var newInvocation = invocation.WithArgumentList(invocation.ArgumentList.WithArguments(list));
            return document.WithSyntaxRoot(names.AddUsing(root.ReplaceNode(invocation, newInvocation)));
        }

        private static IEnumerable<SyntaxToken> AddSeparator(IEnumerable<SyntaxToken> separators)
        {
            foreach (var separator in separators) yield return separator;
            yield return SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        }

        private static async Task<Document> FixOptionsAsync(Document document, ExpressionSyntax creation, List<ExpressionSyntax> badValues, string[] missing, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var names = new HttpNames(editor.SemanticModel, creation.SpanStart);
            foreach (var value in badValues)
            {
                var assignment = (AssignmentExpressionSyntax)value.Parent!;
                var property = PropertyName(assignment.Left);
                var replacement = property == "SameSite"
                    ? StrictValue(names)
                    : SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
                editor.ReplaceNode(value, replacement.WithTriviaFrom(value));
            }

            if (missing.Length > 0)
            {
                editor.ReplaceNode(creation, (current, _) => AddToInitializer((BaseObjectCreationExpressionSyntax)current, missing, names));
            }

            return document.WithSyntaxRoot(names.AddUsing(editor.GetChangedRoot()));
        }

        private static SyntaxNode AddToInitializer(BaseObjectCreationExpressionSyntax creation, string[] missing, HttpNames names)
        {
            var settings = new List<ExpressionSyntax>();
            foreach (var property in missing) settings.Add(Setting(property, names));

            var initializer = creation.Initializer;
            if (initializer is null)
            {
                var created = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(settings))
                    .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
                var trailing = creation.GetTrailingTrivia();
                creation = creation.WithoutTrailingTrivia();
                if (creation is ObjectCreationExpressionSyntax { ArgumentList: { Arguments.Count: 0 } } explicitCreation)
                {
                    // new CookieOptions() -> new CookieOptions { ... }
                    creation = explicitCreation.WithArgumentList(null).WithType(explicitCreation.Type.WithoutTrailingTrivia());
                }

                return creation.WithInitializer(created).WithTrailingTrivia(trailing);
            }

            var expressions = initializer.Expressions;
            var multiLine = expressions.Count > 0
                && initializer.SyntaxTree.GetLineSpan(initializer.OpenBraceToken.Span).StartLinePosition.Line
                   != initializer.SyntaxTree.GetLineSpan(expressions[0].Span).StartLinePosition.Line;
            var nodesAndTokens = new List<SyntaxNodeOrToken>();
            var list = expressions.GetWithSeparators();
            foreach (var item in list) nodesAndTokens.Add(item);

            if (multiLine)
            {
                var indentation = expressions[0].GetLeadingTrivia();
                var endOfLine = SyntaxFactory.ElasticCarriageReturnLineFeed;
                foreach (var trivia in initializer.OpenBraceToken.TrailingTrivia)
                {
                    if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) endOfLine = trivia;
                }

                var hadTrailingComma = expressions.SeparatorCount == expressions.Count;
                if (!hadTrailingComma)
                {
                    // move the last element's trailing trivia (line break, comment) after the new comma
                    var last = (ExpressionSyntax)nodesAndTokens[nodesAndTokens.Count - 1].AsNode()!;
                    nodesAndTokens[nodesAndTokens.Count - 1] = last.WithoutTrailingTrivia();
                    nodesAndTokens.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()));
                }

                foreach (var setting in settings)
                {
                    nodesAndTokens.Add(setting.WithLeadingTrivia(indentation));
                    nodesAndTokens.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
                }

                if (!hadTrailingComma)
                {
                    // keep the original style: no trailing comma after the last element
                    var lastComma = nodesAndTokens[nodesAndTokens.Count - 1].AsToken();
                    nodesAndTokens.RemoveAt(nodesAndTokens.Count - 1);
                    var lastNode = (ExpressionSyntax)nodesAndTokens[nodesAndTokens.Count - 1].AsNode()!;
                    nodesAndTokens[nodesAndTokens.Count - 1] = lastNode.WithTrailingTrivia(lastComma.TrailingTrivia);
                }
            }
            else
            {
                if (expressions.Count > 0 && expressions.SeparatorCount < expressions.Count)
                {
                    var last = (ExpressionSyntax)nodesAndTokens[nodesAndTokens.Count - 1].AsNode()!;
                    nodesAndTokens[nodesAndTokens.Count - 1] = last.WithoutTrailingTrivia();
                    nodesAndTokens.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
                    settings[settings.Count - 1] = settings[settings.Count - 1].WithTrailingTrivia(last.GetTrailingTrivia());
                }
                else if (expressions.Count > 0)
                {
                    // a trailing comma already ends the list: keep its spacing
                    var comma = nodesAndTokens[nodesAndTokens.Count - 1].AsToken();
                    nodesAndTokens[nodesAndTokens.Count - 1] = comma.WithTrailingTrivia(SyntaxFactory.Space);
                    settings[settings.Count - 1] = settings[settings.Count - 1].WithTrailingTrivia(comma.TrailingTrivia);
                }
                else
                {
                    settings[settings.Count - 1] = settings[settings.Count - 1].WithTrailingTrivia(SyntaxFactory.Space);
                    settings[0] = settings[0].WithLeadingTrivia(SyntaxFactory.Space);
                }

                for (var i = 0; i < settings.Count; i++)
                {
                    nodesAndTokens.Add(settings[i]);
                    if (i < settings.Count - 1) nodesAndTokens.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
                }
            }

            return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(nodesAndTokens)));
        }

        private static string? PropertyName(ExpressionSyntax left) => left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

        private static ExpressionSyntax Setting(string property, HttpNames names)
            => SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(property).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                property == "SameSite" ? StrictValue(names) : SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));

        private static ExpressionSyntax StrictValue(HttpNames names) => SyntaxFactory.ParseExpression(names.SameSiteMode + ".Strict");

        /// <summary>
        /// How to spell CookieOptions and SameSiteMode at a position: the short name when it already binds (a using,
        /// a global using) or when a using can be added, the global:: name when another type of that name is in scope.
        /// </summary>
        private sealed class HttpNames
        {
            private const string Namespace = "Microsoft.AspNetCore.Http";
            private bool _needsUsing;

            public HttpNames(SemanticModel model, int position)
            {
                CookieOptions = Spell(model, position, "CookieOptions");
                SameSiteMode = Spell(model, position, "SameSiteMode");
            }

            public string CookieOptions { get; }

            public string SameSiteMode { get; }

            private string Spell(SemanticModel model, int position, string name)
            {
                var found = model.LookupNamespacesAndTypes(position, name: name);
                if (found.Length == 0)
                {
                    _needsUsing = true;
                    return name;
                }

                foreach (var symbol in found)
                {
                    if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == Namespace) return name;
                }

                return "global::" + Namespace + "." + name;
            }

            public SyntaxNode AddUsing(SyntaxNode root)
            {
                if (!_needsUsing || root is not CompilationUnitSyntax unit) return root;
                foreach (var existing in unit.Usings)
                {
                    if (existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == Namespace) return root;
                }

                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace).WithLeadingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
                var usings = unit.Usings;
                var index = usings.Count;
                for (var i = 0; i < usings.Count; i++)
                {
                    var text = usings[i].Name?.ToString() ?? string.Empty;
                    var isSystem = text == "System" || text.StartsWith("System.", System.StringComparison.Ordinal);
                    if (!isSystem && string.CompareOrdinal(text, Namespace) > 0 && usings[i].Alias is null && usings[i].StaticKeyword.IsKind(SyntaxKind.None))
                    {
                        index = i;
                        break;
                    }
                }

                if (index < usings.Count)
                {
                    var next = usings[index];
                    directive = directive.WithLeadingTrivia(next.GetLeadingTrivia());
                    usings = usings.Replace(next, next.WithLeadingTrivia());
                }

                if (usings.Count == 0)
                {
                    // The first directive of the file: a blank line separates it from the code.
                    var first = unit.GetLeadingTrivia();
                    var startsWithBlank = first.Count > 0 && first[0].IsKind(SyntaxKind.EndOfLineTrivia);
                    if (!startsWithBlank) directive = directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));
                    if (unit.Externs.Count == 0 && unit.AttributeLists.Count == 0 && unit.Members.Count > 0 && startsWithBlank)
                    {
                        return unit.WithUsings(usings.Insert(0, directive));
                    }
                }

                return unit.WithUsings(usings.Insert(index, directive));
            }
        }
    }
}
