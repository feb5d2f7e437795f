namespace NetGen.Generator.Model;

// The model between parsing and emission: plain, immutable, structurally equatable data.
// Why no ISymbol, Compilation or SyntaxNode here: the incremental pipeline caches each step's output
// and compares it with the previous run's. Roslyn objects are new on every compilation (and keep
// whole compilations alive), so a model holding one would never compare equal, and every keystroke
// would regenerate every network. Records of strings, numbers and EquatableArray compare by value.

/// <summary>Everything the emitter needs to write one network class.</summary>
/// <param name="Namespace">The class's namespace as code writes it (keywords escaped: "@event.Models"), or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of the enclosing types, outermost first, names escaped (e.g. "partial class Outer", "partial struct @struct").</param>
/// <param name="ClassName">The class's name as code writes it ("@class" for a class declared <c>@class</c>).</param>
/// <param name="FullName">The qualified name as the user reads it, unescaped ("event.Models.class"): the hint name, comments and messages.</param>
/// <param name="Inputs">The input width.</param>
/// <param name="Seed">The initialisation seed.</param>
/// <param name="Layers">The dense layers in order.</param>
/// <param name="Training">How it is trained, or null for an inference-only network.</param>
/// <param name="Threads">How many threads a training batch is split over (1: no threading).</param>
/// <param name="Weights">The model file whose parameters are compiled in, or null for the seeded initialisation.</param>
/// <param name="InputScaling">The declared preprocessing of the raw inputs (None: the inputs go to layer 1 as given).</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string ClassName,
    string FullName,
    int Inputs,
    int Seed,
    EquatableArray<LayerSpec> Layers,
    TrainingSpec? Training,
    int Threads = 1,
    WeightsReference? Weights = null,
    InputScaling InputScaling = InputScaling.None)
{
    /// <summary>Whether the network scales its raw inputs itself (and has the IInputScaled members).</summary>
    public bool ScalesInputs => InputScaling != InputScaling.None;

    public LayerSpec OutputLayer => Layers[Layers.Count - 1];

    public int OutputSize => OutputLayer.Units;

    public int ParameterCount => OutputLayer.ParameterOffset + OutputLayer.ParameterCount;

    /// <summary>Whether the training pass runs in lanes (one sample per vector lane): the builder gives every layer that strategy, or none.</summary>
    public bool TrainsInLanes => Training is not null && Layers[0].Strategy == LayerStrategy.Lanes;
}

/// <summary>
/// One dense layer: y = f(x·W + b) with W at <see cref="WeightOffset"/>, b at <see cref="BiasOffset"/>
/// and, for PReLU, the learned slopes α at <see cref="AlphaOffset"/>.
/// </summary>
/// <param name="Number">1-based position (layer 1 is the first hidden layer).</param>
/// <param name="Inputs">The width of x.</param>
/// <param name="Units">The width of y.</param>
/// <param name="Activation">f.</param>
/// <param name="Alpha">The activation's parameter (LeakyReLU slope, ELU α, PReLU initial slope), resolved to its default when unset.</param>
/// <param name="Init">The weight initialisation, resolved from <see cref="Init.Auto"/>.</param>
/// <param name="ParameterOffset">Where the layer's parameters start in the flat buffer.</param>
/// <param name="Strategy">How its code is generated.</param>
/// <param name="Dropout">The fraction of the layer's outputs dropped in training, in [0, 1); 0: none (always 0 without [Training]).</param>
/// <param name="L1">The L1 penalty factor on W (0: none; always 0 without [Training]).</param>
/// <param name="L2">The L2 penalty factor on W (0: none; always 0 without [Training]).</param>
/// <param name="Custom">A user's activation method (then <paramref name="Activation"/> is <see cref="CustomActivation.Kind"/>), or null.</param>
internal sealed record LayerSpec(
    int Number,
    int Inputs,
    int Units,
    Activation Activation,
    float Alpha,
    Init Init,
    int ParameterOffset,
    LayerStrategy Strategy,
    float Dropout = 0f,
    float L1 = 0f,
    float L2 = 0f,
    CustomActivation? Custom = null)
{
    /// <summary>Whether training adds a penalty on W (L1 or L2).</summary>
    public bool HasPenalty => L1 > 0f || L2 > 0f;

    public int WeightCount => Inputs * Units;

    public int WeightOffset => ParameterOffset;

    public int BiasOffset => ParameterOffset + WeightCount;

    /// <summary>Whether the layer learns its activation's α (PReLU: one slope per unit, stored after b).</summary>
    public bool HasLearnedAlpha => Catalog.Activations.ActivationCatalog.Find(Activation)?.Alpha?.Learned == true;

    public int AlphaOffset => BiasOffset + Units;

    public int ParameterCount => WeightCount + Units + (HasLearnedAlpha ? Units : 0);

    /// <summary>One past the layer's last parameter.</summary>
    public int EndOffset => ParameterOffset + ParameterCount;

    /// <summary>
    /// Whether the class keeps a copy of W in the panel order the SIMD forward kernel streams
    /// (<see cref="Building.NetworkBuilder.PackedMinWeights"/>); computed, so not part of equality.
    /// </summary>
    public bool Packed => Strategy == LayerStrategy.Simd && WeightCount > Building.NetworkBuilder.PackedMinWeights && Units >= Building.NetworkBuilder.PackedMinUnits;
}

/// <summary>
/// An activation written by the user as a C# method (<c>[Dense(64, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]</c>):
/// its computational graph, from which the emitter writes f and f′ (docs/custom-functions.md). Equatable
/// like the rest of the model: the graph is strings and indices, no symbols or syntax.
/// </summary>
/// <param name="Name">The method's name as the user reads it ("ScaledTanh"): comments and the architecture text.</param>
/// <param name="HelperName">The generated helpers' base name, unique per method ("MyFunctions_ScaledTanh").</param>
/// <param name="Graph">The method's graph, as [Differentiate] builds it.</param>
/// <param name="Callees">The graphs of the [Differentiate] methods it calls, directly or not (for the ONNX export and the fingerprint), or empty.</param>
internal sealed record CustomActivation(string Name, string HelperName, Autodiff.DiffSpec Graph, EquatableArray<CalleeGraph> Callees = default)
{
    /// <summary>The value LayerSpec.Activation holds for a custom activation: no member of NetGen.Activation, so no built-in rule can match it.</summary>
    public const Activation Kind = (Activation)(-1);
}

/// <summary>A [Differentiate] method a custom function calls: the Call node's callee text (its <c>…Gradient</c>) and the method's graph.</summary>
/// <param name="Callee">The Call node's <see cref="Autodiff.DiffNode.Text"/>.</param>
/// <param name="Graph">The callee's graph.</param>
internal sealed record CalleeGraph(string Callee, Autodiff.DiffSpec Graph);

/// <summary>
/// A loss written by the user as a C# method (<c>[Training(typeof(MyLosses), nameof(MyLosses.Pinball))]</c>,
/// a <c>static float L(float prediction, float target)</c>): its computational graph, from which the emitter
/// writes L and ∂L/∂prediction (docs/custom-functions.md, "Custom loss"). Equatable: strings and indices only.
/// </summary>
/// <param name="Name">The method as the user reads it ("MyLosses.Pinball"): comments and remarks.</param>
/// <param name="HelperName">The generated helpers' base name, unique per method ("NetGen_Tests_MyLosses_Pinball").</param>
/// <param name="Graph">The method's graph, as [Differentiate] builds it (parameters: prediction, target).</param>
internal sealed record CustomLoss(string Name, string HelperName, Autodiff.DiffSpec Graph)
{
    /// <summary>The value TrainingSpec.Loss holds for a custom loss: no member of NetGen.Loss, so no built-in rule can match it.</summary>
    public const Loss Kind = (Loss)(-1);
}

/// <summary>The loss, the optimizer and every hyperparameter, with defaults already applied.</summary>
internal sealed record TrainingSpec(
    Loss Loss,
    Optimizer Optimizer,
    int BatchSize,
    float LearningRate,
    float Momentum,
    float Rho,
    float Beta1,
    float Beta2,
    float Epsilon,
    float WeightDecay,
    float HuberDelta)
{
    /// <summary>The declared global-norm clipping threshold ([Training] ClipNorm), NaN when off.</summary>
    public float ClipNorm { get; init; } = float.NaN;

    /// <summary>The declared element-wise clipping threshold ([Training] ClipValue), NaN when off.</summary>
    public float ClipValue { get; init; } = float.NaN;

    /// <summary>A user's loss method (then <see cref="Loss"/> is <see cref="CustomLoss.Kind"/>), or null for a built-in loss.</summary>
    public CustomLoss? CustomLoss { get; init; }
}
