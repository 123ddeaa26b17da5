using System;
using System.Collections.Immutable;
using System.Threading;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JwtAnalyzers.Transport
{
    /// <summary>
    /// JWT043: the authority's metadata (and with it the signing keys) may be fetched over plain HTTP.
    /// Two shapes, on <c>JwtBearerOptions</c> and <c>OpenIdConnectOptions</c>:
    /// <list type="bullet">
    /// <item><c>RequireHttpsMetadata</c> provably <c>false</c> where <c>Authority</c> or <c>MetadataAddress</c> is set in the
    /// same configuration (same object initializer, or same lambda/method body on the same receiver);</item>
    /// <item><c>Authority</c> / <c>MetadataAddress</c> provably a constant <c>http://</c> address of a host that is not loopback.</item>
    /// </list>
    /// Not reported: development-only branches, values from configuration, parameters or <c>IsDevelopment()</c>,
    /// a flag set back later on the same receiver, and a flag whose configuration only names loopback addresses.
    /// </summary>
    public sealed class InsecureMetadataAddressAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property naming the shape; the fixer only handles <see cref="FlagShape"/>.</summary>
        public const string ShapeProperty = "Shape";
        public const string FlagShape = "RequireHttpsMetadata";
        public const string AddressShape = "Address";

        private const string RequireHttpsMetadataName = "RequireHttpsMetadata";
        private const string AuthorityName = "Authority";
        private const string MetadataAddressName = "MetadataAddress";

        private static readonly ImmutableDictionary<string, string?> FlagProperties =
            ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, FlagShape);

        private static readonly ImmutableDictionary<string, string?> AddressProperties =
            ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, AddressShape);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InsecureMetadataAddress);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var jwtBearer = TypeLookup.Get(start.Compilation, "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions");
                var openIdConnect = TypeLookup.Get(start.Compilation, "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions");
                if (jwtBearer is null && openIdConnect is null) return; // libraries absent: no cost
                var types = new OptionsTypes(jwtBearer, openIdConnect);
                start.RegisterPropertyAssignmentAction(
                    KeyedRegistration.Names(RequireHttpsMetadataName, AuthorityName, MetadataAddressName),
                    property => property.Name is RequireHttpsMetadataName or AuthorityName or MetadataAddressName && types.IsOptionsType(property.ContainingType),
                    c => Analyze(c, types));
            });
        }

        private static void Analyze(OperationAnalysisContext context, OptionsTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target || !types.IsOptionsType(target.Property.ContainingType)) return;
            var name = target.Property.Name;
            if (name == RequireHttpsMetadataName)
            {
                AnalyzeFlag(context, assignment, target);
            }
            else if (name == AuthorityName || name == MetadataAddressName)
            {
                AnalyzeAddress(context, assignment, name);
            }
        }

        private static void AnalyzeFlag(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
        {
            var cancellationToken = context.CancellationToken;
            if (!ValueFlow.IsConstantBool(assignment.Value, false, cancellationToken)) return;
            if (EnvironmentGuard.IsDevelopmentOnly(assignment)) return;

            var receiver = Receivers.Of(target);
            if (receiver.IsKnown && Receivers.IsOverriddenLater(assignment, receiver, target.Property.OriginalDefinition, false, cancellationToken)) return;

            // "Same configuration": the siblings of an object initializer, or the same lambda/method body on the same receiver.
            var addresses = new AddressSummary();
            if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                if (assignment.Parent is not IObjectOrCollectionInitializerOperation initializer) return;
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation sibling) addresses.Add(sibling, target.Property.ContainingType, cancellationToken);
                }
            }
            else
            {
                if (!receiver.IsKnown) return;
                foreach (var descendant in ValueFlow.DescendantsOf(EnclosingBody(assignment)))
                {
                    if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation other } sibling
                        && receiver.Matches(Receivers.Of(other)))
                    {
                        addresses.Add(sibling, target.Property.ContainingType, cancellationToken);
                    }
                }
            }

            if (!addresses.AnySet || addresses.OnlyLoopback) return;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InsecureMetadataAddress,
                assignment.Syntax.GetLocation(),
                FlagProperties,
                "'RequireHttpsMetadata' is set to false while an authority is configured"));
        }

        private static void AnalyzeAddress(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, string name)
        {
            if (!ValueFlow.TryGetConstant(assignment.Value, out var value, context.CancellationToken) || value is not string address) return;
            if (!IsPlainHttpRemote(address)) return;
            if (EnvironmentGuard.IsDevelopmentOnly(assignment)) return;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InsecureMetadataAddress,
                assignment.Value.Syntax.GetLocation(),
                AddressProperties,
                "'" + name + "' is a plain http:// address"));
        }

        /// <summary>The lambda or method body the assignment belongs to.</summary>
        private static IOperation EnclosingBody(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return parent;
                if (parent.Parent is null) return parent;
            }

            return operation;
        }

        internal static bool IsPlainHttpRemote(string address)
        {
            address = address.Trim();
            if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) return false;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return false;
            return !IsLoopback(uri);
        }

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            var host = uri.Host;
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                || host.StartsWith("127.", StringComparison.Ordinal)
                || host == "[::1]";
        }

        private sealed class OptionsTypes
        {
            private readonly INamedTypeSymbol? _jwtBearer;
            private readonly INamedTypeSymbol? _openIdConnect;

            public OptionsTypes(INamedTypeSymbol? jwtBearer, INamedTypeSymbol? openIdConnect)
            {
                _jwtBearer = jwtBearer;
                _openIdConnect = openIdConnect;
            }

            public bool IsOptionsType(INamedTypeSymbol? type)
            {
                if (type is null) return false;
                return SymbolEqualityComparer.Default.Equals(type, _jwtBearer) || SymbolEqualityComparer.Default.Equals(type, _openIdConnect);
            }
        }

        /// <summary>The Authority/MetadataAddress values set in one configuration.</summary>
        private struct AddressSummary
        {
            private bool _anySet;
            private bool _anyNotLoopback;

            public bool AnySet => _anySet;

            /// <summary>Every address set is a constant loopback URL: a local identity server, not a network hop.</summary>
            public bool OnlyLoopback => _anySet && !_anyNotLoopback;

            public void Add(ISimpleAssignmentOperation assignment, INamedTypeSymbol optionsType, CancellationToken cancellationToken)
            {
                if (assignment.Target is not IPropertyReferenceOperation property
                    || !SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, optionsType)
                    || (property.Property.Name != AuthorityName && property.Property.Name != MetadataAddressName))
                {
                    return;
                }

                // Broken code is not a configuration; an explicit null/empty is "not set".
                if (assignment.Value is IInvalidOperation || assignment.Value.Syntax.ContainsDiagnostics) return;
                var constant = ValueFlow.TryGetConstant(assignment.Value, out var value, cancellationToken);
                if (constant && (value is null || (value is string empty && empty.Trim().Length == 0))) return;
                _anySet = true;
                if (constant && value is string address && Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) && IsLoopback(uri)) return;
                _anyNotLoopback = true;
            }
        }
    }
}
