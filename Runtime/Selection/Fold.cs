using System;

namespace NetGen.Selection;

/// <summary>One fold of a cross-validation: the rows to train on and the rows to test on.</summary>
/// <remarks>Both lists hold row indices in ascending order, and never the same row.</remarks>
public sealed class Fold
{
    /// <summary>A fold with the given rows (the arrays are used, not copied).</summary>
    /// <param name="index">The fold's number, from 0.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="test">The test rows.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    public Fold(int index, int[] train, int[] test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        Index = index;
        Train = train;
        Test = test;
    }

    /// <summary>The fold's number, from 0.</summary>
    public int Index { get; }

    /// <summary>The rows to train on, ascending.</summary>
    public int[] Train { get; }

    /// <summary>The rows to test on (the fold's held-out rows), ascending.</summary>
    public int[] Test { get; }
}
