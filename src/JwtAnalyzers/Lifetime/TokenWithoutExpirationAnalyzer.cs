using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>
    /// JWT003: a token is created without an expiration time. Reported only where the creating API provably
    /// writes no <c>exp</c>:
    /// <list type="bullet">
    /// <item><c>new JwtSecurityToken(...)</c> (issuer/audience/claims form) with <c>expires</c> omitted or null;</item>
    /// <item><c>new JwtSecurityToken(header, payload)</c> with a <c>JwtPayload</c> built in place without <c>exp</c>;</item>
    /// <item><c>JsonWebTokenHandler.CreateToken(string payload, ...)</c> with JSON text without <c>"exp"</c>;</item>
    /// <item>a <c>SecurityTokenDescriptor</c> without <c>Expires</c> given to a handler whose
    /// <c>SetDefaultTimesOnTokenCreation</c> is visibly false (a default handler adds a 60-minute <c>exp</c>);</item>
    /// <item>a JWT.Net <c>JwtBuilder</c> chain, wholly visible, that encodes without <c>ExpirationTime</c> or an <c>exp</c> claim;</item>
    /// <item>jose-jwt <c>JWT.Encode</c> of a dictionary/anonymous object/JSON text built in place without <c>exp</c>.</item>
    /// </list>
    /// Never reported when the method names <c>exp</c> anywhere (claims may carry it), in development-only code,
    /// or when anything that feeds the payload is not visible.
    /// </summary>
    public sealed class TokenWithoutExpirationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: which fix applies (absent when no mechanical fix exists).</summary>
        internal const string FixKey = "Fix";

        /// <summary>Diagnostic properties: the span of the node the fix edits, when it is not the reported node.</summary>
        internal const string TargetStartKey = "TargetStart";
        internal const string TargetLengthKey = "TargetLength";

        /// <summary>Add or replace the <c>expires:</c> argument of <c>new JwtSecurityToken(...)</c>; the target,
        /// when present, is the explicit <c>expires</c> argument.</summary>
        internal const string FixJwtSecurityTokenExpires = "JwtSecurityTokenExpires";

        /// <summary>Add <c>Expires = ...</c> to the descriptor creation (the target).</summary>
        internal const string FixDescriptorExpires = "DescriptorExpires";

        /// <summary>Insert <c>.ExpirationTime(...)</c> before <c>.Encode()</c>.</summary>
        internal const string FixBuilderExpirationTime = "BuilderExpirationTime";

        /// <summary>Add an <c>exp</c> entry to the dictionary creation (the target).</summary>
        internal const string FixDictionaryEntry = "DictionaryEntry";

        /// <summary>Add an <c>exp</c> member to the anonymous object creation (the target).</summary>
        internal const string FixAnonymousMember = "AnonymousMember";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TokenWithoutExpiration);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; token creation hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = Symbols.From(start.Compilation);
                if (symbols is null) return; // no token-creating library: no cost

                start.RegisterObjectCreationAction(c => AnalyzeObjectCreation(c, symbols), symbols.JwtSecurityToken);

                start.RegisterInvocationAction(CreateNames, c => AnalyzeInvocation(c, symbols));
            });
        }

        private sealed class Symbols
        {
            public INamedTypeSymbol? JwtSecurityToken;
            public INamedTypeSymbol? JwtPayload;
            public INamedTypeSymbol? JsonWebTokenHandler;
            public INamedTypeSymbol? TokenHandler;
            public INamedTypeSymbol? SecurityTokenDescriptor;
            public INamedTypeSymbol? JwtBuilder;
            public INamedTypeSymbol? JwtBuilderExtensions;
            public IFieldSymbol? ClaimNameExpirationTime;
            public INamedTypeSymbol? JoseJwt;
            public INamedTypeSymbol? Dictionary;

            public static Symbols? From(Compilation compilation)
            {
                var jwt = JwtSymbols.From(compilation);
                var symbols = new Symbols
                {
                    JwtSecurityToken = jwt.JwtSecurityToken,
                    JwtPayload = jwt.JwtPayload,
                    JsonWebTokenHandler = jwt.JsonWebTokenHandler,
                    TokenHandler = jwt.TokenHandler,
                    SecurityTokenDescriptor = jwt.SecurityTokenDescriptor,
                    JwtBuilder = jwt.JwtBuilder,
                    JwtBuilderExtensions = TypeLookup.Get(compilation, "JWT.Builder.JwtBuilderExtensions"),
                    JoseJwt = jwt.JoseJwt,
                    Dictionary = TypeLookup.Get(compilation, "System.Collections.Generic.IDictionary`2"),
                };
                var claimName = TypeLookup.Get(compilation, "JWT.Builder.ClaimName");
                if (claimName is not null)
                {
                    foreach (var member in claimName.GetMembers("ExpirationTime"))
                    {
                        if (member is IFieldSymbol field) symbols.ClaimNameExpirationTime = field;
                    }
                }

                if (symbols.JwtSecurityToken is null && symbols.JsonWebTokenHandler is null && symbols.TokenHandler is null
                    && symbols.JwtBuilder is null && symbols.JoseJwt is null)
                {
                    return null;
                }

                return symbols;
            }
        }

        // ---- new JwtSecurityToken(...) ------------------------------------------------------------------------

        private static void AnalyzeObjectCreation(OperationAnalysisContext context, Symbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var constructor = creation.Constructor;
            if (constructor is null || !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.JwtSecurityToken)) return;
            var cancellationToken = context.CancellationToken;

            ImmutableDictionary<string, string?> properties;
            bool claimsFromElsewhere;
            if (FindParameter(constructor, "expires") is not null && FindParameter(constructor, "issuer") is not null)
            {
                var expires = FindArgument(creation.Arguments, "expires");
                if (expires is null) return;
                var isOmitted = expires.ArgumentKind == ArgumentKind.DefaultValue;
                if (!isOmitted && !ExpirationEvidence.IsProvablyNull(expires.Value, cancellationToken)) return;
                properties = ImmutableDictionary<string, string?>.Empty.Add(FixKey, FixJwtSecurityTokenExpires);
                if (!isOmitted) properties = WithTarget(properties, expires.Syntax);
                claimsFromElsewhere = HasClaims(FindArgument(creation.Arguments, "claims"), cancellationToken);
            }
            else if (constructor.Parameters.Length == 2 && FindParameter(constructor, "payload") is { } payloadParameter
                && SymbolEqualityComparer.Default.Equals(payloadParameter.Type, symbols.JwtPayload))
            {
                var payload = FindArgument(creation.Arguments, "payload");
                if (payload is null || EvaluateJwtPayload(payload.Value, symbols, out claimsFromElsewhere, cancellationToken) != Expiration.Absent) return;
                properties = ImmutableDictionary<string, string?>.Empty;
            }
            else
            {
                return; // the parsing constructor and the nested-JWE constructor create nothing new
            }

            if (!IsReportable(creation, symbols, claimsFromElsewhere)) return;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TokenWithoutExpiration, creation.Syntax.GetLocation(), properties, "'new JwtSecurityToken(...)'"));
        }

        /// <summary>A <c>JwtPayload</c> created in place (or held by a local) whose contents are all visible and lack <c>exp</c>.</summary>
        private static Expiration EvaluateJwtPayload(IOperation value, Symbols symbols, out bool claimsFromElsewhere, CancellationToken cancellationToken)
        {
            claimsFromElsewhere = false;
            var operation = ExpirationEvidence.Strip(value);
            ILocalReferenceOperation? local = null;
            if (operation is ILocalReferenceOperation reference)
            {
                local = reference;
                var held = ExpirationEvidence.CreationHeldBy(reference, cancellationToken);
                if (held is null) return Expiration.Unknown;
                operation = held;
            }

            if (operation is not IObjectCreationOperation creation || creation.Constructor is null
                || !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.JwtPayload))
            {
                return Expiration.Unknown;
            }

            var result = Expiration.Absent;
            foreach (var argument in creation.Arguments)
            {
                var name = argument.Parameter?.Name;
                if (name == "expires")
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && !ExpirationEvidence.IsProvablyNull(argument.Value, cancellationToken)) return Expiration.Present;
                }
                else if (name == "claims")
                {
                    claimsFromElsewhere = HasClaims(argument, cancellationToken);
                }
                else if (name == "claimsCollection")
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue || ExpirationEvidence.IsProvablyNull(argument.Value, cancellationToken)) continue;
                    result = ExpirationEvidence.Combine(result, ExpirationEvidence.EvaluateObjectPayload(argument.Value, symbols.Dictionary, _ => false, out _, cancellationToken));
                }
            }

            result = ExpirationEvidence.Combine(result, ExpirationEvidence.EvaluateCollectionInitializer(creation.Initializer, cancellationToken));
            if (result != Expiration.Absent || local is null) return result;

            // Later writes to the payload local: constant keys are followed, anything else is unknown.
            foreach (var operationInMethod in ValueFlow.DescendantsOf(ValueFlow.Root(local)))
            {
                if (operationInMethod is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, local.Local)) continue;
                result = ExpirationEvidence.Combine(result, ClassifyJwtPayloadUse(use, symbols, cancellationToken));
                if (result != Expiration.Absent) return result;
            }

            return result;
        }

        private static Expiration ClassifyJwtPayloadUse(ILocalReferenceOperation use, Symbols symbols, CancellationToken cancellationToken)
        {
            IOperation current = use;
            while (current.Parent is IConversionOperation) current = current.Parent;
            switch (current.Parent)
            {
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                    switch (invocation.TargetMethod.Name)
                    {
                        case "Add":
                        case "TryAdd":
                            var key = FindArgument(invocation.Arguments, "key");
                            return key is null ? Expiration.Unknown : ExpirationEvidence.ClassifyKey(key.Value, cancellationToken);
                        case "ContainsKey":
                        case "TryGetValue":
                        case "Remove":
                            return Expiration.Absent;
                        default:
                            return Expiration.Unknown; // AddClaim(s) of claims not seen, Base64UrlEncode, ...
                    }

                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                    if (property.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    {
                        return property.Arguments.Length == 1 ? ExpirationEvidence.ClassifyKey(property.Arguments[0].Value, cancellationToken) : Expiration.Unknown;
                    }

                    return property.Parent is ICompoundAssignmentOperation or ICoalesceAssignmentOperation ? Expiration.Unknown : Expiration.Absent;

                case IArgumentOperation { Parent: IObjectCreationOperation token } when SymbolEqualityComparer.Default.Equals(token.Type, symbols.JwtSecurityToken):
                    return Expiration.Absent;

                default:
                    return Expiration.Unknown;
            }
        }

        // ---- invocations ----------------------------------------------------------------------------------------

        /// <summary>The calls that create a token (the cases of the switch below).</summary>
        private static readonly HashSet<string> CreateNames = KeyedRegistration.Names("Encode", "CreateToken", "CreateJwtSecurityToken", "CreateEncodedJwt");

        private static void AnalyzeInvocation(OperationAnalysisContext context, Symbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null) return;

            switch (method.Name)
            {
                case "Encode" when symbols.JoseJwt is not null && SymbolEqualityComparer.Default.Equals(type, symbols.JoseJwt):
                    AnalyzeJoseEncode(context, invocation, symbols);
                    return;
                case "Encode" when symbols.JwtBuilder is not null && SymbolEqualityComparer.Default.Equals(type, symbols.JwtBuilder):
                    AnalyzeBuilderEncode(context, invocation, symbols);
                    return;
                case "CreateToken":
                case "CreateJwtSecurityToken":
                case "CreateEncodedJwt":
                    if (symbols.TokenHandler is null || !DerivesFrom(type, symbols.TokenHandler)) return;
                    AnalyzeHandlerCreate(context, invocation, symbols);
                    return;
            }
        }

        // ---- JsonWebTokenHandler / JwtSecurityTokenHandler ----------------------------------------------------

        private static void AnalyzeHandlerCreate(OperationAnalysisContext context, IInvocationOperation invocation, Symbols symbols)
        {
            var method = invocation.TargetMethod;
            var cancellationToken = context.CancellationToken;
            var name = "'" + method.ContainingType.Name + "." + method.Name + "'";

            var payload = FindArgument(invocation.Arguments, "payload");
            if (payload is not null && payload.Value.Type?.SpecialType == SpecialType.System_String)
            {
                // JsonWebTokenHandler.CreateToken(string payload, ...) writes the payload as given: no default times.
                if (ExpirationEvidence.EvaluateJson(payload.Value, symbols.Dictionary, cancellationToken) != Expiration.Absent) return;
                if (!IsReportable(invocation, symbols)) return;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.TokenWithoutExpiration, invocation.Syntax.GetLocation(), name));
                return;
            }

            // Every other form gets a default 60-minute exp unless the handler's SetDefaultTimesOnTokenCreation is false.
            var descriptor = FindArgument(invocation.Arguments, "tokenDescriptor");
            var expires = FindArgument(invocation.Arguments, "expires");
            if (descriptor is null && expires is null) return;
            if (!DisablesDefaultTimes(invocation.Instance, cancellationToken)) return;

            var properties = ImmutableDictionary<string, string?>.Empty;
            var subjectClaims = false;
            if (descriptor is not null)
            {
                if (!SymbolEqualityComparer.Default.Equals(ExpirationEvidence.Strip(descriptor.Value).Type, symbols.SecurityTokenDescriptor)) return;
                if (EvaluateDescriptor(descriptor.Value, symbols, out var creation, cancellationToken) != Expiration.Absent) return;
                subjectClaims = true; // Subject's claims (or claims added later) may come from a helper of the class
                if (creation?.Syntax is { } creationSyntax && creationSyntax.SyntaxTree == invocation.Syntax.SyntaxTree)
                {
                    properties = WithTarget(properties.Add(FixKey, FixDescriptorExpires), creationSyntax);
                }
            }
            else if (expires is not null)
            {
                if (expires.ArgumentKind != ArgumentKind.DefaultValue && !ExpirationEvidence.IsProvablyNull(expires.Value, cancellationToken)) return;
                subjectClaims = HasClaims(FindArgument(invocation.Arguments, "subject"), cancellationToken);
                // CreateJwtSecurityToken(issuer, ..., notBefore, expires, issuedAt, ...): defaults apply only when
                // notBefore is null too, and the handler does not add them here anyway; issuedAt is irrelevant.
            }

            if (!IsReportable(invocation, symbols, subjectClaims)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TokenWithoutExpiration, invocation.Syntax.GetLocation(), properties, name));
        }

        /// <summary>
        /// True when the handler's <c>SetDefaultTimesOnTokenCreation</c> is visibly false: in the initializer of the
        /// object it was created from (in place, a local assigned once, a readonly field) or an assignment in this
        /// method; and never set to anything else in this method.
        /// </summary>
        private static bool DisablesDefaultTimes(IOperation? instance, CancellationToken cancellationToken)
        {
            if (instance is null) return false;
            var receiver = ExpirationEvidence.Strip(instance);
            ISymbol? receiverSymbol = receiver switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
                _ => null,
            };

            bool? disabled = null;
            if (ExpirationEvidence.Strip(ValueFlow.Unwrap(receiver, cancellationToken)) is IObjectCreationOperation creation && creation.Initializer is not null)
            {
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                        && target.Property.Name == "SetDefaultTimesOnTokenCreation")
                    {
                        if (!ValueFlow.IsConstantBool(assignment.Value, false, cancellationToken)) return false;
                        disabled = true;
                    }
                }
            }

            if (receiverSymbol is not null)
            {
                foreach (var operation in ValueFlow.DescendantsOf(ValueFlow.Root(instance)))
                {
                    if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                        || target.Property.Name != "SetDefaultTimesOnTokenCreation" || target.Instance is null)
                    {
                        continue;
                    }

                    var targetInstance = ExpirationEvidence.Strip(target.Instance);
                    ISymbol? targetSymbol = targetInstance switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IFieldReferenceOperation field => field.Field,
                        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
                        _ => null,
                    };
                    if (!SymbolEqualityComparer.Default.Equals(targetSymbol, receiverSymbol)) continue;
                    if (!ValueFlow.IsConstantBool(assignment.Value, false, cancellationToken)) return false;
                    disabled = true;
                }
            }

            return disabled == true;
        }

        /// <summary>
        /// A <c>SecurityTokenDescriptor</c> created in place (or held by a local) with no <c>Expires</c> and no
        /// <c>Claims</c> (which could carry <c>exp</c>), and no later write to either.
        /// </summary>
        private static Expiration EvaluateDescriptor(IOperation value, Symbols symbols, out IOperation? creation, CancellationToken cancellationToken)
        {
            creation = null;
            var operation = ExpirationEvidence.Strip(value);
            ILocalReferenceOperation? local = null;
            if (operation is ILocalReferenceOperation reference)
            {
                local = reference;
                var held = ExpirationEvidence.CreationHeldBy(reference, cancellationToken);
                if (held is null) return Expiration.Unknown;
                operation = held;
            }

            if (operation is not IObjectCreationOperation objectCreation
                || !SymbolEqualityComparer.Default.Equals(objectCreation.Type, symbols.SecurityTokenDescriptor))
            {
                return Expiration.Unknown;
            }

            creation = objectCreation;
            var result = Expiration.Absent;
            if (objectCreation.Initializer is not null)
            {
                foreach (var initializer in objectCreation.Initializer.Initializers)
                {
                    switch (initializer)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                            result = ExpirationEvidence.Combine(result, ClassifyDescriptorWrite(target.Property.Name, assignment.Value, symbols, cancellationToken));
                            break;
                        case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member }:
                            // Claims = { ["exp"] = ... } and the like: nested initializers of Claims are not followed.
                            if (member.Property.Name is "Claims" or "Expires") return Expiration.Unknown;
                            break;
                        default:
                            return Expiration.Unknown;
                    }

                    if (result != Expiration.Absent) return result;
                }
            }

            if (local is null) return result;
            foreach (var operationInMethod in ValueFlow.DescendantsOf(ValueFlow.Root(local)))
            {
                if (operationInMethod is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, local.Local)) continue;
                IOperation current = use;
                while (current.Parent is IConversionOperation) current = current.Parent;
                switch (current.Parent)
                {
                    case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                        if (property.Property.Name == "Claims") return Expiration.Unknown; // descriptor.Claims.Add(...)
                        if (property.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                        {
                            result = ExpirationEvidence.Combine(result, ClassifyDescriptorWrite(property.Property.Name, assignment.Value, symbols, cancellationToken));
                        }
                        else if (property.Property.Name == "Expires" && property.Parent is ICompoundAssignmentOperation or ICoalesceAssignmentOperation)
                        {
                            return Expiration.Present;
                        }

                        break;
                    case IArgumentOperation { Parent: IInvocationOperation sink }
                        when symbols.TokenHandler is not null && sink.TargetMethod.ContainingType is { } sinkType && DerivesFrom(sinkType, symbols.TokenHandler):
                        break;
                    default:
                        return Expiration.Unknown;
                }

                if (result != Expiration.Absent) return result;
            }

            return result;
        }

        private static Expiration ClassifyDescriptorWrite(string property, IOperation value, Symbols symbols, CancellationToken cancellationToken)
        {
            switch (property)
            {
                case "Expires":
                    return ExpirationEvidence.IsProvablyNull(value, cancellationToken) ? Expiration.Absent : Expiration.Present;
                case "Claims":
                    if (ExpirationEvidence.IsProvablyNull(value, cancellationToken)) return Expiration.Absent;
                    return ExpirationEvidence.EvaluateObjectPayload(value, symbols.Dictionary, _ => false, out _, cancellationToken);
                default:
                    return Expiration.Absent; // Subject, Issuer, SigningCredentials, ...: claims named "exp" are caught by MentionsExp
            }
        }

        // ---- JWT.Net JwtBuilder -------------------------------------------------------------------------------

        private static void AnalyzeBuilderEncode(OperationAnalysisContext context, IInvocationOperation encode, Symbols symbols)
        {
            if (EvaluateBuilderChain(encode, symbols, context.CancellationToken) != Expiration.Absent) return;
            if (!IsReportable(encode, symbols)) return;

            // Point at ".Encode()" rather than the whole chain, which may span many lines.
            var location = encode.Syntax.GetLocation();
            if (encode.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                {
                    Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax memberAccess,
                } syntax)
            {
                location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, syntax.Span.End));
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKey, FixBuilderExpirationTime);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TokenWithoutExpiration, location, properties, "'JwtBuilder.Encode'"));
        }

        /// <summary>
        /// Walks the fluent chain from <c>Encode()</c> back to <c>new JwtBuilder()</c>/<c>JwtBuilder.Create()</c>,
        /// through a builder local whose every use is a visible chain.
        /// </summary>
        private static Expiration EvaluateBuilderChain(IInvocationOperation encode, Symbols symbols, CancellationToken cancellationToken)
        {
            var result = Expiration.Absent;
            var current = ReceiverOf(encode);
            for (var depth = 0; depth < 64 && current is not null; depth++)
            {
                current = ExpirationEvidence.Strip(current);
                switch (current)
                {
                    case IInvocationOperation call:
                        if (IsBuilderFactory(call.TargetMethod, symbols)) return result;
                        result = ExpirationEvidence.Combine(result, ClassifyBuilderCall(call, symbols, cancellationToken));
                        if (result != Expiration.Absent) return result;
                        current = ReceiverOf(call);
                        break;
                    case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.JwtBuilder):
                        return creation.Initializer is null ? result : Expiration.Unknown;
                    case ILocalReferenceOperation local:
                        return ExpirationEvidence.Combine(result, EvaluateBuilderLocal(local, symbols, depth, cancellationToken));
                    default:
                        return Expiration.Unknown; // a parameter, a field, a factory of ours: not the whole chain
                }
            }

            return Expiration.Unknown;
        }

        private static Expiration EvaluateBuilderLocal(ILocalReferenceOperation reference, Symbols symbols, int depth, CancellationToken cancellationToken)
        {
            if (depth > 8) return Expiration.Unknown;
            var root = ValueFlow.Root(reference);
            var declarator = ExpirationEvidence.FindDeclarator(root, reference.Local);
            if (declarator?.Initializer is null) return Expiration.Unknown;

            // The initializer: itself a chain that must start at the factory.
            var result = EvaluateBuilderChainFrom(declarator.Initializer.Value, symbols, depth, cancellationToken);
            if (result != Expiration.Absent) return result;

            foreach (var operation in ValueFlow.DescendantsOf(root))
            {
                if (operation is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, reference.Local)) continue;
                if (ReferenceEquals(use, reference)) continue; // the chain being evaluated, already classified
                result = ExpirationEvidence.Combine(result, ClassifyBuilderUse(use, symbols, cancellationToken));
                if (result != Expiration.Absent) return result;
            }

            return result;
        }

        private static Expiration EvaluateBuilderChainFrom(IOperation value, Symbols symbols, int depth, CancellationToken cancellationToken)
        {
            var result = Expiration.Absent;
            IOperation? current = value;
            for (var steps = 0; steps < 64 && current is not null; steps++)
            {
                current = ExpirationEvidence.Strip(current);
                switch (current)
                {
                    case IInvocationOperation call:
                        if (IsBuilderFactory(call.TargetMethod, symbols)) return result;
                        result = ExpirationEvidence.Combine(result, ClassifyBuilderCall(call, symbols, cancellationToken));
                        if (result != Expiration.Absent) return result;
                        current = ReceiverOf(call);
                        break;
                    case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.JwtBuilder):
                        return creation.Initializer is null ? result : Expiration.Unknown;
                    case ILocalReferenceOperation local:
                        return ExpirationEvidence.Combine(result, EvaluateBuilderLocal(local, symbols, depth + 1, cancellationToken));
                    default:
                        return Expiration.Unknown;
                }
            }

            return Expiration.Unknown;
        }

        /// <summary>Another use of the builder local: a statement chain on it (classified), or anything else (unknown).</summary>
        private static Expiration ClassifyBuilderUse(ILocalReferenceOperation use, Symbols symbols, CancellationToken cancellationToken)
        {
            var result = Expiration.Absent;
            IOperation current = use;
            for (var steps = 0; steps < 64; steps++)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation) { current = parent; parent = parent.Parent; }
                IInvocationOperation? call = null;
                if (parent is IInvocationOperation invocation && ReferenceEquals(invocation.Instance, current))
                {
                    call = invocation;
                }
                else if (parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation extension }
                    && extension.TargetMethod.IsExtensionMethod)
                {
                    call = extension;
                }

                if (call is null) break;
                if (!IsBuilderTerminal(call.TargetMethod, symbols))
                {
                    result = ExpirationEvidence.Combine(result, ClassifyBuilderCall(call, symbols, cancellationToken));
                    if (result != Expiration.Absent) return result;
                }

                current = call;
            }

            if (ReferenceEquals(current, use))
            {
                // A bare use: an assignment target is a second write (unknown), anything else hands the builder on.
                return Expiration.Unknown;
            }

            // A chain used as a statement, or ending in Encode/Decode (a string), leaves no alias behind.
            if (current.Parent is IExpressionStatementOperation) return result;
            if (current is IInvocationOperation last && IsBuilderTerminal(last.TargetMethod, symbols)) return result;
            return Expiration.Unknown;
        }

        private static Expiration ClassifyBuilderCall(IInvocationOperation call, Symbols symbols, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            var type = method.ContainingType;
            var known = SymbolEqualityComparer.Default.Equals(type, symbols.JwtBuilder)
                || (symbols.JwtBuilderExtensions is not null && SymbolEqualityComparer.Default.Equals(type, symbols.JwtBuilderExtensions));
            if (!known) return Expiration.Unknown; // an extension method of the application: could add anything

            switch (method.Name)
            {
                case "ExpirationTime":
                    return Expiration.Present;
                case "AddClaim":
                    var name = FindArgument(call.Arguments, "name");
                    if (name is null) return Expiration.Unknown;
                    if (name.Value.Type?.TypeKind == TypeKind.Enum)
                    {
                        if (symbols.ClaimNameExpirationTime is null || !ValueFlow.TryGetConstant(name.Value, out var enumValue, cancellationToken)) return Expiration.Unknown;
                        return Equals(enumValue, symbols.ClaimNameExpirationTime.ConstantValue) ? Expiration.Present : Expiration.Absent;
                    }

                    return ExpirationEvidence.ClassifyKey(name.Value, cancellationToken);
                case "AddClaims":
                    var claims = FindArgument(call.Arguments, "claims");
                    return claims is null
                        ? Expiration.Unknown
                        : ExpirationEvidence.EvaluateObjectPayload(claims.Value, symbols.Dictionary, _ => false, out _, cancellationToken);
                default:
                    return Expiration.Absent; // WithAlgorithm, WithSecret, Issuer, Subject, AddHeader, ...
            }
        }

        private static bool IsBuilderFactory(IMethodSymbol method, Symbols symbols)
            => method.IsStatic && method.Name == "Create" && method.Parameters.Length == 0
               && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.JwtBuilder);

        private static bool IsBuilderTerminal(IMethodSymbol method, Symbols symbols)
            => SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.JwtBuilder)
               && (method.Name.StartsWith("Decode", System.StringComparison.Ordinal) || method.Name is "Encode" or "CanEncode" or "CanDecode");

        private static IOperation? ReceiverOf(IInvocationOperation call)
        {
            if (call.Instance is not null) return call.Instance;
            if (!call.TargetMethod.IsExtensionMethod) return null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0) return argument.Value;
            }

            return null;
        }

        // ---- jose-jwt JWT.Encode --------------------------------------------------------------------------------

        private static void AnalyzeJoseEncode(OperationAnalysisContext context, IInvocationOperation invocation, Symbols symbols)
        {
            var payload = FindArgument(invocation.Arguments, "payload");
            if (payload is null) return;
            var cancellationToken = context.CancellationToken;

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (payload.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                if (ExpirationEvidence.EvaluateJson(payload.Value, symbols.Dictionary, cancellationToken) != Expiration.Absent) return;
            }
            else
            {
                var evidence = ExpirationEvidence.EvaluateObjectPayload(payload.Value, symbols.Dictionary, IsJoseEncode, out var creation, cancellationToken);
                if (evidence != Expiration.Absent) return;
                var fix = creation switch
                {
                    IAnonymousObjectCreationOperation => FixAnonymousMember,
                    IObjectCreationOperation dictionary when AcceptsLongValues(dictionary.Type) => FixDictionaryEntry,
                    _ => null,
                };
                if (fix is not null && creation?.Syntax is { } creationSyntax && creationSyntax.SyntaxTree == invocation.Syntax.SyntaxTree)
                {
                    properties = WithTarget(properties.Add(FixKey, fix), creationSyntax);
                }
            }

            if (!IsReportable(invocation, symbols)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TokenWithoutExpiration, invocation.Syntax.GetLocation(), properties, "'JWT.Encode'"));

            bool IsJoseEncode(IInvocationOperation sink)
                => SymbolEqualityComparer.Default.Equals(sink.TargetMethod.ContainingType, symbols.JoseJwt);
        }

        /// <summary>Dictionary&lt;string, object&gt; (or dynamic/long values): an <c>exp</c> number can be added.</summary>
        private static bool AcceptsLongValues(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { TypeArguments.Length: 2 } named) return false;
            var valueType = named.TypeArguments[1];
            return valueType.SpecialType is SpecialType.System_Object or SpecialType.System_Int64 || valueType.TypeKind == TypeKind.Dynamic;
        }

        // ---- shared -------------------------------------------------------------------------------------------

        /// <summary>The exceptions every shape honours: development-only code, and methods that name <c>exp</c>.</summary>
        private static bool IsReportable(IOperation operation, Symbols symbols, bool claimsFromElsewhere = false)
        {
            // Truncated or mangled code: the binder's guess at an overload proves nothing.
            if (operation.Syntax.ContainsDiagnostics) return false;
            if (EnvironmentGuard.IsDevelopmentOnly(operation)) return false;
            if (ExpirationEvidence.MentionsExp(ValueFlow.Root(operation), symbols.ClaimNameExpirationTime)) return false;
            return !claimsFromElsewhere || !ExpirationEvidence.TypeCreatesExpClaim(operation.Syntax);
        }

        /// <summary>A claims argument that is given and not provably null: its claims may include <c>exp</c>.</summary>
        private static bool HasClaims(IArgumentOperation? claims, CancellationToken cancellationToken)
            => claims is not null && claims.ArgumentKind != ArgumentKind.DefaultValue && !ExpirationEvidence.IsProvablyNull(claims.Value, cancellationToken);

        private static ImmutableDictionary<string, string?> WithTarget(ImmutableDictionary<string, string?> properties, SyntaxNode target)
            => properties
                .Add(TargetStartKey, target.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add(TargetLengthKey, target.Span.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
            }

            return false;
        }

        private static IParameterSymbol? FindParameter(IMethodSymbol method, string name)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == name) return parameter;
            }

            return null;
        }

        private static IArgumentOperation? FindArgument(ImmutableArray<IArgumentOperation> arguments, string name)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == name) return argument;
            }

            return null;
        }
    }
}
