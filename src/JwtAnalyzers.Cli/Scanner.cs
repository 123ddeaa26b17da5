using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace JwtAnalyzers.Cli
{
    /// <summary>Loads the projects, runs our analyzers (and fixers), prints the summary, writes SARIF.</summary>
    internal static class Scanner
    {
        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(JwtAnalyzers.Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static readonly ImmutableArray<CodeFixProvider> Fixers = typeof(JwtAnalyzers.CodeFixes.CodeFixKeys).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static async Task<int> RunAsync(Options options, string dotnet, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var progress = new Progress(errors);
            var targets = Targets(options.Path);
            var restoreErrors = new List<string>();
            if (!options.NoRestore)
            {
                foreach (var target in targets)
                {
                    progress.Report($"restoring {System.IO.Path.GetFileName(target)}");
                    var failure = await Restorer.RunAsync(dotnet, target, cancellationToken);
                    if (failure is not null) restoreErrors.Add($"{target}: restore failed, so findings about the libraries it references may be missing:{Environment.NewLine}{failure}");
                }
            }

            using var workspace = MSBuildWorkspace.Create();
            var loadErrors = new List<string>();
            using var failures = workspace.RegisterWorkspaceFailedHandler(e =>
            {
                if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    lock (loadErrors) loadErrors.Add(e.Diagnostic.Message);
                }
            });

            var projects = await LoadAsync(workspace, targets, progress, loadErrors, cancellationToken);
            if (projects.Count == 0)
            {
                foreach (var e in restoreErrors) errors.WriteLine($"restore error: {e}");
                foreach (var e in loadErrors) errors.WriteLine($"load error: {e}");
                errors.WriteLine($"No C# project could be loaded from '{options.Path}'.");
                return Program.UsageOrLoadError;
            }

            // A project MSBuild could not evaluate is added empty: name it as a load error, scan the rest.
            List<string> errorsSnapshot;
            lock (loadErrors) errorsSnapshot = loadErrors.ToList();
            // MSBuild also reports restore warnings (e.g. NU1603) as failures: a project that still loaded its
            // documents is scanned, and only projects that came out empty count as load errors.
            var failed = new List<string>();
            projects = projects.Where(id =>
            {
                var project = workspace.CurrentSolution.GetProject(id);
                var file = project?.FilePath;
                var mentioned = file is not null && errorsSnapshot.Any(e => e.Contains(file, StringComparison.OrdinalIgnoreCase));
                if (mentioned && project!.DocumentIds.Count == 0)
                {
                    failed.Add(file!);
                    return false;
                }

                return true;
            }).ToList();
            var findings = await AnalyzeAsync(workspace.CurrentSolution, projects, progress, cancellationToken);
            if (options.Fix && findings.Count > 0)
            {
                var fixedCount = await FixAsync(workspace, findings, progress, cancellationToken);
                output.WriteLine($"Applied fixes for {fixedCount} diagnostics; scanning again.");
                findings = await AnalyzeAsync(workspace.CurrentSolution, projects, progress, cancellationToken);
            }

            progress.Done();
            Report.PrintSummary(findings, output, projects.Count, watch.Elapsed);
            if (options.Sarif is not null)
            {
                Sarif.Write(options.Sarif, findings, Analyzers);
                output.WriteLine($"SARIF log written to {options.Sarif}");
            }

            foreach (var e in loadErrors.Distinct())
            {
                var fatal = failed.Any(f => e.Contains(f, StringComparison.OrdinalIgnoreCase)) || !e.Contains(".csproj", StringComparison.OrdinalIgnoreCase);
                errors.WriteLine(fatal ? $"load error: {e}" : $"load warning: {e}");
            }

            foreach (var e in restoreErrors) errors.WriteLine($"restore error: {e}");
            if (options.NoRestore)
            {
                foreach (var file in Restorer.Unrestored(projects.Select(id => workspace.CurrentSolution.GetProject(id)?.FilePath)))
                {
                    errors.WriteLine($"restore warning: {file} has no obj/project.assets.json: if it was not restored, its package references were not resolved and the rules about those libraries saw nothing (run without --no-restore)");
                }
            }

            if (failed.Count > 0 || restoreErrors.Count > 0) return Program.UsageOrLoadError;
            return findings.Any(f => f.Severity >= options.Severity) ? Program.Findings : Program.Clean;
        }

        /// <summary>What the path names: a solution, a project, or a folder's projects (bin/, obj/ and the like skipped).</summary>
        private static IReadOnlyList<string> Targets(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (File.Exists(full)) return new[] { full };
            return Directory.EnumerateFiles(full, "*.csproj", SearchOption.AllDirectories)
                .Where(f => !f.Split(System.IO.Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj" or "node_modules" or ".git"))
                .OrderBy(f => f, StringComparer.Ordinal).ToArray();
        }

        private static async Task<List<ProjectId>> LoadAsync(MSBuildWorkspace workspace, IReadOnlyList<string> targets, Progress progress, List<string> loadErrors, CancellationToken cancellationToken)
        {
            var loader = new Progress<ProjectLoadProgress>(p => progress.Report($"loading {System.IO.Path.GetFileName(p.FilePath)} ({p.Operation})"));
            var ids = new List<ProjectId>();
            if (targets.Count == 1 && (targets[0].EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || targets[0].EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)))
            {
                var solution = await workspace.OpenSolutionAsync(targets[0], loader, cancellationToken);
                ids.AddRange(solution.Projects.Where(p => p.Language == LanguageNames.CSharp).Select(p => p.Id));
                return ids;
            }

            foreach (var file in targets)
            {
                if (workspace.CurrentSolution.Projects.Any(p => string.Equals(p.FilePath, file, StringComparison.OrdinalIgnoreCase))) continue;
                try
                {
                    await workspace.OpenProjectAsync(file, loader, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    loadErrors.Add($"{file}: {e.Message}");
                }
            }

            ids.AddRange(workspace.CurrentSolution.Projects.Where(p => p.Language == LanguageNames.CSharp).Select(p => p.Id));
            return ids;
        }

        private static async Task<List<Diagnostic>> AnalyzeAsync(Solution solution, List<ProjectId> projectIds, Progress progress, CancellationToken cancellationToken)
        {
            var findings = new List<Diagnostic>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var id in projectIds)
            {
                index++;
                var project = solution.GetProject(id);
                if (project is null) continue;
                progress.Report($"analyzing {project.Name} ({index}/{projectIds.Count})");
                var compilation = await project.GetCompilationAsync(cancellationToken);
                if (compilation is null) continue;
                var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
                    project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
                foreach (var diagnostic in await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken))
                {
                    if (diagnostic.Severity == DiagnosticSeverity.Hidden || diagnostic.IsSuppressed) continue;
                    // Multi-targeted projects load once per framework: report each finding once.
                    var key = diagnostic.Id + "|" + diagnostic.Location.GetLineSpan() + "|" + diagnostic.GetMessage();
                    if (seen.Add(key)) findings.Add(diagnostic);
                }
            }

            return findings;
        }

        private static async Task<int> FixAsync(MSBuildWorkspace workspace, List<Diagnostic> findings, Progress progress, CancellationToken cancellationToken)
        {
            var solution = workspace.CurrentSolution;
            var applied = 0;
            foreach (var group in findings.Where(f => f.Location.IsInSource).GroupBy(f => f.Id))
            {
                var fixer = Fixers.FirstOrDefault(f => f.FixableDiagnosticIds.Contains(group.Key));
                var fixAll = fixer?.GetFixAllProvider();
                if (fixer is null || fixAll is null) continue;
                foreach (var byFile in group.GroupBy(d => d.Location.SourceTree!.FilePath))
                {
                    var document = solution.Projects.SelectMany(p => p.Documents).FirstOrDefault(d => string.Equals(d.FilePath, byFile.Key, StringComparison.OrdinalIgnoreCase));
                    if (document is null) continue;
                    progress.Report($"fixing {group.Key} in {System.IO.Path.GetFileName(byFile.Key)}");
                    // Recompute on the current document: earlier fixes may have moved the spans. A rule's findings
                    // in one file may need different fixes (or have none, as the docs explain): Fix All applies
                    // one equivalence key, so each distinct first fix is applied in turn.
                    var keys = new List<(string Key, int Count)>();
                    foreach (var diagnostic in await DiagnosticsOf(document, group.Key, cancellationToken))
                    {
                        var key = (await ActionsFor(fixer, document, diagnostic, cancellationToken)).FirstOrDefault()?.EquivalenceKey;
                        if (key is null) continue;
                        var index = keys.FindIndex(k => k.Key == key);
                        if (index < 0) keys.Add((key, 1));
                        else keys[index] = (key, keys[index].Count + 1);
                    }

                    foreach (var (key, count) in keys)
                    {
                        document = solution.GetDocument(document.Id);
                        if (document is null) break;
                        var current = await DiagnosticsOf(document, group.Key, cancellationToken);
                        if (current.IsEmpty) break;
                        var context = new FixAllContext(document, fixer, FixAllScope.Document, key, new[] { group.Key }, new Provider(current), cancellationToken);
                        var action = await fixAll.GetFixAsync(context);
                        if (action is null) continue;
                        foreach (var operation in await action.GetOperationsAsync(cancellationToken))
                        {
                            if (operation is ApplyChangesOperation apply) solution = apply.ChangedSolution;
                        }

                        applied += count;
                    }
                }
            }

            return workspace.TryApplyChanges(solution) ? applied : 0;
        }

        private static async Task<List<CodeAction>> ActionsFor(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken));
            return actions;
        }

        private static async Task<ImmutableArray<Diagnostic>> DiagnosticsOf(Document document, string id, CancellationToken cancellationToken)
        {
            var compilation = await document.Project.GetCompilationAsync(cancellationToken);
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            if (compilation is null || tree is null) return ImmutableArray<Diagnostic>.Empty;
            var analyzers = Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToImmutableArray();
            var diagnostics = await compilation.WithAnalyzers(analyzers, document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync(cancellationToken);
            return diagnostics.Where(d => d.Id == id && d.Location.SourceTree == tree).ToImmutableArray();
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;
            public Provider(ImmutableArray<Diagnostic> diagnostics) { _diagnostics = diagnostics; }
            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }

        /// <summary>A one-line progress indicator on stderr (plain lines when stderr is not a terminal).</summary>
        private sealed class Progress
        {
            private static readonly char[] Spinner = { '|', '/', '-', '\\' };
            private readonly TextWriter _writer;
            private readonly bool _interactive = !Console.IsErrorRedirected;
            private int _tick;
            private string _last = "";

            public Progress(TextWriter writer) { _writer = writer; }

            public void Report(string message)
            {
                lock (_writer)
                {
                    if (message == _last) return;
                    _last = message;
                    if (_interactive) _writer.Write($"\r{Spinner[_tick++ % Spinner.Length]} {message}".PadRight(Math.Max(0, Console.WindowWidth - 1)));
                    else _writer.WriteLine($"... {message}");
                }
            }

            public void Done()
            {
                if (_interactive) _writer.Write("\r".PadRight(Math.Max(0, Console.WindowWidth - 1)) + "\r");
            }
        }
    }
}
