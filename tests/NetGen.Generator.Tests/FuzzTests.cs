using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Random declarations, valid and invalid: random attribute arguments (wrong values, wrong types,
/// unknown names, out-of-range enums), layer counts, orderings, placements (non-partial, generic,
/// nested, records, split over partial declarations) and broken syntax. For every one, the generator
/// must not throw, the code it generates must compile, and, for each class the declaration declares
/// (its partial declarations taken together): an NG error on it means nothing was generated for it,
/// and if its own source does not compile, NetGen said something about it.
/// </summary>
/// <remarks>
/// The count is 10,000 per seed by default; set NETGEN_FUZZ_DECLARATIONS to run more (or fewer) and
/// NETGEN_FUZZ_SEED to explore other sequences (one seed, or several separated by commas). Every
/// declaration is checked even after a failure; the test then fails listing each failure with its seed,
/// declaration index and source.
/// </remarks>
public class FuzzTests
{
    private const int PerCompilation = 100;

    /// <summary>How many failures the assertion message shows in full (all are counted).</summary>
    private const int FailuresShown = 20;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public FuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomDeclarationsNeverBreakTheGenerator()
    {
        int total = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_DECLARATIONS"), out int n) ? n : 10_000;
        string? seedText = Environment.GetEnvironmentVariable("NETGEN_FUZZ_SEED");
        long[] seeds = string.IsNullOrWhiteSpace(seedText)
            ? new[] { 20261125L }
            : seedText!.Split(',').Select(t => long.Parse(t.Trim(), CultureInfo.InvariantCulture)).ToArray();
        var failures = new List<Failure>();
        var summaries = new List<string>();
        foreach (long seed in seeds)
        {
            var stats = new Dictionary<string, int>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int batches = (total + PerCompilation - 1) / PerCompilation;
            System.Threading.Tasks.Parallel.For(0, batches, batch =>
            {
                int start = batch * PerCompilation;
                BatchResult result = RunBatch(seed, start, Math.Min(PerCompilation, total - start));
                lock (stats)
                {
                    foreach (KeyValuePair<string, int> count in result.Stats)
                    {
                        stats[count.Key] = stats.GetValueOrDefault(count.Key) + count.Value;
                    }

                    failures.AddRange(result.Failures);
                }
            });

            string summary = $"seed {seed}: {total} declarations in {clock.Elapsed.TotalSeconds:F0} s, {failures.Count(f => f.Seed == seed)} failing: {Describe(stats)}";
            _output.WriteLine(summary);
            summaries.Add(summary);

            // The generator saw both outcomes in quantity: the fuzzing reached valid networks and errors.
            if (stats.GetValueOrDefault("generated") <= total / 10 || stats.GetValueOrDefault("NG error") <= total / 10)
            {
                failures.Add(new Failure(seed, -1, $"seed {seed}: too few declarations generated or got an NG error: {Describe(stats)}"));
            }
        }

        List<Failure> sorted = failures.OrderBy(f => f.Seed).ThenBy(f => f.Declaration).ToList();
        Assert.True(sorted.Count == 0,
            $"{sorted.Count} failures ({string.Join("; ", summaries)}); the first {Math.Min(FailuresShown, sorted.Count)}:\n\n"
            + string.Join("\n\n", sorted.Take(FailuresShown).Select(f => f.Message)));
    }

    /// <summary>
    /// Seed 1, declaration 27,636: broken syntax renamed the second of two partial declarations of Net
    /// to Nt, so the file declares two classes. Net (Network and two Dense) is generated; Nt's Dense
    /// alone is NG0002. Checked per class, both are right; checked per file, it was "code was generated
    /// despite NG0002".
    /// </summary>
    [Fact]
    public void EachClassOfADeclarationIsCheckedOnItsOwn()
    {
        BatchResult result = RunBatch(1, 27_636, 1);
        Assert.Empty(result.Failures);
        Assert.Equal(new[] { "Fuzz27636.Net: generated", "Fuzz27636.Nt: NG error NG0002" }, result.Classes.OrderBy(c => c, StringComparer.Ordinal));
    }

    private static string Describe(Dictionary<string, int> stats) =>
        string.Join(", ", stats.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));

    /// <summary>One broken promise: where (run seed, declaration index; −1 for a whole batch) and what.</summary>
    private sealed record Failure(long Seed, int Declaration, string Message);

    /// <summary>
    /// A batch's outcome counts (per declaration, as before: one outcome and the NG ids of each file),
    /// every failure, and each declared class with its outcome ("Fuzz7.Net: generated").
    /// </summary>
    private sealed record BatchResult(Dictionary<string, int> Stats, List<Failure> Failures, List<string> Classes);

    private static BatchResult RunBatch(long seed, int start, int count)
    {
        var stats = new Dictionary<string, int>();
        var failures = new List<Failure>();
        var classes = new List<string>();
        var declarations = new List<(string Source, bool Broken, long Seed)>();
        for (int i = 0; i < count; i++)
        {
            long declarationSeed = seed * 1_000_003 + start + i;
            var random = new SeededRandom(declarationSeed);
            (string source, bool broken) = RandomDeclaration(ref random, $"Fuzz{start + i}");
            declarations.Add((source, broken, declarationSeed));
        }

        string batchName = $"seed {seed}, the batch of declarations {start}..{start + count - 1}";
        CSharpCompilation compilation = GeneratorHarness.Compilation(declarations.Select(d => d.Source).ToArray());
        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results[0]; // the network generator (the harness lists it first)
        if (run.Exception is not null)
        {
            // Nothing of the batch was generated: the per-class checks below would only repeat this.
            failures.Add(new Failure(seed, start, $"{batchName}: the generator threw: {run.Exception}"));
            return new BatchResult(stats, failures, classes);
        }

        ImmutableArray<Diagnostic> all = output.GetDiagnostics();
        foreach (Diagnostic d in all.Where(d => d.Id == "CS8785").Concat(generatorDiagnostics.Where(d => d.Id == "NG0000")))
        {
            failures.Add(new Failure(seed, start, $"{batchName}: {d}"));
        }

        var generatedByHint = run.GeneratedSources.ToDictionary(g => g.HintName, g => g.SyntaxTree, StringComparer.Ordinal);
        var claimed = new Dictionary<string, (int Index, string Context)>(StringComparer.Ordinal); // hint → the declaration of its class

        for (int i = 0; i < count; i++)
        {
            (string source, bool broken, long declarationSeed) = declarations[i];
            int index = start + i;
            SyntaxTree tree = compilation.SyntaxTrees[i];
            string path = tree.FilePath;
            string context = $"seed {seed}, declaration {index} (declaration seed {declarationSeed}):\n{source}\n";
            void Fail(string what) => failures.Add(new Failure(seed, index, context + what));

            // The classes it declares, partial declarations grouped by their symbol; each diagnostic belongs
            // to the innermost declaration that contains it (a nested class is its own class).
            SemanticModel model = output.GetSemanticModel(tree);
            List<(TypeDeclarationSyntax Syntax, INamedTypeSymbol Symbol)> declared = tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()
                .Select(t => (t, model.GetDeclaredSymbol(t)))
                .Where(p => p.Item2 is not null)
                .Select(p => (p.t, p.Item2!))
                .ToList();
            INamedTypeSymbol? Owner(Microsoft.CodeAnalysis.Text.TextSpan span) =>
                declared.Where(d => d.Syntax.Span.Contains(span)).OrderBy(d => d.Syntax.Span.Length).Select(d => d.Symbol).FirstOrDefault();

            List<Diagnostic> ng = generatorDiagnostics.Where(d => d.Location.GetLineSpan().Path == path).ToList();
            List<Diagnostic> userErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree).ToList();
            var ngOf = ng.ToLookup(d => Owner(d.Location.SourceSpan), SymbolEqualityComparer.Default);
            var errorsOf = userErrors.ToLookup(d => Owner(d.Location.SourceSpan), SymbolEqualityComparer.Default);

            bool anyGenerated = false;
            foreach (INamedTypeSymbol type in declared.Select(d => d.Symbol).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default))
            {
                string name = type.ToDisplayString();
                List<Diagnostic> itsNg = ngOf[type].ToList();
                bool generated = generatedByHint.ContainsKey(name + ".g.cs");
                if (generated)
                {
                    claimed[name + ".g.cs"] = (index, context);
                }

                // An NG error on a class means nothing was generated for it.
                bool ngError = itsNg.Any(d => d.Severity == DiagnosticSeverity.Error);
                if (ngError && generated)
                {
                    Fail($"code was generated for {name} despite " + string.Join(", ", itsNg.Select(d => d.Id)));
                }

                // Either the class compiles with its generated code, or NetGen said something about it.
                List<Diagnostic> itsErrors = errorsOf[type].ToList();
                if (!broken && itsErrors.Count > 0 && itsNg.Count == 0)
                {
                    Fail($"{name} does not compile and NetGen reported nothing about it: " + string.Join("\n", itsErrors));
                }

                string ids = string.Join(" ", itsNg.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
                classes.Add($"{name}: " + (ngError ? "NG error " + ids : generated ? "generated" : itsNg.Count > 0 ? "NG info/warning " + ids : "nothing"));
                anyGenerated |= generated;
            }

            // Errors in the file outside every class (broken syntax aside): NetGen said something in the file.
            List<Diagnostic> looseErrors = errorsOf[null].ToList();
            if (!broken && looseErrors.Count > 0 && ng.Count == 0)
            {
                Fail("the declaration does not compile and NetGen reported nothing: " + string.Join("\n", looseErrors));
            }

            bool anyNgError = ng.Any(d => d.Severity == DiagnosticSeverity.Error);
            string outcome = broken ? "broken syntax" : anyNgError ? "NG error" : anyGenerated ? "generated" : ng.Count > 0 ? "NG info/warning only" : "nothing";
            stats[outcome] = stats.GetValueOrDefault(outcome) + 1;
            foreach (string id in ng.Select(d => d.Id).Distinct())
            {
                stats[id] = stats.GetValueOrDefault(id) + 1;
            }
        }

        foreach (KeyValuePair<string, SyntaxTree> generatedFile in generatedByHint)
        {
            // Every generated file belongs to a class the batch declared…
            if (!claimed.TryGetValue(generatedFile.Key, out (int Index, string Context) owner))
            {
                owner = (start, batchName + ": ");
                failures.Add(new Failure(seed, start, $"{batchName}: '{generatedFile.Key}' was generated for no class it declares"));
            }

            // …and never holds an error.
            List<Diagnostic> errors = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == generatedFile.Value).ToList();
            if (errors.Count > 0)
            {
                failures.Add(new Failure(seed, owner.Index, owner.Context + $"errors in the generated '{generatedFile.Key}': " + string.Join("\n", errors)));
            }
        }

        return new BatchResult(stats, failures, classes);
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
