using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using NetGen.Data;
using NetGen.Models;

namespace NetGen.Training;

/// <summary>
/// Trains any generated network on in-memory data: epochs of shuffled minibatches of the network's
/// <see cref="ITrainableNetwork.BatchSize"/>, per-epoch training and validation loss (and accuracy
/// for classification losses), learning-rate schedules, early stopping that restores the best
/// parameters, cancellation and progress reports.
/// </summary>
/// <remarks>
/// <para>Rows are checked exactly: a <see cref="DataSet"/> must have the network's
/// <see cref="INeuralNetwork.InputSize"/> features and <see cref="INeuralNetwork.OutputSize"/> targets
/// per row, and flat arrays must hold exactly <c>count × InputSize</c> and <c>count × OutputSize</c>
/// values (a longer array is refused: it is what data with a column too many looks like).</para>
/// <para>Buffers are allocated once per <c>Fit</c>; a batch allocates nothing (progress reports are
/// structs, though an <see cref="IProgress{T}"/> implementation may allocate when it posts them).
/// <see cref="TrainerOptions.Progress"/> is called synchronously, on the training thread.</para>
/// <para>A NaN or infinite batch loss stops training with a <see cref="NonFiniteLossException"/>
/// naming the epoch and batch; that batch's step is not applied, so the parameters are those from
/// before it. A NaN or infinite validation loss stops training with a
/// <see cref="NonFiniteLossException"/> too (<see cref="NonFiniteLossException.Batch"/> 0), naming
/// the epoch and the first validation rows whose loss is not finite; the parameters are those at
/// the end of that epoch.</para>
/// <para>After every epoch, in this order: the progress report, the early-stopping bookkeeping (and
/// the <see cref="TrainerOptions.Checkpoint"/> save when the epoch is the best yet), the
/// <see cref="TrainerOptions.ReduceOnPlateau"/> rule, then <see cref="TrainerOptions.OnEpochEnd"/>,
/// which may stop training; an exception the callback throws propagates out of <c>Fit</c> unchanged.</para>
/// <para>A network that declares an input scaling (<see cref="IInputScaled"/>) and is not fitted yet is
/// fitted from the training rows before the first epoch (never from the validation rows); one fitted
/// already keeps its statistics. <c>Fit(DataSet…)</c> gives a network without
/// <see cref="INeuralNetwork.ClassNames"/> the training set's class names (one per output).</para>
/// </remarks>
/// <example>
/// <code>
/// var trainer = new Trainer(net, new TrainerOptions { Epochs = 50, Patience = 5, Seed = 1 });
/// TrainingResult result = trainer.Fit(train, validation);   // two DataSets
/// </code>
/// </example>
public sealed class Trainer
{
    private readonly ITrainableNetwork _network;
    private readonly TrainerOptions _options;

    /// <summary>Prepares to train <paramref name="network"/>.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="options">How to train; null takes the defaults. The options are read when <c>Fit</c> runs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public Trainer(ITrainableNetwork network, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _options = options ?? new TrainerOptions();
    }

    /// <summary>Trains on the rows of <paramref name="training"/>, evaluating <paramref name="validation"/> (when given) after every epoch.</summary>
    /// <param name="training">The training rows: <see cref="DataSet.FeatureCount"/> must be the network's InputSize and <see cref="DataSet.TargetCount"/> its OutputSize.</param>
    /// <param name="validation">Validation rows of the same widths, or null.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The history of every epoch, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is null.</exception>
    /// <exception cref="ArgumentException">A data set's widths are not the network's, or it has no rows.</exception>
    /// <exception cref="NonFiniteLossException">A batch loss or a validation loss was NaN or infinite.</exception>
    /// <exception cref="IOException">The <see cref="TrainerOptions.Checkpoint"/> path cannot be written (checked before the first epoch), or saving a checkpoint failed.</exception>
    public TrainingResult Fit(DataSet training, DataSet? validation = null, CancellationToken cancellationToken = default)
    {
        Shapes.CheckDataSet(_network, training, nameof(training));
        if (validation is not null)
        {
            Shapes.CheckDataSet(_network, validation, nameof(validation));
        }

        Preprocessing.AdoptClassNames(_network, training);
        return Fit(training.Features, training.Targets, training.Count,
                   validation?.Features, validation?.Targets, validation?.Count ?? 0, cancellationToken);
    }

    /// <summary>
    /// Trains on the rows of <paramref name="training"/> weighted by <paramref name="sampleWeights"/>
    /// (Keras's and scikit-learn's <c>sample_weight</c>), evaluating <paramref name="validation"/>
    /// (when given) after every epoch, weighted by <paramref name="validationSampleWeights"/> when given.
    /// </summary>
    /// <param name="training">The training rows: <see cref="DataSet.FeatureCount"/> must be the network's InputSize and <see cref="DataSet.TargetCount"/> its OutputSize.</param>
    /// <param name="validation">Validation rows of the same widths, or null.</param>
    /// <param name="sampleWeights">
    /// One weight per training row (finite, zero or positive, with a positive sum), or null for 1 each.
    /// Each batch's loss is the weighted mean Σ wᵢ·Lᵢ / Σ wᵢ; a weight travels with its row through the
    /// shuffle; with <see cref="TrainerOptions.ClassWeights"/>, a row weighs its sample weight times its
    /// class's weight. A batch whose rows all weigh 0 is skipped.
    /// </param>
    /// <param name="validationSampleWeights">One weight per validation row, or null: the validation loss is then unweighted.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The history of every epoch (training losses weighted; validation losses weighted when <paramref name="validationSampleWeights"/> is given), the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is null.</exception>
    /// <exception cref="ArgumentException">A data set's widths are not the network's, it has no rows, a weights array's length is not its rows, or the weights sum to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, NaN or infinite (the message names its row).</exception>
    /// <exception cref="NotSupportedException">The network does not implement the weighted overloads (a network written by hand).</exception>
    /// <exception cref="NonFiniteLossException">A batch loss or a validation loss was NaN or infinite.</exception>
    public TrainingResult Fit(DataSet training, DataSet? validation, float[]? sampleWeights, float[]? validationSampleWeights = null, CancellationToken cancellationToken = default)
    {
        Shapes.CheckDataSet(_network, training, nameof(training));
        if (validation is not null)
        {
            Shapes.CheckDataSet(_network, validation, nameof(validation));
        }
        else if (validationSampleWeights is not null)
        {
            throw new ArgumentException("validationSampleWeights is given, but there is no validation data set: pass both, or neither.", nameof(validationSampleWeights));
        }

        Preprocessing.AdoptClassNames(_network, training);
        return FitCore(training.Features, training.Targets, training.Count, sampleWeights,
                       validation?.Features, validation?.Targets, validation?.Count ?? 0, validationSampleWeights, cancellationToken);
    }

    /// <summary>Trains on <paramref name="count"/> rows, without validation data.</summary>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of training rows, at least 1.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The history of every epoch, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">An array does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    /// <exception cref="NonFiniteLossException">A batch loss was NaN or infinite; its step was not applied.</exception>
    /// <exception cref="IOException">The <see cref="TrainerOptions.Checkpoint"/> path cannot be written (checked before the first epoch), or saving a checkpoint failed.</exception>
    public TrainingResult Fit(float[] features, float[] targets, int count, CancellationToken cancellationToken = default) =>
        Fit(features, targets, count, null, null, 0, cancellationToken);

    /// <summary>Trains on the training rows, evaluating the validation rows after every epoch.</summary>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of training rows, at least 1.</param>
    /// <param name="validationFeatures">Exactly validationCount × InputSize values, or null (or empty) when validationCount is 0.</param>
    /// <param name="validationTargets">Exactly validationCount × OutputSize values, or null (or empty) when validationCount is 0.</param>
    /// <param name="validationCount">The number of validation rows (0 when there are none).</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The history of every epoch, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">An array does not hold exactly its count of rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range, or validationCount is 0 while validation values are given.</exception>
    /// <exception cref="NonFiniteLossException">
    /// A batch loss was NaN or infinite (its step was not applied), or the validation loss after an
    /// epoch was (<see cref="NonFiniteLossException.Batch"/> is then 0; the epoch's steps were applied).
    /// </exception>
    /// <exception cref="InvalidOperationException">The schedule returned a rate that is NaN, infinite or negative.</exception>
    /// <exception cref="IOException">The <see cref="TrainerOptions.Checkpoint"/> path cannot be written (checked before the first epoch), or saving a checkpoint failed.</exception>
    public TrainingResult Fit(
        float[] features,
        float[] targets,
        int count,
        float[]? validationFeatures,
        float[]? validationTargets,
        int validationCount,
        CancellationToken cancellationToken = default) =>
        FitCore(features, targets, count, null, validationFeatures, validationTargets, validationCount, null, cancellationToken);

    /// <summary>
    /// Trains on the training rows weighted by <paramref name="sampleWeights"/> (Keras's and
    /// scikit-learn's <c>sample_weight</c>), evaluating the validation rows after every epoch.
    /// </summary>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of training rows, at least 1.</param>
    /// <param name="sampleWeights">
    /// Exactly count weights, one per training row (finite, zero or positive, with a positive sum), or
    /// null for 1 each. Each batch's loss is the weighted mean Σ wᵢ·Lᵢ / Σ wᵢ; a weight travels with
    /// its row through the shuffle; with <see cref="TrainerOptions.ClassWeights"/>, a row weighs its
    /// sample weight times its class's weight. A batch whose rows all weigh 0 is skipped.
    /// </param>
    /// <param name="validationFeatures">Exactly validationCount × InputSize values, or null (or empty) when validationCount is 0.</param>
    /// <param name="validationTargets">Exactly validationCount × OutputSize values, or null (or empty) when validationCount is 0.</param>
    /// <param name="validationCount">The number of validation rows (0 when there are none).</param>
    /// <param name="validationSampleWeights">Exactly validationCount weights, or null: the validation loss is then unweighted (class weights never apply to it).</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The history of every epoch (training losses weighted), the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">An array does not hold exactly its count of rows, or weights sum to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range, or a weight is negative, NaN or infinite (the message names its row).</exception>
    /// <exception cref="NotSupportedException">The network does not implement the weighted overloads (a network written by hand).</exception>
    /// <exception cref="NonFiniteLossException">A batch loss or the validation loss after an epoch was NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The schedule returned a rate that is NaN, infinite or negative.</exception>
    public TrainingResult Fit(
        float[] features,
        float[] targets,
        int count,
        float[]? sampleWeights,
        float[]? validationFeatures,
        float[]? validationTargets,
        int validationCount,
        float[]? validationSampleWeights,
        CancellationToken cancellationToken = default) =>
        FitCore(features, targets, count, sampleWeights, validationFeatures, validationTargets, validationCount, validationSampleWeights, cancellationToken);

    private TrainingResult FitCore(
        float[] features,
        float[] targets,
        int count,
        float[]? sampleWeights,
        float[]? validationFeatures,
        float[]? validationTargets,
        int validationCount,
        float[]? validationSampleWeights,
        CancellationToken cancellationToken)
    {
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        CheckData(features, targets, count, nameof(features), nameof(targets), nameof(count));
        bool validate = validationCount != 0;
        Preprocessing.FitInputScaling(_network, features, count); // a declared input scaling, from the training rows only
        if (validate)
        {
            CheckData(validationFeatures, validationTargets, validationCount, nameof(validationFeatures), nameof(validationTargets), nameof(validationCount));
        }
        else if (validationFeatures is { Length: > 0 } || validationTargets is { Length: > 0 })
        {
            (string name, int length) = validationFeatures is { Length: > 0 }
                ? (nameof(validationFeatures), validationFeatures.Length)
                : (nameof(validationTargets), validationTargets!.Length);
            throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount, string.Create(CultureInfo.InvariantCulture,
                $"validationCount is 0, but {name} holds {length} values: pass the number of validation rows, or null arrays for no validation."));
        }

        // Sample × class weights per training row (null: unweighted); validation: its sample weights only.
        float[]? rowWeights = RowWeights(targets, count, sampleWeights, _options.ClassWeights, nameof(sampleWeights));
        float[]? validationWeights = validate ? RowWeights(validationTargets!, validationCount, validationSampleWeights, null, nameof(validationSampleWeights)) : null;
        if (!validate && validationSampleWeights is { Length: > 0 })
        {
            throw new ArgumentException("validationSampleWeights is given, but there are no validation rows: pass both, or neither.", nameof(validationSampleWeights));
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
        string? checkpoint = _options.Checkpoint;
        if (checkpoint is not null)
        {
            CheckCheckpointPath(checkpoint);
        }

        Func<EpochResult, TrainingAction>? onEpochEnd = _options.OnEpochEnd;
        ReduceOnPlateau? plateau = _options.ReduceOnPlateau;
        PlateauState plateauState = PlateauState.Start;
        bool callbackStopped = false;
        float[]? best = _options.Patience is null && onEpochEnd is null ? null : new float[_network.ParameterCount];
        float[]? batchWeights = rowWeights is null && validationWeights is null ? null : new float[batchSize];
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

            (double lossSum, double seen) = TrainEpoch(features, targets, count, order, batchInputs, batchTargets, rowWeights, batchWeights, batches, epoch, clock, cancellationToken);
            float trainingLoss = (float)(lossSum / seen);
            float? validationLoss = null;
            float? validationAccuracy = null;
            int firstBadRow = -1;
            if (validate)
            {
                (validationLoss, validationAccuracy, firstBadRow) = Evaluate(validationFeatures!, validationTargets!, validationCount, batchInputs, batchTargets, validationWeights, batchWeights);
            }

            var result = new EpochResult(epoch, trainingLoss, validationLoss, validationAccuracy, _network.LearningRate, clock.Elapsed);
            history.Add(result);
            _options.Progress?.Report(Progress(epoch, batches, batches, trainingLoss, clock.Elapsed, result));

            if (validationLoss is { } v && !float.IsFinite(v))
            {
                // A NaN compares false with everything, so early stopping could never see a better
                // epoch again: stop here, and say so.
                string rows = firstBadRow < 0
                    ? string.Empty
                    : string.Create(CultureInfo.InvariantCulture, $" (the first validation batch with a non-finite loss holds rows {firstBadRow} to {Math.Min(firstBadRow + batchSize, validationCount) - 1}, counting from 0)");
                throw new NonFiniteLossException(
                    string.Create(CultureInfo.InvariantCulture, $"The validation loss is {v} after epoch {epoch}{rows}, so it cannot be compared with other epochs; training stopped. ")
                    + string.Create(CultureInfo.InvariantCulture, $"The parameters are those at the end of epoch {epoch} (after optimizer step {_network.Step}). ")
                    + "Check the validation data for NaN or huge values, or lower the learning rate.")
                {
                    Loss = v,
                    Step = _network.Step,
                    Epoch = epoch,
                    Batch = 0,
                };
            }

            float monitored = validationLoss ?? trainingLoss;
            bool patienceExhausted = false;
            if (monitored < bestLoss - _options.MinImprovement || bestEpoch == 0)
            {
                bestLoss = Math.Min(monitored, bestLoss);
                bestEpoch = epoch;
                sinceBest = 0;
                if (best is not null)
                {
                    _network.Parameters.CopyTo(best);
                }

                if (checkpoint is not null)
                {
                    SaveCheckpoint(checkpoint, epoch);
                }
            }
            else if (_options.Patience is { } patience && ++sinceBest >= patience)
            {
                patienceExhausted = true;
            }

            if (plateau is not null)
            {
                // The rate for the next epoch; this epoch's record keeps the rate it used.
                // A minimum rate of 0 reached by repeated reductions stays a positive rate: a network refuses 0.
                _network.LearningRate = Math.Max(plateauState.Next(plateau, monitored, result.LearningRate), LearningRateSchedule.MinimumNetworkRate);
            }

            if (onEpochEnd is not null && Stops(onEpochEnd(result), epoch))
            {
                callbackStopped = true;
                break;
            }

            if (patienceExhausted)
            {
                stoppedEarly = epoch < _options.Epochs;
                break;
            }
        }

        bool restored = false;
        if (best is not null && _options.RestoreBestParameters && bestEpoch != history.Count && (_options.Patience is not null || callbackStopped))
        {
            best.CopyTo(_network.Parameters);
            restored = true;
        }

        return new TrainingResult(history, bestEpoch, stoppedEarly, restored)
        {
            StoppedByCallback = callbackStopped,
        };
    }

    /// <summary>Whether the callback's answer after <paramref name="epoch"/> ends training.</summary>
    private static bool Stops(TrainingAction action, int epoch) => action switch
    {
        TrainingAction.Continue => false,
        TrainingAction.Stop => true,
        _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"OnEpochEnd returned {(int)action} after epoch {epoch}, which is not a TrainingAction; return TrainingAction.Continue or TrainingAction.Stop.")),
    };

    /// <summary>
    /// Refuses, before any training, a checkpoint path that no save could write: one whose directory
    /// does not exist, or that is a directory.
    /// </summary>
    private static void CheckCheckpointPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException(
                $"TrainerOptions.Checkpoint is '{path}', which is a directory; it must be the path of a model file, such as '{Path.Combine(path, "best.ngm")}'.");
        }

        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"TrainerOptions.Checkpoint is '{path}', but its directory '{directory}' does not exist; create it before training, or choose another path. Nothing was trained.");
        }
    }

    /// <summary>Saves the parameters to the checkpoint file, or stops training with an error that says which epoch's save failed.</summary>
    private void SaveCheckpoint(string path, int epoch)
    {
        try
        {
            ModelFile.Save(_network, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                string.Create(CultureInfo.InvariantCulture, $"Saving the checkpoint of epoch {epoch} to '{path}' failed, so training stopped (the parameters are those at the end of epoch {epoch}): ")
                + e.Message,
                e);
        }
    }

    /// <summary>
    /// One epoch's minibatches in <paramref name="order"/>: returns the loss summed over the rows and
    /// the rows seen (with <paramref name="rowWeights"/>: the weighted sum and the weight seen; a
    /// batch whose rows all weigh 0 is skipped).
    /// </summary>
    /// <remarks>
    /// Optimised from its first call, as the generated TrainBatch is: a short training (a few hundred
    /// epochs of a small data set) ends before tiered compilation would promote this loop from Tier 0,
    /// and Fit itself, which runs once, stays cheap to compile.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double LossSum, double Seen) TrainEpoch(
        float[] features, float[] targets, int count, int[] order, float[] batchInputs, float[] batchTargets, float[]? rowWeights, float[]? batchWeights,
        int batches, int epoch, Stopwatch clock, CancellationToken cancellationToken)
    {
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        int batchSize = _network.BatchSize;
        double lossSum = 0;
        double seen = 0;
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

            double weight = n;
            if (rowWeights is not null)
            {
                // The rows' weights, in the batch's (shuffled) order.
                weight = 0;
                for (int b = 0; b < n; b++)
                {
                    weight += batchWeights![b] = rowWeights[order[start + b]];
                }

                if (weight == 0)
                {
                    continue; // nothing to learn from: no step
                }
            }

            float loss;
            try
            {
                loss = rowWeights is null
                    ? _network.TrainBatch(batchInputs.AsSpan(0, n * inputSize), batchTargets.AsSpan(0, n * outputSize), n)
                    : _network.TrainBatch(batchInputs.AsSpan(0, n * inputSize), batchTargets.AsSpan(0, n * outputSize), batchWeights.AsSpan(0, n), n);
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

            lossSum += (double)loss * weight;
            seen += weight;
            if (_options.Progress is { } progress && ((batch + 1) % _options.ProgressInterval == 0) && batch + 1 < batches)
            {
                progress.Report(Progress(epoch, batch + 1, batches, (float)(lossSum / seen), clock.Elapsed, null));
            }
        }

        return (lossSum, seen);
    }

    /// <summary>
    /// The loss on the rows of <paramref name="data"/> (the batch losses weighted by batch size) and,
    /// for the classification losses (CrossEntropy, BinaryCrossEntropy), the accuracy. The parameters
    /// do not change; <see cref="ITrainableNetwork.Gradients"/> is overwritten. Dropout layers drop
    /// nothing here; weight penalties (L1, L2) are in the loss, as in the training loss.
    /// </summary>
    /// <param name="data">Rows of the network's widths (FeatureCount = InputSize, TargetCount = OutputSize).</param>
    /// <returns>The loss (NaN or infinite when a row makes it so) and the accuracy, or null for other losses.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    public (float Loss, float? Accuracy) Evaluate(DataSet data)
    {
        Shapes.CheckDataSet(_network, data, nameof(data));
        return Evaluate(data.Features, data.Targets, data.Count);
    }

    /// <summary>
    /// The loss on <paramref name="count"/> rows (the batch losses weighted by batch size) and, for the
    /// classification losses (CrossEntropy, BinaryCrossEntropy), the accuracy. The parameters do not
    /// change; <see cref="ITrainableNetwork.Gradients"/> is overwritten. Dropout layers drop nothing here;
    /// weight penalties (L1, L2) are in the loss, as in the training loss.
    /// </summary>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <returns>The loss (NaN or infinite when a row makes it so) and the accuracy, or null for other losses.</returns>
    /// <exception cref="ArgumentException">An array does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public (float Loss, float? Accuracy) Evaluate(float[] features, float[] targets, int count)
    {
        CheckData(features, targets, count, nameof(features), nameof(targets), nameof(count));
        (float loss, float? accuracy, _) = Evaluate(features, targets, count, new float[_network.BatchSize * _network.InputSize], new float[_network.BatchSize * _network.OutputSize]);
        return (loss, accuracy);
    }

    /// <summary>
    /// The weighted loss on <paramref name="count"/> rows, Σ wᵢ·Lᵢ / Σ wᵢ (Keras's and scikit-learn's
    /// <c>sample_weight</c>), and for the classification losses the (unweighted) accuracy. The
    /// parameters do not change; <see cref="ITrainableNetwork.Gradients"/> is overwritten.
    /// </summary>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <param name="sampleWeights">Exactly count weights: finite, zero or positive, with a positive sum.</param>
    /// <returns>The weighted loss and the accuracy, or null for other losses.</returns>
    /// <exception cref="ArgumentException">An array does not hold exactly <paramref name="count"/> rows, or the weights sum to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1, or a weight is negative, NaN or infinite.</exception>
    /// <exception cref="NotSupportedException">The network does not implement the weighted overloads (a network written by hand).</exception>
    public (float Loss, float? Accuracy) Evaluate(float[] features, float[] targets, int count, float[] sampleWeights)
    {
        CheckData(features, targets, count, nameof(features), nameof(targets), nameof(count));
        ArgumentNullException.ThrowIfNull(sampleWeights);
        float[] weights = RowWeights(targets, count, sampleWeights, null, nameof(sampleWeights))!;
        (float loss, float? accuracy, _) = Evaluate(features, targets, count, new float[_network.BatchSize * _network.InputSize], new float[_network.BatchSize * _network.OutputSize], weights, new float[_network.BatchSize]);
        return (loss, accuracy);
    }

    /// <summary>The loss and accuracy, and the first row of the first batch whose loss is not finite (−1 when none).</summary>
    /// <remarks>With <paramref name="rowWeights"/>, the weighted mean over every row; a batch whose rows all weigh 0 is skipped.</remarks>
    private (float Loss, float? Accuracy, int FirstNonFiniteRow) Evaluate(float[] features, float[] targets, int count, float[] batchInputs, float[] batchTargets, float[]? rowWeights = null, float[]? batchWeights = null)
    {
        if (_network is CompilerServices.IDropoutNetwork { DropoutEnabled: true } dropout)
        {
            // Evaluation drops no units (as Keras and PyTorch evaluate); weight penalties stay in the loss.
            dropout.DropoutEnabled = false;
            try
            {
                return Evaluate(features, targets, count, batchInputs, batchTargets);
            }
            finally
            {
                dropout.DropoutEnabled = true;
            }
        }

        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        int batchSize = _network.BatchSize;
        double lossSum = 0;
        double seen = 0;
        int firstNonFiniteRow = -1;
        for (int start = 0; start < count; start += batchSize)
        {
            int n = Math.Min(batchSize, count - start);
            features.AsSpan(start * inputSize, n * inputSize).CopyTo(batchInputs);
            targets.AsSpan(start * outputSize, n * outputSize).CopyTo(batchTargets);
            double weight = n;
            float loss;
            if (rowWeights is null)
            {
                loss = _network.ComputeLossAndGradients(batchInputs.AsSpan(0, n * inputSize), batchTargets.AsSpan(0, n * outputSize), n);
            }
            else
            {
                rowWeights.AsSpan(start, n).CopyTo(batchWeights);
                weight = 0;
                for (int b = 0; b < n; b++)
                {
                    weight += batchWeights![b];
                }

                if (weight == 0)
                {
                    continue;
                }

                loss = _network.ComputeLossAndGradients(batchInputs.AsSpan(0, n * inputSize), batchTargets.AsSpan(0, n * outputSize), batchWeights.AsSpan(0, n), n);
            }

            if (firstNonFiniteRow < 0 && !float.IsFinite(loss))
            {
                firstNonFiniteRow = start;
            }

            lossSum += (double)loss * weight;
            seen += weight;
        }

        float? accuracy = _network.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy
            ? Metrics.Classification.Accuracy(_network, features, targets, count)
            : null;
        return ((float)(lossSum / seen), accuracy, firstNonFiniteRow);
    }

    /// <summary>
    /// Each row's weight, <paramref name="sampleWeights"/>[i] × <paramref name="classWeights"/>[class of row i],
    /// checked (finite, zero or positive, a positive sum); null when both are null.
    /// </summary>
    private float[]? RowWeights(float[] targets, int count, float[]? sampleWeights, float[]? classWeights, string name)
    {
        if (sampleWeights is null && classWeights is null)
        {
            return null;
        }

        int outputSize = _network.OutputSize;
        if (sampleWeights is not null && sampleWeights.Length != count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Expected {name}.Length = {count}, one weight per row, but it is {sampleWeights.Length}."), name);
        }

        if (classWeights is not null && classWeights.Length != ClassWeights.Classes(outputSize))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"TrainerOptions.ClassWeights holds {classWeights.Length} weights, but {_network.GetType().Name} has {outputSize} output{(outputSize == 1 ? string.Empty : "s")}, so {ClassWeights.Classes(outputSize)} classes")
                + (outputSize == 1 ? " (targets below 0.5 are class 0, from 0.5 class 1): give two weights." : ": give one weight per output."),
                nameof(TrainerOptions.ClassWeights));
        }

        float[] weights = new float[count];
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            float weight = sampleWeights?[i] ?? 1f;
            if (!(weight >= 0f) || float.IsPositiveInfinity(weight))
            {
                throw new ArgumentOutOfRangeException(name, weight, string.Create(CultureInfo.InvariantCulture,
                    $"{name}[{i}] (the weight of row {i}) is {weight}; every weight must be a finite number, zero or positive."));
            }

            if (classWeights is not null)
            {
                int c = ClassWeights.ClassOf(targets.AsSpan(i * outputSize, outputSize));
                weight *= classWeights[c];
                if (!(weight >= 0f) || float.IsPositiveInfinity(weight))
                {
                    throw new ArgumentOutOfRangeException(nameof(TrainerOptions.ClassWeights), classWeights[c], string.Create(CultureInfo.InvariantCulture,
                        $"Row {i} weighs {weight} (its sample weight times ClassWeights[{c}] = {classWeights[c]}); every weight must be a finite number, zero or positive."));
                }
            }

            weights[i] = weight;
            sum += weight;
        }

        if (!(sum > 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Every one of the {count} rows weighs 0 ({(classWeights is null ? name : $"{name} × TrainerOptions.ClassWeights")}), so there is nothing to learn or measure: give some rows a positive weight."), name);
        }

        return weights;
    }

    private TrainingProgress Progress(int epoch, int batch, int batches, float loss, TimeSpan elapsed, EpochResult? completed)
    {
        double done = (epoch - 1) + (double)batch / batches;
        TimeSpan remaining = done > 0 ? TimeSpan.FromTicks((long)(elapsed.Ticks * (_options.Epochs - done) / done)) : TimeSpan.Zero;
        return new TrainingProgress(epoch, _options.Epochs, batch, batches, loss, elapsed, remaining, completed);
    }

    private void CheckData([NotNull] float[]? features, [NotNull] float[]? targets, int count, string featuresName, string targetsName, string countName)
    {
        ArgumentNullException.ThrowIfNull(features, featuresName);
        ArgumentNullException.ThrowIfNull(targets, targetsName);
        Shapes.CheckRows(_network, features.Length, targets.Length, count, featuresName, targetsName, countName);
    }
}
