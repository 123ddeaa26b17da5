using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// JWT006: a validation delegate of TokenValidationParameters whose every path accepts. The delegate is a
    /// lambda, an anonymous method, a local function or a method of the same file (not virtual), reached through
    /// conversions, <c>new XValidator(...)</c>, locals and the branches of <c>?:</c>/<c>??</c>. "Accepts" depends on
    /// what the delegate returns:
    /// <list type="bullet">
    /// <item>bool (Lifetime, Audience, IssuerSigningKey, TokenReplay, Algorithm validators): the constant <c>true</c>;</item>
    /// <item>string (Issuer, Type validators): the first (issuer/type) parameter unchanged, or a constant string;</item>
    /// <item>SecurityToken (Signature validators): a token parsed from the raw token string without checking its
    /// signature (<c>new JsonWebToken(token)</c>, <c>new JwtSecurityToken(token)</c>, <c>handler.ReadJwtToken(token)</c>).</item>
    /// </list>
    /// A body that throws, or calls anything other than logging (which may throw or decide), really checks and is
    /// not reported.
    /// </summary>
    public sealed class AcceptAllValidatorAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxSources = 4;

        /// <summary>The delegate properties of TokenValidationParameters; also the name gate of the assignment handler.</summary>
        private static readonly HashSet<string> ValidatorNames = KeyedRegistration.Names(
            "LifetimeValidator",
            "AudienceValidator",
            "IssuerValidator",
            "IssuerValidatorUsingConfiguration",
            "SignatureValidator",
            "SignatureValidatorUsingConfiguration",
            "IssuerSigningKeyValidator",
            "IssuerSigningKeyValidatorUsingConfiguration",
            "TokenReplayValidator",
            "AlgorithmValidator",
            "TypeValidator");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.AcceptAllValidator);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var tvp = TypeLookup.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.TokenValidationParameters");
                if (tvp is null) return; // library absent: no cost
                var securityToken = TypeLookup.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.SecurityToken");
                var tokenTypes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var name in new[]
                {
                    "Microsoft.IdentityModel.JsonWebTokens.JsonWebToken",
                    "System.IdentityModel.Tokens.Jwt.JwtSecurityToken",
                })
                {
                    if (TypeLookup.Get(start.Compilation, name) is { } t) tokenTypes.Add(t);
                }

                var handlerTypes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var name in new[]
                {
                    "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler",
                    "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler",
                    "Microsoft.IdentityModel.Tokens.TokenHandler",
                })
                {
                    if (TypeLookup.Get(start.Compilation, name) is { } t) handlerTypes.Add(t);
                }

                var known = new KnownTypes(tvp, securityToken, tokenTypes.ToImmutable(), handlerTypes.ToImmutable(),
                    TypeLookup.Get(start.Compilation, "Microsoft.Extensions.Logging.ILogger"));
                start.RegisterPropertyAssignmentAction(ValidatorNames, property => ValidatorNames.Contains(property.Name) && InheritsFrom(property.ContainingType, known.TokenValidationParameters), c => Analyze(c, known));
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownTypes known)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target) return;
            var property = target.Property.OriginalDefinition;
            if (!ValidatorNames.Contains(property.Name) || !InheritsFrom(property.ContainingType, known.TokenValidationParameters)) return;
            if (property.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke }) return;

            var kind = KindOf(invoke, known);
            if (kind == Kind.None) return;

            var sources = ValueFlow.Sources(assignment.Value, context.CancellationToken);
            if (sources.IsEmpty || sources.Length > MaxSources) return;
            foreach (var source in sources)
            {
                if (!AcceptsEverything(source, kind, invoke, known, context.CancellationToken)) return;
            }

            if (EnvironmentGuard.IsDevelopmentOnly(assignment)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AcceptAllValidator, target.Syntax.GetLocation(), property.Name));
        }

        private static Kind KindOf(IMethodSymbol invoke, KnownTypes known)
        {
            if (invoke.Parameters.IsEmpty) return Kind.None;
            switch (invoke.ReturnType.SpecialType)
            {
                case SpecialType.System_Boolean:
                    return Kind.ReturnsTrue;
                case SpecialType.System_String:
                    return invoke.Parameters[0].Type.SpecialType == SpecialType.System_String ? Kind.ReturnsInput : Kind.None;
                default:
                    return known.SecurityToken is not null
                        && SymbolEqualityComparer.Default.Equals(invoke.ReturnType, known.SecurityToken)
                        && invoke.Parameters[0].Type.SpecialType == SpecialType.System_String
                        ? Kind.ReturnsUncheckedToken
                        : Kind.None;
            }
        }

        private static bool AcceptsEverything(IOperation source, Kind kind, IMethodSymbol invoke, KnownTypes known, CancellationToken cancellationToken)
        {
            // new LifetimeValidator(...) and method groups are delegate creations; lambdas may appear bare.
            var value = source;
            if (value is IDelegateCreationOperation creation) value = ValueFlow.Unwrap(creation.Target, cancellationToken);

            IOperation? body;
            ImmutableArray<IParameterSymbol> parameters;
            switch (value)
            {
                case IAnonymousFunctionOperation lambda:
                    body = lambda.Body;
                    parameters = lambda.Symbol.Parameters;
                    break;
                case IMethodReferenceOperation reference:
                    body = BodyOf(reference.Method, reference, cancellationToken);
                    parameters = reference.Method.Parameters;
                    break;
                default:
                    return false;
            }

            // A lambda or method that does not fit the delegate is a compile error, not a validator.
            if (body is null || parameters.IsEmpty || parameters.Length != invoke.Parameters.Length) return false;
            return EveryPathAccepts(body, kind, parameters[0], known, cancellationToken);
        }

        /// <summary>The body of a local function or of a non-virtual method declared in the same file.</summary>
        private static IOperation? BodyOf(IMethodSymbol method, IOperation reference, CancellationToken cancellationToken)
        {
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.PartialImplementationPart is not null) return null;
            if (method.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model) return null;
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            // Only the file being analysed: other files would need another semantic model (RS1030).
            if (syntax.SyntaxTree != model.SyntaxTree) return null;
            switch (model.GetOperation(syntax, cancellationToken))
            {
                case ILocalFunctionOperation local:
                    return (IOperation?)local.Body ?? local.IgnoredBody;
                case IMethodBodyOperation body:
                    return (IOperation?)body.BlockBody ?? body.ExpressionBody;
                default:
                    return null;
            }
        }

        private static bool EveryPathAccepts(IOperation body, Kind kind, IParameterSymbol input, KnownTypes known, CancellationToken cancellationToken)
        {
            var returns = new List<IReturnOperation>();
            var invocations = new List<IInvocationOperation>();
            if (!Collect(body, returns, invocations, cancellationToken)) return false;
            if (returns.Count == 0) return false;

            var accepted = new HashSet<IOperation>();
            foreach (var ret in returns)
            {
                if (ret.ReturnedValue is not { } returned) return false;
                if (!Accepts(returned, kind, input, known, accepted, cancellationToken)) return false;
            }

            // Any other call may decide (and throw): only logging is known not to.
            foreach (var invocation in invocations)
            {
                if (!accepted.Contains(invocation) && !IsLogging(invocation, known)) return false;
            }

            return true;
        }

        /// <summary>Gathers returns and calls of the body itself (not of nested functions); false when it throws.</summary>
        private static bool Collect(IOperation body, List<IReturnOperation> returns, List<IInvocationOperation> invocations, CancellationToken cancellationToken)
        {
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = stack.Pop();
                switch (current)
                {
                    case IThrowOperation:
                        return false;
                    case IInvalidOperation:
                        return false;
                    case IAwaitOperation:
                        return false;
                    case IReturnOperation { Kind: OperationKind.Return } ret:
                        returns.Add(ret);
                        break;
                    case IReturnOperation:
                        return false; // yield: not a validator
                    case IInvocationOperation invocation:
                        invocations.Add(invocation);
                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue; // nested functions run only if called, and a call is already an invocation
                }

                foreach (var child in current.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return true;
        }

        private static bool Accepts(IOperation returned, Kind kind, IParameterSymbol input, KnownTypes known, HashSet<IOperation> accepted, CancellationToken cancellationToken)
        {
            var sources = ValueFlow.Sources(returned, cancellationToken);
            if (sources.IsEmpty) return false;
            foreach (var source in sources)
            {
                switch (kind)
                {
                    case Kind.ReturnsTrue:
                        if (!(ValueFlow.TryGetSingleConstant(source, out var b, 0, cancellationToken) && b is bool v && v)) return false;
                        break;
                    case Kind.ReturnsInput:
                        if (IsParameter(source, input)) break;
                        if (ValueFlow.TryGetSingleConstant(source, out var s, 0, cancellationToken) && s is string text && text.Length > 0) break;
                        return false;
                    case Kind.ReturnsUncheckedToken:
                        if (!IsTokenParsedFrom(source, input, known)) return false;
                        accepted.Add(source);
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static bool IsTokenParsedFrom(IOperation source, IParameterSymbol input, KnownTypes known)
        {
            switch (source)
            {
                case IObjectCreationOperation { Arguments.Length: 1 } creation
                    when creation.Type is { } type && IsOneOf(type, known.TokenTypes):
                    return creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String
                        && IsParameter(creation.Arguments[0].Value, input);
                case IInvocationOperation { Arguments.Length: 1 } invocation
                    when invocation.TargetMethod.Name is "ReadToken" or "ReadJwtToken" or "ReadJsonWebToken"
                    && invocation.TargetMethod.ContainingType is { } handler && InheritsFromAny(handler, known.HandlerTypes):
                    return IsParameter(invocation.Arguments[0].Value, input);
                default:
                    return false;
            }
        }

        private static bool IsParameter(IOperation operation, IParameterSymbol parameter)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            return operation is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
        }

        private static bool IsLogging(IInvocationOperation invocation, KnownTypes known)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (containing is null) return false;
            var ns = containing.ContainingNamespace;
            if (containing.Name == "Console" && NamespaceNames.Is(ns, "System") && method.Name.StartsWith("Write", StringComparison.Ordinal)) return true;
            if ((containing.Name == "Debug" || containing.Name == "Trace") && NamespaceNames.Is(ns, "System.Diagnostics") && method.Name.StartsWith("Write", StringComparison.Ordinal)) return true;
            if (known.Logger is null) return false;
            if (method.IsExtensionMethod && method.Parameters.Length > 0)
            {
                var receiverType = method.Parameters[0].Type;
                return method.Name.StartsWith("Log", StringComparison.Ordinal) && Implements(receiverType, known.Logger);
            }

            return method.Name == "Log" && Implements(containing, known.Logger);
        }

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol logger)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, logger)) return true;
            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, logger)) return true;
            }

            return false;
        }

        private static bool IsOneOf(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
        {
            foreach (var candidate in candidates)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate)) return true;
            }

            return false;
        }

        private static bool InheritsFromAny(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
        {
            foreach (var candidate in candidates)
            {
                if (InheritsFrom(type, candidate)) return true;
            }

            return false;
        }

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol expected)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected)) return true;
            }

            return false;
        }

        private enum Kind
        {
            None,
            ReturnsTrue,
            ReturnsInput,
            ReturnsUncheckedToken,
        }

        private sealed class KnownTypes
        {
            public KnownTypes(INamedTypeSymbol tokenValidationParameters, INamedTypeSymbol? securityToken, ImmutableArray<INamedTypeSymbol> tokenTypes, ImmutableArray<INamedTypeSymbol> handlerTypes, INamedTypeSymbol? logger)
            {
                TokenValidationParameters = tokenValidationParameters;
                SecurityToken = securityToken;
                TokenTypes = tokenTypes;
                HandlerTypes = handlerTypes;
                Logger = logger;
            }

            public INamedTypeSymbol TokenValidationParameters { get; }
            public INamedTypeSymbol? SecurityToken { get; }
            public ImmutableArray<INamedTypeSymbol> TokenTypes { get; }
            public ImmutableArray<INamedTypeSymbol> HandlerTypes { get; }
            public INamedTypeSymbol? Logger { get; }
        }
    }
}
