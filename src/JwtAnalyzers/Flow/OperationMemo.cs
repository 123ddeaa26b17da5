using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// An answer about an operation, computed once per compilation and shared by every rule that asks (one weakly
    /// keyed table per compilation, so nothing outlives it). Keyed by the operation's place in the source, not by the
    /// operation object: hashing an object by identity for the first time is a runtime call, and profiles of the full
    /// benchmark kept finding our threads stalled in it, while a tree is hashed once and a span is two integers. An
    /// answer is only handed back for the very operation it was computed for: another semantic model's tree for the
    /// same code (the IDE analyses spans with their own models) gets its own answer, computed and not kept.
    /// </summary>
    internal sealed class OperationMemo<T>
    {
        private readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(SyntaxTree, TextSpan, OperationKind), (IOperation Operation, T Value)>> _tables =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<(SyntaxTree, TextSpan, OperationKind), (IOperation, T)>>();

        private readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(SyntaxTree, TextSpan, OperationKind), (IOperation Operation, T Value)>>.CreateValueCallback _newTable =
            _ => new ConcurrentDictionary<(SyntaxTree, TextSpan, OperationKind), (IOperation, T)>();

        public T Get<TState>(IOperation operation, Compilation compilation, TState state, Func<IOperation, TState, T> compute)
        {
            var table = _tables.GetValue(compilation, _newTable);
            var key = (operation.Syntax.SyntaxTree, operation.Syntax.Span, operation.Kind);
            if (table.TryGetValue(key, out var known) && ReferenceEquals(known.Operation, operation)) return known.Value;
            var value = compute(operation, state);
            table.TryAdd(key, (operation, value));
            return value;
        }
    }
}
