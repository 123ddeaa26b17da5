using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace JwtAnalyzers.Cli
{
    internal static class Report
    {
        public static void PrintSummary(List<Diagnostic> findings, TextWriter output, int projects, TimeSpan elapsed)
        {
            output.WriteLine($"Scanned {projects} project(s) in {elapsed.TotalSeconds:N1} s: {findings.Count} finding(s).");
            if (findings.Count == 0) return;
            output.WriteLine();
            output.WriteLine($"{"Rule",-8} {"Severity",-8} {"Count",5}  Title");
            foreach (var rule in findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = rule.First();
                output.WriteLine($"{rule.Key,-8} {first.Severity,-8} {rule.Count(),5}  {first.Descriptor.Title}");
            }

            foreach (var rule in findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine();
                output.WriteLine($"{rule.Key}: {rule.First().Descriptor.Title} ({rule.First().Descriptor.HelpLinkUri})");
                foreach (var finding in rule.OrderBy(f => f.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(f => f.Location.GetLineSpan().StartLinePosition.Line))
                {
                    var span = finding.Location.GetMappedLineSpan();
                    output.WriteLine($"  {Relative(span.Path)}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}  {finding.GetMessage()}");
                }
            }
        }

        public static string Relative(string path)
        {
            if (string.IsNullOrEmpty(path)) return path;
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        }
    }
}
