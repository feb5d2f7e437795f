using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.CompilerServices;
using NetGen.Models;
using NetGen.Tests.Optimizers;
using NetGen.Tests.Reference;
using NetGen.Tests.RuntimeHyperparameters;
using Xunit;
using static NetGen.Tests.OptimizerTests;

namespace NetGen.Tests;

/// <summary>
/// Run-time hyperparameters (Momentum, Rho, Beta1, Beta2, Epsilon, WeightDecay, ClipNorm, ClipValue
/// as checked properties) and gradient clipping, against the double reference optimizer.
/// </summary>
public class RuntimeHyperparameterTests
{
    public enum Clipping
    {
        Norm,
        Value,
        Both,
    }

    /// <summary>Every optimizer case of OptimizerTests, plus a Threads = 3 network and a lanes network.</summary>
    public static IEnumerable<object[]> CasesWithClipping()
    {
        IEnumerable<OptimizerCase> cases = AllCases.Select(c => (OptimizerCase)c[0]).Concat(new OptimizerCase[]
        {
            new("Adam, Threads = 3", () => new Threading.ThreeThreads(), new(Optimizer.Adam, 0.01f)),
            new("Adam, lanes", () => new LanesSoftmaxCrossEntropy(), new(Optimizer.Adam, 0.01f)),
            new("Adam, lanes, Threads = 2", () => new LanesThreadsSoftmaxCrossEntropy(), new(Optimizer.Adam, 0.01f)),
        });
        foreach (OptimizerCase testCase in cases)
        {
            foreach (Clipping clipping in Enum.GetValues<Clipping>())
            {
                yield return new object[] { testCase, clipping };
            }
        }
    }

    [Theory]
    [MemberData(nameof(CasesWithClipping))]
    public void ClippedStepsFollowTheReference(OptimizerCase testCase, Clipping clipping)
    {
        ITrainableNetwork network = testCase.Create();
        (float[] inputs, float[] targets) = FixedBatch(network);

        // Thresholds at half the first gradient's norm and largest value, so that clipping acts.
        network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
        double norm = Math.Sqrt(network.Gradients.ToArray().Sum(g => (double)g * g));
        double largest = network.Gradients.ToArray().Max(g => Math.Abs((double)g));
        float clipNorm = clipping == Clipping.Value ? float.NaN : (float)(0.5 * norm);
        float clipValue = clipping == Clipping.Norm ? float.NaN : (float)(0.5 * largest);
        network.SetHyperparameter("ClipNorm", clipNorm);
        network.SetHyperparameter("ClipValue", clipValue);

        double[] reference = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var optimizer = new ReferenceOptimizer(testCase.Settings with { ClipNorm = clipNorm, ClipValue = clipValue }, reference.Length);
        for (int step = 1; step <= 6; step++)
        {
            network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
            double[] clipped = ReferenceOptimizer.Clip(network.Gradients, clipNorm, clipValue);
            optimizer.Step(reference, network.Gradients);
            network.ApplyGradients();

            // ApplyGradients clipped Gradients in place, as the reference did.
            ReadOnlySpan<float> gradients = network.Gradients;
            for (int i = 0; i < clipped.Length; i++)
            {
                Assert.True(Math.Abs(gradients[i] - clipped[i]) <= 1e-6 * Math.Abs(clipped[i]) + 1e-12,
                    $"{testCase.Name}, {clipping}, step {step}: g[{i}] is {gradients[i]} after clipping, the reference gives {clipped[i]}");
            }

            AssertClose(testCase.Name + ", " + clipping, step, reference, network.Parameters);
        }
    }

    [Theory]
    [MemberData(nameof(AllCases), MemberType = typeof(OptimizerTests))]
    public void HyperparametersChangedBetweenStepsFollowTheReference(OptimizerCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        (float[] inputs, float[] targets) = FixedBatch(network);
        double[] reference = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var optimizer = new ReferenceOptimizer(testCase.Settings, reference.Length);
        for (int step = 1; step <= 8; step++)
        {
            if (step == 4)
            {
                // Change every hyperparameter the network has (the state is kept; the bias corrections
                // use the new β with the total t); the reference does the same.
                OptimizerSettings s = optimizer.Settings;
                foreach (string name in network.HyperparameterNames)
                {
                    float value = name switch
                    {
                        "LearningRate" => network.LearningRate * 0.5f,
                        "Momentum" => 0.6f,
                        "Rho" => 0.7f,
                        "Beta1" => 0.75f,
                        "Beta2" => 0.97f,
                        "Epsilon" => 1e-3f,
                        "WeightDecay" => 0.05f,
                        _ => float.NaN, // clipping stays off
                    };
                    network.SetHyperparameter(name, value);
                    Assert.Equal(value, network.GetHyperparameter(name));
                    s = name switch
                    {
                        "LearningRate" => s with { LearningRate = value },
                        "Momentum" => s with { Momentum = value },
                        "Rho" => s with { Rho = value },
                        "Beta1" => s with { Beta1 = value },
                        "Beta2" => s with { Beta2 = value },
                        "Epsilon" => s with { Epsilon = value },
                        "WeightDecay" => s with { WeightDecay = value },
                        _ => s,
                    };
                }

                optimizer.Settings = s;
            }

            network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
            optimizer.Step(reference, network.Gradients);
            network.ApplyGradients();
            AssertClose(testCase.Name, step, reference, network.Parameters);
        }
    }

    public static TheoryData<string> Pairs => new() { "Adam", "Momentum", "Nesterov", "RmsProp", "Lion", "NAdam", "Sgd with clipping" };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ValuesSetAtRunTimeTrainExactlyAsTheSameValuesDeclared(string pair)
    {
        (ITrainableNetwork runtime, ITrainableNetwork literal) = pair switch
        {
            "Adam" => ((ITrainableNetwork)new AdamRuntime(), (ITrainableNetwork)new AdamLiteral()),
            "Momentum" => (new MomentumRuntime(), new MomentumLiteral()),
            "Nesterov" => (new NesterovRuntime(), new NesterovLiteral()),
            "RmsProp" => (new RmsPropRuntime(), new RmsPropLiteral()),
            "Lion" => (new LionRuntime(), new LionLiteral()),
            "NAdam" => (new NAdamRuntime(), new NAdamLiteral()),
            _ => (new SgdRuntime(), new SgdClipLiteral()),
        };
        Assert.Equal(literal.Parameters.ToArray(), runtime.Parameters.ToArray()); // same seed and shape
        Assert.Equal(literal.HyperparameterNames, runtime.HyperparameterNames);
        Assert.Contains(literal.HyperparameterNames, n => !literal.GetHyperparameter(n).Equals(runtime.GetHyperparameter(n)));
        foreach (string name in literal.HyperparameterNames)
        {
            runtime.SetHyperparameter(name, literal.GetHyperparameter(name));
        }

        (float[] inputs, float[] targets) = FixedBatch(runtime);
        for (int step = 0; step < 10; step++)
        {
            float a = runtime.TrainBatch(inputs, targets, runtime.BatchSize);
            float b = literal.TrainBatch(inputs, targets, literal.BatchSize);
            Assert.Equal(b, a);
        }

        // Bit for bit: the declared value only initialises the field the step reads.
        Assert.Equal(literal.Parameters.ToArray(), runtime.Parameters.ToArray());
        Assert.Equal(literal.OptimizerState.ToArray(), runtime.OptimizerState.ToArray());
    }

    [Fact]
    public void PropertiesStartAtTheDeclaredValuesOrTheDefaults()
    {
        var adam = new AdamLiteral();
        Assert.Equal(new[] { "LearningRate", "Beta1", "Beta2", "Epsilon", "WeightDecay", "ClipNorm", "ClipValue" }, adam.HyperparameterNames);
        Assert.Equal((0.05f, 0.8f, 0.99f, 1e-4f, 0.01f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay));
        Assert.True(float.IsNaN(adam.ClipNorm) && float.IsNaN(adam.ClipValue));

        var defaults = new AdamRuntime();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-8f, 0f), (defaults.LearningRate, defaults.Beta1, defaults.Beta2, defaults.Epsilon, defaults.WeightDecay));

        var sgd = new SgdClipLiteral();
        Assert.Equal(new[] { "LearningRate", "WeightDecay", "ClipNorm", "ClipValue" }, sgd.HyperparameterNames);
        Assert.Equal((0.1f, 0.05f), (sgd.ClipNorm, sgd.ClipValue));

        Assert.Equal(new[] { "LearningRate", "Momentum", "WeightDecay", "ClipNorm", "ClipValue" }, new NesterovLiteral().HyperparameterNames);
        Assert.Equal(0.6f, new NesterovLiteral().Momentum);
        Assert.Equal(new[] { "LearningRate", "Rho", "Epsilon", "WeightDecay", "ClipNorm", "ClipValue" }, new RmsPropLiteral().HyperparameterNames);
        Assert.Equal(0.5f, new RmsPropLiteral().Rho);
        Assert.Equal(0.01f, new AdamWDefaults().WeightDecay); // AdamW's own default
        Assert.Equal(0.99f, new LionDefaults().Beta2);        // Lion's own default
    }

    /// <summary>Bad values for each kind of run-time hyperparameter, with how the message prints them.</summary>
    private static IEnumerable<(float Value, string Text)> BadValues(string name) => name switch
    {
        "LearningRate" or "Epsilon" => new[] { (float.NaN, "NaN"), (float.PositiveInfinity, "Infinity"), (float.NegativeInfinity, "-Infinity"), (0f, "0"), (-1e-3f, "-0.001") },
        "WeightDecay" => new[] { (float.NaN, "NaN"), (float.PositiveInfinity, "Infinity"), (float.NegativeInfinity, "-Infinity"), (-1e-3f, "-0.001"), (-float.Epsilon, "-1E-45") },
        "Momentum" or "Rho" or "Beta1" or "Beta2" => new[] { (float.NaN, "NaN"), (float.PositiveInfinity, "Infinity"), (float.NegativeInfinity, "-Infinity"), (-0.1f, "-0.1"), (1f, "1"), (1.5f, "1.5") },
        "ClipNorm" or "ClipValue" => new[] { (float.PositiveInfinity, "Infinity"), (float.NegativeInfinity, "-Infinity"), (0f, "0"), (-0.5f, "-0.5") },
        _ => throw new ArgumentException(name),
    };

    /// <summary>Valid edge values: the bottom of [0, 1), zero decay, NaN to turn clipping off, tiny positive rates.</summary>
    private static IEnumerable<float> GoodValues(string name) => name switch
    {
        "LearningRate" or "Epsilon" => new[] { float.Epsilon, 1e-3f, 10f },
        "WeightDecay" => new[] { 0f, 0.5f },
        "Momentum" or "Rho" or "Beta1" or "Beta2" => new[] { 0f, 0.5f, 0.99999994f },
        _ => new[] { float.NaN, 1e-6f, 5f },
    };

    public static IEnumerable<object[]> OneNetworkPerOptimizer() =>
        AllCases.Select(c => (OptimizerCase)c[0]).GroupBy(c => c.Settings.Optimizer).Select(g => new object[] { g.First() });

    [Theory]
    [MemberData(nameof(OneNetworkPerOptimizer))]
    public void EverySetterRefusesValuesOutsideItsRangeAndKeepsTheOldValue(OptimizerCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        foreach (string name in network.HyperparameterNames)
        {
            foreach ((float value, string text) in BadValues(name))
            {
                float before = network.GetHyperparameter(name);
                var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.SetHyperparameter(name, value));
                Assert.Equal("value", error.ParamName);
                Assert.StartsWith($"{name} must be", error.Message, StringComparison.Ordinal);
                Assert.Contains($"but it is {text};", error.Message, StringComparison.Ordinal);
                Assert.Equal(before, network.GetHyperparameter(name));
            }

            foreach (float value in GoodValues(name))
            {
                network.SetHyperparameter(name, value);
                Assert.Equal(value, network.GetHyperparameter(name));
            }
        }
    }

    [Fact]
    public void TheMessagesNameThePropertyTheValueAndTheRange()
    {
        var adam = new AdamRuntime();
        Assert.StartsWith(
            "Beta1 must be finite and in [0, 1), but it is 1; Beta1 keeps its previous value.",
            Assert.Throws<ArgumentOutOfRangeException>(() => adam.Beta1 = 1f).Message, StringComparison.Ordinal);
        Assert.StartsWith("Epsilon must be finite and positive, but it is 0;", Assert.Throws<ArgumentOutOfRangeException>(() => adam.Epsilon = 0f).Message, StringComparison.Ordinal);
        Assert.StartsWith("WeightDecay must be finite and zero or positive, but it is -1;", Assert.Throws<ArgumentOutOfRangeException>(() => adam.WeightDecay = -1f).Message, StringComparison.Ordinal);
        Assert.StartsWith("ClipNorm must be a finite number greater than zero, or NaN to turn clipping off, but it is 0;",
            Assert.Throws<ArgumentOutOfRangeException>(() => adam.ClipNorm = 0f).Message, StringComparison.Ordinal);
        Assert.StartsWith("Momentum must be finite and in [0, 1), but it is NaN;",
            Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumRuntime().Momentum = float.NaN).Message, StringComparison.Ordinal);
        Assert.StartsWith("Rho must be finite and in [0, 1), but it is -Infinity;",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropRuntime().Rho = float.NegativeInfinity).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNameIsRefusedWithTheValidNames()
    {
        ITrainableNetwork sgd = new SgdRuntime();
        var error = Assert.Throws<ArgumentException>(() => sgd.SetHyperparameter("Beta1", 0.5f));
        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("'Beta1' is not a hyperparameter of this network (names are case-sensitive); its run-time hyperparameters are LearningRate, WeightDecay, ClipNorm, ClipValue.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => sgd.GetHyperparameter("learningRate"));
        Assert.Throws<ArgumentException>(() => sgd.GetHyperparameter(null!));
    }

    [Fact]
    public void TheRangesAreTheOnesTheGeneratorChecks()
    {
        // The setter and NG0007 share Runtime/CompilerServices/HyperparameterRange.cs; spot-check it.
        Assert.True(HyperparameterRanges.Contains(HyperparameterRange.UnitOpen, 0f));
        Assert.False(HyperparameterRanges.Contains(HyperparameterRange.UnitOpen, 1f));
        Assert.False(HyperparameterRanges.Contains(HyperparameterRange.Positive, 0f));
        Assert.False(HyperparameterRanges.Contains(HyperparameterRange.Positive, float.PositiveInfinity));
        Assert.True(HyperparameterRanges.Contains(HyperparameterRange.NonNegative, 0f));
        Assert.False(HyperparameterRanges.Contains(HyperparameterRange.NonNegative, float.NaN));
        Assert.False(HyperparameterRanges.IsClipThreshold(float.NaN));
    }

    [Fact]
    public void ClippingDeclaredInTheAttributeActsFromTheFirstStep()
    {
        ITrainableNetwork network = new WideAdamWClipped();
        Assert.Equal(0.5f, ((WideAdamWClipped)network).ClipNorm);
        (float[] inputs, float[] targets) = FixedBatch(network);
        double[] reference = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var optimizer = new ReferenceOptimizer(new(Optimizer.AdamW, 0.01f, WeightDecay: 0.01f, ClipNorm: 0.5f), reference.Length);
        for (int step = 1; step <= 5; step++)
        {
            network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
            double before = Math.Sqrt(network.Gradients.ToArray().Sum(g => (double)g * g));
            Assert.True(step > 1 || before > 0.5, $"the first gradient's norm {before} does not reach the threshold");
            optimizer.Step(reference, network.Gradients);
            network.ApplyGradients();
            Assert.Equal(Math.Min(before, 0.5), Math.Sqrt(network.Gradients.ToArray().Sum(g => (double)g * g)), 5);
            AssertClose("AdamW, ClipNorm 0.5", step, reference, network.Parameters);
        }

        // Off at run time: the next step is the unclipped one.
        ((WideAdamWClipped)network).ClipNorm = float.NaN;
        network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
        float[] unclipped = network.Gradients.ToArray();
        network.ApplyGradients();
        Assert.Equal(unclipped, network.Gradients.ToArray());
    }

    [Theory]
    [MemberData(nameof(AllCases), MemberType = typeof(OptimizerTests))]
    public void AClippedStepAllocatesNothing(OptimizerCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        network.SetHyperparameter("ClipNorm", 0.01f);
        network.SetHyperparameter("ClipValue", 0.001f);
        (float[] inputs, float[] targets) = FixedBatch(network);
        for (int i = 0; i < 5; i++)
        {
            network.TrainBatch(inputs, targets, network.BatchSize);
        }

        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                network.TrainBatch(inputs, targets, network.BatchSize);
                network.SetHyperparameter("LearningRate", network.GetHyperparameter("LearningRate")); // by name: no allocation either
            }
        }));
    }

    [Fact]
    public void LoadingAModelKeepsTheNetworksRunTimeValues()
    {
        // Model files hold parameters and optimizer state, not hyperparameters (like the learning rate):
        // a load neither resets nor overwrites what the network has.
        var source = new AdamRuntime { Beta1 = 0.7f, ClipNorm = 1f };
        (float[] inputs, float[] targets) = FixedBatch(source);
        source.TrainBatch(inputs, targets, AdamRuntime.BatchSize);
        var stream = new MemoryStream();
        ModelFile.Save(source, stream, includeOptimizerState: true);

        var target = new AdamRuntime { Beta1 = 0.6f, Epsilon = 1e-3f };
        stream.Position = 0;
        ModelFile.Load(target, stream);
        Assert.Equal((0.6f, 1e-3f, float.NaN), (target.Beta1, target.Epsilon, target.ClipNorm));
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
        Assert.Equal(1, target.Step);
    }

    [Fact]
    public void AHandWrittenNetworkGetsTheLearningRateByNameFromTheDefaults()
    {
        // ITrainableNetwork's default members: hand-written implementations keep compiling and
        // expose their LearningRate by name.
        ITrainableNetwork network = new HandWritten();
        Assert.Equal(new[] { "LearningRate" }, network.HyperparameterNames);
        network.SetHyperparameter("LearningRate", 0.25f);
        Assert.Equal(0.25f, network.GetHyperparameter("LearningRate"));
        Assert.Equal(0.25f, network.LearningRate);
        var error = Assert.Throws<ArgumentException>(() => network.SetHyperparameter("Beta1", 0.5f));
        Assert.StartsWith("'Beta1' is not a hyperparameter of this network (names are case-sensitive); its run-time hyperparameters are LearningRate.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => network.GetHyperparameter("ClipNorm"));
    }

    private sealed class HandWritten : ITrainableNetwork
    {
        public int InputSize => 1;
        public int OutputSize => 1;
        public int ParameterCount => 0;
        public string Architecture => "1";
        public ulong ArchitectureFingerprint => 0;
        public Span<float> Parameters => Span<float>.Empty;
        public int BatchSize => 1;
        public Span<float> Gradients => Span<float>.Empty;
        public float LearningRate { get; set; } = 0.1f;
        public long Step => 0;
        public Loss Loss => Loss.MeanSquaredError;
        public Optimizer Optimizer => Optimizer.Sgd;
        public Span<float> OptimizerState => Span<float>.Empty;

        public void RestoreStep(long step) => throw new NotSupportedException();
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => throw new NotSupportedException();
        public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new NotSupportedException();
        public void ApplyGradients() => throw new NotSupportedException();
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new NotSupportedException();
    }

    private static void AssertClose(string name, int step, double[] reference, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < reference.Length; i++)
        {
            // Float arithmetic against double over a few steps: ~1e-7 relative per operation (as OptimizerTests).
            double tolerance = 1e-6 + 1e-5 * Math.Abs(reference[i]);
            Assert.True(Math.Abs(actual[i] - reference[i]) <= tolerance,
                $"{name}, step {step}: θ[{i}] is {actual[i]}, the reference gives {reference[i]}");
        }
    }
}

/// <summary>The clipping kernels: the norm's fixed order, and exact values, at every length around the vector widths.</summary>
public class GradientClippingTests
{
    /// <summary>The documented order, in plain scalar code: g_i² into partial i mod 16, partials added 0…15.</summary>
    private static double NormInTheDocumentedOrder(float[] g)
    {
        var partial = new double[16];
        for (int i = 0; i < g.Length; i++)
        {
            partial[i % 16] += (double)g[i] * g[i];
        }

        double sum = 0;
        foreach (double p in partial)
        {
            sum += p;
        }

        return Math.Sqrt(sum);
    }

    private static float[] Values(int n, int seed)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, n).Select(_ => (8f * random.NextSingle() - 4f) * MathF.Pow(10, (int)(4 * random.NextSingle()) - 2)).ToArray();
    }

    [Fact]
    public void TheNormIsTheSameBitsAsTheDocumentedOrderAtEveryLength()
    {
        for (int n = 0; n <= 100; n++)
        {
            float[] g = Values(n, n);
            double norm = GradientClipping.L2Norm(g);
            Assert.Equal(NormInTheDocumentedOrder(g), norm); // exact: the same order at every vector width
            double naive = Math.Sqrt(g.Sum(x => (double)x * x));
            Assert.True(Math.Abs(norm - naive) <= 1e-14 * naive, $"n = {n}: {norm} vs {naive}");
        }

        float[] big = Values(100_003, 1);
        Assert.Equal(NormInTheDocumentedOrder(big), GradientClipping.L2Norm(big));
    }

    [Fact]
    public void ClippingByValueClampsEveryElementAndKeepsNaN()
    {
        for (int n = 0; n <= 40; n++)
        {
            float[] g = Values(n, 100 + n);
            if (n > 3)
            {
                g[3] = float.NaN;
            }

            float[] expected = g.Select(x => float.IsNaN(x) ? x : Math.Clamp(x, -0.5f, 0.5f)).ToArray();
            GradientClipping.ClipByValue(g, 0.5f);
            Assert.Equal(expected, g);
        }
    }

    [Fact]
    public void ClippingByNormScalesOnlyAboveTheThreshold()
    {
        // ‖(3, 4)‖ = 5: a threshold of 10 leaves it, 2.5 halves it exactly.
        float[] g = { 3f, 4f };
        Assert.Equal(5.0, GradientClipping.ClipByNorm(g, 10f));
        Assert.Equal(new[] { 3f, 4f }, g);
        Assert.Equal(5.0, GradientClipping.ClipByNorm(g, 2.5f));
        Assert.Equal(new[] { 1.5f, 2f }, g);

        for (int n = 1; n <= 40; n++)
        {
            float[] values = Values(n, 200 + n);
            double norm = NormInTheDocumentedOrder(values);
            float scale = (float)(0.25 / norm);
            float[] expected = norm > 0.25 ? values.Select(x => x * scale).ToArray() : values.ToArray();
            GradientClipping.ClipByNorm(values, 0.25f);
            Assert.Equal(expected, values);
        }
    }

    [Fact]
    public void ValueComesBeforeNorm()
    {
        // Clamp (10, 1) to ±2: (2, 1), norm √5; then scale to norm 1: (2/√5, 1/√5).
        float[] g = { 10f, 1f };
        GradientClipping.Clip(g, clipValue: 2f, clipNorm: 1f);
        Assert.Equal(new[] { 2f * (float)(1 / Math.Sqrt(5)), (float)(1 / Math.Sqrt(5)) }, g);
        float[] off = { 10f, 1f };
        GradientClipping.Clip(off, float.NaN, float.NaN);
        Assert.Equal(new[] { 10f, 1f }, off);
    }
}
