using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Storage
{
    /// <summary>
    /// JWT030: a token is written to <c>localStorage</c> or <c>sessionStorage</c>, where any script injected into the
    /// page can read it. Shapes:
    /// <list type="bullet">
    /// <item>JS interop (<c>IJSRuntime</c>, <c>IJSInProcessRuntime</c>, <c>IJSObjectReference</c>,
    /// <c>IJSInProcessObjectReference</c>: <c>InvokeVoidAsync</c>, <c>InvokeAsync&lt;T&gt;</c>, <c>InvokeVoid</c>,
    /// <c>Invoke&lt;T&gt;</c>) of <c>[window.]localStorage.setItem</c> / <c>[window.]sessionStorage.setItem</c>;</item>
    /// <item><c>eval</c> of a script that calls <c>setItem</c> (or assigns <c>localStorage['key']</c>) with a token;</item>
    /// <item>Blazored.LocalStorage / Blazored.SessionStorage <c>SetItemAsync</c>, <c>SetItemAsStringAsync</c>,
    /// <c>SetItem</c>, <c>SetItemAsString</c>.</item>
    /// </list>
    /// Reported when the key or the value is token-like (see <see cref="TokenLikeNames"/>) and neither proves
    /// otherwise. ProtectedLocalStorage / ProtectedSessionStorage are other types and never match.
    /// </summary>
    public sealed class TokenInBrowserStorageAnalyzer : DiagnosticAnalyzer
    {
        private const string LocalStorage = "localStorage";
        private const string SessionStorage = "sessionStorage";
        private const int MaxDepth = 6;
        private static readonly string[] GlobalPrefixes = { "window.", "globalThis.", "self." };
        private static readonly string[] Storages = { LocalStorage, SessionStorage };
        private static readonly string[] FrameworkRoots = { "System", "Microsoft", "Newtonsoft" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TokenInBrowserStorage);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; tokens are stored from @code blocks.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = StorageSymbols.From(start.Compilation);
                if (symbols is null) return; // neither JS interop nor Blazored storage: no cost
                start.RegisterInvocationAction(WriteNames, c => Analyze(c, symbols));
            });
        }

        /// <summary>Blazored's writes and JS interop's calls (the cases of the switch below).</summary>
        private static readonly HashSet<string> WriteNames = KeyedRegistration.Names(
            "SetItemAsync", "SetItemAsStringAsync", "SetItem", "SetItemAsString", "InvokeAsync", "InvokeVoidAsync", "Invoke", "InvokeVoid");

        private static void Analyze(OperationAnalysisContext context, StorageSymbols symbols)
        {
            if (context.Operation is not IInvocationOperation invocation) return;
            var method = invocation.TargetMethod;
            if (method is null) return;
            // A call the parser had to repair ("authToken" token: a missing comma) is not what the user wrote yet.
            if (invocation.Syntax.ContainsDiagnostics) return;
            var ct = context.CancellationToken;
            switch (method.Name)
            {
                case "SetItemAsync":
                case "SetItemAsStringAsync":
                case "SetItem":
                case "SetItemAsString":
                    var blazored = symbols.BlazoredStorageOf(method);
                    if (blazored is null) return;
                    var key = Argument(invocation, "key");
                    var data = Argument(invocation, "data");
                    if (key is null || data is null) return;
                    if (IsTokenWrite(key, data, ct)) Report(context, invocation, blazored);
                    return;

                case "InvokeAsync":
                case "InvokeVoidAsync":
                case "Invoke":
                case "InvokeVoid":
                    if (!symbols.IsJSInterop(method)) return;
                    AnalyzeJSInterop(context, invocation, ct);
                    return;
            }
        }

        private static void AnalyzeJSInterop(OperationAnalysisContext context, IInvocationOperation invocation, CancellationToken ct)
        {
            var identifierArgument = Argument(invocation, "identifier");
            if (identifierArgument is null
                || !ValueFlow.TryGetConstant(identifierArgument, out var constant, ct)
                || constant is not string identifier)
            {
                return;
            }

            identifier = StripGlobal(identifier.Trim());
            var args = Argument(invocation, "args");
            if (args is null) return;
            var elements = Elements(args, ct);
            switch (identifier)
            {
                case "localStorage.setItem":
                case "sessionStorage.setItem":
                    if (elements.Count < 2) return;
                    if (IsTokenWrite(elements[0], elements[1], ct))
                    {
                        Report(context, invocation, identifier.StartsWith(LocalStorage, System.StringComparison.Ordinal) ? LocalStorage : SessionStorage);
                    }

                    return;

                case "eval":
                    if (elements.Count < 1) return;
                    var storage = Scripts.TokenWriteIn(elements[0], ct);
                    if (storage is not null) Report(context, invocation, storage);
                    return;
            }
        }

        private static string StripGlobal(string identifier)
        {
            foreach (var prefix in GlobalPrefixes)
            {
                if (identifier.StartsWith(prefix, System.StringComparison.Ordinal)) return identifier.Substring(prefix.Length);
            }

            return identifier;
        }

        private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, string storage)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.TokenInBrowserStorage, invocation.Syntax.GetLocation(), storage));

        /// <summary>The decision: a token-like key or value, and nothing that says "not a token".</summary>
        internal static bool IsTokenWrite(IOperation key, IOperation value, CancellationToken ct)
        {
            var keyVerdict = Values.ClassifyKey(key, ct);
            if (keyVerdict == TokenVerdict.NotToken) return false;
            var valueVerdict = Values.ClassifyValue(value, 0, ct);
            if (valueVerdict == TokenVerdict.NotToken) return false;
            if (valueVerdict == TokenVerdict.Token || keyVerdict == TokenVerdict.Token) return true;
            // "auth", "refresh": a token unless the value is an object of the user's own that carries none.
            return keyVerdict == TokenVerdict.WeakToken && !Values.IsObjectWithoutToken(value, ct);
        }

        private static IOperation? Argument(IInvocationOperation invocation, string parameterName)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameterName) return argument.Value;
            }

            return null;
        }

        /// <summary>The elements of the JS call's <c>params object?[] args</c>, when they are written in the call.</summary>
        private static List<IOperation> Elements(IOperation args, CancellationToken ct)
        {
            var result = new List<IOperation>();
            // An array local assigned once ("var args = new object[] { key, token };") is followed too.
            var value = ValueFlow.Unwrap(args, ct);
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues) result.Add(element);
            }
            else if (value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
            {
                // ["authToken", token]: Roslyn 4.8 has no operation for collection expressions; read the syntax.
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax { Expression: { } expression }) break; // a spread: positions unknown
                    if (model.GetOperation(expression, ct) is not { } operation) break;
                    result.Add(operation);
                }
            }

            return result;
        }

        /// <summary>The JS interop and Blazored storage types, resolved once per compilation.</summary>
        private sealed class StorageSymbols
        {
            private readonly ImmutableArray<INamedTypeSymbol> _jsTypes;
            private readonly ImmutableArray<INamedTypeSymbol> _localStorage;
            private readonly ImmutableArray<INamedTypeSymbol> _sessionStorage;

            private StorageSymbols(ImmutableArray<INamedTypeSymbol> jsTypes, ImmutableArray<INamedTypeSymbol> localStorage, ImmutableArray<INamedTypeSymbol> sessionStorage)
            {
                _jsTypes = jsTypes;
                _localStorage = localStorage;
                _sessionStorage = sessionStorage;
            }

            public static StorageSymbols? From(Compilation compilation)
            {
                var symbols = JwtSymbols.From(compilation);
                var js = NonNull(symbols.JSRuntime, symbols.JSInProcessRuntime, symbols.JSObjectReference, symbols.JSInProcessObjectReference);
                var local = NonNull(symbols.BlazoredLocalStorage, symbols.BlazoredSyncLocalStorage);
                var session = NonNull(symbols.BlazoredSessionStorage, symbols.BlazoredSyncSessionStorage);
                if (js.IsEmpty && local.IsEmpty && session.IsEmpty) return null;
                return new StorageSymbols(js, local, session);
            }

            /// <summary>"localStorage" or "sessionStorage" for a Blazored storage method (or an implementation's), else null.</summary>
            public string? BlazoredStorageOf(IMethodSymbol method)
            {
                var type = method.ContainingType;
                if (type is null) return null;
                if (IsOrImplements(type, _localStorage)) return LocalStorage;
                if (IsOrImplements(type, _sessionStorage)) return SessionStorage;
                return null;
            }

            /// <summary>An interface method of the JS runtimes/object references, an implementation's, or one of their extension methods.</summary>
            public bool IsJSInterop(IMethodSymbol method)
            {
                if (_jsTypes.IsEmpty) return false;
                if (method.IsExtensionMethod)
                {
                    var definition = method.ReducedFrom ?? method;
                    return definition.Parameters.Length > 0
                        && definition.Parameters[0].Type is INamedTypeSymbol receiver
                        && IsOrImplements(receiver, _jsTypes);
                }

                return method.ContainingType is { } type && IsOrImplements(type, _jsTypes);
            }

            private static bool IsOrImplements(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
            {
                if (candidates.IsEmpty) return false;
                var definition = type.OriginalDefinition;
                foreach (var candidate in candidates)
                {
                    if (SymbolEqualityComparer.Default.Equals(definition, candidate)) return true;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    foreach (var candidate in candidates)
                    {
                        if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, candidate)) return true;
                    }
                }

                return false;
            }

            private static ImmutableArray<INamedTypeSymbol> NonNull(params INamedTypeSymbol?[] types)
            {
                var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var type in types)
                {
                    if (type is not null) builder.Add(type);
                }

                return builder.ToImmutable();
            }
        }

        /// <summary>Classifies the key and the value written, following them through ValueFlow.</summary>
        private static class Values
        {
            public static TokenVerdict ClassifyKey(IOperation key, CancellationToken ct)
            {
                if (ValueFlow.TryGetConstant(key, out var constant, ct))
                {
                    return constant is string text ? TokenLikeNames.ClassifyKey(text) : TokenVerdict.Unknown;
                }

                // "useSession ? TokenKey : OtherTokenKey": every branch a constant, judged one by one.
                if (TryClassifyConstantBranches(key, out var branches, ct)) return branches;

                // "$"{prefix}_token"", "prefix + "AccessToken"": the constant fragments still say token.
                var fragments = new StringBuilder();
                if (CollectConstantFragments(ValueFlow.Unwrap(key, ct), fragments, 0, ct) && fragments.Length > 0)
                {
                    var verdict = TokenLikeNames.ClassifyKeyFragment(fragments.ToString());
                    if (verdict != TokenVerdict.Unknown) return verdict;
                }

                // A key that comes from elsewhere (options, a parameter): what its holder is called.
                return TokenLikeNames.ClassifyKeyName(NameOf(Strip(key)));
            }

            private static bool TryClassifyConstantBranches(IOperation key, out TokenVerdict verdict, CancellationToken ct)
            {
                verdict = TokenVerdict.Unknown;
                var sources = ValueFlow.Sources(key, ct);
                if (sources.Length < 2) return false;
                var strongest = TokenVerdict.Unknown;
                foreach (var source in sources)
                {
                    if (!ValueFlow.TryGetSingleConstant(source, out var value, 0, ct)) return false;
                    var branch = value is string text ? TokenLikeNames.ClassifyKey(text) : TokenVerdict.Unknown;
                    if (branch == TokenVerdict.NotToken) return true; // one branch names something else: not provable
                    if (branch == TokenVerdict.Token || (branch == TokenVerdict.WeakToken && strongest != TokenVerdict.Token)) strongest = branch;
                }

                verdict = strongest;
                return true;
            }

            public static TokenVerdict ClassifyValue(IOperation value, int depth, CancellationToken ct)
            {
                if (depth > MaxDepth) return TokenVerdict.Unknown;
                var op = Strip(value);
                var own = ClassifyShape(op, depth, ct);
                if (own != TokenVerdict.Unknown) return own;

                // Follow locals assigned once, readonly fields, ?: and ??: any branch that is a token makes it one.
                var sources = ValueFlow.Sources(op, ct);
                if (sources.IsEmpty) return TokenVerdict.Unknown;
                var allNotToken = true;
                var followed = false;
                foreach (var source in sources)
                {
                    if (ReferenceEquals(source, op)) return TokenVerdict.Unknown;
                    followed = true;
                    var verdict = ClassifyShape(Strip(source), depth + 1, ct);
                    if (verdict == TokenVerdict.Token) return TokenVerdict.Token;
                    if (verdict != TokenVerdict.NotToken) allNotToken = false;
                }

                return followed && allNotToken ? TokenVerdict.NotToken : TokenVerdict.Unknown;
            }

            /// <summary>A value of a type declared in the user's code that has no token member and no token name.</summary>
            public static bool IsObjectWithoutToken(IOperation value, CancellationToken ct)
            {
                var type = SerializedObject(value, 0, ct).Type;
                if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None) return false;
                if (named.TypeKind != TypeKind.Class && named.TypeKind != TypeKind.Struct) return false;
                if (named.IsGenericType) return false; // collections and wrappers may hold anything
                if (!IsInSource(named)) return false;
                return !TypeSaysToken(named);
            }

            /// <summary>What is stored: the object behind a local assigned once and behind JsonSerializer.Serialize(x).</summary>
            private static IOperation SerializedObject(IOperation value, int depth, CancellationToken ct)
            {
                var op = Strip(ValueFlow.Unwrap(Strip(value), ct));
                if (depth < MaxDepth && op is IInvocationOperation invocation && IsSerializeCall(invocation.TargetMethod.Name))
                {
                    var serialized = SerializedArgument(invocation);
                    if (serialized is not null) return SerializedObject(serialized, depth + 1, ct);
                }

                return op;
            }

            private static bool IsSerializeCall(string name)
                => name == "Serialize" || name == "SerializeObject" || name == "SerializeAsync" || name == "ToJson";

            private static IOperation? SerializedArgument(IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    var parameterType = argument.Parameter?.OriginalDefinition.Type;
                    if (parameterType is ITypeParameterSymbol || parameterType?.SpecialType == SpecialType.System_Object) return argument.Value;
                }

                return null;
            }

            private static TokenVerdict ClassifyShape(IOperation op, int depth, CancellationToken ct)
            {
                if (op.ConstantValue.HasValue)
                {
                    // A literal is a token only when it is one ("eyJ..."); "", null, "true" are not.
                    return op.ConstantValue.Value is string s && TokenLikeNames.IsJwtShaped(s) ? TokenVerdict.Token : TokenVerdict.NotToken;
                }

                if (IsClearlyNotToken(op.Type)) return TokenVerdict.NotToken;

                TokenVerdict byName;
                switch (op)
                {
                    case IInvocationOperation invocation:
                        byName = ClassifyInvocation(invocation, depth, ct);
                        break;
                    case IPropertyReferenceOperation { Arguments.Length: 1 } indexer
                        when indexer.Arguments[0].Value.ConstantValue.Value is string index:
                        // json["access_token"], claims["token"]
                        byName = TokenLikeNames.ClassifyValueName(index);
                        break;
                    case IInterpolatedStringOperation interpolated:
                        byName = ClassifyInterpolation(interpolated, depth, ct);
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation
                        when concatenation.Type?.SpecialType == SpecialType.System_String:
                        byName = Max(ClassifyValue(concatenation.LeftOperand, depth + 1, ct), ClassifyValue(concatenation.RightOperand, depth + 1, ct));
                        break;
                    default:
                        byName = TokenLikeNames.ClassifyValueName(NameOf(op));
                        break;
                }

                if (byName != TokenVerdict.Unknown) return byName;
                return TypeSaysToken(op.Type) ? TokenVerdict.Token : TokenVerdict.Unknown;
            }

            private static TokenVerdict ClassifyInvocation(IInvocationOperation invocation, int depth, CancellationToken ct)
            {
                var method = invocation.TargetMethod;
                switch (method.Name)
                {
                    case "Serialize":
                    case "SerializeObject":
                    case "SerializeAsync":
                    case "ToJson":
                        // JsonSerializer.Serialize(loginResult): what is serialised.
                        var serialized = SerializedArgument(invocation);
                        return serialized is null ? TokenVerdict.Unknown : ClassifyValue(serialized, depth + 1, ct);
                    case "ToString":
                    case "Trim":
                        return invocation.Instance is null ? TokenVerdict.Unknown : ClassifyValue(invocation.Instance, depth + 1, ct);
                    case "Encode":
                        // JWT.Net (IJwtEncoder, JwtBuilder) and jose-jwt (JWT.Encode) create tokens.
                        var ns = method.ContainingNamespace;
                        if (NamespaceNames.Is(ns, "JWT") || NamespaceNames.Is(ns, "JWT.Builder") || NamespaceNames.Is(ns, "Jose")) return TokenVerdict.Token;
                        return TokenVerdict.Unknown;
                    default:
                        // WriteToken, CreateToken, CreateEncodedJwt, GetAccessTokenAsync, GenerateJwt...
                        return TokenLikeNames.ClassifyValueName(method.Name);
                }
            }

            private static TokenVerdict ClassifyInterpolation(IInterpolatedStringOperation interpolated, int depth, CancellationToken ct)
            {
                var result = TokenVerdict.Unknown;
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolationOperation interpolation:
                            result = Max(result, ClassifyValue(interpolation.Expression, depth + 1, ct));
                            break;
                        case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string s
                            && s.IndexOf("Bearer ", System.StringComparison.OrdinalIgnoreCase) >= 0:
                            result = Max(result, TokenVerdict.Token);
                            break;
                    }
                }

                return result == TokenVerdict.Token ? TokenVerdict.Token : TokenVerdict.Unknown;
            }

            private static TokenVerdict Max(TokenVerdict a, TokenVerdict b)
                => a == TokenVerdict.Token || b == TokenVerdict.Token ? TokenVerdict.Token : TokenVerdict.Unknown;

            private static bool CollectConstantFragments(IOperation op, StringBuilder text, int depth, CancellationToken ct)
            {
                if (depth > MaxDepth) return false;
                switch (op)
                {
                    case IInterpolatedStringOperation interpolated:
                        foreach (var part in interpolated.Parts)
                        {
                            if (part is IInterpolatedStringTextOperation t && t.Text.ConstantValue.Value is string s) text.Append(s).Append(' ');
                            else if (part is IInterpolationOperation i && ValueFlow.TryGetSingleConstant(i.Expression, out var v, 0, ct)) text.Append(v).Append(' ');
                        }

                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                        foreach (var operand in new[] { binary.LeftOperand, binary.RightOperand })
                        {
                            if (ValueFlow.TryGetSingleConstant(operand, out var c, 0, ct)) text.Append(c).Append(' ');
                            else CollectConstantFragments(ValueFlow.Unwrap(operand, ct), text, depth + 1, ct);
                        }

                        return true;
                    default:
                        return false;
                }
            }

            public static string? NameOf(IOperation op)
            {
                switch (op)
                {
                    case ILocalReferenceOperation local: return local.Local.Name;
                    case IParameterReferenceOperation parameter: return parameter.Parameter.Name;
                    case IFieldReferenceOperation field: return field.Field.Name;
                    case IPropertyReferenceOperation property: return property.Property.Name;
                    case IInvocationOperation invocation: return invocation.TargetMethod.Name;
                    default: return null;
                }
            }

            public static IOperation Strip(IOperation op)
            {
                for (var i = 0; i < MaxDepth; i++)
                {
                    switch (op)
                    {
                        case IConversionOperation conversion:
                            op = conversion.Operand;
                            continue;
                        case IAwaitOperation awaited:
                            op = awaited.Operation;
                            continue;
                        case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: { } instance }:
                            op = instance;
                            continue;
                    }

                    break;
                }

                return op;
            }

            private static bool IsClearlyNotToken(ITypeSymbol? type)
            {
                if (type is null) return false;
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
                {
                    type = nullable.TypeArguments[0];
                }

                switch (type.SpecialType)
                {
                    case SpecialType.System_Boolean:
                    case SpecialType.System_Char:
                    case SpecialType.System_SByte:
                    case SpecialType.System_Byte:
                    case SpecialType.System_Int16:
                    case SpecialType.System_UInt16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_Int64:
                    case SpecialType.System_UInt64:
                    case SpecialType.System_Decimal:
                    case SpecialType.System_Single:
                    case SpecialType.System_Double:
                    case SpecialType.System_DateTime:
                        return true;
                }

                if (type.TypeKind == TypeKind.Enum) return true;
                if (NamespaceNames.Is(type.ContainingNamespace, "System") || NamespaceNames.Is(type.ContainingNamespace, "System.Threading"))
                {
                    switch (type.Name)
                    {
                        case "DateTimeOffset":
                        case "TimeSpan":
                        case "Guid":
                        case "DateOnly":
                        case "TimeOnly":
                        case "CancellationToken":
                            return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A type that is, or carries, a token: a token type of the identity libraries, a user type named
            /// after a token (TokenResponse, AuthTokenDto), or one with a Token/AccessToken/RefreshToken member.
            /// Framework types (CancellationToken, JToken, JsonElement) say nothing.
            /// </summary>
            private static bool TypeSaysToken(ITypeSymbol? type)
            {
                if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None) return false;
                if (named.TypeKind != TypeKind.Class && named.TypeKind != TypeKind.Struct && named.TypeKind != TypeKind.Interface) return false;
                var ns = named.ContainingNamespace;
                if (NamespaceNames.IsWithin(ns, "System.IdentityModel") || NamespaceNames.IsWithin(ns, "Microsoft.IdentityModel"))
                {
                    // JwtSecurityToken, JsonWebToken, SecurityToken
                    return named.Name.EndsWith("Token", System.StringComparison.Ordinal) || named.Name.EndsWith("Jwt", System.StringComparison.Ordinal);
                }

                if (IsFrameworkNamespace(ns)) return false;
                if (TokenLikeNames.ClassifyValueName(named.Name) == TokenVerdict.Token) return true;

                var current = named;
                for (var level = 0; current is not null && level < 5; level++, current = current.BaseType)
                {
                    if (current.SpecialType == SpecialType.System_Object) break;
                    foreach (var member in current.GetMembers())
                    {
                        if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public) continue;
                        if ((member is IPropertySymbol || member is IFieldSymbol) && TokenLikeNames.IsTokenMemberName(member.Name)) return true;
                    }
                }

                return false;
            }

            private static bool IsFrameworkNamespace(INamespaceSymbol? ns)
            {
                foreach (var root in FrameworkRoots)
                {
                    if (NamespaceNames.IsWithin(ns, root)) return true;
                }

                return false;
            }

            private static bool IsInSource(INamedTypeSymbol type)
            {
                foreach (var location in type.Locations)
                {
                    if (location.IsInSource) return true;
                }

                return false;
            }
        }

        /// <summary><c>eval</c> of a script that writes a token to browser storage.</summary>
        private static class Scripts
        {
            // Non-constant parts of the script are replaced by private-use characters, one per hole.
            private const char HoleBase = '\uE000';

            /// <summary>"localStorage"/"sessionStorage" when the script writes a token there, else null.</summary>
            public static string? TokenWriteIn(IOperation script, CancellationToken ct)
            {
                var text = new StringBuilder();
                var holes = new List<IOperation>();
                Build(script, text, holes, 0, ct);
                var s = text.ToString();
                foreach (var storage in Storages)
                {
                    var index = 0;
                    while ((index = s.IndexOf(storage, index, System.StringComparison.Ordinal)) >= 0)
                    {
                        var after = index + storage.Length;
                        index = after;
                        if (Matches(s, after, ".setItem(", out var open) && TryCall(s, open, out var key, out var value))
                        {
                            if (IsTokenWrite(s, key, value, holes, ct)) return storage;
                        }
                        else if (Matches(s, after, "[", out var bracket) && TryIndexAssignment(s, bracket, out key, out value))
                        {
                            if (IsTokenWrite(s, key, value, holes, ct)) return storage;
                        }
                    }
                }

                return null;
            }

            private static bool IsTokenWrite(string script, string key, string value, List<IOperation> holes, CancellationToken ct)
            {
                var keyVerdict = ClassifySegment(key, holes, isKey: true, ct);
                if (keyVerdict == TokenVerdict.NotToken) return false;
                var valueVerdict = ClassifySegment(value, holes, isKey: false, ct);
                if (valueVerdict == TokenVerdict.NotToken) return false;
                return keyVerdict == TokenVerdict.Token || keyVerdict == TokenVerdict.WeakToken || valueVerdict == TokenVerdict.Token;
            }

            private static TokenVerdict ClassifySegment(string segment, List<IOperation> holes, bool isKey, CancellationToken ct)
            {
                var trimmed = segment.Trim();
                if (trimmed.Length == 0) return TokenVerdict.Unknown;

                // A hole: the C# expression spliced into the script.
                var hole = SingleHole(trimmed, holes);
                if (hole is not null)
                {
                    return isKey ? Values.ClassifyKey(hole, ct) : Values.ClassifyValue(hole, 0, ct);
                }

                var verdict = TokenVerdict.Unknown;
                foreach (var c in trimmed)
                {
                    if (c >= HoleBase && c < HoleBase + holes.Count && !isKey)
                    {
                        // '{token}' quoted in the script, or a concatenation in JS: any spliced token counts.
                        if (Values.ClassifyValue(holes[c - HoleBase], 0, ct) == TokenVerdict.Token) return TokenVerdict.Token;
                    }
                }

                var unquoted = Unquote(trimmed, out var quoted);
                if (isKey)
                {
                    return quoted ? TokenLikeNames.ClassifyKey(unquoted) : TokenLikeNames.ClassifyKeyName(unquoted);
                }

                if (quoted && !ContainsHole(unquoted, holes.Count))
                {
                    return TokenLikeNames.IsJwtShaped(unquoted) ? TokenVerdict.Token : TokenVerdict.NotToken;
                }

                // A JS expression: accessToken, JSON.stringify(tokens), result.token
                var name = TokenLikeNames.ClassifyValueName(StripHoles(unquoted));
                return name == TokenVerdict.Token ? TokenVerdict.Token : verdict;
            }

            private static IOperation? SingleHole(string text, List<IOperation> holes)
            {
                var unquoted = Unquote(text, out _);
                if (unquoted.Length == 1 && unquoted[0] >= HoleBase && unquoted[0] < HoleBase + holes.Count) return holes[unquoted[0] - HoleBase];
                return null;
            }

            private static bool ContainsHole(string text, int count)
            {
                foreach (var c in text)
                {
                    if (c >= HoleBase && c < HoleBase + count) return true;
                }

                return false;
            }

            private static string StripHoles(string text)
            {
                var builder = new StringBuilder(text.Length);
                foreach (var c in text) builder.Append(c >= HoleBase ? ' ' : c);
                return builder.ToString();
            }

            private static string Unquote(string text, out bool quoted)
            {
                quoted = false;
                if (text.Length >= 2)
                {
                    var first = text[0];
                    if ((first == '\'' || first == '"' || first == '`') && text[text.Length - 1] == first)
                    {
                        quoted = true;
                        return text.Substring(1, text.Length - 2);
                    }
                }

                return text;
            }

            private static bool Matches(string s, int at, string expected, out int end)
            {
                end = at;
                while (end < s.Length && s[end] == ' ') end++;
                if (string.CompareOrdinal(s, end, expected, 0, expected.Length) != 0) return false;
                end += expected.Length;
                return true;
            }

            /// <summary>Splits "key, value)" at the first top-level comma, up to the closing parenthesis.</summary>
            private static bool TryCall(string s, int start, out string key, out string value)
            {
                key = value = string.Empty;
                var depth = 0;
                var comma = -1;
                char quote = '\0';
                for (var i = start; i < s.Length; i++)
                {
                    var c = s[i];
                    if (quote != '\0')
                    {
                        if (c == quote) quote = '\0';
                        continue;
                    }

                    switch (c)
                    {
                        case '\'':
                        case '"':
                        case '`':
                            quote = c;
                            break;
                        case '(':
                        case '[':
                        case '{':
                            depth++;
                            break;
                        case ')':
                        case ']':
                        case '}':
                            if (depth == 0)
                            {
                                if (comma < 0) return false;
                                key = s.Substring(start, comma - start);
                                value = s.Substring(comma + 1, i - comma - 1);
                                return true;
                            }

                            depth--;
                            break;
                        case ',':
                            if (depth == 0 && comma < 0) comma = i;
                            break;
                    }
                }

                return false;
            }

            /// <summary>"'key'] = value;" of <c>localStorage['key'] = value</c>.</summary>
            private static bool TryIndexAssignment(string s, int start, out string key, out string value)
            {
                key = value = string.Empty;
                var close = s.IndexOf(']', start);
                if (close < 0) return false;
                var equals = close + 1;
                while (equals < s.Length && s[equals] == ' ') equals++;
                if (equals >= s.Length || s[equals] != '=' || (equals + 1 < s.Length && s[equals + 1] == '=')) return false;
                var end = s.IndexOf(';', equals);
                if (end < 0) end = s.Length;
                key = s.Substring(start, close - start);
                value = s.Substring(equals + 1, end - equals - 1);
                return true;
            }

            private static void Build(IOperation op, StringBuilder text, List<IOperation> holes, int depth, CancellationToken ct)
            {
                if (ValueFlow.TryGetSingleConstant(op, out var constant, 0, ct))
                {
                    text.Append(constant);
                    return;
                }

                var unwrapped = ValueFlow.Unwrap(op, ct);
                if (depth < MaxDepth)
                {
                    switch (unwrapped)
                    {
                        case IInterpolatedStringOperation interpolated:
                            foreach (var part in interpolated.Parts)
                            {
                                if (part is IInterpolatedStringTextOperation t) text.Append(t.Text.ConstantValue.Value as string);
                                else if (part is IInterpolationOperation i) Build(i.Expression, text, holes, depth + 1, ct);
                            }

                            return;
                        case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                            Build(binary.LeftOperand, text, holes, depth + 1, ct);
                            Build(binary.RightOperand, text, holes, depth + 1, ct);
                            return;
                    }
                }

                if (holes.Count >= 0x1000)
                {
                    text.Append(' '); // a pathological script: the hole is left out, never mis-numbered
                    return;
                }

                text.Append((char)(HoleBase + holes.Count));
                holes.Add(op);
            }
        }
    }
}
