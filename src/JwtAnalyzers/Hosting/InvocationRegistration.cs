using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Hosting
{
    /// <summary>
    /// Invocation handlers keyed by the invoked method's name. Most invocations in a code base are not the handful
    /// of methods a rule is about; inside <see cref="JwtAnalyzer"/> the host reads each invocation's method name
    /// once and calls only the rules that named it, instead of every rule reading it again. A rule run on its own
    /// (its tests) gets the same filter in front of its handler.
    /// </summary>
    internal static class InvocationRegistration
    {
        /// <summary>A set of method names for <see cref="RegisterInvocationAction"/>; ordinal, built once per rule.</summary>
        public static HashSet<string> Names(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);

        /// <summary>
        /// Registers <paramref name="action"/> for invocations of methods named one of <paramref name="methodNames"/>.
        /// The rule's handler keeps its own checks: the names are a filter in front of it, never a verdict.
        /// </summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext start, HashSet<string> methodNames, Action<OperationAnalysisContext> action)
        {
            if (start is RuleHost.StartCollector collector)
            {
                collector.RegisterInvocationAction(methodNames, action);
                return;
            }

            start.RegisterOperationAction(
                context =>
                {
                    if (methodNames.Contains(((IInvocationOperation)context.Operation).TargetMethod.Name)) action(context);
                },
                OperationKind.Invocation);
        }
    }
}
