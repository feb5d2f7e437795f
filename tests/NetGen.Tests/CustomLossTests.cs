using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Custom losses ([Training(typeof(MyLosses), nameof(MyLosses.Pinball))], docs/custom-functions.md): the
/// generated loss and gradients against the double reference (∂L/∂p written by hand) and central finite
/// differences, weighted and unweighted, in every strategy and after identity, sigmoid and softmax
/// outputs; a custom squared error against Loss.MeanSquaredError; a quantile regression that learns.
/// </summary>
public class CustomLossTests
{
    private static ReferenceLayer Layer(int units, Activation activation) => new(units, activation);

    private static readonly Func<double, double, double> Pinball = MyLosses.PinballReference, PinballDerivative = MyLosses.PinballDerivativeReference;
    private static readonly Func<double, double, double> LogCosh = MyLosses.LogCoshReference, LogCoshDerivative = MyLosses.LogCoshDerivativeReference;
    private static readonly Func<double, double, double> CostWeighted = MyLosses.CostWeightedReference, CostWeightedDerivative = MyLosses.CostWeightedDerivativeReference;
    private static readonly Func<double, double, double> SmoothL1 = MyLosses.SmoothL1Reference, SmoothL1Derivative = MyLosses.SmoothL1DerivativeReference;

    private static readonly (string Name, Func<ITrainableNetwork> Create, ReferenceNetwork Reference)[] Networks =
    {
        ("pinball, tanh → identity, unrolled", () => new PinballIdentityUnrolled(),
            new(3, new[] { Layer(5, Activation.Tanh), Layer(4, Activation.Identity) }, Pinball, PinballDerivative)),
        ("pinball, tanh → identity, lanes", () => new PinballIdentityLanes(),
            new(3, new[] { Layer(5, Activation.Tanh), Layer(4, Activation.Identity) }, Pinball, PinballDerivative)),
        ("log cosh, tanh → sigmoid, simd", () => new LogCoshSigmoidSimd(),
            new(20, new[] { Layer(17, Activation.Tanh), Layer(3, Activation.Sigmoid) }, LogCosh, LogCoshDerivative)),
        ("log cosh, tanh → identity, unrolled, 2 threads", () => new LogCoshIdentityThreads(),
            new(3, new[] { Layer(5, Activation.Tanh), Layer(2, Activation.Identity) }, LogCosh, LogCoshDerivative)),
        ("cost-weighted, tanh → softmax, unrolled", () => new CostWeightedSoftmaxUnrolled(),
            new(3, new[] { Layer(5, Activation.Tanh), Layer(4, Activation.Softmax) }, CostWeighted, CostWeightedDerivative)),
        ("cost-weighted, relu → softmax, simd", () => new CostWeightedSoftmaxSimd(),
            new(20, new[] { Layer(17, Activation.ReLU), Layer(3, Activation.Softmax) }, CostWeighted, CostWeightedDerivative)),
        ("smooth L1 (composed), tanh → sigmoid, unrolled", () => new SmoothL1SigmoidUnrolled(),
            new(3, new[] { Layer(5, Activation.Tanh), Layer(3, Activation.Sigmoid) }, SmoothL1, SmoothL1Derivative)),
        ("smooth L1 (composed), tanh → identity, simd", () => new SmoothL1IdentitySimd(),
            new(20, new[] { Layer(17, Activation.Tanh), Layer(3, Activation.Identity) }, SmoothL1, SmoothL1Derivative)),
    };

    public static IEnumerable<object[]> Cases => Networks.Select(n => new object[] { n.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradientsMatchTheReference(string name) => Check(name, weighted: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightedLossAndGradientsMatchTheReference(string name) => Check(name, weighted: true);

    private static void Check(string name, bool weighted)
    {
        (_, Func<ITrainableNetwork> create, ReferenceNetwork reference) = Networks.Single(n => n.Name == name);
        ITrainableNetwork network = create();
        Assert.Equal(reference.ParameterCount, network.ParameterCount);
        var random = new SeededRandom(name.Length * 7919L + (weighted ? 1 : 0));
        Randomize(network.Parameters, ref random, -0.8f, 0.8f);
        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        foreach (int count in new[] { 1, 3, network.BatchSize })
        {
            string context = $"{name}{(weighted ? ", weighted" : "")}, count {count}";
            (float[] inputs, float[] targets) = Batch(network, count, ref random);
            float[]? weights = null;
            if (weighted)
            {
                weights = new float[count];
                Randomize(weights, ref random, 0f, 3f);
                if (count > 1)
                {
                    weights[0] = 0f;
                }
            }

            float loss = weights is null
                ? network.ComputeLossAndGradients(inputs, targets, count)
                : network.ComputeLossAndGradients(inputs, targets, weights, count);
            double expected = reference.Loss(theta, inputs, targets, count, weights);
            Assert.True(Math.Abs(loss - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"{context}: loss {loss}, the reference gives {expected}");

            // Tolerances as GradientCheckTests: float arithmetic against double backpropagation, and
            // against central differences of the reference loss (which checks the hand-written ∂L/∂p too).
            float[] actual = network.Gradients.ToArray();
            Assert.Contains(actual, g => g != 0f);
            AssertClose(context + " (backpropagation in double)", actual, reference.Gradient(theta, inputs, targets, count, weights), 2e-5, 1e-4);
            AssertClose(context + " (finite differences)", actual, reference.FiniteDifferenceGradient(theta, inputs, targets, count, weights: weights), 1e-4, 1e-3);
        }
    }

    [Fact]
    public void TheNetworkReportsNoBuiltInLoss()
    {
        ITrainableNetwork network = new PinballIdentityUnrolled();
        Assert.Equal((Loss)(-1), network.Loss);
        Assert.False(Enum.IsDefined(network.Loss));
    }

    /// <summary>
    /// The runtime around a custom-loss network: the Trainer reports no accuracy (a regression loss), its
    /// evaluated loss is the network's; L-BFGS lowers the loss; the model file and the ONNX export
    /// (neither holds the loss) work as for a built-in loss.
    /// </summary>
    [Fact]
    public void TheRuntimeTreatsACustomLossAsARegressionLoss()
    {
        ITrainableNetwork network = new LogCoshIdentityThreads();
        var random = new SeededRandom(5);
        (float[] inputs, float[] targets) = Batch(network, network.BatchSize, ref random);
        float direct = network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
        (float loss, float? accuracy) = new NetGen.Training.Trainer(network).Evaluate(inputs, targets, network.BatchSize);
        Assert.Null(accuracy);
        Assert.Equal(direct, loss, 5);

        NetGen.Training.LbfgsResult result = new NetGen.Training.LbfgsTrainer(network).Fit(inputs, targets, network.BatchSize);
        Assert.True(result.Loss < 0.5 * result.InitialLoss, $"L-BFGS: {result.InitialLoss} → {result.Loss}");

        using var file = new System.IO.MemoryStream();
        NetGen.Models.ModelFile.Save(network, file, includeOptimizerState: true);
        var copy = new LogCoshIdentityThreads();
        file.Position = 0;
        NetGen.Models.ModelFile.Load(copy, file);
        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());

        using var onnx = new System.IO.MemoryStream();
        NetGen.Onnx.OnnxExporter.Save(network, onnx);
        Assert.True(onnx.Length > 0);
    }

    /// <summary>(p − t)² as a custom loss is Loss.MeanSquaredError: the same loss and gradients (float rounding apart), in lanes and SIMD.</summary>
    [Theory]
    [InlineData("lanes")]
    [InlineData("simd")]
    public void ACustomSquaredErrorIsTheMeanSquaredError(string strategy)
    {
        (ITrainableNetwork custom, ITrainableNetwork builtin) = strategy == "lanes"
            ? ((ITrainableNetwork)new SquaredCustomLanes(), (ITrainableNetwork)new SquaredBuiltinLanes())
            : (new SquaredCustomSimd(), new SquaredBuiltinSimd());
        Assert.Equal(builtin.Parameters.ToArray(), custom.Parameters.ToArray()); // same seed and shape: same start
        var random = new SeededRandom(17);
        for (int step = 0; step < 20; step++)
        {
            int count = 1 + step % custom.BatchSize;
            (float[] inputs, float[] targets) = Batch(custom, count, ref random);
            float[] weights = new float[count];
            Randomize(weights, ref random, 0.5f, 2f);
            bool weighted = step % 2 == 1;
            float customLoss = weighted ? custom.ComputeLossAndGradients(inputs, targets, weights, count) : custom.ComputeLossAndGradients(inputs, targets, count);
            float builtinLoss = weighted ? builtin.ComputeLossAndGradients(inputs, targets, weights, count) : builtin.ComputeLossAndGradients(inputs, targets, count);
            Assert.True(Math.Abs(customLoss - builtinLoss) <= 1e-6 * (1 + Math.Abs(builtinLoss)), $"step {step}: custom {customLoss}, built-in {builtinLoss}");
            AssertClose($"{strategy}, step {step}", custom.Gradients.ToArray(), builtin.Gradients.ToArray().Select(g => (double)g).ToArray(), 1e-6, 1e-5);

            // Train both on their own gradients: they stay together.
            custom.ApplyGradients();
            builtin.ApplyGradients();
        }

        AssertClose(strategy + ", parameters after 20 steps", custom.Parameters.ToArray(), builtin.Parameters.ToArray().Select(g => (double)g).ToArray(), 1e-5, 1e-4);
    }

    /// <summary>
    /// y = x + (0.3 + 0.5·(x + 1))·u, u uniform in [−1, 1]: the conditional 90th percentile is x + 0.8·s(x),
    /// s(x) = 0.3 + 0.5·(x + 1). The pinball loss of τ = 0.9 must put ~90 % of held-out targets below the
    /// prediction; the same network with MSE, which fits the mean, ~50 %.
    /// </summary>
    [Fact]
    public void APinballLossLearnsThe90thPercentile()
    {
        (float[] trainX, float[] trainY) = Noisy(4000, 123);
        (float[] testX, float[] testY) = Noisy(4000, 456);
        double quantile = FractionBelow(Train(new QuantileRegression(), trainX, trainY), testX, testY);
        double mean = FractionBelow(Train(new MeanRegression(), trainX, trainY), testX, testY);
        Assert.InRange(quantile, 0.85, 0.95);
        Assert.InRange(mean, 0.40, 0.60);
    }

    private static (float[] X, float[] Y) Noisy(int count, long seed)
    {
        var random = new SeededRandom(seed);
        float[] x = new float[count], y = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 2f * random.NextSingle() - 1f;
            float spread = 0.3f + 0.5f * (x[i] + 1f);
            y[i] = x[i] + spread * (2f * random.NextSingle() - 1f);
        }

        return (x, y);
    }

    private static ITrainableNetwork Train(ITrainableNetwork network, float[] x, float[] y)
    {
        int batch = network.BatchSize;
        for (int epoch = 0; epoch < 60; epoch++)
        {
            for (int start = 0; start + batch <= x.Length; start += batch)
            {
                float loss = network.TrainBatch(x.AsSpan(start, batch), y.AsSpan(start, batch), batch);
                Assert.True(float.IsFinite(loss));
            }
        }

        return network;
    }

    private static double FractionBelow(ITrainableNetwork network, float[] x, float[] y)
    {
        int below = 0;
        float[] output = new float[1];
        for (int i = 0; i < x.Length; i++)
        {
            network.Predict(x.AsSpan(i, 1), output);
            below += y[i] <= output[0] ? 1 : 0;
        }

        return (double)below / x.Length;
    }

    /// <summary>Inputs in [−3, 3]; targets in [−0.5, 1.5] (both sides of the cost-weighted loss's 0.5).</summary>
    private static (float[] Inputs, float[] Targets) Batch(ITrainableNetwork network, int count, ref SeededRandom random)
    {
        float[] inputs = new float[count * network.InputSize];
        float[] targets = new float[count * network.OutputSize];
        Randomize(inputs, ref random, -3f, 3f);
        Randomize(targets, ref random, -0.5f, 1.5f);
        return (inputs, targets);
    }

    private static void Randomize(Span<float> values, ref SeededRandom random, float low, float high)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + (high - low) * random.NextSingle();
        }
    }

    private static void AssertClose(string context, float[] actual, double[] expected, double absolute, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= absolute + relative * Math.Abs(expected[i]),
                $"{context}: ∂loss/∂θ[{i}] is {actual[i]}, expected {expected[i]}");
        }
    }
}
