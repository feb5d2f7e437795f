using System;
using NetGen;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// The "plain hand-written C# loop" baseline: the same network, loss and optimizer written the way a
/// careful programmer would without SIMD, spans or unsafe code. float[] arrays with their bounds
/// checks, one forward and one backward per layer over the whole batch, the loops ordered so the
/// innermost one walks memory contiguously (x·W as i-outer/j-inner, row-major W [in × out] like
/// NetGen's Parameters). Nothing is allocated per step or per prediction.
/// </summary>
public sealed class NaiveMlp
{
    private readonly int[] _sizes;
    private readonly int _layers;
    private readonly bool _tanh;
    private readonly Optimizer _optimizer;
    private readonly float _learningRate;
    private readonly float[][] _w, _b, _gw, _gb;
    private readonly float[][] _mw, _mb, _vw, _vb; // Adam moments
    private readonly float[][] _a; // activations per layer, [batch × size]; _a[0] is unused (the input)
    private readonly float[][] _d; // ∂loss/∂z per layer, [batch × size]
    private readonly float[][] _one; // single-sample activations for Predict
    private long _step;

    public NaiveMlp(Shape shape, Optimizer optimizer, ReadOnlySpan<float> initialParameters = default)
    {
        _sizes = shape.Sizes;
        _layers = _sizes.Length - 1;
        _tanh = shape.Hidden == Activation.Tanh;
        if (!_tanh && shape.Hidden != Activation.ReLU)
        {
            throw new ArgumentException("Only Tanh and ReLU hidden layers are implemented.", nameof(shape));
        }

        _optimizer = optimizer;
        _learningRate = Shape.LearningRate(optimizer);
        _w = new float[_layers + 1][];
        _b = new float[_layers + 1][];
        _gw = new float[_layers + 1][];
        _gb = new float[_layers + 1][];
        _mw = new float[_layers + 1][];
        _mb = new float[_layers + 1][];
        _vw = new float[_layers + 1][];
        _vb = new float[_layers + 1][];
        _a = new float[_layers + 1][];
        _d = new float[_layers + 1][];
        _one = new float[_layers + 1][];
        var random = new Random(1);
        int offset = 0;
        for (int l = 1; l <= _layers; l++)
        {
            int nIn = _sizes[l - 1], nOut = _sizes[l];
            _w[l] = new float[nIn * nOut];
            _b[l] = new float[nOut];
            _gw[l] = new float[nIn * nOut];
            _gb[l] = new float[nOut];
            _mw[l] = new float[nIn * nOut];
            _mb[l] = new float[nOut];
            _vw[l] = new float[nIn * nOut];
            _vb[l] = new float[nOut];
            _a[l] = new float[shape.Batch * nOut];
            _d[l] = new float[shape.Batch * nOut];
            _one[l] = new float[nOut];
            if (initialParameters.IsEmpty)
            {
                float bound = MathF.Sqrt(6f / (nIn + nOut));
                for (int i = 0; i < _w[l].Length; i++)
                {
                    _w[l][i] = (float)(random.NextDouble() * 2 - 1) * bound;
                }
            }
            else
            {
                // NetGen's layout: W [in × out] row-major, then b, layer by layer.
                initialParameters.Slice(offset, nIn * nOut).CopyTo(_w[l]);
                offset += nIn * nOut;
                initialParameters.Slice(offset, nOut).CopyTo(_b[l]);
                offset += nOut;
            }
        }
    }

    /// <summary>Forward, softmax cross-entropy (mean over the batch), backward, one optimizer step.</summary>
    /// <param name="x">count × inputs.</param>
    /// <param name="y">count × outputs, one-hot (or any distribution).</param>
    /// <param name="count">Samples in the batch, at most the shape's batch size.</param>
    /// <returns>The loss before the step.</returns>
    public float TrainBatch(float[] x, float[] y, int count)
    {
        // Forward, layer by layer over the whole batch.
        for (int l = 1; l <= _layers; l++)
        {
            float[] input = l == 1 ? x : _a[l - 1];
            Forward(input, _w[l], _b[l], _a[l], _sizes[l - 1], _sizes[l], count, hidden: l < _layers);
        }

        // Softmax and cross-entropy, fused: d = (p − y) / count.
        int k = _sizes[_layers];
        float[] output = _a[_layers];
        float[] dOut = _d[_layers];
        float loss = 0f;
        for (int s = 0; s < count; s++)
        {
            float max = float.NegativeInfinity;
            for (int j = 0; j < k; j++)
            {
                max = MathF.Max(max, output[s * k + j]);
            }

            float sum = 0f;
            for (int j = 0; j < k; j++)
            {
                sum += MathF.Exp(output[s * k + j] - max);
            }

            float logSum = MathF.Log(sum) + max;
            for (int j = 0; j < k; j++)
            {
                float logP = output[s * k + j] - logSum;
                loss -= y[s * k + j] * logP;
                dOut[s * k + j] = (MathF.Exp(logP) - y[s * k + j]) / count;
            }
        }

        loss /= count;

        // Backward, last layer first.
        for (int l = _layers; l >= 1; l--)
        {
            float[] input = l == 1 ? x : _a[l - 1];
            Backward(input, _w[l], _d[l], _gw[l], _gb[l], l > 1 ? _d[l - 1] : null, _sizes[l - 1], _sizes[l], count);
        }

        // The optimizer.
        _step++;
        for (int l = 1; l <= _layers; l++)
        {
            Update(_w[l], _gw[l], _mw[l], _vw[l]);
            Update(_b[l], _gb[l], _mb[l], _vb[l]);
        }

        return loss;
    }

    /// <summary>One sample: output receives the class probabilities.</summary>
    public void Predict(float[] x, float[] output)
    {
        for (int l = 1; l <= _layers; l++)
        {
            float[] input = l == 1 ? x : _one[l - 1];
            Forward(input, _w[l], _b[l], _one[l], _sizes[l - 1], _sizes[l], 1, hidden: l < _layers);
        }

        float[] z = _one[_layers];
        int k = z.Length;
        float max = float.NegativeInfinity;
        for (int j = 0; j < k; j++)
        {
            max = MathF.Max(max, z[j]);
        }

        float sum = 0f;
        for (int j = 0; j < k; j++)
        {
            output[j] = MathF.Exp(z[j] - max);
            sum += output[j];
        }

        for (int j = 0; j < k; j++)
        {
            output[j] /= sum;
        }
    }

    /// <summary>a = f(x·W + b) for each sample (f applied to hidden layers only).</summary>
    private void Forward(float[] x, float[] w, float[] b, float[] a, int nIn, int nOut, int count, bool hidden)
    {
        for (int s = 0; s < count; s++)
        {
            for (int j = 0; j < nOut; j++)
            {
                a[s * nOut + j] = b[j];
            }

            for (int i = 0; i < nIn; i++)
            {
                float xi = x[s * nIn + i];
                for (int j = 0; j < nOut; j++)
                {
                    a[s * nOut + j] += xi * w[i * nOut + j];
                }
            }

            if (hidden)
            {
                for (int j = 0; j < nOut; j++)
                {
                    float z = a[s * nOut + j];
                    a[s * nOut + j] = _tanh ? MathF.Tanh(z) : MathF.Max(z, 0f);
                }
            }
        }
    }

    /// <summary>∇W = xᵀ·d, ∇b = Σ d, and the previous layer's d = (d·Wᵀ) ⊙ f′(x).</summary>
    private void Backward(float[] x, float[] w, float[] d, float[] gw, float[] gb, float[]? dPrevious, int nIn, int nOut, int count)
    {
        Array.Clear(gw);
        Array.Clear(gb);
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < nIn; i++)
            {
                float xi = x[s * nIn + i];
                for (int j = 0; j < nOut; j++)
                {
                    gw[i * nOut + j] += xi * d[s * nOut + j];
                }
            }

            for (int j = 0; j < nOut; j++)
            {
                gb[j] += d[s * nOut + j];
            }
        }

        if (dPrevious is null)
        {
            return;
        }

        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < nIn; i++)
            {
                float sum = 0f;
                for (int j = 0; j < nOut; j++)
                {
                    sum += d[s * nOut + j] * w[i * nOut + j];
                }

                float a = x[s * nIn + i]; // the previous layer's activation: f′ from f
                dPrevious[s * nIn + i] = sum * (_tanh ? 1f - a * a : a > 0f ? 1f : 0f);
            }
        }
    }

    private void Update(float[] p, float[] g, float[] m, float[] v)
    {
        if (_optimizer == Optimizer.Sgd)
        {
            for (int i = 0; i < p.Length; i++)
            {
                p[i] -= _learningRate * g[i];
            }

            return;
        }

        const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
        float correction1 = (float)(1.0 / (1.0 - Math.Pow(Beta1, _step)));
        float correction2 = (float)(1.0 / (1.0 - Math.Pow(Beta2, _step)));
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = Beta1 * m[i] + (1f - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1f - Beta2) * g[i] * g[i];
            p[i] -= _learningRate * (m[i] * correction1) / (MathF.Sqrt(v[i] * correction2) + Epsilon);
        }
    }
}
