using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// The shapes and exceptions of "a boolean property of TokenValidationParameters is set to a constant that
    /// switches a check off", as a reusable helper: <see cref="ValidationFlagAnalyzer"/> is built on it, and so
    /// is the RequireSignedTokens shape of <see cref="UnsignedTokensAnalyzer"/> (one analyzer per rule id).
    /// </summary>
    internal sealed class ValidationFlag
    {
        private readonly IPropertySymbol _property;
        private readonly bool _disabledValue;
        private readonly bool _exemptRefreshFlowHelper;
        private readonly ImmutableArray<IPropertySymbol> _overridingDelegates;

        private ValidationFlag(IPropertySymbol property, bool disabledValue, bool exemptRefreshFlowHelper, ImmutableArray<IPropertySymbol> overridingDelegates)
        {
            _property = property;
            _disabledValue = disabledValue;
            _exemptRefreshFlowHelper = exemptRefreshFlowHelper;
            _overridingDelegates = overridingDelegates;
        }

        public IPropertySymbol Property => _property;

        /// <summary>
        /// Null when the type has no such property. <paramref name="overridingDelegateNames"/> name delegate
        /// properties that the library calls instead of looking at the flag (a custom IssuerValidator runs even
        /// when ValidateIssuer is false), so the flag switches nothing off when one of them is also set.
        /// </summary>
        public static ValidationFlag? Create(INamedTypeSymbol tokenValidationParameters, string propertyName, bool disabledValue, bool exemptRefreshFlowHelper, params string[] overridingDelegateNames)
        {
            var property = FindProperty(tokenValidationParameters, propertyName);
            if (property is null) return null;
            var delegates = ImmutableArray.CreateBuilder<IPropertySymbol>();
            foreach (var name in overridingDelegateNames)
            {
                var p = FindProperty(tokenValidationParameters, name);
                if (p is not null) delegates.Add(p);
            }

            return new ValidationFlag(property, disabledValue, exemptRefreshFlowHelper, delegates.ToImmutable());
        }

        /// <summary>True when the assignment provably switches the check off and no exception applies.</summary>
        public bool IsSwitchedOff(ISimpleAssignmentOperation assignment, CancellationToken cancellationToken)
        {
            if (assignment.Target is not IPropertyReferenceOperation target
                || !SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, _property))
            {
                return false;
            }

            if (!ValueFlow.IsConstantBool(assignment.Value, _disabledValue, cancellationToken)) return false;
            if (EnvironmentGuard.IsDevelopmentOnly(assignment)) return false;

            var receiver = Receivers.Of(target);
            if (receiver.IsKnown && Receivers.IsOverriddenLater(assignment, receiver, _property, _disabledValue, cancellationToken)) return false;
            if (_exemptRefreshFlowHelper && receiver.IsKnown && Receivers.IsPassedToValidateToken(assignment, receiver)) return false;
            if (_exemptRefreshFlowHelper && ValidateTokenOnlyMember.IsOnlyPassedToValidateToken(target, cancellationToken)) return false;
            if (!_overridingDelegates.IsEmpty && HasOverridingDelegate(assignment, receiver, cancellationToken)) return false;
            return true;
        }

        /// <summary>A delegate that replaces the check is set on the same object (same initializer or same receiver).</summary>
        private bool HasOverridingDelegate(ISimpleAssignmentOperation assignment, Receiver receiver, CancellationToken cancellationToken)
        {
            var initializer = assignment.Parent as IObjectOrCollectionInitializerOperation;
            var function = EnclosingFunction(assignment);
            foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(assignment)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (descendant is not ISimpleAssignmentOperation other
                    || other.Target is not IPropertyReferenceOperation otherTarget
                    || !IsOverridingDelegate(otherTarget.Property))
                {
                    continue;
                }

                if (ValueFlow.TryGetConstant(other.Value, out var value, cancellationToken) && value is null) continue; // "= null" replaces nothing

                var sameInitializer = initializer is not null && ReferenceEquals(other.Parent, initializer);
                // Receivers match by text: "options" in another lambda is another object.
                var sameReceiver = receiver.IsKnown && ReferenceEquals(EnclosingFunction(other), function) && receiver.Matches(Receivers.Of(otherTarget));
                if (sameInitializer || sameReceiver) return true;
            }

            return false;
        }

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return parent;
            }

            return null;
        }

        private bool IsOverridingDelegate(IPropertySymbol property)
        {
            foreach (var candidate in _overridingDelegates)
            {
                if (SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, candidate)) return true;
            }

            return false;
        }

        private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol p) return p;
            }

            return null;
        }
    }
}
