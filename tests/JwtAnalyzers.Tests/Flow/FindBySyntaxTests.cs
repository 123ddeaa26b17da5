using System.Linq;
using JwtAnalyzers.Flow;
using JwtAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace JwtAnalyzers.Tests.Flow
{
    /// <summary>
    /// ValueFlow.FindBySyntax finds an operation from its syntax by walking down one path of the body's operations
    /// (rules use it to read a local's initializer without searching the whole method): it must find what the
    /// semantic model finds, wherever the syntax sits, and nothing outside the body it is given.
    /// </summary>
    public class FindBySyntaxTests
    {
        private const string Source = @"
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.IdentityModel.Tokens;

class C
{
    SigningCredentials? _credentials;

    string Issue(bool flag, IEnumerable<int> items)
    {
        var descriptor = new SecurityTokenDescriptor { SigningCredentials = _credentials, Expires = DateTime.UtcNow.AddMinutes(5) };
        var wrapped = (new SecurityTokenDescriptor());
        var chosen = flag ? new SecurityTokenDescriptor() : new SecurityTokenDescriptor { Issuer = ""a"" };
        SecurityTokenDescriptor typed = new() { Audience = ""b"" };
        var list = new List<SecurityTokenDescriptor> { new SecurityTokenDescriptor(), new() };
        Func<SecurityTokenDescriptor> make = () => new SecurityTokenDescriptor { Subject = null };
        var selected = items.Select(i => new { Index = i, Descriptor = new SecurityTokenDescriptor() }).ToList();
        using (var stream = new System.IO.MemoryStream()) { Use(new SecurityTokenDescriptor(), stream); }
        return Local(new SecurityTokenDescriptor()) + descriptor.ToString();

        static string Local(SecurityTokenDescriptor d) => new System.Text.StringBuilder().Append(d).ToString();
    }

    void Use(SecurityTokenDescriptor descriptor, System.IO.Stream stream) { }
}";

        [Fact]
        public void EveryObjectCreationInABody_IsFoundAsTheSemanticModelFindsIt()
        {
            var (model, body) = Body("Issue");
            var creations = body.Syntax.DescendantNodes().Where(n => n is BaseObjectCreationExpressionSyntax or AnonymousObjectCreationExpressionSyntax).ToList();
            Assert.Equal(15, creations.Count);
            foreach (var syntax in creations)
            {
                var expected = model.GetOperation(syntax);
                Assert.NotNull(expected);
                // Untyped, the outermost operation of that syntax is found: an implicit conversion to the target type, where there is one.
                var outermost = ValueFlow.FindBySyntax<IOperation>(body, syntax);
                Assert.Same(syntax, outermost!.Syntax);
                Assert.Same(expected, ValueFlow.FindBySyntax<IObjectCreationOperation>(body, syntax) ?? (IOperation?)ValueFlow.FindBySyntax<IAnonymousObjectCreationOperation>(body, syntax));
            }
        }

        [Fact]
        public void SyntaxOutsideTheBody_OrOfAnotherKind_IsNotFound()
        {
            var (model, body) = Body("Issue");
            var elsewhere = body.Syntax.SyntaxTree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Use");
            Assert.Null(ValueFlow.FindBySyntax<IOperation>(body, elsewhere.ParameterList.Parameters[0]));

            var declarator = body.Syntax.DescendantNodes().OfType<VariableDeclaratorSyntax>().First();
            Assert.Null(ValueFlow.FindBySyntax<IObjectCreationOperation>(body, declarator));
            Assert.Same(model.GetOperation(declarator), ValueFlow.FindBySyntax<IVariableDeclaratorOperation>(body, declarator));
        }

        private static (SemanticModel Model, IOperation Body) Body(string method)
        {
            var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.CSharp12));
            var compilation = CSharpCompilation.Create("FindBySyntax", new[] { tree }, References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var model = compilation.GetSemanticModel(tree);
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
            return (model, model.GetOperation(declaration)!);
        }
    }
}
