using System;
using System.Runtime.Intrinsics;
using NetGen.CompilerServices;
using Xunit;

namespace NetGen.Tests;

/// <summary>The runtime's erf (GELU's Φ) against an independent double erf, on a dense grid.</summary>
public class ErfTests
{
    /// <summary>Every 1e-4 of [−6, 6] (120,001 points), and the tails.</summary>
    private static float[] Grid()
    {
        var grid = new System.Collections.Generic.List<float>();
        for (int i = -60000; i <= 60000; i++)
        {
            grid.Add(i * 1e-4f);
        }

        grid.AddRange(new[] { -1e30f, -50f, -9f, 9f, 50f, 1e30f, float.Epsilon, -float.Epsilon });
        return grid.ToArray();
    }

    [Fact]
    public void ScalarErfIsWithin1e6OfTheDoubleReference()
    {
        double worst = 0;
        foreach (float x in Grid())
        {
            worst = Math.Max(worst, Math.Abs(VectorMath.Erf(x) - Reference.ReferenceMath.Erf(x)));
        }

        Assert.True(worst <= 1e-6, $"worst absolute error {worst}");
        Assert.True(float.IsNaN(VectorMath.Erf(float.NaN)));
        Assert.Equal(1f, VectorMath.Erf(float.PositiveInfinity));
        Assert.Equal(-1f, VectorMath.Erf(float.NegativeInfinity));
    }

    [Fact]
    public void VectorErfIsWithin1e6OfTheDoubleReferenceAtEveryWidth()
    {
        float[] grid = Grid();
        double worst = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            worst = Math.Max(worst, Worst<Simd128, Vector128<float>>(grid));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            worst = Math.Max(worst, Worst<Simd256, Vector256<float>>(grid));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            worst = Math.Max(worst, Worst<Simd512, Vector512<float>>(grid));
        }

        Assert.True(worst <= 1e-6, $"worst absolute error {worst}");
    }

    private static double Worst<TSimd, TVector>(float[] grid)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        double worst = 0;
        float[] output = new float[grid.Length];
        int i = 0;
        for (; i + TSimd.Width <= grid.Length; i += TSimd.Width)
        {
            TSimd.Store(VectorMath.Erf<TSimd, TVector>(TSimd.Load(ref grid[0], i)), ref output[0], i);
        }

        for (int k = 0; k < i; k++)
        {
            worst = Math.Max(worst, Math.Abs(output[k] - Reference.ReferenceMath.Erf(grid[k])));
        }

        return worst;
    }

    [Fact]
    public void TheReferenceErfIsRight()
    {
        // Known values (Abramowitz and Stegun, table 7.1), to 1e-12.
        Assert.Equal(0.0, Reference.ReferenceMath.Erf(0), 12);
        Assert.Equal(0.520499877813047, Reference.ReferenceMath.Erf(0.5), 12);
        Assert.Equal(0.842700792949715, Reference.ReferenceMath.Erf(1), 12);
        Assert.Equal(0.995322265018953, Reference.ReferenceMath.Erf(2), 12);
        Assert.Equal(0.999977909503001, Reference.ReferenceMath.Erf(3), 12);
        Assert.Equal(-0.999999984582742, Reference.ReferenceMath.Erf(-4), 12);
    }
}
