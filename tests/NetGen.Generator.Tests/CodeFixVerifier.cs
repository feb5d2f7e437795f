using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Drives a NetGen code fix with the Roslyn code-fix test framework (Microsoft.CodeAnalysis.CSharp.CodeFix.Testing).
/// NetGen's diagnostics come from its source generator, not from a DiagnosticAnalyzer: the framework runs
/// the generators that <see cref="AnalyzerTest{TVerifier}.GetSourceGenerators"/> names on every state and
/// checks their diagnostics like an analyzer's, so the analyzer is the framework's empty one. For each test
/// the framework checks the markup's diagnostics (<c>{|NG0006:…|}</c>), applies the fix with the chosen
/// equivalence key one diagnostic at a time, then Fix All in document, project and solution scope, and
/// requires each result to equal the fixed code exactly, with no diagnostic left: none from the generator
/// and no compiler warning or error, the generated code included.
/// </summary>
internal sealed class NetGenCodeFixTest<TCodeFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public NetGenCodeFixTest()
    {
        // No reference-assembly package (that would be a NuGet download at test time): the test host's
        // own framework assemblies and NetGen.Runtime, as GeneratorHarness compiles.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(GeneratorHarness.Compilation().References);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        // The generated code is not compared here (the snapshot tests do that); it must compile (above).
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(NetworkGenerator) };

    protected override CodeFixProvider[] GetCodeFixProviders() => new CodeFixProvider[] { new TCodeFix() };

    /// <summary>Runs the test; afterwards the fixed code goes through the generator once more on its own and must generate code that compiles without warnings (nullable on).</summary>
    public static async Task VerifyAsync(string markup, string fixedCode, string equivalenceKey, string? expectedTitle, int? iterations = null)
    {
        var test = new NetGenCodeFixTest<TCodeFix>
        {
            TestCode = markup,
            FixedCode = fixedCode,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (iterations is int count)
        {
            test.NumberOfIncrementalIterations = count;
        }

        if (expectedTitle is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
        }
        await test.RunAsync();

        GeneratorHarness.Result result = GeneratorHarness.Run(fixedCode);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Info));
        Assert.Empty(result.CompilationDiagnostics);
        Assert.NotEmpty(result.Sources);
    }
}

/// <summary>Which fixes a provider offers, as the IDE's light bulb would list them: for every diagnostic of its ids that the generator reports on the source.</summary>
internal static class OfferedFixes
{
    public static async Task<IReadOnlyList<(string Title, string? Key)>> ForAsync(CodeFixProvider provider, string source)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("UserAssembly", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(GeneratorHarness.Compilation().Options)
            .WithMetadataReferences(GeneratorHarness.Compilation().References);
        Document document = project.AddDocument("File0.cs", SourceText.From(source), filePath: "/src/File0.cs");
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;

        var offered = new List<(string, string?)>();
        foreach (Diagnostic diagnostic in GeneratorHarness.Run(source).GeneratorDiagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
        {
            Diagnostic located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan));
            var context = new CodeFixContext(document, located, (action, _) => offered.Add((action.Title, action.EquivalenceKey)), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }

        return offered;
    }
}
