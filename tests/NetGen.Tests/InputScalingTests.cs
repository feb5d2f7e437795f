using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Data;
using NetGen.Models;
using NetGen.Onnx;
using NetGen.Samples;
using NetGen.Selection;
using NetGen.Tests.Scaling;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Models carry their preprocessing: a declared input scaling is fitted from training data, applied
/// inside Predict, PredictBatch and training for every code strategy, saved in model files (format
/// version 2, which still reads version 1), compiled in with embedded weights and exported to ONNX;
/// class names travel with the network.
/// </summary>
public sealed class InputScalingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-scaling-" + Guid.NewGuid().ToString("N"));

    public InputScalingTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Four rows, five columns: an increasing one, a constant one, a symmetric one, fractions, tens.</summary>
    private static readonly float[] Rows =
    {
        1f, 5f, -2f, 0.5f, 10f,
        2f, 5f, 0f, 0.25f, 20f,
        3f, 5f, 2f, 0f, 30f,
        4f, 5f, 4f, 1f, 40f,
    };

    [Fact]
    public void StandardizeFitsTheMeanAndPopulationStandardDeviation()
    {
        var net = new StandardizedLoops();
        Assert.False(net.IsInputScalingFitted);
        net.FitInputScaling(Rows, 4);
        Assert.True(net.IsInputScalingFitted);
        Assert.Equal(InputScaling.Standardize, net.InputScaling);
        // By hand: means 2.5, 5, 1, 0.4375, 25; variances 1.25, 0 (constant: divisor 1), 5, 0.13671875, 125.
        Assert.Equal(new[] { 2.5f, 5f, 1f, 0.4375f, 25f }, net.InputOffsets.ToArray());
        Assert.Equal(new[] { (float)Math.Sqrt(1.25), 1f, (float)Math.Sqrt(5), (float)Math.Sqrt(0.13671875), (float)Math.Sqrt(125) }, net.InputDivisors.ToArray());
    }

    [Fact]
    public void MinMaxFitsTheMinimumAndRange()
    {
        var net = new MinMaxUnrolled();
        net.FitInputScaling(Rows, 4);
        Assert.Equal(InputScaling.MinMax, net.InputScaling);
        Assert.Equal(new[] { 1f, 5f, -2f, 0f, 10f }, net.InputOffsets.ToArray());
        Assert.Equal(new[] { 3f, 1f, 6f, 1f, 30f }, net.InputDivisors.ToArray());
    }

    [Fact]
    public void TheStatisticsAreThoseOfTheRuntimesScalers()
    {
        var standardized = new StandardizedSimd();
        var minMax = new MinMaxUnrolled();
        float[] data = RawRows(37, 5, seed: 4);
        standardized.FitInputScaling(data, 37);
        minMax.FitInputScaling(data, 37);
        StandardScaler standard = StandardScaler.Fit(data, 5);
        MinMaxScaler range = MinMaxScaler.Fit(data, 5);
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal((float)standard.Mean[j], standardized.InputOffsets[j]);
            Assert.Equal((float)standard.StandardDeviation[j], standardized.InputDivisors[j]);
            Assert.Equal((float)range.DataMinimum[j], minMax.InputOffsets[j]);
            Assert.Equal((float)(range.DataMaximum[j] - range.DataMinimum[j]), minMax.InputDivisors[j]);
        }
    }

    public static IEnumerable<object[]> Strategies =>
        new[] { "loops", "simd", "unrolled", "lanes", "threads", "wide" }.Select(s => new object[] { s });

    private static (ITrainableNetwork Scaled, ITrainableNetwork Twin) Pair(string strategy) => strategy switch
    {
        "loops" => (new StandardizedLoops(), new TwinLoops()),
        "simd" => (new StandardizedSimd(), new TwinSimd()),
        "unrolled" => (new MinMaxUnrolled(), new TwinUnrolled()),
        "lanes" => (new StandardizedLanes(), new TwinLanes()),
        "threads" => (new MinMaxThreads(), new TwinThreads()),
        "wide" => (new StandardizedWide(), new TwinWide()),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    /// <summary>
    /// Raw rows into the scaling network give exactly (bit for bit) what its unscaled twin with the same
    /// parameters gives on rows scaled as (x − offset) / divisor in float: Predict, PredictBatch, the
    /// loss and every gradient, unweighted and weighted; and within float rounding what the twin gives on
    /// rows scaled by the runtime's StandardScaler or MinMaxScaler (which compute in double).
    /// </summary>
    [Theory]
    [MemberData(nameof(Strategies))]
    public void EveryStrategyScalesInsideEveryEntryPoint(string strategy)
    {
        (ITrainableNetwork scaled, ITrainableNetwork twin) = Pair(strategy);
        var s = (IInputScaled)scaled;
        Assert.False(twin is IInputScaled);
        int width = scaled.InputSize, outputs = scaled.OutputSize, batch = scaled.BatchSize;
        var random = new SeededRandom(11);
        float[] parameters = Enumerable.Range(0, scaled.ParameterCount).Select(_ => 1.2f * random.NextSingle() - 0.6f).ToArray();
        parameters.CopyTo(scaled.Parameters);
        parameters.CopyTo(twin.Parameters);

        int rows = 70; // more than PredictBatch's 64-row chunk
        float[] raw = RawRows(rows, width, seed: strategy.Length);
        s.FitInputScaling(raw, rows);
        float[] exact = ScaleInFloat(raw, s.InputOffsets.ToArray(), s.InputDivisors.ToArray());
        float[] manual = (float[])raw.Clone();
        if (s.InputScaling == InputScaling.Standardize)
        {
            StandardScaler.Fit(raw, width).TransformInPlace(manual);
        }
        else
        {
            MinMaxScaler.Fit(raw, width).TransformInPlace(manual);
        }

        // Predict, row by row.
        var expected = new float[outputs];
        var actual = new float[outputs];
        var viaScaler = new float[outputs];
        for (int r = 0; r < rows; r++)
        {
            scaled.Predict(raw.AsSpan(r * width, width), actual);
            twin.Predict(exact.AsSpan(r * width, width), expected);
            twin.Predict(manual.AsSpan(r * width, width), viaScaler);
            Assert.Equal(expected, actual);
            for (int j = 0; j < outputs; j++)
            {
                Assert.True(Math.Abs(actual[j] - viaScaler[j]) <= 1e-5f * (1 + Math.Abs(viaScaler[j])), $"{strategy} row {r}: {actual[j]} vs the scaler's {viaScaler[j]}");
            }
        }

        // PredictBatch, over several chunks.
        var batchActual = new float[rows * outputs];
        var batchExpected = new float[rows * outputs];
        scaled.PredictBatch(raw, batchActual, rows);
        twin.PredictBatch(exact, batchExpected, rows);
        Assert.Equal(batchExpected, batchActual);

        // ComputeLossAndGradients, unweighted and weighted: the gradients of the twin on pre-scaled rows.
        float[] targets = OneHotOrValues(batch, outputs, random);
        float[] weights = Enumerable.Range(0, batch).Select(i => 0.5f + i).ToArray();
        float loss = scaled.ComputeLossAndGradients(raw.AsSpan(0, batch * width), targets, batch);
        float twinLoss = twin.ComputeLossAndGradients(exact.AsSpan(0, batch * width), targets, batch);
        Assert.Equal(twinLoss, loss);
        Assert.Equal(twin.Gradients.ToArray(), scaled.Gradients.ToArray());
        loss = scaled.ComputeLossAndGradients(raw.AsSpan(0, batch * width), targets, weights, batch);
        twinLoss = twin.ComputeLossAndGradients(exact.AsSpan(0, batch * width), targets, weights, batch);
        Assert.Equal(twinLoss, loss);
        Assert.Equal(twin.Gradients.ToArray(), scaled.Gradients.ToArray());

        // TrainBatch: the same step, so the same parameters after it.
        scaled.TrainBatch(raw.AsSpan(0, 3 * width), targets.AsSpan(0, 3 * outputs), 3);
        twin.TrainBatch(exact.AsSpan(0, 3 * width), targets.AsSpan(0, 3 * outputs), 3);
        Assert.Equal(twin.Parameters.ToArray(), scaled.Parameters.ToArray());
        Assert.Equal(raw, RawRows(rows, width, seed: strategy.Length)); // the caller's rows are never written
    }

    /// <summary>The scaling allocates nothing per call: after a thread's first call, Predict, PredictBatch and a training step allocate 0 bytes, also for the 4,100-input network (its per-thread row buffer).</summary>
    [Theory]
    [InlineData("simd")]
    [InlineData("threads")]
    [InlineData("wide")]
    public void ScalingAllocatesNothingPerCall(string strategy)
    {
        (ITrainableNetwork net, _) = Pair(strategy);
        int width = net.InputSize, outputs = net.OutputSize;
        float[] raw = RawRows(net.BatchSize, width, seed: 2);
        ((IInputScaled)net).FitInputScaling(raw, net.BatchSize);
        float[] targets = new float[net.BatchSize * outputs];
        float[] output = new float[net.BatchSize * outputs];
        void Calls()
        {
            net.Predict(raw.AsSpan(0, width), output.AsSpan(0, outputs));
            net.PredictBatch(raw, output, net.BatchSize);
            net.ComputeLossAndGradients(raw, targets, net.BatchSize);
        }

        Calls();
        Assert.Equal(0, Allocations.Fewest(Calls));
    }

    [Fact]
    public void AnInferenceOnlyNetworkScalesToo()
    {
        var scaled = new StandardizedInference();
        var twin = new TwinInference();
        scaled.Parameters.CopyTo(twin.Parameters);
        scaled.SetInputScaling(new[] { 1f, 2f, 3f, 4f, 5f }, new[] { 2f, 0.5f, 1f, 8f, 3f });
        float[] raw = { 3f, 1f, 3f, -4f, 11f };
        float[] expected = new float[3], actual = new float[3];
        twin.Predict(new[] { 1f, -2f, 0f, -1f, 2f }, expected);
        scaled.Predict(raw, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f }, scaled.InputOffsets.ToArray());
        Assert.Equal(new[] { 2f, 0.5f, 1f, 8f, 3f }, scaled.InputDivisors.ToArray());
    }

    [Fact]
    public void AnUnfittedScalingIsRefusedEverywhereWithTheFix()
    {
        var net = new StandardizedSimd();
        float[] row = new float[5], output = new float[3], targets = { 1f, 0f, 0f };
        void Check(Action action)
        {
            var error = Assert.Throws<InvalidOperationException>(action);
            Assert.Contains("NetGen.Tests.Scaling.StandardizedSimd declares an input scaling, but its statistics are not fitted yet", error.Message, StringComparison.Ordinal);
            Assert.Contains("FitInputScaling(trainingData)", error.Message, StringComparison.Ordinal);
        }

        Check(() => net.Predict(row, output));
        Check(() => net.PredictBatch(row, output, 1));
        Check(() => net.ComputeLossAndGradients(row, targets, 1));
        Check(() => net.TrainBatch(row, targets, 1));
        Check(() => net.ComputeLossAndGradients(row, targets, new[] { 1f }, 1));
        Assert.Contains("not fitted yet", Assert.Throws<InvalidOperationException>(() => ModelFile.Save(net, new MemoryStream())).Message, StringComparison.Ordinal);
        Assert.Contains("not fitted yet", Assert.Throws<InvalidOperationException>(() => OnnxExporter.ToBytes(net)).Message, StringComparison.Ordinal);

        // Bad statistics are refused and change nothing.
        Assert.Throws<ArgumentException>(() => net.SetInputScaling(new float[5], new[] { 1f, 1f, 0f, 1f, 1f }));
        Assert.Throws<ArgumentException>(() => net.SetInputScaling(new float[4], new float[4]));
        float[] withNaN = (float[])Rows.Clone();
        withNaN[7] = float.NaN;
        Assert.Contains("Row 1, input 2 (0-based) is NaN", Assert.Throws<ArgumentException>(() => net.FitInputScaling(withNaN, 4)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.FitInputScaling(Rows, 3));
        Assert.False(net.IsInputScalingFitted);
        Assert.Equal(new float[5], net.InputOffsets.ToArray());
        Assert.Equal(Enumerable.Repeat(1f, 5), net.InputDivisors.ToArray());
    }

    [Fact]
    public void TheFitInputScalingExtensionReadsADataSet()
    {
        var net = new StandardizedLoops();
        var data = new DataSet((float[])Rows.Clone(), new float[12], 4, 5, 3);
        net.FitInputScaling(data);
        Assert.Equal(new[] { 2.5f, 5f, 1f, 0.4375f, 25f }, net.InputOffsets.ToArray());
        Assert.Throws<ArgumentException>(() => new StandardizedInference().FitInputScaling(new DataSet(new float[4], new float[3], 1, 4, 3)));
    }

    /// <summary>Iris from its CSV, raw: the Trainer fits the scaling from the training rows only, adopts the class names, and learns.</summary>
    [Fact]
    public void TheTrainerFitsTheScalingFromTheTrainingRowsAndAdoptsTheClassNames()
    {
        DataSet iris = IrisSample.LoadDataSet();
        (DataSet train, DataSet test) = iris.Split(trainFraction: 0.8, seed: 2024);
        var net = new ScaledIris();
        Assert.Null(net.ClassNames);
        new Trainer(net, new TrainerOptions { Epochs = 60, Seed = 1 }).Fit(train, test);

        var reference = new ScaledIris();
        reference.FitInputScaling(train);
        Assert.Equal(reference.InputOffsets.ToArray(), net.InputOffsets.ToArray());
        Assert.Equal(reference.InputDivisors.ToArray(), net.InputDivisors.ToArray());
        Assert.Equal(iris.ClassNames, net.ClassNames);
        float accuracy = NetGen.Metrics.Classification.Accuracy(net, test);
        Assert.True(accuracy >= 0.9f, $"test accuracy on raw rows {accuracy}");

        // Fitted already: a second training keeps the statistics (even on other rows).
        new Trainer(net, new TrainerOptions { Epochs = 1, Seed = 1 }).Fit(test);
        Assert.Equal(reference.InputOffsets.ToArray(), net.InputOffsets.ToArray());
    }

    [Fact]
    public void LbfgsAndCrossValidationFitTheScalingToo()
    {
        DataSet iris = IrisSample.LoadDataSet();
        var net = new ScaledIris();
        new LbfgsTrainer(net, new LbfgsOptions { MaxIterations = 5 }).Fit(iris);
        Assert.True(net.IsInputScalingFitted);
        Assert.Equal(iris.ClassNames, net.ClassNames);

        var created = new List<ScaledIris>();
        CrossValidationResult result = CrossValidation.Run(() => { var n = new ScaledIris(); created.Add(n); return n; }, iris, new TrainerOptions { Epochs = 20, Seed = 1 }, folds: 3, seed: 1);
        Assert.Equal(3, created.Count);
        Assert.All(created, n => Assert.True(n.IsInputScalingFitted));
        Assert.True(created[0].InputOffsets[0] != created[1].InputOffsets[0], "each fold is fitted on its own training rows");
        Assert.True(result.MeanScore > 0.85, $"cross-validated score {result.MeanScore}");
    }

    [Fact]
    public void AModelFileCarriesTheScalingAndTheClassNames()
    {
        var net = new StandardizedLoops();
        net.FitInputScaling(Rows, 4);
        net.ClassNames = new[] { "a", "β", "long name, with spaces" };
        string path = Path.Combine(_directory, "scaled.ngmf");
        ModelFile.Save(net, path);

        ModelInfo info = ModelFile.ReadInfo(path);
        Assert.Equal(2, info.FormatVersion);
        Assert.Equal(InputScaling.Standardize, info.InputScaling);
        Assert.Equal(net.InputOffsets.ToArray(), info.InputOffsets);
        Assert.Equal(net.InputDivisors.ToArray(), info.InputDivisors);
        Assert.Equal(new[] { "a", "β", "long name, with spaces" }, info.ClassNames);
        Assert.Equal("5 > Standardize > Dense(7, Tanh) > Dense(3, Softmax)", info.Architecture);

        var loaded = new StandardizedLoops();
        ModelFile.Load(loaded, path);
        Assert.True(loaded.IsInputScalingFitted);
        Assert.Equal(net.InputOffsets.ToArray(), loaded.InputOffsets.ToArray());
        Assert.Equal(net.InputDivisors.ToArray(), loaded.InputDivisors.ToArray());
        Assert.Equal(net.ClassNames, loaded.ClassNames);
        float[] a = new float[3], b = new float[3];
        net.Predict(Rows.AsSpan(5, 5), a);
        loaded.Predict(Rows.AsSpan(5, 5), b);
        Assert.Equal(a, b);

        // The scaling is part of the architecture: neither way round does a file load into the other.
        Assert.NotEqual(TwinLoops.ArchitectureFingerprint, StandardizedLoops.ArchitectureFingerprint);
        var twin = new TwinLoops();
        Assert.Contains("architecture '5 > Standardize > Dense(7, Tanh) > Dense(3, Softmax)'", Assert.Throws<InvalidDataException>(() => ModelFile.Load(twin, path)).Message, StringComparison.Ordinal);
        string twinPath = Path.Combine(_directory, "twin.ngmf");
        ModelFile.Save(twin, twinPath);
        Assert.Null(ModelFile.ReadInfo(twinPath).ClassNames);
        Assert.Equal(InputScaling.None, ModelFile.ReadInfo(twinPath).InputScaling);
        Assert.Throws<InvalidDataException>(() => ModelFile.Load(new StandardizedLoops(), twinPath));
        Assert.Throws<InvalidDataException>(() => ModelFile.Load(new MinMaxUnrolled(), path));
    }

    /// <summary>A version-1 file written by the old runtime (Models/xor.ngmf, checked in) and one made from the v1 layout both still load.</summary>
    [Fact]
    public void VersionOneFilesStillLoad()
    {
        string xor = Path.Combine(AppContext.BaseDirectory, "Models", "xor.ngmf");
        byte[] old = File.ReadAllBytes(xor);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(old.AsSpan(4)));
        var net = new XorNet();
        ModelFile.Load(net, xor);
        Assert.Equal(1, ModelFile.ReadInfo(xor).FormatVersion);
        Assert.Null(ModelFile.ReadInfo(xor).ClassNames);
        Assert.Equal(InputScaling.None, ModelFile.ReadInfo(xor).InputScaling);
        float[] output = new float[1];
        net.Predict(new[] { 1f, 0f }, output);
        Assert.True(output[0] > 0.5f);

        // The v1 layout built from a v2 file: version 1, no preprocessing block, a new checksum.
        var twin = new TwinLoops();
        twin.ClassNames = new[] { "x", "y", "z" };
        byte[] v2 = Save(twin);
        int namesLength = 3 * 4 + 3;
        byte[] v1 = v2[..(v2.Length - 4 - 12 - namesLength)].Concat(new byte[4]).ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(v1.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(v1.AsSpan(v1.Length - 4), Crc32.Compute(v1.AsSpan(0, v1.Length - 4)));
        var loaded = new TwinLoops { ClassNames = new[] { "kept" } };
        ModelFile.Load(loaded, new MemoryStream(v1));
        Assert.Equal(twin.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(new[] { "kept" }, loaded.ClassNames); // a v1 file has no names to restore
    }

    [Fact]
    public void ADamagedVersionTwoFileSaysWhatIsWrong()
    {
        var net = new StandardizedLoops();
        net.FitInputScaling(Rows, 4);
        net.ClassNames = new[] { "a", "b", "c" };
        byte[] file = Save(net);
        int block = file.Length - 4 - (12 + 40 + 15);

        byte[] flipped = (byte[])file.Clone();
        flipped[block + 14] ^= 0x10; // inside the offsets
        Assert.Contains("is corrupted: checksum mismatch", Load(flipped), StringComparison.Ordinal);

        Assert.Contains("is truncated", Load(file[..(file.Length - 5)]), StringComparison.Ordinal);
        Assert.Contains("is truncated", Load(file[..(block + 6)].Concat(new byte[4]).ToArray()), StringComparison.Ordinal);

        byte[] kind = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(kind.AsSpan(block), 7);
        FixChecksum(kind);
        Assert.Contains("malformed although its checksum matches: its input scaling is 7", Load(kind), StringComparison.Ordinal);

        byte[] divisor = (byte[])file.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(divisor.AsSpan(block + 12 + 20 + 8), -1f);
        FixChecksum(divisor);
        Assert.Contains("its input scaling of input 2 is offset 1, divisor -1", Load(divisor), StringComparison.Ordinal);

        byte[] names = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(names.AsSpan(block + 52 + 5), 9); // the second name's length
        FixChecksum(names);
        Assert.Contains("class names do not fit their 15 bytes (class name 1)", Load(names), StringComparison.Ordinal);

        byte[] utf8 = (byte[])file.Clone();
        utf8[block + 52 + 4] = 0xFF;
        FixChecksum(utf8);
        Assert.Contains("class name 0 is not valid UTF-8", Load(utf8), StringComparison.Ordinal);
    }

    /// <summary>
    /// The deployment round trip: the iris CSV, raw, trains ScaledIrisNet (the samples' network) here; the
    /// model file is loaded by a fresh process (the samples program's iris-predict command, which has no
    /// scaler and no class list of its own), whose predictions on the raw rows equal this process's, bit for bit.
    /// </summary>
    [Fact]
    public void AModelPredictsRawRowsInAFreshProcessAsItDidHere()
    {
        DataSet iris = IrisSample.LoadDataSet();
        (DataSet train, _) = iris.Split(trainFraction: 0.8, seed: 5);
        var net = new ScaledIrisNet();
        new Trainer(net, new TrainerOptions { Epochs = 30, Seed = 1 }).Fit(train);
        string model = Path.Combine(_directory, "iris.ngmf");
        ModelFile.Save(net, model);

        string csv = Path.Combine(_directory, "rows.csv");
        var text = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        for (int i = 0; i < iris.Count; i++)
        {
            text.AppendJoin(',', iris.FeaturesOf(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            text.Append(',').Append(iris.ClassNames![Array.IndexOf(iris.TargetsOf(i).ToArray(), 1f)]).Append('\n');
        }

        File.WriteAllText(csv, text.ToString());
        string samples = Path.Combine(AppContext.BaseDirectory, "NetGen.Samples.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", samples, "iris-predict", model, csv })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {stderr}");

        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("classes " + string.Join(",", iris.ClassNames!), lines[0]);
        Assert.Equal(iris.Count + 1, lines.Length);
        var output = new float[3];
        for (int i = 0; i < iris.Count; i++)
        {
            net.Predict(iris.FeaturesOf(i), output);
            string expected = net.ClassNames![Array.IndexOf(output, output.Max())] + " " + string.Join(" ", output.Select(o => o.ToString("R", CultureInfo.InvariantCulture)));
            Assert.Equal(expected, lines[i + 1]);
        }
    }

    /// <summary>ONNX Runtime on raw rows (the exported Sub/Div) agrees with Predict.</summary>
    [Theory]
    [InlineData("standardize")]
    [InlineData("minmax")]
    public void OnnxRuntimeTakesRawRowsToo(string kind)
    {
        ITrainableNetwork net = kind == "standardize" ? new StandardizedSimd() : new MinMaxUnrolled();
        var random = new SeededRandom(3);
        for (int i = 0; i < net.ParameterCount; i++)
        {
            net.Parameters[i] = 1.2f * random.NextSingle() - 0.6f;
        }

        const int rows = 9;
        float[] raw = RawRows(rows, 5, seed: 21);
        ((IInputScaled)net).FitInputScaling(raw, rows);
        net.ClassNames = new[] { "p", "q", "r" };
        using var session = new InferenceSession(OnnxExporter.ToBytes(net), new SessionOptions { IntraOpNumThreads = 1 });
        Assert.Equal("p\nq\nr", session.ModelMetadata.CustomMetadataMap["netgen.class_names"]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(raw, new[] { rows, 5 })) });
        float[] onnx = results.Single().AsEnumerable<float>().ToArray();
        var expected = new float[3];
        for (int r = 0; r < rows; r++)
        {
            net.Predict(raw.AsSpan(r * 5, 5), expected);
            for (int j = 0; j < 3; j++)
            {
                float actual = onnx[r * 3 + j];
                Assert.True(Math.Abs(actual - expected[j]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[j])), $"{kind} row {r} output {j}: ONNX Runtime {actual}, NetGen {expected[j]}");
            }
        }
    }

    /// <summary>[Network(Weights = …)] of a version-2 file (written from the format's definition by Models/make-scaled-fixture.py) compiles in its scaling and class names.</summary>
    [Fact]
    public void EmbeddedWeightsCarryTheScalingAndTheClassNames()
    {
        var embedded = new EmbeddedScaled();
        Assert.True(embedded.IsInputScalingFitted);
        Assert.Equal(new[] { 1.5f, -2f, 100f }, embedded.InputOffsets.ToArray());
        Assert.Equal(new[] { 0.5f, 4f, 25f }, embedded.InputDivisors.ToArray());
        Assert.Equal(new[] { "no", "oui, très" }, embedded.ClassNames);

        var loaded = new LoadedScaled();
        Assert.Equal(LoadedScaled.ArchitectureFingerprint, EmbeddedScaled.ArchitectureFingerprint);
        ModelFile.Load(loaded, Path.Combine(AppContext.BaseDirectory, "Models", "scaled-embedded.ngmf"));
        Assert.Equal(embedded.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(embedded.ClassNames, loaded.ClassNames);
        float[] a = new float[2], b = new float[2];
        embedded.Predict(new[] { 2f, 0f, 50f }, a);
        loaded.Predict(new[] { 2f, 0f, 50f }, b);
        Assert.Equal(a, b);

        // By hand: x′ = (2 − 1.5)/0.5, (0 + 2)/4, (50 − 100)/25 = 1, 0.5, −2 into the same layers, unscaled.
        var twin = new TwinOfEmbedded();
        embedded.Parameters.CopyTo(twin.Parameters);
        twin.Predict(new[] { 1f, 0.5f, -2f }, b);
        Assert.Equal(a, b);
    }

    private static float[] RawRows(int rows, int width, int seed)
    {
        var random = new SeededRandom(seed);
        var values = new float[rows * width];
        for (int i = 0; i < values.Length; i++)
        {
            int column = i % width;
            values[i] = (column + 1) * 40f * random.NextSingle() - 7f * column; // columns of different offsets and spreads
        }

        return values;
    }

    private static float[] ScaleInFloat(float[] raw, float[] offsets, float[] divisors)
    {
        var scaled = new float[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            scaled[i] = (raw[i] - offsets[i % offsets.Length]) / divisors[i % offsets.Length];
        }

        return scaled;
    }

    private static float[] OneHotOrValues(int count, int outputs, SeededRandom random)
    {
        var targets = new float[count * outputs];
        for (int s = 0; s < count; s++)
        {
            if (outputs == 3)
            {
                targets[s * outputs + s % 3] = 1f;
            }
            else
            {
                for (int j = 0; j < outputs; j++)
                {
                    targets[s * outputs + j] = random.NextSingle();
                }
            }
        }

        return targets;
    }

    private static byte[] Save(INeuralNetwork network)
    {
        var stream = new MemoryStream();
        ModelFile.Save(network, stream);
        return stream.ToArray();
    }

    private static string Load(byte[] file) =>
        Assert.Throws<InvalidDataException>(() => ModelFile.Load(new StandardizedLoops(), new MemoryStream(file))).Message;

    private static void FixChecksum(byte[] file) =>
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.Compute(file.AsSpan(0, file.Length - 4)));
}
