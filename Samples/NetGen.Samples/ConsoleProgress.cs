using System;
using System.Globalization;
using System.IO;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// Shows training progress: on a terminal, one live line (epoch, batch, loss, time left) rewritten
/// in place, then a line per epoch; when the output is redirected, only the lines per epoch.
/// </summary>
public sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    private readonly TextWriter _output;
    private readonly bool _live;
    private int _lastLength;

    /// <summary>Reports to <paramref name="output"/>; live updates only when it is the console and not redirected.</summary>
    public ConsoleProgress(TextWriter output)
    {
        _output = output;
        _live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    }

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        if (value.CompletedEpoch is { } epoch)
        {
            Clear();
            string validation = epoch.ValidationLoss is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"  validation loss {v:F4}") + (epoch.ValidationAccuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $" accuracy {a:P1}") : string.Empty)
                : string.Empty;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch,3}/{value.Epochs}  loss {epoch.TrainingLoss:F4}{validation}  ({epoch.Elapsed.TotalSeconds:F1} s)"));
            return;
        }

        if (!_live)
        {
            return;
        }

        string line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {value.Epoch}/{value.Epochs}  batch {value.Batch}/{value.Batches}  loss {value.Loss:F4}  ETA {value.Remaining:mm\\:ss}");
        _output.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
    }

    private void Clear()
    {
        if (_live && _lastLength > 0)
        {
            _output.Write("\r" + new string(' ', _lastLength) + "\r");
            _lastLength = 0;
        }
    }
}
