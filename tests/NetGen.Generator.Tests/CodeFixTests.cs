using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using NetGen.CodeFixes;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The IDE's code fixes (docs/ide.md), applied as the IDE would: the generator reports the diagnostic,
/// the fix's code action runs on a document in an <see cref="AdhocWorkspace"/>, and the resulting text
/// is compared exactly; then the fixed source goes through the generator again and compiles clean.
/// </summary>
public sealed class CodeFixTests
{
    [Theory]
    [InlineData(
        """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        public sealed class Net { }
        """,
        """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        public sealed partial class Net { }
        """)]
    [InlineData(
        """
        namespace Models
        {
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            class Net { }
        }
        """,
        """
        namespace Models
        {
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            partial class Net { }
        }
        """)]
    [InlineData(
        """
        /// <summary>A network.</summary>
        [NetGen.Network(Inputs = 2)] [NetGen.Dense(1)] internal class Net { }
        """,
        """
        /// <summary>A network.</summary>
        [NetGen.Network(Inputs = 2)] [NetGen.Dense(1)] internal partial class Net { }
        """)]
    [InlineData(
        """
        class Net
        {
        }

        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        class Other { }
        """,
        """
        class Net
        {
        }

        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        partial class Other { }
        """)]
    [InlineData(
        """
        public class Outer
        {
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            public sealed class Net { }
        }
        """,
        """
        public partial class Outer
        {
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            public sealed partial class Net { }
        }
        """)]
    public async Task NG0001AddsPartialAndTheFixedSourceCompiles(string source, string expected)
    {
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == "NG0001");

        string fixedSource = await ApplySingleFixAsync(new MakePartialCodeFix(), source, diagnostic);

        Assert.Equal(expected, fixedSource);
        GeneratorHarness.Result result = GeneratorHarness.Run(fixedSource);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public async Task NG0001FixAllThroughTheCodeFixTestFramework()
    {
        // The same fix driven by the Roslyn code-fix test framework (NetGenCodeFixTest): one at a time, then
        // Fix All (the batch fixer) in document, project and solution scope.
        await NetGenCodeFixTest<MakePartialCodeFix>.VerifyAsync(
            """
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            public sealed class {|NG0001:First|} { }

            [NetGen.Network(Inputs = 3)]
            [NetGen.Dense(2)]
            internal class {|NG0001:Second|} { }
            """,
            """
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            public sealed partial class First { }

            [NetGen.Network(Inputs = 3)]
            [NetGen.Dense(2)]
            internal partial class Second { }
            """,
            MakePartialCodeFix.Title,
            MakePartialCodeFix.Title,
            iterations: 2);
    }

    [Fact]
    public void MakePartialFixesNG0001Only()
    {
        var fix = new MakePartialCodeFix();
        Assert.Equal(new[] { "NG0001" }, fix.FixableDiagnosticIds);
        Assert.NotNull(fix.GetFixAllProvider());
    }

    /// <summary>Registers the fix for <paramref name="diagnostic"/>, expects exactly one action and returns the document's text after it.</summary>
    private static async Task<string> ApplySingleFixAsync(CodeFixProvider provider, string source, Diagnostic diagnostic)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("UserAssembly", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(GeneratorHarness.Compilation().Options)
            .WithMetadataReferences(GeneratorHarness.Compilation().References);
        Document document = project.AddDocument("File0.cs", SourceText.From(source), filePath: "/src/File0.cs");

        // The generator's diagnostic has the same span in the document's tree.
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        Diagnostic located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, located, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        CodeAction codeAction = Assert.Single(actions);
        Assert.Equal(MakePartialCodeFix.Title, codeAction.Title);

        ImmutableArray<CodeActionOperation> operations = await codeAction.GetOperationsAsync(CancellationToken.None);
        ApplyChangesOperation apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        Document changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }
}
