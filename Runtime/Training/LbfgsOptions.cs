using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>How <see cref="LbfgsTrainer"/> minimises the full-batch loss: history size, stopping rules and the line search.</summary>
/// <remarks>
/// <para>Every setter checks its value and throws <see cref="ArgumentOutOfRangeException"/> for one
/// that would train wrongly, so an options object is always valid. The line-search constants must
/// satisfy 0 &lt; <see cref="C1"/> &lt; <see cref="C2"/> &lt; 1; each setter checks its value against
/// the other's current value (to raise both above the defaults, set <see cref="C2"/> first).</para>
/// <para>The defaults follow scikit-learn's <c>MLPClassifier(solver='lbfgs')</c> where it has one
/// (10 pairs of history, as SciPy's L-BFGS-B; 200 iterations) and Nocedal and Wright's
/// recommendations for the line search (c₁ = 10⁻⁴, c₂ = 0.9).</para>
/// </remarks>
public sealed class LbfgsOptions
{
    private int _historySize = 10;
    private int _maxIterations = 200;
    private double _gradientTolerance = 1e-5;
    private double _lossTolerance = 1e-7;
    private int _maxLineSearchSteps = 20;
    private double _c1 = 1e-4;
    private double _c2 = 0.9;

    /// <summary>
    /// m: how many of the latest (step, gradient change) pairs approximate the inverse Hessian.
    /// Default 10 (SciPy's and scikit-learn's). Memory: 2·m doubles per parameter.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int HistorySize
    {
        get => _historySize;
        set => _historySize = AtLeastOne(value, nameof(HistorySize));
    }

    /// <summary>The most iterations (accepted steps) to take. Default 200 (scikit-learn's <c>max_iter</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxIterations
    {
        get => _maxIterations;
        set => _maxIterations = AtLeastOne(value, nameof(MaxIterations));
    }

    /// <summary>
    /// Stop when the largest absolute component of the full-batch gradient (its ∞-norm, SciPy's
    /// <c>gtol</c>) is at most this. Default 1e-5 (SciPy's; scikit-learn passes its <c>tol</c>, 1e-4);
    /// 0 switches the rule off.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double GradientTolerance
    {
        get => _gradientTolerance;
        set => _gradientTolerance = NonNegative(value, nameof(GradientTolerance));
    }

    /// <summary>
    /// Stop when a step lowers the loss by at most this fraction: (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1)
    /// ≤ LossTolerance (SciPy's <c>ftol</c>). Default 1e-7, about the relative precision of the
    /// single-precision loss the network computes (SciPy's default, 2.2e-9, is for losses in double
    /// precision); 0 switches the rule off. Below the loss's precision the line search can no longer
    /// see a decrease, and a run ends with <see cref="LbfgsStopReason.LineSearchFailed"/> instead.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double LossTolerance
    {
        get => _lossTolerance;
        set => _lossTolerance = NonNegative(value, nameof(LossTolerance));
    }

    /// <summary>
    /// The most loss-and-gradient evaluations one line search may make before it gives up. Default 20
    /// (SciPy's L-BFGS-B allows 20 too).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxLineSearchSteps
    {
        get => _maxLineSearchSteps;
        set => _maxLineSearchSteps = AtLeastOne(value, nameof(MaxLineSearchSteps));
    }

    /// <summary>
    /// c₁ of the sufficient-decrease (Armijo) condition f(x + αp) ≤ f(x) + c₁·α·∇f(x)ᵀp. Default 1e-4;
    /// must lie in (0, <see cref="C2"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, C2), or is NaN.</exception>
    public double C1
    {
        get => _c1;
        set
        {
            if (!(value > 0 && value < _c2))
            {
                throw new ArgumentOutOfRangeException(nameof(C1), value, Invariant(
                    $"C1 must be greater than 0 and less than C2 ({_c2}), but it is {value}. To raise both, set C2 first."));
            }

            _c1 = value;
        }
    }

    /// <summary>
    /// c₂ of the strong curvature condition |∇f(x + αp)ᵀp| ≤ c₂·|∇f(x)ᵀp|. Default 0.9 (for
    /// quasi-Newton methods); must lie in (<see cref="C1"/>, 1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (C1, 1), or is NaN.</exception>
    public double C2
    {
        get => _c2;
        set
        {
            if (!(value > _c1 && value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(C2), value, Invariant(
                    $"C2 must be greater than C1 ({_c1}) and less than 1, but it is {value}. To lower both, set C1 first."));
            }

            _c2 = value;
        }
    }

    private static int AtLeastOne(int value, string name) =>
        value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, Invariant($"{name} must be at least 1, but it is {value}."));

    private static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, Invariant(
                $"{name} must be zero (to switch the rule off) or positive, and finite, but it is {value}."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
