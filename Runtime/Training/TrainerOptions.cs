using System;

namespace NetGen.Training;

/// <summary>How <see cref="Trainer"/> trains: epochs, shuffling, schedule, early stopping, progress.</summary>
public sealed class TrainerOptions
{
    /// <summary>The number of passes over the training data (at most, with early stopping). Default 10.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>The seed of the per-epoch shuffle: the same seed visits the rows in the same order on every machine.</summary>
    public long Seed { get; set; }

    /// <summary>Whether each epoch visits the rows in a new random order (default true).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Whether to skip the last batch of an epoch when it is smaller than the network's BatchSize.
    /// Default false: every row is used every epoch, the last batch may be smaller.
    /// </summary>
    public bool DropLastPartialBatch { get; set; }

    /// <summary>A learning-rate schedule applied at the start of every epoch with t = the epoch index from 0; null keeps the network's rate.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>
    /// Early stopping: stop after this many epochs without an improvement of the monitored loss (the
    /// validation loss when validation data is given, else the training loss) by more than
    /// <see cref="MinImprovement"/>. Null (default) trains every epoch.
    /// </summary>
    public int? Patience { get; set; }

    /// <summary>The smallest decrease of the monitored loss that counts as an improvement (default 0).</summary>
    public float MinImprovement { get; set; }

    /// <summary>With early stopping, put back the parameters of the best epoch when training ends (default true).</summary>
    public bool RestoreBestParameters { get; set; } = true;

    /// <summary>Receives a report after every <see cref="ProgressInterval"/> batches and after every epoch.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>How many batches between progress reports within an epoch (default 1: every batch).</summary>
    public int ProgressInterval { get; set; } = 1;

    internal void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        }

        if (Patience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience must be at least 1 (or null to switch early stopping off).");
        }

        if (ProgressInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "ProgressInterval must be at least 1.");
        }

        if (!float.IsFinite(MinImprovement) || MinImprovement < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinImprovement), MinImprovement, "MinImprovement must be zero or positive.");
        }
    }
}

/// <summary>One progress report: where training is, the running loss, and the time left.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The number of epochs planned.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches in an epoch.</param>
/// <param name="Loss">The mean training loss of this epoch so far.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="Remaining">The estimated time to the last epoch, from the pace so far.</param>
/// <param name="CompletedEpoch">Set on the report that ends an epoch: its results.</param>
public readonly record struct TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    float Loss,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    EpochResult? CompletedEpoch);

/// <summary>What one epoch achieved.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingLoss">The mean batch loss over the epoch, weighted by batch size.</param>
/// <param name="ValidationLoss">The loss on the validation data after the epoch, when given.</param>
/// <param name="ValidationAccuracy">The accuracy on the validation data, for classification losses.</param>
/// <param name="LearningRate">The learning rate used in the epoch.</param>
/// <param name="Elapsed">Time since training started, at the end of the epoch.</param>
public sealed record EpochResult(
    int Epoch,
    float TrainingLoss,
    float? ValidationLoss,
    float? ValidationAccuracy,
    float LearningRate,
    TimeSpan Elapsed);
