using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.CodeFixes.Claims
{
    /// <summary>
    /// Fixes JWT020 by removing the sensitive claim: the element of an array, collection, dictionary or anonymous
    /// object initializer; the <c>claims.Add(new Claim(...))</c>, <c>payload.Add(...)</c> or
    /// <c>payload["..."] = ...</c> statement; the <c>.AddClaim(...)</c> link of a JWT.Net fluent chain.
    /// No fix is offered where the removal would not compile or the shape is another one (a claim passed as
    /// the single argument of a constructor, a <c>new[] { ... }</c> with one element, a sized array, an
    /// anonymous object whose member is read elsewhere).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSensitiveClaimCodeFixProvider)), Shared]
    public sealed class RemoveSensitiveClaimCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Remove the sensitive claim";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SensitiveClaim);

        // Not BatchFixer: removing neighbouring elements of one list edits the same separator, and merged text
        // changes would conflict. All removals of a document are applied together, list by list.
        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) => await RemoveAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Id != DiagnosticIds.SensitiveClaim || FindEdit(root, diagnostic.Location.SourceSpan) is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => RemoveAsync(context.Document, ImmutableArray.Create(diagnostic), ct), CodeFixKeys.RemoveSensitiveClaim),
                    diagnostic);
            }
        }

        private enum EditKind
        {
            RemoveElement,
            RemoveStatement,
            ReplaceWithReceiver,
        }

        private readonly struct Edit
        {
            public Edit(EditKind kind, SyntaxNode node)
            {
                Kind = kind;
                Node = node;
            }

            public EditKind Kind { get; }

            /// <summary>The list element, the statement, or the invocation to replace with its receiver.</summary>
            public SyntaxNode Node { get; }
        }

        private static async Task<Document> RemoveAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;

            var edits = new List<Edit>();
            foreach (var diagnostic in diagnostics)
            {
                if (FindEdit(root, diagnostic.Location.SourceSpan) is { } edit && !Contains(edits, edit.Node)) edits.Add(edit);
            }

            // A removal inside another removed node is already done by the outer one.
            var kept = new List<Edit>();
            foreach (var edit in edits)
            {
                var inner = false;
                foreach (var other in edits)
                {
                    if (other.Kind != EditKind.ReplaceWithReceiver && other.Node != edit.Node && other.Node.Span.Contains(edit.Node.Span))
                    {
                        inner = true;
                        break;
                    }
                }

                if (!inner) kept.Add(edit);
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var removalsByList = new Dictionary<SyntaxNode, List<int>>();
            foreach (var edit in kept)
            {
                switch (edit.Kind)
                {
                    case EditKind.RemoveStatement:
                        editor.RemoveNode(edit.Node, SyntaxRemoveOptions.KeepNoTrivia);
                        break;
                    case EditKind.ReplaceWithReceiver:
                        editor.ReplaceNode(edit.Node, (current, _) => WithoutLink(current));
                        break;
                    case EditKind.RemoveElement:
                        var owner = ListOwner(edit.Node);
                        var index = owner is null ? -1 : IndexIn(owner, edit.Node);
                        if (owner is null || index < 0) break;
                        if (!removalsByList.TryGetValue(owner, out var indices)) removalsByList[owner] = indices = new List<int>();
                        indices.Add(index);
                        break;
                }
            }

            foreach (var pair in removalsByList)
            {
                var indices = new HashSet<int>(pair.Value);
                editor.ReplaceNode(pair.Key, (current, _) => RemoveElements(current, indices));
            }

            return editor.GetChangedDocument();
        }

        private static bool Contains(List<Edit> edits, SyntaxNode node)
        {
            foreach (var edit in edits)
            {
                if (edit.Node == node) return true;
            }

            return false;
        }

        /// <summary>The edit that removes the claim reported at <paramref name="span"/>; null when no safe edit exists.</summary>
        private static Edit? FindEdit(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span)) return null;
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            for (var current = node; current is not null && current.Span == node.Span; current = current.Parent)
            {
                switch (current)
                {
                    case BaseObjectCreationExpressionSyntax creation when current is ObjectCreationExpressionSyntax || current is ImplicitObjectCreationExpressionSyntax:
                        return ForClaimCreation(creation);
                    case InvocationExpressionSyntax invocation:
                        return ForInvocation(invocation);
                    case InitializerExpressionSyntax element when element.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                        return AsElement(element);
                    case AssignmentExpressionSyntax assignment:
                        return AsElement(assignment) ?? AsStatement(assignment);
                    case AnonymousObjectMemberDeclaratorSyntax member:
                        return ForAnonymousMember(member);
                }
            }

            return null;
        }

        // new Claim(...) as an initializer element, a collection-expression element, or the argument of claims.Add(...);
        private static Edit? ForClaimCreation(ExpressionSyntax creation)
        {
            if (AsElement(creation) is { } element) return element;
            if (creation.Parent is ExpressionElementSyntax expressionElement && expressionElement.Parent is CollectionExpressionSyntax)
            {
                return new Edit(EditKind.RemoveElement, expressionElement);
            }

            if (creation.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation } }
                && InvokedName(invocation) is "Add" or "AddClaim")
            {
                return AsStatement(invocation);
            }

            return null;
        }

        // payload.Add("password", x); builder.AddClaim("password", x) in a chain or as a statement.
        private static Edit? ForInvocation(InvocationExpressionSyntax invocation)
        {
            var name = InvokedName(invocation);
            if (name == "AddClaim" && invocation.Expression is MemberAccessExpressionSyntax access)
            {
                if (invocation.Parent is ExpressionStatementSyntax && access.Expression is not InvocationExpressionSyntax)
                {
                    return AsStatement(invocation); // builder.AddClaim(...); on its own
                }

                return new Edit(EditKind.ReplaceWithReceiver, invocation);
            }

            return name == "Add" ? AsStatement(invocation) : null;
        }

        private static Edit? ForAnonymousMember(AnonymousObjectMemberDeclaratorSyntax member)
        {
            if (member.Parent is not AnonymousObjectCreationExpressionSyntax anonymous) return null;
            // Through a local, the member may be read elsewhere (payload.password): then removing it breaks the build.
            if (anonymous.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
            {
                var memberName = member.NameEquals?.Name.Identifier.ValueText ?? InferredName(member.Expression);
                var body = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                if (memberName is null || body is null) return null;
                foreach (var access in body.DescendantNodes())
                {
                    if (access is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } memberAccess
                        && receiver.Identifier.ValueText == declarator.Identifier.ValueText
                        && memberAccess.Name.Identifier.ValueText == memberName)
                    {
                        return null;
                    }
                }
            }
            else if (anonymous.Parent is not ArgumentSyntax)
            {
                return null;
            }

            return new Edit(EditKind.RemoveElement, member);
        }

        /// <summary>An element of an array, collection or object initializer that can go without breaking the build.</summary>
        private static Edit? AsElement(ExpressionSyntax element)
        {
            if (element.Parent is not InitializerExpressionSyntax initializer) return null;
            if (initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression)) return null; // a key or a value, not an entry
            // new[] { x } cannot lose its only element: the array type would be unknown.
            if (initializer.Parent is ImplicitArrayCreationExpressionSyntax && initializer.Expressions.Count == 1) return null;
            // new Claim[2] { a, b }: the size would no longer match.
            if (initializer.Parent is ArrayCreationExpressionSyntax array)
            {
                foreach (var rank in array.Type.RankSpecifiers)
                {
                    foreach (var size in rank.Sizes)
                    {
                        if (size is not OmittedArraySizeExpressionSyntax) return null;
                    }
                }
            }

            return new Edit(EditKind.RemoveElement, element);
        }

        /// <summary>The expression statement of <paramref name="expression"/>, when it sits in a block.</summary>
        private static Edit? AsStatement(ExpressionSyntax expression)
            => expression.Parent is ExpressionStatementSyntax { Parent: BlockSyntax } statement
                ? new Edit(EditKind.RemoveStatement, statement)
                : null;

        private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => null,
        };

        private static string? InferredName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary><c>x.AddClaim(a, b)</c> becomes <c>x</c>; the line break before the next link stays where it was.</summary>
        private static SyntaxNode WithoutLink(SyntaxNode current)
        {
            if (current is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation) return current;
            var receiver = access.Expression;
            return receiver.GetTrailingTrivia().Count == 0 ? receiver.WithTrailingTrivia(invocation.GetTrailingTrivia()) : receiver;
        }

        private static SyntaxNode? ListOwner(SyntaxNode element) => element.Parent switch
        {
            InitializerExpressionSyntax initializer => initializer,
            CollectionExpressionSyntax collection => collection,
            AnonymousObjectCreationExpressionSyntax anonymous => anonymous,
            _ => null,
        };

        private static int IndexIn(SyntaxNode owner, SyntaxNode element) => owner switch
        {
            InitializerExpressionSyntax initializer when element is ExpressionSyntax e => initializer.Expressions.IndexOf(e),
            CollectionExpressionSyntax collection when element is CollectionElementSyntax c => collection.Elements.IndexOf(c),
            AnonymousObjectCreationExpressionSyntax anonymous when element is AnonymousObjectMemberDeclaratorSyntax m => anonymous.Initializers.IndexOf(m),
            _ => -1,
        };

        private static SyntaxNode RemoveElements(SyntaxNode current, HashSet<int> indices) => current switch
        {
            InitializerExpressionSyntax initializer => initializer.WithExpressions(Without(initializer.Expressions, indices)),
            CollectionExpressionSyntax collection => collection.WithElements(Without(collection.Elements, indices)),
            AnonymousObjectCreationExpressionSyntax anonymous => anonymous.WithInitializers(Without(anonymous.Initializers, indices)),
            _ => current,
        };

        /// <summary>
        /// The list without the elements at <paramref name="indices"/>. Each kept element keeps its own separator;
        /// the new last element gives up its separator (unless the list ended with one) but keeps the separator's
        /// line break, so no comma dangles and no line is left blank.
        /// </summary>
        private static SeparatedSyntaxList<T> Without<T>(SeparatedSyntaxList<T> list, HashSet<int> indices)
            where T : SyntaxNode
        {
            var kept = new List<int>();
            for (var i = 0; i < list.Count; i++)
            {
                if (!indices.Contains(i)) kept.Add(i);
            }

            var trailingSeparator = list.SeparatorCount == list.Count && list.Count > 0;
            var nodesAndTokens = new List<SyntaxNodeOrToken>();
            for (var k = 0; k < kept.Count; k++)
            {
                var index = kept[k];
                var node = list[index];
                var isLast = k == kept.Count - 1;
                var hasOwnSeparator = index < list.SeparatorCount;
                if (!isLast)
                {
                    nodesAndTokens.Add(node);
                    nodesAndTokens.Add(hasOwnSeparator ? list.GetSeparator(index) : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
                }
                else if (trailingSeparator)
                {
                    // "{ a, b, }": every element has its own comma; keep the style.
                    nodesAndTokens.Add(node);
                    nodesAndTokens.Add(list.GetSeparator(index));
                }
                else if (hasOwnSeparator)
                {
                    // It was followed by removed elements only: drop its comma. On separate lines keep the comma's
                    // line break; on one line take the space the old last element had before the closing bracket.
                    var separator = list.GetSeparator(index);
                    var after = HasEndOfLine(separator.TrailingTrivia) ? separator.TrailingTrivia : list[list.Count - 1].GetTrailingTrivia();
                    nodesAndTokens.Add(node.WithTrailingTrivia(node.GetTrailingTrivia().AddRange(after)));
                }
                else
                {
                    nodesAndTokens.Add(node);
                }
            }

            return SyntaxFactory.SeparatedList<T>(nodesAndTokens);
        }
    

        private static bool HasEndOfLine(SyntaxTriviaList trivia)
        {
            foreach (var t in trivia)
            {
                if (t.IsKind(SyntaxKind.EndOfLineTrivia)) return true;
            }

            return false;
        }
    }
}
