using System.Collections.Immutable;
using JwtAnalyzers.Claims;
using JwtAnalyzers.Hosting;
using JwtAnalyzers.Keys;
using JwtAnalyzers.Lifetime;
using JwtAnalyzers.Logging;
using JwtAnalyzers.Options;
using JwtAnalyzers.Refresh;
using JwtAnalyzers.Storage;
using JwtAnalyzers.Transport;
using JwtAnalyzers.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers
{
    /// <summary>
    /// The one analyzer the compiler loads. Each rule is its own <see cref="DiagnosticAnalyzer"/> class (tested on
    /// its own); this host runs them all so that the driver calls back once per operation for every rule together
    /// rather than once per rule (see <see cref="RuleHost"/> and docs/performance.md).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class JwtAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Every rule, in catalogue order. A test checks that no rule analyzer is missing here.</summary>
        internal static readonly ImmutableArray<DiagnosticAnalyzer> RuleAnalyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new InvalidOptionAnalyzer(),
            new TokenWithoutExpirationAnalyzer(),
            new DisabledLifetimeValidationAnalyzer(),
            new ExpirationNotRequiredAnalyzer(),
            new TokenLifetimeExceedsMaximumAnalyzer(),
            new ClockSkewTooLargeAnalyzer(),
            new AcceptAllValidatorAnalyzer(),
            new HardCodedSigningKeyAnalyzer(),
            new ShortHmacKeyAnalyzer(),
            new SigningSecretInConfigurationAnalyzer(),
            new EmbeddedPrivateKeyAnalyzer(),
            new SensitiveClaimAnalyzer(),
            new TokenInBrowserStorageAnalyzer(),
            new InsecureTokenCookieAnalyzer(),
            new UnsignedTokensAnalyzer(),
            new DisabledIssuerValidationAnalyzer(),
            new DisabledAudienceValidationAnalyzer(),
            new InsecureMetadataAddressAnalyzer(),
            new UnvalidatedTokenReadAnalyzer(),
            new IgnoredValidationResultAnalyzer(),
            new PredictableRefreshTokenAnalyzer(),
            new SecurityArtifactsLoggedAnalyzer());

        private static readonly ImmutableArray<RuleHost.Rule> Rules = RuleHost.Load(RuleAnalyzers);

        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = SupportedByRules();

        private readonly RuleClock? _clock;

        public JwtAnalyzer()
        {
        }

        /// <summary>A host that times each rule's start work and handlers (benchmark harness and tests only).</summary>
        internal JwtAnalyzer(RuleClock clock)
        {
            _clock = clock;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Razor components reach the compiler as generated code; JWT misuse hides there too.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start => RuleHost.Start(start, Rules, _clock));
        }

        private static ImmutableArray<DiagnosticDescriptor> SupportedByRules()
        {
            var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
            foreach (var rule in RuleAnalyzers)
            {
                builder.AddRange(rule.SupportedDiagnostics);
            }

            return builder.ToImmutable();
        }
    }
}
