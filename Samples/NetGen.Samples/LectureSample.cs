using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>
/// The computational graph that opens the main lecture note (seed 000): y = sin(ln((3x + 7)³)), split
/// into y₁ = 3x, y₂ = y₁ + 7, y₃ = y₂³, y₄ = ln y₃, y = sin y₄. NetGen differentiates it at compile time
/// ([Differentiate]): <see cref="LectureGraph.YGradient(double)"/> returns y and dy/dx, and fills the
/// value and the adjoint dy/dyᵢ of every local, as the lecture's table does at x = 3.
/// </summary>
public static partial class LectureGraph
{
    /// <summary>y = sin(ln((3x + 7)³)), one local per node of the lecture's graph.</summary>
    [Differentiate]
    public static double Y(double x)
    {
        double y1 = 3 * x;
        double y2 = y1 + 7;
        double y3 = Math.Pow(y2, 3);
        double y4 = Math.Log(y3);
        return Math.Sin(y4);
    }
}

/// <summary>Prints the lecture's table for x = 3.</summary>
public static class LectureSample
{
    /// <summary>The x of the lecture's table.</summary>
    public const double X = 3;

    /// <summary>Prints every node's value and adjoint; returns (y, dy/dx).</summary>
    public static (double Y, double DyDx) Run(TextWriter log)
    {
        Span<double> values = stackalloc double[4];
        Span<double> adjoints = stackalloc double[4];
        (double y, double dydx) = LectureGraph.YGradient(X, values, adjoints);
        string F(double v) => v.ToString("0.00000000000", CultureInfo.InvariantCulture).PadLeft(18);
        log.WriteLine("y = sin(ln((3x + 7)^3)), differentiated at compile time by reverse mode ([Differentiate]), at x = 3:");
        log.WriteLine();
        log.WriteLine("node  definition        value               adjoint dy/dnode");
        log.WriteLine($"x     input         {F(X)}   {F(dydx)}");
        string[] definitions = { "3x", "y1 + 7", "y2^3", "ln y3" };
        for (int i = 0; i < 4; i++)
        {
            log.WriteLine($"{LectureGraph.YLocalNames[i],-5} {definitions[i],-10}    {F(values[i])}   {F(adjoints[i])}");
        }

        log.WriteLine($"y     sin y4        {F(y)}   {F(1)}");
        log.WriteLine();
        log.WriteLine("The lecture's table: y = 0.89436594845, dy/dy4 = -0.44733605962, dy/dy3 = -0.00010921290,");
        log.WriteLine("dy/dy2 = dy/dy1 = -0.08387551118, dy/dx = -0.25162653354 (truncated to 11 decimals; the values above are rounded).");
        log.WriteLine("The generated code (one line per node, forward then reverse) is in");
        log.WriteLine("Samples/NetGen.Samples/obj/Release/net10.0/generated/NetGen.Generator/NetGen.Generator.DifferentiateGenerator/.");
        return (y, dydx);
    }
}
