using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;

namespace JwtAnalyzers.Cli
{
    public static class Program
    {
        public const int Clean = 0;
        public const int Findings = 1;
        public const int UsageOrLoadError = 2;

        private const string Usage = @"Usage: jwt-analyzers scan <path-to.sln|.csproj|folder> [--sarif <out.sarif>] [--severity error|warning|info] [--fix] [--no-restore]

  scan         restore the projects, load them through MSBuild and run the JwtAnalyzers rules on them as they are
  --sarif      write a SARIF 2.1.0 log of the findings
  --severity   lowest severity that counts as a finding for the exit code (default: warning)
  --fix        apply every rule's Fix All code fix to the files, then report what is left
  --no-restore skip `dotnet restore` (the projects must be restored already: without their packages, the
               rules about those libraries have nothing to see)

Exit code: 0 no findings, 1 findings at or above --severity, 2 usage, restore or load errors.";

        public static async Task<int> Main(string[] args)
        {
            if (!Options.TryParse(args, out var options, out var error))
            {
                Console.Error.WriteLine(error);
                Console.Error.WriteLine(Usage);
                return UsageOrLoadError;
            }

            if (options is null)
            {
                Console.WriteLine(Usage);
                return Clean;
            }

            // MSBuild must be located before any type from Microsoft.Build is loaded: Scanner is a separate class.
            var instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault();
            if (instance is null)
            {
                Console.Error.WriteLine("No .NET SDK with MSBuild was found: install the .NET SDK to scan projects.");
                return UsageOrLoadError;
            }

            if (!MSBuildLocator.IsRegistered) MSBuildLocator.RegisterInstance(instance);

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            return await Scanner.RunAsync(options, Restorer.DotnetOf(instance.MSBuildPath), Console.Out, Console.Error, cancel.Token);
        }
    }

    public sealed class Options
    {
        public string Path { get; private set; } = "";
        public string? Sarif { get; private set; }
        public Microsoft.CodeAnalysis.DiagnosticSeverity Severity { get; private set; } = Microsoft.CodeAnalysis.DiagnosticSeverity.Warning;
        public bool Fix { get; private set; }
        public bool NoRestore { get; private set; }

        /// <summary>False with an error for bad usage; true with null options for --help.</summary>
        public static bool TryParse(IReadOnlyList<string> args, out Options? options, out string error)
        {
            options = null;
            error = "";
            if (args.Count == 0 || args[0] is "-h" or "--help" or "help") return true;
            if (args[0] != "scan")
            {
                error = $"Unknown command '{args[0]}'.";
                return false;
            }

            var result = new Options();
            for (var i = 1; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--sarif" when i + 1 < args.Count:
                        result.Sarif = args[++i];
                        break;
                    case "--severity" when i + 1 < args.Count:
                        var value = args[++i].ToLowerInvariant();
                        result.Severity = value switch
                        {
                            "error" => Microsoft.CodeAnalysis.DiagnosticSeverity.Error,
                            "warning" or "warn" => Microsoft.CodeAnalysis.DiagnosticSeverity.Warning,
                            "info" or "suggestion" => Microsoft.CodeAnalysis.DiagnosticSeverity.Info,
                            _ => (Microsoft.CodeAnalysis.DiagnosticSeverity)(-1),
                        };
                        if ((int)result.Severity < 0)
                        {
                            error = $"Unknown severity '{value}': use error, warning or info.";
                            return false;
                        }

                        break;
                    case "--fix":
                        result.Fix = true;
                        break;
                    case "--no-restore":
                        result.NoRestore = true;
                        break;
                    case "-h" or "--help":
                        return true;
                    default:
                        if (args[i].StartsWith("-", StringComparison.Ordinal) || result.Path.Length > 0)
                        {
                            error = $"Unexpected argument '{args[i]}'.";
                            return false;
                        }

                        result.Path = args[i];
                        break;
                }
            }

            if (result.Path.Length == 0)
            {
                error = "Missing the path to scan.";
                return false;
            }

            if (!File.Exists(result.Path) && !Directory.Exists(result.Path))
            {
                error = $"'{result.Path}' does not exist.";
                return false;
            }

            options = result;
            return true;
        }
    }
}
