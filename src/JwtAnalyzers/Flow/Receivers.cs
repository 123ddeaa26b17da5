using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Identifies "which object" a property assignment writes to, so that a later assignment to the same
    /// object can be recognised: a local, a receiver expression (compared by its text, e.g.
    /// <c>options.TokenValidationParameters</c>), or an object created in place and passed as an argument.
    /// </summary>
    internal readonly struct Receiver
    {
        public Receiver(ILocalSymbol? local, string? text, IArgumentOperation? argument)
        {
            Local = local;
            Text = text;
            Argument = argument;
        }

        public ILocalSymbol? Local { get; }

        public string? Text { get; }

        /// <summary>The argument, when the object is created in place as a call's argument.</summary>
        public IArgumentOperation? Argument { get; }

        public bool IsKnown => Local is not null || Text is not null || Argument is not null;

        public bool Matches(Receiver other)
        {
            if (Local is not null) return SymbolEqualityComparer.Default.Equals(Local, other.Local);
            return Text is not null && Text == other.Text;
        }
    }

    internal static class Receivers
    {
        /// <summary>The object a property reference belongs to.</summary>
        public static Receiver Of(IPropertyReferenceOperation target)
        {
            var instance = target.Instance;
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                var creation = EnclosingCreation(target);
                return creation is null ? default : DestinationOf(creation);
            }

            return OfExpression(instance);
        }

        /// <summary>The object created by an object creation: where the new object goes.</summary>
        public static Receiver DestinationOf(IOperation creation)
        {
            var current = creation;
            while (current.Parent is IConversionOperation conversion) current = conversion;
            switch (current.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return new Receiver(declarator.Symbol, null, null);
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return OfExpression(assignment.Target);
                case IArgumentOperation argument:
                    return new Receiver(null, null, argument);
                default:
                    return default;
            }
        }

        private static Receiver OfExpression(IOperation? expression)
        {
            switch (expression)
            {
                case null:
                    return default;
                case ILocalReferenceOperation local:
                    return new Receiver(local.Local, null, null);
                case IInstanceReferenceOperation:
                    return default;
                default:
                    return new Receiver(null, Normalize(expression.Syntax.ToString()), null);
            }
        }

        /// <summary>
        /// True when a later statement of the same block assigns the same property of the same object a value
        /// that is not the disabling constant (the first assignment is then dead).
        /// </summary>
        public static bool IsOverriddenLater(IOperation assignment, Receiver receiver, IPropertySymbol property, object? disabledValue, CancellationToken cancellationToken)
        {
            IOperation statement = assignment;
            while (statement.Parent is not null && statement.Parent is not IBlockOperation)
            {
                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block) return false;
            var seen = false;
            foreach (var sibling in block.Operations)
            {
                if (!seen)
                {
                    seen = ReferenceEquals(sibling, statement);
                    continue;
                }

                if (sibling is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation later }
                    && later.Target is IPropertyReferenceOperation laterTarget
                    && SymbolEqualityComparer.Default.Equals(laterTarget.Property.OriginalDefinition, property)
                    && receiver.Matches(Of(laterTarget)))
                {
                    var stillDisabled = ValueFlow.TryGetConstant(later.Value, out var value, cancellationToken) && Equals(value, disabledValue);
                    return !stillDisabled;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the object is a local (or an in-place argument) handed to ValidateToken/ValidateTokenAsync in
        /// the same method: the refresh-flow helper that reads the principal out of an expired access token.
        /// </summary>
        public static bool IsPassedToValidateToken(IOperation operation, Receiver receiver)
        {
            if (receiver.Argument is { Parent: IInvocationOperation direct })
            {
                return IsValidateToken(direct.TargetMethod);
            }

            if (receiver.Local is null) return false;
            foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(operation)))
            {
                if (descendant is not IInvocationOperation invocation || !IsValidateToken(invocation.TargetMethod)) continue;
                foreach (var argument in invocation.Arguments)
                {
                    var value = argument.Value;
                    while (value is IConversionOperation conversion) value = conversion.Operand;
                    if (value is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, receiver.Local)) return true;
                }
            }

            return false;
        }

        private static bool IsValidateToken(IMethodSymbol method) => method.Name == "ValidateToken" || method.Name == "ValidateTokenAsync";

        private static IOperation? EnclosingCreation(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IObjectOrCollectionInitializerOperation initializer)
                {
                    return initializer.Parent is IObjectCreationOperation or IAnonymousObjectCreationOperation ? initializer.Parent : null;
                }
            }

            return null;
        }

        private static string Normalize(string text)
        {
            var builder = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c)) builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
