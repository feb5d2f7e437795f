using System;
using NetGen.Data;

namespace NetGen.Training;

/// <summary>What every entry point that starts a training does first: fit a declared input scaling, adopt the class names.</summary>
internal static class Preprocessing
{
    /// <summary>Fits <paramref name="network"/>'s declared input scaling from the training rows when it is not fitted yet.</summary>
    public static void FitInputScaling(INeuralNetwork network, float[] features, int count)
    {
        if (network is IInputScaled { IsInputScalingFitted: false } scaled)
        {
            scaled.FitInputScaling(features.AsSpan(0, count * network.InputSize), count);
        }
    }

    /// <summary>Gives <paramref name="network"/> the data's class names when it has none and the data has one per output.</summary>
    public static void AdoptClassNames(INeuralNetwork network, DataSet data)
    {
        if (data.ClassNames is { } names && names.Length == network.OutputSize && network.ClassNames is null)
        {
            try
            {
                network.ClassNames = Array.AsReadOnly((string[])names.Clone());
            }
            catch (NotSupportedException)
            {
                // A hand-written network without ClassNames.
            }
        }
    }
}
