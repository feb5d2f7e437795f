using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Catalog.Losses;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// The lanes strategy (<see cref="LayerStrategy.Lanes"/>): the training pass of a network of small
/// layers, vectorised across the samples of the batch. The batch is moved once to a feature-major
/// layout ("lanes": row f holds feature f of every sample, <see cref="Stride"/> floats apart), so a
/// vector of row f holds one feature of TSimd.Width samples; then
/// <list type="bullet">
/// <item>forward: z_o = b_o + Σ_i W[i,o]·x_i, each weight broadcast (W is read in the contract layout);
/// the activation over the layer's lanes with the same span kernels as the SIMD strategy;</item>
/// <item>the loss: the entry's lanes form (<see cref="LossDefinition.HasLanesForm"/>), or else the output
/// layer's z moved back to rows, its activation and the per-sample Loss, and d moved back to lanes;</item>
/// <item>backward: ∇W[i,o] = Σ_lanes d_o·x_i and ∇b_o = Σ_lanes d_o, accumulated lane-wise over the batch
/// and summed across the lanes once per weight; dPrev_i = Σ_o W[i,o]·d_o, times f′ over the lanes.</item>
/// </list>
/// Lanes past the batch (up to the next multiple of the width) hold zero inputs and targets, and their
/// d is set to zero, so they add nothing to a gradient or the loss. The two vector passes are structs
/// (<c>LanesForward</c>, <c>LanesBackward</c>) run by the runtime's SimdDispatch at the widest width.
/// </summary>
internal static class LanesEmitter
{
    /// <summary>The widest vector holds 16 floats: rows of lanes are padded to a multiple of it.</summary>
    private const int MaxWidth = 16;

    /// <summary>Outputs whose sums are kept in registers at a time while the batch streams past.</summary>
    private const int Block = 8;

    /// <summary>Inputs of a layer kept in registers across its outputs (more are loaded per use).</summary>
    private const int HeldInputs = 8;

    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Dispatch = "global::NetGen.CompilerServices.SimdDispatch";
    private const string Field = "__lanes";

    /// <summary>Floats between two rows of lanes: the batch size rounded up to the widest vector.</summary>
    public static int Stride(NetworkSpec spec) => (spec.Training!.BatchSize + MaxWidth - 1) / MaxWidth * MaxWidth;

    private static bool LanesLoss(NetworkSpec spec) => LossCatalog.Of(spec.Training!).HasLanesForm(spec.OutputLayer);

    /// <summary>Where each block of lanes sits in one chunk's buffer, in rows of <see cref="Stride"/>.</summary>
    private sealed class Layout
    {
        public Layout(NetworkSpec spec)
        {
            int stride = Stride(spec);
            int row = 0;
            int Take(int rows)
            {
                int at = row * stride;
                row += rows;
                return at;
            }

            X = Take(spec.Inputs);
            T = LanesLoss(spec) ? Take(spec.OutputSize) : -1;
            foreach (LayerSpec layer in spec.Layers)
            {
                Z.Add(Take(layer.Units));
                A.Add(layer == spec.OutputLayer ? -1 : Take(layer.Units));
                D.Add(Take(layer.Units));
            }

            Partials = LanesLoss(spec) ? Take(1) : -1;
            Size = row * stride;
        }

        public int X { get; }

        public int T { get; }

        public List<int> Z { get; } = new();

        public List<int> A { get; } = new();

        public List<int> D { get; } = new();

        public int Partials { get; }

        public int Size { get; }

        /// <summary>Layer n's input lanes: the batch's for layer 1, else the previous layer's a.</summary>
        public int Input(LayerSpec layer) => layer.Number == 1 ? X : A[layer.Number - 2];
    }

    /// <summary>The class's lanes buffer: one chunk's layout per thread.</summary>
    public static void EmitFields(SourceWriter w, NetworkSpec spec)
    {
        var layout = new Layout(spec);
        w.WriteLine($"// The batch in lanes (one sample per vector lane; rows of {Stride(spec)} lanes: inputs, targets, z, a, d per layer), one block of {layout.Size} floats per thread.");
        w.WriteLine($"private readonly float[] {Field} = new float[{(spec.Threads > 1 ? "Threads * " : string.Empty)}{Literals.Int(layout.Size)}];");
    }

    /// <summary>
    /// The body of the training pass over <c>count</c> rows of <c>inputs</c>/<c>targets</c>, adding to
    /// the double <c>loss</c>; <paramref name="chunk"/> selects the thread's block of lanes and the
    /// gradient buffer (<paramref name="gradients"/> at <paramref name="gradientOffset"/>).
    /// <paramref name="weighted"/>: each sample's loss and d are multiplied by <c>sampleWeights[s]</c>
    /// (after the lanes loss, on the output layer's d lanes, before backward).
    /// </summary>
    public static void EmitPass(SourceWriter w, NetworkSpec spec, string kernels, string chunk, string gradients, string gradientOffset, bool weighted = false)
    {
        var layout = new Layout(spec);
        int stride = Stride(spec);
        LayerSpec output = spec.OutputLayer;
        int l = output.Number - 1;
        string offset = chunk == "0" ? "0" : $"{chunk} * {Literals.Int(layout.Size)}";
        w.WriteLine($"// The batch in lanes: row f holds feature f of every sample ({stride} lanes a row; lanes past count are zero).");
        w.WriteLine($"{Span} lanes = global::System.MemoryExtensions.AsSpan({Field}, {offset}, {Literals.Int(layout.Size)});");
        w.WriteLine($"{kernels}.ToLanes{spec.Inputs}(inputs, lanes.Slice({layout.X}, {spec.Inputs * stride}), count);");
        if (LanesLoss(spec))
        {
            w.WriteLine($"{kernels}.ToLanes{output.Units}(targets, lanes.Slice({layout.T}, {output.Units * stride}), count);");
        }

        w.WriteLine($"// forward, every layer over every lane{(LanesLoss(spec) ? ", then the loss" : string.Empty)}: vectors of samples at the widest width");
        w.WriteLine($"{kernels}.LanesForward forward = new {kernels}.LanesForward({Field}, {offset}, __parameters, count, scale);");
        w.WriteLine($"{Dispatch}.Run(ref forward);");
        if (LanesLoss(spec))
        {
            w.WriteLine("// the samples' losses, which the lanes pass left one per lane, added in order");
            w.WriteLine($"{ReadOnlySpan} losses = lanes.Slice({layout.Partials}, count);");
            if (weighted)
            {
                w.WriteLine($"// weighted: sample r's loss and its d (lane r of the output layer's d rows) times its weight");
                w.WriteLine($"{Span} dOut = lanes.Slice({layout.D[l]}, {output.Units * stride});");
                using (w.Block("for (int r = 0; r < losses.Length; r++)"))
                {
                    w.WriteLine("float weight = sampleWeights[r];");
                    w.WriteLine("loss += (double)weight * losses[r];");
                    w.WriteLine($"for (int k = 0; k < {Literals.Int(output.Units)}; k++) dOut[k * {Literals.Int(stride)} + r] *= weight;");
                }
            }
            else
            {
                w.WriteLine("for (int r = 0; r < losses.Length; r++) loss += losses[r];");
            }
        }
        else
        {
            string n = Literals.Int(output.Number);
            ActivationDefinition f = ActivationCatalog.Of(output);
            w.WriteLine($"// the loss per sample on rows: z{n} back to rows, {f.Name}, Loss, and d{n} back to lanes");
            w.WriteLine($"{kernels}.FromLanes(lanes.Slice({layout.Z[l]}, {output.Units * stride}), z{n}, count, OutputSize);");
            w.WriteLine($"{kernels}.OutputRows(z{n}, a{n}, count);");

            using (w.Block("for (int s = 0; s < count; s++)"))
            {
                if (weighted)
                {
                    w.WriteLine("float weight = sampleWeights[s];");
                    w.WriteLine($"loss += (double)weight * {kernels}.Loss(z{n}.Slice(s * OutputSize, OutputSize), a{n}.Slice(s * OutputSize, OutputSize), targets.Slice(s * OutputSize, OutputSize), d{n}.Slice(s * OutputSize, OutputSize), scale * weight);");
                }
                else
                {
                    w.WriteLine($"loss += {kernels}.Loss(z{n}.Slice(s * OutputSize, OutputSize), a{n}.Slice(s * OutputSize, OutputSize), targets.Slice(s * OutputSize, OutputSize), d{n}.Slice(s * OutputSize, OutputSize), scale);");
                }
            }

            w.WriteLine($"{kernels}.ToLanes{output.Units}(d{n}, lanes.Slice({layout.D[l]}, {output.Units * stride}), count);");
        }

        w.WriteLine("// backward: ∇W, ∇b summed over the lanes once per parameter; d passed down lane-wise");
        w.WriteLine($"{kernels}.LanesBackward backward = new {kernels}.LanesBackward({Field}, {offset}, __parameters, {gradients}, {gradientOffset}, count);");
        w.WriteLine($"{Dispatch}.Run(ref backward);");
    }

    /// <summary>The kernels class's part: the transposes and the two vector passes.</summary>
    public static void EmitKernels(SourceWriter w, NetworkSpec spec)
    {
        var layout = new Layout(spec);
        int stride = Stride(spec);
        w.WriteLine();
        w.WriteLine($"// ---- training in lanes: one sample per vector lane, rows of {stride} lanes ----");
        w.WriteLine();
        w.WriteLine("/// <summary>Floats between two rows of lanes: BatchSize rounded up to the widest vector (16 floats).</summary>");
        w.WriteLine($"private const int LaneStride = {stride};");
        w.WriteLine();
        foreach (int width in new[] { spec.Inputs, spec.OutputSize }.Distinct())
        {
            EmitToLanes(w, width);
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Lanes [width × LaneStride] back to rows [count × width].</summary>");
        using (HotPath.Method(w, $"public static void FromLanes({ReadOnlySpan} lanes, {Span} rows, int count, int width)"))
        {
            using (w.Block("for (int i = 0; i < width; i++)"))
            {
                w.WriteLine($"{ReadOnlySpan} row = lanes.Slice(i * LaneStride, LaneStride);");
                w.WriteLine("for (int r = 0; r < count; r++) rows[r * width + i] = row[r];");
            }
        }

        if (!LanesLoss(spec))
        {
            LayerSpec output = spec.OutputLayer;
            ActivationDefinition f = ActivationCatalog.Of(output);
            w.WriteLine();
            w.WriteLine($"/// <summary>The output layer's a = {f.Name}(z) on rows, for the per-sample Loss (the loss has no lanes form).</summary>");
            using (HotPath.Method(w, $"public static void OutputRows({Span} z, {Span} a, int rows)"))
            {
                w.WriteLine($"z = z.Slice(0, rows * {Literals.Int(output.Units)});");
                w.WriteLine($"a = a.Slice(0, rows * {Literals.Int(output.Units)});");
                EmitActivation(w, output, f, rowMajor: true);
            }
        }

        EmitForwardPass(w, spec, layout, stride);
        EmitBackwardPass(w, spec, layout, stride);
    }

    /// <summary>Most weights one generated method handles: a larger body would exceed the JIT's inlining budget and leave the ISimd calls as calls.</summary>
    private const int WeightsPerMethod = 64;

    /// <summary>A generic method of the kernels class that one pass calls, with its body.</summary>
    private sealed class Part
    {
        public Part(string name, string summary, bool usesGradients, System.Action<SourceWriter> body, bool readsWeights = false)
        {
            Name = name;
            Summary = summary;
            UsesGradients = usesGradients;
            ReadsWeights = readsWeights;
            Body = body;
        }

        public string Name { get; }

        public string Summary { get; }

        public bool UsesGradients { get; }

        /// <summary>The body reads parameters through <c>ref float w</c> (p's first element).</summary>
        public bool ReadsWeights { get; }

        public System.Action<SourceWriter> Body { get; }
    }

    private static void EmitPass(SourceWriter w, NetworkSpec spec, Layout layout, bool backward, string summary, IReadOnlyList<(Part? Part, System.Action<SourceWriter>? Inline)> steps)
    {
        string name = backward ? "LanesBackward" : "LanesForward";
        string pc = Literals.Int(spec.ParameterCount);
        w.WriteLine();
        w.WriteLine($"/// <summary>{summary}</summary>");
        using (w.Block($"public struct {name} : global::NetGen.CompilerServices.ISimdKernel"))
        {
            w.WriteLine("private readonly float[] _lanes;");
            w.WriteLine("private readonly int _offset;");
            w.WriteLine("private readonly float[] _parameters;");
            w.WriteLine(backward ? "private readonly float[] _gradients;" : "private readonly float _scale;");
            if (backward)
            {
                w.WriteLine("private readonly int _gradientOffset;");
            }

            w.WriteLine("private readonly int _count;");
            w.WriteLine();
            string parameters = backward
                ? "float[] lanes, int offset, float[] parameters, float[] gradients, int gradientOffset, int count"
                : "float[] lanes, int offset, float[] parameters, int count, float scale";
            using (w.Block($"public {name}({parameters})"))
            {
                w.WriteLine("_lanes = lanes; _offset = offset; _parameters = parameters; _count = count;");
                w.WriteLine(backward ? "_gradients = gradients; _gradientOffset = gradientOffset;" : "_scale = scale;");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>The pass at the width of <typeparamref name=\"TSimd\"/>, over count samples rounded up to whole vectors.</summary>");
            w.WriteLine(HotPath.Attribute);
            w.WriteLine("public void Run<TSimd, TVector>()");
            w.WriteLine("    where TSimd : global::NetGen.CompilerServices.ISimd<TVector>");
            using (w.Block("    where TVector : struct"))
            {
                w.WriteLine($"{ReadOnlySpan} p = global::System.MemoryExtensions.AsSpan(_parameters, 0, {pc});");
                w.WriteLine(backward
                    ? $"{Span} g = global::System.MemoryExtensions.AsSpan(_gradients, _gradientOffset, {pc});"
                    : $"{Span} g = default; // the forward pass writes no gradient");
                w.WriteLine($"{Span} block = global::System.MemoryExtensions.AsSpan(_lanes, _offset, {Literals.Int(layout.Size)});");
                w.WriteLine("int count = _count;");
                w.WriteLine(backward ? "float scale = 0f;" : "float scale = _scale;");
                w.WriteLine("nint lanes = (count + TSimd.Width - 1) / TSimd.Width * TSimd.Width; // at most LaneStride: the widths divide 16");
                foreach ((Part? part, System.Action<SourceWriter>? inline) in steps)
                {
                    if (part is not null)
                    {
                        w.WriteLine($"{part.Name}<TSimd, TVector>(p, g, block, lanes, count, scale); // {part.Summary}");
                    }
                    else
                    {
                        inline!(w);
                    }
                }
            }
        }

        foreach ((Part? part, _) in steps)
        {
            if (part is null)
            {
                continue;
            }

            w.WriteLine();
            w.WriteLine($"/// <summary>{part.Summary}</summary>");
            w.WriteLine(HotPath.Attribute);
            w.WriteLine($"private static void {part.Name}<TSimd, TVector>({ReadOnlySpan} p, {Span} g, {Span} block, nint lanes, int count, float reduction)");
            w.WriteLine("    where TSimd : global::NetGen.CompilerServices.ISimd<TVector>");
            using (w.Block("    where TVector : struct"))
            {
                w.WriteLine($"// One bounds check per span: every index below is a constant under {pc}, or a lane under {Literals.Int(layout.Size)} (block's length).");
                w.WriteLine($"_ = p[{Literals.Int(spec.ParameterCount - 1)}];{(part.UsesGradients ? $" _ = g[{Literals.Int(spec.ParameterCount - 1)}];" : string.Empty)} _ = block[{Literals.Int(layout.Size - 1)}];");
                w.WriteLine("ref float s = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(block);");
                if (part.ReadsWeights)
                {
                    w.WriteLine("ref float w = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(p);");
                }

                if (part.UsesGradients)
                {
                    w.WriteLine("ref float gradient = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(g);");
                }

                part.Body(w);
            }
        }
    }

    /// <summary>[first, first + size) in chunks of at most <paramref name="per"/>.</summary>
    private static IEnumerable<int[]> Chunks(int count, int per)
    {
        for (int first = 0; first < count; first += per)
        {
            yield return Enumerable.Range(first, System.Math.Min(per, count - first)).ToArray();
        }
    }

    private static void EmitForwardPass(SourceWriter w, NetworkSpec spec, Layout layout, int stride)
    {
        var steps = new List<(Part?, System.Action<SourceWriter>?)>();
        foreach (LayerSpec layer in spec.Layers)
        {
            int n = layer.Number - 1;
            int input = layout.Input(layer);
            bool held = layer.Inputs <= HeldInputs;
            ActivationDefinition f = ActivationCatalog.Of(layer);
            int part = 0;
            foreach (int[] outputs in Chunks(layer.Units, System.Math.Max(1, WeightsPerMethod / layer.Inputs)))
            {
                steps.Add((new Part($"LanesForward{layer.Number}_{part++}", $"layer {layer.Number}, units {outputs[0]}…{outputs[outputs.Length - 1]}: z = b + Σ_i x_i·W{layer.Number}[i, :], W broadcast, per vector of samples", false, w =>
                {
                    using (w.Block("for (nint l = 0; l < lanes; l += TSimd.Width)"))
                    {
                        if (held)
                        {
                            EmitRows(w, Enumerable.Range(0, layer.Inputs).Select(i => $"TVector x{i} = {Load(input + i * stride)};"));
                        }

                        // one unit an iteration (a loop, not a statement per weight: a fraction of the IL to compile)
                        using (w.Block($"for (nint o = {outputs[0]}; o < {outputs[outputs.Length - 1] + 1}; o++)"))
                        {
                            var line = new System.Text.StringBuilder();
                            line.Append($"TVector z = TSimd.Broadcast({Weight(layer.BiasOffset)});");
                            for (int i = 0; i < layer.Inputs; i++)
                            {
                                string x = held ? $"x{i}" : Load(input + i * stride);
                                line.Append($" z = TSimd.MultiplyAdd({x}, TSimd.Broadcast({Weight(layer.WeightOffset + i * layer.Units)}), z);");
                            }

                            w.WriteLine(line.ToString());
                            w.WriteLine($"TSimd.Store(z, ref s, {Literals.Int(layout.Z[n])} + o * {stride} + l);");
                        }
                    }
                }, readsWeights: true), null));
            }

            if (layer == spec.OutputLayer)
            {
                break;
            }

            steps.Add((null, w =>
            {
                w.WriteLine($"// layer {layer.Number}: a = {f.Name}(z) over the layer's lanes");
                using (Braces(w))
                {
                    w.WriteLine($"{Span} z = block.Slice({layout.Z[n]}, {layer.Units * stride}), a = block.Slice({layout.A[n]}, {layer.Units * stride});");
                    EmitActivation(w, layer, f, rowMajor: false);
                }
            }));
        }

        if (LanesLoss(spec))
        {
            LayerSpec output = spec.OutputLayer;
            LossDefinition loss = LossCatalog.Of(spec.Training!);
            int last = output.Number - 1;
            steps.Add((new Part("LanesLoss", $"the loss, {loss.Description}, per vector of samples: d of the output layer and each lane's loss; lanes past the batch get d = 0", false, w =>
            {
                w.WriteLine("TVector scale = TSimd.Broadcast(reduction);");
                using (w.Block("for (nint l = 0; l < lanes; l += TSimd.Width)"))
                {
                    EmitRows(w, Enumerable.Range(0, output.Units).Select(k => $"TVector z{k} = {Load(layout.Z[last] + k * stride)};"));
                    EmitRows(w, Enumerable.Range(0, output.Units).Select(k => $"TVector t{k} = {Load(layout.T + k * stride)};"));
                    loss.EmitLanesBody(w, output, spec.Training!);
                    EmitRows(w, Enumerable.Range(0, output.Units).Select(k => $"TSimd.Store(d{k}, ref s, {Lane(layout.D[last] + k * stride)});"));
                    w.WriteLine($"TSimd.Store(loss, ref s, {Lane(layout.Partials)});");
                }

                w.WriteLine("// lanes past the batch pass no gradient");
                using (w.Block("for (int r = count; r < lanes; r++)"))
                {
                    EmitRows(w, Enumerable.Range(0, output.Units).Select(k => $"block[{Literals.Int(layout.D[last] + k * stride)} + r] = 0f;"));
                }
            }), null));
        }

        EmitPass(w, spec, layout, backward: false,
            "Forward over the lanes, layer by layer" + (LanesLoss(spec) ? ", then the loss and the output layer's d." : " (the output layer's z only: its activation and the loss run on rows)."),
            steps);
    }

    private static void EmitBackwardPass(SourceWriter w, NetworkSpec spec, Layout layout, int stride)
    {
        var steps = new List<(Part?, System.Action<SourceWriter>?)>();
        for (int index = spec.Layers.Count - 1; index >= 0; index--)
        {
            LayerSpec layer = spec.Layers[index];
            int input = layout.Input(layer);
            int d = layout.D[index];
            int n = layer.Number;
            steps.Add((new Part($"LanesBiasGradient{n}", $"layer {n}: ∇b{n} = Σ_lanes d", true, w =>
            {
                EmitUnitBlocks(w, layer.Units, (size, at) =>
                {
                    w.WriteLine(string.Join(" ", Enumerable.Range(0, size).Select(k => $"TVector b{k} = TSimd.Zero;")));
                    using (w.Block("for (nint l = 0; l < lanes; l += TSimd.Width)"))
                    {
                        EmitRows(w, Enumerable.Range(0, size).Select(k => $"b{k} = TSimd.Add(b{k}, TSimd.Load(ref s, {at(k, d, stride)} + l));"));
                    }

                    EmitRows(w, Enumerable.Range(0, size).Select(k => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref gradient, {at(k, layer.BiasOffset, 1)}) = TSimd.Sum(b{k});"));
                });
            }), null));
            int part = 0;
            foreach (int[] inputs in Chunks(layer.Inputs, System.Math.Max(1, WeightsPerMethod / layer.Units)))
            {
                steps.Add((new Part($"LanesWeightGradient{n}_{part++}", $"layer {n}, rows {inputs[0]}…{inputs[inputs.Length - 1]}: ∇W{n}[i, :] = Σ_lanes x_i·d", true, w =>
                {
                    // one row of W an iteration (a loop, not a statement per weight: a fraction of the IL to compile)
                    using (w.Block($"for (nint i = {inputs[0]}; i < {inputs[inputs.Length - 1] + 1}; i++)"))
                    {
                        w.WriteLine($"nint x = {Literals.Int(input)} + i * {stride};");
                        w.WriteLine($"ref float row = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref gradient, {Literals.Int(layer.WeightOffset)} + i * {layer.Units});");
                        EmitUnitBlocks(w, layer.Units, (size, at) =>
                        {
                            w.WriteLine(string.Join(" ", Enumerable.Range(0, size).Select(k => $"TVector w{k} = TSimd.Zero;")));
                            using (w.Block("for (nint l = 0; l < lanes; l += TSimd.Width)"))
                            {
                                w.WriteLine("TVector xi = TSimd.Load(ref s, x + l);");
                                EmitRows(w, Enumerable.Range(0, size).Select(k => $"w{k} = TSimd.MultiplyAdd(TSimd.Load(ref s, {at(k, d, stride)} + l), xi, w{k});"));
                            }

                            EmitRows(w, Enumerable.Range(0, size).Select(k => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref row, {at(k, 0, 1)}) = TSimd.Sum(w{k});"));
                        });
                    }
                }), null));
            }

            if (index == 0)
            {
                break;
            }

            LayerSpec previous = spec.Layers[index - 1];
            ActivationDefinition fPrev = ActivationCatalog.Of(previous);
            int dPrev = layout.D[index - 1];
            int zPrev = layout.Z[index - 1], aPrev = layout.A[index - 1];
            part = 0;
            foreach (int[] inputs in Chunks(layer.Inputs, System.Math.Max(1, WeightsPerMethod / layer.Units)))
            {
                steps.Add((new Part($"LanesBackpropagate{n}_{part++}", $"layer {previous.Number}, units {inputs[0]}…{inputs[inputs.Length - 1]}: d = d{n}·W{n}ᵀ, lane-wise (times {fPrev.Name}′ after)", false, w =>
                {
                    using (w.Block("for (nint l = 0; l < lanes; l += TSimd.Width)"))
                    {
                        bool held = layer.Units <= HeldInputs;
                        if (held)
                        {
                            EmitRows(w, Enumerable.Range(0, layer.Units).Select(o => $"TVector d{o} = {Load(d + o * stride)};"));
                        }

                        // one unit of the layer below an iteration (a loop, not a statement per weight)
                        using (w.Block($"for (nint i = {inputs[0]}; i < {inputs[inputs.Length - 1] + 1}; i++)"))
                        {
                            w.WriteLine($"ref float row = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref w, {Literals.Int(layer.WeightOffset)} + i * {layer.Units});");
                            var line = new System.Text.StringBuilder();
                            for (int o = 0; o < layer.Units; o++)
                            {
                                string dv = held ? $"d{o}" : Load(d + o * stride);
                                string wv = $"TSimd.Broadcast(global::System.Runtime.CompilerServices.Unsafe.Add(ref row, {o}))";
                                line.Append(o == 0 ? $"TVector sum = TSimd.Multiply({dv}, {wv});" : $" sum = TSimd.MultiplyAdd({dv}, {wv}, sum);");
                            }

                            w.WriteLine(line.ToString());
                            w.WriteLine($"TSimd.Store(sum, ref s, {Literals.Int(dPrev)} + i * {stride} + l);");
                        }
                    }
                }, readsWeights: true), null));
            }

            string? derivative = fPrev.Derivative("zPrev[e]", "aPrev[e]", Literals.Float(previous.Alpha));
            if (derivative is null)
            {
                continue;
            }

            steps.Add((null, w =>
            {
                w.WriteLine($"// layer {previous.Number}: d ⊙= {fPrev.Name}′(z) over the layer's lanes");
                using (Braces(w))
                {
                    int rows = previous.Units * stride;
                    w.WriteLine($"{Span} dPrev = block.Slice({dPrev}, {rows});");
                    w.WriteLine($"{ReadOnlySpan} zPrev = block.Slice({zPrev}, {rows}), aPrev = block.Slice({aPrev}, {rows});");
                    string? vectorised = fPrev.VectorDerivative(previous);
                    w.WriteLine(vectorised is not null
                        ? vectorised
                        : derivative == "0f"
                            ? $"dPrev.Clear(); // {fPrev.Name}′ = 0: no gradient passes"
                            : $"for (int e = 0; e < dPrev.Length; e++) dPrev[e] *= {derivative};");
                }
            }));
        }

        EmitPass(w, spec, layout, backward: true,
            "Backward over the lanes: every ∇W and ∇b (written, not added: the pass owns the buffer), and d down to layer 1.",
            steps);
    }

    /// <summary>
    /// The units 0…units−1 in blocks of <see cref="Block"/> whose sums stay in registers: two or more
    /// whole blocks as a loop over u (one body to compile), then the rest. <paramref name="body"/> gets a
    /// block's size and at(k, c, m), the expression of c + (unit k of the block)·m.
    /// </summary>
    private static void EmitUnitBlocks(SourceWriter w, int units, System.Action<int, System.Func<int, int, int, string>> body)
    {
        int whole = units / Block;
        if (whole >= 2)
        {
            using (w.Block($"for (nint u = 0; u < {Literals.Int(whole * Block)}; u += {Block})"))
            {
                body(Block, (k, c, m) => $"{Literals.Int(c + k * m)} + {(m == 1 ? "u" : $"u * {Literals.Int(m)}")}");
            }
        }

        for (int first = whole >= 2 ? whole * Block : 0; first < units; first += Block)
        {
            int start = first;
            using (Braces(w))
            {
                body(System.Math.Min(Block, units - start), (k, c, m) => Literals.Int(c + (start + k) * m));
            }
        }
    }

    private static string Lane(int at, string lane = "l") => at == 0 ? lane : $"{Literals.Int(at)} + {lane}";

    private static string Load(int at) => $"TSimd.Load(ref s, {Lane(at)})";

    /// <summary>The parameter at <paramref name="at"/> + o (o the loop's unit), read through the span's reference: at + o is under the length the part checked once.</summary>
    private static string Weight(int at) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref w, {Literals.Int(at)} + o)";

    /// <summary>
    /// a = f(z) over spans z and a as the SIMD strategy applies it: a coupled (softmax-like) activation
    /// row by row (<paramref name="rowMajor"/>, with int rows in scope), an element-wise one over the
    /// whole span (rows or lanes alike).
    /// </summary>
    private static void EmitActivation(SourceWriter w, LayerSpec layer, ActivationDefinition f, bool rowMajor)
    {
        if (f.CouplesLayer)
        {
            w.WriteLine(rowMajor
                ? f.VectorForward(layer) ?? throw new System.InvalidOperationException($"{f.Name} couples the layer but has no batched form.")
                : throw new System.InvalidOperationException($"{f.Name} couples the layer: only on rows."));
            return;
        }

        w.WriteLine(f.VectorForward(layer) ?? $"for (int e = 0; e < z.Length; e++) a[e] = {f.Forward("z[e]", Literals.Float(layer.Alpha))};");
    }

    /// <summary>
    /// ToLanes{width}: rows [count × width] (count ≥ 1) to lanes [width × LaneStride], lanes past count
    /// set to zero; one bounds check per span, each row read in order and, up to 16 wide, unrolled.
    /// </summary>
    private static void EmitToLanes(SourceWriter w, int width)
    {
        string n = Literals.Int(width);
        w.WriteLine();
        w.WriteLine($"/// <summary>Rows [count × {n}] (count ≥ 1) to lanes [{n} × LaneStride]: lanes past count are set to zero.</summary>");
        using (HotPath.Method(w, $"public static void ToLanes{n}({ReadOnlySpan} rows, {Span} lanes, int count)"))
        {
            w.WriteLine($"_ = rows[count * {n} - 1]; _ = lanes[{n} * LaneStride - 1]; // count ≤ LaneStride: the callers check it against BatchSize");
            w.WriteLine("ref float source = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(rows);");
            w.WriteLine("ref float target = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(lanes);");
            using (w.Block("for (nint r = 0; r < count; r++)"))
            {
                w.WriteLine($"ref float row = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref source, r * {n});");
                if (width <= MaxWidth)
                {
                    EmitRows(w, Enumerable.Range(0, width).Select(i => i == 0
                        ? "global::System.Runtime.CompilerServices.Unsafe.Add(ref target, r) = row;"
                        : $"global::System.Runtime.CompilerServices.Unsafe.Add(ref target, {Literals.Int(i)} * LaneStride + r) = global::System.Runtime.CompilerServices.Unsafe.Add(ref row, {Literals.Int(i)});"));
                }
                else
                {
                    w.WriteLine($"for (nint i = 0; i < {n}; i++) global::System.Runtime.CompilerServices.Unsafe.Add(ref target, i * LaneStride + r) = global::System.Runtime.CompilerServices.Unsafe.Add(ref row, i);");
                }
            }

            using (w.Block("if (count < LaneStride)"))
            {
                w.WriteLine($"for (int i = 0; i < {n}; i++) lanes.Slice(i * LaneStride + count, LaneStride - count).Clear();");
            }
        }
    }

    /// <summary>
    /// The one-sample forward of a lanes layer (Predict) where Vector128 is accelerated: the units in
    /// vectors of 4, z = b + Σ_i x_i·W[i, :] with row i of W (contiguous over the units) loaded whole and
    /// x_i broadcast, i in order and a multiply then an add (no fusion): the scalar strategies' sums, bit
    /// for bit, in a quarter of the instructions (splitting the 16-deep chain of 4-16-3's output layer in
    /// two measured no faster). Then the unrolled code's activation. A vector that would read past the
    /// parameters is built from the elements in range.
    /// </summary>
    public static void EmitOneSample(SourceWriter w, LayerSpec layer, ActivationDefinition f, System.Action unrolled)
    {
        const string Vector = "global::System.Runtime.Intrinsics.Vector128";
        int vectors = (layer.Units + 3) / 4;
        int end = layer.EndOffset; // p holds at least this many: every index below it is in range
        string Load(int at) => at + 4 <= end
            ? $"{Vector}.LoadUnsafe(ref w, {Literals.Int(at)})"
            : $"{Vector}.Create({string.Join(", ", Enumerable.Range(at, 4).Select(k => k < end ? $"p[{Literals.Int(k)}]" : "0f"))})";
        using (w.Block($"if ({Vector}.IsHardwareAccelerated)"))
        {
            w.WriteLine($"_ = p[{Literals.Int(end - 1)}]; _ = x[{Literals.Int(layer.Inputs - 1)}]; _ = z[{Literals.Int(layer.Units - 1)}]; _ = a[{Literals.Int(layer.Units - 1)}];");
            w.WriteLine("ref float w = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(p);");
            w.WriteLine($"// z = b + Σ_i x_i·W{layer.Number}[i, :], 4 units a vector, i in order: the loops' sums exactly");
            EmitRows(w, Enumerable.Range(0, vectors).Select(v => $"{Vector}<float> v{v} = {Load(layer.BiasOffset + 4 * v)};"));
            for (int i = 0; i < layer.Inputs; i++)
            {
                int row = layer.WeightOffset + i * layer.Units;
                w.WriteLine($"{{ {Vector}<float> x{i} = {Vector}.Create(x[{Literals.Int(i)}]); " + string.Join(" ", Enumerable.Range(0, vectors).Select(v => $"v{v} += x{i} * {Load(row + 4 * v)};")) + " }");
            }

            EmitRows(w, Enumerable.Range(0, layer.Units).Select(j => $"float z{j} = {Vector}.GetElement(v{j / 4}, {j % 4});"));
            DenseLayerEmitter.EmitUnrolledActivation(w, layer, f);
        }

        using (w.Block("else"))
        {
            unrolled();
        }
    }

    /// <summary>A bare block: '{', indented until the scope is disposed.</summary>
    private static SourceWriter.Scope Braces(SourceWriter w)
    {
        w.WriteLine("{");
        w.Indent();
        return new SourceWriter.Scope(w);
    }

    private static void EmitRows(SourceWriter w, IEnumerable<string> statements)
    {
        const int PerLine = 8;
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
