using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Models;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>What every sample does after training: the SVG curve, the model file.</summary>
internal static class SampleRunner
{
    /// <summary>Opens a file embedded in this assembly (the samples' data travel inside it).</summary>
    public static Stream Resource(string name) =>
        typeof(SampleRunner).Assembly.GetManifestResourceStream("NetGen.Samples." + name)
        ?? throw new InvalidOperationException($"The embedded resource NetGen.Samples.{name} is missing.");

    /// <summary>Trains with the runtime's trainer, the sample's options and a console progress line.</summary>
    public static TrainingResult Train(ITrainableNetwork network, Data.DataSet train, Data.DataSet? validation, TrainerOptions options, TextWriter log)
    {
        options.Progress = new ConsoleProgress(log);
        var trainer = new Trainer(network, options);
        return trainer.Fit(train, validation); // a DataSet: the network also takes its class names
    }

    /// <summary>Writes the SVG training curve and saves the model, when the options ask for them.</summary>
    public static void Finish(SampleOptions options, string title, INeuralNetwork network, IReadOnlyList<EpochResult> history, TextWriter log)
    {
        if (options.Svg is { } svg)
        {
            var series = new List<SvgChart.Series>
            {
                new("training loss", history.Select(e => (double)e.TrainingLoss).ToList(), "#1f77b4"),
            };
            if (history.Any(e => e.ValidationLoss is not null))
            {
                series.Add(new("test loss", history.Select(e => (double)(e.ValidationLoss ?? float.NaN)).ToList(), "#ff7f0e"));
            }

            if (history.Any(e => e.ValidationAccuracy is not null))
            {
                series.Add(new("test accuracy", history.Select(e => (double)(e.ValidationAccuracy ?? float.NaN)).ToList(), "#2ca02c", OnRightAxis: true));
            }

            SvgChart.Write(svg, title, series);
            log.WriteLine($"training curve written to {svg}");
        }

        if (options.Onnx is { } onnx)
        {
            NetGen.Onnx.OnnxExporter.Save(network, onnx);
            log.WriteLine($"ONNX model written to {onnx} (IR {NetGen.Onnx.OnnxExporter.IrVersion}, opset {NetGen.Onnx.OnnxExporter.Opset}, architecture {network.Architecture})");
        }

        if (options.Save is { } save)
        {
            ModelFile.Save(network, save);
            log.WriteLine($"model saved to {save} ({network.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters, architecture {network.Architecture})");
        }
    }
}
