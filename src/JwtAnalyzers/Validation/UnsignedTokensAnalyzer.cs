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

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// JWT040, every shape in one analyzer:
    /// <list type="bullet">
    /// <item><c>RequireSignedTokens</c> provably <c>false</c> on any receiver (the <see cref="ValidationFlag"/>
    /// shapes, without the refresh-flow exemption: reading an expired token never needs unsigned tokens);</item>
    /// <item>the <c>none</c> algorithm in <c>new SigningCredentials(key, ...)</c>, in <c>ValidAlgorithms</c>, or
    /// as the algorithm of a jose-jwt call;</item>
    /// <item>a token created without signing credentials: <c>new JwtSecurityToken(...)</c> without
    /// <c>signingCredentials</c>, <c>new JwtSecurityToken(new JwtHeader(), payload)</c>, the handlers'
    /// <c>Create*</c> overloads whose credentials are omitted or <c>null</c>, and a <c>SecurityTokenDescriptor</c>
    /// built in place without <c>SigningCredentials</c>.</item>
    /// </list>
    /// <c>ValidateIssuerSigningKey = false</c> is deliberately not reported: it is the default and does not control
    /// whether signatures are checked.
    /// </summary>
    public sealed class UnsignedTokensAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property naming the shape, so each fixer acts only on its own.</summary>
        public const string ShapeKey = "Shape";
        public const string RequireSignedTokensShape = "RequireSignedTokens";
        public const string NoneInValidAlgorithmsShape = "NoneInValidAlgorithms";
        public const string NoneInSharedListShape = "NoneInSharedList";
        public const string NoneSigningAlgorithmShape = "NoneSigningAlgorithm";
        public const string CreatedWithoutCredentialsShape = "CreatedWithoutCredentials";

        private static readonly ImmutableDictionary<string, string?> RequireSignedTokensProperties = Shape(RequireSignedTokensShape);
        private static readonly ImmutableDictionary<string, string?> NoneInValidAlgorithmsProperties = Shape(NoneInValidAlgorithmsShape);
        private static readonly ImmutableDictionary<string, string?> NoneInSharedListProperties = Shape(NoneInSharedListShape);
        private static readonly ImmutableDictionary<string, string?> NoneSigningAlgorithmProperties = Shape(NoneSigningAlgorithmShape);
        private static readonly ImmutableDictionary<string, string?> CreatedWithoutCredentialsProperties = Shape(CreatedWithoutCredentialsShape);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnsignedTokens);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = JwtSymbols.From(start.Compilation);
                if (!symbols.HasAnyTokenLibrary) return; // library absent: no cost
                var tvp = symbols.TokenValidationParameters;
                var types = new Types(
                    tvp is null ? null : ValidationFlag.Create(tvp, "RequireSignedTokens", disabledValue: false, exemptRefreshFlowHelper: false),
                    tvp is null ? null : FindProperty(tvp, "ValidAlgorithms"),
                    symbols.SigningCredentials,
                    symbols.JwtSecurityToken,
                    TypeLookup.Get(start.Compilation, "System.IdentityModel.Tokens.Jwt.JwtHeader"),
                    symbols.JwtSecurityTokenHandler,
                    symbols.JsonWebTokenHandler,
                    symbols.SecurityTokenDescriptor,
                    symbols.JoseJwt,
                    symbols.JoseJwsAlgorithm);
                if (!types.Any) return; // library absent: no cost

                start.RegisterPropertyAssignmentAction(
                    KeyedRegistration.Names("RequireSignedTokens", "ValidAlgorithms"),
                    property => SymbolEqualityComparer.Default.Equals(property, types.RequireSignedTokens?.Property) || SymbolEqualityComparer.Default.Equals(property, types.ValidAlgorithms),
                    c => AnalyzeAssignment(c, types));
                start.RegisterObjectCreationAction(c => AnalyzeCreation(c, types), types.SigningCredentials, types.JwtSecurityToken);
                // Any jose-jwt call may name an algorithm; without jose-jwt only the handlers' Create* methods matter.
                var invocationNames = new HashSet<string>(CreateNames, StringComparer.Ordinal);
                foreach (var member in types.JoseJwt?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
                {
                    if (member is IMethodSymbol) invocationNames.Add(member.Name);
                }

                start.RegisterInvocationAction(invocationNames, method => CreateNames.Contains(method.Name) || Is(method.ContainingType, types.JoseJwt), c => AnalyzeInvocation(c, types));
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, Types types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target) return;

            if (types.RequireSignedTokens is { } flag && flag.IsSwitchedOff(assignment, context.CancellationToken))
            {
                Report(context, assignment.Syntax, RequireSignedTokensProperties, "'RequireSignedTokens' is set to false");
                return;
            }

            if (types.ValidAlgorithms is not null
                && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, types.ValidAlgorithms)
                && !EnvironmentGuard.IsDevelopmentOnly(assignment))
            {
                var member = ValueFlow.Root(assignment).Syntax;
                foreach (var element in AlgorithmElements(assignment.Value, context.CancellationToken))
                {
                    if (!IsNone(element, context.CancellationToken)) continue;
                    if (element.Syntax.SyntaxTree == member.SyntaxTree && member.Span.Contains(element.Syntax.Span))
                    {
                        Report(context, element.Syntax, NoneInValidAlgorithmsProperties, "'ValidAlgorithms' allows the 'none' algorithm");
                    }
                    else
                    {
                        // The list is declared elsewhere (a field): report where it is used, without a fix.
                        Report(context, assignment.Value.Syntax, NoneInSharedListProperties, "'ValidAlgorithms' allows the 'none' algorithm");
                        break;
                    }
                }
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, Types types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type?.OriginalDefinition;
            if (type is null || creation.Constructor is not { } constructor) return;

            if (Is(type, types.SigningCredentials))
            {
                if (EnvironmentGuard.IsDevelopmentOnly(creation)) return;
                var algorithm = Argument(creation.Arguments, "algorithm");
                if (algorithm is not null && IsNone(algorithm.Value, context.CancellationToken))
                {
                    Report(context, algorithm.Syntax, NoneSigningAlgorithmProperties, "The signing credentials use the 'none' algorithm");
                }

                return;
            }

            if (Is(type, types.JwtSecurityToken))
            {
                if (EnvironmentGuard.IsDevelopmentOnly(creation)) return;
                if (HasParameter(constructor, "signingCredentials"))
                {
                    if (CredentialsAreAbsent(creation.Arguments, context.CancellationToken))
                    {
                        Report(context, creation.Syntax, CreatedWithoutCredentialsProperties, "'new JwtSecurityToken(...)' creates a token without signing credentials");
                    }
                }
                else if (constructor.Parameters.Length == 2
                    && Argument(creation.Arguments, "header") is { } header
                    && IsUnsignedHeader(header.Value, types, context.CancellationToken))
                {
                    Report(context, creation.Syntax, CreatedWithoutCredentialsProperties, "'new JwtSecurityToken(header, payload)' creates a token whose header has no signing credentials");
                }
            }
        }

        private static readonly HashSet<string> CreateNames = KeyedRegistration.Names("CreateToken", "CreateJwtSecurityToken", "CreateEncodedJwt");

        private static void AnalyzeInvocation(OperationAnalysisContext context, Types types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            // Cheap name filter first: only the handlers' Create* methods, or any jose-jwt call, are examined.
            var isCreateName = method.Name is "CreateToken" or "CreateJwtSecurityToken" or "CreateEncodedJwt";
            if (!isCreateName && types.JoseJwt is null) return;
            var containing = method.ContainingType?.OriginalDefinition;
            if (containing is null) return;

            if (types.JoseJwt is not null && Is(containing, types.JoseJwt))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Type is { } parameterType
                        && Is(parameterType, types.JoseJwsAlgorithm)
                        && ValueFlow.TryGetConstant(argument.Value, out var value, context.CancellationToken)
                        && value is not null
                        && IsJoseNone(value, types.JoseJwsAlgorithm!)
                        && !EnvironmentGuard.IsDevelopmentOnly(invocation))
                    {
                        Report(context, argument.Syntax, NoneSigningAlgorithmProperties, $"'JWT.{method.Name}' uses the 'none' algorithm");
                    }
                }

                return;
            }

            if (!isCreateName) return;
            var isJwtHandler = Inherits(containing, types.JwtSecurityTokenHandler);
            var isJsonHandler = Inherits(containing, types.JsonWebTokenHandler);
            if (!isJwtHandler && !isJsonHandler) return;
            if (EnvironmentGuard.IsDevelopmentOnly(invocation)) return;

            var handlerName = isJsonHandler ? "JsonWebTokenHandler" : "JwtSecurityTokenHandler";
            var descriptor = Argument(invocation.Arguments, "tokenDescriptor");
            if (descriptor is not null)
            {
                if (types.SecurityTokenDescriptor is not null && IsDescriptorWithoutCredentials(descriptor.Value, types.SecurityTokenDescriptor, context.CancellationToken))
                {
                    Report(context, invocation.Syntax, CreatedWithoutCredentialsProperties, $"'{handlerName}.{method.Name}' creates a token from a descriptor without signing credentials");
                }

                return;
            }

            if (HasParameter(method, "signingCredentials"))
            {
                if (CredentialsAreAbsent(invocation.Arguments, context.CancellationToken))
                {
                    Report(context, invocation.Syntax, CreatedWithoutCredentialsProperties, $"'{handlerName}.{method.Name}' creates a token without signing credentials");
                }

                return;
            }

            // JsonWebTokenHandler.CreateToken(payload) and CreateToken(payload, additionalHeaderClaims): nothing signs.
            if (isJsonHandler && method.Name == "CreateToken" && !HasParameter(method, "encryptingCredentials") && HasParameter(method, "payload"))
            {
                Report(context, invocation.Syntax, CreatedWithoutCredentialsProperties, "'JsonWebTokenHandler.CreateToken(payload)' creates a token without signing credentials");
            }
        }

        /// <summary>Signing credentials omitted or provably null, and no encryption credentials that would wrap the token.</summary>
        private static bool CredentialsAreAbsent(ImmutableArray<IArgumentOperation> arguments, CancellationToken cancellationToken)
        {
            var signing = Argument(arguments, "signingCredentials");
            if (signing is null || !IsProvablyNull(signing.Value, cancellationToken)) return false;
            var encrypting = Argument(arguments, "encryptingCredentials");
            return encrypting is null || IsProvablyNull(encrypting.Value, cancellationToken);
        }

        private static bool IsUnsignedHeader(IOperation value, Types types, CancellationToken cancellationToken)
        {
            var source = ValueFlow.Unwrap(value, cancellationToken);
            if (source is not IObjectCreationOperation { Constructor: { } constructor } header
                || !Is(header.Type?.OriginalDefinition, types.JwtHeader)
                || header.Initializer is not null)
            {
                return false;
            }

            // new JwtHeader() writes "alg":"none"; new JwtHeader(signingCredentials: null) too.
            if (constructor.Parameters.IsEmpty) return !IsMutatedLocal(value);
            var signing = Argument(header.Arguments, "signingCredentials");
            return signing is not null && IsProvablyNull(signing.Value, cancellationToken) && !IsMutatedLocal(value);
        }

        /// <summary>
        /// A SecurityTokenDescriptor created in place (or in a local that never escapes) whose SigningCredentials
        /// and EncryptingCredentials are never set, or set to null.
        /// </summary>
        private static bool IsDescriptorWithoutCredentials(IOperation value, INamedTypeSymbol descriptorType, CancellationToken cancellationToken)
        {
            var argument = value;
            while (argument is IConversionOperation conversion) argument = conversion.Operand;
            if (argument is ILocalReferenceOperation declared && DeclaredWithCredentials(declared, cancellationToken)) return false;
            var source = ValueFlow.Unwrap(value, cancellationToken);
            if (source is not IObjectCreationOperation creation || !Is(creation.Type?.OriginalDefinition, descriptorType)) return false;
            if (creation.Initializer is { } initializer && InitializerRulesOutUnsigned(initializer, cancellationToken)) return false;

            if (argument is ILocalReferenceOperation local)
            {
                // The local must not escape or have its credentials set anywhere in the method.
                foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(value)))
                {
                    if (descendant is not ILocalReferenceOperation reference
                        || !SymbolEqualityComparer.Default.Equals(reference.Local, local.Local)
                        || ReferenceEquals(descendant, argument))
                    {
                        continue;
                    }

                    if (reference.Parent is IPropertyReferenceOperation property)
                    {
                        // Reading or setting other properties is fine; setting the credentials to something is not.
                        if (IsCredentialsProperty(property.Property) && IsWrittenTo(property, cancellationToken)) return false;
                        continue;
                    }

                    if (reference.Parent is ISimpleAssignmentOperation { Target: var target } && ReferenceEquals(target, reference)) continue; // the single assignment
                    return false; // escapes: passed elsewhere, captured, returned
                }
            }
            else if (!ReferenceEquals(source, argument))
            {
                return false; // a field or property: may be configured elsewhere
            }

            return true;
        }

        /// <summary>
        /// A local declared with an object creation whose initializer rules out an unsigned token
        /// (<see cref="InitializerRulesOutUnsigned"/>), whatever else the method does with the local, as the search in
        /// <see cref="IsDescriptorWithoutCredentials"/> would conclude. Answered from the declaration, without following
        /// the local through its method: on the generated corpus this rule was the first to flatten most
        /// token-issuing methods, only to find the descriptor signed where it was created.
        /// </summary>
        private static bool DeclaredWithCredentials(ILocalReferenceOperation reference, CancellationToken cancellationToken)
        {
            var local = reference.Local;
            return !local.IsRef
                && local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var initializerSyntax }
                && ValueFlow.FindBySyntax<IObjectCreationOperation>(ValueFlow.Root(reference), StripParentheses(initializerSyntax)) is { Initializer: { } initializer }
                && InitializerRulesOutUnsigned(initializer, cancellationToken);
        }

        /// <summary>
        /// The initializer sets the signing or encrypting credentials to something not provably null, or nests an
        /// initializer this rule does not look into (it then gives up rather than guess).
        /// </summary>
        private static bool InitializerRulesOutUnsigned(IObjectOrCollectionInitializerOperation initializer, CancellationToken cancellationToken)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                {
                    if (member is IMemberInitializerOperation) return true;
                    continue;
                }

                if (IsCredentialsProperty(property.Property) && !IsProvablyNull(assignment.Value, cancellationToken)) return true;
            }

            return false;
        }

        private static ExpressionSyntax StripParentheses(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
            return expression;
        }

        private static bool IsWrittenTo(IPropertyReferenceOperation property, CancellationToken cancellationToken)
        {
            switch (property.Parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, property):
                    return !IsProvablyNull(assignment.Value, cancellationToken);
                case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, property):
                    return true;
                case ICoalesceAssignmentOperation coalesce when ReferenceEquals(coalesce.Target, property):
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsCredentialsProperty(IPropertySymbol property)
            => property.Name == "SigningCredentials" || property.Name == "EncryptingCredentials";

        private static bool IsMutatedLocal(IOperation value)
        {
            var argument = value;
            while (argument is IConversionOperation conversion) argument = conversion.Operand;
            if (argument is not ILocalReferenceOperation local) return false;
            foreach (var descendant in ValueFlow.DescendantsOf(ValueFlow.Root(value)))
            {
                if (descendant is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local.Local)
                    && !ReferenceEquals(descendant, argument)
                    && reference.Parent is not ISimpleAssignmentOperation)
                {
                    return true; // used elsewhere (header["alg"] = ..., passed on): not provable
                }
            }

            return false;
        }

        /// <summary>The algorithm strings of a ValidAlgorithms value: array, collection initializer or collection expression.</summary>
        private static ImmutableArray<IOperation> AlgorithmElements(IOperation value, CancellationToken cancellationToken)
        {
            var builder = ImmutableArray.CreateBuilder<IOperation>();
            var source = ValueFlow.Unwrap(value, cancellationToken);
            switch (source)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    builder.AddRange(initializer.ElementValues);
                    break;
                case IArrayInitializerOperation initializer:
                    // "static readonly string[] Algorithms = { ... };": the field's initializer without "new[]".
                    builder.AddRange(initializer.ElementValues);
                    break;
                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is IInvocationOperation { Arguments.Length: 1 } add) builder.Add(add.Arguments[0].Value);
                    }

                    break;
                default:
                    // Collection expressions ([ "RS256", "none" ]) have no operation kind in Roslyn 4.8: read the syntax.
                    if (source.Syntax is CollectionExpressionSyntax collection && source.SemanticModel is { } model)
                    {
                        foreach (var element in collection.Elements)
                        {
                            if (element is ExpressionElementSyntax expression
                                && model.GetOperation(expression.Expression, cancellationToken) is { } elementOperation)
                            {
                                builder.Add(elementOperation);
                            }
                        }
                    }

                    break;
            }

            return builder.ToImmutable();
        }

        private static bool IsNone(IOperation value, CancellationToken cancellationToken)
            => ValueFlow.TryGetConstant(value, out var constant, cancellationToken)
               && constant is string s
               && string.Equals(s.Trim(), "none", StringComparison.OrdinalIgnoreCase);

        private static bool IsJoseNone(object value, INamedTypeSymbol jwsAlgorithm)
        {
            foreach (var member in jwsAlgorithm.GetMembers("none"))
            {
                if (member is IFieldSymbol { HasConstantValue: true } field) return Equals(field.ConstantValue, value);
            }

            return false;
        }

        private static bool IsProvablyNull(IOperation value, CancellationToken cancellationToken)
            => ValueFlow.TryGetConstant(value, out var constant, cancellationToken) && constant is null;

        private static IArgumentOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName) return argument;
            }

            return null;
        }

        private static bool HasParameter(IMethodSymbol method, string name)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == name) return true;
            }

            return false;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

        private static bool Inherits(INamedTypeSymbol type, INamedTypeSymbol? expected)
        {
            if (expected is null) return false;
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected)) return true;
            }

            return false;
        }

        private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol p) return p;
            }

            return null;
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode node, ImmutableDictionary<string, string?> properties, string what)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsignedTokens, node.GetLocation(), properties, what));

        private static ImmutableDictionary<string, string?> Shape(string shape)
            => ImmutableDictionary<string, string?>.Empty.Add(ShapeKey, shape);

        private sealed class Types
        {
            public Types(
                ValidationFlag? requireSignedTokens,
                IPropertySymbol? validAlgorithms,
                INamedTypeSymbol? signingCredentials,
                INamedTypeSymbol? jwtSecurityToken,
                INamedTypeSymbol? jwtHeader,
                INamedTypeSymbol? jwtSecurityTokenHandler,
                INamedTypeSymbol? jsonWebTokenHandler,
                INamedTypeSymbol? securityTokenDescriptor,
                INamedTypeSymbol? joseJwt,
                INamedTypeSymbol? joseJwsAlgorithm)
            {
                RequireSignedTokens = requireSignedTokens;
                ValidAlgorithms = validAlgorithms;
                SigningCredentials = signingCredentials;
                JwtSecurityToken = jwtSecurityToken;
                JwtHeader = jwtHeader;
                JwtSecurityTokenHandler = jwtSecurityTokenHandler;
                JsonWebTokenHandler = jsonWebTokenHandler;
                SecurityTokenDescriptor = securityTokenDescriptor;
                JoseJwt = joseJwsAlgorithm is null ? null : joseJwt;
                JoseJwsAlgorithm = joseJwsAlgorithm;
            }

            public ValidationFlag? RequireSignedTokens { get; }
            public IPropertySymbol? ValidAlgorithms { get; }
            public INamedTypeSymbol? SigningCredentials { get; }
            public INamedTypeSymbol? JwtSecurityToken { get; }
            public INamedTypeSymbol? JwtHeader { get; }
            public INamedTypeSymbol? JwtSecurityTokenHandler { get; }
            public INamedTypeSymbol? JsonWebTokenHandler { get; }
            public INamedTypeSymbol? SecurityTokenDescriptor { get; }
            public INamedTypeSymbol? JoseJwt { get; }
            public INamedTypeSymbol? JoseJwsAlgorithm { get; }

            public bool Any => RequireSignedTokens is not null || ValidAlgorithms is not null || SigningCredentials is not null
                || JwtSecurityToken is not null || JsonWebTokenHandler is not null || JoseJwt is not null;
        }
    }
}
