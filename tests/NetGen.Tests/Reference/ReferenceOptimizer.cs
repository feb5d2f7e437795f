using System;

namespace NetGen.Tests.Reference;

/// <summary>The hyperparameters of one optimizer, as the declaration's floats.</summary>
public sealed record OptimizerSettings(
    Optimizer Optimizer,
    float LearningRate,
    float Momentum = 0.9f,
    float Rho = 0.9f,
    float Beta1 = 0.9f,
    float Beta2 = 0.999f,
    float Epsilon = 1e-8f,
    float WeightDecay = 0f,
    float ClipNorm = float.NaN,
    float ClipValue = float.NaN);

/// <summary>
/// Every optimizer of SPEC §4 in double precision, written from the SPEC table and sharing no code
/// with the generator. State starts at zero; t counts steps from 1. Gradient clipping (docs/math.md):
/// first each g_i clamped to [−ClipValue, ClipValue], then g scaled by min(1, ClipNorm/‖g‖₂); NaN is off.
/// <see cref="Settings"/> may change between steps (run-time hyperparameters): the state is kept and
/// the bias corrections use the current β with the total t.
/// </summary>
public sealed class ReferenceOptimizer
{
    private readonly double[] _state1;
    private readonly double[] _state2;
    private long _t;

    public ReferenceOptimizer(OptimizerSettings settings, int parameterCount)
    {
        Settings = settings;
        _state1 = new double[parameterCount];
        _state2 = new double[parameterCount];
    }

    /// <summary>The hyperparameters of the next step.</summary>
    public OptimizerSettings Settings { get; set; }

    /// <summary>The gradient after clipping, in double: clamp to ±ClipValue, then scale to a norm of at most ClipNorm.</summary>
    public static double[] Clip(ReadOnlySpan<float> gradient, float clipNorm, float clipValue)
    {
        var g = new double[gradient.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = gradient[i];
            if (!float.IsNaN(clipValue))
            {
                g[i] = Math.Min(clipValue, Math.Max(-clipValue, g[i]));
            }
        }

        if (!float.IsNaN(clipNorm))
        {
            double sumOfSquares = 0;
            foreach (double x in g)
            {
                sumOfSquares += x * x;
            }

            double norm = Math.Sqrt(sumOfSquares);
            if (norm > clipNorm)
            {
                for (int i = 0; i < g.Length; i++)
                {
                    g[i] *= clipNorm / norm;
                }
            }
        }

        return g;
    }

    public void Step(double[] theta, ReadOnlySpan<float> gradient)
    {
        _t++;
        OptimizerSettings s = Settings;
        double alpha = s.LearningRate, eta = s.Momentum, rho = s.Rho, b1 = s.Beta1, b2 = s.Beta2, eps = s.Epsilon, lambda = s.WeightDecay;
        double[] clipped = Clip(gradient, s.ClipNorm, s.ClipValue);
        for (int i = 0; i < theta.Length; i++)
        {
            double g = clipped[i];
            if (s.Optimizer is not (Optimizer.AdamW or Optimizer.Lion))
            {
                g += lambda * theta[i]; // L2 weight decay, coupled
            }

            switch (s.Optimizer)
            {
                case Optimizer.Sgd:
                    theta[i] -= alpha * g;
                    break;
                case Optimizer.Momentum:
                    // Δ ← ηΔ − αg; θ ← θ + Δ
                    _state1[i] = eta * _state1[i] - alpha * g;
                    theta[i] += _state1[i];
                    break;
                case Optimizer.Nesterov:
                    // v ← ηv + g; θ ← θ − α(g + ηv)
                    _state1[i] = eta * _state1[i] + g;
                    theta[i] -= alpha * (g + eta * _state1[i]);
                    break;
                case Optimizer.RmsProp:
                    // ν ← ρν + (1−ρ)g²; θ ← θ − αg/√(ν + ε)
                    _state1[i] = rho * _state1[i] + (1 - rho) * g * g;
                    theta[i] -= alpha * g / Math.Sqrt(_state1[i] + eps);
                    break;
                case Optimizer.Adam:
                case Optimizer.AdamW:
                    // μ ← β₁μ + (1−β₁)g; ν ← β₂ν + (1−β₂)g²; μ̂ = μ/(1−β₁ᵗ); ν̂ = ν/(1−β₂ᵗ)
                    _state1[i] = b1 * _state1[i] + (1 - b1) * g;
                    _state2[i] = b2 * _state2[i] + (1 - b2) * g * g;
                    double mHat = _state1[i] / (1 - Math.Pow(b1, _t));
                    double vHat = _state2[i] / (1 - Math.Pow(b2, _t));
                    if (s.Optimizer == Optimizer.AdamW)
                    {
                        theta[i] *= 1 - alpha * lambda; // decoupled decay first (PyTorch's order)
                    }

                    theta[i] -= alpha * mHat / (Math.Sqrt(vHat) + eps);
                    break;
                case Optimizer.AdaGrad:
                    // G ← G + g²; θ ← θ − αg/(√G + ε)
                    _state1[i] += g * g;
                    theta[i] -= alpha * g / (Math.Sqrt(_state1[i]) + eps);
                    break;
                case Optimizer.AdaDelta:
                    // E_g ← ρE_g + (1−ρ)g²; Δ = −√(E_Δ + ε)/√(E_g + ε)·g; E_Δ ← ρE_Δ + (1−ρ)Δ²; θ ← θ + αΔ
                    _state1[i] = rho * _state1[i] + (1 - rho) * g * g;
                    double delta = -Math.Sqrt(_state2[i] + eps) / Math.Sqrt(_state1[i] + eps) * g;
                    _state2[i] = rho * _state2[i] + (1 - rho) * delta * delta;
                    theta[i] += alpha * delta;
                    break;
                case Optimizer.Lion:
                    // c = β₁m + (1−β₁)g; θ ← θ(1 − αλ) − α·sign(c); m ← β₂m + (1−β₂)g
                    double c = b1 * _state1[i] + (1 - b1) * g;
                    theta[i] = theta[i] * (1 - alpha * lambda) - alpha * Math.Sign(c);
                    _state1[i] = b2 * _state1[i] + (1 - b2) * g;
                    break;
                case Optimizer.NAdam:
                {
                    // m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; m̂ = β₁m/(1−β₁ᵗ⁺¹) + (1−β₁)g/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); θ ← θ − αm̂/(√v̂ + ε)
                    _state1[i] = b1 * _state1[i] + (1 - b1) * g;
                    _state2[i] = b2 * _state2[i] + (1 - b2) * g * g;
                    double lookAhead = b1 * _state1[i] / (1 - Math.Pow(b1, _t + 1)) + (1 - b1) * g / (1 - Math.Pow(b1, _t));
                    double secondHat = _state2[i] / (1 - Math.Pow(b2, _t));
                    theta[i] -= alpha * lookAhead / (Math.Sqrt(secondHat) + eps);
                    break;
                }

                case Optimizer.AdaMax:
                    // m ← β₁m + (1−β₁)g; u ← max(β₂u, |g| + ε); θ ← θ − (α/(1−β₁ᵗ))·m/u
                    _state1[i] = b1 * _state1[i] + (1 - b1) * g;
                    _state2[i] = Math.Max(b2 * _state2[i], Math.Abs(g) + eps);
                    theta[i] -= alpha / (1 - Math.Pow(b1, _t)) * _state1[i] / _state2[i];
                    break;
                default:
                    throw new NotSupportedException(s.Optimizer.ToString());
            }
        }
    }
}
