using System;

namespace NetGen.Samples;

/// <summary>
/// The minibatch loop the samples share: each epoch visits every training row once, in an order
/// shuffled with a seeded generator, in batches of the network's <see cref="ITrainableNetwork.BatchSize"/>
/// (the last batch may be smaller). Buffers are allocated once; an epoch allocates nothing.
/// </summary>
public sealed class TrainingLoop
{
    private readonly ITrainableNetwork _network;
    private readonly float[] _inputs;
    private readonly float[] _targets;
    private readonly int[] _order;
    private readonly float[] _batchInputs;
    private readonly float[] _batchTargets;
    private SeededRandom _random;

    /// <summary>Prepares to train <paramref name="network"/> on <paramref name="count"/> rows.</summary>
    public TrainingLoop(ITrainableNetwork network, float[] inputs, float[] targets, int count, long seed)
    {
        if (inputs.Length != count * network.InputSize || targets.Length != count * network.OutputSize)
        {
            throw new ArgumentException($"Expected {count} rows of {network.InputSize} inputs and {network.OutputSize} targets, but got {inputs.Length} input and {targets.Length} target values.");
        }

        _network = network;
        _inputs = inputs;
        _targets = targets;
        _order = new int[count];
        for (int i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        _batchInputs = new float[network.BatchSize * network.InputSize];
        _batchTargets = new float[network.BatchSize * network.OutputSize];
        _random = new SeededRandom(seed);
    }

    /// <summary>Trains one epoch and returns the mean of its batch losses, weighted by batch size.</summary>
    public float RunEpoch()
    {
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        _random.Shuffle(_order.AsSpan());
        double total = 0;
        for (int start = 0; start < _order.Length; start += _network.BatchSize)
        {
            int count = Math.Min(_network.BatchSize, _order.Length - start);
            for (int b = 0; b < count; b++)
            {
                int row = _order[start + b];
                _inputs.AsSpan(row * inputSize, inputSize).CopyTo(_batchInputs.AsSpan(b * inputSize));
                _targets.AsSpan(row * outputSize, outputSize).CopyTo(_batchTargets.AsSpan(b * outputSize));
            }

            float loss = _network.TrainBatch(
                _batchInputs.AsSpan(0, count * inputSize),
                _batchTargets.AsSpan(0, count * outputSize),
                count);
            total += (double)loss * count;
        }

        return (float)(total / _order.Length);
    }

    /// <summary>The fraction of rows whose largest output is at the position of the largest target (one-hot classes).</summary>
    public static float Accuracy(INeuralNetwork network, float[] inputs, float[] targets, int count)
    {
        Span<float> output = stackalloc float[network.OutputSize];
        int correct = 0;
        for (int i = 0; i < count; i++)
        {
            network.Predict(inputs.AsSpan(i * network.InputSize, network.InputSize), output);
            ReadOnlySpan<float> target = targets.AsSpan(i * network.OutputSize, network.OutputSize);
            if (network.OutputSize == 1)
            {
                correct += (output[0] >= 0.5f) == (target[0] >= 0.5f) ? 1 : 0;
            }
            else
            {
                correct += ArgMax(output) == ArgMax(target) ? 1 : 0;
            }
        }

        return (float)correct / count;
    }

    /// <summary>The index of the largest value (the first, on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
