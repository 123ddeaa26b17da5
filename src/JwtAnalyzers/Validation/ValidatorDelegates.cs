using System.Threading;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// Finds a validator delegate (<c>LifetimeValidator</c>, ...) set on the same TokenValidationParameters object
    /// as a flag. Microsoft.IdentityModel calls such a delegate instead of the built-in check whatever the flags say
    /// (Validators.ValidateLifetime tests <c>LifetimeValidator != null</c> before <c>ValidateLifetime</c> and
    /// <c>RequireExpirationTime</c>), so a flag set to false next to it decides nothing.
    /// </summary>
    internal static class ValidatorDelegates
    {
        public static bool IsSetOnSameObject(ISimpleAssignmentOperation flagAssignment, Receiver receiver, IPropertySymbol validator, CancellationToken cancellationToken)
        {
            // Another member of the same object initializer: { ValidateLifetime = false, LifetimeValidator = Check }.
            if (flagAssignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var sibling in initializer.Initializers)
                {
                    if (IsValidatorSet(sibling, validator, cancellationToken)) return true;
                }
            }

            if (!receiver.IsKnown || receiver.Argument is not null) return false;

            // A statement of the same block that sets it on the same object (before or after the flag).
            IOperation statement = flagAssignment;
            while (statement.Parent is not null && statement.Parent is not IBlockOperation)
            {
                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block) return false;
            foreach (var sibling in block.Operations)
            {
                if (sibling is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                    && assignment.Target is IPropertyReferenceOperation target
                    && IsValidatorSet(assignment, validator, cancellationToken)
                    && receiver.Matches(Receivers.Of(target)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsValidatorSet(IOperation operation, IPropertySymbol validator, CancellationToken cancellationToken)
        {
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                || !SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, validator))
            {
                return false;
            }

            // "LifetimeValidator = null" hands the check back to the flags; a missing value is no delegate either.
            if (assignment.Value is IInvalidOperation || assignment.Syntax.ContainsDiagnostics) return false;
            return !(ValueFlow.TryGetConstant(assignment.Value, out var value, cancellationToken) && value is null);
        }
    }
}
