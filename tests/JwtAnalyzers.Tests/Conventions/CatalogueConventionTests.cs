using System;
using System.IO;
using System.Linq;
using System.Reflection;
using JwtAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>Keeps the catalogue honest: ids, descriptors, analyzers, fixers, docs, release rows and README agree.</summary>
    public class CatalogueConventionTests
    {
        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (var id in Catalogue.Ids) data.Add(id);
            return data;
        }

        [Fact]
        public void EveryIdHasExactlyOneDescriptor_AndEveryDescriptorAnId()
        {
            Assert.Equal(Catalogue.Ids.OrderBy(i => i), Catalogue.Descriptors.Select(d => d.Id).OrderBy(i => i));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_FollowsTheSeverityCategoryAndHelpLinkPolicy(string id)
        {
            var descriptor = Catalogue.Descriptors.Single(d => d.Id == id);
            Assert.Equal("Security", descriptor.Category);
            Assert.Equal(JwtAnalyzers.Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.DoesNotContain(descriptor.Title.ToString(), descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryRule_HasADocsPageWithTheTemplateSections(string id)
        {
            var path = Path.Combine(Catalogue.RepositoryRoot, "docs", "rules", id + ".md");
            Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
            var text = File.ReadAllText(path);
            var title = Catalogue.Descriptors.Single(d => d.Id == id).Title.ToString();
            Assert.StartsWith($"# {id}: {title}", text, StringComparison.Ordinal);
            foreach (var section in new[] { "## Cause", "## Why it matters", "## How to fix", "## When to suppress", "## Configuration", "## Related rules" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryRule_HasAReleaseTrackingRow(string id)
        {
            var releases = Catalogue.Read("src/JwtAnalyzers/AnalyzerReleases.Shipped.md") + Catalogue.Read("src/JwtAnalyzers/AnalyzerReleases.Unshipped.md");
            var descriptor = Catalogue.Descriptors.Single(d => d.Id == id);
            Assert.Contains($"{id} | Security | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryRule_IsInTheReadmeRuleTableWithItsDocsLink(string id)
        {
            Assert.Contains($"[{id}](docs/rules/{id}.md)", Catalogue.Read("README.md"), StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryRule_IsReportedByExactlyOneAnalyzer(string id)
        {
            Assert.Single(Catalogue.Analyzers, a => a.SupportedDiagnostics.Any(d => d.Id == id));
        }

        [Fact]
        public void OnlyTheHost_IsExportedForCSharp_AndItHostsEveryRuleOnce()
        {
            var exported = typeof(JwtAnalyzer).Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .ToList();
            Assert.Equal(new[] { typeof(JwtAnalyzer) }, exported);
            Assert.Contains(LanguageNames.CSharp, typeof(JwtAnalyzer).GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages);

            var hosted = JwtAnalyzer.RuleAnalyzers.Select(a => a.GetType()).ToList();
            Assert.Equal(hosted.Count, hosted.Distinct().Count());
            Assert.Equal(
                Catalogue.Analyzers.Select(a => a.GetType().FullName).OrderBy(n => n, StringComparer.Ordinal),
                hosted.Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(
                Catalogue.Ids.OrderBy(i => i, StringComparer.Ordinal),
                new JwtAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        }

        [Fact]
        public void EveryFixer_FixesOnlyKnownIds_IsExported_AndSupportsFixAll()
        {
            Assert.NotEmpty(Catalogue.Fixers);
            foreach (var fixer in Catalogue.Fixers)
            {
                Assert.NotNull(fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
                Assert.NotEmpty(fixer.FixableDiagnosticIds);
                Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, Catalogue.Ids));
                Assert.NotNull(fixer.GetFixAllProvider());
            }
        }

        [Fact]
        public void EveryFixKey_NamesAKnownRule()
        {
            var keys = typeof(JwtAnalyzers.CodeFixes.CodeFixKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
            Assert.All(keys, key => Assert.Contains(key.Split('.')[0], Catalogue.Ids));
        }

        [Fact]
        public void ReadmeCodeFixColumn_MatchesTheFixers()
        {
            var readme = Catalogue.Read("README.md");
            var fixable = Catalogue.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
            foreach (var id in Catalogue.Ids)
            {
                var row = readme.Split('\n').Single(l => l.StartsWith($"| [{id}]", StringComparison.Ordinal));
                var cells = row.Split('|', StringSplitOptions.TrimEntries);
                var fixCell = cells[^2];
                Assert.True(fixable.Contains(id) == (fixCell == "Yes"), $"README says '{fixCell}' for {id}'s code fix");
            }
        }

        [Fact]
        public void EveryOptionKey_IsDocumented()
        {
            var docs = Catalogue.Read("docs/configuration.md");
            Assert.All(JwtAnalyzerOptions.AllKeys, key => Assert.Contains(JwtAnalyzerOptions.Prefix + key, docs, StringComparison.Ordinal));
        }
    }
}
