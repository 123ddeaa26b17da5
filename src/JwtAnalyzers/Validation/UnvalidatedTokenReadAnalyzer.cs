using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Validation
{
    /// <summary>
    /// JWT044: a token is only decoded (<c>new JwtSecurityToken(string)</c>, <c>ReadJwtToken</c>, <c>ReadToken</c>,
    /// <c>ReadJsonWebToken</c>, <c>new JsonWebToken(string)</c>, JWT.Net <c>Decode</c> without verification, jose-jwt
    /// <c>JWT.Payload</c>) and what it says is then used to authenticate or authorize: a <c>ClaimsIdentity</c> /
    /// <c>ClaimsPrincipal</c> / <c>AuthenticationTicket</c> is built from it, <c>HttpContext.User</c> or a result
    /// context's <c>Principal</c> is set, claims are added to an identity, or an <c>if</c> on its claims decides an
    /// access outcome (status 401/403, a filter result, <c>Succeed</c>/<c>Fail</c>, <c>next(...)</c>).
    /// The data is followed through locals, calls and collections within the method (Warning); one call deep into
    /// methods of the same file that receive or return it (Info).
    /// Not reported: a validation of the same string in the method (ValidateToken, ValidateTokenAsync, any
    /// Validate/Verify method, a verifying Decode); tokens this code issued itself or received from an HTTP
    /// response or the authentication ticket; <c>AuthenticationStateProvider</c>s and WebAssembly clients (display);
    /// <c>[Authorize]</c> endpoints (the middleware validated the request's token); header/lifetime/issuer reads.
    /// </summary>
    public sealed class UnvalidatedTokenReadAnalyzer : DiagnosticAnalyzer
    {
        // Bounds the propagation passes and the provenance walk: realistic code needs two or three.
        private const int MaxPasses = 6;
        private const int MaxProvenanceDepth = 6;

        // Members of a token that say nothing about who the caller is: reading them is routing or housekeeping.
        private static readonly HashSet<string> BenignTokenMembers = new HashSet<string>
        {
            "ValidTo", "ValidFrom", "IssuedAt", "Header", "RawHeader", "EncodedHeader", "SignatureAlgorithm", "Alg",
            "Kid", "Typ", "Cty", "Zip", "X5t", "RawData", "EncodedToken", "RawSignature", "EncodedSignature",
            "SigningKey", "SecurityKey", "SigningCredentials", "EncryptingCredentials", "Issuer", "Audiences",
            "GetHeaderValue", "TryGetHeaderValue", "ToString", "GetType", "RawEncryptedKey", "RawInitializationVector",
            "RawCiphertext", "RawAuthenticationTag", "RawPayload", "IsEncrypted", "IsSigned", "Actor", "InnerToken",
        };

        private static readonly HashSet<string> ValidationWords = new HashSet<string>
        {
            "validate", "validated", "valid", "validation", "verify", "verified", "verification", "introspect",
        };

        // A string this code made itself (issued, written, signed) is not an attacker's token.
        private static readonly HashSet<string> IssuingWords = new HashSet<string>
        {
            "write", "create", "generate", "issue", "sign", "encode", "build", "mint",
            // a token returned by this code's own login call (credentials in, token out) was obtained, not presented
            "login", "authenticate",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnvalidatedTokenRead);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                var symbols = JwtSymbols.From(compilation);
                if (!symbols.HasAnyTokenLibrary) return; // libraries absent: no cost
                // A Blazor WebAssembly client reads its own token to show who is signed in; the server decides access.
                if (TypeLookup.Get(compilation, "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder") is not null) return;
                var types = new KnownTypes(compilation, symbols);
                if (types.ClaimsIdentity is null) return;
                start.RegisterObjectCreationAction(c => AnalyzeRead(c, types), types.JwtSecurityToken, types.JsonWebToken);
                start.RegisterInvocationAction(ReadNames, method => IsReadMethod(method, types), c => AnalyzeRead(c, types));
            });
        }

        private static void AnalyzeRead(OperationAnalysisContext context, KnownTypes types)
        {
            var read = context.Operation;
            if (!TryGetRead(read, types, out var readName, out var tokenArgument)) return;
            if (read.Syntax.ContainsDiagnostics) return;

            var root = ValueFlow.Root(read);
            if (root.Syntax.ContainsDiagnostics) return;
            var cancellationToken = context.CancellationToken;
            var containingSymbol = context.ContainingSymbol;
            if (tokenArgument is not null && IsTrustedSource(tokenArgument, types, 0, cancellationToken)) return;

            var flow = new TaintFlow(types);
            flow.SeedOperations.Add(read);
            flow.Propagate(root, cancellationToken);
            if (IsValidatedInMethod(root, read, tokenArgument, flow)) return;

            // Whether the code is exempt (display-only, [Authorize], OnTokenValidated) is asked only of a read that would
            // be reported: it reads the attributes of every enclosing symbol.
            if (flow.HasSink(root, cancellationToken))
            {
                if (IsExemptContext(containingSymbol, read, types)) return;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnvalidatedTokenRead, read.Syntax.GetLocation(), readName));
                return;
            }

            if (UsedOneCallAway(read, root, flow, containingSymbol, types, cancellationToken) && !IsExemptContext(containingSymbol, read, types))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UnvalidatedTokenRead, read.Syntax.GetLocation(), DiagnosticSeverity.Info,
                    additionalLocations: null, properties: null, readName));
            }
        }

        /// <summary>The calls that read a token (the invocation cases of <see cref="TryGetRead"/>).</summary>
        private static readonly HashSet<string> ReadNames = KeyedRegistration.Names("ReadJwtToken", "ReadToken", "ReadJsonWebToken", "Payload", "Decode", "DecodeToObject");

        /// <summary>
        /// The host's filter, asked once per method: the method-only part of <see cref="TryGetRead"/>, so that a call of
        /// another method so named (<c>Base64Url.Decode</c>, a class's own <c>Decode</c> helper) never reaches the handler.
        /// </summary>
        private static bool IsReadMethod(IMethodSymbol method, KnownTypes types)
        {
            switch (method.Name)
            {
                case "ReadJwtToken":
                case "ReadToken":
                case "ReadJsonWebToken":
                    // ReadToken(string, TokenValidationParameters) validates nothing either, but is an internal step of validation.
                    return DerivesFrom(method.ContainingType, types.TokenHandler)
                        && method.Parameters is { Length: 1 } parameters && parameters[0].Type.SpecialType == SpecialType.System_String;
                case "Payload":
                    return IsType(method.ContainingType, types.JoseJwt);
                case "Decode":
                case "DecodeToObject":
                    return IsJwtNetNamespace(method.ContainingType);
                default:
                    return false;
            }
        }

        private static bool IsJwtNetNamespace(INamedTypeSymbol? type)
            => type is not null && (NamespaceNames.Is(type.ContainingNamespace, "JWT") || NamespaceNames.Is(type.ContainingNamespace, "JWT.Builder"));

        /// <summary>Recognises an operation that decodes a token without checking its signature.</summary>
        private static bool TryGetRead(IOperation operation, KnownTypes types, out string name, out IOperation? tokenArgument)
        {
            name = string.Empty;
            tokenArgument = null;
            switch (operation)
            {
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    var created = constructor.ContainingType;
                    if (!IsType(created, types.JwtSecurityToken) && !IsType(created, types.JsonWebToken)) return false;
                    if (constructor.Parameters.Length != 1 || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String) return false;
                    name = "new " + created.Name;
                    tokenArgument = ArgumentValue(creation.Arguments, 0);
                    return true;

                case IInvocationOperation invocation:
                    // The host's filter has let only methods IsReadMethod accepts through; asked again so that the recognition
                    // stands on its own, as the creation case's type check does.
                    var method = invocation.TargetMethod;
                    if (!IsReadMethod(method, types)) return false;
                    switch (method.Name)
                    {
                        case "Payload":
                            name = "JWT.Payload";
                            tokenArgument = FirstStringArgument(invocation);
                            return true;

                        case "Decode":
                        case "DecodeToObject":
                            if (!IsUnverifiedJwtNetDecode(invocation, types)) return false;
                            name = method.Name;
                            tokenArgument = FirstStringArgument(invocation);
                            return true;

                        default: // ReadJwtToken, ReadToken, ReadJsonWebToken
                            name = method.Name;
                            tokenArgument = ArgumentValue(invocation.Arguments, 0);
                            return true;
                    }
                default:
                    return false;
            }
        }

        /// <summary>
        /// JWT.Net: <c>Decode(token, key, verify: false)</c>; <c>Decode(token)</c> on a decoder built without a
        /// validator (<c>new JwtDecoder(serializer, urlEncoder)</c>); <c>JwtBuilder...DoNotVerifySignature().Decode(token)</c>.
        /// </summary>
        private static bool IsUnverifiedJwtNetDecode(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            var owner = method.ContainingType;

            if (IsType(owner, types.JwtBuilder))
            {
                // Walk the fluent chain back to its start.
                var current = invocation.Instance;
                for (var depth = 0; current is not null && depth < 32; depth++)
                {
                    current = ValueFlow.Unwrap(current);
                    if (current is not IInvocationOperation step) return false;
                    var stepName = step.TargetMethod.Name;
                    if (stepName == "DoNotVerifySignature") return true;
                    if (stepName == "MustVerifySignature") return false;
                    if (stepName == "WithVerifySignature")
                    {
                        var argument = ArgumentValue(step.Arguments, 0);
                        return argument is not null && ValueFlow.IsConstantBool(argument, false);
                    }

                    current = step.Instance;
                }

                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "verify")
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit && ValueFlow.IsConstantBool(argument.Value, false);
                }
            }

            // Decode(token) / DecodeToObject(token): verified only when the decoder has a validator and algorithm.
            var decoder = method.IsExtensionMethod ? ArgumentValue(invocation.Arguments, 0) : invocation.Instance;
            if (decoder is null) return false;
            var origin = ValueFlow.Unwrap(decoder);
            return origin is IObjectCreationOperation { Constructor: { } ctor }
                && IsType(ctor.ContainingType, types.JwtNetDecoder)
                && ctor.Parameters.Length == 2;
        }

        /// <summary>Code that only displays who is signed in, or that runs after the framework validated the token.</summary>
        private static bool IsExemptContext(ISymbol? containingSymbol, IOperation at, KnownTypes types)
        {
            for (var symbol = containingSymbol; symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (symbol is INamedTypeSymbol type && DerivesFrom(type, types.AuthenticationStateProvider)) return true;
                if (types.AuthorizeAttribute is not null && symbol is IMethodSymbol or INamedTypeSymbol)
                {
                    foreach (var attribute in symbol.GetAttributes())
                    {
                        if (DerivesFrom(attribute.AttributeClass, types.AuthorizeAttribute)) return true;
                    }
                }
            }

            // JwtBearerEvents.OnTokenValidated: the request's token has just been validated.
            if (types.TokenValidatedContext is not null)
            {
                for (var parent = at.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation lambda && HasParameterOf(lambda.Symbol, types.TokenValidatedContext)) return true;
                    if (parent is ILocalFunctionOperation local && HasParameterOf(local.Symbol, types.TokenValidatedContext)) return true;
                }

                if (containingSymbol is IMethodSymbol method && HasParameterOf(method, types.TokenValidatedContext)) return true;
            }

            return false;
        }

        private static bool HasParameterOf(IMethodSymbol method, INamedTypeSymbol? type)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsType(parameter.Type, type)) return true;
            }

            return false;
        }

        /// <summary>
        /// The token string was issued by this code, received from an HTTP response (a trusted server over TLS),
        /// or taken from the authentication ticket (<c>GetTokenAsync</c>): not an attacker-supplied token.
        /// </summary>
        private static bool IsTrustedSource(IOperation value, KnownTypes types, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxProvenanceDepth) return false;
            foreach (var source in ValueFlow.Sources(value, cancellationToken))
            {
                if (IsTrustedSingle(source, types, depth, cancellationToken)) return true;
            }

            return false;
        }

        private static bool IsTrustedSingle(IOperation source, KnownTypes types, int depth, CancellationToken cancellationToken)
        {
            switch (source)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (IsHttpClientSide(method.ContainingType)) return true;
                    if (method.Name == "GetTokenAsync" || method.Name == "GetTokenValue") return true;
                    if (Words.ContainsAny(Words.Split(method.Name), IssuingWords)) return true;
                    if (invocation.Instance is { } instance && IsTrustedSource(instance, types, depth + 1, cancellationToken)) return true;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (IsTrustedSource(argument.Value, types, depth + 1, cancellationToken)) return true;
                    }

                    return false;
                case IAwaitOperation awaitOperation:
                    return IsTrustedSource(awaitOperation.Operation, types, depth + 1, cancellationToken);
                case IPropertyReferenceOperation property:
                    if (IsType(property.Property.ContainingType, types.TokenValidatedContext)) return true;
                    if (property.Property.ContainingType is { } owner && DerivesFrom(owner, types.SecurityToken)) return true;
                    return property.Instance is { } propertyInstance && IsTrustedSource(propertyInstance, types, depth + 1, cancellationToken);
                case IFieldReferenceOperation { Instance: { } fieldInstance }:
                    return IsTrustedSource(fieldInstance, types, depth + 1, cancellationToken);
                case IBinaryOperation binary:
                    return IsTrustedSource(binary.LeftOperand, types, depth + 1, cancellationToken) || IsTrustedSource(binary.RightOperand, types, depth + 1, cancellationToken);
                case IConditionalAccessOperation conditional:
                    // JsonSerializer.Deserialize<LoginResponse>(body)?.Token: the receiver carries the provenance
                    return IsTrustedSource(conditional.Operation, types, depth + 1, cancellationToken)
                        || IsTrustedSource(conditional.WhenNotNull, types, depth + 1, cancellationToken);
                case IConditionalAccessInstanceOperation:
                    return EnclosingConditionalAccess(source) is { } enclosing && IsTrustedSource(enclosing.Operation, types, depth + 1, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>The <c>a?.b</c> whose receiver <paramref name="instance"/> stands for (the innermost one that encloses it).</summary>
        private static IConditionalAccessOperation? EnclosingConditionalAccess(IOperation instance)
        {
            var child = instance;
            for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation conditional && ReferenceEquals(conditional.WhenNotNull, child)) return conditional;
            }

            return null;
        }

        private static bool IsHttpClientSide(INamedTypeSymbol? type)
        {
            var ns = type?.ContainingNamespace;
            return NamespaceNames.Is(ns, "System.Net.Http") || NamespaceNames.Is(ns, "System.Net.Http.Json");
        }

        /// <summary>A Validate/Verify-like call (or a verifying decode) in the method receives the same string or the read token.</summary>
        private static bool IsValidatedInMethod(IOperation root, IOperation read, IOperation? tokenArgument, TaintFlow flow)
        {
            foreach (var descendant in ValueFlow.DescendantsOf(root))
            {
                if (descendant is not IInvocationOperation invocation || ReferenceEquals(invocation, read)) continue;
                var name = invocation.TargetMethod.Name;
                var validates = Words.ContainsAny(Words.Split(name), ValidationWords)
                    || ((name == "Decode" || name == "DecodeToObject") && !IsReadLike(invocation));
                if (!validates || InOtherBranch(invocation, read)) continue;
                foreach (var argument in invocation.Arguments)
                {
                    if (tokenArgument is not null && SameValue(argument.Value, tokenArgument)) return true;
                    if (flow.IsTainted(argument.Value)) return true;
                }

                if (invocation.Instance is { } instance && tokenArgument is not null && SameValue(instance, tokenArgument)) return true;
            }

            return false;
        }

        /// <summary>The validation sits in the other branch of an if/else (or ?:) than the read: it does not cover it.</summary>
        private static bool InOtherBranch(IOperation validation, IOperation read)
        {
            var readSpan = read.Syntax.Span;
            IOperation child = validation;
            for (var parent = validation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is not IConditionalOperation conditional || ReferenceEquals(child, conditional.Condition)) continue;
                if (!conditional.Syntax.Span.Contains(readSpan)) continue;
                return !child.Syntax.Span.Contains(readSpan);
            }

            return false;
        }

        private static bool IsReadLike(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "verify" && ValueFlow.IsConstantBool(argument.Value, false)) return true;
            }

            return false;
        }

        /// <summary>Both operations denote the same string: the same local/parameter/field/property, or the same text.</summary>
        private static bool SameValue(IOperation left, IOperation right)
        {
            left = StripConversions(left);
            right = StripConversions(right);
            var leftSymbol = ReferencedSymbol(left);
            var rightSymbol = ReferencedSymbol(right);
            if (leftSymbol is not null && rightSymbol is not null) return SymbolEqualityComparer.Default.Equals(leftSymbol, rightSymbol);
            return Normalize(left.Syntax.ToString()) == Normalize(right.Syntax.ToString());
        }

        private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
            _ => null,
        };

        private static IOperation StripConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            return operation;
        }

        private static string Normalize(string text)
        {
            var builder = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c)) builder.Append(c);
            }

            return builder.ToString();
        }

        /// <summary>
        /// Info: the read data leaves the method (returned, or passed to a method of the same file) and is used for
        /// authentication there.
        /// </summary>
        private static bool UsedOneCallAway(IOperation read, IOperation root, TaintFlow flow, ISymbol? containingSymbol, KnownTypes types, CancellationToken cancellationToken)
        {
            var model = read.SemanticModel;
            if (model is null) return false;

            // Passed to a method declared in this file: follow the parameter there.
            foreach (var descendant in ValueFlow.DescendantsOf(root))
            {
                if (descendant is not IInvocationOperation invocation) continue;
                var callee = invocation.TargetMethod;
                if (callee.DeclaringSyntaxReferences.Length != 1) continue;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is null || !flow.IsTainted(argument.Value)) continue;
                    var body = BodyOf(callee, model, cancellationToken);
                    if (body is null || !TaintFlow.MayHaveSink(body, types, cancellationToken)) continue;
                    var inner = new TaintFlow(types);
                    inner.TaintedSymbols.Add(argument.Parameter.OriginalDefinition);
                    inner.Propagate(body, cancellationToken);
                    if (inner.HasSink(body, cancellationToken) && !IsExemptContext(callee, body, types)) return true;
                }
            }

            // Returned: follow the callers in this file.
            if (containingSymbol is not IMethodSymbol method || !flow.ReturnsTaint(root)) return false;
            foreach (var call in CallSearch.InvocationsNamed(read.Syntax.SyntaxTree, method.Name, cancellationToken))
            {
                if (model.GetOperation(call, cancellationToken) is not IInvocationOperation callOperation) continue;
                if (!SymbolEqualityComparer.Default.Equals(callOperation.TargetMethod.OriginalDefinition, method.OriginalDefinition)) continue;
                var callerRoot = ValueFlow.Root(callOperation);
                if (!TaintFlow.MayHaveSink(callerRoot, types, cancellationToken)) continue;
                var outer = new TaintFlow(types);
                outer.SeedOperations.Add(callOperation);
                outer.Propagate(callerRoot, cancellationToken);
                if (outer.HasSink(callerRoot, cancellationToken)
                    && !IsExemptContext(model.GetEnclosingSymbol(call.SpanStart, cancellationToken), callOperation, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? BodyOf(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (syntax.SyntaxTree != model.SyntaxTree) return null; // another file needs another semantic model (RS1030)
            SyntaxNode? body = syntax switch
            {
                BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };
            if (body is null) return null;
            var operation = model.GetOperation(syntax, cancellationToken);
            return operation is not null && !operation.Syntax.ContainsDiagnostics ? operation : null;
        }

        private static IOperation? ArgumentValue(ImmutableArray<IArgumentOperation> arguments, int parameterOrdinal)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == parameterOrdinal) return argument.Value;
            }

            return null;
        }

        private static IOperation? FirstStringArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String) return argument.Value;
            }

            return null;
        }

        private static bool IsType(ITypeSymbol? type, INamedTypeSymbol? expected)
            => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null) return false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType)) return true;
            }

            return false;
        }

        /// <summary>The types the rule looks at, resolved once per compilation; null when not referenced.</summary>
        private sealed class KnownTypes
        {
            public KnownTypes(Compilation compilation, JwtSymbols symbols)
            {
                JwtSecurityToken = symbols.JwtSecurityToken;
                JsonWebToken = TypeLookup.Get(compilation, "Microsoft.IdentityModel.JsonWebTokens.JsonWebToken");
                TokenHandler = symbols.TokenHandler;
                SecurityToken = TypeLookup.Get(compilation, "Microsoft.IdentityModel.Tokens.SecurityToken");
                JoseJwt = symbols.JoseJwt;
                JwtBuilder = symbols.JwtBuilder;
                JwtNetDecoder = symbols.JwtNetDecoder;
                ClaimsIdentity = TypeLookup.Get(compilation, "System.Security.Claims.ClaimsIdentity");
                ClaimsPrincipal = TypeLookup.Get(compilation, "System.Security.Claims.ClaimsPrincipal");
                GenericPrincipal = TypeLookup.Get(compilation, "System.Security.Principal.GenericPrincipal");
                AuthenticationTicket = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Authentication.AuthenticationTicket");
                AuthenticateResult = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Authentication.AuthenticateResult");
                HttpContext = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Http.HttpContext");
                HttpResponse = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Http.HttpResponse");
                AuthorizationHandlerContext = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext");
                AuthorizeAttribute = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Authorization.AuthorizeAttribute");
                AuthenticationStateProvider = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider");
                TokenValidatedContext = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext");
                ControllerBase = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
                Thread = TypeLookup.Get(compilation, "System.Threading.Thread");
            }

            public INamedTypeSymbol? JwtSecurityToken { get; }
            public INamedTypeSymbol? JsonWebToken { get; }
            public INamedTypeSymbol? TokenHandler { get; }
            public INamedTypeSymbol? SecurityToken { get; }
            public INamedTypeSymbol? JoseJwt { get; }
            public INamedTypeSymbol? JwtBuilder { get; }
            public INamedTypeSymbol? JwtNetDecoder { get; }
            public INamedTypeSymbol? ClaimsIdentity { get; }
            public INamedTypeSymbol? ClaimsPrincipal { get; }
            public INamedTypeSymbol? GenericPrincipal { get; }
            public INamedTypeSymbol? AuthenticationTicket { get; }
            public INamedTypeSymbol? AuthenticateResult { get; }
            public INamedTypeSymbol? HttpContext { get; }
            public INamedTypeSymbol? HttpResponse { get; }
            public INamedTypeSymbol? AuthorizationHandlerContext { get; }
            public INamedTypeSymbol? AuthorizeAttribute { get; }
            public INamedTypeSymbol? AuthenticationStateProvider { get; }
            public INamedTypeSymbol? TokenValidatedContext { get; }
            public INamedTypeSymbol? ControllerBase { get; }
            public INamedTypeSymbol? Thread { get; }
        }

        /// <summary>
        /// Which values in one body carry the read token's content: the seed operations and every local or
        /// parameter assigned from (or filled with) a value that mentions them, except through the benign members.
        /// </summary>
        private sealed class TaintFlow
        {
            private readonly KnownTypes _types;

            // Every value counts as tainted (MayHaveSink): HasSink then answers whether the body has any operation it could report.
            private readonly bool _everythingTainted;

            public TaintFlow(KnownTypes types) => _types = types;

            private TaintFlow(KnownTypes types, bool everythingTainted)
            {
                _types = types;
                _everythingTainted = everythingTainted;
            }

            /// <summary>
            /// False when <see cref="HasSink"/> could not return true on <paramref name="root"/> whatever were tainted: every
            /// check it makes is made with every value tainted. A method that the read data reaches one call away (a
            /// caller, or a callee of the same file) is followed only past this, one pass without the propagation. On
            /// IdentityServer4's sources the one such caller (a secret parser) has none, and following the token there
            /// was about half of JWT044's time.
            /// </summary>
            public static bool MayHaveSink(IOperation root, KnownTypes types, CancellationToken cancellationToken)
                => new TaintFlow(types, everythingTainted: true).HasSink(root, cancellationToken);

            public List<IOperation> SeedOperations { get; } = new List<IOperation>();

            public HashSet<ISymbol> TaintedSymbols { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public void Propagate(IOperation root, CancellationToken cancellationToken)
            {
                for (var pass = 0; pass < MaxPasses; pass++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var changed = false;
                    foreach (var descendant in ValueFlow.DescendantsOf(root))
                    {
                        switch (descendant)
                        {
                            case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                                changed |= TaintIf(declarator.Symbol, initializer.Value);
                                break;
                            case IAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                                changed |= TaintIf(local.Local, assignment.Value);
                                break;
                            case IAssignmentOperation { Target: IParameterReferenceOperation parameter } assignment:
                                changed |= TaintIf(parameter.Parameter, assignment.Value);
                                break;
                            case IForEachLoopOperation loop when IsTainted(loop.Collection):
                                foreach (var local in loop.Locals) changed |= TaintedSymbols.Add(local);
                                break;
                            case IInvocationOperation { Instance: ILocalReferenceOperation receiver } mutation
                                when !TaintedSymbols.Contains(receiver.Local) && AnyArgumentTainted(mutation):
                                // claims.Add(new Claim("sub", jwt.Subject)), identity.AddClaims(jwt.Claims)
                                changed |= TaintedSymbols.Add(receiver.Local);
                                break;
                        }
                    }

                    if (!changed) return;
                }
            }

            private bool TaintIf(ISymbol symbol, IOperation value)
                => !TaintedSymbols.Contains(symbol) && IsTainted(value) && TaintedSymbols.Add(symbol);

            private bool AnyArgumentTainted(IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (IsTainted(argument.Value)) return true;
                }

                return false;
            }

            /// <summary>True when the value mentions the read (or a tainted local) other than through a benign member.</summary>
            public bool IsTainted(IOperation value)
            {
                if (_everythingTainted || IsTaintedReference(value)) return true;
                foreach (var descendant in value.Descendants())
                {
                    if (IsTaintedReference(descendant)) return true;
                }

                return false;
            }

            private bool IsTaintedReference(IOperation operation)
            {
                var origin = false;
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        origin = TaintedSymbols.Contains(local.Local);
                        break;
                    case IParameterReferenceOperation parameter:
                        origin = TaintedSymbols.Contains(parameter.Parameter) || TaintedSymbols.Contains(parameter.Parameter.OriginalDefinition);
                        break;
                    default:
                        foreach (var seed in SeedOperations)
                        {
                            if (ReferenceEquals(seed, operation))
                            {
                                origin = true;
                                break;
                            }
                        }

                        break;
                }

                return origin && !OnlyBenignUse(operation);
            }

            /// <summary><c>jwt.ValidTo</c>, <c>jwt.Issuer</c>, <c>jwt.Header</c>: the use reads nothing about the caller.</summary>
            private static bool OnlyBenignUse(IOperation reference)
            {
                var value = reference;
                var parent = value.Parent;
                while (parent is IConversionOperation)
                {
                    value = parent;
                    parent = value.Parent;
                }

                switch (parent)
                {
                    case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, value):
                        return BenignTokenMembers.Contains(property.Property.Name);
                    case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, value):
                        return BenignTokenMembers.Contains(invocation.TargetMethod.Name);
                    case IBinaryOperation binary:
                        // "jwt == null", "jwt != null": a presence check.
                        var other = ReferenceEquals(binary.LeftOperand, value) ? binary.RightOperand : binary.LeftOperand;
                        return other.ConstantValue.HasValue && other.ConstantValue.Value is null;
                    case IIsPatternOperation { Pattern: IConstantPatternOperation or INegatedPatternOperation { Pattern: IConstantPatternOperation } }:
                        return true;
                    default:
                        return false;
                }
            }

            /// <summary>A return statement of the body itself (not of a nested lambda) returns tainted data.</summary>
            public bool ReturnsTaint(IOperation root)
            {
                foreach (var descendant in ValueFlow.DescendantsOf(root))
                {
                    if (descendant is IReturnOperation { ReturnedValue: { } returned } && !IsInNestedFunction(descendant, root) && IsTainted(returned)) return true;
                }

                return false;
            }

            private static bool IsInNestedFunction(IOperation operation, IOperation root)
            {
                for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, root); parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
                }

                return false;
            }

            public bool HasSink(IOperation root, CancellationToken cancellationToken)
            {
                // A body that issues a token builds identities to put in the new token, not to authenticate the caller.
                var issues = IssuesTokens(root);
                foreach (var descendant in ValueFlow.DescendantsOf(root))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // With everything tainted, every condition is: a decision is any access outcome within a branch, found
                    // from the outcome up rather than by walking every branch of every nested if (quadratic in the nesting).
                    if (_everythingTainted && IsAccessOutcome(descendant) && InBranch(descendant, root)) return true;
                    switch (descendant)
                    {
                        case IObjectCreationOperation creation when !issues && IsIdentityType(creation.Type):
                            foreach (var argument in creation.Arguments)
                            {
                                if (IsTainted(argument.Value)) return true;
                            }

                            if (creation.Initializer is { } initializer && IsTainted(initializer)) return true;
                            break;

                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                            when IsPrincipalSlot(target.Property) && IsTainted(assignment.Value):
                            return true;

                        case IInvocationOperation invocation when IsAuthenticationCall(invocation.TargetMethod, issues):
                            foreach (var argument in invocation.Arguments)
                            {
                                if (argument.Parameter?.Ordinal == 0 && invocation.TargetMethod.IsExtensionMethod) continue; // the receiver
                                if (IsTainted(argument.Value)) return true;
                            }

                            break;

                        case IConditionalOperation conditional when !_everythingTainted
                            && IsTainted(conditional.Condition)
                            && (DecidesAccess(conditional.WhenTrue) || (conditional.WhenFalse is { } whenFalse && DecidesAccess(whenFalse))):
                            return true;
                    }
                }

                return false;
            }

            private static bool IssuesTokens(IOperation root)
            {
                foreach (var descendant in ValueFlow.DescendantsOf(root))
                {
                    switch (descendant)
                    {
                        case IInvocationOperation invocation:
                            var name = invocation.TargetMethod.Name;
                            if (name == "WriteToken" || name == "CreateToken" || name == "CreateEncodedJwt" || name == "CreateJwtSecurityToken") return true;
                            break;
                        case IObjectCreationOperation { Type.Name: "SecurityTokenDescriptor" }:
                            return true;
                        case IObjectCreationOperation { Type.Name: "JwtSecurityToken", Arguments.Length: > 1 }:
                            return true;
                    }
                }

                return false;
            }

            private bool IsIdentityType(ITypeSymbol? type)
                => DerivesFrom(type, _types.ClaimsIdentity) || DerivesFrom(type, _types.ClaimsPrincipal)
                || DerivesFrom(type, _types.GenericPrincipal) || DerivesFrom(type, _types.AuthenticationTicket);

            /// <summary><c>HttpContext.User</c>, a result context's <c>Principal</c>, <c>Thread.CurrentPrincipal</c>.</summary>
            private bool IsPrincipalSlot(IPropertySymbol property)
            {
                if (property.Name == "User" && DerivesFrom(property.ContainingType, _types.HttpContext)) return true;
                if (property.Name == "CurrentPrincipal" && (IsType(property.ContainingType, _types.Thread) || DerivesFrom(property.ContainingType, _types.ClaimsPrincipal))) return true;
                return property.Name == "Principal"
                    && NamespaceNames.IsWithin(property.ContainingType?.ContainingNamespace, "Microsoft.AspNetCore.Authentication");
            }

            /// <summary>AuthenticateResult.Success, SignInAsync, AddIdentity, AddClaim(s): authentication with the given data.</summary>
            private bool IsAuthenticationCall(IMethodSymbol method, bool issues)
            {
                if (issues && method.Name != "Success" && method.Name != "SignInAsync") return false;
                switch (method.Name)
                {
                    case "Success":
                        return IsType(method.ContainingType, _types.AuthenticateResult);
                    case "SignInAsync":
                        return NamespaceNames.IsWithin(method.ContainingType?.ContainingNamespace, "Microsoft.AspNetCore");
                    case "AddIdentity":
                    case "AddIdentities":
                        return DerivesFrom(method.ContainingType, _types.ClaimsPrincipal);
                    case "AddClaim":
                    case "AddClaims":
                        return DerivesFrom(method.ContainingType, _types.ClaimsIdentity);
                    default:
                        return false;
                }
            }

            /// <summary>The branch grants or denies access: 401/403, a filter result, Succeed/Fail, Challenge/Forbid, next(...).</summary>
            private bool DecidesAccess(IOperation branch)
            {
                foreach (var operation in branch.DescendantsAndSelf())
                {
                    if (IsAccessOutcome(operation)) return true;
                }

                return false;
            }

            /// <summary>Within the then or else branch of an <c>if</c> or <c>?:</c> inside <paramref name="root"/>.</summary>
            private static bool InBranch(IOperation operation, IOperation root)
            {
                var child = operation;
                for (var parent = operation.Parent; parent is not null && !ReferenceEquals(child, root); child = parent, parent = parent.Parent)
                {
                    if (parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition)) return true;
                }

                return false;
            }

            /// <summary>An operation that grants or denies access (see <see cref="DecidesAccess"/>).</summary>
            private bool IsAccessOutcome(IOperation operation)
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                        var property = target.Property;
                        if (property.Name == "StatusCode" && DerivesFrom(property.ContainingType, _types.HttpResponse)
                            && assignment.Value.ConstantValue.Value is int status && (status == 401 || status == 403))
                        {
                            return true;
                        }

                        if (property.Name == "Result" && NamespaceNames.Is(property.ContainingType?.ContainingNamespace, "Microsoft.AspNetCore.Mvc.Filters")) return true;
                        break;

                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        if ((method.Name == "Succeed" || method.Name == "Fail") && DerivesFrom(method.ContainingType, _types.AuthorizationHandlerContext)) return true;
                        if ((method.Name == "Fail" || method.Name == "NoResult") && IsType(method.ContainingType, _types.AuthenticateResult)) return true;
                        if ((method.Name == "ChallengeAsync" || method.Name == "ForbidAsync")
                            && NamespaceNames.Is(method.ContainingType?.ContainingNamespace, "Microsoft.AspNetCore.Authentication"))
                        {
                            return true;
                        }

                        if ((method.Name == "Unauthorized" || method.Name == "Forbid" || method.Name == "Challenge")
                            && NamespaceNames.Is(method.ContainingType?.ContainingNamespace, "Microsoft.AspNetCore.Http")
                            && !DerivesFrom(method.ContainingType, _types.ControllerBase))
                        {
                            return true;
                        }

                        if (method.MethodKind == MethodKind.DelegateInvoke && IsPipelineDelegate(method.ContainingType)) return true;
                        break;

                    case IObjectCreationOperation { Type: { } createdType } when NamespaceNames.Is(createdType.ContainingNamespace, "Microsoft.AspNetCore.Mvc"):
                        var created = createdType.Name;
                        if (created == "UnauthorizedResult" || created == "UnauthorizedObjectResult" || created == "ForbidResult" || created == "ChallengeResult") return true;
                        break;
                }

                return false;
            }

            private static bool IsPipelineDelegate(INamedTypeSymbol? type)
            {
                if (type is null) return false;
                var name = type.Name;
                var ns = type.ContainingNamespace;
                return ((name == "RequestDelegate" || name == "EndpointFilterDelegate") && NamespaceNames.Is(ns, "Microsoft.AspNetCore.Http"))
                    || ((name == "ActionExecutionDelegate" || name == "ResourceExecutionDelegate") && NamespaceNames.Is(ns, "Microsoft.AspNetCore.Mvc.Filters"));
            }
        }
    }
}
