using System;
using System.Linq;

namespace NetGen.Tests.Reference;

/// <summary>One layer of the reference network: its width, activation and α.</summary>
public sealed record ReferenceLayer(int Units, Activation Activation, double Alpha = double.NaN);

/// <summary>
/// An independent double-precision model of a NetGen network, written from the formulas of
/// SPEC §3–§4 (docs/math.md) and sharing no code with the generator: the parameter layout
/// (W [in × out] row-major, then b, layer by layer), every activation and every loss.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly int _inputs;
    private readonly ReferenceLayer[] _layers;
    private readonly Loss _loss;
    private readonly double _huberDelta;

    public ReferenceNetwork(int inputs, ReferenceLayer[] layers, Loss loss, double huberDelta = 1)
    {
        _inputs = inputs;
        _layers = layers;
        _loss = loss;
        _huberDelta = huberDelta;
    }

    public int ParameterCount
    {
        get
        {
            int count = 0;
            int width = _inputs;
            foreach (ReferenceLayer layer in _layers)
            {
                count += width * layer.Units + layer.Units;
                width = layer.Units;
            }

            return count;
        }
    }

    public int OutputSize => _layers[^1].Units;

    /// <summary>The network's output for one sample.</summary>
    public double[] Forward(double[] theta, ReadOnlySpan<float> input) => ForwardWithLogits(theta, input).Output;

    /// <summary>The batch loss as SPEC §4 defines it.</summary>
    public double Loss(double[] theta, float[] inputs, float[] targets, int count)
    {
        int k = OutputSize;
        double sum = 0;
        for (int s = 0; s < count; s++)
        {
            (double[] y, double[] z) = ForwardWithLogits(theta, inputs.AsSpan(s * _inputs, _inputs));
            for (int j = 0; j < k; j++)
            {
                double t = targets[s * k + j];
                double e = y[j] - t;
                sum += _loss switch
                {
                    NetGen.Loss.MeanSquaredError => e * e,
                    NetGen.Loss.HalfSquaredError => 0.5 * e * e,
                    NetGen.Loss.Huber => Math.Abs(e) <= _huberDelta ? 0.5 * e * e : _huberDelta * (Math.Abs(e) - 0.5 * _huberDelta),
                    NetGen.Loss.BinaryCrossEntropy => -(t * Math.Log(y[j]) + (1 - t) * Math.Log(1 - y[j])),
                    NetGen.Loss.CrossEntropy => -t * Math.Log(y[j]),
                    _ => throw new NotSupportedException(_loss.ToString()),
                };
            }

            _ = z;
        }

        bool meanOverOutputs = _loss is NetGen.Loss.MeanSquaredError or NetGen.Loss.Huber or NetGen.Loss.BinaryCrossEntropy;
        return meanOverOutputs ? sum / (count * k) : sum / count;
    }

    /// <summary>∂Loss/∂θ by central finite differences of <see cref="Loss"/> in double.</summary>
    public double[] FiniteDifferenceGradient(double[] theta, float[] inputs, float[] targets, int count, double step = 1e-6)
    {
        double[] gradient = new double[theta.Length];
        double[] probe = (double[])theta.Clone();
        for (int i = 0; i < theta.Length; i++)
        {
            probe[i] = theta[i] + step;
            double plus = Loss(probe, inputs, targets, count);
            probe[i] = theta[i] - step;
            double minus = Loss(probe, inputs, targets, count);
            probe[i] = theta[i];
            gradient[i] = (plus - minus) / (2 * step);
        }

        return gradient;
    }

    private (double[] Output, double[] Logits) ForwardWithLogits(double[] theta, ReadOnlySpan<float> input)
    {
        double[] x = input.ToArray().Select(v => (double)v).ToArray();
        double[] z = x;
        int offset = 0;
        foreach (ReferenceLayer layer in _layers)
        {
            int n = x.Length;
            int m = layer.Units;
            z = new double[m];
            for (int j = 0; j < m; j++)
            {
                double sum = theta[offset + n * m + j];
                for (int i = 0; i < n; i++)
                {
                    sum += x[i] * theta[offset + i * m + j];
                }

                z[j] = sum;
            }

            offset += n * m + m;
            x = Activate(layer, z);
        }

        return (x, z);
    }

    /// <summary>The activations of SPEC §3, in double.</summary>
    public static double[] Activate(ReferenceLayer layer, double[] z)
    {
        if (layer.Activation == Activation.Softmax)
        {
            double max = z.Max();
            double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }

        return z.Select(v => Activate(layer.Activation, v, layer.Alpha)).ToArray();
    }

    public static double Activate(Activation activation, double x, double alpha = double.NaN) => activation switch
    {
        Activation.Identity => x,
        Activation.BinaryStep => x < 0 ? 0 : 1,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-x)),
        Activation.Tanh => Math.Tanh(x),
        Activation.ArcTan => Math.Atan(x),
        Activation.ReLU => Math.Max(0, x),
        Activation.LeakyReLU => x >= 0 ? x : (double.IsNaN(alpha) ? 0.01 : alpha) * x,
        Activation.ELU => x >= 0 ? x : (double.IsNaN(alpha) ? 1 : alpha) * (Math.Exp(x) - 1),
        Activation.SoftPlus => Math.Log(1 + Math.Exp(x)),
        _ => throw new NotSupportedException(activation.ToString()),
    };
}
