using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using NetGen;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// One training step (forward, softmax cross-entropy, backward, optimizer update) on a full batch,
/// for the same network in NetGen's generated code, TorchSharp (libtorch, 1 thread) and naive C#.
/// NetGen is the baseline, so BenchmarkDotNet's Ratio column is time(peer) / time(NetGen).
/// The job (launches, warm-ups, iterations) comes from Program.cs.
/// </summary>
[MemoryDiagnoser]
public class Training
{
    private ITrainableNetwork _netGen = null!;
    private TorchMlp _torch = null!;
    private NaiveMlp _naive = null!;
    private BenchData _data = null!;
    private Shape _shape = null!;

    public static IEnumerable<string> Networks => Shape.Names;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    [Params(Optimizer.Sgd, Optimizer.Adam)]
    public Optimizer Optimizer { get; set; }

    [GlobalSetup(Target = nameof(NetGenTrain))]
    public void SetupNetGen()
    {
        Common();
        _netGen = _shape.CreateNetGen(Optimizer);
    }

    [GlobalSetup(Target = nameof(TorchSharpTrain))]
    public void SetupTorchSharp()
    {
        Common();
        _torch = new TorchMlp(_shape, Optimizer, _data);
    }

    [GlobalSetup(Target = nameof(NaiveTrain))]
    public void SetupNaive()
    {
        Common();
        _naive = new NaiveMlp(_shape, Optimizer);
    }

    [GlobalCleanup(Target = nameof(TorchSharpTrain))]
    public void CleanupTorchSharp() => _torch.Dispose();

    /// <summary>NetGen: the generated TrainBatch.</summary>
    [Benchmark(Baseline = true)]
    public float NetGenTrain() => _netGen.TrainBatch(_data.Inputs, _data.OneHot, _shape.Batch);

    /// <summary>TorchSharp: zero_grad, forward, cross_entropy, backward, step.</summary>
    [Benchmark]
    public void TorchSharpTrain() => _torch.TrainStep();

    /// <summary>Naive C#: nested loops over float[].</summary>
    [Benchmark]
    public float NaiveTrain() => _naive.TrainBatch(_data.Inputs, _data.OneHot, _shape.Batch);

    private void Common()
    {
        _shape = Shape.Get(Network);
        _data = new BenchData(_shape);
    }
}

/// <summary>
/// Single-sample inference: the class probabilities of one input. NetGen's Predict (into a span),
/// TorchSharp's forward + softmax under no_grad (the result stays in a tensor), naive C#.
/// </summary>
[MemoryDiagnoser]
public class Inference
{
    private INeuralNetwork _netGen = null!;
    private TorchMlp _torch = null!;
    private NaiveMlp _naive = null!;
    private BenchData _data = null!;
    private float[] _output = null!;

    public static IEnumerable<string> Networks => Shape.Names;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    [GlobalSetup(Target = nameof(NetGenPredict))]
    public void SetupNetGen()
    {
        Shape shape = Common();
        _netGen = shape.CreateNetGen(Optimizer.Sgd);
    }

    [GlobalSetup(Target = nameof(TorchSharpPredict))]
    public void SetupTorchSharp()
    {
        Shape shape = Common();
        _torch = new TorchMlp(shape, Optimizer.Sgd, _data);
    }

    [GlobalSetup(Target = nameof(NaivePredict))]
    public void SetupNaive()
    {
        Shape shape = Common();
        _naive = new NaiveMlp(shape, Optimizer.Sgd);
    }

    [GlobalCleanup(Target = nameof(TorchSharpPredict))]
    public void CleanupTorchSharp() => _torch.Dispose();

    [Benchmark(Baseline = true)]
    public void NetGenPredict() => _netGen.Predict(_data.Sample, _output);

    [Benchmark]
    public void TorchSharpPredict() => _torch.Predict();

    [Benchmark]
    public void NaivePredict() => _naive.Predict(_data.Sample, _output);

    private Shape Common()
    {
        Shape shape = Shape.Get(Network);
        _data = new BenchData(shape);
        _output = new float[shape.Outputs];
        return shape;
    }
}
