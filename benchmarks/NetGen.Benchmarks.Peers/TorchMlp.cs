using System;
using System.Collections.Generic;
using NetGen;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// The same network in TorchSharp (libtorch), as a PyTorch user writes it: nn.Sequential of Linear
/// and Tanh/ReLU producing logits, cross_entropy (log-softmax + NLL, mean over the batch) on class
/// indices, optim.SGD / optim.Adam with the same hyperparameters; one thread. The batch and the
/// single sample are tensors created once; each step disposes its temporaries with a dispose scope.
/// </summary>
public sealed class TorchMlp : IDisposable
{
    private readonly Sequential _model;
    private readonly List<Linear> _linears = new();
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly Tensor _sample;

    /// <summary>Call once per process before anything else in TorchSharp (it is idempotent).</summary>
    public static void Initialise()
    {
        LibTorchSharpPatch.EnsureLoadable(Console.WriteLine);
        torch.set_num_threads(1);
        torch.manual_seed(0);
    }

    public TorchMlp(Shape shape, Optimizer optimizer, BenchData data, ReadOnlySpan<float> initialParameters = default)
    {
        Initialise();
        var modules = new List<nn.Module<Tensor, Tensor>>();
        for (int l = 1; l < shape.Sizes.Length; l++)
        {
            var linear = nn.Linear(shape.Sizes[l - 1], shape.Sizes[l]);
            _linears.Add(linear);
            modules.Add(linear);
            if (l < shape.Sizes.Length - 1)
            {
                modules.Add(shape.Hidden == Activation.Tanh ? nn.Tanh() : nn.ReLU());
            }
        }

        _model = nn.Sequential(modules);
        if (!initialParameters.IsEmpty)
        {
            LoadNetGenParameters(shape, initialParameters);
        }

        float learningRate = Shape.LearningRate(optimizer);
        _optimizer = optimizer == Optimizer.Adam
            ? optim.Adam(_model.parameters(), lr: learningRate)
            : optim.SGD(_model.parameters(), learningRate);
        _inputs = torch.tensor(data.Inputs, new long[] { shape.Batch, shape.Inputs });
        _labels = torch.tensor(Array.ConvertAll(data.Labels, l => (long)l), new long[] { shape.Batch });
        _sample = torch.tensor(data.Sample, new long[] { 1, shape.Inputs });
    }

    /// <summary>zero_grad, forward, cross-entropy, backward, step.</summary>
    public void TrainStep()
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.forward(_inputs), _labels);
        loss.backward();
        _optimizer.step();
    }

    /// <summary>As <see cref="TrainStep"/>, returning the loss (for the cross-check, not measured).</summary>
    public float TrainStepWithLoss()
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.forward(_inputs), _labels);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Class probabilities of the single sample, without autograd.</summary>
    public void Predict()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        nn.functional.softmax(_model.forward(_sample), 1);
    }

    /// <summary>The probabilities of the single sample (for the cross-check).</summary>
    public float[] PredictToArray()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return nn.functional.softmax(_model.forward(_sample), 1).data<float>().ToArray();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _inputs.Dispose();
        _labels.Dispose();
        _sample.Dispose();
    }

    /// <summary>Copies NetGen's flat parameters (W [in × out] then b, per layer) into the Linear layers (W [out × in]).</summary>
    private void LoadNetGenParameters(Shape shape, ReadOnlySpan<float> parameters)
    {
        using var noGrad = torch.no_grad();
        int offset = 0;
        for (int l = 1; l < shape.Sizes.Length; l++)
        {
            int nIn = shape.Sizes[l - 1], nOut = shape.Sizes[l];
            float[] w = new float[nIn * nOut];
            for (int i = 0; i < nIn; i++)
            {
                for (int j = 0; j < nOut; j++)
                {
                    w[j * nIn + i] = parameters[offset + i * nOut + j];
                }
            }

            offset += nIn * nOut;
            float[] b = parameters.Slice(offset, nOut).ToArray();
            offset += nOut;
            using Tensor wt = torch.tensor(w, new long[] { nOut, nIn });
            using Tensor bt = torch.tensor(b, new long[] { nOut });
            _linears[l - 1].weight!.copy_(wt);
            _linears[l - 1].bias!.copy_(bt);
        }
    }
}
