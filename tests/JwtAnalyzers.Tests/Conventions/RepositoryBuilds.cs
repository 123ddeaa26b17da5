using Xunit;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>
    /// The tests that run MSBuild on the repository's projects (the CLI's restores and loads of a copy of the sample,
    /// the language server's restore of the sample, the package's pack) all restore or build src/JwtAnalyzers and
    /// src/JwtAnalyzers.CodeFixes through project references: they run one at a time, so no two of them write the
    /// same obj/ folder at once. The rest of the suite still runs beside them.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class RepositoryBuilds
    {
        public const string Name = "Builds of the repository's projects";
    }
}
