using System;

namespace NetGen.Training;

/// <summary>
/// A progress reporter that calls its callback at once, on the thread that reports: with
/// <see cref="TrainerOptions.Progress"/>, on the training thread, in order, each report before
/// training goes on, and every report before <see cref="Trainer.Fit(float[], float[], int, System.Threading.CancellationToken)"/> returns.
/// </summary>
/// <remarks>
/// <para>
/// This is the reporter for console programs, logging and tests. <see cref="Progress{T}"/> is not:
/// it posts each report to the <see cref="System.Threading.SynchronizationContext"/> captured when it
/// was created, or, where there is none (a console program), to the thread pool, so reports can
/// arrive out of order, late, or after <c>Fit</c> has returned. In a UI application,
/// <see cref="Progress{T}"/> created on the UI thread is right when <c>Fit</c> runs on another thread
/// (the reports are then marshalled to the UI thread).
/// </para>
/// <para>
/// The callback runs inside the training loop: it should be quick, and an exception it throws
/// stops training and propagates out of <c>Fit</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = new TrainerOptions
/// {
///     Epochs = 100,
///     Progress = new SynchronousProgress(p => Console.Write($"\r{p.Epoch}/{p.Epochs} {p.Loss:F4}")),
/// };
/// </code>
/// </example>
public sealed class SynchronousProgress : IProgress<TrainingProgress>
{
    private readonly Action<TrainingProgress> _report;

    /// <summary>Creates a reporter that calls <paramref name="report"/> for every report.</summary>
    /// <param name="report">Called with each report, on the reporting thread, before <see cref="Report"/> returns.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public SynchronousProgress(Action<TrainingProgress> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _report = report;
    }

    /// <summary>Calls the callback with <paramref name="value"/>, on this thread, and returns when it has.</summary>
    /// <param name="value">The report.</param>
    public void Report(TrainingProgress value) => _report(value);
}
