using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using JwtAnalyzers.Options;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Lifetime
{
    /// <summary>
    /// JWT004: a token is created with an expiry provably further from now than the configured maximum
    /// (<c>jwt_analyzers.max_token_lifetime</c>, default 24 hours). Sinks are token-creating APIs only:
    /// the <c>expires</c> parameter of <c>JwtSecurityToken</c>, <c>JwtPayload</c> and
    /// <c>JwtSecurityTokenHandler.CreateJwtSecurityToken/CreateEncodedJwt</c>; <c>SecurityTokenDescriptor.Expires</c>;
    /// <c>TokenLifetimeInMinutes</c> of the token handlers; JWT.Net <c>ExpirationTime</c> and
    /// <c>AddClaim(ClaimName.ExpirationTime, ...)</c>; an <c>"exp"</c> payload entry (dictionary entry, indexer or
    /// anonymous-object member) holding a Unix time.
    /// </summary>
    public sealed class TokenLifetimeExceedsMaximumAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the configured maximum in seconds (invariant "R").</summary>
        public const string MaxSecondsProperty = "MaxSeconds";

        /// <summary>Diagnostic property prefix: "Edit0", "Edit1", ... one per additional location.</summary>
        public const string EditProperty = "Edit";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TokenLifetimeExceedsMaximum);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = new Symbols(start.Compilation);
                if (!symbols.Any) return; // no token library: no cost
                start.RegisterObjectCreationAction(c => AnalyzeCreation(c, symbols), symbols.JwtSecurityToken, symbols.JwtPayload);
                start.RegisterInvocationAction(LifetimeNames, c => AnalyzeInvocation(c, symbols));
                start.RegisterPropertyAssignmentAction(LifetimePropertyNames, property => property.IsIndexer || property.Name is "Expires" or "TokenLifetimeInMinutes" or "exp", c => AnalyzeAssignment(c, symbols));
            });
        }

        private sealed class Symbols
        {
            public Symbols(Compilation compilation)
            {
                var jwt = JwtSymbols.From(compilation);
                JwtSecurityToken = jwt.JwtSecurityToken;
                JwtPayload = jwt.JwtPayload;
                JwtSecurityTokenHandler = jwt.JwtSecurityTokenHandler;
                JsonWebTokenHandler = jwt.JsonWebTokenHandler;
                TokenHandler = jwt.TokenHandler;
                SecurityTokenDescriptor = jwt.SecurityTokenDescriptor;
                JwtBuilder = jwt.JwtBuilder;
                ClaimName = TypeLookup.Get(compilation, "JWT.Builder.ClaimName");
            }

            public INamedTypeSymbol? JwtSecurityToken { get; }
            public INamedTypeSymbol? JwtPayload { get; }
            public INamedTypeSymbol? JwtSecurityTokenHandler { get; }
            public INamedTypeSymbol? JsonWebTokenHandler { get; }
            public INamedTypeSymbol? TokenHandler { get; }
            public INamedTypeSymbol? SecurityTokenDescriptor { get; }
            public INamedTypeSymbol? JwtBuilder { get; }
            public INamedTypeSymbol? ClaimName { get; }

            public bool Any => JwtSecurityToken is not null || JwtPayload is not null || JwtSecurityTokenHandler is not null
                || JsonWebTokenHandler is not null || SecurityTokenDescriptor is not null || JwtBuilder is not null;
        }

        private enum ValueKind
        {
            DateTime,
            UnixTime,
            Minutes,
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, Symbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Constructor?.ContainingType;
            if (type is null) return;
            if (!Is(type, symbols.JwtSecurityToken) && !Is(type, symbols.JwtPayload)) return;
            AnalyzeExpiresArgument(context, creation.Arguments);
        }

        /// <summary>The calls that set a created token's expiry (the cases of the switch below).</summary>
        private static readonly HashSet<string> LifetimePropertyNames = KeyedRegistration.Names(KeyedRegistration.IndexerName, "Expires", "TokenLifetimeInMinutes", "exp");
        private static readonly HashSet<string> LifetimeNames = KeyedRegistration.Names("CreateJwtSecurityToken", "CreateEncodedJwt", "ExpirationTime", "AddClaim", "Add");

        private static void AnalyzeInvocation(OperationAnalysisContext context, Symbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "CreateJwtSecurityToken":
                case "CreateEncodedJwt":
                    if (DerivesFrom(method.ContainingType, symbols.JwtSecurityTokenHandler)) AnalyzeExpiresArgument(context, invocation.Arguments);
                    return;

                case "ExpirationTime":
                    if (!IsJwtBuilderMethod(method, symbols)) return;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name != "time") continue;
                        Check(context, argument.Value, argument.Syntax, LifetimeDurations.IsDateType(argument.Value.Type) ? ValueKind.DateTime : ValueKind.UnixTime);
                    }

                    return;

                case "AddClaim":
                    if (!IsJwtBuilderMethod(method, symbols)) return;
                    IArgumentOperation? name = null, value = null;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name == "name") name = argument;
                        else if (argument.Parameter?.Name == "value") value = argument;
                    }

                    if (name is null || value is null || !IsExpirationClaimName(name.Value, symbols)) return;
                    CheckClaimValue(context, value.Value, value.Syntax);
                    return;

                case "Add":
                    // A payload dictionary's "exp" entry (JwtPayload, JWT.Net and jose-jwt payloads): only Unix times from now.
                    if (invocation.Arguments.Length != 2 || invocation.Instance is null) return;
                    var key = invocation.Arguments[0];
                    if (!ValueFlow.TryGetConstant(key.Value, out var k, context.CancellationToken) || k is not string s || s != "exp") return;
                    var entry = invocation.Arguments[1];
                    Check(context, entry.Value, entry.Syntax, ValueKind.UnixTime);
                    return;
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, Symbols symbols)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target) return;
            var property = target.Property;
            if (property.Name == "Expires" && property.Parameters.IsEmpty && DerivesFrom(property.ContainingType, symbols.SecurityTokenDescriptor))
            {
                Check(context, assignment.Value, assignment.Syntax, ValueKind.DateTime);
            }
            else if (property.Name == "TokenLifetimeInMinutes"
                && (DerivesFrom(property.ContainingType, symbols.TokenHandler) || DerivesFrom(property.ContainingType, symbols.JwtSecurityTokenHandler)
                    || DerivesFrom(property.ContainingType, symbols.JsonWebTokenHandler)))
            {
                Check(context, assignment.Value, assignment.Syntax, ValueKind.Minutes);
            }
            else if (property.Name == "exp" && property.ContainingType is { IsAnonymousType: true })
            {
                // new { sub = ..., exp = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds() }: a JWT.Net/jose-jwt payload.
                Check(context, assignment.Value, assignment.Syntax, ValueKind.UnixTime);
            }
            else if (property.IsIndexer && target.Arguments.Length == 1 && target.Instance is not null
                && ValueFlow.TryGetConstant(target.Arguments[0].Value, out var k, context.CancellationToken) && k is string s && s == "exp")
            {
                Check(context, assignment.Value, assignment.Syntax, ValueKind.UnixTime);
            }
        }

        private static void AnalyzeExpiresArgument(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name != "expires" || argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
                Check(context, argument.Value, argument.Syntax, ValueKind.DateTime);
            }
        }

        private static void CheckClaimValue(OperationAnalysisContext context, IOperation value, SyntaxNode location)
        {
            var unwrapped = ValueFlow.Unwrap(value, context.CancellationToken);
            Check(context, value, location, LifetimeDurations.IsDateType(unwrapped.Type) ? ValueKind.DateTime : ValueKind.UnixTime);
        }

        private static readonly JwtAnalyzerOptions.Key MaxLifetimeKey = new JwtAnalyzerOptions.Key(DiagnosticIds.TokenLifetimeExceedsMaximum, JwtAnalyzerOptions.MaxTokenLifetime);

        private static void Check(OperationAnalysisContext context, IOperation value, SyntaxNode location, ValueKind kind)
        {
            var cancellationToken = context.CancellationToken;
            if (EnvironmentGuard.IsDevelopmentOnly(value)) return;

            // Every branch of ?: and ?? is a possible lifetime; the longest provable one is the token's lifetime.
            var sources = ValueFlow.Sources(value, cancellationToken);
            var offending = new List<LifetimeDuration>();
            LifetimeDuration longest = default;
            var found = false;
            var tree = location.SyntaxTree;
            // The file's maximum is read once a duration is found: reading options costs a few microseconds a file,
            // and most values checked here are not durations this rule can evaluate.
            double? maxRead = null;
            foreach (var source in sources)
            {
                if (EnvironmentGuard.IsDevelopmentOnly(source)) continue;
                if (!TryEvaluate(source, kind, out var duration, cancellationToken)) continue;
                maxRead ??= JwtAnalyzerOptions.GetTimeSpan(context.Options, tree, MaxLifetimeKey, JwtAnalyzerOptions.DefaultMaxTokenLifetime).TotalSeconds;
                if (duration.Seconds <= maxRead.Value) continue;
                offending.Add(duration);
                if (!found || duration.Seconds > longest.Seconds) longest = duration;
                found = true;
            }

            if (!found || maxRead is not { } max) return;
            if (DebugBuildRegions.IsDebugOnly(location)) return;

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[MaxSecondsProperty] = max.ToString("R", CultureInfo.InvariantCulture);
            var locations = new List<Location>();
            var fixable = true;
            foreach (var duration in offending)
            {
                if (duration.EditNode is null || duration.Edit is null || duration.EditNode.SyntaxTree != tree)
                {
                    fixable = false;
                    break;
                }

                var editLocation = duration.EditNode.GetLocation();
                if (locations.Contains(editLocation)) continue;
                properties[EditProperty + locations.Count.ToString(CultureInfo.InvariantCulture)] = duration.Edit;
                locations.Add(editLocation);
            }

            if (!fixable)
            {
                locations.Clear();
                properties.Clear();
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TokenLifetimeExceedsMaximum,
                location.GetLocation(),
                locations,
                properties.ToImmutable(),
                longest.Describe(),
                LifetimeDurations.Format(max)));
        }

        private static bool TryEvaluate(IOperation source, ValueKind kind, out LifetimeDuration duration, System.Threading.CancellationToken cancellationToken)
        {
            switch (kind)
            {
                case ValueKind.DateTime:
                    return LifetimeDurations.TryGetOffset(source, out duration, cancellationToken);
                case ValueKind.UnixTime:
                    return LifetimeDurations.TryGetUnixOffset(source, out duration, cancellationToken);
                default:
                    duration = default;
                    if (!ValueFlow.TryGetSingleConstant(source, out var value, 0, cancellationToken)) return false;
                    double minutes;
                    switch (value)
                    {
                        case int i: minutes = i; break;
                        case long l: minutes = l; break;
                        default: return false;
                    }

                    duration = new LifetimeDuration(minutes * LifetimeDurations.Minute, null, ValueFlow.Unwrap(source, cancellationToken).Syntax, "N|minutes");
                    return true;
            }
        }

        private static bool IsJwtBuilderMethod(IMethodSymbol method, Symbols symbols)
        {
            if (symbols.JwtBuilder is null) return false;
            if (Is(method.ContainingType, symbols.JwtBuilder)) return true;
            var reduced = method.ReducedFrom ?? method;
            return reduced.IsExtensionMethod && reduced.Parameters.Length > 0 && Is(reduced.Parameters[0].Type, symbols.JwtBuilder);
        }

        private static bool IsExpirationClaimName(IOperation name, Symbols symbols)
        {
            var op = ValueFlow.Unwrap(name);
            if (op is IFieldReferenceOperation field && symbols.ClaimName is not null && Is(field.Field.ContainingType, symbols.ClaimName))
            {
                return field.Field.Name == "ExpirationTime";
            }

            return ValueFlow.TryGetConstant(name, out var value) && value is string s && s == "exp";
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? expected)
        {
            if (expected is null) return false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected)) return true;
            }

            return false;
        }
    }
}
