using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using JwtAnalyzers.CodeFixes.FixAll;

namespace JwtAnalyzers.CodeFixes.Validation
{
    /// <summary>
    /// JWT045: after <c>var result = await handler.ValidateTokenAsync(...);</c> inserts
    /// <c>if (!result.IsValid) { ... }</c> that leaves the method: <c>return;</c> in a void/Task method,
    /// <c>return false;</c> / <c>return null;</c> where the method returns a bool / a nullable value, and
    /// <c>throw new UnauthorizedAccessException(...)</c> everywhere else (always compiles, never lets the token through).
    /// The discarded-result shape has no automatic fix: what the caller should do with the verdict is not known.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CheckValidationResultCodeFixProvider)), Shared]
    public sealed class CheckValidationResultCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.IgnoredValidationResult);

        // One editor per document, and a null equivalence key (dotnet format, when the first JWT045 is the
        // discarded-result shape that has no fix) still fixes every 'Used' shape.
        public override FixAllProvider GetFixAllProvider() => new EditorFixAllProvider(EditAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (Target(root, diagnostic) is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Check 'IsValid' before using the result",
                        ct => EditorFixAllProvider.FixOneAsync(EditAsync, context.Document, diagnostic, CodeFixKeys.CheckValidationResult, ct),
                        CodeFixKeys.CheckValidationResult),
                    diagnostic);
            }
        }

        private static (LocalDeclarationStatementSyntax Declaration, string Local)? Target(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue("Shape", out var shape) || shape != "Used") return null;
            if (!diagnostic.Properties.TryGetValue("Local", out var local) || local is null || local.Length == 0) return null;
            if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)) return null;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var declaration = node.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
            if (declaration is null || declaration.Parent is not BlockSyntax) return null;
            if (declaration.Declaration.Variables.Count != 1 || declaration.Declaration.Variables[0].Identifier.ValueText != local) return null;
            if (!declaration.UsingKeyword.IsKind(SyntaxKind.None)) return null;
            return (declaration, local);
        }

        private static async Task<string?> EditAsync(Document document, EditSession session, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey is not null && equivalenceKey != CodeFixKeys.CheckValidationResult) return null;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || Target(root, diagnostic) is not { } target) return null;
            var (declaration, local) = target;
            if (!session.Claim(declaration)) return CodeFixKeys.CheckValidationResult;

            var indent = string.Empty;
            foreach (var trivia in declaration.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.WhitespaceTrivia)) indent = trivia.ToString();
            }

            var newLine = "\n";
            foreach (var trivia in declaration.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) newLine = trivia.ToString();
            }

            var exit = ExitStatement(model, declaration, local, cancellationToken);
            var text = indent + "if (!" + local + ".IsValid)" + newLine
                + indent + "{" + newLine
                + indent + "    " + exit + newLine
                + indent + "}" + newLine;
            var guard = SyntaxFactory.ParseStatement(text);
            // UnauthorizedAccessException: the short name when it already binds, else "using System;" is added.
            var exceptionType = model.Compilation.GetTypeByMetadataName("System.UnauthorizedAccessException");
            var shortName = SyntaxFactory.ParseTypeName("UnauthorizedAccessException");
            var needsSystemUsing = exceptionType is null
                || !SymbolEqualityComparer.Default.Equals(model.GetSpeculativeTypeInfo(declaration.SpanStart, shortName, SpeculativeBindingOption.BindAsTypeOrNamespace).Type, exceptionType);

            session.Editor.InsertAfter(declaration, guard);
            // Make sure the declaration ends its line, so the guard starts on its own.
            if (!EndsWithNewLine(declaration))
            {
                session.Editor.ReplaceNode(declaration, (current, _) => current.WithTrailingTrivia(current.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine(newLine))));
            }

            if (needsSystemUsing && exit.StartsWith("throw", System.StringComparison.Ordinal))
            {
                session.Finish = r => Transport.TransportUsingDirectives.Ensure(r, "System");
            }

            return CodeFixKeys.CheckValidationResult;
        }

        private static bool EndsWithNewLine(SyntaxNode node)
        {
            foreach (var trivia in node.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) return true;
            }

            return false;
        }

        /// <summary>The statement that leaves the enclosing function without letting the token through.</summary>
        private static string ExitStatement(SemanticModel model, SyntaxNode node, string local, CancellationToken cancellationToken)
        {
            var fallback = "throw new UnauthorizedAccessException(\"The token is not valid.\", " + local + ".Exception);";
            IMethodSymbol? method = null;
            SyntaxNode? body = null;
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        method = model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol;
                        body = lambda.Body;
                        break;
                    case LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                        method = model.GetDeclaredSymbol(current, cancellationToken) as IMethodSymbol;
                        body = current;
                        break;
                    case GlobalStatementSyntax or MemberDeclarationSyntax:
                        return fallback;
                    default:
                        continue;
                }

                break;
            }

            if (method is null || body is null) return fallback;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.AnonymousFunction)) return fallback;
            if (ContainsYield(body)) return fallback;

            var returnType = method.ReturnType;
            if (method.IsAsync)
            {
                if (returnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task && IsTaskLike(task))
                {
                    returnType = task.TypeArguments[0];
                }
                else if (returnType.SpecialType == SpecialType.System_Void || IsTaskLike(returnType))
                {
                    return "return;";
                }
                else
                {
                    return fallback;
                }
            }
            else if (returnType.SpecialType == SpecialType.System_Void)
            {
                return "return;";
            }

            if (returnType.SpecialType == SpecialType.System_Boolean) return "return false;";
            if (returnType.IsReferenceType && returnType.NullableAnnotation == NullableAnnotation.Annotated) return "return null;";
            if (returnType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T) return "return null;";
            return fallback;
        }

        private static bool IsTaskLike(ITypeSymbol type)
        {
            var name = type.OriginalDefinition.ToDisplayString();
            return name == "System.Threading.Tasks.Task" || name == "System.Threading.Tasks.ValueTask"
                || name == "System.Threading.Tasks.Task<TResult>" || name == "System.Threading.Tasks.ValueTask<TResult>";
        }

        private static bool ContainsYield(SyntaxNode body)
        {
            foreach (var descendant in body.DescendantNodes(n => n == body || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax)))
            {
                if (descendant is YieldStatementSyntax) return true;
            }

            return false;
        }
    }
}
