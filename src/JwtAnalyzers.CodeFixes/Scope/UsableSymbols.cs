using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JwtAnalyzers.CodeFixes.Scope
{
    /// <summary>
    /// The symbols a fix may read at a position, for fixes that reuse a value already in scope (the configuration
    /// for JWT010, the host environment for JWT043 and JWT051). <see cref="SemanticModel.LookupSymbols(int, INamespaceOrTypeSymbol?, string?, bool)"/>
    /// offers more than code there can use, so this filters once for every fix:
    /// <list type="bullet">
    /// <item>locals only of the function the position is in (or a lambda/local function inside it), declared before
    /// the position — top-level statements' locals are visible in every type declared after them, where using one
    /// is error CS8801;</item>
    /// <item>parameters of that function and its enclosing lambdas, and of a primary constructor;</item>
    /// <item>fields and parameterless properties with a getter, instance ones only where <c>this</c> is available
    /// (not in static members, static lambdas or field initializers).</item>
    /// </list>
    /// </summary>
    internal static class UsableSymbols
    {
        public static IEnumerable<(ISymbol Symbol, ITypeSymbol Type)> At(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
            var function = OutermostFunction(enclosing);
            var allowInstance = InstanceMembersAvailable(enclosing);
            foreach (var symbol in model.LookupSymbols(position))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (symbol)
                {
                    case ILocalSymbol local when IsDeclaredBefore(local, position, model.SyntaxTree) && SameFunction(local.ContainingSymbol, function):
                        yield return (local, local.Type);
                        break;
                    case IParameterSymbol parameter when SameFunction(parameter.ContainingSymbol, function) || IsPrimaryConstructorParameter(parameter):
                        yield return (parameter, parameter.Type);
                        break;
                    case IFieldSymbol field when !field.IsImplicitlyDeclared && (field.IsStatic || allowInstance):
                        yield return (field, field.Type);
                        break;
                    case IPropertySymbol property when property.GetMethod is not null && property.Parameters.IsEmpty && (property.IsStatic || allowInstance):
                        yield return (property, property.Type);
                        break;
                }
            }
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="expected"/> or implements it.</summary>
        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? expected)
        {
            if (type is null || expected is null) return false;
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected)) return true;
            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, expected)) return true;
            }

            return false;
        }

        private static bool SameFunction(ISymbol? owner, ISymbol? function)
            => function is not null && SymbolEqualityComparer.Default.Equals(OutermostFunction(owner), function);

        private static ISymbol? OutermostFunction(ISymbol? symbol)
        {
            var current = symbol;
            while (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } && current.ContainingSymbol is IMethodSymbol)
            {
                current = current.ContainingSymbol;
            }

            return current;
        }

        private static bool InstanceMembersAvailable(ISymbol? enclosing)
        {
            var symbol = enclosing;
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } inner)
            {
                if (inner.IsStatic) return false;
                symbol = inner.ContainingSymbol;
            }

            // Field and property initializers cannot use 'this'.
            return symbol is IMethodSymbol method && !method.IsStatic && method.MethodKind != MethodKind.StaticConstructor;
        }

        private static bool IsDeclaredBefore(ILocalSymbol local, int position, SyntaxTree tree)
        {
            if (local.DeclaringSyntaxReferences.Length != 1) return false;
            var reference = local.DeclaringSyntaxReferences[0];
            return reference.SyntaxTree == tree && reference.Span.End <= position;
        }

        private static bool IsPrimaryConstructorParameter(IParameterSymbol parameter)
            => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor }
               && parameter.DeclaringSyntaxReferences.Length == 1
               && parameter.DeclaringSyntaxReferences[0].GetSyntax().Parent?.Parent is TypeDeclarationSyntax;
    }
}
