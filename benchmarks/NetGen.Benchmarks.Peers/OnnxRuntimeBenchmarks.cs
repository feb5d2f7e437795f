using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// NetGen against ONNX Runtime (CPU, one intra-op thread, sequential, all graph optimisations) on
/// the same weights: each NetGen network of the four shapes is exported with <see cref="OnnxExporter"/>
/// and run by ONNX Runtime through its fastest path, pre-allocated OrtValues for input and output.
/// Single sample, and a batch of 64 (NetGen: PredictBatch).
/// </summary>
[MemoryDiagnoser]
public class OnnxRuntimeInference
{
    private const int Batch = 64;
    private INeuralNetwork _netGen = null!;
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _input = null!, _output = null!, _batchInput = null!, _batchOutput = null!;
    private string[] _inputNames = null!, _outputNames = null!;
    private OrtValue[] _inputs = null!, _outputs = null!, _batchInputs = null!, _batchOutputs = null!;
    private float[] _sample = null!, _batchData = null!, _result = null!, _batchResult = null!;

    public static IEnumerable<string> Networks => Shape.Names;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    [GlobalSetup]
    public void Setup()
    {
        Shape shape = Shape.Get(Network);
        var data = new BenchData(shape);
        _netGen = shape.CreateNetGen(Optimizer.Sgd);
        _sample = data.Sample;
        _result = new float[shape.Outputs];
        _batchResult = new float[Batch * shape.Outputs];
        _batchData = new float[Batch * shape.Inputs];
        for (int i = 0; i < _batchData.Length; i++)
        {
            _batchData[i] = data.Inputs[i % data.Inputs.Length];
        }

        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(OnnxExporter.ToBytes(_netGen), options);
        _runOptions = new RunOptions();
        _inputNames = new[] { "input" };
        _outputNames = new[] { "output" };
        _input = OrtValue.CreateTensorValueFromMemory(_sample, new long[] { 1, shape.Inputs });
        _output = OrtValue.CreateTensorValueFromMemory(new float[shape.Outputs], new long[] { 1, shape.Outputs });
        _batchInput = OrtValue.CreateTensorValueFromMemory(_batchData, new long[] { Batch, shape.Inputs });
        _batchOutput = OrtValue.CreateTensorValueFromMemory(new float[Batch * shape.Outputs], new long[] { Batch, shape.Outputs });
        _inputs = new[] { _input };
        _outputs = new[] { _output };
        _batchInputs = new[] { _batchInput };
        _batchOutputs = new[] { _batchOutput };

        // Both compute the same thing.
        OnnxRuntimePredict();
        NetGenPredict();
        ReadOnlySpan<float> onnx = _output.GetTensorDataAsSpan<float>();
        for (int j = 0; j < _result.Length; j++)
        {
            if (Math.Abs(onnx[j] - _result[j]) > 1e-5f)
            {
                throw new InvalidOperationException($"{Network}: ONNX Runtime {onnx[j]} vs NetGen {_result[j]} at output {j}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input.Dispose();
        _output.Dispose();
        _batchInput.Dispose();
        _batchOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NetGenPredict() => _netGen.Predict(_sample, _result);

    [Benchmark]
    public void OnnxRuntimePredict() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    [Benchmark]
    public void NetGenPredictBatch() => _netGen.PredictBatch(_batchData, _batchResult, Batch);

    [Benchmark]
    public void OnnxRuntimePredictBatch() => _session.Run(_runOptions, _inputNames, _batchInputs, _outputNames, _batchOutputs);
}
