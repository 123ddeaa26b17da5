using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using JwtAnalyzers.Claims;
using JwtAnalyzers.Tests.Conventions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace JwtAnalyzers.Tests.Claims
{
    /// <summary>
    /// A name with none of <see cref="SensitiveNames.Triggers"/> in it is answered "none" without splitting it or
    /// looking it up. That is sound only while every listed word contains a trigger; these tests hold the lists and
    /// the triggers together, and compare the quick answer with the full one on many real names.
    /// </summary>
    public class SensitiveNamesTests
    {
        [Fact]
        public void EveryListedPhrase_ContainsATrigger()
        {
            var phrases = SensitiveNames.TextSecrets.Concat(SensitiveNames.PersonalData).Concat(SensitiveNames.AuthenticationMethodPhrases)
                .Concat(SensitiveNames.AuthenticationMethodWords.Select(w => new[] { w }))
                .ToList();
            Assert.True(phrases.Count > 30);
            foreach (var phrase in phrases)
            {
                Assert.True(phrase.Any(word => SensitiveNames.Triggers.Any(t => word.Contains(t, StringComparison.Ordinal))), string.Join(" ", phrase) + " has no trigger");
            }
        }

        [Theory]
        [InlineData("user_password")]
        [InlineData("UserPassword")]
        [InlineData("PASSWORD")]
        [InlineData("ClientSecret")]
        [InlineData("http://schemas.example.org/claims/ssn")]
        [InlineData("credit-card")]
        [InlineData("Cvv2")]
        [InlineData("PinCode")]
        [InlineData("amr")]
        [InlineData("AuthenticationMethod")]
        [InlineData("password_changed_at")]
        [InlineData("db_pass")]
        [InlineData("Api\u212Aey")] // KELVIN SIGN: Words.Split lowers it to 'k', and so does the trigger pass
        public void ANameTheListsMatch_IsAnsweredInFull(string name)
        {
            Assert.True(SensitiveNames.MayHaveListedWord(name));
            Assert.NotEqual(ClaimNameKind.None, SensitiveNames.ClassifyClaimNameInFull(name, ImmutableArray<string[]>.Empty));
            Assert.Equal(SensitiveNames.ClassifyClaimNameInFull(name, ImmutableArray<string[]>.Empty), SensitiveNames.ClassifyClaimName(name, ImmutableArray<string[]>.Empty));
        }

        [Fact]
        public void OnEveryIdentifierAndStringOfTheRepository_TheQuickAnswerIsTheFullOne()
        {
            var names = RepositoryNames();
            Assert.True(names.Count > 2000, $"{names.Count} names");
            var sensitive = 0;
            foreach (var name in names)
            {
                var claimName = SensitiveNames.ClassifyClaimName(name, ImmutableArray<string[]>.Empty);
                Assert.Equal(SensitiveNames.ClassifyClaimNameInFull(name, ImmutableArray<string[]>.Empty), claimName);
                Assert.Equal(SensitiveNames.ClassifyInFull(name, ImmutableArray<string[]>.Empty), SensitiveNames.Classify(name, ImmutableArray<string[]>.Empty));
                if (claimName != ClaimNameKind.None) sensitive++;
            }

            // The comparison means something only if both answers occur.
            Assert.True(sensitive > 100, $"{sensitive} names the lists match");
        }

        /// <summary>Identifiers and string literals of every C# file under samples/ and tests/.</summary>
        private static HashSet<string> RepositoryNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var folder in new[] { "samples", "tests" })
            {
                foreach (var file in Directory.EnumerateFiles(Path.Combine(Catalogue.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
                {
                    if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                    foreach (var token in CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.StringLiteralToken)) names.Add(token.ValueText);
                    }
                }
            }

            return names;
        }
    }
}
