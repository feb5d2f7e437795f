namespace NetGen.Generator;

/// <summary>
/// The tracking names of the pipeline's steps. Tests read a run's step results by these names to
/// prove that an unrelated edit leaves every step cached.
/// </summary>
internal static class StepNames
{
    /// <summary>[Network] classes parsed into a model plus diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The valid models, the input of code emission.</summary>
    public const string Model = nameof(Model);

    /// <summary>The diagnostics, reported from a pipeline of their own.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>[Dense] on types without [Network] (NG0002).</summary>
    public const string OrphanDense = nameof(OrphanDense);

    /// <summary>[Training] on types without [Network] (NG0002).</summary>
    public const string OrphanTraining = nameof(OrphanTraining);

    /// <summary>The build's model files (NetGenModel items), read and checked.</summary>
    public const string WeightsFiles = nameof(WeightsFiles);

    /// <summary>Each model joined with its weights file, if it names one: the input of code emission.</summary>
    public const string Resolve = nameof(Resolve);

    /// <summary>[Differentiate] methods parsed into their computational graphs plus diagnostics.</summary>
    public const string DifferentiateParse = nameof(DifferentiateParse);

    /// <summary>[OnnxModel] classes and the file they name.</summary>
    public const string OnnxParse = nameof(OnnxParse);

    /// <summary>The [OnnxModel] requests alone (no location): the input of the import.</summary>
    public const string OnnxRequest = nameof(OnnxRequest);

    /// <summary>Model-file problems (NG0015–NG0017) joined with where each Weights argument is.</summary>
    public const string WeightsDiagnostics = nameof(WeightsDiagnostics);

    /// <summary>Import problems (NG0020, NG0021) joined with where each [OnnxModel] argument is.</summary>
    public const string OnnxDiagnostics = nameof(OnnxDiagnostics);

    /// <summary>[OnnxModel] classes joined with their ONNX file and imported.</summary>
    public const string OnnxResolve = nameof(OnnxResolve);
}
