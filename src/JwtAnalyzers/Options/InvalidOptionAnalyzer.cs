using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Options
{
    /// <summary>
    /// JWT000: an option under <c>jwt_analyzers.</c> whose value cannot be used. The rules fall back to their
    /// defaults; this analyzer says so, once per compilation and (key, value), so that a typo in
    /// <c>max_token_lifetime = banana</c> does not silently turn a limit into the default.
    /// </summary>
    public sealed class InvalidOptionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InvalidOption);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                // Options come from .editorconfig sections that apply per file: collect every distinct bad value.
                var problems = new ConcurrentDictionary<(string Key, string Value), (string Expected, string Default)>();
                start.RegisterSyntaxTreeAction(tree =>
                {
                    var options = tree.Options.AnalyzerConfigOptionsProvider.GetOptions(tree.Tree);
                    foreach (var key in JwtAnalyzerOptions.AllKeys)
                    {
                        Check(options, JwtAnalyzerOptions.Prefix + key, key, problems);
                        foreach (var rule in JwtAnalyzerOptions.RulesReading(key))
                        {
                            Check(options, JwtAnalyzerOptions.Prefix + rule + "." + key, key, problems);
                        }
                    }
                });
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (var problem in problems)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidOption, Location.None,
                            problem.Key.Key, problem.Key.Value, problem.Value.Expected, problem.Value.Default));
                    }
                });
            });
        }

        private static void Check(AnalyzerConfigOptions options, string fullKey, string key, ConcurrentDictionary<(string, string), (string, string)> problems)
        {
            if (!options.TryGetValue(fullKey, out var raw) || string.IsNullOrWhiteSpace(raw)) return;
            var problem = JwtAnalyzerOptions.Problem(key, raw.Trim());
            if (problem is { } p) problems.TryAdd((fullKey, raw.Trim()), p);
        }
    }
}
