using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Cli
{
    /// <summary>SARIF 2.1.0, the shape code-scanning services accept: rules with help URIs, results with locations.</summary>
    internal static class Sarif
    {
        public static void Write(string path, List<Diagnostic> findings, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var rules = analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
            var log = new Dictionary<string, object>
            {
                ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
                ["version"] = "2.1.0",
                ["runs"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["tool"] = new Dictionary<string, object>
                        {
                            ["driver"] = new Dictionary<string, object>
                            {
                                ["name"] = "JwtAnalyzers",
                                ["version"] = typeof(JwtAnalyzers.Descriptors).Assembly.GetName().Version?.ToString() ?? "0.0.0",
                                ["informationUri"] = "https://github.com/jwtanalyzers/jwtanalyzers",
                                ["rules"] = rules.Select(d => new Dictionary<string, object>
                                {
                                    ["id"] = d.Id,
                                    ["shortDescription"] = new Dictionary<string, object> { ["text"] = d.Title.ToString() },
                                    ["fullDescription"] = new Dictionary<string, object> { ["text"] = d.Description.ToString() },
                                    ["helpUri"] = d.HelpLinkUri,
                                    ["defaultConfiguration"] = new Dictionary<string, object> { ["level"] = Level(d.DefaultSeverity) },
                                    ["properties"] = new Dictionary<string, object> { ["category"] = d.Category },
                                }).ToArray(),
                            },
                        },
                        ["results"] = findings.Select(Result).ToArray(),
                    },
                },
            };
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            File.WriteAllText(path, JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true }));
        }

        private static Dictionary<string, object> Result(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetMappedLineSpan();
            var result = new Dictionary<string, object>
            {
                ["ruleId"] = diagnostic.Id,
                ["level"] = Level(diagnostic.Severity),
                ["message"] = new Dictionary<string, object> { ["text"] = diagnostic.GetMessage() },
            };
            if (span.IsValid && !string.IsNullOrEmpty(span.Path))
            {
                result["locations"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["physicalLocation"] = new Dictionary<string, object>
                        {
                            ["artifactLocation"] = new Dictionary<string, object> { ["uri"] = new Uri(Path.GetFullPath(span.Path)).AbsoluteUri },
                            ["region"] = new Dictionary<string, object>
                            {
                                ["startLine"] = span.StartLinePosition.Line + 1,
                                ["startColumn"] = span.StartLinePosition.Character + 1,
                                ["endLine"] = span.EndLinePosition.Line + 1,
                                ["endColumn"] = span.EndLinePosition.Character + 1,
                            },
                        },
                    },
                };
            }

            return result;
        }

        private static string Level(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
    }
}
