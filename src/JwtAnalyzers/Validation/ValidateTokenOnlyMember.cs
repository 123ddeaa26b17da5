using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// The refresh-flow helper that keeps its parameters in a private field or property instead of a local
    /// (built once in the constructor, used by GetPrincipalFromExpiredToken): when every use of the member in its
    /// type is a write or an argument of ValidateToken/ValidateTokenAsync, the object never reaches the
    /// authentication middleware, exactly like the local the refresh-flow exemption covers.
    /// </summary>
    internal static class ValidateTokenOnlyMember
    {
        public static bool IsOnlyPassedToValidateToken(IPropertyReferenceOperation flagTarget, CancellationToken cancellationToken)
        {
            var member = MemberHolding(flagTarget);
            var model = flagTarget.SemanticModel;
            if (member is null || model is null || member.DeclaredAccessibility != Accessibility.Private || member.ContainingType is null) return false;
            if (member is not IFieldSymbol && member is not IPropertySymbol) return false;

            var validatedSomewhere = false;
            foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                if (declaration.SyntaxTree != model.SyntaxTree) return false; // a part we cannot see may use it
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != member.Name) continue;
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, member)) continue;
                    switch (Use(identifier, model, cancellationToken))
                    {
                        case Usage.Write:
                            break;
                        case Usage.Validated:
                            validatedSomewhere = true;
                            break;
                        default:
                            return false;
                    }
                }
            }

            return validatedSomewhere;
        }

        private enum Usage
        {
            Other,
            Write,
            Validated,
        }

        private static Usage Use(IdentifierNameSyntax identifier, SemanticModel model, CancellationToken cancellationToken)
        {
            ExpressionSyntax expression = identifier;
            if (identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == identifier)
            {
                expression = qualified;
            }

            switch (expression.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == expression:
                    return Usage.Write;
                case MemberAccessExpressionSyntax access when access.Expression == expression
                    && access.Parent is AssignmentExpressionSyntax propertyWrite && propertyWrite.Left == access:
                    return Usage.Write; // _parameters.ValidateLifetime = false
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                    return model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "ValidateToken" or "ValidateTokenAsync" }
                        ? Usage.Validated
                        : Usage.Other;
                default:
                    return Usage.Other;
            }
        }

        /// <summary>The field or property of this object that holds the parameters object the flag is set on.</summary>
        private static ISymbol? MemberHolding(IPropertyReferenceOperation flagTarget)
        {
            switch (flagTarget.Instance)
            {
                case IFieldReferenceOperation field when IsThisOrStatic(field.Instance):
                    return field.Field;
                case IPropertyReferenceOperation property when IsThisOrStatic(property.Instance):
                    return property.Property;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    break;
                default:
                    return null;
            }

            // { ValidateLifetime = false } inside "_member = new TokenValidationParameters { ... }" or a member initializer.
            IOperation? creation = null;
            for (var parent = flagTarget.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IObjectOrCollectionInitializerOperation initializer)
                {
                    creation = initializer.Parent as IObjectCreationOperation;
                    break;
                }
            }

            if (creation is null) return null;
            var current = creation;
            while (current.Parent is IConversionOperation conversion) current = conversion;
            switch (current.Parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return assignment.Target switch
                    {
                        IFieldReferenceOperation field when IsThisOrStatic(field.Instance) => field.Field,
                        IPropertyReferenceOperation property when IsThisOrStatic(property.Instance) => property.Property,
                        _ => null,
                    };
                case IFieldInitializerOperation { InitializedFields.Length: 1 } fieldInitializer:
                    return fieldInitializer.InitializedFields[0];
                case IPropertyInitializerOperation { InitializedProperties.Length: 1 } propertyInitializer:
                    return propertyInitializer.InitializedProperties[0];
                default:
                    return null;
            }
        }

        private static bool IsThisOrStatic(IOperation? instance)
            => instance is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
    }
}
