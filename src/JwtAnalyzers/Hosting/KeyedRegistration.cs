using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Hosting
{
    /// <summary>
    /// Invocation handlers keyed by the invoked method, object-creation handlers by the created type, assignment
    /// handlers by the assigned property. Most invocations, creations and assignments in a code base are not the
    /// handful of APIs a rule is about. Inside
    /// <see cref="JwtAnalyzer"/> the host asks each rule's filter once per distinct method, type or property, keeps the
    /// answer for the compilation, and per operation calls only the rules whose filter accepted its key; the
    /// rules' own checks never run on the rest. A rule run on its own (its tests) gets the same filter in front of
    /// its handler.
    /// A filter must be a pure function of the symbol it is given and may only over-approximate: the handler
    /// keeps its own checks, so a filter is a cheap first cut, never a verdict.
    /// </summary>
    internal static class KeyedRegistration
    {
        /// <summary>A set of method names for <see cref="RegisterInvocationAction(CompilationStartAnalysisContext, HashSet{string}, Action{OperationAnalysisContext})"/>; ordinal, built once per rule.</summary>
        public static HashSet<string> Names(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);

        /// <summary>Registers <paramref name="action"/> for invocations of methods named one of <paramref name="methodNames"/>.</summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, HashSet<string> methodNames, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.Invocation, InvocationKey, MethodDefinition, new NameGate(methodNames), AnyMethod, action);

        /// <summary>
        /// Registers <paramref name="action"/> for invocations of methods named one of <paramref name="methodNames"/>
        /// (or, with <paramref name="namePredicate"/>, a name it accepts) that <paramref name="methodFilter"/> accepts.
        /// The filter is given the method's original definition (<c>List&lt;T&gt;.Add</c>, not <c>List&lt;Claim&gt;.Add</c>).
        /// </summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, HashSet<string> methodNames, Func<IMethodSymbol, bool> methodFilter, Action<OperationAnalysisContext> action, Func<string, bool>? namePredicate = null)
            => start.RegisterKeyedAction(OperationKind.Invocation, InvocationKey, MethodDefinition, new NameGate(methodNames, namePredicate), methodFilter, action);

        /// <summary>
        /// Registers <paramref name="action"/> for invocations of the methods <paramref name="methodFilter"/> accepts,
        /// whatever their name. Prefer the overloads with names: inside the host, a method whose name no rule
        /// names is passed over without a look at the method itself.
        /// </summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, Func<IMethodSymbol, bool> methodFilter, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.Invocation, InvocationKey, MethodDefinition, NameGate.Any, methodFilter, action);

        /// <summary>
        /// Registers <paramref name="action"/> for object creations of a type named one of <paramref name="typeNames"/>
        /// that <paramref name="typeFilter"/> accepts (its original definition: <c>List&lt;T&gt;</c> for
        /// <c>new List&lt;Claim&gt;()</c>). A type derived from an accepted one but named otherwise never reaches the
        /// filter. Inside the host, a creation of a type no rule names is passed over after one look-up of its name, as an
        /// invocation is: without the gate, every type created in a compilation was selected for, once per thread.
        /// Creations of no known type (broken code) reach no handler.
        /// </summary>
        public static void RegisterObjectCreationAction(this CompilationStartAnalysisContext start, HashSet<string> typeNames, Func<ITypeSymbol, bool> typeFilter, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.ObjectCreation, CreationKey, TypeDefinition, new NameGate(typeNames), typeFilter, action);

        /// <summary>
        /// Registers <paramref name="action"/> for object creations of exactly one of <paramref name="types"/> (those that
        /// resolved in this compilation): the gate is their names and the filter their identity, so the two cannot
        /// disagree. Nothing is registered when none resolved.
        /// </summary>
        public static void RegisterObjectCreationAction(this CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action, params INamedTypeSymbol?[] types)
        {
            var resolved = new List<INamedTypeSymbol>(types.Length);
            var names = Names();
            foreach (var type in types)
            {
                if (type is null) continue;
                resolved.Add(type);
                names.Add(type.Name);
            }

            if (resolved.Count == 0) return;
            start.RegisterObjectCreationAction(names, created => IsOneOf(created, resolved), action);
        }

        private static bool IsOneOf(ITypeSymbol type, List<INamedTypeSymbol> types)
        {
            foreach (var candidate in types)
            {
                if (SymbolEqualityComparer.Default.Equals(type, candidate)) return true;
            }

            return false;
        }

        /// <summary>
        /// Registers <paramref name="action"/> for simple assignments to a property named one of
        /// <paramref name="propertyNames"/> (an indexer is named <c>this[]</c>) that <paramref name="propertyFilter"/>
        /// accepts (its original definition). Assignments to locals and fields reach no handler.
        /// </summary>
        public static void RegisterPropertyAssignmentAction(this CompilationStartAnalysisContext start, HashSet<string> propertyNames, Func<IPropertySymbol, bool> propertyFilter, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.SimpleAssignment, AssignedPropertyKey, PropertyDefinition, new NameGate(propertyNames), propertyFilter, action);

        /// <summary>The name C# gives every indexer (<see cref="ISymbol.Name"/> of an indexer property).</summary>
        public const string IndexerName = "this[]";

        private static readonly Func<IMethodSymbol, bool> AnyMethod = static _ => true;

        private static void RegisterKeyedAction<TKey>(this CompilationStartAnalysisContext start, OperationKind kind, Func<IOperation, TKey?> key, Func<TKey, TKey> definition,
            NameGate gate, Func<TKey, bool> filter, Action<OperationAnalysisContext> action)
            where TKey : class, ISymbol
        {
            if (start is RuleHost.StartCollector collector)
            {
                collector.RegisterKeyedAction(kind, key, definition, gate, filter, action);
                return;
            }

            start.RegisterOperationAction(
                context =>
                {
                    if (key(context.Operation) is { } symbol && gate.Accepts(symbol.Name) && filter(definition(symbol))) action(context);
                },
                kind);
        }

        /// <summary>
        /// The names a keyed handler is about: a set, and optionally a predicate for names no set can list (a prefix).
        /// <see cref="Any"/> lets every name through. A gate may only over-approximate what its filter accepts.
        /// </summary>
        internal sealed class NameGate
        {
            public static readonly NameGate Any = new NameGate(null);

            public NameGate(HashSet<string>? names, Func<string, bool>? predicate = null)
            {
                Names = names;
                Predicate = predicate;
            }

            public HashSet<string>? Names { get; }

            public Func<string, bool>? Predicate { get; }

            public bool IsAny => Names is null && Predicate is null;

            public bool Accepts(string name) => IsAny || (Names is not null && Names.Contains(name)) || (Predicate is not null && Predicate(name));
        }

        // An operation's key is the symbol as the operation has it (List<Claim>.Add): its name is all the name gate needs, and
        // most operations stop there. A filter is given its original definition (List<T>.Add), looked up only past the gate.
        internal static IMethodSymbol? InvocationKey(IOperation operation) => (operation as IInvocationOperation)?.TargetMethod;

        internal static ITypeSymbol? CreationKey(IOperation operation) => (operation as IObjectCreationOperation)?.Type;

        // Most assignments are to fields and locals: the target's kind rules them out without a cast.
        internal static IPropertySymbol? AssignedPropertyKey(IOperation operation)
            => operation is ISimpleAssignmentOperation { Target: { Kind: OperationKind.PropertyReference } target } ? ((IPropertyReferenceOperation)target).Property : null;

        // The key a filter is given and selections are kept by (typed, so no cast to a type parameter per operation).
        private static readonly Func<IMethodSymbol, IMethodSymbol> MethodDefinition = static method => method.OriginalDefinition;
        private static readonly Func<ITypeSymbol, ITypeSymbol> TypeDefinition = static type => type.OriginalDefinition;
        private static readonly Func<IPropertySymbol, IPropertySymbol> PropertyDefinition = static property => property.OriginalDefinition;
    }
}
