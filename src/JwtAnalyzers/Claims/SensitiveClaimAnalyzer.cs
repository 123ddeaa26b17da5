using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using JwtAnalyzers.Options;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Claims
{
    /// <summary>
    /// JWT020: a claim whose name denotes a secret or sensitive personal data ("password", "client_secret",
    /// "ssn"), or whose value is read from a member or parameter so named (<c>user.PasswordHash</c>), is put in a
    /// token. Sinks: <c>new Claim(type, value)</c> (not a class derived from Claim); <c>JwtPayload</c> (Add, indexer,
    /// collection initializer); <c>SecurityTokenDescriptor.Claims</c> entries; JWT.Net <c>AddClaim</c>; dictionaries
    /// and anonymous objects passed as the payload of jose-jwt <c>JWT.Encode</c> (JWS only), JWT.Net encoders,
    /// <c>AddClaims</c> and <c>JwtPayload</c>'s claims collection.
    /// Not reported: facts about a secret ("PasswordExpired", a bool, a date), <c>amr</c> and
    /// <c>ClaimTypes.AuthenticationMethod</c> claims, constant values, encrypted tokens (JWE).
    /// </summary>
    public sealed class SensitiveClaimAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 8;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SensitiveClaim);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = JwtSymbols.From(start.Compilation);
                if (!symbols.HasAnyTokenLibrary) return; // no token is issued here: no cost
                var sinks = new Sinks(start.Compilation, symbols);
                // Claim itself, not a class derived from it (whatever it is named): its constructor may pass its arguments on as anything.
                start.RegisterObjectCreationAction(c => AnalyzeCreation(c, sinks), sinks.Claim);
                start.RegisterInvocationAction(AddNames, method => method.Name == "AddClaim" ? sinks.IsJwtBuilderMember(method) : IsInstanceAddOfAPair(method), c => AnalyzeInvocation(c, sinks));
                start.RegisterPropertyAssignmentAction(IndexerNames, property => property.IsIndexer && property.Parameters.Length == 1, c => AnalyzeAssignment(c, sinks));
                start.RegisterOperationAction(c => AnalyzeAnonymousObject(c, sinks), OperationKind.AnonymousObjectCreation);
                // A local dictionary's entries are read from the sink it is passed to (few in a code base), not from each entry.
                start.RegisterInvocationAction(PayloadMethodNames, sinks.HasPayloadParameter, c => AnalyzePayloadSink(c, sinks));
                start.RegisterObjectCreationAction(c => AnalyzePayloadSink(c, sinks), sinks.JwtPayload);
                start.RegisterPropertyAssignmentAction(ClaimsNames, sinks.IsDescriptorClaims, c => AnalyzePayloadSink(c, sinks));
            });
        }

        // new Claim(type, value, ...)
        private static void AnalyzeCreation(OperationAnalysisContext context, Sinks sinks)
        {
            if (context.Operation is not IObjectCreationOperation creation || sinks.Claim is null) return;
            if (creation.Constructor is not { } constructor || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, sinks.Claim)) return;
            var type = ArgumentValue(creation.Arguments, "type");
            var value = ArgumentValue(creation.Arguments, "value");
            if (type is null || value is null) return;
            Evaluate(context, sinks, creation, type, null, value, creation.Syntax.Span, encryptionScope: creation);
        }

        // payload.Add("password", x), { "password", x } in a collection initializer, builder.AddClaim("password", x)
        /// <summary>JwtBuilder.AddClaim and a payload dictionary's Add.</summary>
        private static readonly HashSet<string> AddNames = KeyedRegistration.Names("AddClaim", "Add");
        private static readonly HashSet<string> IndexerNames = KeyedRegistration.Names(KeyedRegistration.IndexerName);
        /// <summary>The methods that take a payload object (jose-jwt's and JWT.Net's Encode, JwtBuilder's AddClaims).</summary>
        private static readonly HashSet<string> PayloadMethodNames = KeyedRegistration.Names("Encode", "AddClaims");
        private static readonly HashSet<string> ClaimsNames = KeyedRegistration.Names("Claims");

        private static void AnalyzeInvocation(OperationAnalysisContext context, Sinks sinks)
        {
            if (context.Operation is not IInvocationOperation invocation) return;
            var method = invocation.TargetMethod;
            if (method is null) return;

            if (method.Name == "AddClaim" && sinks.IsJwtBuilderMember(method))
            {
                var name = ArgumentValue(invocation.Arguments, "name");
                var value = ArgumentValue(invocation.Arguments, "value");
                if (name is null || value is null || name.Type?.SpecialType != SpecialType.System_String) return; // ClaimName: registered claims
                Evaluate(context, sinks, invocation, name, null, value, AddClaimSpan(invocation));
                return;
            }

            // The host's filter (IsInstanceAddOfAPair) let only instance methods Add(key, value) through. An entry of a
            // dictionary that cannot be a payload (a header collection, a dictionary kept in a field or returned) is
            // dropped before its arguments are read, and so is an entry of a local dictionary, read from the sink the
            // local is passed to (EvaluateLocalEntries): most calls named Add with two arguments are such. The
            // method's parameters are not asked for here: the public symbol makes a new array of them each time.
            if (method.Name != "Add" || invocation.Arguments.Length != 2) return;
            if (!IsPayloadReceiver(invocation.Instance, invocation, sinks, exact: false)) return;
            // Whether the dictionary goes into a token is asked exactly only of an entry that would be reported.
            EvaluateAdd(context, sinks, invocation, isPayload: false);
        }

        /// <summary>
        /// An entry <c>Add(key, value)</c> of a dictionary: a payload's when <paramref name="isPayload"/>, else one whose
        /// dictionary is asked exactly only when the entry would be reported.
        /// </summary>
        private static void EvaluateAdd(OperationAnalysisContext context, Sinks sinks, IInvocationOperation invocation, bool isPayload)
        {
            var key = ArgumentValue(invocation.Arguments, "key");
            var item = ArgumentValue(invocation.Arguments, "value");
            if (key is null || item is null || key.Type?.SpecialType != SpecialType.System_String) return; // the key, converted to the parameter's type
            Evaluate(context, sinks, invocation, key, null, item, invocation.Syntax.Span, isPayload ? null : invocation.Instance, isPayload ? null : invocation);
        }

        /// <summary>
        /// A dictionary's <c>Add(key, value)</c>, also as the host's filter (given <c>Dictionary&lt;TKey, TValue&gt;.Add</c>,
        /// whose key is a string only once constructed): a list's <c>Add(item)</c>, most of a code base's calls named
        /// Add, never reaches the handler, nor does an <c>Add(name, value)</c> (<c>NameValueCollection</c>), whose entry
        /// the handler would not read. Asked once per method, so reading the parameters here costs nothing per call.
        /// </summary>
        private static bool IsInstanceAddOfAPair(IMethodSymbol method)
            => !method.IsStatic && method.Parameters is { Length: 2 } parameters && parameters[0].Name == "key" && parameters[1].Name == "value";

        // payload["password"] = x, descriptor.Claims["password"] = x, ["password"] = x in an object initializer
        private static void AnalyzeAssignment(OperationAnalysisContext context, Sinks sinks)
        {
            if (context.Operation is not ISimpleAssignmentOperation assignment) return;
            if (assignment.Target is not IPropertyReferenceOperation { Property.IsIndexer: true } indexer || indexer.Arguments.Length != 1) return;
            if (!IsPayloadReceiver(indexer.Instance, assignment, sinks, exact: false)) return;
            EvaluateIndexer(context, sinks, assignment, indexer, isPayload: false);
        }

        private static void EvaluateIndexer(OperationAnalysisContext context, Sinks sinks, ISimpleAssignmentOperation assignment, IPropertyReferenceOperation indexer, bool isPayload)
        {
            var key = indexer.Arguments[0].Value;
            if (key.Type?.SpecialType != SpecialType.System_String) return;
            Evaluate(context, sinks, assignment, key, null, assignment.Value, assignment.Syntax.Span, isPayload ? null : indexer.Instance, isPayload ? null : assignment);
        }

        // Jose.JWT.Encode(payload, ...), encoder.Encode(payload, ...), builder.AddClaims(payload), new JwtPayload(..., payload, ...),
        // descriptor.Claims = payload, new SecurityTokenDescriptor { Claims = payload }
        private static void AnalyzePayloadSink(OperationAnalysisContext context, Sinks sinks)
        {
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    foreach (var argument in invocation.Arguments) ReadLocalPassed(context, sinks, argument.Value);
                    break;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments) ReadLocalPassed(context, sinks, argument.Value);
                    break;
                case ISimpleAssignmentOperation assignment:
                    ReadLocalPassed(context, sinks, assignment.Value);
                    break;
            }
        }

        private static void ReadLocalPassed(OperationAnalysisContext context, Sinks sinks, IOperation value)
        {
            if (StripConversions(value) is ILocalReferenceOperation local && PayloadSinkOf(local, sinks, exact: true) is { } sink)
            {
                EvaluateLocalEntries(context, sinks, local.Local, sink);
            }
        }

        /// <summary>
        /// The entries of a local dictionary that <paramref name="sink"/> makes a token's payload: its <c>Add(key, value)</c>
        /// calls, indexer assignments and the collection initializer it is declared with, anywhere in the body. Reading
        /// them from the sink instead of asking at each entry whether its local reaches a sink leaves the many local
        /// dictionaries that never do (a discovery document's 28 entries on IdentityServer4) at one look at the
        /// receiver per entry. A <c>JwtPayload</c> is a payload whatever it is passed to; its entries are the entry
        /// handlers' own.
        /// </summary>
        private static void EvaluateLocalEntries(OperationAnalysisContext context, Sinks sinks, ILocalSymbol local, IOperation sink)
        {
            if (!IsStringKeyedDictionary(local.Type) || (sinks.JwtPayload is not null && InheritsFrom(local.Type, sinks.JwtPayload))) return;
            var body = ValueFlow.DescendantsOf(ValueFlow.Root(sink));
            if (!ReferenceEquals(FirstSinkOf(local, body, sinks, context.CancellationToken), sink)) return;
            foreach (var descendant in body)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                switch (descendant)
                {
                    case IInvocationOperation { Arguments.Length: 2, TargetMethod: { Name: "Add" } method } invocation
                        when IsEntryOf(invocation.Instance, invocation, local, sinks) && IsInstanceAddOfAPair(method):
                        EvaluateAdd(context, sinks, invocation, isPayload: true);
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment
                        when IsEntryOf(indexer.Instance, assignment, local, sinks):
                        EvaluateIndexer(context, sinks, assignment, indexer, isPayload: true);
                        break;
                }
            }
        }

        /// <summary>
        /// The first of the local's payload sinks in body order (an argument or a <c>Claims</c> assignment), which alone
        /// reads its entries: each entry is reported once however many sinks the local reaches, and in every analysis of
        /// the body, with no memory of an earlier one (an IDE may run a body's callbacks again on the same compilation).
        /// </summary>
        private static IOperation? FirstSinkOf(ILocalSymbol local, IOperation[] body, Sinks sinks, CancellationToken cancellationToken)
        {
            foreach (var descendant in body)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && PayloadSinkOf(reference, sinks, exact: true) is { } sink)
                {
                    return sink;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether <paramref name="instance"/>, the receiver of the entry <paramref name="at"/>, is <paramref name="local"/>
        /// or the object it is declared with (<c>var d = new Dictionary&lt;string, object&gt; { ... }</c>), and not a
        /// <c>JwtPayload</c> (whose entries the entry handlers read).
        /// </summary>
        private static bool IsEntryOf(IOperation? instance, IOperation at, ILocalSymbol local, Sinks sinks)
        {
            switch (instance)
            {
                case ILocalReferenceOperation reference:
                    return SymbolEqualityComparer.Default.Equals(reference.Local, local);
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                    when at.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation }:
                    if (!IsStringKeyedDictionary(creation.Type) || (sinks.JwtPayload is not null && InheritsFrom(creation.Type, sinks.JwtPayload))) return false;
                    return WithConversions(creation).Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                        && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local);
                default:
                    return false;
            }
        }

        // JWT.Encode(new { sub = id, password = x }, key, JwsAlgorithm.HS256)
        private static void AnalyzeAnonymousObject(OperationAnalysisContext context, Sinks sinks)
        {
            if (context.Operation is not IAnonymousObjectCreationOperation anonymous) return;
            if (!IsPayloadValue(anonymous, sinks, allowLocal: true, exact: true, context.CancellationToken)) return;
            foreach (var initializer in anonymous.Initializers)
            {
                if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } member) continue;
                Evaluate(context, sinks, anonymous, null, property.Property.Name, member.Value, member.Syntax.Span);
            }
        }

        /// <summary>
        /// Reports the claim <paramref name="site"/> at <paramref name="span"/> (of the operation's file) when its name or
        /// value is sensitive. With <paramref name="at"/>, the entry is written into <paramref name="receiver"/>, a
        /// dictionary that must prove to be a token's payload (<see cref="IsPayloadReceiver"/>): the caller has asked its
        /// shape first, and the exact question is asked last, only of an entry that would be reported. So is the walk up
        /// from <paramref name="encryptionScope"/> for encrypting credentials (a claim in an encrypted token is not
        /// reported).
        /// </summary>
        private static void Evaluate(OperationAnalysisContext context, Sinks sinks, IOperation site, IOperation? nameOperation, string? knownName, IOperation value, TextSpan span,
            IOperation? receiver = null, IOperation? at = null, IOperation? encryptionScope = null)
        {
            // The semantic model holds its tree; a node finds its own by walking up to the root.
            var tree = context.Operation.SemanticModel?.SyntaxTree ?? context.Operation.Syntax.SyntaxTree;
            var name = knownName;
            if (name is null && nameOperation is not null)
            {
                // Most claim names are constants ("sub", JwtClaimTypes.Subject): read as they are, not followed.
                if (ValueFlow.ConstantOf(nameOperation) is { HasValue: true, Value: string direct }) name = direct;
                else if (ValueFlow.TryGetConstant(nameOperation, out var constant, context.CancellationToken) && constant is string s) name = s;
            }

            var configured = sinks.ConfiguredNames(context.Options, tree);

            if (name is not null)
            {
                var said = SensitiveNames.ClassifyClaimName(name, configured);
                if (said == ClaimNameKind.AuthenticationMethod) return; // amr = "pwd" names a method
                if (said != ClaimNameKind.None && said != ClaimNameKind.FactAboutSecret)
                {
                    var kind = (SensitiveKind)said;
                    // Development-only code is exempt; asked last, as most claims are not reported.
                    if (!ValueIsFact(value, kind, context.CancellationToken) && IsReported(context, sinks, site, nameOperation, value, receiver, at, encryptionScope))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SensitiveClaim, Location.Create(tree, span), "'" + name + "'"));
                    }

                    return;
                }

                if (said == ClaimNameKind.FactAboutSecret) return; // "password_changed_at": a fact, whatever its value
            }

            var source = FindSensitiveSource(value, configured, 0, context.CancellationToken);
            if (source is null || !IsReported(context, sinks, site, nameOperation, value, receiver, at, encryptionScope)) return;
            var from = "(value read from '" + Describe(source) + "')";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SensitiveClaim, Location.Create(tree, span), name is null ? from : "'" + name + "' " + from));
        }

        /// <summary>
        /// The checks that only a finding needs: the name and value are not code being typed, the token is not
        /// encrypted, the dictionary is a payload (when there is one), the code is not development-only.
        /// </summary>
        private static bool IsReported(OperationAnalysisContext context, Sinks sinks, IOperation site, IOperation? nameOperation, IOperation value, IOperation? receiver, IOperation? at, IOperation? encryptionScope)
        {
            if (IsBroken(value) || (nameOperation is not null && IsBroken(nameOperation))) return false;
            if (encryptionScope is not null && IsEncrypted(encryptionScope, sinks)) return false;
            if (at is not null && !IsPayloadReceiver(receiver, at, sinks, exact: true)) return false;
            return !EnvironmentGuard.IsDevelopmentOnly(site);
        }

        /// <summary>A member, parameter or local the value is read from whose name denotes sensitive data; null when none.</summary>
        internal static IOperation? FindSensitiveSource(IOperation operation, ImmutableArray<string[]> configured, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth) return null;
            // A constant named "Password" is a method name or a label, not a user's secret. Only a field or a local read is
            // a constant this search would otherwise name (any other constant is made of such reads and literals), so only
            // those ask; IOperation.ConstantValue would realize the value of every operation it is asked of.
            var op = StripConversions(operation);

            switch (op)
            {
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance }:
                    return FindSensitiveSource(instance, configured, depth + 1, cancellationToken);
                case IInvocationOperation { TargetMethod: { Name: "ToString", IsStatic: true, ContainingType.Name: "Convert" } } convert:
                    return ArgumentValue(convert.Arguments, "value") is { } converted
                        ? FindSensitiveSource(converted, configured, depth + 1, cancellationToken)
                        : null;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation
                            && FindSensitiveSource(interpolation.Expression, configured, depth + 1, cancellationToken) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    return FindSensitiveSource(binary.LeftOperand, configured, depth + 1, cancellationToken)
                        ?? FindSensitiveSource(binary.RightOperand, configured, depth + 1, cancellationToken);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return FindSensitiveSource(conditional.WhenTrue, configured, depth + 1, cancellationToken)
                        ?? FindSensitiveSource(whenFalse, configured, depth + 1, cancellationToken);
                case ICoalesceOperation coalesce:
                    return FindSensitiveSource(coalesce.Value, configured, depth + 1, cancellationToken)
                        ?? FindSensitiveSource(coalesce.WhenNull, configured, depth + 1, cancellationToken);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    return IsSensitiveSource(op, property.Property.Name, configured, cancellationToken) ? op : null;
                case IFieldReferenceOperation field:
                    return !field.Field.HasConstantValue && IsSensitiveSource(op, field.Field.Name, configured, cancellationToken) ? op : null;
                case IParameterReferenceOperation parameter:
                    return IsSensitiveSource(op, parameter.Parameter.Name, configured, cancellationToken) ? op : null;
                case ILocalReferenceOperation local:
                    if (local.Local.HasConstantValue) return null;
                    if (IsSensitiveSource(op, local.Local.Name, configured, cancellationToken)) return op;
                    if (!InitializerMayLeadToSource(local.Local, configured, cancellationToken)) return null;
                    var assigned = ValueFlow.Unwrap(op, cancellationToken);
                    return ReferenceEquals(assigned, op) ? null : FindSensitiveSource(assigned, configured, depth + 1, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>
        /// False when the local is declared with an initializer in which <see cref="FindSensitiveSource"/> can find
        /// nothing, judged from its syntax: a call other than ToString, a creation, a literal, an await, or a member
        /// read whose name is not sensitive (<c>"{" + OidcConstants.Events.BackChannelLogout + "}"</c>,
        /// <c>new DateTimeOffset(t).ToUnixTimeSeconds().ToString()</c>). Whether that initializer is the local's one
        /// value or the local has others, the answer is then "no source", and the method body need not be searched
        /// for the local's writes. On IdentityServer4's sources most claim values are such locals
        /// ("var subjectId = user.GetSubjectId();") in large methods.
        /// </summary>
        internal static bool InitializerMayLeadToSource(ILocalSymbol local, ImmutableArray<string[]> configured, CancellationToken cancellationToken)
        {
            var references = local.DeclaringSyntaxReferences;
            if (references.Length != 1 || references[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value }) return true;
            return MayBeFollowed(value, configured, 0);
        }

        /// <summary>
        /// Whether <see cref="FindSensitiveSource"/> may find a source in the operation of this expression: false only
        /// for shapes it never looks into, or returns nothing for whatever they bind to.
        /// </summary>
        private static bool MayBeFollowed(ExpressionSyntax expression, ImmutableArray<string[]> configured, int depth)
        {
            if (depth > MaxDepth) return true;
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return MayBeFollowed(parenthesized.Expression, configured, depth + 1);
                case CastExpressionSyntax cast:
                    return MayBeFollowed(cast.Expression, configured, depth + 1);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression):
                    return MayBeFollowed(binary.Left, configured, depth + 1);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.CoalesceExpression):
                    // String concatenation and ??: either side.
                    return MayBeFollowed(binary.Left, configured, depth + 1) || MayBeFollowed(binary.Right, configured, depth + 1);
                case BinaryExpressionSyntax:
                    return false; // a comparison, arithmetic or logic: never a string read from a member
                case ConditionalExpressionSyntax conditional:
                    return MayBeFollowed(conditional.WhenTrue, configured, depth + 1) || MayBeFollowed(conditional.WhenFalse, configured, depth + 1);
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression switch
                    {
                        // x.ToString(...) follows x, Convert.ToString(x) its argument; any other call is not looked into.
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "ToString"
                            && (MayBeFollowed(member.Expression, configured, depth + 1) || AnyArgumentMayBeFollowed(invocation.ArgumentList, configured, depth + 1)),
                        SimpleNameSyntax name => name.Identifier.ValueText == "ToString" && AnyArgumentMayBeFollowed(invocation.ArgumentList, configured, depth + 1),
                        _ => true,
                    };
                case MemberAccessExpressionSyntax member when member.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    // A field or property read (never a local): a source only by its own name.
                    return SensitiveNames.Classify(member.Name.Identifier.ValueText, configured) != SensitiveKind.None;
                case LiteralExpressionSyntax:
                case BaseObjectCreationExpressionSyntax:
                case ArrayCreationExpressionSyntax:
                case ImplicitArrayCreationExpressionSyntax:
                case AwaitExpressionSyntax:
                case LambdaExpressionSyntax:
                case AnonymousMethodExpressionSyntax:
                case DefaultExpressionSyntax:
                case TypeOfExpressionSyntax:
                case ElementAccessExpressionSyntax:
                case ConditionalAccessExpressionSyntax:
                case QueryExpressionSyntax:
                case SwitchExpressionSyntax:
                    return false;
                default:
                    return true; // names (a local is followed further), interpolations, and anything else
            }
        }

        private static bool AnyArgumentMayBeFollowed(ArgumentListSyntax arguments, ImmutableArray<string[]> configured, int depth)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (MayBeFollowed(argument.Expression, configured, depth)) return true;
            }

            return false;
        }

        private static bool IsSensitiveSource(IOperation reference, string name, ImmutableArray<string[]> configured, CancellationToken cancellationToken)
        {
            var kind = SensitiveNames.Classify(name, configured);
            if (kind == SensitiveKind.None || IsFactType(reference.Type, kind)) return false;
            // A constant behind a readonly field or a local assigned once is a label, not a user's secret.
            return !ValueFlow.TryGetConstant(reference, out _, cancellationToken);
        }

        /// <summary>True when the value of a sensitively named claim cannot be the secret: a flag, a date, null, "".</summary>
        private static bool ValueIsFact(IOperation value, SensitiveKind kind, CancellationToken cancellationToken)
        {
            if (ValueFlow.TryGetConstant(value, out var constant, cancellationToken)
                && (constant is null || constant is bool
                    || (constant is string s && (s.Length == 0 || string.Equals(s, "true", System.StringComparison.OrdinalIgnoreCase) || string.Equals(s, "false", System.StringComparison.OrdinalIgnoreCase)))))
            {
                return true;
            }

            var op = StripConversions(value);
            for (var depth = 0; depth < MaxDepth && op is IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance }; depth++)
            {
                op = StripConversions(instance);
            }

            return IsFactType(op.Type, kind);
        }

        /// <summary>A value of this type states a fact about a secret rather than holding it.</summary>
        private static bool IsFactType(ITypeSymbol? type, SensitiveKind kind)
        {
            if (type is null) return false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.TypeKind == TypeKind.Enum) return true;
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                    return true;
                case SpecialType.System_DateTime:
                    return kind != SensitiveKind.Configured;
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    // A number named "PasswordAge" or "SecretVersion" is a fact; a PIN or a card number is not.
                    return kind == SensitiveKind.TextSecret;
            }

            if (kind != SensitiveKind.Configured && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                switch (type.Name)
                {
                    case "DateTimeOffset":
                    case "TimeSpan":
                    case "DateOnly":
                    case "TimeOnly":
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the dictionary an entry is added to is a token payload: a <c>JwtPayload</c>,
        /// <c>SecurityTokenDescriptor.Claims</c>, or a dictionary created in place that is passed as a payload. Not
        /// <paramref name="exact"/>, the dear questions are answered "yes" (whether the type is a string-keyed
        /// dictionary, which reads all its interfaces; the walk up for encrypting credentials): a superset, asked before
        /// the entry's name and value. A local dictionary (and the object it is declared with) is not one here: its
        /// entries are read from the sink it is passed to (<see cref="EvaluateLocalEntries"/>). Before, each entry of a
        /// local was read and, when it would be reported, the body was searched for the local's uses; asking that
        /// search first at each entry was measured dearer, as it flattened the bodies of locals that are never payloads.
        /// </summary>
        private static bool IsPayloadReceiver(IOperation? instance, IOperation at, Sinks sinks, bool exact)
        {
            if (instance is null) return false;
            if (sinks.JwtPayload is not null && InheritsFrom(instance.Type, sinks.JwtPayload)) return true;

            switch (instance)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    // An element of a collection or object initializer: the object being initialised.
                    if (at.Parent is not IObjectOrCollectionInitializerOperation initializer) return false;
                    switch (initializer.Parent)
                    {
                        case IObjectCreationOperation creation:
                            return (!exact || IsStringKeyedDictionary(creation.Type)) && IsPayloadValue(creation, sinks, allowLocal: false, exact, CancellationToken.None);
                        case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member }:
                            // new SecurityTokenDescriptor { Claims = { ["password"] = x } }
                            return sinks.IsDescriptorClaims(member.Property) && !(exact && IsEncrypted(initializer, sinks));
                        default:
                            return false;
                    }

                case IPropertyReferenceOperation property when sinks.IsDescriptorClaims(property.Property):
                    return !(exact && IsEncrypted(at, sinks));
                default:
                    return false;
            }
        }

        /// <summary>True when a dictionary or anonymous object goes, directly or through a local, to a payload sink.</summary>
        private static bool IsPayloadValue(IOperation value, Sinks sinks, bool allowLocal, bool exact, CancellationToken cancellationToken)
        {
            if (PayloadSinkOf(value, sinks, exact) is not null) return true;
            return allowLocal
                && WithConversions(value).Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                && (!exact || FirstSinkOf(declarator.Symbol, ValueFlow.DescendantsOf(ValueFlow.Root(value)), sinks, cancellationToken) is not null);
        }

        /// <summary>
        /// The payload sink <paramref name="value"/> goes to directly (through conversions): an argument that a payload
        /// parameter takes, or an assignment to <c>SecurityTokenDescriptor.Claims</c>. Null when it goes elsewhere, or,
        /// <paramref name="exact"/>, when the token is encrypted.
        /// </summary>
        private static IOperation? PayloadSinkOf(IOperation value, Sinks sinks, bool exact)
        {
            var current = WithConversions(value);
            switch (current.Parent)
            {
                case IArgumentOperation argument when sinks.IsPayloadArgument(argument) && !(exact && IsEncrypted(argument, sinks)):
                    return argument;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    when ReferenceEquals(assignment.Value, current) && sinks.IsDescriptorClaims(target.Property) && !(exact && IsEncrypted(assignment, sinks)):
                    return assignment;
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when the claim ends up in an encrypted token (JWE): an enclosing call or object gets
        /// <c>encryptingCredentials</c> / <c>EncryptingCredentials</c>.
        /// </summary>
        private static bool IsEncrypted(IOperation operation, Sinks sinks)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                ImmutableArray<IArgumentOperation> arguments;
                IObjectOrCollectionInitializerOperation? initializer = null;
                switch (current)
                {
                    case IInvocationOperation invocation:
                        arguments = invocation.Arguments;
                        break;
                    case IObjectCreationOperation creation:
                        arguments = creation.Arguments;
                        initializer = creation.Initializer;
                        break;
                    default:
                        continue;
                }

                foreach (var argument in arguments)
                {
                    if (argument.Parameter?.Name == "encryptingCredentials" && !IsNull(argument.Value)) return true;
                }

                if (initializer is null) continue;
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "EncryptingCredentials" } target } assignment
                        && sinks.SecurityTokenDescriptor is not null
                        && SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, sinks.SecurityTokenDescriptor)
                        && !IsNull(assignment.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A missing or unbindable expression (code being typed): say nothing about it.</summary>
        private static bool IsBroken(IOperation operation)
        {
            var op = StripConversions(operation);
            return op is IInvalidOperation || op.Syntax.IsMissing || op.Type is IErrorTypeSymbol;
        }

        private static bool IsNull(IOperation value)
        {
            var op = StripConversions(value);
            return op.ConstantValue.HasValue && op.ConstantValue.Value is null || op is IDefaultValueOperation;
        }

        private static bool IsStringKeyedDictionary(ITypeSymbol? type)
        {
            if (type is null) return false;
            if (IsStringKeyedDictionaryInterface(type)) return true;
            foreach (var iface in type.AllInterfaces)
            {
                if (IsStringKeyedDictionaryInterface(iface)) return true;
            }

            return false;
        }

        private static bool IsStringKeyedDictionaryInterface(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "IDictionary", Arity: 2 } named
               && named.TypeArguments[0].SpecialType == SpecialType.System_String
               && NamespaceNames.Is(named.ContainingNamespace, "System.Collections.Generic");

        private static IOperation? ArgumentValue(ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName) return argument.Value;
            }

            return null;
        }

        /// <summary>The outermost of the conversions around <paramref name="operation"/> (itself when none): what its parent takes.</summary>
        private static IOperation WithConversions(IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation conversion) current = conversion;
            return current;
        }

        private static IOperation StripConversions(IOperation operation)
        {
            var op = operation;
            while (op is IConversionOperation conversion) op = conversion.Operand;
            return op;
        }

        private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType)) return true;
            }

            return false;
        }

        /// <summary>"AddClaim(...)" without the receiver, so that a fluent chain is not all underlined.</summary>
        private static TextSpan AddClaimSpan(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } syntax
                ? TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End)
                : invocation.Syntax.Span;

        private static string Describe(IOperation source)
        {
            var text = source.Syntax.ToString();
            if (text.Length <= 80 && text.IndexOf('\n') < 0) return text;
            switch (source)
            {
                case IPropertyReferenceOperation p: return p.Property.Name;
                case IFieldReferenceOperation f: return f.Field.Name;
                case IParameterReferenceOperation a: return a.Parameter.Name;
                case ILocalReferenceOperation l: return l.Local.Name;
                default: return text.Substring(0, 80);
            }
        }

        /// <summary>The sink types, resolved once per compilation.</summary>
        private sealed class Sinks
        {
            public Sinks(Compilation compilation, JwtSymbols symbols)
            {
                Claim = symbols.Claim;
                JwtPayload = symbols.JwtPayload;
                SecurityTokenDescriptor = symbols.SecurityTokenDescriptor;
                JoseJwt = symbols.JoseJwt;
                JwtBuilder = symbols.JwtBuilder;
                JwtBuilderExtensions = TypeLookup.Get(compilation, "JWT.Builder.JwtBuilderExtensions");
                JwtNetEncoder = symbols.JwtNetEncoder;
                JwtNetIJwtEncoder = symbols.JwtNetIJwtEncoder;
                JwtNetEncoderExtensions = TypeLookup.Get(compilation, "JWT.JwtEncoderExtensions");
            }

            private static readonly JwtAnalyzerOptions.Key NamesKey = new JwtAnalyzerOptions.Key(DiagnosticIds.SensitiveClaim, JwtAnalyzerOptions.SensitiveClaimNames);

            // A few entries, one per thread in turn (by its managed id): the analysis threads work on different files at
            // once, and with one entry shared they kept replacing each other's.
            private readonly ConfiguredForTree?[] _lastConfigured = new ConfiguredForTree?[4];

            /// <summary>
            /// The claim names configured for the file's rule options, parsed once per file in turn: a file's claims
            /// arrive together, and reading the options (two dictionary look-ups) and parsing them for every claim took
            /// about a tenth of the rule's samples in a profile of IdentityServer4's sources. Each thread keeps the last
            /// file's entry in its slot; a slot two threads share is replaced, never mixed: each reads a whole entry, so
            /// none sees another file's names.
            /// </summary>
            public ImmutableArray<string[]> ConfiguredNames(AnalyzerOptions options, SyntaxTree tree)
            {
                var slot = Thread.CurrentThread.ManagedThreadId & (_lastConfigured.Length - 1);
                var last = Volatile.Read(ref _lastConfigured[slot]);
                if (last is not null && ReferenceEquals(last.Tree, tree) && ReferenceEquals(last.Options, options)) return last.Names;
                var names = SensitiveNames.ParseConfigured(JwtAnalyzerOptions.GetList(options, tree, NamesKey));
                Volatile.Write(ref _lastConfigured[slot], new ConfiguredForTree(tree, options, names));
                return names;
            }

            private sealed class ConfiguredForTree
            {
                public ConfiguredForTree(SyntaxTree tree, AnalyzerOptions options, ImmutableArray<string[]> names)
                {
                    Tree = tree;
                    Options = options;
                    Names = names;
                }

                public SyntaxTree Tree { get; }

                public AnalyzerOptions Options { get; }

                public ImmutableArray<string[]> Names { get; }
            }

            public INamedTypeSymbol? Claim { get; }
            public INamedTypeSymbol? JwtPayload { get; }
            public INamedTypeSymbol? SecurityTokenDescriptor { get; }
            private INamedTypeSymbol? JoseJwt { get; }
            private INamedTypeSymbol? JwtBuilder { get; }
            private INamedTypeSymbol? JwtBuilderExtensions { get; }
            private INamedTypeSymbol? JwtNetEncoder { get; }
            private INamedTypeSymbol? JwtNetIJwtEncoder { get; }
            private INamedTypeSymbol? JwtNetEncoderExtensions { get; }

            public bool IsJwtBuilderMember(IMethodSymbol method)
                => Is(method.ContainingType, JwtBuilder) || Is(method.ContainingType, JwtBuilderExtensions);

            public bool IsDescriptorClaims(IPropertySymbol property)
                => property.Name == "Claims" && Is(property.ContainingType, SecurityTokenDescriptor);

            /// <summary>An argument whose object becomes the token's payload (JWS only: jose-jwt's JWE overloads take "enc").</summary>
            public bool IsPayloadArgument(IArgumentOperation argument)
                => argument.Parameter is { ContainingSymbol: IMethodSymbol method } parameter && IsPayloadParameter(method, parameter);

            /// <summary>The host's filter for the payload sinks' invocations: a method with a payload parameter.</summary>
            public bool HasPayloadParameter(IMethodSymbol method)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (IsPayloadParameter(method, parameter)) return true;
                }

                return false;
            }

            private bool IsPayloadParameter(IMethodSymbol method, IParameterSymbol parameter)
            {
                var type = method.ContainingType;
                switch (parameter.Name)
                {
                    case "payload" when method.Name == "Encode" && Is(type, JoseJwt):
                        foreach (var p in method.Parameters)
                        {
                            if (p.Name == "enc") return false;
                        }

                        return true;
                    case "payload" when method.Name == "Encode":
                        return Is(type, JwtNetEncoder) || Is(type, JwtNetIJwtEncoder) || Is(type, JwtNetEncoderExtensions) || Implements(type, JwtNetIJwtEncoder);
                    case "claims" when method.Name == "AddClaims":
                        return Is(type, JwtBuilderExtensions);
                    case "claimsCollection" when method.MethodKind == MethodKind.Constructor:
                        return Is(type, JwtPayload);
                    default:
                        return false;
                }
            }

            private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected)
                => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

            private static bool Implements(INamedTypeSymbol? type, INamedTypeSymbol? iface)
            {
                if (type is null || iface is null) return false;
                foreach (var i in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(i, iface)) return true;
                }

                return false;
            }
        }
    }
}
