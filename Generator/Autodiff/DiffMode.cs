namespace NetGen.Generator.Autodiff;

/// <summary>
/// What a method is parsed as (<see cref="DiffParser"/>): the rules its signature must meet, and whether
/// its NaN-prone operations (NG0105) are reported by the parse.
/// </summary>
internal enum DiffMode
{
    /// <summary>A [Differentiate] method, or one a custom function calls: the gradient is added to its partial type.</summary>
    Differentiate,

    /// <summary>A network's activation: <c>static float F(float x)</c>, any further parameters bound to float constants.</summary>
    Activation,

    /// <summary>A network's loss: <c>static float L(float prediction, float target)</c>.</summary>
    Loss,
}
