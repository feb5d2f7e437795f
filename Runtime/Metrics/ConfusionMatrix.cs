using System;
using System.Globalization;
using System.Text;

namespace NetGen.Metrics;

/// <summary>Counts of (actual class, predicted class) pairs, with accuracy, precision and recall.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    /// <param name="classes">The number of classes, at least 2.</param>
    /// <param name="classNames">Names for display, one per class; null numbers them.</param>
    public ConfusionMatrix(int classes, string[]? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (classNames is not null && classNames.Length != classes)
        {
            throw new ArgumentException($"Expected {classes} class names, got {classNames.Length}.", nameof(classNames));
        }

        Classes = classes;
        ClassNames = classNames ?? CreateNumbers(classes);
        _counts = new int[classes * classes];
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The names used in <see cref="ToString"/>.</summary>
    public string[] ClassNames { get; }

    /// <summary>The number of samples counted.</summary>
    public int Total { get; private set; }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[Index(actual, predicted)];

    /// <summary>The fraction on the diagonal.</summary>
    public float Accuracy
    {
        get
        {
            int correct = 0;
            for (int k = 0; k < Classes; k++)
            {
                correct += this[k, k];
            }

            return Total == 0 ? 0 : (float)correct / Total;
        }
    }

    /// <summary>Counts one sample.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[Index(actual, predicted)]++;
        Total++;
    }

    /// <summary>Of the samples predicted as <paramref name="k"/>, the fraction that are (NaN when none were).</summary>
    public float Precision(int k)
    {
        int predicted = 0;
        for (int a = 0; a < Classes; a++)
        {
            predicted += this[a, k];
        }

        return predicted == 0 ? float.NaN : (float)this[k, k] / predicted;
    }

    /// <summary>Of the samples of class <paramref name="k"/>, the fraction predicted as it (NaN when there are none).</summary>
    public float Recall(int k)
    {
        int actual = 0;
        for (int p = 0; p < Classes; p++)
        {
            actual += this[k, p];
        }

        return actual == 0 ? float.NaN : (float)this[k, k] / actual;
    }

    /// <summary>A text table: one row per actual class, one column per predicted class, then recall.</summary>
    public override string ToString()
    {
        int width = 5;
        foreach (string name in ClassNames)
        {
            width = Math.Max(width, name.Length);
        }

        var text = new StringBuilder();
        text.Append("actual \\ predicted".PadRight(width + 2));
        foreach (string name in ClassNames)
        {
            text.Append(' ').Append(name.PadLeft(width));
        }

        text.Append("  recall\n");
        for (int a = 0; a < Classes; a++)
        {
            text.Append(ClassNames[a].PadRight(Math.Max(width + 2, 18)));
            for (int p = 0; p < Classes; p++)
            {
                text.Append(' ').Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.Append("  ").Append(Recall(a).ToString("P1", CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"accuracy {Accuracy:P2} of {Total}"));
        return text.ToString();
    }

    private int Index(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes || (uint)predicted >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), $"Classes must be in 0..{Classes - 1}, but got actual {actual}, predicted {predicted}.");
        }

        return actual * Classes + predicted;
    }

    private static string[] CreateNumbers(int classes)
    {
        var names = new string[classes];
        for (int k = 0; k < classes; k++)
        {
            names[k] = k.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }
}
