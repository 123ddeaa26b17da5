using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.CodeFixes.Lifetime
{
    /// <summary>
    /// Fixes JWT003 by giving the token a 15-minute lifetime in the construct's own idiom:
    /// <c>expires: DateTime.UtcNow.AddMinutes(15)</c>, <c>Expires = DateTime.UtcNow.AddMinutes(15)</c>,
    /// <c>.ExpirationTime(DateTime.UtcNow.AddMinutes(15))</c>, or an <c>exp</c> entry/member holding
    /// <c>DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds()</c>. JSON-text payloads and
    /// <c>JwtPayload</c>s get no fix: there the edit is not mechanical. <c>using System;</c> is added
    /// when the name does not bind; where JWT.Net's <c>ExpirationTime</c> extension is not in scope, the builder
    /// gets <c>.AddClaim("exp", ...)</c> instead, so that no namespace import can introduce an ambiguity.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddExpirationCodeFixProvider)), Shared]
    public sealed class AddExpirationCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Add a 15-minute expiration";
        private const string Expiry = "DateTime.UtcNow.AddMinutes(15)";
        private const string UnixExpiry = "DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds()";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.TokenWithoutExpiration);

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(TokenWithoutExpirationAnalyzer.FixKey, out var fix) || fix is null) continue;
                if (!CanFix(root, diagnostic, fix)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, diagnostic, fix, ct), CodeFixKeys.AddExpiration),
                    diagnostic);
            }
        }

        private static bool CanFix(SyntaxNode root, Diagnostic diagnostic, string fix)
        {
            switch (fix)
            {
                case TokenWithoutExpirationAnalyzer.FixJwtSecurityTokenExpires:
                    return FindCreation(root, diagnostic.Location.SourceSpan) is not null
                        && (Target(diagnostic) is not { } argumentSpan || FindArgument(root, argumentSpan) is not null);
                case TokenWithoutExpirationAnalyzer.FixDescriptorExpires:
                case TokenWithoutExpirationAnalyzer.FixDictionaryEntry:
                    return Target(diagnostic) is { } creationSpan && FindCreation(root, creationSpan) is not null;
                case TokenWithoutExpirationAnalyzer.FixAnonymousMember:
                    return Target(diagnostic) is { } anonymousSpan && FindAnonymous(root, anonymousSpan) is not null;
                case TokenWithoutExpirationAnalyzer.FixBuilderExpirationTime:
                    return FindEncode(root, diagnostic.Location) is not null;
                default:
                    return false;
            }
        }

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, string fix, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;

            SyntaxNode? target;
            SyntaxNode? replacement;
            string systemProbe = "DateTime";
            switch (fix)
            {
                case TokenWithoutExpirationAnalyzer.FixJwtSecurityTokenExpires:
                    var creation = FindCreation(root, diagnostic.Location.SourceSpan);
                    if (creation is null) return document;
                    if (Target(diagnostic) is { } argumentSpan)
                    {
                        var argument = FindArgument(root, argumentSpan);
                        if (argument is null) return document;
                        target = argument.Expression;
                        replacement = SyntaxFactory.ParseExpression(Expiry).WithTriviaFrom(argument.Expression);
                    }
                    else
                    {
                        target = creation;
                        var expires = SyntaxFactory.ParseArgumentList("(expires: " + Expiry + ")").Arguments[0];
                        replacement = creation.ArgumentList is { } arguments
                            ? creation.WithArgumentList(arguments.WithArguments(Append(arguments.Arguments, expires, arguments.OpenParenToken)))
                            : creation.WithArgumentList(SyntaxFactory.ParseArgumentList("(expires: " + Expiry + ")"));
                    }

                    break;

                case TokenWithoutExpirationAnalyzer.FixDescriptorExpires:
                    var descriptor = Target(diagnostic) is { } descriptorSpan ? FindCreation(root, descriptorSpan) : null;
                    if (descriptor is null) return document;
                    target = descriptor;
                    replacement = AddToInitializer(descriptor, (ExpressionSyntax)SyntaxFactory.ParseExpression("Expires = " + Expiry));
                    break;

                case TokenWithoutExpirationAnalyzer.FixDictionaryEntry:
                    var dictionary = Target(diagnostic) is { } dictionarySpan ? FindCreation(root, dictionarySpan) : null;
                    if (dictionary is null) return document;
                    target = dictionary;
                    replacement = AddToInitializer(dictionary, DictionaryEntry(dictionary.Initializer));
                    systemProbe = "DateTimeOffset";
                    break;

                case TokenWithoutExpirationAnalyzer.FixAnonymousMember:
                    var anonymous = Target(diagnostic) is { } anonymousSpan ? FindAnonymous(root, anonymousSpan) : null;
                    if (anonymous is null) return document;
                    target = anonymous;
                    var member = ((AnonymousObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression("new { exp = " + UnixExpiry + " }")).Initializers[0];
                    replacement = anonymous.Initializers.Count == 0
                        ? anonymous.WithInitializers(SyntaxFactory.SingletonSeparatedList(member.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)))
                        : anonymous.WithInitializers(Append(anonymous.Initializers, member, anonymous.OpenBraceToken));
                    systemProbe = "DateTimeOffset";
                    break;

                case TokenWithoutExpirationAnalyzer.FixBuilderExpirationTime:
                    var encode = FindEncode(root, diagnostic.Location);
                    if (encode is null) return document;
                    var access = (MemberAccessExpressionSyntax)encode.Expression;
                    var receiverTrailing = WhitespaceOnly(access.Expression.GetTrailingTrivia());
                    // ExpirationTime is an extension method: used when it is in scope. Otherwise the instance method
                    // AddClaim("exp", ...) says the same without a new using (which could make JwtHeader ambiguous).
                    var useExtension = ExpirationTimeBinds(model, encode.SpanStart);
                    if (!useExtension) systemProbe = "DateTimeOffset";
                    var expirationTime = SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(
                                SyntaxKind.SimpleMemberAccessExpression,
                                access.Expression,
                                access.OperatorToken,
                                SyntaxFactory.IdentifierName(useExtension ? "ExpirationTime" : "AddClaim")),
                            SyntaxFactory.ParseArgumentList(useExtension ? "(" + Expiry + ")" : "(\"exp\", " + UnixExpiry + ")"))
                        .WithTrailingTrivia(receiverTrailing);
                    target = encode;
                    replacement = encode.WithExpression(access.WithExpression(expirationTime));
                    break;

                default:
                    return document;
            }

            if (target is null || replacement is null) return document;
            var needsSystem = !Binds(model, target.SpanStart, systemProbe, "System." + systemProbe);
            var newRoot = root.ReplaceNode(target, replacement);
            if (newRoot is CompilationUnitSyntax unit)
            {
                var eol = EndOfLine(root);
                if (needsSystem) unit = AddUsing(unit, "System", eol);
                newRoot = unit;
            }

            return document.WithSyntaxRoot(newRoot);
        }

        // ---- finding the nodes ----------------------------------------------------------------------------------

        /// <summary>The span of the node the fix edits, passed by the analyzer in the diagnostic's properties.</summary>
        private static TextSpan? Target(Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(TokenWithoutExpirationAnalyzer.TargetStartKey, out var startText)
                || !diagnostic.Properties.TryGetValue(TokenWithoutExpirationAnalyzer.TargetLengthKey, out var lengthText)
                || !int.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return null;
            }

            return new TextSpan(start, length);
        }

        private static bool IsWithin(SyntaxNode root, TextSpan span) => span.End <= root.FullSpan.End;

        private static BaseObjectCreationExpressionSyntax? FindCreation(SyntaxNode root, TextSpan span)
        {
            if (!IsWithin(root, span)) return null;
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var creation = node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            return creation is not null && creation.Span == span ? creation : null;
        }

        private static AnonymousObjectCreationExpressionSyntax? FindAnonymous(SyntaxNode root, TextSpan span)
        {
            if (!IsWithin(root, span)) return null;
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var anonymous = node.FirstAncestorOrSelf<AnonymousObjectCreationExpressionSyntax>();
            return anonymous is not null && anonymous.Span == span ? anonymous : null;
        }

        private static ArgumentSyntax? FindArgument(SyntaxNode root, TextSpan span)
        {
            if (!IsWithin(root, span)) return null;
            var node = root.FindNode(span, getInnermostNodeForTie: false);
            var argument = node.FirstAncestorOrSelf<ArgumentSyntax>();
            return argument is not null && argument.Span == span ? argument : null;
        }

        private static InvocationExpressionSyntax? FindEncode(SyntaxNode root, Location location)
        {
            if (!location.IsInSource || location.SourceTree != root.SyntaxTree) return null;
            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            return invocation is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Encode" } }
                   && invocation.Span.End == location.SourceSpan.End
                ? invocation
                : null;
        }

        // ---- building the edits ---------------------------------------------------------------------------------

        /// <summary>An <c>exp</c> entry in the form the initializer already uses: <c>["exp"] = v</c> or <c>{ "exp", v }</c>.</summary>
        private static ExpressionSyntax DictionaryEntry(InitializerExpressionSyntax? initializer)
        {
            var indexForm = initializer is not null && initializer.Expressions.Count > 0
                && initializer.Expressions[initializer.Expressions.Count - 1] is AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax };
            var text = indexForm
                ? "new D { [\"exp\"] = " + UnixExpiry + " }"
                : "new D { { \"exp\", " + UnixExpiry + " } }";
            var parsed = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression(text);
            return parsed.Initializer!.Expressions[0];
        }

        private static BaseObjectCreationExpressionSyntax AddToInitializer(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax element)
        {
            var initializer = creation.Initializer;
            if (initializer is null || initializer.Expressions.Count == 0)
            {
                var kind = element is AssignmentExpressionSyntax { Left: IdentifierNameSyntax }
                    ? SyntaxKind.ObjectInitializerExpression
                    : SyntaxKind.CollectionInitializerExpression;
                var fresh = SyntaxFactory.InitializerExpression(
                    kind,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SingletonSeparatedList(element.WithoutTrivia()),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
                if (initializer is not null) return creation.WithInitializer(fresh.WithTriviaFrom(initializer));

                // "new X()" + " { ... }": the creation's trailing trivia moves after the initializer.
                var trailing = creation.GetTrailingTrivia();
                return creation.WithoutTrailingTrivia()
                    .WithInitializer(fresh.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(trailing));
            }

            return creation.WithInitializer(initializer.WithExpressions(Append(initializer.Expressions, element, initializer.OpenBraceToken)));
        }

        /// <summary>
        /// Appends to a separated list the way its author wrote it: one item per line when the list is multi-line
        /// (same indentation as the last item), <c>, </c> on one line, and a trailing comma kept trailing.
        /// </summary>
        private static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item, SyntaxToken open)
            where T : SyntaxNode
        {
            if (list.Count == 0) return SyntaxFactory.SingletonSeparatedList(item.WithoutTrivia());
            var last = list[list.Count - 1];
            var separatorTrailing = list.SeparatorCount > 0
                ? list.GetSeparator(0).TrailingTrivia
                : (HasNewLine(open.TrailingTrivia) ? SyntaxFactory.TriviaList(open.TrailingTrivia.Last(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) : SyntaxFactory.TriviaList(SyntaxFactory.Space));
            var multiline = HasNewLine(separatorTrailing);
            var indentation = multiline ? Indentation(last.GetLeadingTrivia()) : SyntaxFactory.TriviaList();
            var nodes = list.GetWithSeparators();

            if (list.SeparatorCount == list.Count)
            {
                // Trailing comma: the new item goes after it, and gets its own trailing comma.
                var lastSeparator = list.GetSeparator(list.SeparatorCount - 1);
                return SyntaxFactory.SeparatedList<T>(nodes
                    .Add(item.WithoutTrivia().WithLeadingTrivia(indentation))
                    .Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(lastSeparator.TrailingTrivia)));
            }

            var lastTrailing = last.GetTrailingTrivia();
            var newNodes = nodes
                .Replace(nodes[nodes.Count - 1], last.WithoutTrailingTrivia())
                .Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separatorTrailing))
                .Add(item.WithoutTrivia().WithLeadingTrivia(indentation).WithTrailingTrivia(lastTrailing));
            return SyntaxFactory.SeparatedList<T>(newNodes);
        }

        private static bool HasNewLine(SyntaxTriviaList trivia)
        {
            foreach (var t in trivia)
            {
                if (t.IsKind(SyntaxKind.EndOfLineTrivia)) return true;
            }

            return false;
        }

        /// <summary>The whitespace after the last line break of a leading trivia list (comments are not copied).</summary>
        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        {
            var result = SyntaxFactory.TriviaList();
            foreach (var t in leading)
            {
                if (t.IsKind(SyntaxKind.EndOfLineTrivia)) result = SyntaxFactory.TriviaList();
                else if (t.IsKind(SyntaxKind.WhitespaceTrivia)) result = result.Add(t);
            }

            return result;
        }

        private static SyntaxTriviaList WhitespaceOnly(SyntaxTriviaList trivia)
            => SyntaxFactory.TriviaList(trivia.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)));

        // ---- usings ---------------------------------------------------------------------------------------------

        /// <summary>True when <paramref name="name"/> binds to <paramref name="fullName"/> at the position (usings, global usings, aliases).</summary>
        private static bool Binds(SemanticModel model, int position, string name, string fullName)
        {
            var symbol = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.ParseTypeName(name), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
            return symbol is INamedTypeSymbol type && type.ToDisplayString() == fullName;
        }

        /// <summary>The file's own line break, so that added lines match it.</summary>
        private static SyntaxTrivia EndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) return trivia;
            }

            return SyntaxFactory.LineFeed;
        }

        private static bool ExpirationTimeBinds(SemanticModel model, int position)
        {
            var probe = SyntaxFactory.ParseExpression("new global::JWT.Builder.JwtBuilder().ExpirationTime(default(global::System.DateTime))");
            var symbol = model.GetSpeculativeSymbolInfo(position, probe, SpeculativeBindingOption.BindAsExpression).Symbol;
            return symbol is IMethodSymbol { Name: "ExpirationTime" };
        }

        private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string namespaceName, SyntaxTrivia eol)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(eol);

            if (unit.Usings.Count == 0)
            {
                // Usings inside the (file-scoped) namespace: add there, to keep the file's style.
                foreach (var member in unit.Members)
                {
                    if (member is BaseNamespaceDeclarationSyntax ns && ns.Usings.Count > 0)
                    {
                        return unit.ReplaceNode(ns, ns.WithUsings(Insert(ns.Usings, directive, namespaceName)));
                    }
                }

                // No usings at all: the first line of the file, before any leading comment moves down with the code.
                var first = unit.GetLeadingTrivia();
                var withDirective = unit.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(first)));
                var firstToken = withDirective.Members.Count > 0 ? withDirective.Members[0].GetFirstToken() : default;
                if (firstToken.RawKind != 0)
                {
                    withDirective = withDirective.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(
                        SyntaxFactory.TriviaList(eol).AddRange(StripLeadingNewLines(firstToken.LeadingTrivia.Except(first)))));
                }

                return withDirective;
            }

            return unit.WithUsings(Insert(unit.Usings, directive, namespaceName));
        }

        private static SyntaxTriviaList StripLeadingNewLines(System.Collections.Generic.IEnumerable<SyntaxTrivia> trivia)
            => SyntaxFactory.TriviaList(trivia.SkipWhile(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));

        /// <summary>Inserts keeping System first and the rest ordinal, as dotnet_sort_system_directives_first does.</summary>
        private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive, string namespaceName)
        {
            var index = usings.Count;
            for (var i = 0; i < usings.Count; i++)
            {
                var existing = usings[i];
                if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) continue;
                if (Compare(namespaceName, existing.Name?.ToString() ?? string.Empty) < 0)
                {
                    index = i;
                    break;
                }
            }

            // Indentation (inside a namespace block) copied from a neighbour; a file header stays on top.
            var neighbour = usings[index < usings.Count ? index : usings.Count - 1];
            var indentation = Indentation(neighbour.GetLeadingTrivia());
            if (index == 0)
            {
                var header = usings[0].GetLeadingTrivia();
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia(indentation));
                return usings.Insert(0, directive.WithLeadingTrivia(header));
            }

            return usings.Insert(index, directive.WithLeadingTrivia(indentation));
        }

        private static int Compare(string a, string b)
        {
            var aSystem = a == "System" || a.StartsWith("System.", System.StringComparison.Ordinal);
            var bSystem = b == "System" || b.StartsWith("System.", System.StringComparison.Ordinal);
            if (aSystem != bSystem) return aSystem ? -1 : 1;
            return string.CompareOrdinal(a, b);
        }
    }
}
