using System.Collections.Generic;
using System.Linq;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Tests.Conventions;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace JwtAnalyzers.Tests.Flow
{
    /// <summary>
    /// ValueFlow answers "the local's one value" for a local declared with an initializer by searching its body's text
    /// for the name (TryAnswerBySearch), before it collects the body's writes (SingleAssignmentByWrites). The search
    /// may give up, but whenever it answers, the answer must be the one the writes give.
    /// </summary>
    public class LocalInitializerSearchTests
    {
        [Fact]
        public void OnTheSample_TheSearchAnswersOnlyWhatTheWritesAnswer_AndAnswersMostLocals()
        {
            var compilation = DeterminismTests.SampleCompilation();
            int answered = 0, declaredWithInitializer = 0;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var identifier in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (model.GetOperation(identifier) is not ILocalReferenceOperation reference || reference.Local.IsRef) continue;
                    var known = ValueFlow.TryAnswerBySearch(reference.Local, reference, out var fast);
                    var full = ValueFlow.SingleAssignmentByWrites(reference.Local, reference);
                    if (reference.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null }) declaredWithInitializer++;
                    if (!known) continue;
                    answered++;
                    Assert.Same(full, fast);
                }
            }

            Assert.True(answered > 50 && answered * 10 >= declaredWithInitializer * 8, // measured: see the message when it fails

                $"the search answered {answered} of {declaredWithInitializer} uses of locals declared with an initializer");
        }

        // Answered by the search (known) when the write is an assignment, increment, ref or out argument of this local,
        // confirmed on its operation; left to the writes otherwise.
        [Theory]
        [InlineData("x = \"b\";", true)]
        [InlineData("x += \"b\";", true)]
        [InlineData("x ??= \"b\";", true)]
        [InlineData("(x) = \"b\";", true)]
        [InlineData("Out(out x);", true)]
        [InlineData("Ref(ref x);", true)]
        [InlineData("System.Action a = () => x = \"b\";", true)]
        [InlineData("void Local() { x = \"b\"; }", true)]
        [InlineData("(x, y) = (\"b\", \"c\");", false)]
        [InlineData("\\u0078 = \"b\";", false)]
        [InlineData("\\U00000078 = \"b\";", false)]
        [InlineData("var path = \"C:\\\\data\"; x = \"b\";", true)]
        [InlineData("{ var x2 = 0; x2++; } for (var i = 0; i < 1; i++) { } if (y != null) { x = y; }", true)]
        public void AStringLocalWrittenAgain_HasNoSingleValue(string write, bool bySearch)
        {
            var (reference, known, fast, full) = Ask($"var x = name; var y = name; {write} Use(x);");
            Assert.Null(full);
            Assert.Equal(bySearch, known);
            Assert.Null(fast);
            Assert.Equal("x", reference.Local.Name);
        }

        // The text is searched only where the local is in scope: a same-named local in a sibling block is not looked at.
        [Fact]
        public void ASameNamedLocalInAnotherScope_IsOutsideTheSearch()
        {
            var (_, known, fast, full) = Ask("{ var x = name; x = \"b\"; } { var x = name; Use(x); }");
            Assert.True(known);
            Assert.Equal("name", full?.Syntax.ToString());
            Assert.Same(full, fast);
        }

        // A write anywhere in the local's scope is found: in a nested block, in another section of the same switch, in
        // the body of the for statement that declares it.
        [Theory]
        [InlineData("if (name != null) { var x = name; if (name.Length > 1) { x = \"b\"; } Use(x); }")]
        [InlineData("switch (name) { case \"a\": var x = name; break; case \"b\": x = \"b\"; Use(x); break; }")]
        [InlineData("for (var x = name; x.Length < 3; x += \"b\") { Use(x); }")]
        [InlineData("var x = name; { { x = \"b\"; } } Use(x);")]
        public void AWriteInTheLocalsScope_IsFoundByTheSearch(string body)
        {
            var (_, known, fast, full) = Ask(body);
            Assert.True(known);
            Assert.Null(fast);
            Assert.Null(full);
        }

        [Theory]
        [InlineData("Use(x); Use(x.Length.ToString()); Use($\"{x}\"); Use(nameof(x)); // x = \"comment\"\n var s = \"x = 1\"; var xy = 1; xy++;", true)]
        [InlineData("Use(x!); Holder.Static(x: x);", true)]
        // An object initializer's "x = ..." names a member but reads like a write: the search leaves it to the writes.
        [InlineData("var other = new Holder { x = \"member, not the local\" };", false)]
        // An in argument is read, not written; the search leaves it to the writes all the same.
        [InlineData("In(in x);", false)]
        // A lambda's or local function's own x is written, not the local: the search cannot tell them apart and leaves it.
        [InlineData("System.Action<string> a = x => x = \"lambda's\"; a(x);", false)]
        [InlineData("void Local() { var x = \"local function's\"; x = \"b\"; }", false)]
        public void AStringLocalOnlyRead_IsAnsweredWithItsInitializer(string reads, bool bySearch)
        {
            var (reference, known, fast, full) = Ask($"var x = name; {reads} Use(x);");
            Assert.Equal("name", full?.Syntax.ToString());
            Assert.Equal(bySearch, known);
            if (bySearch) Assert.Same(full, fast);
            Assert.Equal("x", reference.Local.Name);
        }

        [Fact]
        public void AStructLocalWhoseMemberIsUsed_IsLeftToTheWrites_AsARefExtensionMayWriteIt()
        {
            var (_, known, _, full) = Ask("var x = new Counter(); x.Bump(); Use(x.ToString());");
            Assert.False(known);
            Assert.Null(full);
        }

        private static (ILocalReferenceOperation Reference, bool Known, IOperation? Fast, IOperation? Full) Ask(string body)
        {
            var source = @"
struct Counter { public int N; }
static class Extensions { public static void Bump(this ref Counter c) => c.N++; }
class Holder { public string x; public static void Static(string x) { } }
class C
{
    void Use(string s) { }
    void Out(out string s) => s = """";
    void Ref(ref string s) { }
    void In(in string s) { }
    void M(string name)
    {
        " + body + @"
    }
}";
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create("T", new[] { tree }, References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var model = compilation.GetSemanticModel(tree);
            var last = tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().Last(n => n.Identifier.ValueText == "x" && model.GetOperation(n) is ILocalReferenceOperation);
            var reference = (ILocalReferenceOperation)model.GetOperation(last)!;
            var known = ValueFlow.TryAnswerBySearch(reference.Local, reference, out var fast);
            return (reference, known, fast, ValueFlow.SingleAssignmentByWrites(reference.Local, reference));
        }
    }
}
