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
using JwtAnalyzers.CodeFixes.FixAll;
using JwtAnalyzers.CodeFixes.Scope;

namespace JwtAnalyzers.CodeFixes.Keys
{
    /// <summary>
    /// Fixes JWT010 by replacing each hard-coded key constant (the diagnostic's additional locations) with a
    /// lookup that fails loudly when the value is missing:
    /// <c>configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException(...)</c> when an
    /// <c>IConfiguration</c> (or something with a <c>Configuration</c> property, such as a WebApplicationBuilder)
    /// is in scope, else <c>Environment.GetEnvironmentVariable("JWT_SIGNING_KEY") ?? throw ...</c>. A literal
    /// fallback (<c>x ?? "dev-secret"</c>) becomes the throw; a byte-array constant becomes
    /// <c>Convert.FromBase64String(lookup)</c>; a <c>const</c> that held the key stops being one. The fix is offered
    /// only when the fixed document has no more compiler errors than before (a const used in an attribute, say).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoadSigningKeyFromConfigurationCodeFixProvider)), Shared]
    public sealed class LoadSigningKeyFromConfigurationCodeFixProvider : CodeFixProvider
    {
        private const string ConfigurationKey = "Jwt:SigningKey";
        private const string EnvironmentVariable = "JWT_SIGNING_KEY";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.HardCodedSigningKey);

        // One editor per document: two diagnostics that share a key constant rewrite it once (text-based batch
        // fixing dropped both as conflicting changes).
        public override FixAllProvider GetFixAllProvider() => new EditorFixAllProvider(EditAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count == 0) continue;
                var fixedDocument = await TryFixAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (fixedDocument is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Load the signing key from configuration",
                        _ => Task.FromResult(fixedDocument),
                        CodeFixKeys.LoadSigningKeyFromConfiguration),
                    diagnostic);
            }
        }

        /// <summary>Fix All: the edits of each diagnostic whose own fix compiles, into the shared editor.</summary>
        private static async Task<string?> EditAsync(Document document, EditSession session, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey is not null && equivalenceKey != CodeFixKeys.LoadSigningKeyFromConfiguration) return null;
            if (diagnostic.AdditionalLocations.Count == 0) return null;
            if (await TryFixAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is null) return null;
            return await ApplyAsync(document, session, diagnostic, cancellationToken).ConfigureAwait(false)
                ? CodeFixKeys.LoadSigningKeyFromConfiguration
                : null;
        }

        private static async Task<Document?> TryFixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return null;
            var session = new EditSession(new SyntaxEditor(root, document.Project.Solution.Workspace.Services));
            if (!await ApplyAsync(document, session, diagnostic, cancellationToken).ConfigureAwait(false)) return null;
            var fixedDocument = document.WithSyntaxRoot(session.ChangedRoot());
            return await CompilesAsWellAsync(document, fixedDocument, cancellationToken).ConfigureAwait(false) ? fixedDocument : null;
        }

        /// <summary>Records the diagnostic's edits in the session; false (and nothing recorded) when a location cannot be fixed.</summary>
        private static async Task<bool> ApplyAsync(Document document, EditSession session, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return false;

            var needsSystem = false;
            var replacements = new List<(ExpressionSyntax Node, ExpressionSyntax Replacement)>();
            foreach (var location in diagnostic.AdditionalLocations)
            {
                if (location.SourceTree != root.SyntaxTree) return false;
                var node = ExpressionAt(root, location.SourceSpan);
                if (node is null) return false;
                var replacement = Replacement(node, model, ref needsSystem, cancellationToken);
                if (replacement is null) return false;
                replacements.Add((node, replacement));
            }

            if (replacements.Count == 0) return false;
            foreach (var (node, replacement) in replacements)
            {
                // Another diagnostic (the same constant used twice) already rewrote this one.
                if (!session.Claim(node)) continue;
                session.Editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
                UnConst(session.Editor, node);
            }

            if (needsSystem) session.Finish = r => r is CompilationUnitSyntax unit && !HasUsingSystem(unit) ? AddUsingSystem(unit) : r;
            return true;
        }

        private static bool HasUsingSystem(CompilationUnitSyntax unit)
        {
            foreach (var directive in unit.Usings)
            {
                if (directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == "System") return true;
            }

            return false;
        }

        private static ExpressionSyntax? ExpressionAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            if (!root.FullSpan.Contains(span)) return null;
            for (SyntaxNode? node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
            {
                if (node.Span == span) return node as ExpressionSyntax;
                if (!span.Contains(node.Span)) break;
            }

            return null;
        }

        private static ExpressionSyntax? Replacement(ExpressionSyntax literal, SemanticModel model, ref bool needsSystem, CancellationToken cancellationToken)
        {
            var typeInfo = model.GetTypeInfo(literal, cancellationToken);
            var type = typeInfo.ConvertedType ?? typeInfo.Type;
            var isBytes = type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte };
            var isString = type?.SpecialType == SpecialType.System_String || typeInfo.Type?.SpecialType == SpecialType.System_String;
            if (!isBytes && !isString) return null;

            var position = literal.SpanStart;
            var invalidOperation = SystemName("InvalidOperationException", model, position, ref needsSystem);
            if (invalidOperation is null) return null;

            // "x ?? \"dev-secret\"": the fallback becomes the throw.
            if (literal.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == literal)
            {
                var message = ConfigurationKeyOf(coalesce.Left) is { } key
                    ? "Missing configuration value '" + key + "'."
                    : "The JWT signing key is not configured.";
                return SyntaxFactory.ParseExpression("throw new " + invalidOperation + "(" + Quote(message) + ")");
            }

            string lookup;
            var configuration = ConfigurationInScope(model, position, cancellationToken);
            if (configuration is not null)
            {
                lookup = configuration + "[" + Quote(ConfigurationKey) + "] ?? throw new " + invalidOperation + "(" + Quote("Missing configuration value '" + ConfigurationKey + "'.") + ")";
            }
            else
            {
                var environment = SystemName("Environment", model, position, ref needsSystem);
                if (environment is null) return null;
                lookup = environment + ".GetEnvironmentVariable(" + Quote(EnvironmentVariable) + ") ?? throw new " + invalidOperation + "(" + Quote("Missing environment variable '" + EnvironmentVariable + "'.") + ")";
            }

            if (isBytes)
            {
                var convert = SystemName("Convert", model, position, ref needsSystem);
                if (convert is null) return null;
                return SyntaxFactory.ParseExpression(convert + ".FromBase64String(" + lookup + ")");
            }

            var expression = SyntaxFactory.ParseExpression(lookup);
            return NeedsParentheses(literal) ? SyntaxFactory.ParenthesizedExpression(expression) : expression;
        }

        private static bool NeedsParentheses(ExpressionSyntax literal)
        {
            switch (literal.Parent)
            {
                case ArgumentSyntax:
                case EqualsValueClauseSyntax:
                case ArrowExpressionClauseSyntax:
                case ReturnStatementSyntax:
                case ParenthesizedExpressionSyntax:
                case InitializerExpressionSyntax:
                    return false;
                case AssignmentExpressionSyntax assignment:
                    return assignment.Right != literal;
                default:
                    return true;
            }
        }

        /// <summary>The key of <c>configuration["Jwt:Key"]</c>, to name it in the exception message.</summary>
        private static string? ConfigurationKeyOf(ExpressionSyntax left)
        {
            while (left is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed) left = suppressed.Operand;
            if (left is ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }
                && arguments[0].Expression is LiteralExpressionSyntax { Token.Value: string key })
            {
                return key;
            }

            return null;
        }

        /// <summary>
        /// An expression for the configuration visible at <paramref name="position"/>: an IConfiguration local,
        /// parameter, field or property (instance members only where <c>this</c> is available), else the
        /// <c>Configuration</c> property of one (WebApplicationBuilder, HostBuilderContext, ...).
        /// </summary>
        private static string? ConfigurationInScope(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var configurationType = model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            if (configurationType is null) return null;

            string? best = null;
            var bestRank = int.MaxValue;
            foreach (var (symbol, type) in UsableSymbols.At(model, position, cancellationToken))
            {
                var rank = symbol is ILocalSymbol or IParameterSymbol ? 0 : 1;
                var name = Identifier(symbol.Name);
                string? candidate = null;
                if (UsableSymbols.Implements(type, configurationType))
                {
                    candidate = name;
                }
                else if (ConfigurationProperty(type, configurationType))
                {
                    candidate = name + ".Configuration";
                    rank += 2;
                }

                if (candidate is null) continue;
                if (rank < bestRank || (rank == bestRank && string.CompareOrdinal(candidate, best) < 0))
                {
                    best = candidate;
                    bestRank = rank;
                }
            }

            return best;
        }

        private static bool ConfigurationProperty(ITypeSymbol? type, INamedTypeSymbol configurationType)
        {
            if (type is null) return false;
            foreach (var member in type.GetMembers("Configuration"))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null, DeclaredAccessibility: Accessibility.Public } property
                    && UsableSymbols.Implements(property.Type, configurationType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// How to write System.<paramref name="name"/> at the position: the simple name when it already binds to
        /// it; the simple name plus a <c>using System;</c> when nothing else by that name is visible; else qualified.
        /// </summary>
        private static string? SystemName(string name, SemanticModel model, int position, ref bool needsSystem)
        {
            var target = model.Compilation.GetTypeByMetadataName("System." + name);
            if (target is null) return null;
            var visible = model.LookupNamespacesAndTypes(position, name: name);
            if (visible.Length == 1 && SymbolEqualityComparer.Default.Equals(visible[0], target)) return name;
            if (visible.IsEmpty)
            {
                needsSystem = true;
                return name;
            }

            return "global::System." + name;
        }

        /// <summary>A <c>const</c> whose initializer was replaced is no longer constant: a field becomes <c>static readonly</c>, a local a plain local.</summary>
        private static void UnConst(SyntaxEditor editor, ExpressionSyntax literal)
        {
            if (literal.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }) return;
            switch (declaration.Parent)
            {
                case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword):
                    editor.ReplaceNode(field, (current, _) =>
                    {
                        var f = (FieldDeclarationSyntax)current;
                        var modifiers = new List<SyntaxToken>();
                        foreach (var modifier in f.Modifiers)
                        {
                            if (!modifier.IsKind(SyntaxKind.ConstKeyword))
                            {
                                modifiers.Add(modifier);
                                continue;
                            }

                            modifiers.Add(SyntaxFactory.Token(modifier.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                            modifiers.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, modifier.TrailingTrivia));
                        }

                        return f.WithModifiers(SyntaxFactory.TokenList(modifiers));
                    });
                    return;
                case LocalDeclarationStatementSyntax local when local.Modifiers.Any(SyntaxKind.ConstKeyword):
                    editor.ReplaceNode(local, (current, _) =>
                    {
                        var l = (LocalDeclarationStatementSyntax)current;
                        var leading = l.GetLeadingTrivia();
                        var modifiers = new List<SyntaxToken>();
                        foreach (var modifier in l.Modifiers)
                        {
                            if (!modifier.IsKind(SyntaxKind.ConstKeyword)) modifiers.Add(modifier);
                        }

                        return l.WithModifiers(SyntaxFactory.TokenList(modifiers)).WithLeadingTrivia(leading);
                    });
                    return;
            }
        }

        private static SyntaxNode AddUsingSystem(CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName("System"))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(EndOfLine(unit));
            if (unit.Usings.Count == 0)
            {
                // Keep the file's leading trivia (comments, blank line) in front of the new directive.
                var first = unit.GetLeadingTrivia();
                var stripped = unit.WithoutLeadingTrivia();
                return stripped.WithUsings(stripped.Usings.Add(directive.WithLeadingTrivia(first)));
            }

            var firstUsing = unit.Usings[0];
            directive = directive.WithLeadingTrivia(firstUsing.GetLeadingTrivia());
            var usings = unit.Usings.Replace(firstUsing, firstUsing.WithLeadingTrivia(SyntaxFactory.TriviaList())).Insert(0, directive);
            return unit.WithUsings(usings);
        }

        /// <summary>The file's own line ending, so the new directive matches its neighbours.</summary>
        private static SyntaxTrivia EndOfLine(CompilationUnitSyntax unit)
        {
            foreach (var trivia in unit.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) return trivia;
            }

            return SyntaxFactory.CarriageReturnLineFeed;
        }

        private static async Task<bool> CompilesAsWellAsync(Document before, Document after, CancellationToken cancellationToken)
        {
            var oldModel = await before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var newModel = await after.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (oldModel is null || newModel is null) return false;
            return Errors(newModel, cancellationToken) <= Errors(oldModel, cancellationToken);
        }

        private static int Errors(SemanticModel model, CancellationToken cancellationToken)
        {
            var count = 0;
            foreach (var d in model.GetDiagnostics(cancellationToken: cancellationToken))
            {
                if (d.Severity == DiagnosticSeverity.Error) count++;
            }

            return count;
        }

        private static string Identifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string Quote(string text)
            => SyntaxFactory.Literal(text).ToFullString();
    }
}
