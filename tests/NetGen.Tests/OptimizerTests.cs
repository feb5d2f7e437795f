using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Optimizers;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>Every optimizer against an independent double-precision reference of SPEC §4's formula.</summary>
public class OptimizerTests
{
    public sealed record OptimizerCase(string Name, Func<ITrainableNetwork> Create, OptimizerSettings Settings)
    {
        public override string ToString() => Name;
    }

    private static readonly OptimizerCase[] Cases =
    {
        new("Sgd, defaults", () => new SgdDefaults(), new(Optimizer.Sgd, 0.01f)),
        new("Sgd, α 0.05, λ 0.1", () => new SgdCustom(), new(Optimizer.Sgd, 0.05f, WeightDecay: 0.1f)),
        new("Momentum, defaults", () => new MomentumDefaults(), new(Optimizer.Momentum, 0.01f, Momentum: 0.9f)),
        new("Momentum, α 0.05, η 0.5, λ 0.01", () => new MomentumCustom(), new(Optimizer.Momentum, 0.05f, Momentum: 0.5f, WeightDecay: 0.01f)),
        new("Nesterov, defaults", () => new NesterovDefaults(), new(Optimizer.Nesterov, 0.01f, Momentum: 0.9f)),
        new("Momentum + Nesterov = true, α 0.03, η 0.8, λ 0.02", () => new NesterovCustom(), new(Optimizer.Nesterov, 0.03f, Momentum: 0.8f, WeightDecay: 0.02f)),
        new("RmsProp, defaults", () => new RmsPropDefaults(), new(Optimizer.RmsProp, 0.01f, Rho: 0.9f, Epsilon: 1e-7f)),
        new("RmsProp, α 0.02, ρ 0.5, ε 1e-3, λ 0.01", () => new RmsPropCustom(), new(Optimizer.RmsProp, 0.02f, Rho: 0.5f, Epsilon: 1e-3f, WeightDecay: 0.01f)),
        new("Adam, defaults", () => new AdamDefaults(), new(Optimizer.Adam, 0.001f)),
        new("Adam, α 0.05, β 0.8/0.99, ε 1e-4, λ 0.01", () => new AdamCustom(), new(Optimizer.Adam, 0.05f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("AdamW, defaults", () => new AdamWDefaults(), new(Optimizer.AdamW, 0.001f, WeightDecay: 0.01f)),
        new("AdamW, α 0.01, β 0.7/0.95, ε 1e-6, λ 0.1", () => new AdamWCustom(), new(Optimizer.AdamW, 0.01f, Beta1: 0.7f, Beta2: 0.95f, Epsilon: 1e-6f, WeightDecay: 0.1f)),
        new("AdaGrad, defaults", () => new AdaGradDefaults(), new(Optimizer.AdaGrad, 0.01f, Epsilon: 1e-10f)),
        new("AdaGrad, α 0.1, ε 1e-3, λ 0.01", () => new AdaGradCustom(), new(Optimizer.AdaGrad, 0.1f, Epsilon: 1e-3f, WeightDecay: 0.01f)),
        new("AdaDelta, defaults", () => new AdaDeltaDefaults(), new(Optimizer.AdaDelta, 1f, Rho: 0.9f, Epsilon: 1e-6f)),
        new("AdaDelta, α 0.5, ρ 0.5, ε 1e-4, λ 0.01", () => new AdaDeltaCustom(), new(Optimizer.AdaDelta, 0.5f, Rho: 0.5f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("Adam on PReLU slopes", () => new AdamPReLU(), new(Optimizer.Adam, 0.01f)),
        new("vectorised Sgd", () => new WideSgd(), new(Optimizer.Sgd, 0.05f, WeightDecay: 0.1f)),
        new("vectorised Momentum", () => new WideMomentum(), new(Optimizer.Momentum, 0.05f, Momentum: 0.5f, WeightDecay: 0.01f)),
        new("vectorised Nesterov", () => new WideNesterov(), new(Optimizer.Nesterov, 0.03f, Momentum: 0.8f, WeightDecay: 0.02f)),
        new("vectorised RmsProp", () => new WideRmsProp(), new(Optimizer.RmsProp, 0.02f, Rho: 0.5f, Epsilon: 1e-3f, WeightDecay: 0.01f)),
        new("vectorised Adam", () => new WideAdam(), new(Optimizer.Adam, 0.05f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("vectorised AdamW", () => new WideAdamW(), new(Optimizer.AdamW, 0.01f, Beta1: 0.7f, Beta2: 0.95f, Epsilon: 1e-6f, WeightDecay: 0.1f)),
        new("vectorised AdaGrad", () => new WideAdaGrad(), new(Optimizer.AdaGrad, 0.1f, Epsilon: 1e-3f, WeightDecay: 0.01f)),
        new("vectorised AdaDelta", () => new WideAdaDelta(), new(Optimizer.AdaDelta, 0.5f, Rho: 0.5f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("Lion, defaults", () => new LionDefaults(), new(Optimizer.Lion, 1e-4f, Beta2: 0.99f)),
        new("Lion, α 0.01, β 0.8/0.95, λ 0.1", () => new LionCustom(), new(Optimizer.Lion, 0.01f, Beta1: 0.8f, Beta2: 0.95f, WeightDecay: 0.1f)),
        new("vectorised Lion", () => new WideLion(), new(Optimizer.Lion, 0.01f, Beta1: 0.8f, Beta2: 0.95f, WeightDecay: 0.1f)),
        new("NAdam, defaults", () => new NAdamDefaults(), new(Optimizer.NAdam, 0.002f)),
        new("NAdam, α 0.01, β 0.8/0.99, ε 1e-4, λ 0.01", () => new NAdamCustom(), new(Optimizer.NAdam, 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("vectorised NAdam", () => new WideNAdam(), new(Optimizer.NAdam, 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("AdaMax, defaults", () => new AdaMaxDefaults(), new(Optimizer.AdaMax, 0.002f)),
        new("AdaMax, α 0.01, β 0.8/0.99, ε 1e-4, λ 0.01", () => new AdaMaxCustom(), new(Optimizer.AdaMax, 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
        new("vectorised AdaMax", () => new WideAdaMax(), new(Optimizer.AdaMax, 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f, WeightDecay: 0.01f)),
    };

    public static IEnumerable<object[]> AllCases => Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(AllCases))]
    public void ParametersFollowTheReferenceStepByStep(OptimizerCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        Assert.Equal(testCase.Settings.LearningRate, network.LearningRate);
        (float[] inputs, float[] targets) = FixedBatch(network);
        double[] reference = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] initial = (double[])reference.Clone();
        var optimizer = new ReferenceOptimizer(testCase.Settings, reference.Length);

        for (int step = 1; step <= 8; step++)
        {
            // The same gradient feeds both: this checks the update rule alone (the gradient has its own tests).
            network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
            optimizer.Step(reference, network.Gradients);
            network.ApplyGradients();
            Assert.Equal(step, network.Step);

            ReadOnlySpan<float> actual = network.Parameters;
            for (int i = 0; i < reference.Length; i++)
            {
                // Float arithmetic against double over a few steps: ~1e-7 relative per operation.
                double tolerance = 1e-6 + 1e-5 * Math.Abs(reference[i]);
                Assert.True(Math.Abs(actual[i] - reference[i]) <= tolerance,
                    $"{testCase.Name}, step {step}: θ[{i}] is {actual[i]}, the reference gives {reference[i]}");
            }
        }

        // The steps really moved the parameters (else the comparison proves little).
        double moved = reference.Zip(initial, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(moved > 100 * 1e-6, $"{testCase.Name}: the largest change is only {moved}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void TrainingLowersTheLossOfAFixedBatch(OptimizerCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        network.LearningRate = testCase.Settings.Optimizer switch
        {
            Optimizer.Adam or Optimizer.AdamW => 0.01f, // the 0.001 default needs thousands of steps
            Optimizer.Lion => 0.003f, // a sign step of the 1e-4 default moves θ at most 0.03 in 300 steps
            _ => network.LearningRate,
        };
        (float[] inputs, float[] targets) = FixedBatch(network);
        float first = network.ComputeLossAndGradients(inputs, targets, network.BatchSize);
        float last = first;
        for (int step = 0; step < 300; step++)
        {
            last = network.TrainBatch(inputs, targets, network.BatchSize);
        }

        Assert.True(last < 0.5f * first, $"{testCase.Name}: loss {first} → {last}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void AStepAllocatesNothing(OptimizerCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        (float[] inputs, float[] targets) = FixedBatch(network);
        for (int i = 0; i < 5; i++)
        {
            network.TrainBatch(inputs, targets, network.BatchSize); // warm up: JIT, statics
        }

        long fewest = Allocations.Fewest(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                network.TrainBatch(inputs, targets, network.BatchSize);
            }
        });

        Assert.Equal(0, fewest);
    }

    [Fact]
    public void PReLUSlopesAreUpdated()
    {
        var network = new AdamPReLU();
        (float[] inputs, float[] targets) = FixedBatch(network);
        float[] slopes = network.Parameters.Slice(3 * 4 + 4, 4).ToArray();
        Assert.All(slopes, a => Assert.Equal(0.25f, a)); // the initial α
        for (int i = 0; i < 10; i++)
        {
            network.TrainBatch(inputs, targets, AdamPReLU.BatchSize);
        }

        Assert.NotEqual(slopes, network.Parameters.Slice(3 * 4 + 4, 4).ToArray());
    }

    /// <summary>A batch whose inputs make some PReLU units negative, and targets the network cannot fit at once.</summary>
    internal static (float[] Inputs, float[] Targets) FixedBatch(ITrainableNetwork network)
    {
        var random = new SeededRandom(31);
        float[] inputs = Enumerable.Range(0, network.BatchSize * network.InputSize).Select(_ => 4f * random.NextSingle() - 2f).ToArray();
        float[] targets = Enumerable.Range(0, network.BatchSize * network.OutputSize).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
        return (inputs, targets);
    }
}
