using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>How <see cref="Trainer"/> trains: epochs, shuffling, schedule, early stopping, progress.</summary>
/// <remarks>
/// Every setter checks its value and throws <see cref="ArgumentOutOfRangeException"/> for one that
/// would train wrongly (NaN, infinite, negative or zero where a count is needed), so an options
/// object is always valid.
/// </remarks>
public sealed class TrainerOptions
{
    private int _epochs = 10;
    private int? _patience;
    private float _minImprovement;
    private int _progressInterval = 1;
    private LearningRateSchedule? _schedule;
    private ReduceOnPlateau? _reduceOnPlateau;
    private string? _checkpoint;
    private float[]? _classWeights;

    /// <summary>The number of passes over the training data (at most, with early stopping). Default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Epochs
    {
        get => _epochs;
        set => _epochs = AtLeastOne(value, nameof(Epochs), string.Empty);
    }

    /// <summary>The seed of the per-epoch shuffle: the same seed visits the rows in the same order on every machine.</summary>
    public long Seed { get; set; }

    /// <summary>Whether each epoch visits the rows in a new random order (default true).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Whether to skip the last batch of an epoch when it is smaller than the network's BatchSize.
    /// Default false: every row is used every epoch, the last batch may be smaller.
    /// </summary>
    public bool DropLastPartialBatch { get; set; }

    /// <summary>
    /// A learning-rate schedule applied at the start of every epoch with t = the epoch index from 0; null keeps the network's rate.
    /// A rate that is NaN, infinite or negative (possible only from a schedule written outside this
    /// library) stops training with an <see cref="InvalidOperationException"/> before it is used.
    /// </summary>
    /// <exception cref="InvalidOperationException">A schedule is set while <see cref="ReduceOnPlateau"/> is set.</exception>
    public LearningRateSchedule? Schedule
    {
        get => _schedule;
        set => _schedule = value is null || _reduceOnPlateau is null ? value : throw ScheduleAndPlateau();
    }

    /// <summary>
    /// Early stopping: stop after this many epochs without an improvement of the monitored loss (the
    /// validation loss when validation data is given, else the training loss) by more than
    /// <see cref="MinImprovement"/>. Null (default) trains every epoch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 (use null to switch early stopping off).</exception>
    public int? Patience
    {
        get => _patience;
        set => _patience = value is { } patience ? AtLeastOne(patience, nameof(Patience), " (or null to switch early stopping off)") : null;
    }

    /// <summary>The smallest decrease of the monitored loss that counts as an improvement (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public float MinImprovement
    {
        get => _minImprovement;
        set
        {
            if (!(value >= 0f && float.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(MinImprovement), value, string.Create(CultureInfo.InvariantCulture,
                    $"MinImprovement must be zero or positive and finite, but it is {value}."));
            }

            _minImprovement = value;
        }
    }

    /// <summary>
    /// With early stopping (<see cref="Patience"/> set), or when <see cref="OnEpochEnd"/> stops
    /// training, put back the parameters of the best epoch when training ends (default true).
    /// </summary>
    public bool RestoreBestParameters { get; set; } = true;

    /// <summary>
    /// Receives a report after every <see cref="ProgressInterval"/> batches and after every epoch. The
    /// trainer calls <see cref="IProgress{T}.Report"/> synchronously, on the training thread: use
    /// <see cref="SynchronousProgress"/> to see every report in order before <c>Fit</c> returns
    /// (<see cref="Progress{T}"/> posts its reports to a synchronization context or the thread pool,
    /// where they may arrive late and out of order).
    /// </summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>How many batches between progress reports within an epoch (default 1: every batch).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int ProgressInterval
    {
        get => _progressInterval;
        set => _progressInterval = AtLeastOne(value, nameof(ProgressInterval), string.Empty);
    }

    /// <summary>
    /// Reduce-on-plateau: lower the learning rate when the monitored loss (the validation loss when
    /// validation rows are given, else the training loss) stops improving, as Keras'
    /// <c>ReduceLROnPlateau</c> does; see <see cref="Training.ReduceOnPlateau"/> for the rule. Null
    /// (default) leaves the rate alone. The rule starts from the network's learning rate when
    /// <c>Fit</c> starts, and the network keeps the reduced rate afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// It is set while <see cref="Schedule"/> is set: a schedule sets the rate every epoch and would
    /// undo every reduction, so the two cannot be combined (set the starting rate on the network).
    /// </exception>
    public ReduceOnPlateau? ReduceOnPlateau
    {
        get => _reduceOnPlateau;
        set => _reduceOnPlateau = value is null || _schedule is null ? value : throw ScheduleAndPlateau();
    }

    /// <summary>
    /// Called synchronously on the training thread at the end of every epoch trained, with that
    /// epoch's results (after its progress report, the early-stopping bookkeeping, the checkpoint and
    /// the <see cref="ReduceOnPlateau"/> rule), before the next epoch starts. Return <see cref="TrainingAction.Stop"/> to end training there:
    /// <c>Fit</c> then returns normally (unlike cancellation, which throws), with
    /// <see cref="TrainingResult.StoppedByCallback"/> set and, when <see cref="RestoreBestParameters"/>
    /// is true, the parameters of the best epoch put back. An exception the callback throws stops
    /// training and propagates out of <c>Fit</c> unchanged (the parameters are then those at the end
    /// of that epoch). Null (default): no callback.
    /// </summary>
    /// <example>
    /// <code>
    /// OnEpochEnd = e => e.ValidationAccuracy >= 0.98f ? TrainingAction.Stop : TrainingAction.Continue,
    /// </code>
    /// </example>
    public Func<EpochResult, TrainingAction>? OnEpochEnd { get; set; }

    /// <summary>
    /// A model file path at which to keep the best model so far: whenever an epoch is the best yet
    /// (the epoch <see cref="TrainingResult.BestEpoch"/> names: the monitored loss fell by more than
    /// <see cref="MinImprovement"/>, or it is the first epoch), the network's parameters are saved
    /// there with <see cref="Models.ModelFile.Save(INeuralNetwork, string, bool)"/>, atomically (a crash
    /// mid-save leaves the previous file whole). When <c>Fit</c> returns, the file holds the parameters
    /// of the best epoch. The optimizer state is not saved. Null (default): no checkpoint.
    /// </summary>
    /// <remarks>
    /// <c>Fit</c> checks before the first epoch that the directory exists and that the path is not a
    /// directory (<see cref="System.IO.IOException"/>); a save that fails during training stops it with
    /// an <see cref="System.IO.IOException"/> naming the epoch and the path, with the cause as its
    /// inner exception.
    /// </remarks>
    /// <exception cref="ArgumentException">The value is empty or only white space.</exception>
    public string? Checkpoint
    {
        get => _checkpoint;
        set => _checkpoint = value is null || !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException("Checkpoint must be a file path (or null for no checkpoint), but it is empty or white space.", nameof(Checkpoint));
    }

    private static InvalidOperationException ScheduleAndPlateau() =>
        new("Set either Schedule or ReduceOnPlateau, not both: a schedule sets the learning rate at the start of every epoch and would undo every reduction. "
            + "For reduce-on-plateau, set the starting rate on the network (its LearningRate) and leave Schedule null.");

    /// <summary>
    /// One weight per class, which multiplies the loss of every training row of that class, as
    /// Keras's <c>class_weight</c> and scikit-learn's <c>class_weight</c> do: raise a rare class's
    /// weight to make its errors cost more (<see cref="Training.ClassWeights.Balanced(Data.DataSet)"/>
    /// computes scikit-learn's "balanced" weights). Null (default): every class weighs 1.
    /// </summary>
    /// <remarks>
    /// <para>A network with K ≥ 2 outputs takes K weights, the class of a row being the index of its
    /// largest target; a network with one (sigmoid) output takes 2, for targets below 0.5 (class 0)
    /// and from 0.5 (class 1). <c>Fit</c> checks the length against the network.</para>
    /// <para>Each batch's loss is the weighted mean Σ wᵢ·Lᵢ / Σ wᵢ, so only the ratios of the weights
    /// matter. With per-row sample weights as well, a row weighs its sample weight times its class's
    /// weight. Class weights apply to the training rows only: the validation loss is unweighted unless
    /// validation sample weights are given (as in Keras). A batch whose rows all weigh 0 is skipped.
    /// The array is copied when set.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The array is empty, or a weight is negative, NaN or infinite.</exception>
    public float[]? ClassWeights
    {
        get => _classWeights;
        set
        {
            if (value is not null)
            {
                if (value.Length == 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(ClassWeights), "ClassWeights is empty: give one weight per class, or null for none.");
                }

                for (int c = 0; c < value.Length; c++)
                {
                    if (!(value[c] >= 0f) || float.IsPositiveInfinity(value[c]))
                    {
                        throw new ArgumentOutOfRangeException(nameof(ClassWeights), value[c], string.Create(CultureInfo.InvariantCulture,
                            $"ClassWeights[{c}] is {value[c]}; every class weight must be a finite number, zero or positive."));
                    }
                }
            }

            _classWeights = (float[]?)value?.Clone();
        }
    }

    private static int AtLeastOne(int value, string name, string note) =>
        value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least 1{note}, but it is {value}."));
}

/// <summary>What <see cref="TrainerOptions.OnEpochEnd"/> asks the trainer to do after an epoch.</summary>
public enum TrainingAction
{
    /// <summary>Go on to the next epoch (if any are left).</summary>
    Continue,

    /// <summary>End training after this epoch; <c>Fit</c> returns its result normally.</summary>
    Stop,
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
