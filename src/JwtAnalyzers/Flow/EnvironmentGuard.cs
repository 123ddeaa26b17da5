using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Flow
{
    /// <summary>
    /// Recognises code that only runs in development: the true branch of <c>env.IsDevelopment()</c> (or the false
    /// branch of <c>!env.IsDevelopment()</c>), in <c>if</c> statements and <c>?:</c> expressions.
    /// </summary>
    internal static class EnvironmentGuard
    {
        public static bool IsDevelopmentOnly(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition))
                {
                    var polarity = DevelopmentPolarity(conditional.Condition, 0);
                    if (polarity == 0) continue;
                    var inTrueBranch = ReferenceEquals(child, conditional.WhenTrue);
                    if (polarity > 0 == inTrueBranch) return true;
                }
            }

            return false;
        }

        /// <summary>True when the value depends on the environment (it mentions IsDevelopment anywhere).</summary>
        public static bool MentionsEnvironment(IOperation operation)
        {
            if (DevelopmentPolarity(operation, 0) != 0) return true;
            foreach (var descendant in operation.Descendants())
            {
                if (IsDevelopmentCheck(descendant)) return true;
            }

            return false;
        }

        /// <summary>+1 when the condition is true only in development, -1 when only outside it, 0 when unrelated.</summary>
        private static int DevelopmentPolarity(IOperation condition, int depth)
        {
            if (depth > 4) return 0;
            condition = ValueFlow.Unwrap(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return -DevelopmentPolarity(not.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    // "IsDevelopment() && x" is still development-only.
                    var left = DevelopmentPolarity(and.LeftOperand, depth + 1);
                    return left > 0 ? left : (DevelopmentPolarity(and.RightOperand, depth + 1) > 0 ? 1 : 0);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    // "!IsDevelopment() || x" is false only in development.
                    var l = DevelopmentPolarity(or.LeftOperand, depth + 1);
                    return l < 0 ? l : (DevelopmentPolarity(or.RightOperand, depth + 1) < 0 ? -1 : 0);
                default:
                    return IsDevelopmentCheck(condition) ? 1 : 0;
            }
        }

        private static bool IsDevelopmentCheck(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var name = invocation.TargetMethod.Name;
                    if (name == "IsDevelopment") return true;
                    if (name == "IsEnvironment")
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Value.ConstantValue.Value is string s && s == "Development") return true;
                        }
                    }

                    return false;
                case IPropertyReferenceOperation property:
                    return IsDevelopmentName(property.Property.Name) && property.Type?.SpecialType == SpecialType.System_Boolean;
                case IFieldReferenceOperation field:
                    return IsDevelopmentName(field.Field.Name) && field.Type?.SpecialType == SpecialType.System_Boolean;
                case ILocalReferenceOperation local:
                    return IsDevelopmentName(local.Local.Name) && local.Type?.SpecialType == SpecialType.System_Boolean;
                case IParameterReferenceOperation parameter:
                    return IsDevelopmentName(parameter.Parameter.Name) && parameter.Type?.SpecialType == SpecialType.System_Boolean;
                default:
                    return false;
            }
        }

        // "isDevelopment", "IsDev", "_isDevEnvironment": a bool whose name says development.
        private static bool IsDevelopmentName(string name)
        {
            var words = Words.Split(name);
            foreach (var word in words)
            {
                if (word == "dev" || word == "development") return true;
            }

            return false;
        }
    }
}
