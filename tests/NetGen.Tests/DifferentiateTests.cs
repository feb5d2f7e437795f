using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>Functions differentiated at compile time by [Differentiate] (see DifferentiateTests).</summary>
public static partial class Calculus
{
    /// <summary>The lecture's computational graph: y = sin(ln((3x + 7)³)).</summary>
    [Differentiate]
    public static double Lecture(double x)
    {
        double y1 = 3 * x;
        double y2 = y1 + 7;
        double y3 = Math.Pow(y2, 3);
        double y4 = Math.Log(y3);
        return Math.Sin(y4);
    }

    /// <summary>Rosenbrock's banana, an expression body.</summary>
    [Differentiate]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    /// <summary>Logistic regression's loss for one sample (features 1.5, −0.5, label 1) in three variables.</summary>
    [Differentiate]
    public static double LogisticLoss(double w1, double w2, double b)
    {
        double z = 1.5 * w1 - 0.5 * w2 + b;
        double p = 1 / (1 + Math.Exp(-z));
        return -Math.Log(p);
    }

    /// <summary>Every supported call, operator and a conditional, in one function.</summary>
    [Differentiate]
    public static double Everything(double a, double b)
    {
        double s = Math.Sin(a) + Math.Cos(b) + Math.Tan(a / 4);
        double inverse = Math.Asin(a / 3) + Math.Acos(b / 5) + Math.Atan(a * b);
        double hyperbolic = Math.Sinh(a / 2) + Math.Cosh(b / 3) + Math.Tanh(a - b);
        double logs = Math.Exp(a / 2) + Math.Log(b) + Math.Log10(a + b) + Math.Sqrt(a * b);
        double powers = Math.Pow(a, 3) + Math.Pow(b, a) + Math.Pow(2, b);
        double pieces = Math.Abs(a - b) + Math.Min(a, b * b) + Math.Max(a * 2, b);
        double branch = a > b ? a * a : -b;
        double constants = Math.PI * a - Math.E / b + Scale * b;
        return s * inverse - hyperbolic / logs + powers + pieces + branch + constants + -a;
    }

    private const double Scale = 0.25;

    /// <summary>A composition: calls two other [Differentiate] methods.</summary>
    [Differentiate]
    public static double Composed(double x, double y) => Rosenbrock(Lecture(x), y) * LogisticLoss(x, y, 0.5);

    /// <summary>Only the branch taken is evaluated, and differentiated: no NaN from the other one.</summary>
    [Differentiate]
    public static double SafeSqrt(double x) => x > 0 ? Math.Sqrt(x) : x / 2;

    /// <summary>The same graph in single precision, with MathF.</summary>
    [Differentiate]
    public static float LectureF(float x) => MathF.Sin(MathF.Log(MathF.Pow(3 * x + 7, 3)));
}

public class DifferentiateTests
{
    [Fact]
    public void TheLecturesTableIsReproducedToTenSignificantDigits()
    {
        // ../shared/seeds/000: at x = 3, y = 0.89436594845, dy/dy4 = −0.44733605962,
        // dy/dy3 = −0.00010921290, dy/dy2 = dy/dy1 = −0.08387551118, dy/dx = −0.25162653354.
        Span<double> values = stackalloc double[4], adjoints = stackalloc double[4];
        (double y, double dx) = Calculus.LectureGradient(3, values, adjoints);
        Assert.Equal(new[] { "y1", "y2", "y3", "y4" }, Calculus.LectureLocalNames);
        AssertDigits(0.89436594845, y);
        AssertDigits(-0.25162653354, dx);
        AssertDigits(-0.08387551118, adjoints[0]); // dy/dy1
        AssertDigits(-0.08387551118, adjoints[1]); // dy/dy2
        AssertDigits(-0.00010921290, adjoints[2]); // dy/dy3
        AssertDigits(-0.44733605962, adjoints[3]); // dy/dy4
        Assert.Equal(new[] { 9.0, 16.0, 4096.0, Math.Log(4096) }, values.ToArray());
        Assert.Equal(Calculus.Lecture(3), y); // the same operations: bit-identical value
    }

    [Theory]
    [InlineData(-1.2, 1.0)]
    [InlineData(0.5, 0.25)]
    [InlineData(2.0, 3.5)]
    public void RosenbrockAgreesWithFiniteDifferencesAndTheFormula(double x, double y)
    {
        (double value, double dx, double dy) = Calculus.RosenbrockGradient(x, y);
        Assert.Equal(Calculus.Rosenbrock(x, y), value);
        // The formula: ∂/∂x = −2(1 − x) − 400x(y − x²), ∂/∂y = 200(y − x²).
        Assert.Equal(-2 * (1 - x) - 400 * x * (y - x * x), dx, 1e-9);
        Assert.Equal(200 * (y - x * x), dy, 1e-9);
        AssertFiniteDifferences(v => Calculus.Rosenbrock(v[0], v[1]), new[] { x, y }, new[] { dx, dy });
    }

    [Fact]
    public void LogisticLossInThreeVariablesAgreesWithFiniteDifferencesAndTheFormula()
    {
        double[] at = { 0.3, -0.8, 0.1 };
        (double value, double dw1, double dw2, double db) = Calculus.LogisticLossGradient(at[0], at[1], at[2]);
        double p = 1 / (1 + Math.Exp(-(1.5 * at[0] - 0.5 * at[1] + at[2])));
        Assert.Equal(-Math.Log(p), value, 1e-15);
        // ∂(−ln p)/∂z = p − 1, times ∂z/∂(w1, w2, b) = (1.5, −0.5, 1).
        Assert.Equal((p - 1) * 1.5, dw1, 1e-12);
        Assert.Equal((p - 1) * -0.5, dw2, 1e-12);
        Assert.Equal(p - 1, db, 1e-12);
        AssertFiniteDifferences(v => Calculus.LogisticLoss(v[0], v[1], v[2]), at, new[] { dw1, dw2, db });
    }

    [Theory]
    [InlineData(1.3, 0.7)] // a > b: the first branch; Min picks a, Max picks 2a
    [InlineData(0.6, 1.9)] // a < b: the other branch; Min picks b², Max picks b
    [InlineData(2.2, 1.4)]
    public void EverySupportedCallAgreesWithFiniteDifferences(double a, double b)
    {
        (double value, double da, double db) = Calculus.EverythingGradient(a, b);
        Assert.Equal(Calculus.Everything(a, b), value);
        AssertFiniteDifferences(v => Calculus.Everything(v[0], v[1]), new[] { a, b }, new[] { da, db });
    }

    [Theory]
    [InlineData(0.4, -0.3)]
    [InlineData(-0.9, 1.2)]
    public void CompositionOfDifferentiatedMethodsAgreesWithFiniteDifferencesAndTheChainRule(double x, double y)
    {
        (double value, double dx, double dy) = Calculus.ComposedGradient(x, y);
        Assert.Equal(Calculus.Composed(x, y), value);
        AssertFiniteDifferences(v => Calculus.Composed(v[0], v[1]), new[] { x, y }, new[] { dx, dy });

        // The chain rule by hand from the parts' gradients.
        (double l, double dl) = Calculus.LectureGradient(x);
        (double r, double drdu, double drdy) = Calculus.RosenbrockGradient(l, y);
        (double s, double dsdx, double dsdy, _) = Calculus.LogisticLossGradient(x, y, 0.5);
        Assert.Equal((drdu * dl * s) + (r * dsdx), dx, 1e-9);
        Assert.Equal((drdy * s) + (r * dsdy), dy, 1e-9);
    }

    [Fact]
    public void OnlyTheBranchTakenIsEvaluatedAndDifferentiated()
    {
        (double value, double dx) = Calculus.SafeSqrtGradient(-4);
        Assert.Equal(-2, value);
        Assert.Equal(0.5, dx); // not NaN from sqrt's derivative at −4
        (value, dx) = Calculus.SafeSqrtGradient(4);
        Assert.Equal(2, value);
        Assert.Equal(0.25, dx);
    }

    [Fact]
    public void SinglePrecisionAgreesWithDoublePrecision()
    {
        (float y, float dx) = Calculus.LectureFGradient(3f);
        Assert.Equal(0.89436594845, y, 1e-6);
        Assert.Equal(-0.25162653354, dx, 1e-5);
    }

    [Fact]
    public void SpansOfTheWrongLengthAreRejected()
    {
        var values = new double[3];
        Assert.Throws<ArgumentException>(() => Calculus.LectureGradient(3, values, default));
    }

    /// <summary>
    /// Ten significant digits (5e-10 relative), or, for a tabulated value with fewer (the table gives
    /// 11 decimals, so −0.00010921290 has 8 significant digits, truncated), one unit of its last decimal.
    /// </summary>
    private static void AssertDigits(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(5e-10 * Math.Abs(expected), 1e-11),
            $"expected {expected:R}, got {actual:R}");

    private static void AssertFiniteDifferences(Func<double[], double> f, double[] at, double[] gradient)
    {
        for (int i = 0; i < at.Length; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(at[i]));
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f(plus) - f(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)),
                $"∂/∂x{i}: reverse mode {gradient[i]:R}, central differences {numeric:R}");
        }
    }
}
