using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// Everything the compiler knows about one activation, in one type: its scalar forward and
/// derivative code, the helpers that code calls, its α, its default initialisation, whether it couples
/// the layer, its vectorised form for SIMD layers and its ONNX form (export and import). One sealed
/// subclass per member of NetGen.Activation, listed in <see cref="ActivationCatalog"/>; nothing else
/// in the generator decides per activation.
/// </summary>
internal abstract class ActivationDefinition
{
    /// <summary>Fully qualified name of the runtime's vectorised activation kernels.</summary>
    protected const string Kernels = "global::NetGen.CompilerServices.ActivationKernels";

    /// <summary>The member of NetGen.Activation this entry defines.</summary>
    public abstract Activation Kind { get; }

    /// <summary>The name in comments of the generated code ("tanh").</summary>
    public abstract string Name { get; }

    /// <summary>f(z) as a C# expression, given the expressions for z and α.</summary>
    public abstract string Forward(string z, string alpha);

    /// <summary>
    /// f′ as a C# expression given the expressions for z, a = f(z) and α; null means the constant 1 (no
    /// multiply), "0f" no gradient. <paramref name="z"/> is the layer's z buffer element: every reader of
    /// f′ in training (the backward of the next layer, the output layer's Loss kernel) runs after the
    /// training forward, so for an entry that <see cref="StoresDerivative"/> it already holds f′(z) and the
    /// expression is that element itself.
    /// </summary>
    public abstract string? Derivative(string z, string a, string alpha);

    /// <summary>
    /// Whether the training forward computes f and f′ in one pass and keeps f′(z) in the layer's z
    /// buffer in place of z (worth it when f′ needs the whole of f's computation, as a custom
    /// activation's reverse mode does): DenseLayerEmitter then writes a separate training forward,
    /// TrainForward{n}, with <see cref="ForwardWithDerivative"/> (or <see cref="VectorForwardWithDerivative"/>),
    /// and <see cref="Derivative"/> reads the stored value. Predict and PredictBatch keep Forward{n},
    /// which computes f only. Nothing else may read such a layer's z in training (nothing does: only
    /// f′'s readers, through <see cref="Derivative"/>).
    /// </summary>
    public virtual bool StoresDerivative => false;

    /// <summary>
    /// For <see cref="StoresDerivative"/>: f(z) as a C# expression that also assigns f′(z) to the
    /// variable <paramref name="derivative"/> (an out argument), given the expressions for z and α.
    /// </summary>
    public virtual string ForwardWithDerivative(string z, string derivative, string alpha) =>
        throw new InvalidOperationException($"{Name} does not store its derivative.");

    /// <summary>
    /// For <see cref="StoresDerivative"/>: the statement that writes a = f(z) and z = f′(z) over a whole
    /// batch in a SIMD layer (spans z and a, as <see cref="VectorForward"/>), or null for the scalar loop
    /// over <see cref="ForwardWithDerivative"/>. By default the runtime's ActivationKernels.MapWithDerivative
    /// over the struct of <see cref="VectorWithDerivativeBody"/>.
    /// </summary>
    public virtual string? VectorForwardWithDerivative(LayerSpec layer) =>
        VectorWithDerivativeBody is null ? null : $"{Kernels}.MapWithDerivative<{VectorStructStem}WithDerivativeVector>(z, a, {Literals.Float(layer.Alpha)}); // vectorised, f′ kept in z";

    /// <summary>
    /// f(x) and f′(x) over a vector in one body, as <see cref="VectorForwardBody"/> with an out parameter
    /// <c>derivative</c> it must assign; its scalar form is <see cref="ForwardWithDerivative"/>. Null: none.
    /// </summary>
    protected virtual string? VectorWithDerivativeBody => null;

    /// <summary>The stem of the vector bodies' struct names in the kernels class: {stem}Vector, {stem}DerivativeVector, {stem}WithDerivativeVector; the kind by default.</summary>
    protected virtual string VectorStructStem => Kind.ToString();

    /// <summary>The scalar helpers (static methods of the kernels class) that <see cref="Forward"/> and <see cref="Derivative"/> call.</summary>
    public virtual IReadOnlyList<ScalarHelper> Helpers => Array.Empty<ScalarHelper>();

    /// <summary>Its α, or null when it has none (then setting Alpha is reported as ignored).</summary>
    public virtual AlphaParameter? Alpha => null;

    /// <summary>The initialisation of Init.Auto: He for the rectifier family, Glorot for the others.</summary>
    public virtual Init DefaultInit => Init.GlorotUniform;

    /// <summary>Whether each output depends on the whole layer (softmax-like): output layer only (NG0005).</summary>
    public virtual bool CouplesLayer => false;

    /// <summary>Whether its derivative is 0 everywhere, so that a trained network cannot learn through it (NG diagnostic).</summary>
    public virtual bool CannotLearn => false;

    /// <summary>
    /// The statement that writes a = f(z) over a whole batch in a SIMD layer (spans z and a, int rows,
    /// already sliced to rows × units), or null for the scalar loop over <see cref="Forward"/>.
    /// </summary>
    public virtual string? VectorForward(LayerSpec layer) =>
        VectorForwardBody is null ? null : $"{Kernels}.Map<{VectorStructStem}Vector>(z, a, {Literals.Float(layer.Alpha)}); // vectorised";

    /// <summary>
    /// The statement that multiplies the span dPrev by f′ in a SIMD layer's backward (spans zPrev and
    /// aPrev of the same length), or null for the scalar loop over <see cref="Derivative"/>.
    /// </summary>
    public virtual string? VectorDerivative(LayerSpec previous) =>
        VectorDerivativeBody is null ? null : $"{Kernels}.Scale<{VectorStructStem}DerivativeVector>(dPrev, zPrev, {Literals.Float(previous.Alpha)});";

    /// <summary>
    /// f(x) over a vector: C# statements over the runtime's ISimd (type parameters TSimd and TVector,
    /// parameters x and alpha) ending in a return, or null. The entry's struct {Kind}Vector, emitted
    /// into the kernels class with <see cref="Forward"/> as its scalar form, is then applied by the
    /// runtime's one driver, ActivationKernels.Map: a new vectorised activation needs no runtime file.
    /// </summary>
    protected virtual string? VectorForwardBody => null;

    /// <summary>f′(z) over a vector, as <see cref="VectorForwardBody"/> (x is z): applied by ActivationKernels.Scale; its scalar form is <see cref="Derivative"/> of z.</summary>
    protected virtual string? VectorDerivativeBody => null;

    /// <summary><see cref="Helpers"/> and the structs of the vector bodies.</summary>
    public IEnumerable<ScalarHelper> AllHelpers
    {
        get
        {
            foreach (ScalarHelper helper in Helpers)
            {
                yield return helper;
            }

            if (VectorForwardBody is { } forward)
            {
                yield return VectorStruct(VectorStructStem + "Vector", $"{Name}(x)", Forward("x", "alpha"), forward);
            }

            if (VectorDerivativeBody is { } derivative)
            {
                yield return VectorStruct(VectorStructStem + "DerivativeVector", $"{Name}′(x)", Derivative("x", "x", "alpha") ?? "1f", derivative);
            }

            if (StoresDerivative && VectorWithDerivativeBody is { } both)
            {
                yield return VectorStruct(VectorStructStem + "WithDerivativeVector", $"{Name}(x) and {Name}′(x)", ForwardWithDerivative("x", "derivative", "alpha"), both, withDerivative: true);
            }
        }
    }

    private static ScalarHelper VectorStruct(string name, string what, string scalar, string body, bool withDerivative = false) => new(name, w =>
    {
        string output = withDerivative ? ", out float derivative" : string.Empty;
        w.WriteLine();
        w.WriteLine($"/// <summary>{what} as a scalar and a vector expression, for the runtime's ActivationKernels driver.</summary>");
        using (w.Block($"private readonly struct {name} : {Kernels}.{(withDerivative ? "IElementDerivativeOp" : "IElementOp")}"))
        {
            w.WriteLine($"public static float Apply(float x, float alpha{output}) => {scalar};");
            w.WriteLine();
            w.WriteLine(HotPath.Attribute); // runs inside the runtime's Map/Scale loops when not inlined
            w.WriteLine($"public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha{output.Replace("float", "TVector")})");
            w.WriteLine("    where TSimd : global::NetGen.CompilerServices.ISimd<TVector>");
            using (w.Block("    where TVector : struct"))
            {
                w.WriteLines(body);
            }
        }
    });

    /// <summary>
    /// Whether the unrolled and loops forward of one sample should also call the vector kernel of
    /// <see cref="VectorForward"/> on the layer's z (worth it when the scalar function is expensive).
    /// </summary>
    public virtual bool VectorisePerSample => false;

    /// <summary>
    /// Its ONNX form as a recipe for the exporter (see docs/onnx.md): nodes separated by ';', each
    /// <c>Op(inputs)</c> with optional <c>[name=value,…]</c> attributes (f float, i integer, s string).
    /// Inputs: z (the layer's pre-activation), tK (the output of node K of this recipe), cV (a scalar
    /// constant V), alpha (the layer's learned slopes). The last node writes the layer's output.
    /// <paramref name="alpha"/> is the layer's α, written with "R" formatting.
    /// </summary>
    public abstract string OnnxRecipe(string alpha);

    /// <summary>
    /// Further ONNX forms the importer also reads as this activation (never written by the exporter),
    /// in the recipe syntax of <see cref="OnnxRecipe"/>: typically a native operator of a later opset
    /// ("Mish(z)", opset 18). An attribute in an alias other than α must be absent or equal its value
    /// there (s:none a string, f1 a float, i1 an integer); any other value refuses the file with
    /// <see cref="OnnxAttributeRefusal"/>. The importer tries the recipe and the aliases of every entry, longest first.
    /// </summary>
    public virtual IReadOnlyList<string> OnnxImportAliases => Array.Empty<string>();

    /// <summary>
    /// Why the importer refuses a node of an import alias whose <paramref name="attribute"/> is
    /// <paramref name="value"/> (as written in the file, strings quoted) instead of the alias's value.
    /// </summary>
    public virtual string OnnxAttributeRefusal(string attribute, string value) => $"{attribute} = {value} is not supported as {Kind}";

    /// <summary>
    /// The ONNX attribute that carries α on import (its default when absent is <see cref="AlphaParameter.Default"/>),
    /// or null when α comes from elsewhere (PReLU's slopes) or there is none.
    /// </summary>
    public virtual string? OnnxAlphaAttribute => null;

    /// <summary>
    /// For a layer-coupling activation: writes a = f(z) for one sample, from locals z0, z1, … when
    /// <paramref name="unrolled"/>, else from the span z.
    /// </summary>
    public virtual void EmitCoupledForward(SourceWriter w, int units, bool unrolled) =>
        throw new InvalidOperationException($"{Name} does not couple the layer.");

    /// <summary>
    /// For a layer-coupling activation in the output layer: turns d = ∂loss/∂a (already scaled) into
    /// ∂loss/∂z through its Jacobian, over n units (spans a and d).
    /// </summary>
    public virtual void EmitJacobianProduct(SourceWriter w, string n)
    {
    }
}

/// <summary>An activation's α.</summary>
/// <param name="Default">The value when Alpha is not set.</param>
/// <param name="Learned">Whether each unit learns its own α (stored after the bias), starting at the declared value.</param>
/// <param name="RangeText">When not null, the values allowed ("positive"), checked by <paramref name="IsValid"/>.</param>
/// <param name="IsValid">The range check of a declared α.</param>
internal sealed record AlphaParameter(float Default, bool Learned = false, string? RangeText = null, Func<float, bool>? IsValid = null);

/// <summary>A static helper method of the kernels class, emitted once however many layers call it.</summary>
/// <param name="Name">The method's name, which identifies it.</param>
/// <param name="Emit">Writes the method (with a blank line before it).</param>
internal sealed record ScalarHelper(string Name, Action<SourceWriter> Emit);
