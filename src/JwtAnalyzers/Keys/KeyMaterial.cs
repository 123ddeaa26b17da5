using System.Collections.Generic;
using System.Threading;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Keys
{
    /// <summary>How a string becomes key bytes on the way to a sink: decides the static byte length.</summary>
    internal enum StringBytes
    {
        Utf8,
        OneBytePerChar,
        TwoBytesPerChar,
        FourBytesPerChar,
        Base64,
        Base64Url,
        Hex,
        Unknown,
    }

    /// <summary>One place the key bytes may come from.</summary>
    internal sealed class KeySource
    {
        public KeySource(IOperation operation, bool isHardCoded, int? length, IOperation? size, SyntaxNode? literal)
        {
            Operation = operation;
            IsHardCoded = isHardCoded;
            Length = length;
            Size = size;
            Literal = literal;
        }

        /// <summary>The expression that produces the material (a literal, an array creation, a generator call).</summary>
        public IOperation Operation { get; }

        /// <summary>The material is written in the source code (a non-empty constant or constant byte array).</summary>
        public bool IsHardCoded { get; }

        /// <summary>The byte length when it is statically known.</summary>
        public int? Length { get; }

        /// <summary>For a generated key (<c>new byte[n]</c>, <c>RandomNumberGenerator.GetBytes(n)</c>): the size <c>n</c>.</summary>
        public IOperation? Size { get; }

        /// <summary>The syntax a fix replaces: the literal, or the initializer of the <c>const</c> it is read from.</summary>
        public SyntaxNode? Literal { get; }
    }

    /// <summary>The HMAC algorithm a key is used with, as far as the code shows it.</summary>
    internal readonly struct HmacAlgorithm
    {
        public HmacAlgorithm(string name, int minimumBytes)
        {
            Name = name;
            MinimumBytes = minimumBytes;
        }

        public string Name { get; }

        public int MinimumBytes { get; }

        public static HmacAlgorithm Hs256 => new HmacAlgorithm("HS256", 32);

        public static HmacAlgorithm Hs384 => new HmacAlgorithm("HS384", 48);

        public static HmacAlgorithm Hs512 => new HmacAlgorithm("HS512", 64);

        public static HmacAlgorithm Max(HmacAlgorithm a, HmacAlgorithm b) => b.MinimumBytes > a.MinimumBytes ? b : a;
    }

    /// <summary>
    /// Traces key bytes from a sink argument back to where they come from: through <c>Encoding.*.GetBytes</c>,
    /// <c>Convert.FromBase64String</c>, <c>Base64UrlEncoder.DecodeBytes</c>, <c>Convert.FromHexString</c>,
    /// <c>ToCharArray</c>, and (via <see cref="ValueFlow"/>) constants, single-assignment locals, once-initialised
    /// fields, <c>??</c> and <c>?:</c>. Sources inside development-only branches are dropped. Anything else
    /// (configuration, parameters, calls) is opaque and contributes nothing.
    /// </summary>
    internal static class KeyMaterial
    {
        private const int MaxDepth = 6;

        public static List<KeySource> Trace(IOperation value, StringBytes stringBytes, CancellationToken cancellationToken)
        {
            var result = new List<KeySource>();
            Expand(value, stringBytes, devOnly: false, depth: 0, result, cancellationToken);
            return result;
        }

        private static void Expand(IOperation operation, StringBytes stringBytes, bool devOnly, int depth, List<KeySource> result, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth) return;
            cancellationToken.ThrowIfCancellationRequested();
            if (devOnly || EnvironmentGuard.IsDevelopmentOnly(operation)) return;

            var unwrapped = ValueFlow.Unwrap(operation, cancellationToken);
            if (!ReferenceEquals(unwrapped, operation) && EnvironmentGuard.IsDevelopmentOnly(unwrapped)) return;

            if (unwrapped is IFieldReferenceOperation fieldReference && NeverWrittenFieldInitializer(fieldReference, cancellationToken) is { } initial)
            {
                Expand(initial, stringBytes, false, depth + 1, result, cancellationToken);
                return;
            }

            switch (unwrapped)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when conditional.Type is not null:
                    Expand(conditional.WhenTrue, stringBytes, false, depth + 1, result, cancellationToken);
                    Expand(whenFalse, stringBytes, false, depth + 1, result, cancellationToken);
                    return;
                case ICoalesceOperation coalesce:
                    Expand(coalesce.Value, stringBytes, false, depth + 1, result, cancellationToken);
                    Expand(coalesce.WhenNull, stringBytes, false, depth + 1, result, cancellationToken);
                    return;
                case IThrowOperation:
                    return;
                case IInvocationOperation invocation:
                    Invocation(invocation, stringBytes, depth, result, cancellationToken);
                    return;
                case IArrayCreationOperation array:
                    ArrayCreation(array, stringBytes, result, cancellationToken);
                    return;
            }

            if (unwrapped.Type?.SpecialType == SpecialType.System_String || unwrapped.Type?.SpecialType == SpecialType.System_Object)
            {
                // Empty and blank strings are not secrets (and not keys: the libraries reject them at once).
                if (ValueFlow.TryGetSingleConstant(unwrapped, out var constant, 0, cancellationToken) && constant is string s && s.Trim().Length > 0)
                {
                    result.Add(new KeySource(unwrapped, true, LengthOf(s, stringBytes), null, LiteralOf(unwrapped, cancellationToken)));
                }

                return;
            }

            if (unwrapped.Syntax is CollectionExpressionSyntax collection)
            {
                // C# 12 "[1, 2, 3]": Roslyn 4.8 has no public operation for it; read the elements from syntax.
                CollectionExpression(unwrapped, collection, result, cancellationToken);
            }
        }

        private static void Invocation(IInvocationOperation invocation, StringBytes stringBytes, int depth, List<KeySource> result, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null) return;
            var arguments = invocation.Arguments;

            switch (method.Name)
            {
                case "GetBytes" when !method.IsStatic && arguments.Length == 1 && IsEncoding(type) && IsStringOrChars(arguments[0].Value.Type):
                    Expand(arguments[0].Value, EncodingOf(invocation.Instance, cancellationToken), false, depth + 1, result, cancellationToken);
                    return;
                case "GetBytes" when method.IsStatic && arguments.Length == 1 && NamespaceNames.IsType(type, "System.Security.Cryptography.RandomNumberGenerator")
                                     && arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32:
                    var size = arguments[0].Value;
                    result.Add(new KeySource(invocation, false, ConstantInt(size), size, null));
                    return;
                case "FromBase64String" when method.IsStatic && arguments.Length == 1 && NamespaceNames.IsType(type, "System.Convert"):
                    Expand(arguments[0].Value, StringBytes.Base64, false, depth + 1, result, cancellationToken);
                    return;
                case "FromHexString" when method.IsStatic && arguments.Length == 1 && NamespaceNames.IsType(type, "System.Convert")
                                          && arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    Expand(arguments[0].Value, StringBytes.Hex, false, depth + 1, result, cancellationToken);
                    return;
                case "DecodeBytes" when method.IsStatic && arguments.Length == 1 && NamespaceNames.IsType(type, "Microsoft.IdentityModel.Tokens.Base64UrlEncoder"):
                case "Base64UrlDecode" when method.IsStatic && arguments.Length == 1 && NamespaceNames.IsType(type, "Microsoft.AspNetCore.WebUtilities.WebEncoders"):
                    Expand(arguments[0].Value, StringBytes.Base64Url, false, depth + 1, result, cancellationToken);
                    return;
                case "ToCharArray" when arguments.Length == 0 && type.SpecialType == SpecialType.System_String && invocation.Instance is { } text:
                    Expand(text, stringBytes, false, depth + 1, result, cancellationToken);
                    return;
                case "ToByteArray" when arguments.Length == 0 && NamespaceNames.IsType(type, "System.Guid"):
                    result.Add(new KeySource(invocation, IsConstantGuid(invocation.Instance, cancellationToken), 16, null, null));
                    return;
            }
        }

        private static void ArrayCreation(IArrayCreationOperation array, StringBytes stringBytes, List<KeySource> result, CancellationToken cancellationToken)
        {
            if (array.Type is not IArrayTypeSymbol { Rank: 1 } arrayType) return;
            var elementType = arrayType.ElementType.SpecialType;
            if (elementType != SpecialType.System_Byte && elementType != SpecialType.System_Char) return;

            if (array.Initializer is null)
            {
                // "new byte[n]": a buffer a generator fills, not a written-down key.
                if (elementType == SpecialType.System_Byte && array.DimensionSizes.Length == 1)
                {
                    var size = array.DimensionSizes[0];
                    result.Add(new KeySource(array, false, ConstantInt(size), size, null));
                }

                return;
            }

            var elements = array.Initializer.ElementValues;
            if (elements.Length == 0) return;
            var chars = elementType == SpecialType.System_Char ? new System.Text.StringBuilder(elements.Length) : null;
            foreach (var element in elements)
            {
                if (!ValueFlow.TryGetSingleConstant(element, out var value, 0, cancellationToken) || value is null) return;
                if (chars is not null)
                {
                    if (value is not char c) return;
                    chars.Append(c);
                }
            }

            var length = chars is null ? elements.Length : LengthOf(chars.ToString(), stringBytes);
            result.Add(new KeySource(array, true, length, null, array.Syntax));
        }

        private static void CollectionExpression(IOperation operation, CollectionExpressionSyntax collection, List<KeySource> result, CancellationToken cancellationToken)
        {
            if (operation.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } || operation.SemanticModel is not { } model) return;
            if (collection.Elements.Count == 0) return;
            foreach (var element in collection.Elements)
            {
                if (element is not ExpressionElementSyntax expression || !model.GetConstantValue(expression.Expression, cancellationToken).HasValue) return;
            }

            result.Add(new KeySource(operation, true, collection.Elements.Count, null, collection));
        }

        /// <summary>
        /// The initializer of a private, non-readonly field that nothing ever writes (typical of Razor
        /// <c>@code</c> blocks): the type is declared in this one file and no assignment, <c>++</c>/<c>--</c> or
        /// <c>ref</c>/<c>out</c> names the field. Any write to something of the same name counts, to stay on the safe side.
        /// </summary>
        private static IOperation? NeverWrittenFieldInitializer(IFieldReferenceOperation reference, CancellationToken cancellationToken)
        {
            var field = reference.Field;
            if (field.IsReadOnly || field.IsConst || field.DeclaredAccessibility != Accessibility.Private || field.DeclaringSyntaxReferences.Length != 1) return null;
            var model = reference.SemanticModel;
            var type = field.ContainingType;
            if (model is null || type is null || type.DeclaringSyntaxReferences.Length != 1) return null;
            var declaration = field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (declaration.SyntaxTree != model.SyntaxTree || declaration is not VariableDeclaratorSyntax { Initializer.Value: { } value }) return null;
            var typeSyntax = type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (typeSyntax.SyntaxTree != model.SyntaxTree) return null;

            foreach (var node in typeSyntax.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name) continue;
                SyntaxNode target = identifier;
                if (target.Parent is MemberAccessExpressionSyntax access && access.Name == target) target = access;
                switch (target.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == target:
                    case PrefixUnaryExpressionSyntax:
                    case PostfixUnaryExpressionSyntax postfix when !postfix.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression):
                    case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None):
                    case RefExpressionSyntax:
                        return null;
                }
            }

            return model.GetOperation(value, cancellationToken);
        }

        /// <summary>The syntax to replace for a constant: the literal itself, or the initializer of the <c>const</c> it reads.</summary>
        private static SyntaxNode? LiteralOf(IOperation source, CancellationToken cancellationToken)
        {
            ISymbol? constant = source switch
            {
                IFieldReferenceOperation { Field.IsConst: true } field => field.Field,
                ILocalReferenceOperation { Local.IsConst: true } local => local.Local,
                _ => null,
            };
            if (constant is null) return source.Syntax;
            if (constant.DeclaringSyntaxReferences.Length != 1) return null;
            var declaration = constant.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (declaration.SyntaxTree != source.Syntax.SyntaxTree) return null;
            return declaration is VariableDeclaratorSyntax { Initializer.Value: { } value } ? value : null;
        }

        private static bool IsConstantGuid(IOperation? instance, CancellationToken cancellationToken)
        {
            if (instance is null) return false;
            var guid = ValueFlow.Unwrap(instance, cancellationToken);
            switch (guid)
            {
                case IObjectCreationOperation creation when creation.Arguments.Length == 1:
                    return ValueFlow.TryGetConstant(creation.Arguments[0].Value, out var v, cancellationToken) && v is string;
                case IInvocationOperation { TargetMethod.Name: "Parse" } parse when parse.Arguments.Length == 1:
                    return ValueFlow.TryGetConstant(parse.Arguments[0].Value, out var p, cancellationToken) && p is string;
                default:
                    return false;
            }
        }

        private static StringBytes EncodingOf(IOperation? instance, CancellationToken cancellationToken)
        {
            if (instance is null) return StringBytes.Unknown;
            var encoding = ValueFlow.Unwrap(instance, cancellationToken);
            string? name = encoding switch
            {
                IPropertyReferenceOperation property when property.Property.IsStatic && NamespaceNames.IsType(property.Property.ContainingType, "System.Text.Encoding") => property.Property.Name,
                IObjectCreationOperation creation when creation.Type is { } t => t.Name,
                _ => null,
            };
            switch (name)
            {
                case "UTF8":
                case "UTF8Encoding":
                    return StringBytes.Utf8;
                case "ASCII":
                case "Latin1":
                case "ASCIIEncoding":
                    return StringBytes.OneBytePerChar;
                case "Unicode":
                case "BigEndianUnicode":
                case "UnicodeEncoding":
                    return StringBytes.TwoBytesPerChar;
                case "UTF32":
                case "UTF32Encoding":
                    return StringBytes.FourBytesPerChar;
                default:
                    return StringBytes.Unknown;
            }
        }

        /// <summary>The byte length of a constant string turned into bytes the given way; null when unknown or invalid.</summary>
        public static int? LengthOf(string text, StringBytes stringBytes)
        {
            switch (stringBytes)
            {
                case StringBytes.Utf8:
                    return System.Text.Encoding.UTF8.GetByteCount(text);
                case StringBytes.OneBytePerChar:
                    return text.Length;
                case StringBytes.TwoBytesPerChar:
                    return text.Length * 2;
                case StringBytes.FourBytesPerChar:
                    return System.Text.Encoding.UTF32.GetByteCount(text);
                case StringBytes.Base64:
                    return Base64Length(text, padded: true);
                case StringBytes.Base64Url:
                    return Base64Length(text, padded: false);
                case StringBytes.Hex:
                    return HexLength(text);
                default:
                    return null;
            }
        }

        private static int? Base64Length(string text, bool padded)
        {
            var count = 0;
            var padding = 0;
            foreach (var c in text)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
                if (c == '=')
                {
                    padding++;
                    continue;
                }

                if (padding > 0) return null; // data after padding
                var valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (padded ? (c == '+' || c == '/') : (c == '-' || c == '_'));
                if (!valid) return null;
                count++;
            }

            if (padding > 2) return null;
            if (padded && (count + padding) % 4 != 0) return null;
            var remainder = count % 4;
            if (remainder == 1) return null;
            return count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1);
        }

        private static int? HexLength(string text)
        {
            if (text.Length % 2 != 0) return null;
            foreach (var c in text)
            {
                var valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!valid) return null;
            }

            return text.Length / 2;
        }

        private static int? ConstantInt(IOperation size)
            => ValueFlow.TryGetConstant(size, out var value) && value is int n ? n : (int?)null;

        private static bool IsEncoding(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (NamespaceNames.IsType(current, "System.Text.Encoding")) return true;
            }

            return false;
        }

        private static bool IsStringOrChars(ITypeSymbol? type)
            => type?.SpecialType == SpecialType.System_String
               || type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Char };
    }
}
