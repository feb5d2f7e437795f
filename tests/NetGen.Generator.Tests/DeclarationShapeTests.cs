using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Every shape of declaration the attributes can sit on either generates code that compiles, or is
/// refused with an NG error on the class and nothing generated: never compiler errors in generated code.
/// </summary>
public class DeclarationShapeTests
{
    private const string Layers = "[NetGen.Network(Inputs = 2)][NetGen.Dense(3, NetGen.Activation.Tanh)][NetGen.Dense(1)][NetGen.Training(NetGen.Loss.MeanSquaredError)]";

    [Theory]
    [InlineData($"{Layers} public abstract partial class Net {{ }} public sealed class Derived : Net {{ }}")]
    [InlineData($"{Layers} public sealed partial class Net {{ }}")]
    [InlineData($"{Layers} internal partial class Net {{ }} internal partial class Net {{ public int Extra => 1; }}")]
    [InlineData($"public static partial class Outer {{ {Layers} public partial class Net {{ }} }}")]
    [InlineData($"public abstract partial class Outer {{ {Layers} protected partial class Net {{ }} }}")]
    [InlineData($"public ref partial struct Outer {{ {Layers} public partial class Net {{ }} }}")]
    [InlineData($"public readonly partial struct Outer {{ {Layers} public partial class Net {{ }} }}")]
    [InlineData($"public partial record Outer {{ {Layers} public partial class Net {{ }} }}")]
    [InlineData($"public partial record struct Outer {{ {Layers} public partial class Net {{ }} }}")]
    [InlineData($"public partial interface IOuter {{ {Layers} public partial class Net {{ }} }}")]
    public void ABuildableShapeCompiles(string source)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        NamingTests.AssertCompiles(result);
        Assert.Single(result.Sources);
    }

    [Theory]
    [InlineData("NG0024", "is static", $"{Layers} public static partial class [|Net|] {{ }}")]
    [InlineData("NG0009", "file-local", $"{Layers} file partial class [|Net|] {{ }}")]
    [InlineData("NG0009", "'Outer' is file-local", $"file partial class Outer {{ {Layers} public partial class [|Net|] {{ }} }}")]
    [InlineData("NG0009", "generic", $"{Layers} public partial class [|Net|]<T> {{ }}")]
    [InlineData("NG0009", "not a record", $"{Layers} public partial record [|Net|] {{ }}")]
    [InlineData("NG0009", "not a struct", $"{Layers} public partial struct [|Net|] {{ }}")]
    [InlineData("NG0009", "not a struct", $"{Layers} public ref partial struct [|Net|] {{ }}")]
    [InlineData("NG0009", "not a record struct", $"{Layers} public partial record struct [|Net|] {{ }}")]
    [InlineData("NG0009", "not an interface", $"{Layers} public partial interface [|INet|] {{ }}")]
    [InlineData("NG0023", "it is static", "[NetGen.OnnxModel(\"net.onnx\")] public static partial class [|Net|] { }")]
    [InlineData("NG0023", "file-local", "[NetGen.OnnxModel(\"net.onnx\")] file partial class [|Net|] { }")]
    [InlineData("NG0023", "'Outer' is file-local", "file partial class Outer { [NetGen.OnnxModel(\"net.onnx\")] public partial class [|Net|] { } }")]
    [InlineData("NG0023", "not a record", "[NetGen.OnnxModel(\"net.onnx\")] public partial record [|Net|] { }")]
    [InlineData("NG0100", "'F' is file-local", "file static partial class F { [NetGen.Differentiate] public static double [|G|](double x) => x * x; }")]
    public void AShapeThatCannotBeBuiltIsRefused(string id, string messagePart, string markup)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(markup);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(result.Sources);
        // The compiler's only complaint, if any, is the attribute on a type it is not for (CS0592).
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Id != "CS0592").Select(d => d.ToString()));
    }
}
