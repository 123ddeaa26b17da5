using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Refresh
{
    /// <summary>
    /// JWT050: a refresh token's value comes from <c>Guid.NewGuid()</c> or <c>System.Random</c>. The analysis starts
    /// at the places a refresh token is stored (a local, field, property or parameter named refresh token, the
    /// <c>Token</c>/<c>Value</c> member of a type named RefreshToken, the return value of a method or property named
    /// refresh token) and follows the value back through locals, string building, encoding, LINQ and helper methods
    /// of the compilation. A value mixed with a cryptographic source (RandomNumberGenerator and its subclasses) is
    /// not reported; neither are Guids stored as ids nor Random used for anything else. The diagnostic is placed on
    /// the generator, which is what the fix replaces.
    /// </summary>
    public sealed class PredictableRefreshTokenAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: what the fixer replaces (see the Kind* constants); absent when no honest fix exists.</summary>
        public const string KindProperty = "Kind";

        /// <summary><c>Guid.NewGuid().ToString(...)</c>, or a Guid formatted into a string: becomes a base64 string.</summary>
        public const string KindGuidString = "GuidString";

        /// <summary><c>Guid.NewGuid().ToByteArray()</c>: becomes <c>RandomNumberGenerator.GetBytes(64)</c>.</summary>
        public const string KindGuidBytes = "GuidBytes";

        /// <summary><c>random.Next(...)</c>: becomes <c>RandomNumberGenerator.GetInt32(...)</c>.</summary>
        public const string KindRandomNext = "RandomNext";

        /// <summary><c>random.NextBytes(buffer)</c>: becomes <c>RandomNumberGenerator.Fill(buffer)</c>.</summary>
        public const string KindRandomNextBytes = "RandomNextBytes";

        private const int MaxDepth = 8;

        private static readonly HashSet<string> NotTheTokenWords = new HashSet<string>
        {
            "id", "ids", "expiry", "expires", "expiration", "expire", "expired", "exp", "time", "lifetime", "date", "days",
            "hours", "minutes", "seconds", "count", "length", "size", "name", "type", "ttl", "duration", "validity", "created",
            "revoked", "used", "valid", "enabled", "options", "settings", "cookie", "key", "claim", "endpoint", "url", "family",
            "request", "response", "command", "handler", "service", "provider", "repository", "store", "dto", "model",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PredictableRefreshToken);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; refresh tokens are minted there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                // A refresh token without any token library referenced is out of scope: register nothing, cost nothing.
                if (!JwtSymbols.From(compilation).HasAnyTokenLibrary) return;
                var guid = TypeLookup.Get(compilation, "System.Guid");
                var random = TypeLookup.Get(compilation, "System.Random");
                if (guid is null && random is null) return;
                var state = new State(
                    compilation,
                    guid,
                    random,
                    TypeLookup.Get(compilation, "System.Security.Cryptography.RandomNumberGenerator"));
                // The analysis starts at each generator, so the diagnostic is local to the code being analysed
                // (the IDE computes it for the span on demand and the fix is offered there).
                // Gated by name: NewGuid and System.Random's own generator methods, and any "Next..." (a generator a
                // subclass of Random adds).
                var generatorNames = KeyedRegistration.Names("NewGuid");
                foreach (var member in state.Random?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
                {
                    if (member is IMethodSymbol && IsRandomGeneratorName(member.Name)) generatorNames.Add(member.Name);
                }

                start.RegisterInvocationAction(
                    generatorNames,
                    method => method.Name == "NewGuid" || (IsRandomGeneratorName(method.Name) && DerivesFrom(method.ContainingType, state.Random)),
                    c => AnalyzeGenerator(c, state),
                    static name => name.StartsWith("Next", System.StringComparison.Ordinal));
            });
        }

        /// <summary>Per-compilation state: the types, and the generators already reported (one sink or many lead to one).</summary>
        private sealed class State
        {
            public State(Compilation compilation, INamedTypeSymbol? guid, INamedTypeSymbol? random, INamedTypeSymbol? secureRandom)
            {
                Compilation = compilation;
                Guid = guid;
                Random = random;
                SecureRandom = secureRandom;
            }

            public Compilation Compilation { get; }
            public INamedTypeSymbol? Guid { get; }
            public INamedTypeSymbol? Random { get; }
            public INamedTypeSymbol? SecureRandom { get; }

            // Helpers are few and their callers are looked up once per compilation, not once per generator.
            private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IInvocationOperation>> _callers =
                new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IInvocationOperation>>(SymbolEqualityComparer.Default);

            public ImmutableArray<IInvocationOperation> CallersOf(IMethodSymbol method, CancellationToken cancellationToken)
            {
                if (_callers.TryGetValue(method, out var known)) return known;
                var found = FindCallers(method, cancellationToken);
                return _callers.GetOrAdd(method, found);
            }

            private ImmutableArray<IInvocationOperation> FindCallers(IMethodSymbol method, CancellationToken cancellationToken)
            {
                var builder = ImmutableArray.CreateBuilder<IInvocationOperation>();
                foreach (var tree in Compilation.SyntaxTrees)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    SemanticModel? model = null;
                    foreach (var call in CallSearch.InvocationsNamed(tree, method.Name, cancellationToken))
                    {
#pragma warning disable RS1030 // The callers of a helper that produces a predictable value live in other files; a model is built only for a file that calls it, once per compilation.
                        model ??= Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        if (model.GetOperation(call, cancellationToken) is IInvocationOperation operation
                            && SymbolEqualityComparer.Default.Equals(operation.TargetMethod.OriginalDefinition, method))
                        {
                            builder.Add(operation);
                        }
                    }
                }

                return builder.ToImmutable();
            }
        }

        // ---- From a generator to the refresh tokens it feeds ----

        private static void AnalyzeGenerator(OperationAnalysisContext context, State state)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            // Cheap name filter first: only Guid.NewGuid and Random's Next*/Get* generators can start a walk below.
            var name = method.Name;
            if (name != "NewGuid" && !IsRandomGeneratorName(name)) return;
            if (name != "NewGuid" && !DerivesFrom(method.ContainingType, state.Random)) return;
            if (IsTestCode(context.ContainingSymbol)) return;
            // A generator call that is itself mangled (`Guid.NewGuid(.`) is code being typed: silence, not a guess.
            if (invocation.Syntax.ContainsDiagnostics) return;
            var walker = new ForwardWalker(state, context.ContainingSymbol, context.CancellationToken);
            if (method.Name == "NewGuid" && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, state.Guid))
            {
                walker.From(invocation, 0);
            }
            else if (!method.IsStatic && DerivesFrom(method.ContainingType, state.Random) && IsRandomGeneratorName(method.Name))
            {
                if (!method.ReturnsVoid)
                {
                    walker.From(invocation, 0);
                }
                else if (method.Name == "NextBytes")
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (Strip(argument.Value) is ILocalReferenceOperation buffer) walker.FromLocal(buffer.Local, ValueFlow.Root(invocation), 0);
                    }
                }
            }
            else
            {
                return;
            }

            foreach (var sink in walker.Sinks)
            {
                // Confirm from the sink backwards: the same generator, and no cryptographic source mixed in.
                var tracer = new Tracer(state, context.CancellationToken);
                tracer.Trace(sink, 0);
                if (tracer.HasSecureSource || !tracer.Contains(invocation)) continue;

                var report = Describe(invocation, state, out var kind, out var source);
                if (report.Syntax.ContainsDiagnostics) return;
                var properties = kind is null
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.PredictableRefreshToken, report.Syntax.GetLocation(), properties, source));
                return;
            }
        }

        // A unit test that makes up a refresh token as a fixture value mints nothing.
        private static readonly HashSet<string> TestAttributes = new HashSet<string>
        {
            "Fact", "Theory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod", "TestClass", "TestFixture",
            "SetUp", "OneTimeSetUp", "TestInitialize", "ClassInitialize",
        };

        private static bool IsTestCode(ISymbol? symbol)
        {
            for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    var name = attribute.AttributeClass?.Name;
                    if (name is null) continue;
                    if (name.EndsWith("Attribute", System.StringComparison.Ordinal)) name = name.Substring(0, name.Length - "Attribute".Length);
                    if (TestAttributes.Contains(name)) return true;
                }

                if (current is INamedTypeSymbol type && (type.Name.EndsWith("Tests", System.StringComparison.Ordinal) || type.Name.EndsWith("Test", System.StringComparison.Ordinal))) return true;
            }

            return false;
        }

        // Next, NextInt64, NextDouble, NextBytes, GetItems, GetString, GetHexString: everything Random produces.
        private static bool IsRandomGeneratorName(string name)
            => name.StartsWith("Next", System.StringComparison.Ordinal) || (name.StartsWith("Get", System.StringComparison.Ordinal) && name != "GetType" && name != "GetHashCode");

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null) return false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
            }

            return false;
        }

        /// <summary>
        /// Follows a value forward (into strings, encodings, locals, returns and the callers of helper methods) and
        /// collects the refresh-token destinations it reaches.
        /// </summary>
        private sealed class ForwardWalker
        {
            private const int Budget = 400;
            private readonly State _state;
            private readonly ISymbol _containingSymbol;
            private readonly CancellationToken _cancellationToken;
            // A list, not a hash set: the walk is bounded by its budget, and profiles of the full benchmark found this
            // rule's threads stalled in the runtime call that hashes an operation by identity for the first time.
            private readonly List<IOperation> _visited = new List<IOperation>();
            private readonly HashSet<ISymbol> _visitedSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private int _steps;

            public ForwardWalker(State state, ISymbol containingSymbol, CancellationToken cancellationToken)
            {
                _state = state;
                _containingSymbol = containingSymbol;
                _cancellationToken = cancellationToken;
            }

            /// <summary>The values stored into refresh tokens.</summary>
            public List<IOperation> Sinks { get; } = new List<IOperation>();

            // A refresh token is a string, bytes or a Guid; "isRefreshToken = rnd.Next() == 0" stores no token.
            private void AddSink(IOperation value)
            {
                if (IsTokenValueType(value.Type)) Sinks.Add(value);
            }

            private bool Visit(IOperation operation)
            {
                foreach (var visited in _visited)
                {
                    if (ReferenceEquals(visited, operation)) return false;
                }

                _visited.Add(operation);
                return true;
            }

            public void From(IOperation operation, int depth)
            {
                if (depth > 2 * MaxDepth || ++_steps > Budget || !Visit(operation)) return;
                _cancellationToken.ThrowIfCancellationRequested();
                var current = operation;
                var parent = current.Parent;
                while (parent is IConversionOperation or IParenthesizedOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                switch (parent)
                {
                    case null:
                        return;
                    case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                        if (invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty && Tracer.IsTransparent(invocation.TargetMethod)) From(invocation, depth + 1);
                        return;
                    case IArgumentOperation argument:
                        FromArgument(argument, depth);
                        return;
                    case IBinaryOperation:
                    case IUnaryOperation:
                    case IInterpolationOperation:
                    case IInterpolatedStringOperation:
                    case IAwaitOperation:
                    case ICoalesceOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation:
                    case IDelegateCreationOperation:
                        From(parent, depth + 1);
                        return;
                    case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, current):
                        From(parent, depth + 1);
                        return;
                    case IArrayElementReferenceOperation element when !ReferenceEquals(element.ArrayReference, current):
                        From(parent, depth + 1);
                        return;
                    case IReturnOperation @return:
                        FromReturn(@return, depth);
                        return;
                    case ITupleOperation tuple:
                        FromTupleElement(tuple, current);
                        return;
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                        Store(assignment.Target, assignment.Value, depth);
                        return;
                    case ICompoundAssignmentOperation compound when ReferenceEquals(compound.Value, current):
                        Store(compound.Target, compound.Value, depth);
                        return;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } initializer:
                        if (IsRefreshTokenName(declarator.Symbol.Name)) AddSink(initializer.Value);
                        else FromLocal(declarator.Symbol, ValueFlow.Root(declarator), depth + 1);
                        return;
                    case IFieldInitializerOperation fieldInitializer:
                        if (AnyRefreshTokenName(fieldInitializer.InitializedFields)) AddSink(fieldInitializer.Value);
                        return;
                    case IPropertyInitializerOperation propertyInitializer:
                        if (AnyRefreshTokenName(propertyInitializer.InitializedProperties)) AddSink(propertyInitializer.Value);
                        return;
                }
            }

            /// <summary>
            /// <c>return (jwt, Guid.NewGuid().ToString());</c> from a method returning <c>(string AccessToken, string RefreshToken)</c>,
            /// or <c>(AccessToken: jwt, RefreshToken: ...)</c>: the element's name comes from the literal or from the
            /// tuple type it is converted to.
            /// </summary>
            private void FromTupleElement(ITupleOperation tuple, IOperation element)
            {
                var index = tuple.Elements.IndexOf(element);
                if (index < 0) return;
                if (IsRefreshTokenElement(tuple.Type, index))
                {
                    AddSink(element);
                    return;
                }

                IOperation? parent = tuple.Parent;
                while (parent is IConversionOperation or IParenthesizedOperation)
                {
                    if (parent is IConversionOperation conversion && IsRefreshTokenElement(conversion.Type, index))
                    {
                        AddSink(element);
                        return;
                    }

                    parent = parent.Parent;
                }
            }

            private static bool IsRefreshTokenElement(ITypeSymbol? type, int index)
                => type is INamedTypeSymbol { IsTupleType: true } tupleType
                   && index < tupleType.TupleElements.Length
                   && IsRefreshTokenName(tupleType.TupleElements[index].Name);

            private void FromArgument(IArgumentOperation argument, int depth)
            {
                if (argument.Parameter is { } parameter && IsRefreshTokenParameter(parameter))
                {
                    AddSink(argument.Value);
                    return;
                }

                switch (argument.Parent)
                {
                    case IInvocationOperation invocation when invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty:
                        if (Tracer.IsTransparent(invocation.TargetMethod)) From(invocation, depth + 1);
                        // builder.Append(x): x is now part of the builder
                        if (invocation.Instance is ILocalReferenceOperation builder && Tracer.IsBuffer(builder.Local.Type))
                        {
                            FromLocal(builder.Local, ValueFlow.Root(invocation), depth + 1);
                        }

                        return;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                        From(indexer, depth + 1);
                        return;
                    case IObjectCreationOperation creation when Tracer.IsStringBuilding(creation.Type):
                        From(creation, depth + 1);
                        return;
                }
            }

            private void Store(IOperation target, IOperation value, int depth)
            {
                if (IsRefreshTokenTarget(target))
                {
                    AddSink(value);
                    return;
                }

                switch (target)
                {
                    case ILocalReferenceOperation local:
                        FromLocal(local.Local, ValueFlow.Root(target), depth + 1);
                        return;
                    case IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array }:
                        FromLocal(array.Local, ValueFlow.Root(target), depth + 1);
                        return;
                }
            }

            /// <summary>Every read of the local in its method continues the walk.</summary>
            public void FromLocal(ILocalSymbol local, IOperation root, int depth)
            {
                if (!_visitedSymbols.Add(local)) return;
                foreach (var descendant in ValueFlow.DescendantsOf(root))
                {
                    if (descendant is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && !IsWriteTarget(reference))
                    {
                        From(reference, depth + 1);
                    }
                }
            }

            private static bool IsWriteTarget(IOperation reference)
                => reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference);

            private void FromReturn(IReturnOperation @return, int depth)
            {
                var returned = @return.ReturnedValue;
                if (returned is null) return;
                for (var parent = @return.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation lambda)
                    {
                        From(lambda, depth + 1);
                        return;
                    }

                    if (parent is ILocalFunctionOperation localFunction)
                    {
                        if (IsRefreshTokenName(localFunction.Symbol.Name) && IsTokenValueType(returned.Type))
                        {
                            AddSink(returned);
                            return;
                        }

                        FromCallersIn(ValueFlow.Root(localFunction), localFunction.Symbol, depth);
                        return;
                    }
                }

                var owner = @return.SemanticModel?.GetEnclosingSymbol(@return.Syntax.SpanStart, _cancellationToken) ?? _containingSymbol;
                var name = owner is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } ? property.Name : owner.Name;
                if (IsRefreshTokenName(name) && IsTokenValueType(returned.Type))
                {
                    AddSink(returned);
                    return;
                }

                if (owner is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && IsHelperValueType(UnwrapTask(method.ReturnType))) FromCallers(method, depth);
            }

            private void FromCallersIn(IOperation root, IMethodSymbol method, int depth)
            {
                foreach (var descendant in ValueFlow.DescendantsOf(root))
                {
                    if (descendant is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                    {
                        From(call, depth + 1);
                    }
                }
            }

            /// <summary>The callers of a helper anywhere in the compilation.</summary>
            private void FromCallers(IMethodSymbol method, int depth)
            {
                if (depth > MaxDepth || !_visitedSymbols.Add(method.OriginalDefinition)) return;
                foreach (var call in _state.CallersOf(method.OriginalDefinition, _cancellationToken))
                {
                    From(call, depth + 1);
                }
            }
        }

        private static bool IsRefreshTokenTarget(IOperation target)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    return IsRefreshTokenName(local.Local.Name);
                case IParameterReferenceOperation parameter:
                    return IsRefreshTokenName(parameter.Parameter.Name);
                case IFieldReferenceOperation field:
                    return IsRefreshTokenName(field.Field.Name);
                case IPropertyReferenceOperation property:
                    if (IsRefreshTokenName(property.Property.Name)) return true;
                    if (!IsTokenMemberName(property.Property.Name)) return false;
                    // new RefreshToken { Token = ... } / refreshToken.Token = ...
                    if (IsRefreshTokenName(property.Property.ContainingType?.Name)) return true;
                    return property.Instance switch
                    {
                        ILocalReferenceOperation local => IsRefreshTokenName(local.Local.Name),
                        IFieldReferenceOperation field => IsRefreshTokenName(field.Field.Name),
                        IParameterReferenceOperation parameter => IsRefreshTokenName(parameter.Parameter.Name),
                        IPropertyReferenceOperation owner => IsRefreshTokenName(owner.Property.Name),
                        _ => false,
                    };
                default:
                    return false;
            }
        }

        private static bool IsRefreshTokenParameter(IParameterSymbol parameter)
        {
            if (IsRefreshTokenName(parameter.Name)) return true;
            if (!IsTokenMemberName(parameter.Name)) return false;
            // new RefreshToken(token: ...), SaveRefreshToken(userId, token)
            var method = parameter.ContainingSymbol as IMethodSymbol;
            if (method is null) return false;
            return method.MethodKind == MethodKind.Constructor
                ? IsRefreshTokenName(method.ContainingType?.Name)
                : IsRefreshTokenName(method.Name);
        }

        private static bool AnyRefreshTokenName<TSymbol>(ImmutableArray<TSymbol> symbols)
            where TSymbol : ISymbol
        {
            foreach (var symbol in symbols)
            {
                if (IsRefreshTokenName(symbol.Name)) return true;
            }

            return false;
        }

        private static ITypeSymbol UnwrapTask(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : type;

        // A helper whose result can be part of a token: strings, bytes, Guids, characters and numbers.
        private static bool IsHelperValueType(ITypeSymbol type)
            => IsTokenValueType(type) || type.SpecialType is SpecialType.System_Char or SpecialType.System_Int32 or SpecialType.System_Int64;

        private static bool IsTokenValueType(ITypeSymbol? type)
            => type is not null
               && (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol || (type.Name == "Guid" && type.ContainingNamespace?.Name == "System"));

        private static bool IsTokenMemberName(string name) => name is "Token" or "token" or "Value" or "value" or "TokenValue" or "tokenValue" or "TokenString" or "tokenString";

        /// <summary>"RefreshToken", "refresh_token", "_refreshToken", "GenerateRefreshTokenAsync"; not "RefreshTokenId", "RefreshTokenExpiry".</summary>
        internal static bool IsRefreshTokenName(string? name)
        {
            if (name is null) return false;
            var words = Words.Split(name);
            for (var i = 0; i < words.Count; i++)
            {
                int after;
                if (words[i] == "refreshtoken" || words[i] == "refreshtokens") after = i + 1;
                else if (words[i] == "refresh" && i + 1 < words.Count && (words[i + 1] == "token" || words[i + 1] == "tokens")) after = i + 2;
                else continue;

                for (var j = after; j < words.Count; j++)
                {
                    if (NotTheTokenWords.Contains(words[j])) return false;
                }

                return true;
            }

            return false;
        }

        // ---- The generator and its fix shape ----

        private static IOperation Describe(IInvocationOperation generator, State state, out string? kind, out string source)
        {
            kind = null;
            var method = generator.TargetMethod;
            if (method.Name == "NewGuid" && SymbolEqualityComparer.Default.Equals(method.ContainingType, state.Guid))
            {
                source = "'Guid.NewGuid()'";
                IOperation current = generator;
                if (current.Parent is IInvocationOperation { TargetMethod.Name: "ToString" or "ToByteArray" } call && ReferenceEquals(call.Instance, current))
                {
                    kind = call.TargetMethod.Name == "ToString" ? KindGuidString : KindGuidBytes;
                    return call;
                }

                // A Guid formatted into a string ($"{Guid.NewGuid()}", "x" + Guid.NewGuid()) can become any string.
                var parent = current.Parent;
                if (parent is IConversionOperation { Type.SpecialType: SpecialType.System_Object or SpecialType.System_String } conversion)
                {
                    parent = conversion.Parent;
                    if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }) kind = KindGuidString;
                }

                if (parent is IInterpolationOperation { Alignment: null, FormatString: null }) kind = KindGuidString;
                return generator;
            }

            source = "'System.Random'";
            if (method.Name == "Next" && method.Parameters.Length <= 2) kind = KindRandomNext;
            if (method.Name == "NextBytes" && method.Parameters.Length == 1) kind = KindRandomNextBytes;
            return generator;
        }

        // ---- Following the value back ----

        private sealed class Tracer
        {
            private readonly State _state;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<IOperation> _visited = new HashSet<IOperation>();
            private readonly HashSet<ISymbol> _visitedSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Tracer(State state, CancellationToken cancellationToken)
            {
                _state = state;
                _cancellationToken = cancellationToken;
            }

            public List<IInvocationOperation> Generators { get; } = new List<IInvocationOperation>();

            public bool HasSecureSource { get; private set; }

            /// <summary>True when the generator was reached (compared by syntax: the models may differ).</summary>
            public bool Contains(IInvocationOperation generator)
            {
                foreach (var found in Generators)
                {
                    if (found.Syntax.SyntaxTree == generator.Syntax.SyntaxTree && found.Syntax.Span == generator.Syntax.Span) return true;
                }

                return false;
            }

            public void Trace(IOperation? operation, int depth)
            {
                if (operation is null || depth > MaxDepth || HasSecureSource || !_visited.Add(operation)) return;
                _cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IConversionOperation conversion:
                        Trace(conversion.Operand, depth);
                        return;
                    case IParenthesizedOperation parenthesized:
                        Trace(parenthesized.Operand, depth);
                        return;
                    case IInvocationOperation invocation:
                        TraceInvocation(invocation, depth);
                        return;
                    case ILocalReferenceOperation local:
                        TraceLocal(local, depth);
                        return;
                    case IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                        var unwrapped = ValueFlow.Unwrap(operation, _cancellationToken);
                        if (!ReferenceEquals(unwrapped, operation)) Trace(unwrapped, depth + 1);
                        return;
                    case IPropertyReferenceOperation indexer:
                        // alphabet[random.Next(alphabet.Length)]: the index decides the character.
                        foreach (var argument in indexer.Arguments) Trace(argument.Value, depth + 1);
                        return;
                    case IArrayElementReferenceOperation element:
                        foreach (var index in element.Indices) Trace(index, depth + 1);
                        return;
                    case IBinaryOperation binary:
                        Trace(binary.LeftOperand, depth + 1);
                        Trace(binary.RightOperand, depth + 1);
                        return;
                    case IUnaryOperation unary:
                        Trace(unary.Operand, depth + 1);
                        return;
                    case IConditionalOperation conditional:
                        Trace(conditional.WhenTrue, depth + 1);
                        Trace(conditional.WhenFalse, depth + 1);
                        return;
                    case ICoalesceOperation coalesce:
                        Trace(coalesce.Value, depth + 1);
                        Trace(coalesce.WhenNull, depth + 1);
                        return;
                    case IAwaitOperation await:
                        Trace(await.Operation, depth + 1);
                        return;
                    case IInterpolatedStringOperation interpolated:
                        foreach (var part in interpolated.Parts)
                        {
                            if (part is IInterpolationOperation interpolation) Trace(interpolation.Expression, depth + 1);
                        }

                        return;
                    case IObjectCreationOperation creation when IsStringBuilding(creation.Type):
                        foreach (var argument in creation.Arguments) Trace(argument.Value, depth + 1);
                        return;
                    case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                        foreach (var element in arrayInitializer.ElementValues) Trace(element, depth + 1);
                        return;
                    case IDelegateCreationOperation delegateCreation:
                        Trace(delegateCreation.Target, depth + 1);
                        return;
                    case IAnonymousFunctionOperation lambda:
                        TraceReturns(lambda.Body, depth + 1);
                        return;
                    case IMethodReferenceOperation methodReference:
                        TraceSourceMethod(methodReference.Method, operation, depth + 1);
                        return;
                }
            }

            private void TraceInvocation(IInvocationOperation invocation, int depth)
            {
                var method = invocation.TargetMethod;
                var type = method.ContainingType;
                if (DerivesFrom(type, _state.SecureRandom))
                {
                    HasSecureSource = true;
                    return;
                }

                if (method.Name == "NewGuid" && SymbolEqualityComparer.Default.Equals(type, _state.Guid))
                {
                    Generators.Add(invocation);
                    return;
                }

                if (DerivesFrom(type, _state.Random) && !method.IsStatic && !method.ReturnsVoid && IsRandomGeneratorName(method.Name))
                {
                    Generators.Add(invocation);
                    return;
                }

                if (!method.DeclaringSyntaxReferences.IsEmpty)
                {
                    // A helper of this compilation: the token is what it returns.
                    TraceSourceMethod(method, invocation, depth + 1);
                    return;
                }

                if (!IsTransparent(method)) return;
                Trace(invocation.Instance, depth + 1);
                foreach (var argument in invocation.Arguments) Trace(argument.Value, depth + 1);
            }

            private void TraceSourceMethod(IMethodSymbol method, IOperation from, int depth)
            {
                method = method.PartialImplementationPart ?? method;
                if (depth > MaxDepth || method.DeclaringSyntaxReferences.Length != 1 || !_visitedSymbols.Add(method.OriginalDefinition)) return;
                var model = from.SemanticModel;
                if (model is null) return;
                var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
                if (syntax.SyntaxTree != model.SyntaxTree)
                {
                    if (!_state.Compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return;
#pragma warning disable RS1030 // A helper in another file needs that file's model; only built for a helper that a refresh-token value comes from.
                    model = _state.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                }

                var body = model.GetOperation(syntax, _cancellationToken);
                if (body is null) return;
                TraceReturns(body, depth);
            }

            private void TraceReturns(IOperation body, int depth)
            {
                foreach (var descendant in ValueFlow.DescendantsOf(body))
                {
                    if (descendant is IReturnOperation { ReturnedValue: { } returned } && BelongsTo(descendant, body)) Trace(returned, depth);
                }
            }

            /// <summary>True when the return belongs to <paramref name="body"/> itself, not to a lambda or local function inside it.</summary>
            private static bool BelongsTo(IOperation operation, IOperation body)
            {
                for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, body); parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return false;
                }

                return true;
            }

            private void TraceLocal(ILocalReferenceOperation reference, int depth)
            {
                var local = reference.Local;
                if (!_visitedSymbols.Add(local)) return;
                var root = ValueFlow.Root(reference);
                var isBuffer = IsBuffer(local.Type);
                foreach (var descendant in ValueFlow.DescendantsOf(root))
                {
                    switch (descendant)
                    {
                        case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                            Trace(initializer.Value, depth + 1);
                            break;
                        case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                            Trace(assignment.Value, depth + 1);
                            break;
                        case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                            Trace(compound.Value, depth + 1);
                            break;
                        case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } elementAssignment when isBuffer && IsLocal(element.ArrayReference, local):
                            Trace(elementAssignment.Value, depth + 1);
                            break;
                        case IInvocationOperation invocation when isBuffer:
                            TraceBufferUse(invocation, local, depth);
                            break;
                    }
                }
            }

            /// <summary>random.NextBytes(buffer), rng.GetBytes(buffer), builder.Append(...), chars.Add(...).</summary>
            private void TraceBufferUse(IInvocationOperation invocation, ILocalSymbol local, int depth)
            {
                var method = invocation.TargetMethod;
                if (IsLocal(invocation.Instance, local))
                {
                    if (method.Name.StartsWith("Append", System.StringComparison.Ordinal) || method.Name is "Insert" or "Add")
                    {
                        foreach (var argument in invocation.Arguments) Trace(argument.Value, depth + 1);
                    }

                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (!IsLocal(argument.Value, local)) continue;
                    if (DerivesFrom(method.ContainingType, _state.SecureRandom))
                    {
                        HasSecureSource = true;
                    }
                    else if (DerivesFrom(method.ContainingType, _state.Random) && method.Name == "NextBytes")
                    {
                        Generators.Add(invocation);
                    }
                }
            }

            private static bool IsLocal(IOperation? operation, ILocalSymbol local)
            {
                while (operation is IConversionOperation conversion) operation = conversion.Operand;
                return operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
            }

            internal static bool IsBuffer(ITypeSymbol type)
                => type is IArrayTypeSymbol
                   || (type.Name is "Span" or "StringBuilder" or "List" && (NamespaceNames.Is(type.ContainingNamespace, "System") || NamespaceNames.Is(type.ContainingNamespace, "System.Text") || NamespaceNames.Is(type.ContainingNamespace, "System.Collections.Generic")));

            internal static bool IsStringBuilding(ITypeSymbol? type)
                => type is not null && (type.SpecialType == SpecialType.System_String || (type.Name == "StringBuilder" && NamespaceNames.Is(type.ContainingNamespace, "System.Text")));

            /// <summary>Library methods whose result is a re-encoding of their inputs (a predictable input stays predictable).</summary>
            internal static bool IsTransparent(IMethodSymbol method)
            {
                var type = method.ContainingType;
                if (type is null) return false;
                switch (type.SpecialType)
                {
                    case SpecialType.System_String:
                    case SpecialType.System_Object:
                    case SpecialType.System_Char:
                    case SpecialType.System_Int32:
                    case SpecialType.System_Int64:
                        return true;
                }

                var ns = type.ContainingNamespace;
                switch (type.Name)
                {
                    case "Guid":
                    case "Convert":
                    case "BitConverter":
                    case "Math":
                    case "Array":
                    case "MemoryExtensions":
                        return NamespaceNames.Is(ns, "System");
                    case "StringBuilder":
                    case "Encoding":
                    case "UTF8Encoding":
                    case "ASCIIEncoding":
                        return NamespaceNames.Is(ns, "System.Text");
                    case "Enumerable":
                        return NamespaceNames.Is(ns, "System.Linq");
                    case "Base64UrlEncoder":
                        return NamespaceNames.Is(ns, "Microsoft.IdentityModel.Tokens");
                    case "WebEncoders":
                    case "Base64UrlTextEncoder":
                        return NamespaceNames.Is(ns, "Microsoft.AspNetCore.WebUtilities") || NamespaceNames.Is(ns, "Microsoft.AspNetCore.Authentication");
                    case "SHA256":
                    case "SHA512":
                    case "SHA1":
                    case "MD5":
                    case "HashAlgorithm":
                        return NamespaceNames.Is(ns, "System.Security.Cryptography");
                    default:
                        return false;
                }
            }

            private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
            {
                if (baseType is null) return false;
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
                }

                return false;
            }
        }
    }
}
