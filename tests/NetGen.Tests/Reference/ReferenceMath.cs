using System;

namespace NetGen.Tests.Reference;

/// <summary>Special functions in double for the reference model, sharing nothing with the runtime.</summary>
public static class ReferenceMath
{
    /// <summary>
    /// erf x in double: its Maclaurin series (2/√π) Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)) for |x| &lt; 3, and
    /// 1 − erfc x by erfc's continued fraction e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) beyond.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double ax = Math.Abs(x);
        double result;
        if (ax < 3)
        {
            double term = ax, sum = ax;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }

            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            double fraction = ax;
            for (int k = 80; k >= 1; k--)
            {
                fraction = ax + k / 2.0 / fraction;
            }

            result = 1 - Math.Exp(-ax * ax) / (Math.Sqrt(Math.PI) * fraction);
        }

        return x < 0 ? -result : result;
    }

    /// <summary>Φ(x), the standard normal CDF: ½(1 + erf(x/√2)).</summary>
    public static double Phi(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>φ(x), the standard normal density.</summary>
    public static double Density(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
}
