using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JwtAnalyzers.Tests.Conventions
{
    /// <summary>What the convention and robustness tests enumerate: every shipped analyzer, fixer and descriptor.</summary>
    internal static class Catalogue
    {
        public static readonly string RepositoryRoot = typeof(Catalogue).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;

        public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(JwtAnalyzers.Descriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        public static IReadOnlyList<string> Ids { get; } = typeof(DiagnosticIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        /// <summary>The rule analyzers, one class per rule (or family of rules), each testable on its own.</summary>
        public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = typeof(JwtAnalyzers.Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t != typeof(JwtAnalyzer))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();

        /// <summary>What the compiler loads from the package: the one exported analyzer, which hosts every rule.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Shipped { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new JwtAnalyzer());

        public static IReadOnlyList<CodeFixProvider> Fixers { get; } = typeof(JwtAnalyzers.CodeFixes.CodeFixKeys).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();

        public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));
    }
}
