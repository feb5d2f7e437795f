using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Random declarations, valid and invalid: random attribute arguments (wrong values, wrong types,
/// unknown names, out-of-range enums), layer counts, orderings, placements (non-partial, generic,
/// nested, records, split over partial declarations) and broken syntax. For every one, the generator
/// must not throw, the code it generates must compile, and a declaration whose own source compiles
/// either compiles together with its generated code or gets at least one NG diagnostic.
/// </summary>
/// <remarks>
/// The count is 10,000 by default; set NETGEN_FUZZ_DECLARATIONS to run more (or fewer) and
/// NETGEN_FUZZ_SEED to explore another sequence. A failure prints the declaration and its seed.
/// </remarks>
public class FuzzTests
{
    private const int PerCompilation = 100;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public FuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomDeclarationsNeverBreakTheGenerator()
    {
        int total = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_DECLARATIONS"), out int n) ? n : 10_000;
        long seed = long.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_SEED"), out long s) ? s : 20261125;
        var stats = new Dictionary<string, int>();
        int batches = (total + PerCompilation - 1) / PerCompilation;
        System.Threading.Tasks.Parallel.For(0, batches, batch =>
        {
            int start = batch * PerCompilation;
            Dictionary<string, int> counts = RunBatch(seed, start, Math.Min(PerCompilation, total - start));
            lock (stats)
            {
                foreach (KeyValuePair<string, int> count in counts)
                {
                    stats[count.Key] = stats.GetValueOrDefault(count.Key) + count.Value;
                }
            }
        });

        _output.WriteLine($"{total} declarations: {Describe(stats)}");
        // The generator saw both outcomes in quantity: the fuzzing reached valid networks and errors.
        Assert.True(stats.GetValueOrDefault("generated") > total / 10, Describe(stats));
        Assert.True(stats.GetValueOrDefault("NG error") > total / 10, Describe(stats));
    }

    private static string Describe(Dictionary<string, int> stats) =>
        string.Join(", ", stats.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));

    private static Dictionary<string, int> RunBatch(long seed, int start, int count)
    {
        var stats = new Dictionary<string, int>();
        var declarations = new List<(string Source, bool Broken, long Seed)>();
        for (int i = 0; i < count; i++)
        {
            long declarationSeed = seed * 1_000_003 + start + i;
            var random = new SeededRandom(declarationSeed);
            (string source, bool broken) = RandomDeclaration(ref random, $"Fuzz{start + i}");
            declarations.Add((source, broken, declarationSeed));
        }

        CSharpCompilation compilation = GeneratorHarness.Compilation(declarations.Select(d => d.Source).ToArray());
        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results[0]; // the network generator (the harness lists it first)
        Assert.True(run.Exception is null, $"The generator threw on the batch starting at {start}: {run.Exception}");

        ImmutableArray<Diagnostic> all = output.GetDiagnostics();
        Assert.DoesNotContain(all, d => d.Id == "CS8785");
        var generatedTrees = run.GeneratedSources.ToDictionary(g => g.SyntaxTree, g => g.HintName);

        for (int i = 0; i < count; i++)
        {
            (string source, bool broken, long declarationSeed) = declarations[i];
            string path = $"/src/File{i}.cs";
            string ns = $"Fuzz{start + i}.";
            List<Diagnostic> ng = generatorDiagnostics.Where(d => d.Location.GetLineSpan().Path == path).ToList();
            List<Diagnostic> userErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == path).ToList();
            List<SyntaxTree> generated = generatedTrees.Where(g => g.Value.StartsWith(ns, StringComparison.Ordinal)).Select(g => g.Key).ToList();
            List<Diagnostic> generatedErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree)).ToList();
            string context = $"declaration {start + i} (seed {declarationSeed}):\n{source}\n";

            // Generated code never holds an error.
            Assert.True(generatedErrors.Count == 0, context + "errors in the generated code: " + string.Join("\n", generatedErrors));

            // An NG error means nothing was generated for it.
            bool ngError = ng.Any(d => d.Severity == DiagnosticSeverity.Error);
            Assert.True(!ngError || generated.Count == 0, context + "code was generated despite " + string.Join(", ", ng.Select(d => d.Id)));

            // Either the declaration compiles with its generated code, or NetGen said something.
            if (!broken)
            {
                Assert.True(userErrors.Count == 0 || ng.Count > 0,
                    context + "the declaration does not compile and NetGen reported nothing: " + string.Join("\n", userErrors));
            }

            string outcome = broken ? "broken syntax" : ngError ? "NG error" : generated.Count > 0 ? "generated" : ng.Count > 0 ? "NG info/warning only" : "nothing";
            stats[outcome] = stats.GetValueOrDefault(outcome) + 1;
            foreach (string id in ng.Select(d => d.Id).Distinct())
            {
                stats[id] = stats.GetValueOrDefault(id) + 1;
            }
        }

        return stats;
    }

    // ---- random declarations ----

    private static readonly string[] Activations = { "Identity", "BinaryStep", "Sigmoid", "Tanh", "ArcTan", "ReLU", "LeakyReLU", "PReLU", "ELU", "SoftPlus", "Softmax" };
    private static readonly string[] Losses = { "MeanSquaredError", "HalfSquaredError", "Huber", "BinaryCrossEntropy", "CrossEntropy" };
    private static readonly string[] Optimizers = { "Sgd", "Momentum", "Nesterov", "RmsProp", "Adam", "AdamW", "AdaGrad", "AdaDelta" };

    private static (string Source, bool Broken) RandomDeclaration(ref SeededRandom r, string ns)
    {
        bool qualified = r.NextDouble() < 0.5;
        string q = qualified ? "NetGen." : string.Empty;
        var attributes = new List<string>();

        if (r.NextDouble() < 0.92)
        {
            var args = new List<string>();
            if (r.NextDouble() < 0.9)
            {
                args.Add("Inputs = " + (r.NextDouble() < 0.9
                    ? Pick(ref r, "1", "2", "3", "4", "5", "8", "16", "17", "33")
                    : Pick(ref r, "0", "-3", "100000", "\"x\"", "2.5")));
            }

            if (r.NextDouble() < 0.5)
            {
                args.Add("Seed = " + (r.NextInt32(2000) - 1000).ToString(CultureInfo.InvariantCulture));
            }

            if (r.NextDouble() < 0.1)
            {
                args.Add("CodeGen = " + Pick(ref r, $"{q}CodeGen.Auto", $"{q}CodeGen.Unrolled", $"{q}CodeGen.Loops", $"({q}CodeGen)7"));
            }

            if (r.NextDouble() < 0.02)
            {
                args.Add("Foo = 1");
            }

            Shuffle(ref r, args);
            attributes.Add($"{q}Network({string.Join(", ", args)})");
        }

        int layers = Pick(ref r, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4);
        for (int l = 0; l < layers; l++)
        {
            var args = new List<string>
            {
                r.NextDouble() < 0.95 ? Pick(ref r, "1", "2", "3", "4", "5", "8", "16", "17", "33") : Pick(ref r, "0", "-1"),
            };
            double p = r.NextDouble();
            if (p < 0.85)
            {
                args.Add($"{q}Activation.{Activations[r.NextInt32(Activations.Length)]}");
            }
            else if (p < 0.87)
            {
                args.Add($"({q}Activation)42");
            }
            else if (p < 0.89)
            {
                args.Add("\"relu\"");
            }

            if (r.NextDouble() < 0.15)
            {
                args.Add("Alpha = " + Pick(ref r, "0.1f", "-0.5f", "2f", "0.1", "float.NaN"));
            }

            if (r.NextDouble() < 0.1)
            {
                args.Add("Init = " + Pick(ref r, $"{q}Init.Auto", $"{q}Init.GlorotUniform", $"{q}Init.HeUniform", $"({q}Init)9"));
            }

            if (r.NextDouble() < 0.05)
            {
                args.Add("CodeGen = " + Pick(ref r, $"{q}CodeGen.Unrolled", $"{q}CodeGen.Loops"));
            }

            attributes.Add($"{q}Dense({string.Join(", ", args)})");
        }

        if (r.NextDouble() < 0.7)
        {
            var args = new List<string>();
            args.Add(r.NextDouble() < 0.97 ? $"{q}Loss.{Losses[r.NextInt32(Losses.Length)]}" : $"({q}Loss)9");
            if (r.NextDouble() < 0.8)
            {
                args.Add(r.NextDouble() < 0.98 ? $"{q}Optimizer.{Optimizers[r.NextInt32(Optimizers.Length)]}" : $"({q}Optimizer)12");
            }

            AddMaybe(ref r, args, "LearningRate", "0.01f", "-1f", "0f", "0.5f", "float.NaN", "1e30f", "0.1");
            AddMaybe(ref r, args, "BatchSize", "1", "4", "0", "-2", "16");
            AddMaybe(ref r, args, "Momentum", "0.5f", "1f", "-0.1f");
            AddMaybe(ref r, args, "Nesterov", "true", "false");
            AddMaybe(ref r, args, "Rho", "0.9f", "1f", "-0.1f");
            AddMaybe(ref r, args, "Beta1", "0.9f", "1f", "0.99f", "-0.1f");
            AddMaybe(ref r, args, "Beta2", "0.999f", "1.5f");
            AddMaybe(ref r, args, "Epsilon", "1e-8f", "0f", "-1f");
            AddMaybe(ref r, args, "WeightDecay", "0f", "0.01f", "-0.01f");
            AddMaybe(ref r, args, "HuberDelta", "1f", "0f", "0.5f");
            attributes.Add($"{q}Training({string.Join(", ", args)})");
        }

        if (r.NextDouble() < 0.1)
        {
            Shuffle(ref r, attributes);
        }

        // Where the attributes go.
        var text = new StringBuilder();
        text.Append(qualified ? string.Empty : "using NetGen;\n");
        text.Append($"namespace {ns}\n{{\n");
        string list = string.Concat(attributes.Select(a => $"[{a}]\n"));
        double placement = r.NextDouble();
        if (placement < 0.82)
        {
            text.Append($"{list}public partial class Net {{ }}\n");
        }
        else if (placement < 0.87)
        {
            text.Append($"{list}public class Net {{ }}\n");
        }
        else if (placement < 0.90)
        {
            text.Append($"{list}public partial class Net<T> {{ }}\n");
        }
        else if (placement < 0.94)
        {
            string outer = r.NextDouble() < 0.75 ? "public static partial class" : "public class";
            text.Append($"{outer} Outer\n{{\n{list}public partial class Net {{ }}\n}}\n");
        }
        else if (placement < 0.97)
        {
            text.Append($"{list}public partial record Net {{ }}\n");
        }
        else
        {
            // Split over two partial declarations.
            int cut = r.NextInt32(attributes.Count + 1);
            string first = string.Concat(attributes.Take(cut).Select(a => $"[{a}]\n"));
            string second = string.Concat(attributes.Skip(cut).Select(a => $"[{a}]\n"));
            text.Append($"{first}public partial class Net {{ }}\n{second}public partial class Net {{ }}\n");
        }

        text.Append("}\n");
        string source = text.ToString();

        // Broken syntax: what an editor holds mid-keystroke.
        bool broken = r.NextDouble() < 0.08;
        if (broken)
        {
            int at = r.NextInt32(source.Length);
            source = r.NextInt32(3) switch
            {
                0 => source.Remove(at, 1),
                1 => source.Substring(0, at),
                _ => source.Insert(at, Pick(ref r, "[", "(", ",", "=", "\"", "}")),
            };
        }

        return (source, broken);
    }

    /// <summary>Sometimes adds a named argument: the first value (valid) more often than the rest.</summary>
    private static void AddMaybe(ref SeededRandom r, List<string> args, string name, params string[] values)
    {
        if (r.NextDouble() < 0.12)
        {
            string value = r.NextDouble() < 0.6 ? values[0] : values[r.NextInt32(values.Length)];
            args.Add($"{name} = {value}");
        }
    }

    private static T Pick<T>(ref SeededRandom r, params T[] values) => values[r.NextInt32(values.Length)];

    private static void Shuffle<T>(ref SeededRandom r, List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = r.NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
