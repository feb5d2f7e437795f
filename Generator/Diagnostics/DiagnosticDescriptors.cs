using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic NetGen reports, in one place. Ids are sequential and never reused; each is
/// documented in docs/diagnostics.md (cause, failing example, fix) and tracked in
/// AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetGen";

    /// <summary>
    /// Where every diagnostic's help link points: docs/diagnostics.md, one heading per id, so the link
    /// is this base plus "#ng0001" (the Markdown anchor of "## NG0001"). The repository's public URL is
    /// not fixed yet, so this is a relative path into the repository; when the docs site exists, change
    /// this one constant to the site's diagnostics page (e.g. "https://…/diagnostics.html") and keep the
    /// anchors (the test EveryDescriptorHasAHelpLinkToItsDocsHeading checks them against the headings).
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics.md";

    /// <summary>The help link of one id: <see cref="HelpLinkBase"/> and the id's anchor, lower case.</summary>
    internal static string HelpLink(string id) => HelpLinkBase + "#" + id.ToLowerInvariant();

    public static readonly DiagnosticDescriptor InternalError = new(
        id: "NG0000",
        title: "NetGen could not generate the network",
        messageFormat: "NetGen could not generate '{0}' because of an internal error: {1}; please report this with the declaration",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0000"));

    public static readonly DiagnosticDescriptor NotPartial = new(
        id: "NG0001",
        title: "A network class must be partial",
        messageFormat: "The network class '{0}' must be declared 'partial' so that NetGen can add its generated members",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0001"));

    public static readonly DiagnosticDescriptor MissingNetworkAttribute = new(
        id: "NG0002",
        title: "[Dense] and [Training] need [Network]",
        messageFormat: "'{0}' has [{1}] but no [Network]; add [Network(Inputs = ...)] to the class, or remove [{1}]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0002"));

    public static readonly DiagnosticDescriptor NoLayers = new(
        id: "NG0003",
        title: "A network needs at least one layer",
        messageFormat: "The network '{0}' declares no layers; add at least one [Dense(units, activation)] attribute (the last is the output layer)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0003"));

    public static readonly DiagnosticDescriptor NonPositiveSize = new(
        id: "NG0004",
        title: "Sizes must be positive",
        messageFormat: "{0} must be a positive integer, but it is {1}; use a value of at least 1",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0004"));

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = new(
        id: "NG0005",
        title: "Softmax and LogSoftmax are for the output layer",
        messageFormat: "Layer {0} uses Activation.{1}, which NetGen supports on the output layer only; use another activation for hidden layers",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0005"));

    public static readonly DiagnosticDescriptor LossNeedsOutputActivation = new(
        id: "NG0006",
        title: "The loss does not fit the output layer's activation",
        messageFormat: "Loss.{0} needs an output layer with Activation.{1}, but the output layer of '{2}' uses Activation.{3}; change the last [Dense] to Activation.{1} or choose another loss",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0006"));

    public static readonly DiagnosticDescriptor HyperparameterOutOfRange = new(
        id: "NG0007",
        title: "A hyperparameter is out of range",
        messageFormat: "{0} is {1}, but it must be {2}; change it or leave it out for the default",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0007"));

    public static readonly DiagnosticDescriptor BinaryStepCannotLearn = new(
        id: "NG0008",
        title: "BinaryStep has a zero gradient",
        messageFormat: "Layer {0} uses Activation.BinaryStep, whose derivative is 0 everywhere: no gradient reaches the layers before it, so they will not learn; use Sigmoid or ReLU to train, or keep BinaryStep for inference-only networks",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0008"));

    public static readonly DiagnosticDescriptor UnsupportedContainingType = new(
        id: "NG0009",
        title: "The network class's declaration is not supported",
        messageFormat: "NetGen cannot generate '{0}': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0009"));

    public static readonly DiagnosticDescriptor LayersAcrossPartialDeclarations = new(
        id: "NG0010",
        title: "Layers must be declared on one partial declaration",
        messageFormat: "The layers of '{0}' are spread over several partial declarations, so their order is not defined; move every [Dense] to the declaration that carries [Network]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0010"));

    public static readonly DiagnosticDescriptor NetworkTooLarge = new(
        id: "NG0011",
        title: "The network is too large",
        messageFormat: "The network '{0}' has {1} parameters; NetGen supports at most {2}: use smaller layers",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0011"));

    public static readonly DiagnosticDescriptor TooLargeToUnroll = new(
        id: "NG0013",
        title: "The layer is too large to unroll",
        messageFormat: "Layer {0} ({1} = {2} weights) is too large for CodeGen.Unrolled, which is limited to {3} weights per layer (past that the JIT stops optimising the method); use CodeGen.Auto or CodeGen.Loops for it",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0013"));

    public static readonly DiagnosticDescriptor AttributeHasErrors = new(
        id: "NG0014",
        title: "The network is not generated while its attributes have errors",
        messageFormat: "NetGen generates nothing for '{0}' until the errors in this attribute's arguments are fixed",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0014"));

    public static readonly DiagnosticDescriptor UnknownEnumValue = new(
        id: "NG0012",
        title: "Not a member of the enum",
        messageFormat: "{0} is not supported by this version of NetGen; use one of {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0012"));

    public static readonly DiagnosticDescriptor WeightsNotFound = new(
        id: "NG0015",
        title: "The weights file is not part of the build",
        messageFormat: "The weights file '{0}' cannot be found: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0015"));

    public static readonly DiagnosticDescriptor WeightsCorrupt = new(
        id: "NG0016",
        title: "The weights file is not a valid model file",
        messageFormat: "The weights file '{0}' cannot be used: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0016"));

    public static readonly DiagnosticDescriptor WeightsMismatch = new(
        id: "NG0017",
        title: "The weights file was saved from another architecture",
        messageFormat: "The weights file '{0}' holds {1}, but '{2}' declares {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0017"));

    public static readonly DiagnosticDescriptor StaticNetwork = new(
        id: "NG0024",
        title: "A network must be an instance class",
        messageFormat: "The network class '{0}' is static, but a network is an instance with its own parameters (new {0}()); remove 'static'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0024"));

    public static readonly DiagnosticDescriptor NonFiniteHyperparameter = new(
        id: "NG0025",
        title: "A hyperparameter is not a finite number",
        messageFormat: "{0} is {1}, but it must be a finite number; give a finite value, or leave it out for the default",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0025"));

    public static readonly DiagnosticDescriptor IgnoredSetting = new(
        id: "NG0026",
        title: "A setting the network does not use",
        messageFormat: "{0} is ignored: {1}; remove it, or {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0026"));

    public static readonly DiagnosticDescriptor DropoutOutOfRange = new(
        id: "NG0027",
        title: "A dropout rate outside [0, 1)",
        messageFormat: "Dropout of layer {0} is {1}, but a dropout rate is the fraction of the layer's outputs dropped in training and must be in [0, 1); use a rate such as 0.2f, or 0 (the default) for none",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0027"));

    public static readonly DiagnosticDescriptor PenaltyOutOfRange = new(
        id: "NG0028",
        title: "A weight penalty that is negative or not finite",
        messageFormat: "{0} of layer {1} is {2}, but a weight penalty factor must be finite and zero or positive; use a small factor such as 1e-4f, or 0 (the default) for none",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0028"));

    public static readonly DiagnosticDescriptor DropoutOnOutputLayer = new(
        id: "NG0029",
        title: "Dropout on the output layer",
        messageFormat: "Dropout on layer {0}, the output layer of '{1}', would zero the network's predictions in training; put Dropout on a hidden layer (it drops that layer's outputs, the next layer's inputs)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0029"));

    public static readonly DiagnosticDescriptor InvalidClipThreshold = new(
        id: "NG0030",
        title: "A gradient-clipping threshold is not a positive number",
        messageFormat: "{0} is {1}, but a clipping threshold must be a finite number greater than zero; give a positive value, or leave {0} out to train without clipping",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0030"));

    public static readonly DiagnosticDescriptor DifferentiateUnsupportedMethod = new(
        id: "NG0100",
        title: "This method cannot be differentiated",
        messageFormat: "NetGen cannot differentiate '{0}': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0100"));

    public static readonly DiagnosticDescriptor DifferentiateUnsupportedStatement = new(
        id: "NG0101",
        title: "A statement that is not straight-line code",
        messageFormat: "[Differentiate] supports local declarations and a final return, not {0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0101"));

    public static readonly DiagnosticDescriptor DifferentiateUnsupportedExpression = new(
        id: "NG0102",
        title: "An expression that cannot be differentiated",
        messageFormat: "'{0}' cannot be differentiated: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0102"));

    public static readonly DiagnosticDescriptor DifferentiateUnsupportedCall = new(
        id: "NG0103",
        title: "A call that cannot be differentiated",
        messageFormat: "'{0}' cannot be differentiated: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0103"));

    public static readonly DiagnosticDescriptor CustomActivationNotFound = new(
        id: "NG0104",
        title: "The activation or loss method cannot be used",
        messageFormat: "{0} '{1}' cannot be used: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0104"));

    public static readonly DiagnosticDescriptor NaNProneOperation = new(
        id: "NG0105",
        title: "An operation of a custom function can be NaN or infinite",
        messageFormat: "'{0}' {1} where '{2}' {3}, which the function allows ('{2}' can be anywhere in {4}): {5}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0105"));

    public static readonly DiagnosticDescriptor CustomActivationArguments = new(
        id: "NG0110",
        title: "The activation's constant parameters cannot be bound",
        messageFormat: "Layer {0}'s activation '{1}': {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0110"));

    public static readonly DiagnosticDescriptor OnnxNotFound = new(
        id: "NG0020",
        title: "The ONNX file is not part of the build",
        messageFormat: "The ONNX file '{0}' cannot be found: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0020"));

    public static readonly DiagnosticDescriptor OnnxUnreadable = new(
        id: "NG0021",
        title: "The ONNX file cannot be read",
        messageFormat: "The ONNX file '{0}' cannot be read: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0021"));

    public static readonly DiagnosticDescriptor OnnxUnsupported = new(
        id: "NG0022",
        title: "The ONNX model is not a supported network",
        messageFormat: "The ONNX file '{0}' is not a supported network: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0022"));

    public static readonly DiagnosticDescriptor OnnxUnsupportedClass = new(
        id: "NG0023",
        title: "[OnnxModel] on a class that cannot receive the network",
        messageFormat: "'{0}' cannot receive the ONNX network: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("NG0023"));
}
