using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Keys
{
    /// <summary>
    /// JWT013: private RSA/EC key material that is a compile-time constant reaches a key import:
    /// <list type="bullet">
    /// <item><c>ImportFromPem</c>/<c>ImportFromEncryptedPem</c> (with a constant password) and
    /// <c>X509Certificate2.CreateFromPem</c>/<c>CreateFromEncryptedPem</c> of a constant "PRIVATE KEY" PEM;</item>
    /// <item><c>ImportRSAPrivateKey</c>/<c>ImportPkcs8PrivateKey</c>/<c>ImportECPrivateKey</c>/<c>ImportEncryptedPkcs8PrivateKey</c>
    /// (with a constant password) of constant bytes (<c>Convert.FromBase64String(const)</c>, <c>FromHexString</c>, array literals);</item>
    /// <item><c>FromXmlString</c> of a constant whose XML carries <c>&lt;D&gt;</c> or <c>&lt;P&gt;</c>;</item>
    /// <item><c>RSAParameters</c>/<c>ECParameters</c> whose private fields are constant bytes, passed to <c>RsaSecurityKey</c>,
    /// <c>ImportParameters</c> or <c>RSA.Create</c>/<c>ECDsa.Create</c>;</item>
    /// <item><c>JsonWebKey</c>/<c>JsonWebKeySet</c> from constant JSON with a private <c>"d"</c>, or <c>new JsonWebKey { D = const }</c>;</item>
    /// <item><c>new X509Certificate2(constant bytes, constant password)</c>.</item>
    /// </list>
    /// The value is followed through const, static readonly fields, locals assigned once, <c>??</c> and <c>?:</c>;
    /// a branch that only runs in development does not count, nor does a sink in an <c>IsDevelopment()</c> branch.
    /// Public keys and certificates alone are not reported. The message names the API, never the key.
    /// </summary>
    public sealed class EmbeddedPrivateKeyAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 8;

        private static readonly string[] RsaPrivateFields = { "D", "P", "Q", "DP", "DQ", "InverseQ" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.EmbeddedPrivateKey);

        private sealed class Types
        {
            public INamedTypeSymbol? AsymmetricAlgorithm { get; set; }
            public INamedTypeSymbol? X509Certificate2 { get; set; }
            public INamedTypeSymbol? X509CertificateLoader { get; set; }
            public INamedTypeSymbol? RsaParameters { get; set; }
            public INamedTypeSymbol? EcParameters { get; set; }
            public INamedTypeSymbol? RsaSecurityKey { get; set; }
            public INamedTypeSymbol? JsonWebKey { get; set; }
            public INamedTypeSymbol? JsonWebKeySet { get; set; }
            public INamedTypeSymbol? Convert { get; set; }
        }

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; keys hide there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                // A key import is about tokens only where a token library is referenced: no library, no cost.
                if (!JwtSymbols.From(compilation).HasAnyTokenLibrary) return;
                // A test project's embedded key signs test tokens only: test data, not a committed credential.
                if (IsTestProject(compilation)) return;
                var types = new Types
                {
                    AsymmetricAlgorithm = TypeLookup.Get(compilation, "System.Security.Cryptography.AsymmetricAlgorithm"),
                    X509Certificate2 = TypeLookup.Get(compilation, "System.Security.Cryptography.X509Certificates.X509Certificate2"),
                    X509CertificateLoader = TypeLookup.Get(compilation, "System.Security.Cryptography.X509Certificates.X509CertificateLoader"),
                    RsaParameters = TypeLookup.Get(compilation, "System.Security.Cryptography.RSAParameters"),
                    EcParameters = TypeLookup.Get(compilation, "System.Security.Cryptography.ECParameters"),
                    RsaSecurityKey = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.RsaSecurityKey"),
                    JsonWebKey = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.JsonWebKey"),
                    JsonWebKeySet = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.JsonWebKeySet"),
                    Convert = TypeLookup.Get(compilation, "System.Convert"),
                };
                start.RegisterInvocationAction(ImportNames, c => AnalyzeInvocation(c, types));
                start.RegisterObjectCreationAction(c => AnalyzeCreation(c, types), types.X509Certificate2, types.RsaSecurityKey, types.JsonWebKeySet, types.JsonWebKey);
            });
        }

        /// <summary>The import and factory methods that can embed a key (the cases of the switch in <see cref="AnalyzeInvocation"/>).</summary>
        private static readonly HashSet<string> ImportNames = KeyedRegistration.Names(
            "ImportFromPem", "ImportFromEncryptedPem", "ImportRSAPrivateKey", "ImportPkcs8PrivateKey", "ImportECPrivateKey", "ImportEncryptedPkcs8PrivateKey",
            "FromXmlString", "ImportParameters", "Create", "CreateFromPem", "CreateFromEncryptedPem", "LoadPkcs12");

        private static void AnalyzeInvocation(OperationAnalysisContext context, Types types)
        {
            // Only the methods in ImportNames get here: the registration filters by name.
            if (context.Operation is not IInvocationOperation invocation) return;

            // An import being typed (an unterminated PEM literal, a half-written initializer) is silence, not a guess.
            if (invocation.Syntax.ContainsDiagnostics) return;
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (containing is null) return;
            var ct = context.CancellationToken;
            bool embedded;
            switch (method.Name)
            {
                case "ImportFromPem" when DerivesFrom(containing, types.AsymmetricAlgorithm):
                    embedded = IsPrivatePem(Argument(invocation, "input"), ct);
                    break;
                case "ImportFromEncryptedPem" when DerivesFrom(containing, types.AsymmetricAlgorithm):
                    embedded = IsPrivatePem(Argument(invocation, "input"), ct) && IsConstantPassword(invocation, types, ct);
                    break;
                case "ImportRSAPrivateKey":
                case "ImportPkcs8PrivateKey":
                case "ImportECPrivateKey":
                    embedded = DerivesFrom(containing, types.AsymmetricAlgorithm) && IsConstantBytes(Argument(invocation, "source"), types, ct);
                    break;
                case "ImportEncryptedPkcs8PrivateKey" when DerivesFrom(containing, types.AsymmetricAlgorithm):
                    embedded = IsConstantBytes(Argument(invocation, "source"), types, ct) && IsConstantPassword(invocation, types, ct);
                    break;
                case "FromXmlString" when DerivesFrom(containing, types.AsymmetricAlgorithm):
                    embedded = AnySource(Argument(invocation, "xmlString"), s => IsPrivateXml(s, ct), 0, ct);
                    break;
                case "ImportParameters" when DerivesFrom(containing, types.AsymmetricAlgorithm):
                case "Create" when DerivesFrom(containing, types.AsymmetricAlgorithm):
                    embedded = IsPrivateParameters(Argument(invocation, "parameters"), types, ct);
                    break;
                case "CreateFromPem" when SymbolEqualityComparer.Default.Equals(containing, types.X509Certificate2):
                    embedded = IsPrivatePem(Argument(invocation, "keyPem"), ct);
                    break;
                case "CreateFromEncryptedPem" when SymbolEqualityComparer.Default.Equals(containing, types.X509Certificate2):
                    embedded = IsPrivatePem(Argument(invocation, "keyPem"), ct) && IsConstantPassword(invocation, types, ct);
                    break;
                case "LoadPkcs12" when SymbolEqualityComparer.Default.Equals(containing, types.X509CertificateLoader):
                    embedded = IsConstantBytes(Argument(invocation, "data"), types, ct) && IsConstantPassword(invocation, types, ct);
                    break;
                case "Create" when SymbolEqualityComparer.Default.Equals(containing, types.JsonWebKey)
                                   || SymbolEqualityComparer.Default.Equals(containing, types.JsonWebKeySet):
                    embedded = AnySource(Argument(invocation, "json"), s => IsPrivateJwk(s, ct), 0, ct);
                    break;
                default:
                    return;
            }

            if (!embedded || EnvironmentGuard.IsDevelopmentOnly(invocation)) return;
            // Static factories read better qualified ("RSA.Create"); instance imports by their name ("ImportFromPem").
            var api = method.IsStatic ? containing.Name + "." + method.Name : method.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.EmbeddedPrivateKey, invocation.Syntax.GetLocation(), api));
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, Types types)
        {
            if (context.Operation is not IObjectCreationOperation creation || creation.Type is not INamedTypeSymbol type) return;
            // Cheap type filter first: only the four key-holding types below are examined.
            if (!SymbolEqualityComparer.Default.Equals(type, types.X509Certificate2)
                && !SymbolEqualityComparer.Default.Equals(type, types.RsaSecurityKey)
                && !SymbolEqualityComparer.Default.Equals(type, types.JsonWebKeySet)
                && !SymbolEqualityComparer.Default.Equals(type, types.JsonWebKey))
            {
                return;
            }

            if (creation.Syntax.ContainsDiagnostics) return;
            var ct = context.CancellationToken;
            bool embedded;
            if (SymbolEqualityComparer.Default.Equals(type, types.X509Certificate2))
            {
                embedded = IsConstantBytes(Argument(creation, "rawData"), types, ct) && IsConstantPassword(creation, types, ct);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, types.RsaSecurityKey))
            {
                embedded = IsPrivateParameters(Argument(creation, "rsaParameters"), types, ct);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, types.JsonWebKeySet))
            {
                embedded = AnySource(Argument(creation, "json"), s => IsPrivateJwk(s, ct), 0, ct);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, types.JsonWebKey))
            {
                embedded = AnySource(Argument(creation, "json"), s => IsPrivateJwk(s, ct), 0, ct)
                    || InitializerSetsConstant(creation, "D", ct);
            }
            else
            {
                return;
            }

            if (!embedded || EnvironmentGuard.IsDevelopmentOnly(creation)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.EmbeddedPrivateKey, creation.Syntax.GetLocation(), type.Name));
        }

        private static IOperation? Argument(IOperation call, string parameterName)
        {
            var arguments = call switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit) return argument.Value;
            }

            return null;
        }

        /// <summary>The password (string, chars or bytes) is a constant: then the key is usable by whoever reads the code.</summary>
        private static bool IsConstantPassword(IOperation call, Types types, CancellationToken ct)
        {
            var password = Argument(call, "password");
            if (password is not null) return AnySource(password, s => IsConstantString(s, ct) is not null, 0, ct);
            var bytes = Argument(call, "passwordBytes");
            return bytes is not null && IsConstantBytes(bytes, types, ct);
        }

        /// <summary>
        /// True when any source of the value that is not development-only satisfies <paramref name="predicate"/>: a
        /// fallback (<c>config["Key"] ?? EmbeddedPem</c>) still ships the key and is used when the setting is missing.
        /// </summary>
        private static bool AnySource(IOperation? operation, Func<IOperation, bool> predicate, int depth, CancellationToken ct)
        {
            if (operation is null || depth > MaxDepth) return false;
            if (EnvironmentGuard.IsDevelopmentOnly(operation)) return false;
            var source = StripSpan(ValueFlow.Unwrap(operation, ct), ct);
            if (!ReferenceEquals(source, operation) && EnvironmentGuard.IsDevelopmentOnly(source)) return false;
            switch (source)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return AnySource(conditional.WhenTrue, predicate, depth + 1, ct) || AnySource(whenFalse, predicate, depth + 1, ct);
                case ICoalesceOperation coalesce:
                    return AnySource(coalesce.Value, predicate, depth + 1, ct) || AnySource(coalesce.WhenNull, predicate, depth + 1, ct);
                default:
                    return predicate(source);
            }
        }

        /// <summary>"pem".AsSpan(), bytes.AsSpan(), new ReadOnlySpan&lt;byte&gt;(bytes), chars.ToArray(): the same value.</summary>
        private static IOperation StripSpan(IOperation operation, CancellationToken ct)
        {
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                IOperation? inner = null;
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" or "ToCharArray" or "ToArray" } invocation:
                        inner = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                        break;
                    case IObjectCreationOperation { Type.Name: "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory", Arguments.Length: 1 } span:
                        inner = span.Arguments[0].Value;
                        break;
                }

                if (inner is null) return operation;
                operation = ValueFlow.Unwrap(inner, ct);
            }

            return operation;
        }

        /// <summary>
        /// The constant text a string is made of: a constant, or string methods applied to one
        /// (<c>Pem.Replace("-----BEGIN RSA PRIVATE KEY-----", "").Replace("\n", "")</c>, <c>Trim()</c>): the result is
        /// still written in the code. Returns the constant the chain starts from.
        /// </summary>
        private static string? IsConstantString(IOperation source, CancellationToken ct)
        {
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                if (ValueFlow.TryGetSingleConstant(source, out var value, 0, ct)) return value as string;
                source = ValueFlow.Unwrap(source, ct);
                if (source is not IInvocationOperation { Instance: { } instance } invocation
                    || invocation.TargetMethod.ContainingType?.SpecialType != SpecialType.System_String
                    || !IsTextMethod(invocation.TargetMethod.Name))
                {
                    return null;
                }

                foreach (var argument in invocation.Arguments)
                {
                    // Constant arguments only: Template.Replace("{key}", configuration["Key"]) is not written in the code.
                    if (argument.ArgumentKind == ArgumentKind.Explicit && !IsConstantOrEmpty(argument.Value)) return null;
                }

                source = instance;
            }

            return null;
        }

        private static bool IsConstantOrEmpty(IOperation value)
        {
            while (value is IConversionOperation conversion) value = conversion.Operand;
            return value.ConstantValue.HasValue
                   || value is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };
        }

        private static bool IsTextMethod(string name)
            => name == "Replace" || name == "Trim" || name == "TrimStart" || name == "TrimEnd" || name == "Normalize" || name == "ToString";

        private static bool IsPrivatePem(IOperation? operation, CancellationToken ct)
            => AnySource(operation, s => IsConstantString(s, ct) is { } text && ContainsPrivatePem(text), 0, ct);

        internal static bool ContainsPrivatePem(string text)
            => text.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0 && text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) >= 0;

        // <RSAKeyValue><Modulus/><Exponent/><P/><Q/><DP/><DQ/><InverseQ/><D/></RSAKeyValue>: P or D only in a private key.
        // DSA's XML has a public <P>; its private part is <X>.
        private static bool IsPrivateXml(IOperation source, CancellationToken ct)
        {
            if (IsConstantString(source, ct) is not { } xml) return false;
            if (xml.IndexOf("<DSAKeyValue>", StringComparison.Ordinal) >= 0) return xml.IndexOf("<X>", StringComparison.Ordinal) >= 0;
            return xml.IndexOf("<D>", StringComparison.Ordinal) >= 0 || xml.IndexOf("<P>", StringComparison.Ordinal) >= 0;
        }

        // A JWK's private exponent (RSA) or private scalar (EC) is its "d" member.
        private static bool IsPrivateJwk(IOperation source, CancellationToken ct)
        {
            if (IsConstantString(source, ct) is not { } json) return false;
            for (var i = json.IndexOf("\"d\"", StringComparison.Ordinal); i >= 0; i = json.IndexOf("\"d\"", i + 3, StringComparison.Ordinal))
            {
                var j = i + 3;
                while (j < json.Length && char.IsWhiteSpace(json[j])) j++;
                if (j < json.Length && json[j] == ':') return true;
            }

            return false;
        }

        /// <summary>Bytes that are written in the code: array literals, base64/hex of a constant.</summary>
        private static bool IsConstantBytes(IOperation? operation, Types types, CancellationToken ct)
            => AnySource(operation, s => IsConstantBytesSource(s, types, ct), 0, ct);

        private static bool IsConstantBytesSource(IOperation source, Types types, CancellationToken ct)
        {
            switch (source)
            {
                case IArrayCreationOperation { Initializer: { ElementValues: { Length: > 0 } elements } }:
                    foreach (var element in elements)
                    {
                        if (!element.ConstantValue.HasValue) return false;
                    }

                    return true;
                case IInvocationOperation { TargetMethod.Name: "FromBase64String" or "FromHexString", Arguments.Length: 1 } decode
                    when SymbolEqualityComparer.Default.Equals(decode.TargetMethod.ContainingType, types.Convert):
                    return IsConstantString(decode.Arguments[0].Value, ct) is { Length: > 0 };
                // Base64UrlEncoder.DecodeBytes (IdentityModel), WebEncoders.Base64UrlDecode (ASP.NET Core): JWK-style key parts.
                case IInvocationOperation { TargetMethod.Name: "DecodeBytes" or "Base64UrlDecode" or "DecodeFromChars", Arguments.Length: >= 1 } decodeUrl
                    when decodeUrl.TargetMethod.ContainingType?.Name is "Base64UrlEncoder" or "WebEncoders" or "Base64Url":
                    return IsConstantString(decodeUrl.Arguments[0].Value, ct) is { Length: > 0 };
                case IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } encode
                    when encode.TargetMethod.ContainingType?.Name == "Encoding":
                    return IsConstantString(encode.Arguments[0].Value, ct) is { Length: > 0 };
                default:
                    // C# 12 collection expressions have no operation in this Roslyn version: read the syntax.
                    if (source.Syntax is CollectionExpressionSyntax collection && collection.Elements.Count > 0)
                    {
                        foreach (var element in collection.Elements)
                        {
                            if (element is not ExpressionElementSyntax { Expression: LiteralExpressionSyntax }) return false;
                        }

                        return true;
                    }

                    return false;
            }
        }

        /// <summary>RSAParameters/ECParameters whose private part is constant bytes, set in the initializer or on the local later.</summary>
        private static bool IsPrivateParameters(IOperation? operation, Types types, CancellationToken ct)
            => AnySource(operation, s => IsPrivateParametersSource(s, types, ct), 0, ct);

        private static bool IsPrivateParametersSource(IOperation source, Types types, CancellationToken ct)
        {
            if (source is not IObjectCreationOperation creation) return false;
            var isRsa = SymbolEqualityComparer.Default.Equals(creation.Type, types.RsaParameters);
            var isEc = SymbolEqualityComparer.Default.Equals(creation.Type, types.EcParameters);
            if (!isRsa && !isEc) return false;

            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment
                        && IsPrivateField(field.Field.Name, isRsa)
                        && IsConstantBytes(assignment.Value, types, ct))
                    {
                        return true;
                    }
                }
            }

            // var p = new RSAParameters(); p.D = ...;
            var local = Receivers.DestinationOf(creation).Local;
            if (local is null) return false;
            foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(creation)))
            {
                if (descendant is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: ILocalReferenceOperation target } field } assignment
                    && SymbolEqualityComparer.Default.Equals(target.Local, local)
                    && IsPrivateField(field.Field.Name, isRsa)
                    && IsConstantBytes(assignment.Value, types, ct))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPrivateField(string name, bool isRsa)
        {
            if (!isRsa) return name == "D";
            foreach (var field in RsaPrivateFields)
            {
                if (field == name) return true;
            }

            return false;
        }

        private static bool InitializerSetsConstant(IObjectCreationOperation creation, string propertyName, CancellationToken ct)
        {
            if (creation.Initializer is null) return false;
            foreach (var member in creation.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    && property.Property.Name == propertyName
                    && AnySource(assignment.Value, s => IsConstantString(s, ct) is { Length: > 0 }, 0, ct))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] TestFrameworks = { "xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "TUnit.Core" };

        /// <summary>"Api.Tests", "Api.IntegrationTests" (the name's last word says test), or a test framework is referenced.</summary>
        private static bool IsTestProject(Compilation compilation)
        {
            var words = Words.Split(compilation.AssemblyName);
            if (words.Count > 0)
            {
                var last = words[words.Count - 1];
                if (last == "test" || last == "tests" || last == "testing" || last == "specs") return true;
            }

            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                foreach (var framework in TestFrameworks)
                {
                    if (string.Equals(assembly.Name, framework, StringComparison.OrdinalIgnoreCase)) return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType is null) return false;
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
            }

            return false;
        }
    }
}
