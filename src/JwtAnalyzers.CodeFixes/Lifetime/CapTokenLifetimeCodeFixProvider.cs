using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace JwtAnalyzers.CodeFixes.Lifetime
{
    /// <summary>
    /// JWT004: replaces each offending duration with the configured maximum. The analyzer names what to edit
    /// (additional locations) and how (<c>Edit0</c>, <c>Edit1</c>, ...): an <c>AddX</c> call on "now" becomes
    /// <c>AddX(max)</c> in the same unit when the maximum is whole in it (<c>AddDays(30)</c> → <c>AddDays(1)</c>),
    /// else in the largest unit in which it is whole; a TimeSpan becomes <c>TimeSpan.FromX(max)</c>; a number of
    /// minutes, seconds or milliseconds becomes the maximum in that unit.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CapTokenLifetimeCodeFixProvider)), Shared]
    public sealed class CapTokenLifetimeCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.TokenLifetimeExceedsMaximum);

        public override FixAllProvider GetFixAllProvider() => FixAll.BatchFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Id != DiagnosticIds.TokenLifetimeExceedsMaximum) continue;
                if (!TryGetMax(diagnostic, out var max)) continue;
                var edits = CollectEdits(root, diagnostic);
                if (edits is null) continue;

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Cap the token lifetime at " + LifetimeDurations.Format(max),
                        ct => ApplyAsync(context.Document, diagnostic, max, ct),
                        CodeFixKeys.CapTokenLifetime),
                    diagnostic);
            }
        }

        private static bool TryGetMax(Diagnostic diagnostic, out double max)
        {
            max = 0;
            return diagnostic.Properties.TryGetValue(TokenLifetimeExceedsMaximumAnalyzer.MaxSecondsProperty, out var raw)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out max)
                && max > 0 && !double.IsInfinity(max);
        }

        /// <summary>The nodes to rewrite and how; null when any edit is missing or does not fit the code.</summary>
        private static List<(SyntaxNode Node, string Edit)>? CollectEdits(SyntaxNode root, Diagnostic diagnostic)
        {
            var locations = diagnostic.AdditionalLocations;
            if (locations.Count == 0) return null;
            var edits = new List<(SyntaxNode, string)>();
            for (var i = 0; i < locations.Count; i++)
            {
                var location = locations[i];
                if (location.SourceTree != root.SyntaxTree) return null;
                if (!diagnostic.Properties.TryGetValue(TokenLifetimeExceedsMaximumAnalyzer.EditProperty + i.ToString(CultureInfo.InvariantCulture), out var edit) || edit is null) return null;
                var node = FindExpression(root, location);
                if (node is null) return null;
                if (edit.StartsWith("M|", StringComparison.Ordinal)
                    && node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, ArgumentList: not null }) return null;
                if (!edit.StartsWith("M|", StringComparison.Ordinal) && !edit.StartsWith("S|", StringComparison.Ordinal)
                    && !edit.StartsWith("N|", StringComparison.Ordinal)) return null;
                edits.Add((node, edit));
            }

            return edits;
        }

        private static ExpressionSyntax? FindExpression(SyntaxNode root, Location location)
        {
            var span = location.SourceSpan;
            if (!root.FullSpan.Contains(span)) return null;
            for (SyntaxNode? node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
            {
                if (node.Span == span && node is ExpressionSyntax expression) return expression;
                if (node.Span.Length > span.Length) break;
            }

            return null;
        }

        private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, double max, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var edits = CollectEdits(root, diagnostic);
            if (edits is null) return document;
            var map = new Dictionary<SyntaxNode, string>();
            foreach (var (node, edit) in edits) map[node] = edit;

            var newRoot = root.ReplaceNodes(map.Keys, (original, rewritten) => Rewrite(rewritten, map[original], max));
            return document.WithSyntaxRoot(newRoot);
        }

        private static SyntaxNode Rewrite(SyntaxNode node, string edit, double max)
        {
            var kind = edit.Substring(0, 2);
            var argument = edit.Substring(2);
            switch (kind)
            {
                case "M|" when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                {
                    var (unit, amount) = Choose(max, PreferredUnitOfAddMethod(argument));
                    var name = SyntaxFactory.IdentifierName("Add" + unit).WithTriviaFrom(access.Name);
                    var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(amount)))
                        .WithTriviaFrom(invocation.ArgumentList);
                    return invocation.WithExpression(access.WithName(name)).WithArgumentList(arguments);
                }

                case "S|":
                {
                    var (unit, amount) = Choose(max, null);
                    var replacement = SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(
                                SyntaxKind.SimpleMemberAccessExpression,
                                SyntaxFactory.ParseTypeName("System.TimeSpan").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                                SyntaxFactory.IdentifierName("From" + unit)),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(amount))))
                        .WithTriviaFrom(node);
                    return replacement;
                }

                case "N|":
                {
                    double value;
                    switch (argument)
                    {
                        case "minutes": value = Math.Max(1, Math.Floor(max / LifetimeDurations.Minute)); break;
                        case "milliseconds": value = Math.Floor(max * 1000); break;
                        default: value = Math.Floor(max); break;
                    }

                    return Number(value).WithTriviaFrom(node);
                }

                default:
                    return node;
            }
        }

        private static string? PreferredUnitOfAddMethod(string method)
        {
            switch (method)
            {
                case "AddDays": return "Days";
                case "AddHours": return "Hours";
                case "AddMinutes": return "Minutes";
                case "AddSeconds": return "Seconds";
                default: return null;
            }
        }

        /// <summary>The unit and amount for the maximum: the preferred unit when whole in it, else the largest whole unit.</summary>
        private static (string Unit, ExpressionSyntax Amount) Choose(double max, string? preferred)
        {
            if (preferred is not null && LifetimeDurations.IsWhole(max / Seconds(preferred)) && max / Seconds(preferred) >= 1)
            {
                return (preferred, Number(max / Seconds(preferred)));
            }

            foreach (var unit in new[] { "Days", "Hours", "Minutes", "Seconds" })
            {
                var amount = max / Seconds(unit);
                if (amount >= 1 && LifetimeDurations.IsWhole(amount)) return (unit, Number(amount));
            }

            return ("Seconds", Number(max));
        }

        private static double Seconds(string unit)
        {
            switch (unit)
            {
                case "Days": return LifetimeDurations.Day;
                case "Hours": return LifetimeDurations.Hour;
                case "Minutes": return LifetimeDurations.Minute;
                default: return 1;
            }
        }

        private static ExpressionSyntax Number(double value)
        {
            if (LifetimeDurations.IsWhole(value))
            {
                var rounded = Math.Round(value);
                return rounded <= int.MaxValue
                    ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((int)rounded))
                    : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((long)rounded));
            }

            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));
        }
    }
}
