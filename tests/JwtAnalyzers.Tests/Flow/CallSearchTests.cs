using System.Linq;
using System.Text;
using JwtAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace JwtAnalyzers.Tests.Flow
{
    /// <summary>
    /// CallSearch.InvocationsNamed finds a method's calls by searching the file's text for the name: it must find
    /// exactly the invocations a walk of every node finds, and none of the name's other appearances.
    /// </summary>
    public class CallSearchTests
    {
        private const string Source = @"
using System;

class Read
{
    // Read(comment) is not a call; nor is ""Read()"" in a string.
    string Text = ""Read(x)"";

    static int Read(int x) => x;
    static T Read<T>(T x) => x;
    int Reader() => 0;
    int ReadAll() => 0;

    void Calls(Read? other, Func<int, int> f)
    {
        Read(1);
        Read<int>(2);
        this.Reader();
        other?.ReadAll();
        other?.Calls(null, Read);
        Func<int, int> group = Read;
        var again = @Read(3) + Read(Read(4));
        var text = $""{Read(5)} Read(6)"";
        var name = nameof(Read);
        var made = new Read();
        global::System.Console.WriteLine(Read(7));
        Nested.Read(8);
#if NEVER
        Read(9);
#endif
        Reader();
    }

    static class Nested { public static int Read(int x) => x; }
}";

        [Theory]
        [InlineData("Read", 8)]
        [InlineData("Reader", 2)]
        [InlineData("ReadAll", 1)]
        [InlineData("Calls", 1)]
        [InlineData("WriteLine", 1)]
        [InlineData("Missing", 0)]
        public void CallsOfAName_AreTheInvocationsAWalkOfEveryNodeFinds(string name, int expected)
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var found = CallSearch.InvocationsNamed(tree, name, default);
            Assert.Equal(Walk(tree, name), found);
            Assert.Equal(expected, found.Count);
        }

        [Fact]
        public void ACallStraddlingTheSearchsChunkBoundary_IsFound()
        {
            // The call's name begins at every offset from well before the boundary to past it, so that it starts in
            // one chunk and ends in the next at each of its inner positions.
            const string Header = "class C { static int GoFurther() => 0; void M() {\n";
            for (var start = CallSearch.ChunkLength - 16; start <= CallSearch.ChunkLength + 4; start++)
            {
                var tree = CSharpSyntaxTree.ParseText(Header + new string(' ', start - Header.Length) + "GoFurther();\n} }");
                Assert.Equal(start, tree.GetText().ToString().IndexOf("GoFurther();", System.StringComparison.Ordinal));

                var found = Assert.Single(CallSearch.InvocationsNamed(tree, "GoFurther", default));
                Assert.Equal(start, found.SpanStart);
            }
        }

        [Fact]
        public void ManyCallsInAFileOfManyChunks_AreEachFoundOnce()
        {
            // 3,000 calls in a file of ten chunks.
            var source = new StringBuilder("class C { static int Go() => 0; void M() {\n");
            for (var i = 0; i < 3000; i++) source.Append(' ', i % 17).Append("Go();\n");
            var tree = CSharpSyntaxTree.ParseText(source.Append("} }").ToString());

            var found = CallSearch.InvocationsNamed(tree, "Go", default);
            Assert.Equal(3000, found.Count);
            Assert.Equal(Walk(tree, "Go"), found);
            Assert.Empty(CallSearch.InvocationsNamed(tree, "GoGo", default));
        }

        [Fact]
        public void ANameLongerThanTheFile_FindsNothing()
        {
            var tree = CSharpSyntaxTree.ParseText("class C { }");
            Assert.Empty(CallSearch.InvocationsNamed(tree, "AMethodNameLongerThanTheFile", default));
            Assert.Empty(CallSearch.InvocationsNamed(tree, string.Empty, default));
        }

        private static InvocationExpressionSyntax[] Walk(SyntaxTree tree, string name)
            => tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Where(call => (call.Expression switch
            {
                SimpleNameSyntax simple => simple,
                MemberAccessExpressionSyntax member => member.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => null,
            })?.Identifier.ValueText == name).ToArray();
    }
}
