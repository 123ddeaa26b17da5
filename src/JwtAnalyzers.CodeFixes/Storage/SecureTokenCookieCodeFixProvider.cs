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

        // Fix All edits a document in one pass, so a shared CookieOptions is edited once and the using directive is
        // added once (the batch fixer would see identical insertions as conflicts and need another round).
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (MakePlan(root, model, diagnostic, context.CancellationToken) is null) continue;
                var single = ImmutableArray.Create(diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, single, ct), CodeFixKeys.SecureTokenCookie),
                    diagnostic);
            }
        }

        private sealed class Plan
        {
            public Plan(InvocationExpressionSyntax invocation, ExpressionSyntax? creation, List<ExpressionSyntax> values, string[] missing)
            {
                Invocation = invocation;
                Creation = creation;
                Values = values;
                Missing = missing;
            }

            public InvocationExpressionSyntax Invocation { get; }
            public ExpressionSyntax? Creation { get; }
            public List<ExpressionSyntax> Values { get; }
            public string[] Missing { get; }
        }

        private static Plan? MakePlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(InsecureTokenCookieAnalyzer.FixableProperty, out var fixable) || fixable != "true") return null;
            if (diagnostic.Location.SourceTree != root.SyntaxTree) return null;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (invocation is null) return null;

            var hasOptions = diagnostic.Properties.TryGetValue(InsecureTokenCookieAnalyzer.HasOptionsProperty, out var has) && has == "true";
            if (!hasOptions)
            {
                return HasOptionsOverload(model, invocation, cancellationToken)
                    ? new Plan(invocation, null, new List<ExpressionSyntax>(), System.Array.Empty<string>())
                    : null;
            }

            if (diagnostic.AdditionalLocations.Count == 0) return null;
            var creation = FindCreation(root, diagnostic.AdditionalLocations[0]);
            if (creation is null) return null;
            var values = new List<ExpressionSyntax>();
            for (var i = 1; i < diagnostic.AdditionalLocations.Count; i++)
            {
                var location = diagnostic.AdditionalLocations[i];
                if (location.SourceTree != root.SyntaxTree || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
                    || value.Parent is not AssignmentExpressionSyntax)
                {
                    return null;
                }

                values.Add(value);
            }

            diagnostic.Properties.TryGetValue(InsecureTokenCookieAnalyzer.MissingProperty, out var missingText);
            var missing = (missingText ?? string.Empty).Split(new[] { ',' }, System.StringSplitOptions.RemoveEmptyEntries);
            return new Plan(invocation, creation, values, missing);
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var names = new HttpNames(model);
            var editedValues = new HashSet<SyntaxNode>();
            var missingByCreation = new Dictionary<SyntaxNode, List<string>>();
            foreach (var diagnostic in diagnostics)
            {
                var plan = MakePlan(root, model, diagnostic, cancellationToken);
                if (plan is null) continue;
                if (plan.Creation is null)
                {
                    var cookieOptions = names.Spell(plan.Invocation.SpanStart, "CookieOptions");
                    var sameSite = names.Spell(plan.Invocation.SpanStart, "SameSiteMode");
                    if (editedValues.Add(plan.Invocation))
                    {
                        editor.ReplaceNode(plan.Invocation, (current, _) => AddOptions((InvocationExpressionSyntax)current, cookieOptions, sameSite));
                    }

                    continue;
                }

                foreach (var value in plan.Values)
                {
                    if (!editedValues.Add(value)) continue;
                    var assignment = (AssignmentExpressionSyntax)value.Parent!;
                    var replacement = PropertyName(assignment.Left) == "SameSite"
                        ? StrictValue(names.Spell(value.SpanStart, "SameSiteMode"))
                        : SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
                    editor.ReplaceNode(value, replacement.WithTriviaFrom(value));
                }

                if (!missingByCreation.TryGetValue(plan.Creation, out var missing))
                {
                    missing = new List<string>();
                    missingByCreation.Add(plan.Creation, missing);
                }

                foreach (var property in plan.Missing)
                {
                    if (!missing.Contains(property)) missing.Add(property);
                }
            }

            foreach (var entry in missingByCreation)
            {
                if (entry.Value.Count == 0) continue;
                var sameSite = names.Spell(entry.Key.SpanStart, "SameSiteMode");
                var ordered = new List<string>();
                foreach (var property in new[] { "HttpOnly", "Secure", "SameSite" })
                {
                    if (entry.Value.Contains(property)) ordered.Add(property);
                }

                editor.ReplaceNode(entry.Key, (current, _) => AddToInitializer((BaseObjectCreationExpressionSyntax)current, ordered, sameSite));
            }

            return document.WithSyntaxRoot(names.AddUsing(editor.GetChangedRoot()));
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

        private static bool HasOptionsOverload(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || method.ContainingType is null) return false;
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

        private static InvocationExpressionSyntax AddOptions(InvocationExpressionSyntax invocation, string cookieOptions, string sameSite)
        {
            var creation = SyntaxFactory.ParseExpression(
                "new " + cookieOptions + " { HttpOnly = true, Secure = true, SameSite = " + sameSite + ".Strict }");
            var argument = SyntaxFactory.Argument(creation);
            var named = invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null);
            if (named) argument = argument.WithNameColon(SyntaxFactory.NameColon("options").WithTrailingTrivia(SyntaxFactory.Space));
            var arguments = invocation.ArgumentList.Arguments;
            var list = SyntaxFactory.SeparatedList(arguments.Add(argument), AddSeparator(arguments.GetSeparators()));
            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(list));
        }

        private static IEnumerable<SyntaxToken> AddSeparator(IEnumerable<SyntaxToken> separators)
        {
            foreach (var separator in separators) yield return separator;
            yield return SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        }

        private static SyntaxNode AddToInitializer(BaseObjectCreationExpressionSyntax creation, List<string> missing, string sameSite)
        {
            var settings = new List<ExpressionSyntax>();
            foreach (var property in missing) settings.Add(Setting(property, sameSite));

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

        private static ExpressionSyntax Setting(string property, string sameSite)
            => SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(property).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                property == "SameSite" ? StrictValue(sameSite) : SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));

        private static ExpressionSyntax StrictValue(string sameSite) => SyntaxFactory.ParseExpression(sameSite + ".Strict");

        /// <summary>
        /// How to spell CookieOptions and SameSiteMode at a position: the short name when it already binds (a using,
        /// a global using) or when a using can be added, the global:: name when another type of that name is in scope.
        /// </summary>
        private sealed class HttpNames
        {
            private const string Namespace = "Microsoft.AspNetCore.Http";
            private readonly SemanticModel _model;
            private bool _needsUsing;

            public HttpNames(SemanticModel model) => _model = model;

            public string Spell(int position, string name)
            {
                var found = _model.LookupNamespacesAndTypes(position, name: name);
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
