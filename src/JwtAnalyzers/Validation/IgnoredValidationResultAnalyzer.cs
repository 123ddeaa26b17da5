using System.Collections.Generic;
using System.Collections.Immutable;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// JWT045: <c>ValidateTokenAsync</c> (JsonWebTokenHandler, JwtSecurityTokenHandler, any TokenHandler) reports a
    /// failure in its <c>TokenValidationResult</c> instead of throwing. Reported:
    /// <list type="bullet">
    /// <item>the result is discarded (an expression statement, <c>_ = await ...</c>);</item>
    /// <item>its <c>ClaimsIdentity</c>, <c>Claims</c> or <c>SecurityToken</c> is used (directly, or through a local)
    /// before anything in the method reads <c>IsValid</c> or <c>Exception</c>, or null-checks the used member.</item>
    /// </list>
    /// A result that is returned, passed on or stored elsewhere is not reported: its check may live there.
    /// </summary>
    public sealed class IgnoredValidationResultAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="DiscardedShape"/> or <see cref="UsedShape"/>.</summary>
        public const string ShapeProperty = "Shape";
        public const string DiscardedShape = "Discarded";
        public const string UsedShape = "Used";

        /// <summary>Diagnostic property: the local that holds the result (used shape, declared with the call).</summary>
        public const string LocalProperty = "Local";

        private static readonly ImmutableDictionary<string, string?> DiscardedProperties =
            ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, DiscardedShape);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.IgnoredValidationResult);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var result = TypeLookup.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.TokenValidationResult");
                if (result is null) return; // library absent: no cost
                start.RegisterInvocationAction(ValidateNames, c => Analyze(c, result));
            });
        }

        private static readonly HashSet<string> ValidateNames = KeyedRegistration.Names("ValidateTokenAsync");

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol validationResult)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name != "ValidateTokenAsync" || !ReturnsValidationResult(method, validationResult)) return;
            // Code being typed is not a verdict: stay silent while the enclosing body has syntax errors.
            IOperation body = invocation;
            while (body.Parent is { } up) body = up;
            if (body.Syntax.ContainsDiagnostics) return;

            // Climb from the call to the value: await, ConfigureAwait, .Result, GetAwaiter().GetResult().
            var value = ResultOf(invocation);
            var parent = value.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                value = parent;
                parent = value.Parent;
            }

            var name = method.ContainingType.Name + "." + method.Name;
            if (parent is IExpressionStatementOperation
                || (parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && ReferenceEquals(discard.Value, value)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.IgnoredValidationResult, invocation.Syntax.GetLocation(), DiscardedProperties, name, "discarded"));
                return;
            }

            if (!IsValidationResult(value.Type, validationResult)) return; // a Task stored or returned: followed elsewhere

            // (await handler.ValidateTokenAsync(...)).ClaimsIdentity
            if (parent is IPropertyReferenceOperation direct && ReferenceEquals(direct.Instance, value))
            {
                if (IsPayloadMember(direct.Property) && !IsNullChecked(direct))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.IgnoredValidationResult, invocation.Syntax.GetLocation(), DiscardedProperties.SetItem(ShapeProperty, UsedShape), name, "used"));
                }

                return;
            }

            // var result = await handler.ValidateTokenAsync(...); ... result.ClaimsIdentity
            ILocalSymbol? local = null;
            var declared = false;
            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    local = declarator.Symbol;
                    declared = true;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when ReferenceEquals(assignment.Value, value):
                    local = target.Local;
                    break;
            }

            if (local is null || local.IsRef) return;
            if (!UsedBeforeChecked(invocation, local, validationResult)) return;

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, UsedShape);
            if (declared) properties = properties.Add(LocalProperty, local.Name);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.IgnoredValidationResult, invocation.Syntax.GetLocation(), properties, name, "used"));
        }

        private static IOperation ResultOf(IInvocationOperation invocation)
        {
            IOperation value = invocation;
            for (var i = 0; i < 4; i++)
            {
                var parent = value.Parent;
                while (parent is IConversionOperation or IParenthesizedOperation)
                {
                    value = parent;
                    parent = value.Parent;
                }

                switch (parent)
                {
                    case IAwaitOperation awaitOperation:
                        value = awaitOperation;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" } call when ReferenceEquals(call.Instance, value):
                        value = call;
                        continue;
                    case IPropertyReferenceOperation { Property.Name: "Result" } result when ReferenceEquals(result.Instance, value):
                        value = result;
                        continue;
                }

                break;
            }

            return value;
        }

        /// <summary>
        /// True when a use of ClaimsIdentity/Claims/SecurityToken on the local comes (in source order) before any
        /// read of IsValid/Exception and is not itself a null check.
        /// </summary>
        private static bool UsedBeforeChecked(IOperation invocation, ILocalSymbol local, INamedTypeSymbol validationResult)
        {
            var root = invocation;
            while (root.Parent is { } next) root = next;
            var start = invocation.Syntax.SpanStart;
            var firstCheck = int.MaxValue;
            var firstUse = int.MaxValue;
            foreach (var descendant in ValueFlow.DescendantsOf(root))
            {
                if (descendant is not IPropertyReferenceOperation property) continue;
                if (!SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, validationResult)) continue;
                var position = property.Syntax.SpanStart;
                if (position < start) continue;
                var memberName = property.Property.Name;
                if (memberName == "IsValid" || memberName == "Exception")
                {
                    // Any read of the verdict counts, also through a pattern ("result is { IsValid: true }").
                    if (position < firstCheck) firstCheck = position;
                    continue;
                }

                if (!IsPayloadMember(property.Property)) continue;
                if (property.Instance is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local)) continue;
                if (IsNullChecked(property))
                {
                    if (position < firstCheck) firstCheck = position;
                    continue;
                }

                if (position < firstUse) firstUse = position;
            }

            return firstUse < firstCheck;
        }

        private static bool IsPayloadMember(IPropertySymbol property)
            => property.Name == "ClaimsIdentity" || property.Name == "Claims" || property.Name == "SecurityToken";

        /// <summary><c>x.ClaimsIdentity?.Name</c>, <c>x.ClaimsIdentity == null</c>, <c>x.ClaimsIdentity is null</c>, <c>x.ClaimsIdentity is { } id</c>: a check, not a use.</summary>
        private static bool IsNullChecked(IOperation use)
        {
            var value = use;
            var parent = value.Parent;
            while (parent is IConversionOperation)
            {
                value = parent;
                parent = value.Parent;
            }

            switch (parent)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var other = ReferenceEquals(binary.LeftOperand, value) ? binary.RightOperand : binary.LeftOperand;
                    return other.ConstantValue.HasValue && other.ConstantValue.Value is null;
                case IIsPatternOperation:
                    return true;
                case IConditionalAccessOperation conditional:
                    // "result.ClaimsIdentity?.IsAuthenticated == true": a failed result carries no identity.
                    return ReferenceEquals(conditional.Operation, value);
                default:
                    return false;
            }
        }

        private static bool ReturnsValidationResult(IMethodSymbol method, INamedTypeSymbol validationResult)
        {
            if (method.ReturnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task) return false;
            return IsValidationResult(task.TypeArguments[0], validationResult);
        }

        private static bool IsValidationResult(ITypeSymbol? type, INamedTypeSymbol validationResult)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, validationResult)) return true;
            }

            return false;
        }
    }
}
