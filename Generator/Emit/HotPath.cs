namespace NetGen.Generator.Emit;

/// <summary>
/// The one place that marks a generated method as hot: every method a training step or a prediction
/// runs (Predict, PredictBatch, ComputeLossAndGradients, ApplyGradients, TrainBatch, each layer's
/// Forward/Backward, the loss) is opened through <see cref="Method"/>, so it carries
/// <c>[MethodImpl(MethodImplOptions.AggressiveOptimization)]</c>.
/// </summary>
/// <remarks>
/// Under the JIT's tiered compilation a method starts as unoptimised Tier-0 code and is recompiled
/// only after it has been called 30 times and a 100 ms pause in new compilations has passed; a short
/// training (a few thousand steps, tens of milliseconds) ends before that, so it ran 3–10× slower than
/// the steady state. AggressiveOptimization compiles these methods fully optimised at their first
/// call (the runtime's kernels they call carry the same attribute). The price: no tiered PGO for
/// them (the generated code has no virtual calls or casts for PGO to guard, and relies on no
/// <c>static readonly</c> value being folded as a constant), and each is compiled once, fully,
/// even if it is called once. docs/benchmarks.md ("First call and short trainings") has the numbers.
/// A new hot method must be opened through <see cref="Method"/>; <c>HotPathTests</c> checks them.
/// </remarks>
internal static class HotPath
{
    /// <summary>The attribute line written above every hot generated method.</summary>
    public const string Attribute = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>Writes <see cref="Attribute"/>, then <paramref name="header"/> and '{', as <see cref="SourceWriter.Block"/>.</summary>
    public static SourceWriter.Scope Method(SourceWriter w, string header)
    {
        w.WriteLine(Attribute);
        return w.Block(header);
    }
}
