using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Keys
{
    /// <summary>One key value handed to a sink: where to report, what it is called, how strings become bytes.</summary>
    internal readonly struct KeyArgument
    {
        private readonly HmacAlgorithm _algorithm;
        private readonly IObjectCreationOperation? _keyCreation;
        private readonly KeySinkSymbols? _symbols;

        public KeyArgument(IOperation value, string sinkName, StringBytes stringBytes, HmacAlgorithm algorithm)
        {
            Value = value;
            SinkName = sinkName;
            StringBytes = stringBytes;
            _algorithm = algorithm;
            _keyCreation = null;
            _symbols = null;
        }

        /// <summary>
        /// The key of <c>new SymmetricSecurityKey(key)</c>: its algorithm and whether it encrypts are found by searching
        /// the method for what the key object is handed to, which only JWT011 needs, and only for a key of known length.
        /// </summary>
        public KeyArgument(IOperation value, string sinkName, StringBytes stringBytes, IObjectCreationOperation keyCreation, KeySinkSymbols symbols)
        {
            Value = value;
            SinkName = sinkName;
            StringBytes = stringBytes;
            _algorithm = HmacAlgorithm.Hs256;
            _keyCreation = keyCreation;
            _symbols = symbols;
        }

        /// <summary>The key expression as written at the sink (the diagnostic's location).</summary>
        public IOperation Value { get; }

        public string SinkName { get; }

        public StringBytes StringBytes { get; }

        /// <summary>The algorithm the key is used with; the HS256 minimum when the code does not show it.</summary>
        public HmacAlgorithm AlgorithmOf(CancellationToken cancellationToken)
            => _keyCreation is null ? _algorithm : KeySinks.SigningAlgorithmOf(_keyCreation, _symbols!, cancellationToken);

        /// <summary>The key goes to EncryptingCredentials / TokenDecryptionKey: AES key wrap sizes apply, not HMAC ones.</summary>
        public bool IsEncryptionKey() => _keyCreation is not null && KeySinks.IsEncryptionKey(_keyCreation);
    }

    /// <summary>A key handed to a sink, with the sources its material may come from (<see cref="KeyMaterial.Trace"/>).</summary>
    internal readonly struct TracedKey
    {
        public TracedKey(KeyArgument key, List<KeySource> sources)
        {
            Key = key;
            Sources = sources;
        }

        public KeyArgument Key { get; }

        /// <summary>Shared between the rules that look at the same sink: read it, never change it.</summary>
        public List<KeySource> Sources { get; }
    }

    /// <summary>The library types of the key sinks, resolved once per compilation.</summary>
    internal sealed class KeySinkSymbols
    {
        private KeySinkSymbols(JwtSymbols symbols)
        {
            SymmetricSecurityKey = symbols.SymmetricSecurityKey;
            SigningCredentials = symbols.SigningCredentials;
            JwtBuilder = symbols.JwtBuilder;
            JwtEncoder = symbols.JwtNetEncoder;
            JwtDecoder = symbols.JwtNetDecoder;
            IJwtEncoder = symbols.JwtNetIJwtEncoder;
            IJwtDecoder = symbols.JwtNetIJwtDecoder;
            JoseJwt = symbols.JoseJwt;
            JoseJwsAlgorithm = symbols.JoseJwsAlgorithm;
        }

        public INamedTypeSymbol? SymmetricSecurityKey { get; }
        public INamedTypeSymbol? SigningCredentials { get; }
        public INamedTypeSymbol? JwtBuilder { get; }
        public INamedTypeSymbol? JwtEncoder { get; }
        public INamedTypeSymbol? JwtDecoder { get; }
        public INamedTypeSymbol? IJwtEncoder { get; }
        public INamedTypeSymbol? IJwtDecoder { get; }
        public INamedTypeSymbol? JoseJwt { get; }
        public INamedTypeSymbol? JoseJwsAlgorithm { get; }

        /// <summary>Null when no key sink library is referenced (the analyzers then register nothing).</summary>
        public static KeySinkSymbols? From(Compilation compilation)
        {
            var symbols = new KeySinkSymbols(JwtSymbols.From(compilation));
            return symbols.SymmetricSecurityKey is null && symbols.JwtBuilder is null && symbols.JwtEncoder is null
                   && symbols.JwtDecoder is null && symbols.JoseJwt is null
                ? null
                : symbols;
        }
    }

    /// <summary>
    /// Recognises the places an HMAC key enters a JWT library: <c>new SymmetricSecurityKey(key)</c>; JWT.Net's
    /// <c>JwtBuilder.WithSecret(...)</c> and the <c>key</c>/<c>keys</c> of <c>IJwtEncoder.Encode</c> and
    /// <c>IJwtDecoder.Decode*</c>; jose-jwt's <c>JWT.Encode/Decode/Verify</c> key with an HS* algorithm.
    /// A sink whose algorithm is provably asymmetric (RS256Algorithm, RSAlgorithmFactory, JwsAlgorithm.RS256)
    /// ignores the key and is no sink.
    /// </summary>
    internal static class KeySinks
    {
        /// <summary>The methods that can take key material (Jwt.Net's builder, encoder and decoder; jose-jwt).</summary>
        public static readonly HashSet<string> InvocationNames = KeyedRegistration.Names(
            "WithSecret", "Encode", "EncodeBytes", "Decode", "DecodeBytes", "DecodeToObject", "Verify", "VerifyBytes");

        /// <summary>
        /// The cheap first filter of every callback: could this operation be a key sink at all? Compares only the
        /// constructor's type or the method's name, so the caller allocates nothing for the many operations that are not.
        /// </summary>
        public static bool MayBeSink(IOperation operation, KeySinkSymbols symbols)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation:
                    return symbols.SymmetricSecurityKey is not null
                           && SymbolEqualityComparer.Default.Equals(creation.Constructor?.ContainingType, symbols.SymmetricSecurityKey);
                case IInvocationOperation invocation:
                    return InvocationNames.Contains(invocation.TargetMethod.Name);

                default:
                    return false;
            }
        }

        /// <summary>
        /// Registers <paramref name="action"/> for the operations that may be key sinks: <c>new SymmetricSecurityKey(...)</c>
        /// and calls of the methods in <see cref="InvocationNames"/>.
        /// </summary>
        public static void RegisterSinkActions(CompilationStartAnalysisContext start, KeySinkSymbols symbols, Action<OperationAnalysisContext> action)
        {
            start.RegisterObjectCreationAction(action, symbols.SymmetricSecurityKey);
            start.RegisterInvocationAction(InvocationNames, action);
        }

        // JWT010 (hard-coded) and JWT011 (too short) look at the same sinks and keys: each sink is analysed once per
        // compilation and the answer shared.
        private static readonly OperationMemo<ImmutableArray<TracedKey>> Analysed = new OperationMemo<ImmutableArray<TracedKey>>();

        /// <summary>
        /// The keys a sink operation takes, each with its traced sources; empty when the operation is no sink, is
        /// broken code (which proves nothing), or runs only in development.
        /// </summary>
        public static ImmutableArray<TracedKey> KeysOf(IOperation operation, Compilation compilation, KeySinkSymbols symbols, CancellationToken cancellationToken)
        {
            if (!MayBeSink(operation, symbols)) return ImmutableArray<TracedKey>.Empty;
            return Analysed.Get(operation, compilation, (symbols, cancellationToken), static (sink, state) => Analyse(sink, state.symbols, state.cancellationToken));
        }

        private static ImmutableArray<TracedKey> Analyse(IOperation operation, KeySinkSymbols symbols, CancellationToken cancellationToken)
        {
            var keys = new List<KeyArgument>();
            Collect(operation, symbols, keys, cancellationToken);
            if (keys.Count == 0 || operation.Syntax.ContainsDiagnostics || EnvironmentGuard.IsDevelopmentOnly(operation)) return ImmutableArray<TracedKey>.Empty;
            var result = ImmutableArray.CreateBuilder<TracedKey>(keys.Count);
            foreach (var key in keys)
            {
                result.Add(new TracedKey(key, KeyMaterial.Trace(key.Value, key.StringBytes, cancellationToken)));
            }

            return result.MoveToImmutable();
        }

        public static void Collect(IOperation operation, KeySinkSymbols symbols, List<KeyArgument> result, CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation when symbols.SymmetricSecurityKey is not null
                    && SymbolEqualityComparer.Default.Equals(creation.Constructor?.ContainingType, symbols.SymmetricSecurityKey):
                    var key = Argument(creation.Arguments, "key");
                    if (key is not null)
                    {
                        result.Add(new KeyArgument(key.Value, "'SymmetricSecurityKey'", StringBytes.Utf8, creation, symbols));
                    }

                    return;
                case IInvocationOperation invocation:
                    Invocation(invocation, symbols, result, cancellationToken);
                    return;
            }
        }

        private static void Invocation(IInvocationOperation invocation, KeySinkSymbols symbols, List<KeyArgument> result, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null) return;

            if (symbols.JwtBuilder is not null && method.Name == "WithSecret" && SymbolEqualityComparer.Default.Equals(type, symbols.JwtBuilder))
            {
                var algorithm = BuilderAlgorithm(invocation, symbols, cancellationToken);
                if (algorithm is null) return;
                foreach (var argument in invocation.Arguments)
                {
                    AddElements(argument, "'JwtBuilder.WithSecret'", algorithm.Value, result, cancellationToken);
                }

                return;
            }

            if (symbols.JoseJwt is not null && SymbolEqualityComparer.Default.Equals(type, symbols.JoseJwt))
            {
                Jose(invocation, symbols, result, cancellationToken);
                return;
            }

            JwtNet(invocation, symbols, result, cancellationToken);
        }

        private static void JwtNet(IInvocationOperation invocation, KeySinkSymbols symbols, List<KeyArgument> result, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            bool encode;
            switch (method.Name)
            {
                case "Encode":
                    encode = true;
                    break;
                case "Decode":
                case "DecodeToObject":
                    encode = false;
                    break;
                default:
                    return;
            }

            // The coder is the receiver, or the first argument of the JwtEncoderExtensions/JwtDecoderExtensions methods.
            IOperation? coder = invocation.Instance;
            if (method.IsExtensionMethod && invocation.Arguments.Length > 0) coder = Argument(invocation.Arguments, method.Parameters[0].Name)?.Value;
            var coderType = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
            var isCoder = encode
                ? Is(coderType, symbols.JwtEncoder) || Is(coderType, symbols.IJwtEncoder)
                : Is(coderType, symbols.JwtDecoder) || Is(coderType, symbols.IJwtDecoder);
            if (!isCoder || coder is null) return;

            // Decode(token, key, verify: false) does not use the key.
            var verify = Argument(invocation.Arguments, "verify");
            if (verify is not null && ValueFlow.IsConstantBool(verify.Value, false, cancellationToken)) return;

            var algorithm = CoderAlgorithm(coder, cancellationToken);
            if (algorithm is null) return;
            var sinkName = encode ? "'JwtEncoder.Encode'" : "'JwtDecoder." + method.Name + "'";
            foreach (var argument in invocation.Arguments)
            {
                var name = argument.Parameter?.Name;
                if (name == "key" || name == "keys") AddElements(argument, sinkName, algorithm.Value, result, cancellationToken);
            }
        }

        private static void Jose(IInvocationOperation invocation, KeySinkSymbols symbols, List<KeyArgument> result, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            string sinkName;
            switch (method.Name)
            {
                case "Encode":
                case "EncodeBytes":
                    sinkName = "'JWT.Encode'";
                    break;
                case "Decode":
                case "DecodeBytes":
                    sinkName = "'JWT.Decode'";
                    break;
                case "Verify":
                case "VerifyBytes":
                    sinkName = "'JWT.Verify'";
                    break;
                default:
                    return;
            }

            HmacAlgorithm? algorithm = null;
            var algorithmGiven = false;
            IArgumentOperation? key = null;
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter is null) return;
                if (parameter.Name == "enc" || parameter.Type.Name == "JweAlgorithm" || parameter.Type.Name == "JweEncryption") return; // JWE, not HS*
                if (parameter.Name == "key")
                {
                    key = argument;
                    continue;
                }

                var isJwsEnum = Is(parameter.Type, symbols.JoseJwsAlgorithm)
                    || (parameter.Type is INamedTypeSymbol { IsGenericType: true } nullable && nullable.TypeArguments.Length == 1 && Is(nullable.TypeArguments[0], symbols.JoseJwsAlgorithm));
                var isJwsString = parameter.Type.SpecialType == SpecialType.System_String && (parameter.Name == "jwsAlg" || parameter.Name == "alg");
                if (!isJwsEnum && !isJwsString) continue;
                if (argument.ArgumentKind == ArgumentKind.DefaultValue) continue;

                algorithmGiven = true;
                if (!ValueFlow.TryGetConstant(argument.Value, out var value, cancellationToken)) return; // not provably HS*
                string? name = value as string;
                if (isJwsEnum && value is not null) name = EnumMemberName(symbols.JoseJwsAlgorithm, value);
                algorithm = FromName(name);
                if (algorithm is null) return; // none, RS*, ES*, PS*
            }

            if (key is null) return;
            if (!algorithmGiven)
            {
                // Decode(token, key) / Verify(token, key) picks the algorithm from the header: an HMAC key when it is bytes.
                var keyValue = ValueFlow.Unwrap(key.Value, cancellationToken);
                if (sinkName == "'JWT.Encode'" || keyValue.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }) return;
                algorithm = HmacAlgorithm.Hs256;
            }

            if (algorithm is { } known) result.Add(new KeyArgument(key.Value, sinkName, StringBytes.Utf8, known));
        }

        /// <summary>A key argument, or each element of a <c>params</c>/array-of-keys argument.</summary>
        private static void AddElements(IArgumentOperation argument, string sinkName, HmacAlgorithm algorithm, List<KeyArgument> result, CancellationToken cancellationToken)
        {
            var parameterType = argument.Parameter?.Type;
            if (parameterType is IArrayTypeSymbol { ElementType: var element } && IsKeyType(element))
            {
                var array = argument.ArgumentKind == ArgumentKind.ParamArray ? argument.Value : ValueFlow.Unwrap(argument.Value, cancellationToken);
                if (array is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var value in initializer.ElementValues) result.Add(new KeyArgument(value, sinkName, StringBytes.Utf8, algorithm));
                }

                return;
            }

            if (parameterType is not null && IsKeyType(parameterType))
            {
                result.Add(new KeyArgument(argument.Value, sinkName, StringBytes.Utf8, algorithm));
            }
        }

        private static bool IsKeyType(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte };

        /// <summary>
        /// The algorithm of a builder chain (<c>.WithAlgorithm(new HMACSHA512Algorithm())</c> before or after
        /// <c>WithSecret</c>); null when it is provably asymmetric.
        /// </summary>
        private static HmacAlgorithm? BuilderAlgorithm(IInvocationOperation withSecret, KeySinkSymbols symbols, CancellationToken cancellationToken)
        {
            var algorithm = HmacAlgorithm.Hs256;
            // Calls before WithSecret: the receiver chain.
            IOperation? current = withSecret.Instance;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = ValueFlow.Unwrap(current, cancellationToken);
                if (current is not IInvocationOperation call || !Is(call.TargetMethod.ContainingType, symbols.JwtBuilder)) break;
                if (!Accumulate(call, ref algorithm, cancellationToken)) return null;
                current = call.Instance;
            }

            // Calls after WithSecret: the invocations the chain continues with.
            IOperation node = withSecret;
            for (var depth = 0; depth < 16; depth++)
            {
                if (node.Parent is not IInvocationOperation next || !ReferenceEquals(next.Instance, node)) break;
                if (!Accumulate(next, ref algorithm, cancellationToken)) return null;
                node = next;
            }

            return algorithm;
        }

        private static bool Accumulate(IInvocationOperation call, ref HmacAlgorithm algorithm, CancellationToken cancellationToken)
        {
            if ((call.TargetMethod.Name != "WithAlgorithm" && call.TargetMethod.Name != "WithAlgorithmFactory") || call.Arguments.Length != 1) return true;
            var kind = ClassifyJwtNetAlgorithm(call.Arguments[0].Value, 0, cancellationToken, out var found);
            if (kind < 0) return false;
            if (kind > 0) algorithm = found;
            return true;
        }

        /// <summary>The algorithm a JwtEncoder/JwtDecoder was created with, when it was created in view; null when asymmetric.</summary>
        private static HmacAlgorithm? CoderAlgorithm(IOperation coder, CancellationToken cancellationToken)
        {
            var algorithm = HmacAlgorithm.Hs256;
            if (ValueFlow.Unwrap(coder, cancellationToken) is not IObjectCreationOperation creation) return algorithm;
            foreach (var argument in creation.Arguments)
            {
                var name = argument.Parameter?.Name;
                if (name != "algorithm" && name != "algFactory") continue;
                var kind = ClassifyJwtNetAlgorithm(argument.Value, 0, cancellationToken, out var found);
                if (kind < 0) return null;
                if (kind > 0) algorithm = found;
            }

            return algorithm;
        }

        /// <summary>+1 HMAC with a known size, 0 unknown (HMAC assumed), -1 provably asymmetric.</summary>
        private static int ClassifyJwtNetAlgorithm(IOperation value, int depth, CancellationToken cancellationToken, out HmacAlgorithm algorithm)
        {
            algorithm = HmacAlgorithm.Hs256;
            if (depth > 2) return 0;
            if (ValueFlow.Unwrap(value, cancellationToken) is not IObjectCreationOperation creation || creation.Type is not { } type) return 0;
            if (!NamespaceNames.Is(type.ContainingNamespace, "JWT.Algorithms")) return 0;
            switch (type.Name)
            {
                case "HMACSHA256Algorithm":
                    algorithm = HmacAlgorithm.Hs256;
                    return 1;
                case "HMACSHA384Algorithm":
                    algorithm = HmacAlgorithm.Hs384;
                    return 1;
                case "HMACSHA512Algorithm":
                    algorithm = HmacAlgorithm.Hs512;
                    return 1;
                case "HMACSHAAlgorithmFactory":
                    return 0;
                case "DelegateAlgorithmFactory":
                    return creation.Arguments.Length == 1 ? ClassifyJwtNetAlgorithm(creation.Arguments[0].Value, depth + 1, cancellationToken, out algorithm) : 0;
                default:
                    // RS256Algorithm, ES256Algorithm, RSAlgorithmFactory, ECDSAAlgorithmFactory, ...
                    return type.Name.StartsWith("HMAC", System.StringComparison.Ordinal) ? 0 : -1;
            }
        }

        /// <summary>
        /// The algorithm of <c>new SigningCredentials(key, alg)</c> that the key flows into in the same method:
        /// directly as the argument, or through the local it is stored in. The largest requirement wins.
        /// </summary>
        internal static HmacAlgorithm SigningAlgorithmOf(IObjectCreationOperation keyCreation, KeySinkSymbols symbols, CancellationToken cancellationToken)
        {
            var algorithm = HmacAlgorithm.Hs256;
            if (symbols.SigningCredentials is null) return algorithm;

            IOperation current = keyCreation;
            while (current.Parent is IConversionOperation conversion) current = conversion;
            if (current.Parent is IArgumentOperation { Parent: IObjectCreationOperation credentials } && IsSigningCredentials(credentials, symbols))
            {
                return AlgorithmArgument(credentials, cancellationToken) ?? algorithm;
            }

            ILocalSymbol? local = current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (local is null) return algorithm;

            foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(keyCreation)))
            {
                if (descendant is not IObjectCreationOperation other || !IsSigningCredentials(other, symbols)) continue;
                var keyArgument = Argument(other.Arguments, "key");
                if (keyArgument is null) continue;
                var value = keyArgument.Value;
                while (value is IConversionOperation c) value = c.Operand;
                if (value is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && AlgorithmArgument(other, cancellationToken) is { } found)
                {
                    algorithm = HmacAlgorithm.Max(algorithm, found);
                }
            }

            return algorithm;
        }

        /// <summary>
        /// True when the key is used to encrypt or decrypt tokens (a 16-byte A128KW key is fine there): it is an
        /// argument of EncryptingCredentials, assigned to TokenDecryptionKey(s), or a local that is either.
        /// </summary>
        internal static bool IsEncryptionKey(IObjectCreationOperation keyCreation)
        {
            IOperation current = keyCreation;
            while (current.Parent is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation) current = current.Parent;
            if (IsEncryptionUse(current)) return true;

            ILocalSymbol? local = current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (local is null) return false;
            foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(keyCreation)))
            {
                if (descendant is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local)) continue;
                IOperation use = reference;
                while (use.Parent is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation) use = use.Parent;
                if (IsEncryptionUse(use)) return true;
            }

            return false;
        }

        private static bool IsEncryptionUse(IOperation value)
        {
            switch (value.Parent)
            {
                case IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "EncryptingCredentials" } }:
                    return true;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when ReferenceEquals(assignment.Value, value):
                    return property.Property.Name.StartsWith("TokenDecryptionKey", System.StringComparison.Ordinal);
                default:
                    return false;
            }
        }

        private static bool IsSigningCredentials(IObjectCreationOperation creation, KeySinkSymbols symbols)
            => SymbolEqualityComparer.Default.Equals(creation.Constructor?.ContainingType, symbols.SigningCredentials);

        private static HmacAlgorithm? AlgorithmArgument(IObjectCreationOperation credentials, CancellationToken cancellationToken)
        {
            var algorithm = Argument(credentials.Arguments, "algorithm");
            if (algorithm is null || !ValueFlow.TryGetConstant(algorithm.Value, out var value, cancellationToken)) return null;
            return FromName(value as string);
        }

        /// <summary>HS256/HS384/HS512 and the xmldsig URIs (SecurityAlgorithms.HmacSha256Signature ...).</summary>
        private static HmacAlgorithm? FromName(string? name)
        {
            if (name is null) return null;
            if (name == "HS256" || name.EndsWith("#hmac-sha256", System.StringComparison.Ordinal)) return HmacAlgorithm.Hs256;
            if (name == "HS384" || name.EndsWith("#hmac-sha384", System.StringComparison.Ordinal)) return HmacAlgorithm.Hs384;
            if (name == "HS512" || name.EndsWith("#hmac-sha512", System.StringComparison.Ordinal)) return HmacAlgorithm.Hs512;
            return null;
        }

        private static string? EnumMemberName(INamedTypeSymbol? enumType, object value)
        {
            if (enumType is null) return null;
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value)) return field.Name;
            }

            return null;
        }

        private static IArgumentOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string name)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == name) return argument;
            }

            return null;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);
    }
}
