using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace JwtAnalyzers.Cli
{
    /// <summary>
    /// Runs <c>dotnet restore</c> before the projects are loaded, as <c>dotnet build</c> and <c>dotnet format</c> do.
    /// MSBuild resolves a project's package references from its restore output: loaded unrestored, a project compiles
    /// without System.IdentityModel.Tokens.Jwt, JwtBearer or JWT, and every rule about them stays silent.
    /// </summary>
    internal static class Restorer
    {
        /// <summary>The <c>dotnet</c> host of the SDK whose MSBuild was located (<c>&lt;root&gt;/sdk/&lt;version&gt;/</c>), else the one on PATH.</summary>
        public static string DotnetOf(string msBuildPath)
        {
            var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            var root = Directory.GetParent(Path.TrimEndingDirectorySeparator(msBuildPath))?.Parent?.FullName;
            var host = root is null ? null : Path.Combine(root, name);
            return host is not null && File.Exists(host) ? host : name;
        }

        /// <summary>Restores <paramref name="target"/> (a solution or project file); null when it succeeded, else the end of its output.</summary>
        public static async Task<string?> RunAsync(string dotnet, string target, CancellationToken cancellationToken)
        {
            var info = new ProcessStartInfo(dotnet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(target) ?? Environment.CurrentDirectory,
            };
            // No node reuse: a build node left running would outlive the scan and hold its redirected output open.
            foreach (var argument in new[] { "restore", target, "-nologo", "-v:q", "-nodeReuse:false" }) info.ArgumentList.Add(argument);
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";

            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException($"'{dotnet}' did not start");
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return $"could not run '{dotnet} restore': {e.Message}";
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                try
                {
                    await process.WaitForExitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }

                if (process.ExitCode == 0) return null;
                var lines = (await stdout + "\n" + await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 10)));
            }
        }

        /// <summary>
        /// The loaded projects that look unrestored: no <c>obj/project.assets.json</c> beside them. Only asked under
        /// <c>--no-restore</c>; a project that moves its intermediate folder elsewhere is named too, as a warning only.
        /// </summary>
        public static IEnumerable<string> Unrestored(IEnumerable<string?> projectFiles) => projectFiles
            .OfType<string>()
            .Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                && !File.Exists(Path.Combine(Path.GetDirectoryName(f) ?? "", "obj", "project.assets.json")))
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
