using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace NetGen.Training;

/// <summary>
/// Trains any generated network on in-memory data: epochs of shuffled minibatches of the network's
/// <see cref="ITrainableNetwork.BatchSize"/>, per-epoch training and validation loss (and accuracy
/// for classification losses), learning-rate schedules, early stopping that restores the best
/// parameters, cancellation and progress reports.
/// </summary>
/// <remarks>
/// <para>Buffers are allocated once per <c>Fit</c>; a batch allocates nothing (progress reports are
/// structs, though an <see cref="IProgress{T}"/> implementation may allocate when it posts them).</para>
/// <para>A NaN or infinite batch loss stops training with a <see cref="NonFiniteLossException"/>
/// naming the epoch and batch; that batch's step is not applied, so the parameters are those from
/// before it.</para>
/// </remarks>
/// <example>
/// <code>
/// var trainer = new Trainer(net, new TrainerOptions { Epochs = 50, Patience = 5, Seed = 1 });
/// TrainingResult result = trainer.Fit(train.Features, train.Targets, train.Count,
///                                     validation.Features, validation.Targets, validation.Count);
/// </code>
/// </example>
public sealed class Trainer
{
    private readonly ITrainableNetwork _network;
    private readonly TrainerOptions _options;

    /// <summary>Prepares to train <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Trainer(ITrainableNetwork network, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _options = options ?? new TrainerOptions();
        _options.Validate();
    }

    /// <summary>Trains on <paramref name="count"/> rows, without validation data.</summary>
    public TrainingResult Fit(float[] features, float[] targets, int count, CancellationToken cancellationToken = default) =>
        Fit(features, targets, count, null, null, 0, cancellationToken);

    /// <summary>Trains on the training rows, evaluating the validation rows after every epoch.</summary>
    /// <param name="features">count × InputSize values, row-major.</param>
    /// <param name="targets">count × OutputSize values, row-major.</param>
    /// <param name="count">The number of training rows.</param>
    /// <param name="validationFeatures">Validation inputs, or null.</param>
    /// <param name="validationTargets">Validation targets, or null.</param>
    /// <param name="validationCount">The number of validation rows (0 when there are none).</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The history of every epoch, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">An array's length does not match its count and the network's sizes.</exception>
    /// <exception cref="NonFiniteLossException">A batch loss was NaN or infinite; its step was not applied.</exception>
    public TrainingResult Fit(
        float[] features,
        float[] targets,
        int count,
        float[]? validationFeatures,
        float[]? validationTargets,
        int validationCount,
        CancellationToken cancellationToken = default)
    {
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        CheckData(features, targets, count, nameof(features), nameof(targets));
        bool validate = validationCount > 0;
        if (validate)
        {
            CheckData(validationFeatures!, validationTargets!, validationCount, nameof(validationFeatures), nameof(validationTargets));
        }

        int batchSize = _network.BatchSize;
        int batches = _options.DropLastPartialBatch ? count / batchSize : (count + batchSize - 1) / batchSize;
        if (batches == 0)
        {
            throw new ArgumentException($"With DropLastPartialBatch, {count} rows make no full batch of {batchSize}.", nameof(count));
        }

        // Everything a batch needs, allocated once.
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        float[] batchInputs = new float[batchSize * inputSize];
        float[] batchTargets = new float[batchSize * outputSize];
        float[]? best = _options.Patience is null ? null : new float[_network.ParameterCount];
        var random = new SeededRandom(_options.Seed);
        var history = new List<EpochResult>(_options.Epochs);
        var clock = Stopwatch.StartNew();
        float bestLoss = float.PositiveInfinity;
        int bestEpoch = 0;
        int sinceBest = 0;
        bool stoppedEarly = false;

        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            _options.Schedule?.Apply(_network, epoch - 1);
            if (_options.Shuffle)
            {
                random.Shuffle(order.AsSpan());
            }

            double lossSum = 0;
            int seen = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = batch * batchSize;
                int n = Math.Min(batchSize, count - start);
                for (int b = 0; b < n; b++)
                {
                    int row = order[start + b];
                    features.AsSpan(row * inputSize, inputSize).CopyTo(batchInputs.AsSpan(b * inputSize));
                    targets.AsSpan(row * outputSize, outputSize).CopyTo(batchTargets.AsSpan(b * outputSize));
                }

                float loss;
                try
                {
                    loss = _network.TrainBatch(batchInputs.AsSpan(0, n * inputSize), batchTargets.AsSpan(0, n * outputSize), n);
                }
                catch (NonFiniteLossException ex)
                {
                    throw new NonFiniteLossException(
                        $"The loss became {ex.Loss} at epoch {epoch}, batch {batch + 1} of {batches} (after optimizer step {ex.Step}); "
                        + "that step was not applied, so the parameters are those from before it. Lower the learning rate, or check the data for NaN or huge values.",
                        ex)
                    {
                        Loss = ex.Loss,
                        Step = ex.Step,
                        Epoch = epoch,
                        Batch = batch + 1,
                    };
                }

                lossSum += (double)loss * n;
                seen += n;
                if (_options.Progress is { } progress && ((batch + 1) % _options.ProgressInterval == 0) && batch + 1 < batches)
                {
                    progress.Report(Progress(epoch, batch + 1, batches, (float)(lossSum / seen), clock.Elapsed, null));
                }
            }

            float trainingLoss = (float)(lossSum / seen);
            float? validationLoss = null;
            float? validationAccuracy = null;
            if (validate)
            {
                (validationLoss, validationAccuracy) = Evaluate(validationFeatures!, validationTargets!, validationCount, batchInputs, batchTargets);
            }

            var result = new EpochResult(epoch, trainingLoss, validationLoss, validationAccuracy, _network.LearningRate, clock.Elapsed);
            history.Add(result);
            _options.Progress?.Report(Progress(epoch, batches, batches, trainingLoss, clock.Elapsed, result));

            float monitored = validationLoss ?? trainingLoss;
            if (monitored < bestLoss - _options.MinImprovement || bestEpoch == 0)
            {
                bestLoss = Math.Min(monitored, bestLoss);
                bestEpoch = epoch;
                sinceBest = 0;
                if (best is not null)
                {
                    _network.Parameters.CopyTo(best);
                }
            }
            else if (_options.Patience is { } patience && ++sinceBest >= patience)
            {
                stoppedEarly = epoch < _options.Epochs;
                break;
            }
        }

        bool restored = false;
        if (best is not null && _options.RestoreBestParameters && bestEpoch != history.Count)
        {
            best.CopyTo(_network.Parameters);
            restored = true;
        }

        return new TrainingResult(history, bestEpoch, stoppedEarly, restored);
    }

    /// <summary>
    /// The loss on <paramref name="count"/> rows (the batch losses weighted by batch size) and, for the
    /// classification losses (CrossEntropy, BinaryCrossEntropy), the accuracy. The parameters do not
    /// change; <see cref="ITrainableNetwork.Gradients"/> is overwritten.
    /// </summary>
    public (float Loss, float? Accuracy) Evaluate(float[] features, float[] targets, int count)
    {
        CheckData(features, targets, count, nameof(features), nameof(targets));
        return Evaluate(features, targets, count, new float[_network.BatchSize * _network.InputSize], new float[_network.BatchSize * _network.OutputSize]);
    }

    private (float Loss, float? Accuracy) Evaluate(float[] features, float[] targets, int count, float[] batchInputs, float[] batchTargets)
    {
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        int batchSize = _network.BatchSize;
        double lossSum = 0;
        for (int start = 0; start < count; start += batchSize)
        {
            int n = Math.Min(batchSize, count - start);
            features.AsSpan(start * inputSize, n * inputSize).CopyTo(batchInputs);
            targets.AsSpan(start * outputSize, n * outputSize).CopyTo(batchTargets);
            lossSum += (double)_network.ComputeLossAndGradients(batchInputs.AsSpan(0, n * inputSize), batchTargets.AsSpan(0, n * outputSize), n) * n;
        }

        float? accuracy = _network.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy
            ? Metrics.Classification.Accuracy(_network, features, targets, count)
            : null;
        return ((float)(lossSum / count), accuracy);
    }

    private TrainingProgress Progress(int epoch, int batch, int batches, float loss, TimeSpan elapsed, EpochResult? completed)
    {
        double done = (epoch - 1) + (double)batch / batches;
        TimeSpan remaining = done > 0 ? TimeSpan.FromTicks((long)(elapsed.Ticks * (_options.Epochs - done) / done)) : TimeSpan.Zero;
        return new TrainingProgress(epoch, _options.Epochs, batch, batches, loss, elapsed, remaining, completed);
    }

    private void CheckData(float[] features, float[] targets, int count, string featuresName, string targetsName)
    {
        ArgumentNullException.ThrowIfNull(features, featuresName);
        ArgumentNullException.ThrowIfNull(targets, targetsName);
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "There must be at least one row.");
        }

        if (features.Length < (long)count * _network.InputSize)
        {
            throw new ArgumentException($"Expected {featuresName}.Length ≥ count ({count}) × InputSize ({_network.InputSize}) = {(long)count * _network.InputSize}, but it is {features.Length}.", featuresName);
        }

        if (targets.Length < (long)count * _network.OutputSize)
        {
            throw new ArgumentException($"Expected {targetsName}.Length ≥ count ({count}) × OutputSize ({_network.OutputSize}) = {(long)count * _network.OutputSize}, but it is {targets.Length}.", targetsName);
        }
    }
}
