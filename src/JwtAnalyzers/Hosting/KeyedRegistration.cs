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
            => start.RegisterInvocationAction(method => methodNames.Contains(method.Name), action);

        /// <summary>
        /// Registers <paramref name="action"/> for invocations of the methods <paramref name="methodFilter"/> accepts.
        /// The filter is given the method's original definition (<c>List&lt;T&gt;.Add</c>, not <c>List&lt;Claim&gt;.Add</c>).
        /// </summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, Func<IMethodSymbol, bool> methodFilter, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.Invocation, InvocationKey, methodFilter, action);

        /// <summary>
        /// Registers <paramref name="action"/> for object creations whose type <paramref name="typeFilter"/> accepts
        /// (its original definition: <c>List&lt;T&gt;</c> for <c>new List&lt;Claim&gt;()</c>). Creations of no known type
        /// (broken code) reach no handler.
        /// </summary>
        public static void RegisterObjectCreationAction(this CompilationStartAnalysisContext start, Func<ITypeSymbol, bool> typeFilter, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.ObjectCreation, CreationKey, typeFilter, action);

        /// <summary>
        /// Registers <paramref name="action"/> for simple assignments to a property <paramref name="propertyFilter"/>
        /// accepts (its original definition; an indexer too). Assignments to locals and fields reach no handler.
        /// </summary>
        public static void RegisterPropertyAssignmentAction(this CompilationStartAnalysisContext start, Func<IPropertySymbol, bool> propertyFilter, Action<OperationAnalysisContext> action)
            => start.RegisterKeyedAction(OperationKind.SimpleAssignment, AssignedPropertyKey, propertyFilter, action);

        private static void RegisterKeyedAction<TKey>(this CompilationStartAnalysisContext start, OperationKind kind, Func<IOperation, TKey?> key, Func<TKey, bool> filter, Action<OperationAnalysisContext> action)
            where TKey : class, ISymbol
        {
            if (start is RuleHost.StartCollector collector)
            {
                collector.RegisterKeyedAction(kind, key, filter, action);
                return;
            }

            start.RegisterOperationAction(
                context =>
                {
                    if (key(context.Operation) is { } symbol && filter(symbol)) action(context);
                },
                kind);
        }

        internal static IMethodSymbol? InvocationKey(IOperation operation) => (operation as IInvocationOperation)?.TargetMethod?.OriginalDefinition;

        internal static ITypeSymbol? CreationKey(IOperation operation) => (operation as IObjectCreationOperation)?.Type?.OriginalDefinition;

        internal static IPropertySymbol? AssignedPropertyKey(IOperation operation)
            => ((operation as ISimpleAssignmentOperation)?.Target as IPropertyReferenceOperation)?.Property.OriginalDefinition;
    }
}
