using System.Collections.Generic;

namespace NetGen.Training;

/// <summary>Why <see cref="LbfgsTrainer"/> stopped.</summary>
public enum LbfgsStopReason
{
    /// <summary>Converged: the gradient's ∞-norm fell to <see cref="LbfgsOptions.GradientTolerance"/> or below.</summary>
    GradientTolerance,

    /// <summary>Converged: the last step lowered the loss by at most <see cref="LbfgsOptions.LossTolerance"/> (relative).</summary>
    LossTolerance,

    /// <summary>Not converged: <see cref="LbfgsOptions.MaxIterations"/> steps were taken.</summary>
    MaxIterations,

    /// <summary>
    /// Not converged by either rule: no step along the search direction, nor along the steepest-descent
    /// direction tried next, lowered the loss enough (sufficient decrease) within
    /// <see cref="LbfgsOptions.MaxLineSearchSteps"/> evaluations. With a small
    /// <see cref="LbfgsResult.GradientNorm"/>, the loss is as low as single precision can show (the
    /// network computes it in float, which resolves about 1e-7 of it): the run has converged as far as
    /// it can. With a large one, the loss is not smooth or not deterministic (dropout), or it is NaN
    /// or infinite along the direction. The parameters are those of the last accepted step.
    /// </summary>
    LineSearchFailed,
}

/// <summary>One accepted L-BFGS step: the line search's data, from which the strong Wolfe conditions can be checked.</summary>
/// <param name="Iteration">The iteration, from 1.</param>
/// <param name="PreviousLoss">f(x_k), the full-batch loss before the step.</param>
/// <param name="Loss">f(x_k + αp), the full-batch loss after it.</param>
/// <param name="GradientNorm">The ∞-norm of the full-batch gradient after the step.</param>
/// <param name="StepSize">α, the accepted step along the search direction p.</param>
/// <param name="InitialSlope">φ′(0) = ∇f(x_k)ᵀp, negative (p is a descent direction).</param>
/// <param name="Slope">φ′(α) = ∇f(x_k + αp)ᵀp at the accepted step.</param>
/// <param name="Evaluations">The loss-and-gradient evaluations this iteration's line search made (including any retry along −∇f).</param>
/// <param name="SteepestDescent">Whether the step was along −∇f (the first step, and after the history was reset) rather than the L-BFGS direction.</param>
/// <param name="StrongWolfe">
/// Whether the step satisfies both strong Wolfe conditions. False when the line search ran out of
/// evaluations and took the lowest step it had found with sufficient decrease (at a kink of ReLU, or
/// where single precision blurs the slope, the curvature condition may hold nowhere along the line).
/// </param>
/// <remarks>
/// Every accepted step satisfies, with the options' c₁ and c₂, sufficient decrease:
/// <c>Loss ≤ PreviousLoss + c₁·StepSize·InitialSlope</c>; and when <see cref="StrongWolfe"/> is true the
/// curvature condition too: <c>|Slope| ≤ c₂·|InitialSlope|</c>, in the double-precision values recorded here.
/// </remarks>
public readonly record struct LbfgsIteration(
    int Iteration,
    double PreviousLoss,
    double Loss,
    double GradientNorm,
    double StepSize,
    double InitialSlope,
    double Slope,
    int Evaluations,
    bool SteepestDescent,
    bool StrongWolfe);

/// <summary>The outcome of <see cref="LbfgsTrainer"/>'s <c>Fit</c>: why it stopped, the final loss and every step.</summary>
/// <param name="StopReason">Why it stopped; <see cref="Converged"/> says whether that is a convergence.</param>
/// <param name="Iterations">Accepted steps taken.</param>
/// <param name="FunctionEvaluations">Full-batch loss-and-gradient evaluations (passes over the training set), the first included.</param>
/// <param name="InitialLoss">The full-batch loss at the starting parameters.</param>
/// <param name="Loss">The full-batch loss at the final parameters (those in the network).</param>
/// <param name="GradientNorm">The ∞-norm of the full-batch gradient at the final parameters.</param>
/// <param name="History">One entry per accepted step (the loss history is its <see cref="LbfgsIteration.Loss"/>).</param>
public sealed record LbfgsResult(
    LbfgsStopReason StopReason,
    int Iterations,
    int FunctionEvaluations,
    double InitialLoss,
    double Loss,
    double GradientNorm,
    IReadOnlyList<LbfgsIteration> History)
{
    /// <summary>Whether a convergence rule stopped the run (<see cref="LbfgsStopReason.GradientTolerance"/> or <see cref="LbfgsStopReason.LossTolerance"/>).</summary>
    public bool Converged => StopReason is LbfgsStopReason.GradientTolerance or LbfgsStopReason.LossTolerance;
}
