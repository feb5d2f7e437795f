using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Catalog.Losses;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Building;

/// <summary>
/// One [Dense] layer as declared, before any policy: the parser reads it from the attribute, the ONNX
/// importer from the graph.
/// </summary>
/// <param name="Number">1-based position among the declared layers (diagnostics name it).</param>
/// <param name="Units">The width of its output (positive: the readers check it).</param>
/// <param name="Activation">f (a defined member: the readers check it).</param>
/// <param name="Alpha">α as given, or null when not given (the builder applies the activation's default).</param>
/// <param name="Init">The initialisation as given (<see cref="Init.Auto"/>: the activation's default).</param>
/// <param name="InitGiven">Whether Init was written out (it is ignored, with a warning, when parameters come from a file).</param>
/// <param name="CodeGen">The layer's own CodeGen (<see cref="CodeGen.Auto"/>: the network's).</param>
/// <param name="Dropout">The dropout rate as given (0: none; the builder checks it).</param>
/// <param name="L1">The L1 penalty factor as given (0: none; the builder checks it).</param>
/// <param name="L2">The L2 penalty factor as given (0: none; the builder checks it).</param>
/// <param name="Custom">The user's activation method with its graph, or null for the built-in <paramref name="Activation"/>.</param>
internal sealed record LayerRequest(
    int Number,
    int Units,
    Activation Activation,
    float? Alpha = null,
    Init Init = Init.Auto,
    bool InitGiven = false,
    CodeGen CodeGen = CodeGen.Auto,
    float Dropout = 0f,
    float L1 = 0f,
    float L2 = 0f,
    CustomActivation? Custom = null);

/// <summary>
/// A network as declared ([Network], [Dense], [Training] attributes, or an ONNX graph): what the
/// <see cref="NetworkBuilder"/> turns into a <see cref="NetworkSpec"/>. Plain data, no Roslyn, no location.
/// </summary>
/// <param name="Namespace">As <see cref="NetworkSpec.Namespace"/>.</param>
/// <param name="ContainingTypes">As <see cref="NetworkSpec.ContainingTypes"/>.</param>
/// <param name="ClassName">As <see cref="NetworkSpec.ClassName"/>.</param>
/// <param name="FullName">As <see cref="NetworkSpec.FullName"/>.</param>
/// <param name="Inputs">The input width (positive: the readers check it).</param>
/// <param name="Seed">The initialisation seed.</param>
/// <param name="DeclaredLayers">How many layers were declared, including ones a reader refused (the last one is the output layer).</param>
/// <param name="Layers">The layers the reader could read, in order.</param>
/// <param name="CodeGen">The network's CodeGen, for layers that leave theirs at Auto.</param>
/// <param name="Training">The training settings with their defaults applied (read by the parser), or null for inference only.</param>
/// <param name="Threads">The declared thread count (used only when trained).</param>
/// <param name="Weights">The model file to compile in, or null.</param>
/// <param name="InputScaling">The declared preprocessing of the raw inputs (NetGen.InputScaling).</param>
internal sealed record NetworkRequest(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string ClassName,
    string FullName,
    int Inputs,
    int Seed,
    int DeclaredLayers,
    IReadOnlyList<LayerRequest> Layers,
    CodeGen CodeGen = CodeGen.Auto,
    TrainingSpec? Training = null,
    int Threads = 1,
    WeightsReference? Weights = null,
    InputScaling InputScaling = InputScaling.None);

/// <summary>Which part of the declaration a <see cref="BuildProblem"/> is about: each reader maps it to its own location (or message).</summary>
internal enum RequestPart
{
    /// <summary>The network as a whole (the class).</summary>
    Network,

    /// <summary>The layer as a whole (its attribute).</summary>
    Layer,

    /// <summary>The layer's activation.</summary>
    Activation,

    /// <summary>The layer's α.</summary>
    Alpha,

    /// <summary>The layer's Init.</summary>
    Init,

    /// <summary>The CodeGen in effect for the layer (its own, or the network's when its own is Auto).</summary>
    CodeGen,

    /// <summary>The loss of [Training].</summary>
    Loss,

    /// <summary>The layer's Dropout.</summary>
    Dropout,

    /// <summary>The layer's L1.</summary>
    L1,

    /// <summary>The layer's L2.</summary>
    L2,
}

/// <summary>A diagnostic of the builder: what, and about which layer (<see cref="LayerRequest.Number"/>, 0 for none) and part.</summary>
internal sealed record BuildProblem(Problem Problem, int Layer, RequestPart Part)
{
    public bool IsError => Problem.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error;

    /// <summary>The message as the diagnostic would read.</summary>
    public string Message() => string.Format(CultureInfo.InvariantCulture, Problem.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), Problem.MessageArgs.ToArrayOfObjects());
}

/// <summary>The builder's answer: the network (null when a problem is an error, or there is no layer) and its problems in order.</summary>
internal sealed record BuildResult(NetworkSpec? Spec, IReadOnlyList<BuildProblem> Problems);

/// <summary>
/// The domain policy between what was declared and the model: the parameter layout (W, b, then PReLU's
/// α per layer, in order), the code-generation strategy, the initialisation and α defaults, and the
/// checks that follow from them (NG0010, NG0012, NG0013, NG0014, NG0019, NG0024, NG0025, NG0026 for α and Init).
/// Both readers hand it the same <see cref="NetworkRequest"/>: <see cref="Parsing.NetworkParser"/> (Roslyn) and
/// <see cref="Onnx.OnnxResolver"/> (protobuf). The per-activation and per-loss facts come from the catalog (<see cref="ActivationCatalog"/>, <see cref="LossCatalog"/>).
/// </summary>
internal static class NetworkBuilder
{
    /// <summary>With CodeGen.Auto, layers with at most this many weights are fully unrolled; larger ones use SIMD.</summary>
    public const int UnrollLimit = 256;

    /// <summary>
    /// The most weights a layer may have when CodeGen.Unrolled is requested: past this the unrolled
    /// backward method grows beyond what the JIT optimises (it falls back to MinOpts).
    /// </summary>
    public const int MaxUnrolledWeights = 1024;

    /// <summary>
    /// SIMD layers with more weights than this (64 KB, where W stops fitting L1 and the kernels' stack
    /// transposes end) and at least <see cref="PackedMinUnits"/> units keep a packed copy of W: the
    /// forward product streams it panel by panel (measured on 784×128, 784×512, 512×512: 1.3–2.2× the
    /// contract layout's speed at 64 rows, 1.2–1.6× at one row; docs/benchmarks.md).
    /// </summary>
    public const int PackedMinWeights = 16 * 1024;

    /// <summary>The fewest units of a packed layer: one whole panel at every vector width (4 × 16 floats).</summary>
    public const int PackedMinUnits = 64;

    /// <summary>The largest parameter count a network may have (the flat buffers are float arrays).</summary>
    public const long MaxParameters = 1L << 28;

    public static BuildResult Build(NetworkRequest request)
    {
        var problems = new List<BuildProblem>();
        bool errors = false;
        void Add(int layer, RequestPart part, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] args)
        {
            var problem = new BuildProblem(Problem.Create(descriptor, args), layer, part);
            errors |= problem.IsError;
            problems.Add(problem);
        }

        var layers = new List<LayerSpec>();
        bool lanes = request.Training is not null, lanesAsked = false, autoOnly = true;
        // Why a CodeGen.Lanes request cannot be honoured (null while it can), and which layers asked for it.
        string? noLanes = request.Training is null ? "only a trained network trains in lanes (Predict of a lanes layer is unrolled)" : null;
        var askedLanes = new List<(int Number, bool OnLayer)>();
        int width = request.Inputs;
        long offset = 0;
        foreach (LayerRequest layer in request.Layers)
        {
            int number = layer.Number;
            string numberText = number.ToString(CultureInfo.InvariantCulture);
            Activation activation = layer.Custom is null ? layer.Activation : CustomActivation.Kind;
            ActivationDefinition definition = ActivationCatalog.Of(activation, layer.Custom);
            if (definition.CouplesLayer && number < request.DeclaredLayers)
            {
                Add(number, RequestPart.Activation, DiagnosticDescriptors.SoftmaxOnHiddenLayer, numberText, activation.ToString());
                continue;
            }

            if (definition.CannotLearn && request.Training is not null)
            {
                Add(number, RequestPart.Activation, DiagnosticDescriptors.BinaryStepCannotLearn, numberText);
            }

            if (layer.Alpha is float given)
            {
                if (float.IsNaN(given) || float.IsInfinity(given))
                {
                    // NaN is the attribute's "unset", but written out (or stored in a file) it is a mistake, not a request for the default.
                    Add(number, RequestPart.Alpha, DiagnosticDescriptors.NonFiniteHyperparameter, $"Alpha of layer {number}", NonFiniteText(given));
                    continue;
                }

                if (definition.Alpha is { IsValid: { } valid, RangeText: { } range } && !valid(given))
                {
                    Add(number, RequestPart.Alpha, DiagnosticDescriptors.HyperparameterOutOfRange, $"Alpha of layer {number}", given.ToString("R", CultureInfo.InvariantCulture), range);
                    continue;
                }

                if (definition.Alpha is null)
                {
                    Add(number, RequestPart.Alpha, DiagnosticDescriptors.IgnoredSetting, $"Alpha of layer {number}",
                        layer.Custom is null
                            ? $"Activation.{activation} does not use it, only {ActivationCatalog.WithAlpha()} do"
                            : $"the custom activation {layer.Custom.Name} does not use it (its constant parameters take their values from Arguments)",
                        layer.Custom is null ? "choose one of those" : "give the value in Arguments");
                }
            }

            if (layer.InitGiven && request.Weights is not null)
            {
                Add(number, RequestPart.Init, DiagnosticDescriptors.IgnoredSetting, $"Init of layer {number}", FromWeightsFile(request.Weights), "remove Weights");
            }

            (float dropout, float l1, float l2) = Regularisation(layer, request, Add);
            Init init = layer.Init == Init.Auto ? definition.DefaultInit : layer.Init;
            float alpha = layer.Alpha ?? definition.Alpha?.Default ?? 0f;
            CodeGen codeGen = layer.CodeGen == CodeGen.Auto ? request.CodeGen : layer.CodeGen;
            int units = layer.Units;
            if (width > 0)
            {
                bool learnsAlpha = definition.Alpha is { Learned: true };
                long end = offset + (long)width * units + units + (learnsAlpha ? units : 0);
                if (end > MaxParameters)
                {
                    Add(number, RequestPart.Layer, DiagnosticDescriptors.NetworkTooLarge, request.ClassName.TrimStart('@'), $"more than {MaxParameters}", MaxParameters.ToString(CultureInfo.InvariantCulture));
                    break;
                }

                long weights = (long)width * units;
                if ((codeGen == CodeGen.Unrolled || codeGen == CodeGen.Lanes) && weights > MaxUnrolledWeights)
                {
                    Add(number, RequestPart.CodeGen, DiagnosticDescriptors.TooLargeToUnroll, numberText, $"{width}×{units}", weights.ToString(CultureInfo.InvariantCulture), MaxUnrolledWeights.ToString(CultureInfo.InvariantCulture));
                    width = units;
                    continue;
                }

                LayerStrategy strategy = codeGen switch
                {
                    CodeGen.Unrolled => LayerStrategy.Unrolled,
                    CodeGen.Loops => LayerStrategy.Loops,
                    CodeGen.Simd => LayerStrategy.Simd,
                    CodeGen.Lanes => LayerStrategy.Lanes,
                    _ => weights <= UnrollLimit ? LayerStrategy.Unrolled : LayerStrategy.Simd,
                };
                bool laneable = codeGen == CodeGen.Lanes || (codeGen == CodeGen.Auto && weights <= UnrollLimit);
                lanes &= laneable;
                lanesAsked |= codeGen == CodeGen.Lanes;
                autoOnly &= codeGen == CodeGen.Auto;
                lanes &= !learnsAlpha && dropout == 0f && layer.Custom is null;
                if (codeGen == CodeGen.Lanes)
                {
                    askedLanes.Add((number, layer.CodeGen == CodeGen.Lanes));
                }

                noLanes ??= !laneable
                    ? $"lanes is the whole network's, and layer {numberText} is CodeGen.{codeGen}{(codeGen == CodeGen.Auto ? $" with {weights} weights (more than {UnrollLimit})" : string.Empty)}"
                    : learnsAlpha ? $"layer {numberText} learns α (Activation.{activation}), which has no lanes form"
                    : dropout > 0f ? $"layer {numberText} has Dropout, which has no lanes form"
                    : layer.Custom is not null ? $"layer {numberText} has a custom activation ({layer.Custom.Name}), which has no lanes form yet" : null;
                layers.Add(new LayerSpec(number, width, units, activation, alpha, init, (int)offset, strategy, dropout, l1, l2, layer.Custom));
                offset = end;
            }

            width = units;
        }

        ChooseLanes(layers, lanes && (lanesAsked || (autoOnly && request.Training!.BatchSize >= LanesMinBatch)));
        if (!lanes && noLanes is not null)
        {
            // A request the generator cannot honour is said, not silently replaced by Unrolled (once for a
            // [Network]-level CodeGen, on each layer that asked for it otherwise).
            bool networkLevel = false;
            foreach ((int number, bool onLayer) in askedLanes)
            {
                if (!onLayer && networkLevel)
                {
                    continue;
                }

                networkLevel |= !onLayer;
                Add(number, RequestPart.CodeGen, DiagnosticDescriptors.IgnoredSetting,
                    onLayer ? $"CodeGen.Lanes on layer {number.ToString(CultureInfo.InvariantCulture)}" : "CodeGen.Lanes",
                    noLanes + "; the layer is unrolled instead", "make every layer of a trained network CodeGen.Lanes or small under CodeGen.Auto");
            }
        }
        if (request.Training is { } training && layers.Count > 0
            && LossCatalog.Of(training).RequiredOutput is { } required && layers[layers.Count - 1].Activation != required)
        {
            Add(0, RequestPart.Loss, DiagnosticDescriptors.LossNeedsOutputActivation,
                training.Loss.ToString(), required.ToString(), request.ClassName.TrimStart('@'), ActivationCatalog.DisplayName(layers[layers.Count - 1]));
        }

        if (layers.Count == 0)
        {
            if (!errors)
            {
                Add(0, RequestPart.Network, DiagnosticDescriptors.NoLayers, request.ClassName.TrimStart('@'));
            }

            return new BuildResult(null, problems);
        }

        NetworkSpec? spec = errors ? null : new NetworkSpec(
            request.Namespace,
            request.ContainingTypes,
            request.ClassName,
            request.FullName,
            request.Inputs,
            request.Seed,
            layers.ToEquatableArray(),
            request.Training,
            request.Training is null ? 1 : request.Threads,
            request.Weights,
            request.InputScaling);
        return new BuildResult(spec, problems);
    }

    /// <summary>
    /// A layer's Dropout, L1 and L2 as the spec takes them: checked (NG0027 rate outside [0, 1), NG0028 a
    /// negative or non-finite penalty, NG0029 dropout on the output layer) and zero when not trained
    /// (NG0026: ignored without [Training]).
    /// </summary>
    private static (float Dropout, float L1, float L2) Regularisation(LayerRequest layer, NetworkRequest request, Action<int, RequestPart, Microsoft.CodeAnalysis.DiagnosticDescriptor, string[]> add)
    {
        int number = layer.Number;
        string numberText = number.ToString(CultureInfo.InvariantCulture);
        bool ok = true;
        if (!(layer.Dropout >= 0f && layer.Dropout < 1f))
        {
            add(number, RequestPart.Dropout, DiagnosticDescriptors.DropoutOutOfRange, new[] { numberText, ValueText(layer.Dropout) });
            ok = false;
        }
        else if (layer.Dropout > 0f && number == request.DeclaredLayers)
        {
            add(number, RequestPart.Dropout, DiagnosticDescriptors.DropoutOnOutputLayer, new[] { numberText, request.ClassName.TrimStart('@') });
            ok = false;
        }

        foreach ((string name, float value, RequestPart part) in new[] { ("L1", layer.L1, RequestPart.L1), ("L2", layer.L2, RequestPart.L2) })
        {
            if (!(value >= 0f && !float.IsInfinity(value)))
            {
                add(number, part, DiagnosticDescriptors.PenaltyOutOfRange, new[] { name, numberText, ValueText(value) });
                ok = false;
            }
        }

        if (!ok)
        {
            return (0f, 0f, 0f);
        }

        if (request.Training is null)
        {
            foreach ((string name, float value, RequestPart part) in new[] { ("Dropout", layer.Dropout, RequestPart.Dropout), ("L1", layer.L1, RequestPart.L1), ("L2", layer.L2, RequestPart.L2) })
            {
                if (value > 0f)
                {
                    add(number, part, DiagnosticDescriptors.IgnoredSetting, new[] { $"{name} of layer {numberText}",
                        $"'{request.ClassName.TrimStart('@')}' has no [Training], and {name} acts only in training (Predict never drops units or adds penalties)", "add [Training]" });
                }
            }

            return (0f, 0f, 0f);
        }

        return (layer.Dropout, layer.L1, layer.L2);
    }

    /// <summary>A float as the user wrote it: "0.5", "-1", or float.NaN / float.PositiveInfinity.</summary>
    private static string ValueText(float value) =>
        float.IsNaN(value) || float.IsInfinity(value) ? NonFiniteText(value) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>With CodeGen.Auto, a trained network of small layers trains in lanes from this batch size (a Vector128 of samples).</summary>
    public const int LanesMinBatch = 4;

    /// <summary>
    /// The lanes strategy is the whole network's: every layer gets it when <paramref name="lanes"/>
    /// (all layers asked for it or are small under Auto, the network is trained, no layer learns α),
    /// else a layer that asked for it is unrolled.
    /// </summary>
    private static void ChooseLanes(List<LayerSpec> layers, bool lanes)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            LayerStrategy strategy = lanes ? LayerStrategy.Lanes
                : layers[i].Strategy == LayerStrategy.Lanes ? LayerStrategy.Unrolled
                : layers[i].Strategy;
            if (strategy != layers[i].Strategy)
            {
                layers[i] = layers[i] with { Strategy = strategy };
            }
        }
    }

    /// <summary>A non-finite float as the user would write it: float.NaN, float.PositiveInfinity, float.NegativeInfinity.</summary>
    internal static string NonFiniteText(float value) =>
        float.IsNaN(value) ? "float.NaN" : value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";

    /// <summary>The reason Seed and Init do nothing when the parameters are compiled in from a model file.</summary>
    internal static string FromWeightsFile(WeightsReference weights) =>
        $"the parameters come from the weights file '{weights.Name}', not from the seeded initialisation";
}
