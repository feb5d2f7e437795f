using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The declared input scaling (<c>[Network(InputScaling = …)]</c>) and the class names: the fields
/// and public members (<c>NetGen.IInputScaled</c>, <c>ClassNames</c>), and the lines every forward
/// entry point (Predict, PredictBatch, ComputeLossAndGradients) runs first to scale the raw rows into a
/// buffer the rest of the method reads instead. Scaling happens before the layers, so it is the same
/// for every code strategy: the layers see exactly what an unscaled twin sees on pre-scaled rows.
/// </summary>
internal static class InputScalingEmitter
{
    public const string Interface = "global::NetGen.IInputScaled";
    private const string OffsetsField = "__inputOffsets";
    private const string DivisorsField = "__inputDivisors";
    private const string FittedField = "__inputScalingFitted";
    private const string TrainingBufferField = "__scaledInputs";
    private const string Kernels = "global::NetGen.CompilerServices.InputScalingKernels";
    private const string ClassNamesType = "global::System.Collections.Generic.IReadOnlyList<string>";

    /// <summary>Predict scales one row on the stack up to this many inputs, else in a per-thread buffer.</summary>
    private const int MaxStackInputs = 4096;

    public const string PredictInputScratchMethod = "InputScratch";
    public const string BatchInputScratchMethod = "BatchInputScratch";

    private static string KindName(NetworkSpec spec) => spec.InputScaling == InputScaling.Standardize ? "Standardize" : "MinMax";

    private static string Formula(NetworkSpec spec) => spec.InputScaling == InputScaling.Standardize
        ? "offset = the column's mean, divisor = its population standard deviation (1 for a constant column)"
        : "offset = the column's minimum, divisor = its maximum − minimum (1 for a constant column)";

    /// <summary>A class name as a C# string literal: any character, control characters and line breaks escaped.</summary>
    private static string NameLiteral(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 2).Append('"');
        foreach (char c in name)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>The scaling's fields: the statistics (from the embedded model file when it has them) and whether they are set.</summary>
    public static void EmitFields(SourceWriter w, NetworkSpec spec, EmbeddedWeights? weights)
    {
        if (!spec.ScalesInputs)
        {
            return;
        }

        w.WriteLine($"// The input scaling ({KindName(spec)}): x′ = (x − offset) / divisor per input column, fitted, not trained.");
        if (weights?.Preprocessing is { InputScaling: not 0 } embedded && embedded.Offsets.Count == spec.Inputs)
        {
            w.WriteLine($"private readonly float[] {OffsetsField} = new float[] {{ {string.Join(", ", embedded.Offsets.Select(Literals.Float))} }};");
            w.WriteLine($"private readonly float[] {DivisorsField} = new float[] {{ {string.Join(", ", embedded.Divisors.Select(Literals.Float))} }};");
            w.WriteLine($"private bool {FittedField} = true; // fitted when '{weights.Identity.Replace('\n', ' ').Replace('\r', ' ')}' was saved");
        }
        else
        {
            w.WriteLine($"private readonly float[] {OffsetsField} = new float[InputSize];");
            w.WriteLine($"private readonly float[] {DivisorsField} = {Kernels}.Ones(InputSize);");
            w.WriteLine($"private bool {FittedField};");
        }

        if (spec.Training is not null)
        {
            w.WriteLine($"private readonly float[] {TrainingBufferField} = new float[BatchSize * InputSize]; // the training batch, scaled");
        }
    }

    /// <summary>ClassNames on every network; the IInputScaled members on a scaling one.</summary>
    public static void EmitMembers(SourceWriter w, NetworkSpec spec, EmbeddedWeights? weights, string generatedCode)
    {
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// For a classifier, the name of the class of each output, or null when not known. The runtime's Trainer");
        w.WriteLine("/// sets it from the training set's class names when it is null; model files store and restore it.");
        w.WriteLine("/// </summary>");
        w.WriteLine(generatedCode);
        if (weights?.Preprocessing is { ClassNames.Count: > 0 } withNames)
        {
            w.WriteLine($"public {ClassNamesType}? ClassNames {{ get; set; }} = global::System.Array.AsReadOnly(new string[] {{ {string.Join(", ", withNames.ClassNames.Select(NameLiteral))} }});");
        }
        else
        {
            w.WriteLine($"public {ClassNamesType}? ClassNames {{ get; set; }}");
        }

        if (!spec.ScalesInputs)
        {
            return;
        }

        string kind = KindName(spec);
        w.WriteLine();
        w.WriteLine($"/// <summary>The declared input scaling, {kind}: x′ = (x − offset) / divisor per column, {Formula(spec)}.</summary>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public global::NetGen.InputScaling InputScaling => global::NetGen.InputScaling.{kind};");
        w.WriteLine();
        w.WriteLine("/// <summary>Whether the scaling's statistics are set; until then Predict and training throw InvalidOperationException.</summary>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public bool IsInputScalingFitted => {FittedField};");
        w.WriteLine();
        w.WriteLine("/// <summary>The value subtracted from each input column: InputSize values.</summary>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public global::System.ReadOnlySpan<float> InputOffsets => {OffsetsField};");
        w.WriteLine();
        w.WriteLine("/// <summary>The value each input column is divided by after the subtraction: InputSize values.</summary>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public global::System.ReadOnlySpan<float> InputDivisors => {DivisorsField};");
        w.WriteLine();
        w.WriteLine($"/// <summary>Fits the {kind} statistics from <paramref name=\"count\"/> raw rows (count × InputSize values, row-major): {Formula(spec)}.</summary>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The span does not hold count rows, or a column holds a NaN or infinite value; nothing changes.</exception>");
        w.WriteLine(generatedCode);
        using (w.Block("public void FitInputScaling(global::System.ReadOnlySpan<float> inputs, int count)"))
        {
            w.WriteLine($"{Kernels}.Fit(global::NetGen.InputScaling.{kind}, inputs, count, {OffsetsField}, {DivisorsField});");
            w.WriteLine($"{FittedField} = true;");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Sets the statistics directly: InputSize finite offsets and InputSize finite, positive divisors.</summary>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, an offset is not finite or a divisor is not finite and positive; nothing changes.</exception>");
        w.WriteLine(generatedCode);
        using (w.Block("public void SetInputScaling(global::System.ReadOnlySpan<float> offsets, global::System.ReadOnlySpan<float> divisors)"))
        {
            w.WriteLine($"{Kernels}.Set(offsets, divisors, {OffsetsField}, {DivisorsField});");
            w.WriteLine($"{FittedField} = true;");
        }
    }

    /// <summary>
    /// Predict's first lines after its argument checks: the check that the scaling is fitted and the
    /// row scaled into a buffer (the stack, or this thread's buffer for a wide input). Returns the name
    /// the layers read instead of <paramref name="input"/>.
    /// </summary>
    public static string EmitPredict(SourceWriter w, NetworkSpec spec, string input, string kernelsReference)
    {
        if (!spec.ScalesInputs)
        {
            return input;
        }

        w.WriteLine($"{Kernels}.CheckFitted({FittedField}, {Literals.String(spec.FullName)});");
        w.WriteLine(spec.Inputs <= MaxStackInputs
            ? "global::System.Span<float> x0 = stackalloc float[InputSize];"
            : $"global::System.Span<float> x0 = {kernelsReference}.{PredictInputScratchMethod}(); // this thread's");
        w.WriteLine($"{Kernels}.Apply({input}, {OffsetsField}, {DivisorsField}, x0); // the declared input scaling");
        return "x0";
    }

    /// <summary>PredictBatch's check, before its loop over chunks.</summary>
    public static void EmitPredictBatchCheck(SourceWriter w, NetworkSpec spec, string kernelsReference)
    {
        if (!spec.ScalesInputs)
        {
            return;
        }

        w.WriteLine($"{Kernels}.CheckFitted({FittedField}, {Literals.String(spec.FullName)});");
        w.WriteLine($"global::System.Span<float> scaled = {kernelsReference}.{BatchInputScratchMethod}(); // this thread's");
    }

    /// <summary>In PredictBatch's loop: the chunk's rows scaled into this thread's buffer; returns the name the layers read.</summary>
    public static string EmitPredictBatchChunk(SourceWriter w, NetworkSpec spec, string chunk)
    {
        if (!spec.ScalesInputs)
        {
            return chunk;
        }

        w.WriteLine($"{Kernels}.Apply({chunk}, {OffsetsField}, {DivisorsField}, scaled); // the declared input scaling");
        w.WriteLine($"{chunk} = scaled.Slice(0, {chunk}.Length);");
        return chunk;
    }

    /// <summary>ComputeLossAndGradients after its argument checks: the batch scaled into the instance's buffer, which the rest reads as <c>inputs</c>.</summary>
    public static void EmitTraining(SourceWriter w, NetworkSpec spec)
    {
        if (!spec.ScalesInputs)
        {
            return;
        }

        w.WriteLine($"{Kernels}.CheckFitted({FittedField}, {Literals.String(spec.FullName)});");
        w.WriteLine($"{Kernels}.Apply(inputs, {OffsetsField}, {DivisorsField}, {TrainingBufferField}); // the declared input scaling");
        w.WriteLine($"inputs = global::System.MemoryExtensions.AsSpan({TrainingBufferField}, 0, count * InputSize);");
    }

    /// <summary>The per-thread buffers of the scaled rows, in the kernels class.</summary>
    public static void EmitScratchHolders(SourceWriter w, NetworkSpec spec, int chunkRows)
    {
        if (!spec.ScalesInputs)
        {
            return;
        }

        if (spec.Inputs > MaxStackInputs)
        {
            w.WriteLine();
            w.WriteLine("[global::System.ThreadStatic]");
            w.WriteLine("private static float[]? __inputScratch;");
            w.WriteLine();
            w.WriteLine("/// <summary>This thread's buffer for Predict's scaled input row, made on its first call.</summary>");
            w.WriteLine($"public static global::System.Span<float> {PredictInputScratchMethod}() => __inputScratch ??= new float[{Literals.Int(spec.Inputs)}];");
        }

        w.WriteLine();
        w.WriteLine("[global::System.ThreadStatic]");
        w.WriteLine("private static float[]? __batchInputScratch;");
        w.WriteLine();
        w.WriteLine($"/// <summary>This thread's buffer for PredictBatch's scaled input rows ({Literals.Int(chunkRows)} rows), made on its first call.</summary>");
        w.WriteLine($"public static global::System.Span<float> {BatchInputScratchMethod}() => __batchInputScratch ??= new float[{Literals.Int(chunkRows * spec.Inputs)}];");
    }
}
