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
    float WeightDecay = 0f);

/// <summary>
/// Every optimizer of SPEC §4 in double precision, written from the SPEC table and sharing no code
/// with the generator. State starts at zero; t counts steps from 1.
/// </summary>
public sealed class ReferenceOptimizer
{
    private readonly OptimizerSettings _s;
    private readonly double[] _state1;
    private readonly double[] _state2;
    private long _t;

    public ReferenceOptimizer(OptimizerSettings settings, int parameterCount)
    {
        _s = settings;
        _state1 = new double[parameterCount];
        _state2 = new double[parameterCount];
    }

    public void Step(double[] theta, ReadOnlySpan<float> gradient)
    {
        _t++;
        double alpha = _s.LearningRate, eta = _s.Momentum, rho = _s.Rho, b1 = _s.Beta1, b2 = _s.Beta2, eps = _s.Epsilon, lambda = _s.WeightDecay;
        for (int i = 0; i < theta.Length; i++)
        {
            double g = gradient[i];
            if (_s.Optimizer is not (Optimizer.AdamW or Optimizer.Lion))
            {
                g += lambda * theta[i]; // L2 weight decay, coupled
            }

            switch (_s.Optimizer)
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
                    if (_s.Optimizer == Optimizer.AdamW)
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
                    throw new NotSupportedException(_s.Optimizer.ToString());
            }
        }
    }
}
