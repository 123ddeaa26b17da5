using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace JwtAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Several analyzers over one project at once, the way a user's build runs them: a case asserts the complete
    /// set of their diagnostics, so a false positive of any of them fails it. Same references and options as the
    /// single-analyzer verifiers. (The type argument only satisfies the base class; <see cref="GetDiagnosticAnalyzers"/> decides.)
    /// </summary>
    internal class MultiAnalyzerTest : CSharpAnalyzerTest<JwtAnalyzers.Options.InvalidOptionAnalyzer, DefaultVerifier>
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

        public MultiAnalyzerTest(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            _analyzers = analyzers;
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.All);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _analyzers;

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
