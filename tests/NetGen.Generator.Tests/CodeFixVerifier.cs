using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Drives a NetGen code fix with the Roslyn code-fix test framework (Microsoft.CodeAnalysis.CSharp.CodeFix.Testing).
/// NetGen's diagnostics come from its source generator, not from a DiagnosticAnalyzer, so the analyzer under
/// test is <see cref="GeneratorDiagnosticsAnalyzer"/>, which runs the generator and reports its diagnostics
/// at the document's own locations (docs/ide.md says why the framework's own generator support is not enough). For each test
/// the framework checks the markup's diagnostics (<c>{|NG0006:…|}</c>), applies the fix with the chosen
/// equivalence key one diagnostic at a time, then Fix All in document, project and solution scope, and
/// requires each result to equal the fixed code exactly, with no diagnostic left: none from the generator
/// and no compiler warning or error; <see cref="VerifyAsync"/> then compiles the fixed code with the generated code.
/// </summary>
internal sealed class NetGenCodeFixTest<TCodeFix> : CSharpCodeFixTest<GeneratorDiagnosticsAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public NetGenCodeFixTest()
    {
        // No reference-assembly package (that would be a NuGet download at test time): the test host's
        // own framework assemblies and NetGen.Runtime, as GeneratorHarness compiles.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(GeneratorHarness.Compilation().References);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        // The framework compiles with documentation comments on; the test classes carry none.
        DisabledDiagnostics.Add("CS1591");
        // The generated code is not compared here (the snapshot tests do that); it must compile (above).
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override CodeFixProvider[] GetCodeFixProviders() => new CodeFixProvider[] { new TCodeFix() };

    /// <summary>Runs the test; afterwards the fixed code goes through the generator once more on its own and must generate code that compiles without warnings (nullable on).</summary>
    public static async Task VerifyAsync(string markup, string fixedCode, string equivalenceKey, string? expectedTitle, int? iterations = null, string? batchFixedCode = null)
    {
        var test = new NetGenCodeFixTest<TCodeFix>
        {
            TestCode = markup,
            FixedCode = fixedCode,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (batchFixedCode is not null)
        {
            // One fix at a time stops short of Fix All (the fixed code keeps markup for what is left).
            test.BatchFixedCode = batchFixedCode;
            test.FixedState.MarkupHandling = MarkupMode.Allow;
        }

        if (iterations is int count)
        {
            test.NumberOfIncrementalIterations = count;
        }

        if (expectedTitle is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
        }
        await test.RunAsync();

        GeneratorHarness.Result result = GeneratorHarness.Run(batchFixedCode ?? fixedCode);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Info));
        Assert.Empty(result.CompilationDiagnostics);
        Assert.NotEmpty(result.Sources);
    }
}

/// <summary>
/// A DiagnosticAnalyzer that reports what NetGen's generator reports, for the code-fix test framework. The
/// generator reports its diagnostics at file-path locations (a <see cref="Location"/> built from a path and
/// spans, which an incremental pipeline can compare by value), which the IDE maps to the document by its path;
/// the test framework does not: it looks a diagnostic's document up by its syntax tree, finds none and applies
/// no fix. This analyzer runs the generator on the compilation it analyses and reports each diagnostic again
/// at the same span of the tree with that path.
/// </summary>
// RS1036/RS1038/RS1041 are for analyzers that ship to a compiler; this one lives in the test assembly and only the test framework loads it.
#pragma warning disable RS1036, RS1038, RS1041
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class GeneratorDiagnosticsAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1036, RS1038, RS1041
{
    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = typeof(NetGen.Generator.Diagnostics.DiagnosticDescriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToImmutableArray();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Per tree, so that each diagnostic is local to its document (the framework fixes only local ones);
        // the generator runs once per compilation.
        var runs = new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Runtime.CompilerServices.StrongBox<ImmutableArray<Diagnostic>>>();
        context.RegisterSemanticModelAction(modelContext =>
        {
            SyntaxTree tree = modelContext.SemanticModel.SyntaxTree;
            ImmutableArray<Diagnostic> diagnostics = runs.GetValue(modelContext.SemanticModel.Compilation, compilation =>
            {
                CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions)
                    .RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> reported);
                return new System.Runtime.CompilerServices.StrongBox<ImmutableArray<Diagnostic>>(reported);
            }).Value;
            foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Location.GetLineSpan().Path == tree.FilePath))
            {
                DiagnosticDescriptor descriptor = diagnostic.Descriptor;
                modelContext.ReportDiagnostic(Diagnostic.Create(
                    descriptor.Id, descriptor.Category, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), diagnostic.Severity, descriptor.DefaultSeverity,
                    descriptor.IsEnabledByDefault, diagnostic.WarningLevel, descriptor.Title, descriptor.Description, descriptor.HelpLinkUri, Location.Create(tree, diagnostic.Location.SourceSpan)));
            }
        });
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

    /// <summary>The fixes offered for one diagnostic placed at <paramref name="span"/> of the document, wherever that is.</summary>
    public static async Task<IReadOnlyList<string>> ForSpanAsync(CodeFixProvider provider, DiagnosticDescriptor descriptor, string source, TextSpan span)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("UserAssembly", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithMetadataReferences(GeneratorHarness.Compilation().References);
        Document document = project.AddDocument("File0.cs", SourceText.From(source), filePath: "/src/File0.cs");
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        var offered = new List<string>();
        var context = new CodeFixContext(document, Diagnostic.Create(descriptor, Location.Create(tree, span)), (action, _) => offered.Add(action.Title), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return offered;
    }
}
