using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using JwtAnalyzers.Tests.Conventions;
using Xunit;

namespace JwtAnalyzers.Tests.Cli
{
    /// <summary>The scanner as users run it: a separate process on real projects, read from its output and exit code.</summary>
    [Collection(RepositoryBuilds.Name)]
    public class CliTests
    {
        private static readonly string CliPath = typeof(CliTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!;
        private static readonly string Sample = Path.Combine(Catalogue.RepositoryRoot, "samples", "JwtAnalyzers.Sample");

        // On a copy without bin/ and obj/, as a fresh clone has it: the scan must restore the project itself, or the
        // rules about its packages see nothing (a CI run once found 7 of the 71 findings that way).
        [Fact]
        public void ScanSample_ReportsExactlyTheMarkedViolations_AndWritesSarif()
        {
            using var copy = new SampleCopy("cli-scan");
            var sarif = Path.Combine(copy.Root, "jwt.sarif");
            var (exit, output) = Run($"scan \"{copy.Project}\" --sarif \"{sarif}\"");
            Assert.True(exit == 1, $"exit {exit}\n{output}");
            Assert.DoesNotContain("restore error", output, StringComparison.Ordinal);

            var reported = Regex.Matches(output, @"^\s+(\S+?):(\d+):\d+\s", RegexOptions.Multiline)
                .Select(m => (File: Path.GetFileName(m.Groups[1].Value), Line: int.Parse(m.Groups[2].Value)))
                .ToHashSet();
            var expected = Markers().Select(m => (m.File, m.Line)).ToHashSet();
            Assert.Equal(expected.OrderBy(e => e.File).ThenBy(e => e.Line), reported.OrderBy(e => e.File).ThenBy(e => e.Line));

            using var log = JsonDocument.Parse(File.ReadAllText(sarif));
            var run = log.RootElement.GetProperty("runs")[0];
            Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(Markers().Count, results.Count);
            Assert.All(results, r => Assert.True(r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() > 0));
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            Assert.All(rules, r => Assert.EndsWith($"docs/rules/{r.GetProperty("id").GetString()}.md", r.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
        }

        [Fact]
        public void ScanWithNoRestore_OfAnUnrestoredProject_WarnsThatItsPackagesWereNotSeen()
        {
            using var copy = new SampleCopy("cli-no-restore");
            var (exit, output) = Run($"scan \"{copy.Project}\" --no-restore");
            Assert.True(exit is 0 or 1, $"exit {exit}\n{output}");
            Assert.Matches(@"restore warning: \S*JwtAnalyzers\.Sample\.csproj has no obj/project\.assets\.json", output);
            Assert.False(File.Exists(Path.Combine(copy.Root, "JwtAnalyzers.Sample", "obj", "project.assets.json")), "--no-restore restored the project");
        }

        // What --fix leaves of a fixable rule must be on a line the sample marks as having no mechanical fix for it
        // ("nofix: JWTnnn", explained on the rule's page), as .ci/check-fixed.py requires of `dotnet format`.
        [Fact]
        public void ScanWithFix_LeavesNoFixableFindingOutsideTheNofixLines()
        {
            using var copy = new SampleCopy("cli-fix");
            var (exit, output) = Run($"scan \"{copy.Project}\" --fix");
            Assert.True(exit is 0 or 1, $"exit {exit}\n{output}");
            Assert.Contains("Applied fixes for", output, StringComparison.Ordinal);
            var fixable = Catalogue.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
            // Left: every finding of a rule without a fix, and every nofix one; nothing else, nothing new.
            var expectedLeft = Markers().Count(m => !fixable.Contains(m.Rule) || m.NoFix);
            Assert.Matches($@"Applied fixes for \d+ diagnostics; scanning again\.\s+Scanned \d+ project\(s\) in [\d.,]+ s: {expectedLeft} finding\(s\)\.", output);

            var unfixed = new List<string>();
            string? rule = null;
            foreach (var line in output.Split('\n'))
            {
                var header = Regex.Match(line, @"^(JWT\d{3}): ");
                if (header.Success) rule = header.Groups[1].Value;
                var finding = Regex.Match(line, @"^\s+(\S+?):(\d+):\d+\s");
                if (!finding.Success || rule is null || !fixable.Contains(rule)) continue;
                var text = File.ReadAllLines(Path.Combine(Catalogue.RepositoryRoot, finding.Groups[1].Value))[int.Parse(finding.Groups[2].Value) - 1];
                var nofix = Regex.Match(text, @"nofix:\s*((?:JWT\d{3}[\s,]*)+)");
                if (!nofix.Success || !nofix.Groups[1].Value.Contains(rule, StringComparison.Ordinal)) unfixed.Add($"{rule} {finding.Groups[1].Value}:{finding.Groups[2].Value}: {text.Trim()}");
            }

            Assert.True(unfixed.Count == 0, $"fixable findings left after --fix:\n{string.Join("\n", unfixed)}\n{output}");
        }

        [Fact]
        public void FolderWithABrokenProject_NamesIt_ScansTheRest_AndExitsWith2()
        {
            var root = Path.Combine(Catalogue.RepositoryRoot, "artifacts", $"cli-broken-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(Path.Combine(root, "Broken"));
                File.WriteAllText(Path.Combine(root, "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
                Directory.CreateDirectory(Path.Combine(root, "Good"));
                File.WriteAllText(Path.Combine(root, "Good", "Good.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
                File.WriteAllText(Path.Combine(root, "Good", "Class1.cs"), "public class Class1 { }");
                var (exit, output) = Run($"scan \"{root}\"");
                Assert.True(exit == 2, $"exit {exit}\n{output}");
                Assert.Contains("Broken.csproj", output, StringComparison.Ordinal);
                Assert.Contains("Scanned 1 project(s)", output, StringComparison.Ordinal);
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
        }

        [Theory]
        [InlineData("", 0, "Usage:")]
        [InlineData("lint x", 2, "Unknown command")]
        [InlineData("scan", 2, "Missing the path")]
        [InlineData("scan /definitely/not/here", 2, "does not exist")]
        [InlineData("scan . --severity loud", 2, "Unknown severity")]
        public void Usage_ExitCodesAndMessages(string arguments, int expectedExit, string expectedText)
        {
            var (exit, output) = Run(arguments);
            Assert.Equal(expectedExit, exit);
            Assert.Contains(expectedText, output, StringComparison.Ordinal);
        }

        private static List<(string File, int Line, string Rule, bool NoFix)> Markers()
        {
            var markers = new List<(string, int, string, bool)>();
            foreach (var file in Directory.EnumerateFiles(Sample, "*.*", SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var m = Regex.Match(lines[i], @"expect:\s*((?:JWT\d{3}[\s,]*)+)");
                    if (!m.Success) continue;
                    var nofix = Regex.Match(lines[i], @"nofix:\s*((?:JWT\d{3}[\s,]*)+)").Groups[1].Value;
                    foreach (Match id in Regex.Matches(m.Groups[1].Value, @"JWT\d{3}")) markers.Add((Path.GetFileName(file), i + 1, id.Value, nofix.Contains(id.Value, StringComparison.Ordinal)));
                }
            }

            return markers;
        }

        /// <summary>The sample without bin/ and obj/ (as a fresh clone has it), in a folder of its own under artifacts/ that still imports the repository's build props; deleted on dispose.</summary>
        private sealed class SampleCopy : IDisposable
        {
            public SampleCopy(string prefix)
            {
                Root = Path.Combine(Catalogue.RepositoryRoot, "artifacts", $"{prefix}-{Guid.NewGuid():N}");
                Copy(Sample, Path.Combine(Root, "JwtAnalyzers.Sample"));
                File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project><Import Project=\"../../Directory.Build.props\" /></Project>");
            }

            public string Root { get; }

            public string Project => Path.Combine(Root, "JwtAnalyzers.Sample", "JwtAnalyzers.Sample.csproj");

            public void Dispose()
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
            }
        }

        private static void Copy(string from, string to)
        {
            foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, directory);
                if (relative.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj")) continue;
                Directory.CreateDirectory(Path.Combine(to, relative));
            }

            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj")) continue;
                File.Copy(file, Path.Combine(to, relative));
            }
        }

        private static (int Exit, string Output) Run(string arguments)
        {
            Assert.True(File.Exists(CliPath), $"{CliPath} was not built");
            var info = new ProcessStartInfo("dotnet", $"\"{CliPath}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Catalogue.RepositoryRoot,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(240_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out after 240 s\n" + stdout.Result + stderr.Result);
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
