using System;
using System.Linq;

namespace NetGen.Tests.Reference;

/// <summary>
/// One layer of the reference network: its width, activation and α (NaN: the activation's default),
/// and its regularisation: the dropout rate on its output, the L1 and L2 factors on its W. A custom
/// activation is a pair of delegates, f and f′ written by hand in double (then Activation is ignored).
/// </summary>
public sealed record ReferenceLayer(int Units, Activation Activation, double Alpha = double.NaN, double Dropout = 0, double L1 = 0, double L2 = 0,
    Func<double, double>? Custom = null, Func<double, double>? CustomDerivative = null)
{
    public bool LearnsAlpha => Activation == Activation.PReLU;

    /// <summary>The declared or default α (LeakyReLU 0.01, ELU 1, PReLU's initial 0.25).</summary>
    public double AlphaOrDefault => !double.IsNaN(Alpha) ? Alpha : Activation switch
    {
        Activation.LeakyReLU => 0.01,
        Activation.ELU => 1,
        Activation.PReLU => 0.25,
        _ => 0,
    };
}

/// <summary>
/// An independent double-precision model of a NetGen network, written from the formulas of
/// SPEC §3–§4 (docs/math.md) and sharing no code with the generator: the parameter layout
/// (W [in × out] row-major, then b, then PReLU's α, layer by layer), every activation and its
/// derivative, every loss, and backpropagation by the plain chain rule (no fused gradients: the
/// softmax and sigmoid outputs go through their own derivatives).
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly int _inputs;
    private readonly ReferenceLayer[] _layers;
    private readonly Loss _loss;
    private readonly double _huberDelta;
    private readonly Func<int, int, int, bool>? _keeps;
    private readonly Func<double, double, double>? _customLoss;
    private readonly Func<double, double, double>? _customLossDerivative;

    /// <param name="inputs">The input width.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="huberDelta">Huber's δ.</param>
    /// <param name="keeps">
    /// The dropout mask of the batch being checked: keeps(layer number, row within the batch, unit); every
    /// layer with a dropout rate needs it. Forward (Predict's reference) never drops.
    /// </param>
    public ReferenceNetwork(int inputs, ReferenceLayer[] layers, Loss loss, double huberDelta = 1, Func<int, int, int, bool>? keeps = null)
    {
        _inputs = inputs;
        _layers = layers;
        _loss = loss;
        _huberDelta = huberDelta;
        _keeps = keeps;
    }

    /// <summary>A network trained with a custom loss L(y, t), element-wise and mean-reduced over the batch and the outputs (1/(B·K)) like MSE.</summary>
    /// <param name="inputs">The input width.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="loss">L(prediction, target), written by hand in double.</param>
    /// <param name="lossDerivative">∂L/∂prediction, written by hand from the formula.</param>
    public ReferenceNetwork(int inputs, ReferenceLayer[] layers, Func<double, double, double> loss, Func<double, double, double> lossDerivative)
        : this(inputs, layers, (Loss)(-1))
    {
        _customLoss = loss;
        _customLossDerivative = lossDerivative;
    }

    public int ParameterCount
    {
        get
        {
            int count = 0;
            int width = _inputs;
            foreach (ReferenceLayer layer in _layers)
            {
                count += width * layer.Units + layer.Units + (layer.LearnsAlpha ? layer.Units : 0);
                width = layer.Units;
            }

            return count;
        }
    }

    public int OutputSize => _layers[^1].Units;

    /// <summary>The network's output for one sample.</summary>
    public double[] Forward(double[] theta, ReadOnlySpan<float> input) => Trace(theta, input, -1).A[^1];

    /// <summary>
    /// The batch loss as SPEC §4 defines it, with dropout (in training) and the weight penalties; with
    /// <paramref name="weights"/>, the data loss is the weighted mean of docs/math.md: Σ_s w_s Σ_k L(y, t) /
    /// (Σ_s w_s · K) (or / Σ_s w_s for the losses that sum over outputs), which is the unweighted loss when
    /// every w_s is 1.
    /// </summary>
    public double Loss(double[] theta, float[] inputs, float[] targets, int count, float[]? weights = null) =>
        DataLoss(theta, inputs, targets, count, weights) + Penalty(theta);

    /// <summary>Σ over layers of L2·Σw² + L1·Σ|w| (W only: no bias, no α).</summary>
    public double Penalty(double[] theta)
    {
        int[] offsets = Offsets();
        double penalty = 0;
        int width = _inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            for (int i = 0; i < width * _layers[l].Units; i++)
            {
                double w = theta[offsets[l] + i];
                penalty += _layers[l].L2 * w * w + _layers[l].L1 * Math.Abs(w);
            }

            width = _layers[l].Units;
        }

        return penalty;
    }

    private double DataLoss(double[] theta, float[] inputs, float[] targets, int count, float[]? weights)
    {
        double sum = 0;
        for (int s = 0; s < count; s++)
        {
            double[] y = Trace(theta, inputs.AsSpan(s * _inputs, _inputs), s).A[^1];
            double sample = 0;
            for (int k = 0; k < y.Length; k++)
            {
                sample += ElementLoss(y[k], targets[s * y.Length + k]);
            }

            sum += Weight(weights, s) * sample;
        }

        return sum * Reduction(TotalWeight(weights, count));
    }

    /// <summary>∂Loss/∂θ by backpropagation in double (SPEC §3), the chain rule written out; weighted as <see cref="Loss"/>.</summary>
    public double[] Gradient(double[] theta, float[] inputs, float[] targets, int count, float[]? weights = null)
    {
        double[] gradient = new double[theta.Length];
        double reduction = Reduction(TotalWeight(weights, count));
        int[] offsets = Offsets();
        for (int s = 0; s < count; s++)
        {
            (double[][] a, double[][] z, double[][] f) = Trace(theta, inputs.AsSpan(s * _inputs, _inputs), s);
            int last = _layers.Length - 1;
            double[] y = a[last + 1];

            // ∂loss/∂y (sample s's share of the weighted mean), then through the output activation.
            double scale = reduction * Weight(weights, s);
            double[] gy = new double[y.Length];
            for (int k = 0; k < y.Length; k++)
            {
                gy[k] = scale * ElementLossDerivative(y[k], targets[s * y.Length + k]);
            }

            double[] d = ThroughActivation(_layers[last], theta, AlphaOffset(offsets, a, last), z[last], y, gy, gradient);
            for (int l = last; l >= 0; l--)
            {
                int n = a[l].Length;
                int m = _layers[l].Units;
                int w = offsets[l];
                for (int j = 0; j < m; j++)
                {
                    gradient[w + n * m + j] += d[j];
                    for (int i = 0; i < n; i++)
                    {
                        gradient[w + i * m + j] += a[l][i] * d[j];
                    }
                }

                if (l == 0)
                {
                    break;
                }

                double[] ga = new double[n];
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        ga[i] += d[j] * theta[w + i * m + j];
                    }
                }

                // ga is ∂loss/∂(layer l−1's output after dropout): through the mask to its activation f.
                for (int i = 0; i < n; i++)
                {
                    ga[i] *= DropoutFactor(l - 1, s, i);
                }

                d = ThroughActivation(_layers[l - 1], theta, AlphaOffset(offsets, a, l - 1), z[l - 1], f[l - 1], ga, gradient);
            }
        }

        // The penalties: ∂(L2·w²)/∂w = 2·L2·w, ∂(L1·|w|)/∂w = L1·sign w (0 at w = 0).
        int[] starts = Offsets();
        int inputs2 = _inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            for (int i = 0; i < inputs2 * _layers[l].Units; i++)
            {
                double w = theta[starts[l] + i];
                gradient[starts[l] + i] += 2 * _layers[l].L2 * w + _layers[l].L1 * Math.Sign(w);
            }

            inputs2 = _layers[l].Units;
        }

        return gradient;
    }

    /// <summary>∂Loss/∂θ by central finite differences of <see cref="Loss"/> in double.</summary>
    public double[] FiniteDifferenceGradient(double[] theta, float[] inputs, float[] targets, int count, double step = 1e-6, float[]? weights = null)
    {
        double[] gradient = new double[theta.Length];
        double[] probe = (double[])theta.Clone();
        for (int i = 0; i < theta.Length; i++)
        {
            probe[i] = theta[i] + step;
            double plus = Loss(probe, inputs, targets, count, weights);
            probe[i] = theta[i] - step;
            double minus = Loss(probe, inputs, targets, count, weights);
            probe[i] = theta[i];
            gradient[i] = (plus - minus) / (2 * step);
        }

        return gradient;
    }

    private static double Weight(float[]? weights, int s) => weights is null ? 1.0 : weights[s];

    /// <summary>Σ w_s in double (count without weights).</summary>
    private static double TotalWeight(float[]? weights, int count)
    {
        double total = 0;
        for (int s = 0; s < count; s++)
        {
            total += Weight(weights, s);
        }

        return total;
    }

    private double Reduction(double count) =>
        _customLoss is not null || _loss is NetGen.Loss.MeanSquaredError or NetGen.Loss.Huber or NetGen.Loss.BinaryCrossEntropy
            ? 1.0 / (count * OutputSize)
            : 1.0 / count;

    private double ElementLoss(double y, double t)
    {
        if (_customLoss is not null)
        {
            return _customLoss(y, t);
        }

        double e = y - t;
        return _loss switch
        {
            NetGen.Loss.MeanSquaredError => e * e,
            NetGen.Loss.HalfSquaredError => 0.5 * e * e,
            NetGen.Loss.Huber => Math.Abs(e) <= _huberDelta ? 0.5 * e * e : _huberDelta * (Math.Abs(e) - 0.5 * _huberDelta),
            NetGen.Loss.BinaryCrossEntropy => -(t * Math.Log(y) + (1 - t) * Math.Log(1 - y)),
            NetGen.Loss.CrossEntropy => -t * Math.Log(y),
            _ => throw new NotSupportedException(_loss.ToString()),
        };
    }

    private double ElementLossDerivative(double y, double t)
    {
        if (_customLossDerivative is not null)
        {
            return _customLossDerivative(y, t);
        }

        double e = y - t;
        return _loss switch
        {
            NetGen.Loss.MeanSquaredError => 2 * e,
            NetGen.Loss.HalfSquaredError => e,
            NetGen.Loss.Huber => Math.Abs(e) <= _huberDelta ? e : _huberDelta * Math.Sign(e),
            NetGen.Loss.BinaryCrossEntropy => -(t / y - (1 - t) / (1 - y)),
            NetGen.Loss.CrossEntropy => -t / y,
            _ => throw new NotSupportedException(_loss.ToString()),
        };
    }

    /// <summary>d = ∂loss/∂z from ga = ∂loss/∂a; adds PReLU's ∂loss/∂α to <paramref name="gradient"/>.</summary>
    // alphaOffset: where a PReLU layer's α start in θ (unused for other activations).
    private static double[] ThroughActivation(ReferenceLayer layer, double[] theta, int alphaOffset, double[] z, double[] a, double[] ga, double[] gradient)
    {
        int m = z.Length;
        double[] d = new double[m];
        if (layer.Activation == Activation.Softmax)
        {
            // Jacobian ∂a_k/∂z_j = a_k(δ_kj − a_j).
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < m; k++)
                {
                    d[j] += ga[k] * a[k] * ((k == j ? 1 : 0) - a[j]);
                }
            }

            return d;
        }

        if (layer.Activation == Activation.LogSoftmax)
        {
            // a_k = z_k − ln Σ e^z: ∂a_k/∂z_j = δ_kj − softmax_j, softmax_j = e^(a_j).
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < m; k++)
                {
                    d[j] += ga[k] * ((k == j ? 1 : 0) - Math.Exp(a[j]));
                }
            }

            return d;
        }

        for (int j = 0; j < m; j++)
        {
            double alpha = layer.LearnsAlpha ? theta[alphaOffset + j] : layer.AlphaOrDefault;
            d[j] = ga[j] * (layer.CustomDerivative is { } derivative ? derivative(z[j]) : Derivative(layer.Activation, z[j], a[j], alpha));
            if (layer.LearnsAlpha && z[j] < 0)
            {
                gradient[alphaOffset + j] += ga[j] * z[j]; // ∂(αz)/∂α = z for z < 0
            }
        }

        return d;
    }

    /// <summary>Where layer l's α start: after its W ([in × out]) and b.</summary>
    private int AlphaOffset(int[] offsets, double[][] a, int l) =>
        offsets[l] + a[l].Length * _layers[l].Units + _layers[l].Units;

    /// <summary>Where each layer's parameters start.</summary>
    private int[] Offsets()
    {
        int[] offsets = new int[_layers.Length];
        int width = _inputs;
        int offset = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            offsets[l] = offset;
            offset += width * _layers[l].Units + _layers[l].Units + (_layers[l].LearnsAlpha ? _layers[l].Units : 0);
            width = _layers[l].Units;
        }

        return offsets;
    }

    /// <summary>Layer l's (0-based) dropout factor for (row, unit): 1 without dropout, else mask/(1 − rate).</summary>
    private double DropoutFactor(int l, int row, int unit)
    {
        double rate = _layers[l].Dropout;
        if (rate == 0 || row < 0)
        {
            return 1;
        }

        if (_keeps is null)
        {
            throw new InvalidOperationException("A layer has dropout: give the reference its mask (keeps).");
        }

        return _keeps(l + 1, row, unit) ? 1 / (1 - rate) : 0;
    }

    /// <summary>
    /// The forward pass of batch row <paramref name="row"/> (−1: no dropout): every layer's input a[l]
    /// (a[0] = x, a[L] = y; after dropout), pre-activation z[l] and activation f[l] (before dropout).
    /// </summary>
    private (double[][] A, double[][] Z, double[][] F) Trace(double[] theta, ReadOnlySpan<float> input, int row)
    {
        double[][] a = new double[_layers.Length + 1][];
        double[][] z = new double[_layers.Length][];
        double[][] f = new double[_layers.Length][];
        a[0] = input.ToArray().Select(v => (double)v).ToArray();
        int offset = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            ReferenceLayer layer = _layers[l];
            int n = a[l].Length;
            int m = layer.Units;
            z[l] = new double[m];
            for (int j = 0; j < m; j++)
            {
                double sum = theta[offset + n * m + j];
                for (int i = 0; i < n; i++)
                {
                    sum += a[l][i] * theta[offset + i * m + j];
                }

                z[l][j] = sum;
            }

            double[] alphas = layer.LearnsAlpha
                ? theta.AsSpan(offset + n * m + m, m).ToArray()
                : Enumerable.Repeat(layer.AlphaOrDefault, m).ToArray();
            f[l] = layer.Custom is { } custom ? z[l].Select(custom).ToArray() : Activate(layer.Activation, z[l], alphas);
            a[l + 1] = f[l].Select((v, j) => v * DropoutFactor(l, row, j)).ToArray();
            offset += n * m + m + (layer.LearnsAlpha ? m : 0);
        }

        return (a, z, f);
    }

    /// <summary>The activations of SPEC §3, in double.</summary>
    public static double[] Activate(Activation activation, double[] z, double[] alphas)
    {
        if (activation == Activation.Softmax)
        {
            double max = z.Max();
            double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }

        if (activation == Activation.LogSoftmax)
        {
            // ln(e^z_k / Σ e^z), summed in double without the shift: the reference is the formula.
            double log = Math.Log(z.Sum(Math.Exp));
            return z.Select(v => v - log).ToArray();
        }

        return z.Select((v, j) => Activate(activation, v, alphas[j])).ToArray();
    }

    public static double Activate(Activation activation, double x, double alpha) => activation switch
    {
        Activation.Identity => x,
        Activation.BinaryStep => x < 0 ? 0 : 1,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-x)),
        Activation.Tanh => Math.Tanh(x),
        Activation.ArcTan => Math.Atan(x),
        Activation.ReLU => Math.Max(0, x),
        Activation.LeakyReLU or Activation.PReLU => x >= 0 ? x : alpha * x,
        Activation.ELU => x >= 0 ? x : alpha * (Math.Exp(x) - 1),
        Activation.SoftPlus => Math.Log(1 + Math.Exp(x)),
        Activation.GELU => x * ReferenceMath.Phi(x),
        Activation.SiLU => x / (1 + Math.Exp(-x)),
        Activation.Mish => x * Math.Tanh(Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)))),
        _ => throw new NotSupportedException(activation.ToString()),
    };

    /// <summary>Mish′ = t + x·sech²(sp)·σ(x), t = tanh(sp), sp = softplus(x): the chain rule through tanh and softplus.</summary>
    private static double MishDerivative(double x)
    {
        double t = Math.Tanh(Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
        return t + x * (1 - t * t) / (1 + Math.Exp(-x));
    }

    /// <summary>f′ from SPEC §3's table, given x, f(x) and α.</summary>
    public static double Derivative(Activation activation, double x, double f, double alpha) => activation switch
    {
        Activation.Identity => 1,
        Activation.BinaryStep => 0,
        Activation.Sigmoid => f * (1 - f),
        Activation.Tanh => 1 - f * f,
        Activation.ArcTan => 1 / (x * x + 1),
        Activation.ReLU => x >= 0 ? 1 : 0,
        Activation.LeakyReLU or Activation.PReLU => x >= 0 ? 1 : alpha,
        Activation.ELU => x >= 0 ? 1 : f + alpha,
        Activation.SoftPlus => 1 / (1 + Math.Exp(-x)),
        Activation.GELU => ReferenceMath.Phi(x) + x * ReferenceMath.Density(x),
        Activation.SiLU => 1 / (1 + Math.Exp(-x)) * (1 + x * (1 - 1 / (1 + Math.Exp(-x)))),
        Activation.Mish => MishDerivative(x),
        _ => throw new NotSupportedException(activation.ToString()),
    };
}
