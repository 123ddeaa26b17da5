using System.Linq;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace JwtAnalyzers.Tests.Flow
{
    /// <summary>The allocation-free namespace comparisons agree with the display names they replace.</summary>
    public class NamespaceNamesTests
    {
        private static readonly Compilation Compilation = CSharpCompilation.Create("Names", new[]
        {
            CSharpSyntaxTree.ParseText(@"
namespace System.Text.Json { class A {} }
namespace MySystem.Text { class Encoding {} }
namespace Outer.System.Text { class Encoding {} }
namespace JWT { class B {} }
class TopLevel {}"),
        });

        [Theory]
        [InlineData("System.Text.Json.A", "System.Text.Json", true)]
        [InlineData("System.Text.Json.A", "System.Text", false)]
        [InlineData("System.Text.Json.A", "Text.Json", false)]
        [InlineData("System.Text.Json.A", "xSystem.Text.Json", false)]
        [InlineData("MySystem.Text.Encoding", "System.Text", false)]
        [InlineData("MySystem.Text.Encoding", "MySystem.Text", true)]
        [InlineData("Outer.System.Text.Encoding", "System.Text", false)]
        [InlineData("JWT.B", "JWT", true)]
        [InlineData("JWT.B", "JWT.Algorithms", false)]
        [InlineData("TopLevel", "", true)]
        [InlineData("TopLevel", "System", false)]
        public void Is_MatchesTheWholeNamespace(string type, string ns, bool expected)
        {
            var symbol = Compilation.GetTypeByMetadataName(type)!;
            Assert.Equal(expected, NamespaceNames.Is(symbol.ContainingNamespace, ns));
            Assert.Equal(symbol.ContainingNamespace.ToDisplayString() == (ns.Length == 0 ? "<global namespace>" : ns), expected);
        }

        [Theory]
        [InlineData("System.Text.Json.A", "System.Text.Json.A", true)]
        [InlineData("System.Text.Json.A", "System.Text.A", false)]
        [InlineData("MySystem.Text.Encoding", "System.Text.Encoding", false)]
        [InlineData("Outer.System.Text.Encoding", "System.Text.Encoding", false)]
        [InlineData("TopLevel", "TopLevel", true)]
        [InlineData("JWT.B", "JWT.BB", false)]
        public void IsType_MatchesTheFullName(string type, string fullName, bool expected)
            => Assert.Equal(expected, NamespaceNames.IsType(Compilation.GetTypeByMetadataName(type), fullName));

        [Theory]
        [InlineData("System.Text.Json.A", "System.Text.Json", true)]
        [InlineData("System.Text.Json.A", "System.Text", true)]
        [InlineData("System.Text.Json.A", "System", true)]
        [InlineData("System.Text.Json.A", "System.Te", false)]
        [InlineData("System.Text.Json.A", "Text.Json", false)]
        [InlineData("MySystem.Text.Encoding", "System", false)]
        [InlineData("Outer.System.Text.Encoding", "System.Text", false)]
        [InlineData("Outer.System.Text.Encoding", "Outer", true)]
        [InlineData("JWT.B", "JWT", true)]
        [InlineData("TopLevel", "System", false)]
        public void IsWithin_MatchesTheNamespaceOrAnOuterOne(string type, string ns, bool expected)
        {
            var symbol = Compilation.GetTypeByMetadataName(type)!;
            Assert.Equal(expected, NamespaceNames.IsWithin(symbol.ContainingNamespace, ns));
            var display = symbol.ContainingNamespace.ToDisplayString();
            Assert.Equal(display == ns || display.StartsWith(ns + ".", System.StringComparison.Ordinal), expected);
        }

        [Fact]
        public void NullIsNoNamespace()
            => Assert.False(NamespaceNames.Is(null, "System") || NamespaceNames.IsType(null, "System.String") || NamespaceNames.IsWithin(null, "System"));
    }
}
