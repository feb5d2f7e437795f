using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// Vectorised optimizer updates over the whole parameter buffer (the formulas of docs/math.md).
/// Called by the generated <c>ApplyGradients</c> with the declared hyperparameters as constants;
/// vector-width dispatch as in <see cref="DenseKernels"/>, with a scalar loop for the tail.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerKernels
{
    /// <summary>The hyperparameters of one step; unused ones are ignored.</summary>
    /// <param name="LearningRate">α.</param>
    /// <param name="WeightDecay">λ: added to g as λθ (coupled), or, for AdamW, applied as θ(1 − αλ) first.</param>
    /// <param name="Momentum">η.</param>
    /// <param name="Rho">ρ.</param>
    /// <param name="Beta1">β₁.</param>
    /// <param name="Beta2">β₂.</param>
    /// <param name="Epsilon">ε.</param>
    /// <param name="Correction1">1/(1 − β₁ᵗ).</param>
    /// <param name="Correction2">1/(1 − β₂ᵗ).</param>
    public readonly record struct Step(
        float LearningRate,
        float WeightDecay,
        float Momentum,
        float Rho,
        float Beta1,
        float Beta2,
        float Epsilon,
        float Correction1,
        float Correction2);

    /// <summary>Applies one update of <paramref name="optimizer"/> to every parameter.</summary>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="gradients">g, as long as θ.</param>
    /// <param name="state">The optimizer's buffers, each as long as θ, one after the other.</param>
    /// <param name="step">The hyperparameters.</param>
    public static void Apply(Optimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, in Step step)
    {
        int n = parameters.Length;
        int buffers = optimizer switch
        {
            Optimizer.Sgd => 0,
            Optimizer.Momentum or Optimizer.Nesterov or Optimizer.RmsProp or Optimizer.AdaGrad => 1,
            _ => 2,
        };
        if (gradients.Length < n || state.Length < buffers * n)
        {
            throw new ArgumentException($"Expected {n} gradients and {buffers} × {n} state values, got {gradients.Length} and {state.Length}.");
        }

        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float s1 = ref MemoryMarshal.GetReference(state);
        ref float s2 = ref buffers == 2 ? ref Unsafe.Add(ref s1, n) : ref s1;
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            done = Apply<Simd512, Vector512<float>>(optimizer, ref p, ref g, ref s1, ref s2, n, step);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            done = Apply<Simd256, Vector256<float>>(optimizer, ref p, ref g, ref s1, ref s2, n, step);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            done = Apply<Simd128, Vector128<float>>(optimizer, ref p, ref g, ref s1, ref s2, n, step);
        }

        for (int i = done; i < n; i++)
        {
            Scalar(optimizer, ref Unsafe.Add(ref p, i), Unsafe.Add(ref g, i), ref Unsafe.Add(ref s1, i), ref Unsafe.Add(ref s2, i), step);
        }
    }

    private static int Apply<TSimd, TVector>(Optimizer optimizer, ref float p, ref float g, ref float s1, ref float s2, int n, in Step step)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int width = TSimd.Width;
        int end = n / width * width;
        TVector alpha = TSimd.Broadcast(step.LearningRate);
        TVector lambda = TSimd.Broadcast(optimizer == Optimizer.AdamW ? 0f : step.WeightDecay);
        TVector eta = TSimd.Broadcast(step.Momentum);
        TVector rho = TSimd.Broadcast(step.Rho);
        TVector oneMinusRho = TSimd.Broadcast(1f - step.Rho);
        TVector b1 = TSimd.Broadcast(step.Beta1), oneMinusB1 = TSimd.Broadcast(1f - step.Beta1);
        TVector b2 = TSimd.Broadcast(step.Beta2), oneMinusB2 = TSimd.Broadcast(1f - step.Beta2);
        TVector epsilon = TSimd.Broadcast(step.Epsilon);
        TVector c1 = TSimd.Broadcast(step.Correction1), c2 = TSimd.Broadcast(step.Correction2);
        TVector decay = TSimd.Broadcast(1f - step.LearningRate * step.WeightDecay);
        for (int i = 0; i < end; i += width)
        {
            TVector theta = TSimd.Load(ref p, i);
            TVector grad = TSimd.MultiplyAdd(lambda, theta, TSimd.Load(ref g, i));
            switch (optimizer)
            {
                case Optimizer.Sgd:
                    theta = TSimd.Subtract(theta, TSimd.Multiply(alpha, grad));
                    break;
                case Optimizer.Momentum:
                {
                    TVector delta = TSimd.Subtract(TSimd.Multiply(eta, TSimd.Load(ref s1, i)), TSimd.Multiply(alpha, grad));
                    TSimd.Store(delta, ref s1, i);
                    theta = TSimd.Add(theta, delta);
                    break;
                }

                case Optimizer.Nesterov:
                {
                    TVector v = TSimd.MultiplyAdd(eta, TSimd.Load(ref s1, i), grad);
                    TSimd.Store(v, ref s1, i);
                    theta = TSimd.Subtract(theta, TSimd.Multiply(alpha, TSimd.MultiplyAdd(eta, v, grad)));
                    break;
                }

                case Optimizer.RmsProp:
                {
                    TVector nu = TSimd.MultiplyAdd(oneMinusRho, TSimd.Multiply(grad, grad), TSimd.Multiply(rho, TSimd.Load(ref s1, i)));
                    TSimd.Store(nu, ref s1, i);
                    theta = TSimd.Subtract(theta, TSimd.Divide(TSimd.Multiply(alpha, grad), TSimd.Sqrt(TSimd.Add(nu, epsilon))));
                    break;
                }

                case Optimizer.Adam:
                case Optimizer.AdamW:
                {
                    TVector m = TSimd.MultiplyAdd(oneMinusB1, grad, TSimd.Multiply(b1, TSimd.Load(ref s1, i)));
                    TVector v = TSimd.MultiplyAdd(oneMinusB2, TSimd.Multiply(grad, grad), TSimd.Multiply(b2, TSimd.Load(ref s2, i)));
                    TSimd.Store(m, ref s1, i);
                    TSimd.Store(v, ref s2, i);
                    TVector update = TSimd.Divide(TSimd.Multiply(alpha, TSimd.Multiply(m, c1)), TSimd.Add(TSimd.Sqrt(TSimd.Multiply(v, c2)), epsilon));
                    theta = TSimd.Subtract(optimizer == Optimizer.AdamW ? TSimd.Multiply(theta, decay) : theta, update);
                    break;
                }

                case Optimizer.AdaGrad:
                {
                    TVector sum = TSimd.MultiplyAdd(grad, grad, TSimd.Load(ref s1, i));
                    TSimd.Store(sum, ref s1, i);
                    theta = TSimd.Subtract(theta, TSimd.Divide(TSimd.Multiply(alpha, grad), TSimd.Add(TSimd.Sqrt(sum), epsilon)));
                    break;
                }

                default: // AdaDelta
                {
                    TVector eg = TSimd.MultiplyAdd(oneMinusRho, TSimd.Multiply(grad, grad), TSimd.Multiply(rho, TSimd.Load(ref s1, i)));
                    TSimd.Store(eg, ref s1, i);
                    TVector ed = TSimd.Load(ref s2, i);
                    TVector delta = TSimd.Multiply(TSimd.Divide(TSimd.Sqrt(TSimd.Add(ed, epsilon)), TSimd.Sqrt(TSimd.Add(eg, epsilon))), grad);
                    delta = TSimd.Subtract(TSimd.Zero, delta);
                    TSimd.Store(TSimd.MultiplyAdd(oneMinusRho, TSimd.Multiply(delta, delta), TSimd.Multiply(rho, ed)), ref s2, i);
                    theta = TSimd.MultiplyAdd(alpha, delta, theta);
                    break;
                }
            }

            TSimd.Store(theta, ref p, i);
        }

        return end;
    }

    private static void Scalar(Optimizer optimizer, ref float theta, float gradient, ref float s1, ref float s2, in Step step)
    {
        float g = optimizer == Optimizer.AdamW ? gradient : gradient + step.WeightDecay * theta;
        switch (optimizer)
        {
            case Optimizer.Sgd:
                theta -= step.LearningRate * g;
                break;
            case Optimizer.Momentum:
                s1 = step.Momentum * s1 - step.LearningRate * g;
                theta += s1;
                break;
            case Optimizer.Nesterov:
                s1 = step.Momentum * s1 + g;
                theta -= step.LearningRate * (g + step.Momentum * s1);
                break;
            case Optimizer.RmsProp:
                s1 = step.Rho * s1 + (1f - step.Rho) * g * g;
                theta -= step.LearningRate * g / MathF.Sqrt(s1 + step.Epsilon);
                break;
            case Optimizer.Adam:
            case Optimizer.AdamW:
                s1 = step.Beta1 * s1 + (1f - step.Beta1) * g;
                s2 = step.Beta2 * s2 + (1f - step.Beta2) * g * g;
                if (optimizer == Optimizer.AdamW)
                {
                    theta *= 1f - step.LearningRate * step.WeightDecay;
                }

                theta -= step.LearningRate * (s1 * step.Correction1) / (MathF.Sqrt(s2 * step.Correction2) + step.Epsilon);
                break;
            case Optimizer.AdaGrad:
                s1 += g * g;
                theta -= step.LearningRate * g / (MathF.Sqrt(s1) + step.Epsilon);
                break;
            default:
                s1 = step.Rho * s1 + (1f - step.Rho) * g * g;
                float delta = -MathF.Sqrt(s2 + step.Epsilon) / MathF.Sqrt(s1 + step.Epsilon) * g;
                s2 = step.Rho * s2 + (1f - step.Rho) * delta * delta;
                theta += step.LearningRate * delta;
                break;
        }
    }
}
