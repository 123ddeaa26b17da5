using System.Collections.Immutable;
using System.Linq;
using JwtAnalyzers.Claims;
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
    /// JWT020 follows a claim value through a local only when the local's initializer, judged from its syntax, may
    /// lead to a sensitive member (InitializerMayLeadToSource); following means searching the method for the local's
    /// writes. The gate may let through what finds nothing, but whenever it stops a local, following that local
    /// must find nothing either.
    /// </summary>
    public class ClaimValueGateTests
    {
        private const string Shapes = @"
using System;
public static class Names { public const string Event = ""backchannel""; public const string Password = ""pwd""; public static string Secret = ""s""; }
public class AppUser
{
    public string Id { get; set; } = """";
    public string Password { get; set; } = """";
    public string MaidenName { get; set; } = """";
    public bool HasPassword { get; set; }
    public int Pin { get; set; }
    public AppUser Manager { get; set; }
    public string Describe() => Id;
    public static string ToString(AppUser user) => user.Id;
    public static implicit operator string(AppUser user) => user.Password;
}
public static class Convert { public static string ToString(this object value) => """"; }
public class C
{
    public string ToString(string format) => format;
    void Use(object value) { }
    void M(AppUser user, string input, bool flag, Func<string> read, long time)
    {
        var a1 = ""{\"""" + Names.Event + ""\"":{} }"";
        var a2 = ""{"" + Names.Password + ""}"";
        var a3 = new DateTimeOffset(DateTime.UtcNow).ToUnixTimeSeconds().ToString();
        var a4 = user.Password.ToString();
        var a5 = user.Pin.ToString().ToString();
        var a6 = System.Convert.ToString(user.Pin);
        var a7 = System.Convert.ToString(time);
        var a8 = user.Manager.Id;
        var a9 = user.Manager.Password;
        var b1 = flag ? user.Id : Names.Event;
        var b2 = flag ? user.Id : user.Password;
        var b3 = user.Id ?? user.MaidenName;
        var b4 = user.HasPassword.ToString();
        var b5 = user.Id.Length > 3;
        var b6 = user.Id == user.Password;
        var b7 = input + 1;
        var b8 = a4;
        var b9 = ""x"" + b8;
        var c1 = AppUser.ToString(user);
        var c2 = ToString(user.Password);
        var c3 = read();
        var c4 = user.Describe().ToString();
        var c5 = (string)user;
        var c6 = user.Password.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var c7 = Names.Secret;
        var c8 = user.Manager!.Password;
        var c9 = input.ToString();
        var d1 = $""{user.Password}"";
        var d2 = (user.Password);
        var d3 = user.Password as string;
        var d4 = user.Id.ToString();
        var d5 = Convert.ToString(user.Password);
        Use(a1); Use(a2); Use(a3); Use(a4); Use(a5); Use(a6); Use(a7); Use(a8); Use(a9);
        Use(b1); Use(b2); Use(b3); Use(b4); Use(b5); Use(b6); Use(b7); Use(b8); Use(b9);
        Use(c1); Use(c2); Use(c3); Use(c4); Use(c5); Use(c6); Use(c7); Use(c8); Use(c9);
        Use(d1); Use(d2); Use(d3); Use(d4); Use(d5);
    }
}";

        [Fact]
        public void OnTheShapes_ALocalTheGateStops_LeadsToNoSource()
        {
            var stopped = Check(Compile(Shapes), ImmutableArray<string[]>.Empty);
            // What the syntax settles: constants and calls, and members read by names that are not sensitive.
            Assert.Equal(new[] { "a1", "a3", "a8", "b1", "b3", "b4", "b5", "b6", "c3", "c4", "d4" }, stopped);
        }

        [Fact]
        public void WithConfiguredNames_AMemberSoNamed_IsFollowed()
        {
            var stopped = Check(Compile(Shapes), ImmutableArray.Create<string[]>(new[] { "maiden", "name" }));
            Assert.DoesNotContain("b3", stopped);
            Assert.Contains("b1", stopped);
        }

        [Fact]
        public void OnTheSample_ALocalTheGateStops_LeadsToNoSource()
        {
            var stopped = Check(DeterminismTests.SampleCompilation(), ImmutableArray<string[]>.Empty);
            Assert.True(stopped.Length > 20, $"the gate stopped {stopped.Length} locals of the sample");
        }

        /// <summary>
        /// For every local read in the compilation: when the gate stops it, following it (its one value, as the rule
        /// would follow it without the gate) finds no source. Returns the names of the locals stopped, in order.
        /// </summary>
        private static string[] Check(Compilation compilation, ImmutableArray<string[]> configured)
        {
            var stopped = new System.Collections.Generic.List<string>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var identifier in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (model.GetOperation(identifier) is not ILocalReferenceOperation reference || reference.Local.IsRef) continue;
                    if (SensitiveClaimAnalyzer.InitializerMayLeadToSource(reference.Local, configured, default)) continue;
                    if (!stopped.Contains(reference.Local.Name)) stopped.Add(reference.Local.Name);
                    var value = ValueFlow.Unwrap(reference);
                    if (ReferenceEquals(value, reference)) continue;
                    Assert.True(SensitiveClaimAnalyzer.FindSensitiveSource(value, configured, 0, default) is null,
                        $"{reference.Local.Name} = {value.Syntax} was stopped, but leads to a source");
                }
            }

            return stopped.ToArray();
        }

        private static Compilation Compile(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create("T", new[] { tree }, References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return compilation;
        }
    }
}
