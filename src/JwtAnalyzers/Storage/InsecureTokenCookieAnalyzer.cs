using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// JWT031: <c>IResponseCookies.Append(key, value[, options])</c> writes a token cookie that scripts can read
    /// (HttpOnly missing or false), that travels over HTTP (Secure missing or false) or that is sent cross-site
    /// (SameSite = None). A cookie holds a token when its constant key says so (token, jwt, access, refresh, auth,
    /// bearer) or its value comes from token creation or is named like a token. Antiforgery cookies, deleting
    /// cookies (empty value, expiry in the past) and flags from runtime values are not reported.
    /// </summary>
    public sealed class InsecureTokenCookieAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "true" when the call passes a CookieOptions argument.</summary>
        public const string HasOptionsProperty = "HasOptions";

        /// <summary>Diagnostic property: "true" when the fixer can edit the options (additional location 0 is their creation).</summary>
        public const string FixableProperty = "Fixable";

        /// <summary>Diagnostic property: the properties the options creation lacks, comma-separated (HttpOnly,Secure,SameSite).</summary>
        public const string MissingProperty = "Missing";

        private const int MaxDepth = 6;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InsecureTokenCookie);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; token cookies are written there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var cookies = TypeLookup.Get(start.Compilation, "Microsoft.AspNetCore.Http.IResponseCookies");
                var cookieOptions = TypeLookup.Get(start.Compilation, "Microsoft.AspNetCore.Http.CookieOptions");
                var sameSiteMode = TypeLookup.Get(start.Compilation, "Microsoft.AspNetCore.Http.SameSiteMode");
                if (cookies is null || cookieOptions is null || sameSiteMode is null) return; // ASP.NET Core absent: no cost
                object? sameSiteNone = null;
                foreach (var member in sameSiteMode.GetMembers("None"))
                {
                    if (member is IFieldSymbol { HasConstantValue: true } field) sameSiteNone = field.ConstantValue;
                }

                if (sameSiteNone is null) return;
                var symbols = new Symbols(cookies, cookieOptions, sameSiteNone, JwtSymbols.From(start.Compilation));
                // IResponseCookies.Append returns void; StringBuilder.Append, the most common Append by far, does not.
                start.RegisterInvocationAction(AppendNames, method => IsCookieAppend(method, symbols), c => Analyze(c, symbols));
            });
        }

        private sealed class Symbols
        {
            public Symbols(INamedTypeSymbol cookies, INamedTypeSymbol cookieOptions, object sameSiteNone, JwtSymbols jwt)
            {
                Cookies = cookies;
                CookieOptions = cookieOptions;
                SameSiteNone = sameSiteNone;
                Jwt = jwt;
            }

            public INamedTypeSymbol Cookies { get; }
            public INamedTypeSymbol CookieOptions { get; }
            public object SameSiteNone { get; }
            public JwtSymbols Jwt { get; }
        }

        private static readonly HashSet<string> AppendNames = KeyedRegistration.Names("Append");

        private static bool IsCookieAppend(IMethodSymbol method, Symbols symbols)
            => method.Name == "Append" && method.ReturnsVoid && IsResponseCookiesAppend(method, symbols.Cookies);

        private static void Analyze(OperationAnalysisContext context, Symbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!IsCookieAppend(method, symbols)) return;

            IOperation? key = null, value = null, options = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "key": key = argument.Value; break;
                    case "value": value = argument.Value; break;
                    case "options": options = argument.Value; break;
                }
            }

            if (key is null || value is null) return; // the KeyValuePair overload: keys are data, not code
            // A call being typed (`Append("refreshToken", token, new CookieOptions {`) is not yet a cookie write.
            if (invocation.Syntax.ContainsDiagnostics) return;
            var cancellationToken = context.CancellationToken;
            if (EnvironmentGuard.IsDevelopmentOnly(invocation)) return;
            if (!HoldsToken(key, value, symbols, cancellationToken, out var keyText)) return;

            var problems = new List<string>();
            var missing = new List<string>();
            var fixable = true;
            Location? creationLocation = null;
            var badValues = new List<Location>();
            if (options is null)
            {
                problems.Add("is not HttpOnly");
                problems.Add("is not Secure");
            }
            else
            {
                var resolved = ResolveOptions(options, symbols, invocation, cancellationToken);
                if (resolved is null) return; // options from a parameter, a call, configuration: not provable
                var state = resolved;
                // Options that do not compile (`Secure = Missing.Value`, a half-typed helper) say nothing provable.
                if (state.Creation.Syntax.ContainsDiagnostics || HasInvalidPart(state.Creation)) return;
                if (state.IsDeletion) return;
                EvaluateBool(state.HttpOnly, "HttpOnly", "is not HttpOnly", problems, missing, badValues, cancellationToken);
                EvaluateBool(state.Secure, "Secure", "is not Secure", problems, missing, badValues, cancellationToken);
                if (state.SameSite.Count == 0)
                {
                    missing.Add("SameSite");
                }
                else if (AllConstant(state.SameSite, symbols.SameSiteNone, cancellationToken))
                {
                    problems.Add("allows SameSite=None");
                    foreach (var assignment in state.SameSite) badValues.Add(assignment.Value.Syntax.GetLocation());
                }

                creationLocation = state.Creation.Syntax.GetLocation();
                fixable = state.Creation.Syntax.SyntaxTree == invocation.Syntax.SyntaxTree;
                foreach (var location in badValues)
                {
                    if (location.SourceTree != invocation.Syntax.SyntaxTree) fixable = false;
                }
            }

            if (problems.Count == 0) return;

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(HasOptionsProperty, options is null ? "false" : "true");
            properties.Add(FixableProperty, fixable ? "true" : "false");
            properties.Add(MissingProperty, string.Join(",", missing));
            var additional = new List<Location>();
            if (creationLocation is not null)
            {
                additional.Add(creationLocation);
                additional.AddRange(badValues);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InsecureTokenCookie,
                invocation.Syntax.GetLocation(),
                additional,
                properties.ToImmutable(),
                keyText,
                string.Join(" and ", problems)));
        }

        private static void EvaluateBool(List<ISimpleAssignmentOperation> assignments, string name, string problem, List<string> problems, List<string> missing, List<Location> badValues, CancellationToken cancellationToken)
        {
            if (assignments.Count == 0)
            {
                problems.Add(problem);
                missing.Add(name);
                return;
            }

            foreach (var assignment in assignments)
            {
                if (!ValueFlow.IsConstantBool(assignment.Value, false, cancellationToken)) return;
            }

            problems.Add(problem);
            foreach (var assignment in assignments) badValues.Add(assignment.Value.Syntax.GetLocation());
        }

        private static bool AllConstant(List<ISimpleAssignmentOperation> assignments, object expected, CancellationToken cancellationToken)
        {
            foreach (var assignment in assignments)
            {
                if (!ValueFlow.TryGetConstant(assignment.Value, out var value, cancellationToken) || !Equals(value, expected)) return false;
            }

            return true;
        }

        /// <summary>True for IResponseCookies.Append and for methods that implement or override it.</summary>
        private static bool IsResponseCookiesAppend(IMethodSymbol method, INamedTypeSymbol cookies)
        {
            for (var current = method; current is not null; current = current.OverriddenMethod)
            {
                var type = current.ContainingType;
                if (type is null) return false;
                if (SymbolEqualityComparer.Default.Equals(type, cookies)) return true;
                foreach (var @interface in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(@interface, cookies)) continue;
                    foreach (var member in cookies.GetMembers("Append"))
                    {
                        if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), current)) return true;
                    }
                }
            }

            return false;
        }

        // ---- Does the cookie hold a token? ----

        private static bool HoldsToken(IOperation key, IOperation value, Symbols symbols, CancellationToken cancellationToken, out string keyText)
        {
            keyText = "(token value)";
            // A constant value is not a token: it is a placeholder, or the empty value of a cookie being deleted.
            if (ValueFlow.TryGetConstant(value, out _, cancellationToken)) return false;
            if (IsEmptyString(ValueFlow.Unwrap(value, cancellationToken))) return false;

            var keyIsToken = false;
            if (ValueFlow.TryGetConstant(key, out var keyValue, cancellationToken) && keyValue is string keyString)
            {
                if (TokenCookieNames.IsAntiforgeryName(keyString)) return false;
                keyText = keyString;
                keyIsToken = TokenCookieNames.IsTokenKey(keyString);
            }
            else
            {
                var unwrapped = ValueFlow.Unwrap(key, cancellationToken);
                if (TokenCookieNames.IsAntiforgeryName(NameOf(unwrapped))) return false;
                if (key.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax && key.Syntax.Span.Length <= 60)
                {
                    keyText = key.Syntax.ToString();
                }
            }

            var valueKind = ClassifyValue(value, symbols, 0, cancellationToken);
            if (valueKind == ValueKind.NotToken) return false;
            return keyIsToken || valueKind == ValueKind.Token;
        }

        private enum ValueKind
        {
            Unknown,
            Token,
            NotToken,
        }

        private static ValueKind ClassifyValue(IOperation operation, Symbols symbols, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth) return ValueKind.Unknown;
            var result = ValueKind.Unknown;
            foreach (var source in ValueFlow.Sources(operation, cancellationToken))
            {
                var kind = ClassifySource(source, symbols, depth, cancellationToken);
                if (kind == ValueKind.Token) return ValueKind.Token;
                if (kind == ValueKind.NotToken) result = ValueKind.NotToken;
            }

            return result;
        }

        private static ValueKind ClassifySource(IOperation source, Symbols symbols, int depth, CancellationToken cancellationToken)
        {
            switch (source)
            {
                case IAwaitOperation await:
                    return ClassifyValue(await.Operation, symbols, depth + 1, cancellationToken);
                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    if (IsTokenCreation(method, symbols.Jwt)) return ValueKind.Token;
                    if (method.Name == "ToString" && invocation.Instance is { } instance)
                    {
                        if (IsNonTokenType(instance.Type)) return ValueKind.NotToken;
                        return ClassifyValue(instance, symbols, depth + 1, cancellationToken);
                    }

                    return NameKind(method.Name, method.ContainingType);
                }

                case ILocalReferenceOperation local:
                    return NameKind(local.Local.Name, null);
                case IParameterReferenceOperation parameter:
                    return NameKind(parameter.Parameter.Name, null);
                case IFieldReferenceOperation field:
                    return NameKind(field.Field.Name, field.Field.ContainingType);
                case IPropertyReferenceOperation property:
                    return property.Property.IsIndexer ? ValueKind.Unknown : NameKind(property.Property.Name, property.Property.ContainingType);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                {
                    var left = ClassifyValue(binary.LeftOperand, symbols, depth + 1, cancellationToken);
                    if (left == ValueKind.Token) return left;
                    var right = ClassifyValue(binary.RightOperand, symbols, depth + 1, cancellationToken);
                    return right == ValueKind.Token ? right : ValueKind.Unknown;
                }

                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation
                            && ClassifyValue(interpolation.Expression, symbols, depth + 1, cancellationToken) == ValueKind.Token)
                        {
                            return ValueKind.Token;
                        }
                    }

                    return ValueKind.Unknown;
                default:
                    return ValueKind.Unknown;
            }
        }

        private static ValueKind NameKind(string name, INamedTypeSymbol? containingType)
        {
            // The antiforgery token set's RequestToken goes into the XSRF cookie on purpose (double submit).
            if (containingType?.Name == "AntiforgeryTokenSet" || TokenCookieNames.IsAntiforgeryName(name)) return ValueKind.NotToken;
            return TokenCookieNames.IsTokenValueName(name) ? ValueKind.Token : ValueKind.Unknown;
        }

        private static bool IsNonTokenType(ITypeSymbol? type)
        {
            if (type is null) return false;
            if (type.TypeKind == TypeKind.Enum) return true;
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_DateTime:
                    return true;
            }

            return type.Name is "DateTimeOffset" or "TimeSpan" && NamespaceNames.Is(type.ContainingNamespace, "System");
        }

        private static bool IsEmptyString(IOperation operation)
            => operation is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };

        /// <summary>WriteToken/CreateToken/CreateEncodedJwt of the Microsoft handlers, Encode of JWT.Net and jose-jwt.</summary>
        private static bool IsTokenCreation(IMethodSymbol method, JwtSymbols jwt)
        {
            switch (method.Name)
            {
                case "WriteToken":
                case "CreateToken":
                case "CreateEncodedJwt":
                    return DerivesFrom(method.ContainingType, jwt.JwtSecurityTokenHandler)
                        || DerivesFrom(method.ContainingType, jwt.JsonWebTokenHandler)
                        || DerivesFrom(method.ContainingType, jwt.TokenHandler)
                        || method.ContainingType?.Name == "SecurityTokenHandler";
                case "Encode":
                    var type = method.ContainingType;
                    if (type is null) return false;
                    if (SymbolEqualityComparer.Default.Equals(type, jwt.JoseJwt)
                        || SymbolEqualityComparer.Default.Equals(type, jwt.JwtBuilder)
                        || SymbolEqualityComparer.Default.Equals(type, jwt.JwtNetEncoder)
                        || SymbolEqualityComparer.Default.Equals(type, jwt.JwtNetIJwtEncoder))
                    {
                        return true;
                    }

                    foreach (var @interface in type.AllInterfaces)
                    {
                        if (SymbolEqualityComparer.Default.Equals(@interface, jwt.JwtNetIJwtEncoder)) return true;
                    }

                    return false;
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

        private static string? NameOf(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            _ => null,
        };

        // ---- Which CookieOptions does the call use? ----

        private sealed class OptionsState
        {
            public OptionsState(IObjectCreationOperation creation) => Creation = creation;

            public IObjectCreationOperation Creation { get; }
            public List<ISimpleAssignmentOperation> HttpOnly { get; } = new List<ISimpleAssignmentOperation>();
            public List<ISimpleAssignmentOperation> Secure { get; } = new List<ISimpleAssignmentOperation>();
            public List<ISimpleAssignmentOperation> SameSite { get; } = new List<ISimpleAssignmentOperation>();
            public bool IsDeletion { get; set; }
        }

        /// <summary>
        /// The options object creation and every assignment to its flags, when the options are created in place,
        /// in a local or field initialised in the same method, in a readonly field's initializer or in a helper
        /// method of the same file that returns a new object. Null when the options cannot be followed.
        /// </summary>
        private static OptionsState? ResolveOptions(IOperation options, Symbols symbols, IInvocationOperation call, CancellationToken cancellationToken)
        {
            var value = Strip(options);
            ISymbol? holder = null;
            IOperation? scope = null;
            IObjectCreationOperation? creation = null;

            switch (value)
            {
                case IObjectCreationOperation created:
                    creation = created;
                    break;
                case ILocalReferenceOperation local:
                    holder = local.Local;
                    scope = ValueFlow.Root(call);
                    creation = SingleCreationIn(scope, local.Local, cancellationToken);
                    break;
                case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                    holder = field.Field;
                    scope = ValueFlow.Root(call);
                    creation = SingleCreationIn(scope, field.Field, cancellationToken);
                    if (creation is null && field.Field.IsReadOnly)
                    {
                        creation = Strip(ValueFlow.Unwrap(value, cancellationToken)) as IObjectCreationOperation
                                   ?? CreationInFieldInitializer(field.Field, call, cancellationToken);
                    }

                    break;
                case IInvocationOperation helper:
                    creation = CreationReturnedBy(helper, cancellationToken, out scope, out holder);
                    break;
            }

            if (creation is null || !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.CookieOptions)) return null;
            // new CookieOptions(template) copies the template's flags: they are not known here.
            if (!creation.Arguments.IsEmpty) return null;

            var state = new OptionsState(creation);
            if (creation.Initializer is { } initializer)
            {
                foreach (var item in initializer.Initializers)
                {
                    if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment) Record(state, target.Property.Name, assignment, cancellationToken);
                }
            }

            if (holder is not null && scope is not null)
            {
                foreach (var descendant in scope.Descendants())
                {
                    switch (descendant)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when RefersTo(target.Instance, holder):
                            Record(state, target.Property.Name, assignment, cancellationToken);
                            break;
                        case IArgumentOperation argument when RefersTo(argument.Value, holder) && !IsCookieCall(argument.Parent, symbols):
                            return null; // handed to code that may set the flags
                    }
                }
            }

            return state;
        }

        private static void Record(OptionsState state, string property, ISimpleAssignmentOperation assignment, CancellationToken cancellationToken)
        {
            switch (property)
            {
                case "HttpOnly": state.HttpOnly.Add(assignment); break;
                case "Secure": state.Secure.Add(assignment); break;
                case "SameSite": state.SameSite.Add(assignment); break;
                case "Expires":
                case "MaxAge":
                    if (IsInThePast(assignment.Value, cancellationToken)) state.IsDeletion = true;
                    break;
            }
        }

        // Writing a cookie that expires at once is how a cookie is deleted ("logout"): nothing is stored.
        private static bool IsInThePast(IOperation value, CancellationToken cancellationToken)
        {
            var source = Strip(ValueFlow.Unwrap(value, cancellationToken));
            switch (source)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name.StartsWith("Add", System.StringComparison.Ordinal)
                                                           || invocation.TargetMethod.Name.StartsWith("From", System.StringComparison.Ordinal):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (ValueFlow.TryGetConstant(argument.Value, out var constant, cancellationToken) && constant is not null
                            && System.Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture) <= 0)
                        {
                            return true;
                        }
                    }

                    return false;
                case IFieldReferenceOperation field:
                    return field.Field.Name is "MinValue" or "UnixEpoch" or "Zero";
                case IPropertyReferenceOperation property:
                    return property.Property.Name is "UnixEpoch" or "Zero";
                default:
                    return false;
            }
        }

        private static bool IsCookieCall(IOperation? operation, Symbols symbols)
            => operation is IInvocationOperation invocation
               && (invocation.TargetMethod.Name is "Append" or "Delete")
               && (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Cookies)
                   || IsResponseCookiesAppend(invocation.TargetMethod, symbols.Cookies)
                   || invocation.TargetMethod.ContainingType?.Name == "ResponseCookies");

        private static IObjectCreationOperation? SingleCreationIn(IOperation scope, ISymbol holder, CancellationToken cancellationToken)
        {
            IObjectCreationOperation? found = null;
            foreach (var descendant in scope.Descendants())
            {
                IOperation? assigned = null;
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, holder):
                        assigned = declarator.Initializer?.Value;
                        if (assigned is null) continue;
                        break;
                    case ISimpleAssignmentOperation assignment when RefersTo(assignment.Target, holder):
                        assigned = assignment.Value;
                        break;
                    case ICompoundAssignmentOperation compound when RefersTo(compound.Target, holder):
                    case ICoalesceAssignmentOperation coalesce when RefersTo(coalesce.Target, holder):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef when RefersTo(byRef.Value, holder):
                        return null;
                    default:
                        continue;
                }

                if (found is not null || Strip(assigned) is not IObjectCreationOperation creation) return null;
                found = creation;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return found;
        }

        /// <summary>
        /// A helper of the compilation whose every return is one new CookieOptions (directly or through one local).
        /// Its parameters may feed any property (<c>Expires = expiration</c>): a flag set from one is not a constant
        /// and counts as unknown, and the options handed to a parameter (<c>configure(options)</c>) are not followed.
        /// Virtual helpers are not followed: an override may return other options.
        /// </summary>
        private static IObjectCreationOperation? CreationReturnedBy(IInvocationOperation helper, CancellationToken cancellationToken, out IOperation? scope, out ISymbol? holder)
        {
            scope = null;
            holder = null;
            var method = helper.TargetMethod;
            var model = helper.SemanticModel;
            if (model is null || method.DeclaringSyntaxReferences.Length != 1 || method.IsVirtual || method.IsAbstract || method.IsOverride) return null;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None) return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (syntax.SyntaxTree != model.SyntaxTree)
            {
                if (!model.Compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
#pragma warning disable RS1030 // A cookie helper in another file needs that file's model; built only for a token cookie whose options come from a helper.
                model = model.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            }

            var body = model.GetOperation(syntax, cancellationToken);
            if (body is null) return null;

            IObjectCreationOperation? found = null;
            foreach (var descendant in ValueFlow.DescendantsOf(body))
            {
                if (descendant is not IReturnOperation { ReturnedValue: { } returned }) continue;
                IObjectCreationOperation? creation = null;
                var stripped = Strip(returned);
                if (stripped is IObjectCreationOperation direct)
                {
                    creation = direct;
                }
                else if (stripped is ILocalReferenceOperation local)
                {
                    creation = SingleCreationIn(body, local.Local, cancellationToken);
                    holder = local.Local;
                }

                if (creation is null || (found is not null && !ReferenceEquals(found, creation))) return null;
                found = creation;
            }

            scope = body;
            return found;
        }

        /// <summary>
        /// <c>CookieDefaults.Refresh</c>: a readonly field of the compilation, declared in another file (the same
        /// file is followed by ValueFlow), initialised with a new CookieOptions.
        /// </summary>
        private static IObjectCreationOperation? CreationInFieldInitializer(IFieldSymbol field, IOperation call, CancellationToken cancellationToken)
        {
            var model = call.SemanticModel;
            if (model is null || field.DeclaringSyntaxReferences.Length != 1) return null;
            if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator) return null;
            if (declarator.SyntaxTree == model.SyntaxTree || !model.Compilation.ContainsSyntaxTree(declarator.SyntaxTree)) return null;
#pragma warning disable RS1030 // A shared CookieOptions field in another file needs that file's model; built only for a token cookie whose options are such a field.
            var fieldModel = model.Compilation.GetSemanticModel(declarator.SyntaxTree);
#pragma warning restore RS1030
            return fieldModel.GetOperation(initializer, cancellationToken) is IFieldInitializerOperation { Value: { } initialized }
                ? Strip(initialized) as IObjectCreationOperation
                : null;
        }

        private static bool HasInvalidPart(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IInvalidOperation) return true;
            }

            return false;
        }

        private static bool RefersTo(IOperation? operation, ISymbol symbol)
        {
            var stripped = operation is null ? null : Strip(operation);
            return stripped switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, symbol),
                _ => false,
            };
        }

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            return operation;
        }
    }
}
