using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The lanes strategy (CodeGen.Lanes: one sample per vector lane) against the scalar loops, the
/// reference path, on batches that are not a multiple of any vector width (1, 15, 16, 17, 33 samples of
/// a BatchSize of 33: lanes past the batch must add nothing), for a loss with a lanes form
/// (cross-entropy, fused with softmax) and for losses run per sample on rows (binary cross-entropy
/// after a sigmoid, Huber after a log-softmax), with Threads = 1 and 2. Tolerances as in
/// <see cref="StrategyTests"/>: the lanes sum each gradient in another order (lane-wise, then across
/// the lanes) and with fused multiply-adds, a few ulps per term, so |Δg| ≤ 1e-5 + 1e-4·|g| and
/// |Δloss| ≤ 1e-5·(1 + |loss|). CI runs the class at every vector width (it matches
/// StrategyTests|GradientCheckTests… by its name: LanesStrategyTests is listed in docs/testing.md).
/// </summary>
public class LanesStrategyTests
{
    private static readonly (string Name, Func<ITrainableNetwork> Lanes, Func<ITrainableNetwork> Loops)[] Pairs =
    {
        ("tanh → softmax, cross-entropy (lanes loss)", () => new LanesSoftmaxCrossEntropy(), () => new LoopsTwinSoftmaxCrossEntropy()),
        ("relu → sigmoid, binary cross-entropy (loss on rows)", () => new LanesSigmoidBinaryCrossEntropy(), () => new LoopsTwinSigmoidBinaryCrossEntropy()),
        ("elu → log softmax, Huber (loss on rows)", () => new LanesLogSoftmaxHuber(), () => new LoopsTwinLogSoftmaxHuber()),
        ("sigmoid → identity, MSE (lanes loss)", () => new LanesIdentityMse(), () => new LoopsTwinIdentityMse()),
        ("Threads = 2: tanh → softmax, cross-entropy", () => new LanesThreadsSoftmaxCrossEntropy(), () => new LoopsTwinSoftmaxCrossEntropy()),
        ("wide: 20 relu → 12 tanh → softmax (loops over units and rows, several parts a layer)", () => new LanesWideSoftmaxCrossEntropy(), () => new LoopsTwinWideSoftmaxCrossEntropy()),
    };

    public static TheoryData<int> PairIndices => new(Enumerable.Range(0, Pairs.Length));

    [Theory]
    [MemberData(nameof(PairIndices))]
    public void LanesAgreeWithTheScalarLoopsOnEveryBatchSize(int index)
    {
        (string name, Func<ITrainableNetwork> createLanes, Func<ITrainableNetwork> createLoops) = Pairs[index];
        ITrainableNetwork lanes = createLanes();
        ITrainableNetwork loops = createLoops();
        Assert.Equal(loops.Architecture, lanes.Architecture);
        var random = new SeededRandom(index + 100);
        float[] parameters = Enumerable.Range(0, loops.ParameterCount).Select(_ => 1.6f * random.NextSingle() - 0.8f).ToArray();
        parameters.CopyTo(lanes.Parameters);
        parameters.CopyTo(loops.Parameters);
        foreach (int count in new[] { 1, 15, 16, 17, 33 })
        {
            (float[] inputs, float[] targets) = Batch(loops, count, ref random);
            string context = $"{name}, count {count}";
            float expectedLoss = loops.ComputeLossAndGradients(inputs, targets, count);
            float loss = lanes.ComputeLossAndGradients(inputs, targets, count);
            Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5f * (1 + Math.Abs(expectedLoss)), $"{context}: loss {loss} vs {expectedLoss}");
            ReadOnlySpan<float> expected = loops.Gradients;
            ReadOnlySpan<float> actual = lanes.Gradients;
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5f + 1e-4f * Math.Abs(expected[i]),
                    $"{context}: gradient {i} is {actual[i]}, the scalar loops give {expected[i]}");
            }
        }

        // A few optimizer steps from the same start stay together.
        for (int step = 0; step < 5; step++)
        {
            (float[] inputs, float[] targets) = Batch(loops, 17, ref random);
            loops.TrainBatch(inputs, targets, 17);
            lanes.TrainBatch(inputs, targets, 17);
        }

        ReadOnlySpan<float> trained = loops.Parameters;
        for (int i = 0; i < trained.Length; i++)
        {
            Assert.True(Math.Abs(lanes.Parameters[i] - trained[i]) <= 1e-4f * (1 + Math.Abs(trained[i])), $"{name}: parameter {i} after 5 steps");
        }
    }

    [Fact]
    public void LanesPastTheBatchAddNothingWhateverTheyHeldBefore()
    {
        // A full batch of huge values first: a smaller batch after it must not see them.
        ITrainableNetwork network = new LanesSoftmaxCrossEntropy();
        ITrainableNetwork fresh = new LanesSoftmaxCrossEntropy();
        var random = new SeededRandom(7);
        (float[] big, float[] bigTargets) = Batch(network, 33, ref random);
        for (int i = 0; i < big.Length; i++)
        {
            big[i] *= 1e6f;
        }

        network.ComputeLossAndGradients(big, bigTargets, 33);
        (float[] inputs, float[] targets) = Batch(network, 5, ref random);
        float loss = network.ComputeLossAndGradients(inputs, targets, 5);
        Assert.Equal(fresh.ComputeLossAndGradients(inputs, targets, 5), loss);
        Assert.Equal(fresh.Gradients.ToArray(), network.Gradients.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SameSeedGivesIdenticalBitsAfterTraining(bool threads)
    {
        float[] Train()
        {
            ITrainableNetwork network = threads ? new LanesThreadsSoftmaxCrossEntropy() : new LanesSoftmaxCrossEntropy();
            var random = new SeededRandom(5);
            for (int step = 0; step < 20; step++)
            {
                (float[] inputs, float[] targets) = Batch(network, 1 + step % 33, ref random);
                network.TrainBatch(inputs, targets, 1 + step % 33);
            }

            return network.Parameters.ToArray();
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void TrainingStepsAllocateNothing()
    {
        ITrainableNetwork[] networks = { new LanesSoftmaxCrossEntropy(), new LanesSigmoidBinaryCrossEntropy(), new LanesThreadsSoftmaxCrossEntropy() };
        foreach (ITrainableNetwork network in networks)
        {
            var random = new SeededRandom(3);
            (float[] inputs, float[] targets) = Batch(network, 17, ref random);
            for (int i = 0; i < 50; i++)
            {
                network.TrainBatch(inputs, targets, 17); // warm up: the worker pool, tiering
            }

            Assert.Equal(0, Allocations.Fewest(() => network.TrainBatch(inputs, targets, 17)));
        }
    }

    /// <summary>Inputs in [−2, 2]; targets one-hot for the softmax and sigmoid outputs, in [−1, 1] otherwise.</summary>
    private static (float[] Inputs, float[] Targets) Batch(ITrainableNetwork network, int count, ref SeededRandom random)
    {
        float[] inputs = new float[count * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = 4f * random.NextSingle() - 2f;
        }

        float[] targets = new float[count * network.OutputSize];
        for (int s = 0; s < count; s++)
        {
            if (network.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy)
            {
                targets[s * network.OutputSize + (int)(random.NextSingle() * network.OutputSize) % network.OutputSize] = 1f;
            }
            else
            {
                for (int k = 0; k < network.OutputSize; k++)
                {
                    targets[s * network.OutputSize + k] = 2f * random.NextSingle() - 1f;
                }
            }
        }

        return (inputs, targets);
    }
}

[Network(Inputs = 5, Seed = 71, CodeGen = CodeGen.Lanes)]
[Dense(9, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 33)]
public partial class LanesSoftmaxCrossEntropy { }

[Network(Inputs = 5, Seed = 71, CodeGen = CodeGen.Lanes, Threads = 2)]
[Dense(9, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 33)]
public partial class LanesThreadsSoftmaxCrossEntropy { }

[Network(Inputs = 5, Seed = 71, CodeGen = CodeGen.Loops)]
[Dense(9, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 33)]
public partial class LoopsTwinSoftmaxCrossEntropy { }

[Network(Inputs = 6, Seed = 72, CodeGen = CodeGen.Lanes)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Momentum, LearningRate = 0.05f, BatchSize = 33)]
public partial class LanesSigmoidBinaryCrossEntropy { }

[Network(Inputs = 6, Seed = 72, CodeGen = CodeGen.Loops)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Momentum, LearningRate = 0.05f, BatchSize = 33)]
public partial class LoopsTwinSigmoidBinaryCrossEntropy { }

[Network(Inputs = 3, Seed = 73, CodeGen = CodeGen.Lanes)]
[Dense(6, Activation.ELU, Alpha = 0.7f)]
[Dense(3, Activation.LogSoftmax)]
[Training(Loss.Huber, Optimizer.RmsProp, LearningRate = 0.01f, BatchSize = 33, HuberDelta = 0.5f)]
public partial class LanesLogSoftmaxHuber { }

[Network(Inputs = 3, Seed = 73, CodeGen = CodeGen.Loops)]
[Dense(6, Activation.ELU, Alpha = 0.7f)]
[Dense(3, Activation.LogSoftmax)]
[Training(Loss.Huber, Optimizer.RmsProp, LearningRate = 0.01f, BatchSize = 33, HuberDelta = 0.5f)]
public partial class LoopsTwinLogSoftmaxHuber { }

[Network(Inputs = 4, Seed = 74, CodeGen = CodeGen.Lanes)]
[Dense(12, Activation.Sigmoid)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, BatchSize = 33)]
public partial class LanesIdentityMse { }

[Network(Inputs = 4, Seed = 74, CodeGen = CodeGen.Loops)]
[Dense(12, Activation.Sigmoid)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, BatchSize = 33)]
public partial class LoopsTwinIdentityMse { }

[Network(Inputs = 5, Seed = 75, CodeGen = CodeGen.Lanes)]
[Dense(20, Activation.ReLU)]
[Dense(12, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 33)]
public partial class LanesWideSoftmaxCrossEntropy { }

[Network(Inputs = 5, Seed = 75, CodeGen = CodeGen.Loops)]
[Dense(20, Activation.ReLU)]
[Dense(12, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 33)]
public partial class LoopsTwinWideSoftmaxCrossEntropy { }
