using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Refresh;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.CodeFixes.Refresh
{
    /// <summary>
    /// JWT050: replaces the predictable generator with RandomNumberGenerator, shape by shape:
    /// <c>Guid.NewGuid().ToString()</c> (or a Guid formatted into a string) becomes
    /// <c>Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))</c>, <c>Guid.NewGuid().ToByteArray()</c> becomes
    /// <c>RandomNumberGenerator.GetBytes(64)</c>, <c>random.Next(max)</c> becomes <c>RandomNumberGenerator.GetInt32(max)</c>
    /// and <c>random.NextBytes(buffer)</c> becomes <c>RandomNumberGenerator.Fill(buffer)</c>. Other shapes get no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCryptographicRandomCodeFixProvider)), Shared]
    public sealed class UseCryptographicRandomCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Use RandomNumberGenerator";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.PredictableRefreshToken);

        // Fix All replaces every generator of a document in one pass, so the using directive is added once (the
        // batch fixer would merge two identical using insertions as a conflict and need a second round).
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (Plan(root, model, diagnostic, new Names(model), context.CancellationToken) is null) continue;
                var single = ImmutableArray.Create(diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, single, ct), CodeFixKeys.UseCryptographicRandom),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            var names = new Names(model);
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                var plan = Plan(root, model, diagnostic, names, cancellationToken);
                if (plan is { } p && !replacements.ContainsKey(p.Target)) replacements.Add(p.Target, p.Replacement);
            }

            if (replacements.Count == 0) return document;
            // A generator nested in another one's arguments is left for the next round (the outer replacement wins).
            var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            return document.WithSyntaxRoot(names.AddUsings(newRoot));
        }

        private static (ExpressionSyntax Target, ExpressionSyntax Replacement)? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, Names names, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(PredictableRefreshTokenAnalyzer.KindProperty, out var kind) || kind is null) return null;
            if (diagnostic.Location.SourceTree != root.SyntaxTree) return null;
            var rng = model.Compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
            if (rng is null) return null;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is not ExpressionSyntax expression || expression.Span != diagnostic.Location.SourceSpan) return null;

            var position = expression.SpanStart;
            string? replacement = kind switch
            {
                PredictableRefreshTokenAnalyzer.KindGuidString when HasStatic(rng, "GetBytes", SpecialType.System_Int32)
                    => names.Spell(position, "System", "Convert") + ".ToBase64String(" + names.Spell(position, "System.Security.Cryptography", "RandomNumberGenerator") + ".GetBytes(64))",
                PredictableRefreshTokenAnalyzer.KindGuidBytes when HasStatic(rng, "GetBytes", SpecialType.System_Int32)
                    => names.Spell(position, "System.Security.Cryptography", "RandomNumberGenerator") + ".GetBytes(64)",
                PredictableRefreshTokenAnalyzer.KindRandomNext when HasStatic(rng, "GetInt32", SpecialType.System_Int32)
                    => RandomNext(expression, model, names, cancellationToken),
                PredictableRefreshTokenAnalyzer.KindRandomNextBytes when HasStatic(rng, "Fill", SpecialType.None)
                    => RandomNextBytes(expression, model, names, cancellationToken),
                _ => null,
            };
            if (replacement is null) return null;
            return (expression, SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(expression));
        }

        /// <summary>random.Next() / Next(max) / Next(min, max): the same range from RandomNumberGenerator.GetInt32.</summary>
        private static string? RandomNext(ExpressionSyntax expression, SemanticModel model, Names names, CancellationToken cancellationToken)
        {
            if (model.GetOperation(expression, cancellationToken) is not IInvocationOperation invocation) return null;
            var values = OrderedArguments(invocation);
            if (values is null) return null;
            foreach (var value in values)
            {
                if (value.Type?.SpecialType != SpecialType.System_Int32) return null;
            }

            var arguments = new List<string>();
            foreach (var value in values) arguments.Add(value.Syntax.ToString());
            if (arguments.Count == 0) arguments.Add("int.MaxValue");
            return names.Spell(expression.SpanStart, "System.Security.Cryptography", "RandomNumberGenerator") + ".GetInt32(" + string.Join(", ", arguments) + ")";
        }

        /// <summary>random.NextBytes(buffer): RandomNumberGenerator.Fill(buffer) fills the same buffer.</summary>
        private static string? RandomNextBytes(ExpressionSyntax expression, SemanticModel model, Names names, CancellationToken cancellationToken)
        {
            if (model.GetOperation(expression, cancellationToken) is not IInvocationOperation invocation) return null;
            var values = OrderedArguments(invocation);
            if (values is null || values.Count != 1) return null;
            var type = values[0].Type;
            var isByteArray = type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte, Rank: 1 };
            var isByteSpan = type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span && span.TypeArguments[0].SpecialType == SpecialType.System_Byte;
            if (!isByteArray && !isByteSpan) return null;
            return names.Spell(expression.SpanStart, "System.Security.Cryptography", "RandomNumberGenerator") + ".Fill(" + values[0].Syntax.ToString() + ")";
        }

        private static List<IOperation>? OrderedArguments(IInvocationOperation invocation)
        {
            var values = new IOperation?[invocation.TargetMethod.Parameters.Length];
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null || argument.ArgumentKind != ArgumentKind.Explicit) return null;
                values[argument.Parameter.Ordinal] = argument.Value;
            }

            var list = new List<IOperation>();
            foreach (var value in values)
            {
                if (value is null) return null;
                var v = value;
                while (v is IConversionOperation { IsImplicit: true } conversion) v = conversion.Operand;
                list.Add(v);
            }

            return list;
        }

        private static bool HasStatic(INamedTypeSymbol type, string name, SpecialType parameterType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method
                    && (parameterType == SpecialType.None || method.Parameters[0].Type.SpecialType == parameterType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// How to spell a type at a position: the short name when it binds or when a using can be added (collected
        /// for <see cref="AddUsings"/>), the global:: name when another type of that name is in scope.
        /// </summary>
        private sealed class Names
        {
            private readonly SemanticModel _model;
            private readonly List<string> _namespaces = new List<string>();

            public Names(SemanticModel model) => _model = model;

            public string Spell(int position, string @namespace, string name)
            {
                var found = _model.LookupNamespacesAndTypes(position, name: name);
                if (found.Length == 0)
                {
                    if (!_namespaces.Contains(@namespace)) _namespaces.Add(@namespace);
                    return name;
                }

                foreach (var symbol in found)
                {
                    if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == @namespace) return name;
                }

                return "global::" + @namespace + "." + name;
            }

            public SyntaxNode AddUsings(SyntaxNode root)
            {
                foreach (var @namespace in _namespaces) root = AddUsing(root, @namespace);
                return root;
            }

            private static SyntaxNode AddUsing(SyntaxNode root, string @namespace)
            {
                if (root is not CompilationUnitSyntax unit) return root;
                foreach (var existing in unit.Usings)
                {
                    if (existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == @namespace) return root;
                }

                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(@namespace).WithLeadingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
                var usings = unit.Usings;
                var newIsSystem = IsSystem(@namespace);
                var index = usings.Count;
                for (var i = 0; i < usings.Count; i++)
                {
                    if (usings[i].Alias is not null || !usings[i].StaticKeyword.IsKind(SyntaxKind.None)) continue;
                    var text = usings[i].Name?.ToString() ?? string.Empty;
                    var isSystem = IsSystem(text);
                    var after = newIsSystem ? (!isSystem || string.CompareOrdinal(text, @namespace) > 0) : (!isSystem && string.CompareOrdinal(text, @namespace) > 0);
                    if (after)
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
                else if (usings.Count == 0)
                {
                    var first = unit.GetLeadingTrivia();
                    var startsWithBlank = first.Count > 0 && first[0].IsKind(SyntaxKind.EndOfLineTrivia);
                    if (!startsWithBlank) directive = directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));
                }

                return unit.WithUsings(usings.Insert(index, directive));
            }

            private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
        }
    }
}
