using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Writes the forward and backward kernels of one dense layer, as static methods of the network's
/// kernels class, in the layer's <see cref="LayerStrategy"/>:
/// <list type="bullet">
/// <item><c>Forward{n}(p, x, z, a)</c>: z = x·W + b, a = f(z).</item>
/// <item><c>Backward{n}(p, g, x, d[, dPrev, zPrev, aPrev])</c>: ∇W += xᵀ·d, ∇b += d and, past the
/// first layer, dPrev = (d·Wᵀ) ⊙ f′ of the layer before (its ∂loss/∂z).</item>
/// </list>
/// </summary>
internal static class DenseLayerEmitter
{
    /// <summary>Statements per line when unrolled code is laid out in rows.</summary>
    private const int PerLine = 8;

    public static void EmitForward(SourceWriter w, LayerSpec layer, int packedOffset) => EmitForward(w, layer, packedOffset, storeDerivative: false);

    /// <summary>
    /// For a trained network: the training forward TrainForward{n}, when the layer's activation
    /// <see cref="ActivationDefinition.StoresDerivative"/> (else the training pass calls Forward{n}, and
    /// this writes nothing). It computes a = f(z) and keeps f′(z) in z, in one evaluation of f.
    /// </summary>
    public static void EmitTrainingForward(SourceWriter w, LayerSpec layer, int packedOffset)
    {
        if (ActivationCatalog.Of(layer).StoresDerivative && layer.Strategy != LayerStrategy.Lanes)
        {
            EmitForward(w, layer, packedOffset, storeDerivative: true);
        }
    }

    /// <summary>The kernel the training pass calls for the layer's forward: TrainForward{n} (see <see cref="EmitTrainingForward"/>) or Forward{n}.</summary>
    public static string TrainingForwardName(LayerSpec layer) =>
        (ActivationCatalog.Of(layer).StoresDerivative && layer.Strategy != LayerStrategy.Lanes ? "TrainForward" : "Forward") + Literals.Int(layer.Number);

    private static void EmitForward(SourceWriter w, LayerSpec layer, int packedOffset, bool storeDerivative)
    {
        ActivationDefinition f = ActivationCatalog.Of(layer);
        string n = Literals.Int(layer.Number);
        string name = (storeDerivative ? "TrainForward" : "Forward") + n;
        string stored = storeDerivative ? $"; for training: z{n} keeps {f.Name}′(z) for the backward, computed with a in one pass" : string.Empty;
        w.WriteLine();
        w.WriteLine($"/// <summary>Layer {n} forward: a = {f.Name}(x·W{n} + b{n}), [{(layer.Strategy == LayerStrategy.Simd ? "rows" : "1")}×{layer.Inputs}]·[{layer.Inputs}×{layer.Units}] + [{layer.Units}]; {StrategyText(layer)}{stored}.</summary>");
        if (layer.Strategy == LayerStrategy.Simd)
        {
            string packed = layer.Packed ? "global::System.ReadOnlySpan<float> packed, " : string.Empty;
            using (HotPath.Method(w, $"public static void {name}(global::System.ReadOnlySpan<float> p, {packed}global::System.ReadOnlySpan<float> x, global::System.Span<float> z, global::System.Span<float> a, int rows)"))
            {
                EmitForwardSimd(w, layer, f, packedOffset, storeDerivative);
            }

            return;
        }

        using (HotPath.Method(w, $"public static void {name}(global::System.ReadOnlySpan<float> p, global::System.ReadOnlySpan<float> x, global::System.Span<float> z, global::System.Span<float> a)"))
        {
            if (layer.Strategy is LayerStrategy.Unrolled or LayerStrategy.Lanes)
            {
                if (layer.Strategy == LayerStrategy.Lanes)
                {
                    LanesEmitter.EmitOneSample(w, layer, f, () => EmitForwardUnrolled(w, layer, f, storeDerivative));
                }
                else
                {
                    EmitForwardUnrolled(w, layer, f, storeDerivative);
                }
            }
            else
            {
                EmitForwardLoops(w, layer, f, storeDerivative);
            }
        }
    }

    public static void EmitBackward(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        string n = Literals.Int(layer.Number);
        string parameters = "global::System.ReadOnlySpan<float> p, global::System.Span<float> g, global::System.ReadOnlySpan<float> x, global::System.ReadOnlySpan<float> d";
        w.WriteLine();
        if (previous is null)
        {
            w.WriteLine($"/// <summary>Layer {n} backward: ∇W{n} += xᵀ·d, ∇b{n} += d (the input needs no gradient); {StrategyText(layer)}.</summary>");
        }
        else
        {
            string fPrev = ActivationCatalog.Of(previous).Name;
            w.WriteLine($"/// <summary>Layer {n} backward: ∇W{n} += xᵀ·d, ∇b{n} += d, and layer {previous.Number}'s dPrev = (d·W{n}ᵀ) ⊙ {fPrev}′(zPrev); {StrategyText(layer)}.</summary>");
            parameters += ", global::System.Span<float> dPrev, global::System.ReadOnlySpan<float> zPrev, global::System.ReadOnlySpan<float> aPrev";
        }

        if (layer.Strategy == LayerStrategy.Simd)
        {
            using (HotPath.Method(w, $"public static void Backward{n}({parameters}, int rows)"))
            {
                EmitBackwardSimd(w, layer, previous);
            }

            return;
        }

        using (HotPath.Method(w, $"public static void Backward{n}({parameters})"))
        {
            if (layer.Strategy == LayerStrategy.Unrolled)
            {
                EmitBackwardUnrolled(w, layer, previous);
            }
            else
            {
                EmitBackwardLoops(w, layer, previous);
            }
        }
    }

    private static string StrategyText(LayerSpec layer) => layer.Strategy switch
    {
        LayerStrategy.Unrolled => "fully unrolled",
        LayerStrategy.Simd => "SIMD over the batch",
        LayerStrategy.Lanes => "fully unrolled (training runs in lanes)",
        _ => "constant-bound loops",
    };

    private const string Kernels = "global::NetGen.CompilerServices.DenseKernels";

    /// <summary>
    /// For a layer of the unrolled or loops strategy: its forward over a chunk of rows through the
    /// batched SIMD kernels, for PredictBatch (per sample, its own strategy stays faster).
    /// </summary>
    public static void EmitForwardRows(SourceWriter w, LayerSpec layer)
    {
        ActivationDefinition f = ActivationCatalog.Of(layer);
        string n = Literals.Int(layer.Number);
        w.WriteLine();
        w.WriteLine($"/// <summary>Layer {n} forward over a chunk of rows for PredictBatch: a = {f.Name}(x·W{n} + b{n}), [rows×{layer.Inputs}]·[{layer.Inputs}×{layer.Units}] + [{layer.Units}]; SIMD kernels.</summary>");
        using (HotPath.Method(w, $"public static void ForwardRows{n}(global::System.ReadOnlySpan<float> p, global::System.ReadOnlySpan<float> x, global::System.Span<float> z, global::System.Span<float> a, int rows)"))
        {
            EmitForwardSimd(w, layer, f, -1, storeDerivative: false);
        }
    }

    /// <summary>The shape struct the SIMD kernels are specialised with.</summary>
    public static void EmitShape(SourceWriter w, LayerSpec layer)
    {
        w.WriteLine();
        w.WriteLine($"/// <summary>Layer {layer.Number}'s shape, [{layer.Inputs}×{layer.Units}], as constants for the SIMD kernels.</summary>");
        using (w.Block($"private readonly struct Layer{layer.Number} : global::NetGen.CompilerServices.IDenseShape"))
        {
            w.WriteLine($"public static int Inputs => {layer.Inputs};");
            w.WriteLine($"public static int Units => {layer.Units};");
        }
    }

    private static void EmitForwardSimd(SourceWriter w, LayerSpec layer, ActivationDefinition f, int packedOffset, bool storeDerivative)
    {
        string n = Literals.Int(layer.Number);
        string inputs = Literals.Int(layer.Inputs);
        string units = Literals.Int(layer.Units);
        if (packedOffset >= 0)
        {
            w.WriteLine($"// z = x·W{n} + b{n}, [rows×{inputs}]·[{inputs}×{units}]: register-blocked SIMD on the packed copy of W{n} (panels), specialised for Layer{n}");
            w.WriteLine($"{Kernels}.ForwardPacked<Layer{n}>(x, packed.Slice({packedOffset}, {inputs} * {units}), p.Slice({layer.BiasOffset}, {units}), z, rows);");
        }
        else
        {
            w.WriteLine($"// z = x·W{n} + b{n}, [rows×{inputs}]·[{inputs}×{units}]: register-blocked SIMD, specialised for Layer{n}");
            w.WriteLine($"{Kernels}.Forward<Layer{n}>(x, p.Slice({layer.WeightOffset}, {inputs} * {units}), p.Slice({layer.BiasOffset}, {units}), z, rows);");
        }

        if (f.CouplesLayer)
        {
            w.WriteLine($"// a = {f.Name}(z), row by row, the exponentials of all rows vectorised together");
            w.WriteLine(f.VectorForward(layer) ?? throw new System.InvalidOperationException($"{f.Name} couples the layer but has no batched form."));
            return;
        }

        w.WriteLine($"// a = {f.Name}(z)");
        if (layer.HasLearnedAlpha)
        {
            w.WriteLine($"global::System.ReadOnlySpan<float> alpha = p.Slice({layer.AlphaOffset}, {units});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.WriteLine($"global::System.ReadOnlySpan<float> zr = z.Slice(r * {units}, {units});");
                w.WriteLine($"global::System.Span<float> ar = a.Slice(r * {units}, {units});");
                w.WriteLine($"for (int j = 0; j < {units}; j++) ar[j] = {f.Forward("zr[j]", "alpha[j]")};");
            }

            return;
        }

        w.WriteLine($"z = z.Slice(0, rows * {units});");
        string? vectorised = storeDerivative ? f.VectorForwardWithDerivative(layer) : f.VectorForward(layer);
        if (vectorised is not null)
        {
            w.WriteLine(vectorised);
            return;
        }

        w.WriteLine($"a = a.Slice(0, z.Length);");
        w.WriteLine(storeDerivative
            ? $"for (int e = 0; e < z.Length; e++) a[e] = {f.ForwardWithDerivative("z[e]", "z[e]", Literals.Float(layer.Alpha))}; // f′ kept in z"
            : $"for (int e = 0; e < z.Length; e++) a[e] = {f.Forward("z[e]", Literals.Float(layer.Alpha))};");
    }

    private static void EmitBackwardSimd(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        string n = Literals.Int(layer.Number);
        string inputs = Literals.Int(layer.Inputs);
        string units = Literals.Int(layer.Units);
        w.WriteLine($"// ∇W{n} += xᵀ·d, ∇b{n} += Σ d over the batch: register-blocked SIMD");
        w.WriteLine($"{Kernels}.AccumulateGradients<Layer{n}>(x, d, g.Slice({layer.WeightOffset}, {inputs} * {units}), g.Slice({layer.BiasOffset}, {units}), rows);");
        if (previous is null)
        {
            return;
        }

        ActivationDefinition fPrev = ActivationCatalog.Of(previous);
        w.WriteLine($"// dPrev = (d·W{n}ᵀ) ⊙ {fPrev.Name}′(zPrev)");
        w.WriteLine($"{Kernels}.Backpropagate<Layer{n}>(d, p.Slice({layer.WeightOffset}, {inputs} * {units}), dPrev, rows);");
        if (previous.HasLearnedAlpha)
        {
            w.WriteLine($"// layer {previous.Number}'s PReLU: dPrev ⊙ (1 or α), and ∇α += dPrev ⊙ min(zPrev, 0)");
            w.WriteLine($"global::System.ReadOnlySpan<float> alphaPrev = p.Slice({previous.AlphaOffset}, {inputs});");
            w.WriteLine($"global::System.Span<float> gAlphaPrev = g.Slice({previous.AlphaOffset}, {inputs});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                using (w.Block($"for (int i = 0; i < {inputs}; i++)"))
                {
                    w.WriteLine($"int e = r * {inputs} + i;");
                    w.WriteLine("float s = dPrev[e];");
                    w.WriteLine("float zp = zPrev[e];");
                    w.WriteLine("if (zp < 0f) { dPrev[e] = s * alphaPrev[i]; gAlphaPrev[i] += s * zp; }");
                }
            }

            return;
        }

        string? derivative = fPrev.Derivative("zPrev[e]", "aPrev[e]", Literals.Float(previous.Alpha));
        if (derivative is null)
        {
            return;
        }

        w.WriteLine($"dPrev = dPrev.Slice(0, rows * {inputs});");
        string? vectorised = fPrev.VectorDerivative(previous);
        if (vectorised is not null)
        {
            w.WriteLine(vectorised + " // vectorised, branch-free");
            return;
        }

        w.WriteLine("zPrev = zPrev.Slice(0, dPrev.Length);");
        w.WriteLine("aPrev = aPrev.Slice(0, dPrev.Length);");
        w.WriteLine(derivative == "0f"
            ? $"dPrev.Clear(); // {fPrev.Name}′ = 0: no gradient passes"
            : $"for (int e = 0; e < dPrev.Length; e++) dPrev[e] *= {derivative};");
    }

    private static void EmitForwardUnrolled(SourceWriter w, LayerSpec layer, ActivationDefinition f, bool storeDerivative)
    {
        int inputs = layer.Inputs;
        int units = layer.Units;
        w.WriteLine("// One bounds check per span up front; every constant index below is then in range.");
        w.WriteLine($"_ = p[{layer.EndOffset - 1}]; _ = x[{inputs - 1}]; _ = z[{units - 1}]; _ = a[{units - 1}];");
        EmitLoads(w, "x", inputs);
        for (int j = 0; j < units; j++)
        {
            var terms = new List<string> { $"p[{layer.BiasOffset + j}]" };
            for (int i = 0; i < inputs; i++)
            {
                terms.Add($"x{i} * p[{layer.WeightOffset + i * units + j}]");
            }

            w.WriteLine($"float z{j} = {string.Join(" + ", terms)};");
        }

        EmitUnrolledActivation(w, layer, f, storeDerivative);
    }

    /// <summary>
    /// Given locals z0…z{units−1}: stores them in z and writes a = f(z) as the unrolled forward does;
    /// with <paramref name="storeDerivative"/> (a training forward), stores f′(z) in z instead.
    /// </summary>
    internal static void EmitUnrolledActivation(SourceWriter w, LayerSpec layer, ActivationDefinition f, bool storeDerivative = false)
    {
        int units = layer.Units;
        bool perSample = !f.CouplesLayer && f.VectorisePerSample && (storeDerivative ? f.VectorForwardWithDerivative(layer) : f.VectorForward(layer)) is not null;
        if (!storeDerivative || perSample)
        {
            EmitRows(w, Enumerable.Range(0, units).Select(j => $"z[{j}] = z{j};"));
        }

        if (f.CouplesLayer)
        {
            f.EmitCoupledForward(w, units, unrolled: true);
        }
        else
        {
            w.WriteLine(layer.HasLearnedAlpha ? $"// a = {f.Name}(z), with the learned slopes α at p[{layer.AlphaOffset}..{layer.EndOffset})" : $"// a = {f.Name}(z){(storeDerivative ? $", z = {f.Name}′(z) for the backward" : string.Empty)}");
            if (perSample)
            {
                // The kernel reads spans z and a: z is exactly the layer's units here.
                w.WriteLine($"z = z.Slice(0, {Literals.Int(units)});");
                w.WriteLine(storeDerivative ? f.VectorForwardWithDerivative(layer)! : f.VectorForward(layer)!);
                return;
            }

            EmitRows(w, Enumerable.Range(0, units).Select(j =>
            {
                string alpha = ActivationCatalog.Alpha(layer, "p", Literals.Int(layer.AlphaOffset + j));
                return storeDerivative ? $"a[{j}] = {f.ForwardWithDerivative($"z{j}", $"z[{j}]", alpha)};" : $"a[{j}] = {f.Forward($"z{j}", alpha)};";
            }));
        }
    }

    private static void EmitForwardLoops(SourceWriter w, LayerSpec layer, ActivationDefinition f, bool storeDerivative)
    {
        string inputs = Literals.Int(layer.Inputs);
        string units = Literals.Int(layer.Units);
        w.WriteLine($"global::System.ReadOnlySpan<float> w = p.Slice({layer.WeightOffset}, {inputs} * {units});");
        w.WriteLine($"global::System.ReadOnlySpan<float> b = p.Slice({layer.BiasOffset}, {units});");
        w.WriteLine($"x = x.Slice(0, {inputs});");
        w.WriteLine($"z = z.Slice(0, {units});");
        w.WriteLine($"a = a.Slice(0, {units});");
        w.WriteLine("// z = b + Σ_i x_i·W[i, :], one row of W at a time");
        w.WriteLine("b.CopyTo(z);");
        using (w.Block($"for (int i = 0; i < {inputs}; i++)"))
        {
            w.WriteLine("float xi = x[i];");
            w.WriteLine($"global::System.ReadOnlySpan<float> row = w.Slice(i * {units}, {units});");
            w.WriteLine($"for (int j = 0; j < {units}; j++) z[j] += xi * row[j];");
        }

        if (f.CouplesLayer)
        {
            f.EmitCoupledForward(w, layer.Units, unrolled: false);
        }
        else
        {
            w.WriteLine($"// a = {f.Name}(z)");
            if (layer.HasLearnedAlpha)
            {
                w.WriteLine($"global::System.ReadOnlySpan<float> alpha = p.Slice({layer.AlphaOffset}, {units});");
            }

            string alpha = ActivationCatalog.Alpha(layer, "alpha", "j");
            if (storeDerivative)
            {
                w.WriteLine($"// and z = {f.Name}′(z), kept for the backward");
                w.WriteLine(f.VectorisePerSample && f.VectorForwardWithDerivative(layer) is { } both
                    ? both
                    : $"for (int j = 0; j < {units}; j++) a[j] = {f.ForwardWithDerivative("z[j]", "z[j]", alpha)};");
            }
            else
            {
                w.WriteLine(f.VectorisePerSample && f.VectorForward(layer) is { } vectorised
                    ? vectorised
                    : $"for (int j = 0; j < {units}; j++) a[j] = {f.Forward("z[j]", alpha)};");
            }
        }
    }

    private static void EmitBackwardUnrolled(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        int inputs = layer.Inputs;
        int units = layer.Units;
        w.WriteLine("// One bounds check per span up front; every constant index below is then in range.");
        string checks = $"_ = p[{layer.EndOffset - 1}]; _ = g[{layer.EndOffset - 1}]; _ = x[{inputs - 1}]; _ = d[{units - 1}];";
        if (previous is not null)
        {
            checks += $" _ = dPrev[{inputs - 1}]; _ = zPrev[{inputs - 1}]; _ = aPrev[{inputs - 1}];";
        }

        w.WriteLine(checks);
        EmitLoads(w, "x", inputs);
        EmitLoads(w, "d", units);
        w.WriteLine($"// ∇b{layer.Number} += d");
        EmitRows(w, Enumerable.Range(0, units).Select(j => $"g[{layer.BiasOffset + j}] += d{j};"));
        w.WriteLine($"// ∇W{layer.Number} += xᵀ·d: row i of ∇W gets x_i·d");
        for (int i = 0; i < inputs; i++)
        {
            EmitRows(w, Enumerable.Range(0, units).Select(j => $"g[{layer.WeightOffset + i * units + j}] += x{i} * d{j};"));
        }

        if (previous is null)
        {
            return;
        }

        ActivationDefinition fPrev = ActivationCatalog.Of(previous);
        w.WriteLine($"// dPrev = (d·W{layer.Number}ᵀ) ⊙ {fPrev.Name}′(zPrev)");
        if (previous.HasLearnedAlpha)
        {
            w.WriteLine($"// and layer {previous.Number}'s ∇α += (d·W{layer.Number}ᵀ) ⊙ min(zPrev, 0), its slopes at p[{previous.AlphaOffset}..{previous.EndOffset})");
        }

        for (int i = 0; i < inputs; i++)
        {
            string sum = string.Join(" + ", Enumerable.Range(0, units).Select(j => $"d{j} * p[{layer.WeightOffset + i * units + j}]"));
            string alpha = Literals.Int(previous.AlphaOffset + i);
            w.WriteLine(ChainThrough(fPrev, previous, i.ToString(System.Globalization.CultureInfo.InvariantCulture), sum, "p", "g", alpha));
        }
    }

    private static void EmitBackwardLoops(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        string inputs = Literals.Int(layer.Inputs);
        string units = Literals.Int(layer.Units);
        w.WriteLine($"global::System.Span<float> gw = g.Slice({layer.WeightOffset}, {inputs} * {units});");
        w.WriteLine($"global::System.Span<float> gb = g.Slice({layer.BiasOffset}, {units});");
        w.WriteLine($"x = x.Slice(0, {inputs});");
        w.WriteLine($"d = d.Slice(0, {units});");
        w.WriteLine($"// ∇b{layer.Number} += d");
        w.WriteLine($"for (int j = 0; j < {units}; j++) gb[j] += d[j];");
        w.WriteLine($"// ∇W{layer.Number} += xᵀ·d: row i of ∇W gets x_i·d");
        using (w.Block($"for (int i = 0; i < {inputs}; i++)"))
        {
            w.WriteLine("float xi = x[i];");
            w.WriteLine($"global::System.Span<float> row = gw.Slice(i * {units}, {units});");
            w.WriteLine($"for (int j = 0; j < {units}; j++) row[j] += xi * d[j];");
        }

        if (previous is null)
        {
            return;
        }

        ActivationDefinition fPrev = ActivationCatalog.Of(previous);
        w.WriteLine($"global::System.ReadOnlySpan<float> w = p.Slice({layer.WeightOffset}, {inputs} * {units});");
        if (previous.HasLearnedAlpha)
        {
            w.WriteLine($"// layer {previous.Number}'s PReLU slopes and their gradient: ∇α += (d·W{layer.Number}ᵀ) ⊙ min(zPrev, 0)");
            w.WriteLine($"global::System.ReadOnlySpan<float> alphaPrev = p.Slice({previous.AlphaOffset}, {inputs});");
            w.WriteLine($"global::System.Span<float> gAlphaPrev = g.Slice({previous.AlphaOffset}, {inputs});");
        }

        w.WriteLine($"// dPrev = (d·W{layer.Number}ᵀ) ⊙ {fPrev.Name}′(zPrev)");
        using (w.Block($"for (int i = 0; i < {inputs}; i++)"))
        {
            w.WriteLine($"global::System.ReadOnlySpan<float> row = w.Slice(i * {units}, {units});");
            w.WriteLine("float sum = 0f;");
            w.WriteLine($"for (int j = 0; j < {units}; j++) sum += d[j] * row[j];");
            w.WriteLine(ChainThrough(fPrev, previous, "i", "sum", "alphaPrev", "gAlphaPrev", "i"));
        }
    }

    /// <summary>
    /// dPrev[i] = sum · f′(zPrev[i], aPrev[i]), simplified where f′ is the constant 1 or 0; for a PReLU
    /// layer also adds ∂loss/∂α_i = sum · min(zPrev[i], 0) to the gradient of its slope.
    /// </summary>
    /// <param name="f">The previous layer's activation.</param>
    /// <param name="previous">The previous layer.</param>
    /// <param name="i">The unit's index expression.</param>
    /// <param name="sum">The expression for ∂loss/∂aPrev[i] = (d·Wᵀ)_i.</param>
    /// <param name="alpha">The span holding the learned slopes (PReLU only).</param>
    /// <param name="alphaGradient">The span holding their gradient (PReLU only).</param>
    /// <param name="alphaIndex">The slope's index in those spans.</param>
    private static string ChainThrough(ActivationDefinition f, LayerSpec previous, string i, string sum, string alpha, string alphaGradient, string alphaIndex)
    {
        string z = $"zPrev[{i}]";
        if (previous.HasLearnedAlpha)
        {
            return $"{{ float s = {sum}; dPrev[{i}] = {z} < 0f ? s * {alpha}[{alphaIndex}] : s; {alphaGradient}[{alphaIndex}] += {z} < 0f ? s * {z} : 0f; }}";
        }

        string? derivative = f.Derivative(z, $"aPrev[{i}]", ActivationCatalog.Alpha(previous, alpha, alphaIndex));
        return derivative switch
        {
            null => $"dPrev[{i}] = {sum};",
            "0f" => $"dPrev[{i}] = 0f; // {f.Name}′ = 0: no gradient passes",
            _ => $"dPrev[{i}] = ({sum}) * {derivative};",
        };
    }

    /// <summary>Loads <paramref name="count"/> span elements into locals name0, name1, …</summary>
    private static void EmitLoads(SourceWriter w, string name, int count) =>
        EmitRows(w, Enumerable.Range(0, count).Select(i => $"float {name}{i} = {name}[{i}];"));

    private static void EmitRows(SourceWriter w, IEnumerable<string> statements)
    {
        var line = new List<string>(PerLine);
        foreach (string statement in statements)
        {
            line.Add(statement);
            if (line.Count == PerLine)
            {
                w.WriteLine(string.Join(" ", line));
                line.Clear();
            }
        }

        if (line.Count > 0)
        {
            w.WriteLine(string.Join(" ", line));
        }
    }
}
