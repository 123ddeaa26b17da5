using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using JwtAnalyzers.Tests.Conventions;
using Xunit;
using Xunit.Abstractions;

namespace JwtAnalyzers.Tests.Editor
{
    /// <summary>
    /// Our diagnostics as an editor shows them: a real language server (csharp-ls, installed into artifacts/tools by
    /// .ci/install-csharp-ls.sh) loads the sample project, a sample file is opened over stdio LSP, and the JWT
    /// diagnostics it returns must sit exactly on the assignments the sample's <c>// expect: JWTnnn</c> markers point at.
    /// </summary>
    [Collection(RepositoryBuilds.Name)]
    public class LanguageServerTests
    {
        private const string SampleFile = "Rules/AuthenticationSetup.cs";

        // Bounds, so a wedged restore or server fails the test instead of hanging the run. The restore may download
        // the sample's packages on a fresh machine. The server needs 10-30 s to load the project and run the analyzers
        // on this 2-core machine, up to 45 s while other builds compete for it: the bound leaves room above that.
        private static readonly TimeSpan RestoreTimeout = TimeSpan.FromSeconds(120);
        private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromSeconds(60);

        private static readonly Regex Marker = new Regex(@"//\s*expect:\s*(?<ids>(?:JWT\d{3}[\s,]*)+)$", RegexOptions.CultureInvariant);

        private readonly ITestOutputHelper _output;

        public LanguageServerTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [SkippableFact]
        public async Task CsharpLs_OpeningTheSampleFile_ShowsEachMarkedDiagnosticOnItsAssignment()
        {
            var server = Path.Combine(Catalogue.RepositoryRoot, "artifacts", "tools", "csharp-ls");
            Skip.IfNot(File.Exists(server), $"csharp-ls is not installed at {server}: run .ci/install-csharp-ls.sh (dotnet tool install csharp-ls --version 0.28.0 --tool-path artifacts/tools)");

            var sample = Path.Combine(Catalogue.RepositoryRoot, "samples", "JwtAnalyzers.Sample");
            var path = Path.Combine(sample, SampleFile);
            var text = File.ReadAllText(path);
            var expected = ExpectedFromMarkers(text);
            Assert.Contains(expected, e => e.Id == DiagnosticIds.DisabledLifetimeValidation);
            Assert.Contains(expected, e => e.Id == DiagnosticIds.ExpirationNotRequired);

            // The sample references the analyzers from src/ by path, in whatever configuration it is loaded in. This
            // test run already built them in its own configuration (the test project references them), so the server
            // loads the sample in that configuration: the analyzers the editor runs are the ones under test, and no
            // second build is needed. MSBuild reads environment variables as properties, and the server's build host
            // inherits them. Only a restore is needed; the sample is not in the solution.
            var configuration = typeof(LanguageServerTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            foreach (var analyzer in new[] { "JwtAnalyzers", "JwtAnalyzers.CodeFixes" })
            {
                var dll = Path.Combine(Catalogue.RepositoryRoot, "src", analyzer, "bin", configuration, "netstandard2.0", analyzer + ".dll");
                Assert.True(File.Exists(dll), $"{dll} is missing: the test project's build should have produced it");
            }

            var clock = Stopwatch.StartNew();
            RestoreSample(sample);
            _output.WriteLine($"sample restored in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            var uri = new Uri(path).AbsoluteUri;
            await using var client = LspClient.Start(
                server,
                new[] { "--loglevel", "info", "--locale", "en-US" },
                sample,
                new Dictionary<string, string> { ["Configuration"] = configuration },
                AnswerServerRequest,
                (_, _) => { });
            using var deadline = new CancellationTokenSource(DiagnosticsTimeout);

            JsonArray? items = null;
            try
            {
                var initialized = await client.RequestAsync("initialize", InitializeParams(sample), deadline.Token);
                Assert.True(initialized?["capabilities"]?["diagnosticProvider"] is not null, "csharp-ls did not offer pull diagnostics (textDocument/diagnostic): " + initialized?.ToJsonString());
                await client.NotifyAsync("initialized", new JsonObject(), deadline.Token);
                await client.NotifyAsync(
                    "textDocument/didOpen",
                    new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text } },
                    deadline.Token);

                // The server answers with what it has: nothing while the project loads, compiler diagnostics before the
                // analyzers ran. Ask again until every expected id is there.
                while (true)
                {
                    var report = await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, deadline.Token);
                    items = report?["items"] as JsonArray;
                    if (items is not null && expected.All(e => items.Any(d => Code(d) == e.Id))) break;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or LspException)
            {
                var what = e is OperationCanceledException ? $"no diagnostics with {string.Join(", ", expected.Select(x => x.Id).Distinct())} within {DiagnosticsTimeout.TotalSeconds:F0} s" : e.Message;
                Assert.Fail($"csharp-ls: {what}{(client.HasExited ? " (the server exited)" : "")}\nlast diagnostics: {items?.ToJsonString() ?? "none"}\nserver output (tail):\n{client.Tail}");
            }

            _output.WriteLine($"diagnostics arrived {clock.Elapsed.TotalSeconds:F1} s after the server started");

            var ours = items!.Where(d => Code(d)?.StartsWith("JWT", StringComparison.Ordinal) == true).ToList();
            foreach (var d in ours) _output.WriteLine($"{Code(d)} {d!["range"]!.ToJsonString()} {d["message"]}");
            var context = $"\ndiagnostics: {items!.ToJsonString()}\nserver output (tail):\n{client.Tail}";
            foreach (var e in expected)
            {
                var match = ours.FirstOrDefault(d => Code(d) == e.Id && d!["range"]!["start"]!["line"]!.GetValue<int>() == e.Line);
                Assert.True(match is not null, $"{e.Id} was not reported on line {e.Line + 1} of {SampleFile}{context}");
                var range = match!["range"]!;
                Assert.True(
                    (range["start"]!["character"]!.GetValue<int>(), range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>()) == (e.StartCharacter, e.Line, e.EndCharacter),
                    $"{e.Id} should span '{e.Code}' (line {e.Line}, characters {e.StartCharacter}-{e.EndCharacter}, 0-based) but spans {range.ToJsonString()}{context}");
                Assert.True(match["severity"]?.GetValue<int>() == 2, $"{e.Id} should show as a warning (severity 2){context}");
            }

            // And nothing on the safe twins.
            var unexpected = ours.Where(d => !expected.Any(e => Code(d) == e.Id && d!["range"]!["start"]!["line"]!.GetValue<int>() == e.Line)).ToList();
            Assert.True(unexpected.Count == 0, $"unmarked JWT diagnostics: {string.Join(", ", unexpected.Select(d => d!.ToJsonString()))}{context}");
        }

        /// <summary>
        /// Each marked line's ids, with the span of the code before the marker (trimmed, without the trailing
        /// separator): for <c>ValidateLifetime = false, // expect: JWT001</c> that is <c>ValidateLifetime = false</c>,
        /// the assignment the analyzer reports. Lines and characters are 0-based, as LSP counts them.
        /// </summary>
        private static List<Expected> ExpectedFromMarkers(string text)
        {
            var expected = new List<Expected>();
            var lines = text.Split('\n');
            for (var line = 0; line < lines.Length; line++)
            {
                var content = lines[line].TrimEnd('\r');
                var marker = Marker.Match(content);
                if (!marker.Success) continue;
                var code = content.Substring(0, marker.Index).TrimEnd().TrimEnd(',', ';').TrimEnd();
                var start = code.Length - code.TrimStart().Length;
                foreach (Match id in Regex.Matches(marker.Groups["ids"].Value, @"JWT\d{3}"))
                {
                    expected.Add(new Expected(id.Value, line, start, code.Length, code.Substring(start)));
                }
            }

            return expected;
        }

        private static JsonObject InitializeParams(string sample) => new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["clientInfo"] = new JsonObject { ["name"] = "JwtAnalyzers.Tests" },
            ["rootUri"] = new Uri(sample).AbsoluteUri,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = new Uri(sample).AbsoluteUri, ["name"] = "JwtAnalyzers.Sample" }),
            ["capabilities"] = new JsonObject
            {
                // The server reads its settings (analyzersEnabled) through workspace/configuration.
                ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                // Pull diagnostics, as current editors use them: the test asks until the analyzers' results are in,
                // instead of hoping a push arrives after the project finished loading.
                ["textDocument"] = new JsonObject
                {
                    ["synchronization"] = new JsonObject { ["dynamicRegistration"] = false },
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                },
            },
        };

        /// <summary>csharp-ls asks for the <c>csharp</c> section; analyzers (ours among them) run only when it says so.</summary>
        private static JsonNode? AnswerServerRequest(string method, JsonNode? parameters)
        {
            if (method != "workspace/configuration") return null; // client/registerCapability, window/workDoneProgress/create
            var answers = new JsonArray();
            foreach (var item in parameters?["items"] as JsonArray ?? new JsonArray())
            {
                answers.Add(item?["section"]?.GetValue<string>() == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);
            }

            return answers;
        }

        private static string? Code(JsonNode? diagnostic) => diagnostic?["code"]?.ToString();

        private static void RestoreSample(string sample)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Catalogue.RepositoryRoot,
            };
            // No MSBuild node left behind by a test.
            foreach (var argument in new[] { "restore", sample, "-nodeReuse:false", "-v:q" }) info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            var log = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)RestoreTimeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"dotnet restore {sample} did not finish within {RestoreTimeout.TotalSeconds:F0} s:\n{Tail(log)}");
            }

            process.WaitForExit(); // drains the output events
            Assert.True(process.ExitCode == 0, $"dotnet restore {sample} failed (exit code {process.ExitCode}):\n{Tail(log)}");
        }

        private static string Tail(StringBuilder log)
        {
            lock (log)
            {
                var lines = log.ToString().Split('\n');
                return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 40)));
            }
        }

        private sealed record Expected(string Id, int Line, int StartCharacter, int EndCharacter, string Code);
    }
}
