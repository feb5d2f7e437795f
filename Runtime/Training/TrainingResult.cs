using System.Collections.Generic;

namespace NetGen.Training;

/// <summary>The outcome of <see cref="Trainer.Fit(float[], float[], int, float[], float[], int, System.Threading.CancellationToken)"/>.</summary>
/// <param name="History">One entry per epoch trained.</param>
/// <param name="BestEpoch">The epoch with the lowest monitored loss (validation loss when given, else training loss).</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the last planned epoch.</param>
/// <param name="RestoredBestParameters">Whether the parameters were reset to those of <paramref name="BestEpoch"/>.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochResult> History,
    int BestEpoch,
    bool StoppedEarly,
    bool RestoredBestParameters)
{
    /// <summary>
    /// Whether <see cref="TrainerOptions.OnEpochEnd"/> returned <see cref="TrainingAction.Stop"/>, so
    /// that training ended after the last epoch in <see cref="History"/> (early stopping is reported by
    /// <see cref="StoppedEarly"/>).
    /// </summary>
    public bool StoppedByCallback { get; init; }
}
