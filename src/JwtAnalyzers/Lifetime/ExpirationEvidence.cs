using System;
using System.Text;
using System.Threading;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>What the code shows about a token's <c>exp</c> claim.</summary>
    internal enum Expiration
    {
        /// <summary>Provably no <c>exp</c>: everything that goes into the payload is visible and none of it is <c>exp</c>.</summary>
        Absent,

        /// <summary>An <c>exp</c> is (or may be) written.</summary>
        Present,

        /// <summary>Something unseen goes into the payload (a parameter, a call, a dynamic key): not provable either way.</summary>
        Unknown,
    }

    /// <summary>
    /// The evidence JWT003 reads: payload dictionaries and anonymous objects built in place, JSON text, the
    /// objects a local holds and what the method later does to them, and provably-null expiry values.
    /// Every answer that is not certain is <see cref="Expiration.Unknown"/>, which the rule treats as safe.
    /// </summary>
    internal static class ExpirationEvidence
    {
        public const string ExpClaim = "exp";

        private const int MaxDepth = 8;

        public static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            while (operation is IParenthesizedOperation parenthesized) operation = parenthesized.Operand;
            return operation;
        }

        /// <summary>True when every source of the value is <c>null</c> (or <c>default</c> of a nullable type).</summary>
        public static bool IsProvablyNull(IOperation value, CancellationToken cancellationToken)
        {
            var sources = ValueFlow.Sources(value, cancellationToken);
            if (sources.IsEmpty) return false;
            foreach (var source in sources)
            {
                if (source.ConstantValue.HasValue && source.ConstantValue.Value is null) continue;
                if (source is IDefaultValueOperation && (source.Type is null || source.Type.IsReferenceType
                    || source.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T))
                {
                    continue;
                }

                return false;
            }

            return true;
        }

        /// <summary>
        /// True when the method (or field initializer) around <paramref name="root"/> names the <c>exp</c> claim
        /// anywhere: a constant <c>"exp"</c> (literal, <c>JwtRegisteredClaimNames.Exp</c>, a JSON text with an
        /// <c>"exp"</c> key) or JWT.Net's <c>ClaimName.ExpirationTime</c>. Claims then may carry an expiry the
        /// rule cannot follow (a claims list, <c>token.Payload["exp"] = ...</c>), so it stays silent.
        /// </summary>
        public static bool MentionsExp(IOperation root, IFieldSymbol? claimNameExpirationTime)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is string s && IsExpText(s)) return true;
                if (claimNameExpirationTime is not null && operation is IFieldReferenceOperation field
                    && SymbolEqualityComparer.Default.Equals(field.Field, claimNameExpirationTime))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the type declaration around <paramref name="node"/> creates a claim of type <c>exp</c>
        /// anywhere (<c>new Claim("exp", ...)</c>, <c>new Claim(JwtRegisteredClaimNames.Exp, ...)</c>). Used when
        /// claims reach the token from elsewhere (a parameter, a helper such as <c>GetClaims(user)</c>): a helper of
        /// the same class may put the expiry in the claims. Syntax only: the other members need no binding.
        /// </summary>
        public static bool TypeCreatesExpClaim(SyntaxNode node)
        {
            var type = node.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>();
            if (type is null) return false;
            foreach (var descendant in type.DescendantNodes())
            {
                if (descendant is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } creation) continue;
                if (creation is Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax explicitCreation
                    && !explicitCreation.Type.ToString().EndsWith("Claim", StringComparison.Ordinal))
                {
                    continue;
                }

                switch (arguments[0].Expression)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal when literal.Token.ValueText == ExpClaim:
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access
                        when access.Name.Identifier.ValueText == "Exp" && access.Expression.ToString().EndsWith("JwtRegisteredClaimNames", StringComparison.Ordinal):
                        return true;
                }
            }

            return false;
        }

        private static bool IsExpText(string s)
            => s == ExpClaim || s.IndexOf("\"exp\"", StringComparison.Ordinal) >= 0;

        /// <summary>A claim key: a constant string is <c>exp</c> or not; anything else is unknown.</summary>
        public static Expiration ClassifyKey(IOperation key, CancellationToken cancellationToken)
        {
            if (!ValueFlow.TryGetConstant(key, out var value, cancellationToken) || value is not string name) return Expiration.Unknown;
            return name == ExpClaim ? Expiration.Present : Expiration.Absent;
        }

        public static Expiration Combine(Expiration a, Expiration b)
        {
            if (a == Expiration.Present || b == Expiration.Present) return Expiration.Present;
            if (a == Expiration.Unknown || b == Expiration.Unknown) return Expiration.Unknown;
            return Expiration.Absent;
        }

        /// <summary>The declarator of a local in the same operation tree, or null.</summary>
        public static IVariableDeclaratorOperation? FindDeclarator(IOperation root, ILocalSymbol local)
        {
            foreach (var operation in ValueFlow.DescendantsOf(root))
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator;
                }
            }

            return null;
        }

        /// <summary>
        /// The object a local holds when it is created once, in place (its initializer or its one assignment),
        /// and the local is never assigned again; null otherwise.
        /// </summary>
        public static IOperation? CreationHeldBy(ILocalReferenceOperation reference, CancellationToken cancellationToken)
        {
            var value = Strip(ValueFlow.Unwrap(reference, cancellationToken));
            if (ReferenceEquals(value, reference) || value is ILocalReferenceOperation) return null;
            if (value is not (IObjectCreationOperation or IAnonymousObjectCreationOperation)) return null;
            // Unwrap may have stepped through several locals; the object must be created straight into this one,
            // or the mutations checked later would be those of the wrong variable.
            var destination = Receivers.DestinationOf(value);
            return SymbolEqualityComparer.Default.Equals(destination.Local, reference.Local) ? value : null;
        }

        /// <summary>
        /// Evaluates an object payload: a string-keyed dictionary or an anonymous object created in place, or a
        /// local holding one whose later uses are all visible (constant-key <c>Add</c>s and indexer writes, reads,
        /// and being passed to <paramref name="isSink"/>). <paramref name="creation"/> is the creation, for the fix.
        /// </summary>
        public static Expiration EvaluateObjectPayload(
            IOperation value,
            INamedTypeSymbol? dictionaryInterface,
            Func<IInvocationOperation, bool> isSink,
            out IOperation? creation,
            CancellationToken cancellationToken)
        {
            creation = null;
            var operation = Strip(value);
            ILocalReferenceOperation? local = null;
            if (operation is ILocalReferenceOperation reference)
            {
                local = reference;
                var held = CreationHeldBy(reference, cancellationToken);
                if (held is null) return Expiration.Unknown;
                operation = held;
            }

            switch (operation)
            {
                case IAnonymousObjectCreationOperation anonymous:
                    creation = anonymous;
                    return EvaluateAnonymous(anonymous);

                case IObjectCreationOperation objectCreation when IsStringKeyedDictionary(objectCreation.Type, dictionaryInterface):
                    if (!IsEmptyDictionaryConstructor(objectCreation.Constructor)) return Expiration.Unknown;
                    creation = objectCreation;
                    var evidence = EvaluateCollectionInitializer(objectCreation.Initializer, cancellationToken);
                    if (evidence != Expiration.Absent || local is null) return evidence;
                    return EvaluateDictionaryLocal(local, isSink, cancellationToken);

                default:
                    return Expiration.Unknown;
            }
        }

        /// <summary>An anonymous object's members, named case-insensitively (serializers may camel-case "Exp").</summary>
        public static Expiration EvaluateAnonymous(IAnonymousObjectCreationOperation anonymous)
        {
            foreach (var initializer in anonymous.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property })
                {
                    if (string.Equals(property.Property.Name, ExpClaim, StringComparison.OrdinalIgnoreCase)) return Expiration.Present;
                }
                else
                {
                    return Expiration.Unknown;
                }
            }

            return Expiration.Absent;
        }

        /// <summary>
        /// A collection or index initializer of a dictionary-like object: <c>{ { "sub", x } }</c>,
        /// <c>{ ["sub"] = x }</c>. Null (no initializer) is empty.
        /// </summary>
        public static Expiration EvaluateCollectionInitializer(IObjectOrCollectionInitializerOperation? initializer, CancellationToken cancellationToken)
        {
            if (initializer is null) return Expiration.Absent;
            var result = Expiration.Absent;
            foreach (var element in initializer.Initializers)
            {
                Expiration evidence;
                switch (element)
                {
                    case IInvocationOperation { TargetMethod.Name: "Add" } add when add.Arguments.Length >= 1:
                        evidence = ClassifyKey(FirstArgument(add), cancellationToken);
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer }:
                        evidence = ClassifyKey(indexer.Arguments[0].Value, cancellationToken);
                        break;
                    default:
                        evidence = Expiration.Unknown;
                        break;
                }

                result = Combine(result, evidence);
                if (result == Expiration.Present) return result;
            }

            return result;
        }

        private static IOperation FirstArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0) return argument.Value;
            }

            return invocation.Arguments[0].Value;
        }

        /// <summary>What the method does to a dictionary local after creating it.</summary>
        private static Expiration EvaluateDictionaryLocal(ILocalReferenceOperation reference, Func<IInvocationOperation, bool> isSink, CancellationToken cancellationToken)
        {
            var root = ValueFlow.Root(reference);
            var result = Expiration.Absent;
            foreach (var operation in ValueFlow.DescendantsOf(root))
            {
                if (operation is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, reference.Local)) continue;
                result = Combine(result, ClassifyDictionaryUse(use, isSink, cancellationToken));
                if (result == Expiration.Present) return result;
            }

            return result;
        }

        private static Expiration ClassifyDictionaryUse(ILocalReferenceOperation use, Func<IInvocationOperation, bool> isSink, CancellationToken cancellationToken)
        {
            IOperation current = use;
            while (current.Parent is IConversionOperation or IParenthesizedOperation) current = current.Parent;
            switch (current.Parent)
            {
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                    switch (invocation.TargetMethod.Name)
                    {
                        case "Add":
                        case "TryAdd":
                            return invocation.Arguments.Length >= 1 ? ClassifyKey(FirstArgument(invocation), cancellationToken) : Expiration.Unknown;
                        case "ContainsKey":
                        case "TryGetValue":
                        case "Remove":
                            return Expiration.Absent;
                        default:
                            return Expiration.Unknown;
                    }

                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                    if (property.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    {
                        return property.Arguments.Length == 1 ? ClassifyKey(property.Arguments[0].Value, cancellationToken) : Expiration.Unknown;
                    }

                    // Reads (payload["sub"], payload.Count) change nothing; compound writes and refs are unknown.
                    return property.Parent is ICompoundAssignmentOperation or ICoalesceAssignmentOperation ? Expiration.Unknown : Expiration.Absent;

                case IArgumentOperation { Parent: IInvocationOperation sink } when isSink(sink):
                    return Expiration.Absent;

                default:
                    return Expiration.Unknown;
            }
        }

        public static bool IsStringKeyedDictionary(ITypeSymbol? type, INamedTypeSymbol? dictionaryInterface)
        {
            if (type is not INamedTypeSymbol named || dictionaryInterface is null) return false;
            if (IsStringKeyedDictionaryInterface(named, dictionaryInterface)) return true;
            foreach (var implemented in named.AllInterfaces)
            {
                if (IsStringKeyedDictionaryInterface(implemented, dictionaryInterface)) return true;
            }

            return false;
        }

        private static bool IsStringKeyedDictionaryInterface(INamedTypeSymbol type, INamedTypeSymbol dictionaryInterface)
            => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, dictionaryInterface)
               && type.TypeArguments.Length == 2
               && type.TypeArguments[0].SpecialType == SpecialType.System_String;

        /// <summary>A constructor that starts the dictionary empty (no source dictionary or collection to copy).</summary>
        private static bool IsEmptyDictionaryConstructor(IMethodSymbol? constructor)
        {
            if (constructor is null) return false;
            foreach (var parameter in constructor.Parameters)
            {
                var type = parameter.Type;
                if (type.SpecialType == SpecialType.System_Int32) continue; // capacity
                if (type.Name == "IEqualityComparer") continue;
                return false;
            }

            return true;
        }

        /// <summary>
        /// Evaluates a JSON payload string: constant text, or text whose non-constant holes are all JSON values
        /// (after a <c>:</c>), so no hole can be a key. Not a JSON object, or a hole in key position: unknown.
        /// A string made by <c>JsonSerializer.Serialize</c>/<c>JsonConvert.SerializeObject</c> of an anonymous
        /// object or dictionary created in place is evaluated as that object.
        /// </summary>
        public static Expiration EvaluateJson(IOperation value, INamedTypeSymbol? dictionaryInterface, CancellationToken cancellationToken)
        {
            var sources = ValueFlow.Sources(value, cancellationToken);
            if (sources.IsEmpty) return Expiration.Unknown;
            var result = Expiration.Absent;
            foreach (var source in sources)
            {
                Expiration evidence;
                if (source is IInvocationOperation serialize && IsSerializeCall(serialize))
                {
                    evidence = EvaluateObjectPayload(serialize.Arguments[0].Value, dictionaryInterface, _ => false, out _, cancellationToken);
                }
                else
                {
                    var text = new StringBuilder();
                    if (!TryFlattenJson(source, text, 0, cancellationToken)) return Expiration.Unknown;
                    var json = text.ToString();
                    var trimmed = json.TrimStart();
                    if (trimmed.Length == 0 || trimmed[0] != '{') return Expiration.Unknown;
                    evidence = json.IndexOf("\"exp\"", StringComparison.Ordinal) >= 0 ? Expiration.Present : Expiration.Absent;
                }

                result = Combine(result, evidence);
                if (result != Expiration.Absent) return result;
            }

            return result;
        }

        private static bool IsSerializeCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (invocation.Arguments.Length == 0 || method.Parameters.Length == 0) return false;
            var type = method.ContainingType;
            return (method.Name == "Serialize" && type?.Name == "JsonSerializer" && NamespaceNames.Is(type.ContainingNamespace, "System.Text.Json"))
                || (method.Name == "SerializeObject" && type?.Name == "JsonConvert" && NamespaceNames.Is(type.ContainingNamespace, "Newtonsoft.Json"));
        }

        private static bool TryFlattenJson(IOperation operation, StringBuilder text, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth) return false;
            if (ValueFlow.TryGetSingleConstant(operation, out var constant, 0, cancellationToken))
            {
                if (constant is string s)
                {
                    text.Append(s);
                    return true;
                }

                return AppendHole(text);
            }

            var unwrapped = ValueFlow.Unwrap(operation, cancellationToken);
            switch (unwrapped)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    return TryFlattenJson(binary.LeftOperand, text, depth + 1, cancellationToken)
                        && TryFlattenJson(binary.RightOperand, text, depth + 1, cancellationToken);

                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation t when t.Text.ConstantValue.Value is string s:
                                text.Append(s);
                                break;
                            case IInterpolationOperation i:
                                if (!TryFlattenJson(i.Expression, text, depth + 1, cancellationToken)) return false;
                                break;
                            default:
                                return false;
                        }
                    }

                    return true;

                default:
                    return AppendHole(text);
            }
        }

        /// <summary>A non-constant piece of JSON text is accepted only where a value goes (after <c>:</c> or <c>:"</c>).</summary>
        private static bool AppendHole(StringBuilder text)
        {
            var i = text.Length - 1;
            while (i >= 0 && char.IsWhiteSpace(text[i])) i--;
            if (i >= 0 && text[i] == '"') i--;
            while (i >= 0 && char.IsWhiteSpace(text[i])) i--;
            if (i < 0 || text[i] != ':') return false;
            text.Append('0');
            return true;
        }
    }
}
