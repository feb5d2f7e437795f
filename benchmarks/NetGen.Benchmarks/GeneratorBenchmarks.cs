using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Benchmarks;

/// <summary>
/// What NetGen adds to a build: the generator's own time (parse, model, emit) for one network, and
/// the compiler's time to bind the code it emits, against compiling the declaration alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class GeneratorBenchmarks
{
    /// <summary>The networks of the performance issue: 4-16-3 up to 784-512-512-10.</summary>
    public static IEnumerable<string> Networks => Declarations.Keys;

    internal static readonly Dictionary<string, string> Declarations = new()
    {
        ["4-16-3"] = Declare(4, (16, "Tanh"), (3, "Softmax")),
        ["32-64-64-10"] = Declare(32, (64, "ReLU"), (64, "ReLU"), (10, "Softmax")),
        ["784-128-10"] = Declare(784, (128, "ReLU"), (10, "Softmax")),
        ["784-512-512-10"] = Declare(784, (512, "ReLU"), (512, "ReLU"), (10, "Softmax")),
    };

    private CSharpCompilation _compilation = null!;
    private ISourceGenerator _generator = null!;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Compilation(Declarations[Network]);
        _generator = new NetworkGenerator().AsSourceGenerator();
    }

    /// <summary>The generator alone, from a cold driver (as in a full build).</summary>
    [Benchmark]
    public GeneratorDriver Generate() =>
        CSharpGeneratorDriver.Create(_generator).RunGenerators(_compilation);

    /// <summary>
    /// Compiling (binding and checking) the declaration without NetGen: the baseline. A clone, because
    /// a compilation caches its diagnostics.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int CompileWithoutGenerator() => _compilation.Clone().GetDiagnostics().Length;

    /// <summary>Generating, then binding and checking the declaration together with the generated code.</summary>
    [Benchmark]
    public int GenerateAndCompile()
    {
        CSharpGeneratorDriver.Create(_generator).RunGeneratorsAndUpdateCompilation(_compilation, out Compilation output, out _);
        return output.GetDiagnostics().Length;
    }

    internal static CSharpCompilation Compilation(string source)
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        IEnumerable<MetadataReference> references = platform.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location));
        return CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Declare(int inputs, params (int Units, string Activation)[] layers) =>
        $"[NetGen.Network(Inputs = {inputs})]\n"
        + string.Concat(layers.Select(l => $"[NetGen.Dense({l.Units}, NetGen.Activation.{l.Activation})]\n"))
        + "[NetGen.Training(NetGen.Loss.CrossEntropy, NetGen.Optimizer.Adam, BatchSize = 32)]\n"
        + "public partial class Net { }\n";
}
