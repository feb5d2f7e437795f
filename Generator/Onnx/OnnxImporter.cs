using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>One dense layer read from an ONNX graph: W as [Inputs × Units] row-major, b, PReLU slopes.</summary>
internal sealed record ImportedLayer(int Inputs, int Units, Activation Activation, float Alpha, float[] Weights, float[] Bias, float[]? Slopes);

/// <summary>
/// Recognises a multilayer perceptron in an ONNX graph: from the single input, optionally a Flatten or
/// Reshape, then per layer MatMul (+ Add) or Gemm (transA = 0, transB 0 or 1, alpha, beta), then an
/// optional element-wise activation, to the single output. Anything else is reported with the node,
/// its op type and the reason (<see cref="OnnxImportException"/>).
/// </summary>
/// <remarks>
/// Hostile graphs end in an <see cref="OnnxImportException"/>, never a loop: a tensor written by two
/// nodes, or by a node and an initializer, is refused before the walk, and the walk from the input
/// visits each node at most once (a node reached again is a cycle, refused naming the node and the
/// tensor that closes it). The importer takes at most 3 steps per node plus one per node input and
/// output, and checks the cancellation token at each.
/// </remarks>
internal static class OnnxImporter
{
    /// <summary>
    /// For tests: when set on the calling flow, every step of the importer (one iteration of any loop
    /// over the graph's nodes, their inputs and outputs, or the chain) is counted here.
    /// </summary>
    internal static readonly AsyncLocal<OnnxImportSteps?> Probe = new();

    /// <summary>The end of every message about a tensor defined twice (which ONNX's own rules forbid).</summary>
    private const string Damaged = "an ONNX graph defines each tensor once, so the file is damaged or was edited by hand: export the model again";

    public static (int Inputs, List<ImportedLayer> Layers) Import(OnnxGraph graph, CancellationToken cancellationToken = default)
    {
        OnnxImportSteps? probe = Probe.Value;
        void Step()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (probe is not null)
            {
                probe.Count++;
                probe.OnStep?.Invoke(probe.Count);
            }
        }

        if (graph.Opset > 0 && graph.Opset < 7)
        {
            throw new OnnxImportException($"the model uses opset {graph.Opset}; opsets 7 and later are supported");
        }

        if (graph.Inputs.Count != 1)
        {
            throw new OnnxImportException($"the graph has {graph.Inputs.Count} inputs (other than initializers); a network has one");
        }

        if (graph.Outputs.Count != 1)
        {
            throw new OnnxImportException($"the graph has {graph.Outputs.Count} outputs; a network has one");
        }

        if (graph.DuplicateInitializer is { } twice)
        {
            throw new OnnxImportException($"the initializer '{twice}' is defined twice (two initializers, or an initializer and a Constant node, of that name); {Damaged}");
        }

        // Each tensor has one producer: two nodes writing one name, or a node writing an initializer's
        // name, would make "the node after" ambiguous (and can close a loop).
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (OnnxNode each in graph.Nodes)
        {
            Step();
            if (each.Inputs.Count == 0 || each.Outputs.Count == 0)
            {
                throw new OnnxImportException($"{each.Describe()} has no {(each.Inputs.Count == 0 ? "input" : "output")}");
            }

            if (each.Domain.Length > 0 && each.Domain != "ai.onnx")
            {
                throw new OnnxImportException($"{each.Describe()} is in the domain '{each.Domain}'; only the default domain is supported");
            }

            foreach (string output in each.Outputs)
            {
                Step();
                if (output.Length == 0)
                {
                    continue; // an optional output left out
                }

                if (producers.TryGetValue(output, out OnnxNode? first))
                {
                    throw new OnnxImportException($"the tensor '{output}' is written by two nodes, {first.Describe()} and {each.Describe()}; {Damaged}");
                }

                if (graph.Initializers.ContainsKey(output))
                {
                    throw new OnnxImportException($"{each.Describe()} writes the tensor '{output}', which is also an initializer (a constant of the model); {Damaged}");
                }

                producers[output] = each;
            }
        }

        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (OnnxNode each in graph.Nodes)
        {
            foreach (string input in each.Inputs)
            {
                Step();
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = new List<OnnxNode>();
                }

                list.Add(each);
            }
        }

        string input0 = graph.Inputs[0];
        var visited = new HashSet<OnnxNode>();
        List<long> shape = graph.InputShapes.First(s => s.Name == input0).Dims;
        string current = input0;
        long width = shape.Count == 0 ? -1 : shape[shape.Count - 1];
        var layers = new List<ImportedLayer>();

        // A node reached again closes a cycle: name it and the tensor through which it was reached.
        OnnxImportException Cycle(OnnxNode node, string tensor)
        {
            string writer = !producers.TryGetValue(tensor, out OnnxNode? producer) ? "" : producer == node ? " it writes itself" : $" written by {producer.Describe()}";
            return new OnnxImportException($"{node.Describe()} is reached a second time, through the tensor '{tensor}'{writer}: the graph has a cycle, "
                + "and a network is a chain without one from the input to the output (ONNX graphs are acyclic, so the file is damaged or was edited by hand): export the model again");
        }

        // Every node of the chain is taken through here, once: one step each.
        void Visit(OnnxNode node, string tensor)
        {
            Step();
            if (!visited.Add(node))
            {
                throw Cycle(node, tensor);
            }
        }

        OnnxNode? Next(string tensor)
        {
            if (tensor == graph.Outputs[0] && !consumers.ContainsKey(tensor))
            {
                return null;
            }

            if (!consumers.TryGetValue(tensor, out var list) || list.Count == 0)
            {
                throw new OnnxImportException(!producers.ContainsKey(graph.Outputs[0]) && graph.Outputs[0] != input0
                    ? $"the graph's output '{graph.Outputs[0]}' is written by no node (the chain ends at the tensor '{tensor}'): export the model again, with its last node's output as the graph's output"
                    : $"the tensor '{tensor}' is used by no node and is not the graph's output");
            }

            if (list.Count > 1)
            {
                // A consumer already on the chain closes a cycle, whichever branch it is on.
                throw list.FirstOrDefault(visited.Contains) is { } again
                    ? Cycle(again, tensor)
                    : new OnnxImportException($"the tensor '{tensor}' feeds {list.Count} nodes ({string.Join(", ", list.Select(n => n.Describe()))}): a branching graph is not a chain of layers");
            }

            return visited.Contains(list[0]) ? throw Cycle(list[0], tensor) : list[0];
        }

        OnnxTensor Constant(OnnxNode node, int index, string what)
        {
            if (index >= node.Inputs.Count || !graph.Initializers.TryGetValue(node.Inputs[index], out OnnxTensor? tensor))
            {
                throw new OnnxImportException($"{node.Describe()}: its {what} is not an initializer (a constant of the model)");
            }

            if (tensor.Problem is not null || tensor.Values is null)
            {
                throw new OnnxImportException($"{node.Describe()}: the initializer '{tensor.Name}' cannot be used: {tensor.Problem}");
            }

            return tensor;
        }

        // Between layers the tensor is [batch, width]: Identity (e.g. what a converter leaves of Keras'
        // Dropout) and Flatten with axis 1 (PyTorch's nn.Flatten after a layer) leave it as it is.
        OnnxNode? SkipPassThrough(OnnxNode? candidate)
        {
            while (candidate is not null && (candidate.OpType == "Identity" || (candidate.OpType == "Flatten" && (!candidate.Ints.TryGetValue("axis", out long flattenAxis) || flattenAxis == 1))))
            {
                Visit(candidate, current);
                if (candidate.Inputs[0] != current)
                {
                    throw new OnnxImportException($"{candidate.Describe()}: its input is not the output of the node before it");
                }

                current = candidate.Outputs[0];
                candidate = Next(current);
            }

            return candidate;
        }

        OnnxNode? node = Next(current);
        if (node is not null && node.OpType is "Flatten" or "Reshape")
        {
            Visit(node, current);
            if (node.OpType == "Flatten" && node.Ints.TryGetValue("axis", out long axis) && axis != 1)
            {
                throw new OnnxImportException($"{node.Describe()}: axis {axis}; only axis 1 (keep the batch) is supported");
            }

            width = FlattenedWidth(node, shape, cancellationToken);

            if (node.OpType == "Reshape")
            {
                // The target shape: a constant [batch, width] of int64, batch −1, 0 (keep) or a fixed
                // size, width −1 (infer) or the flattened width.
                OnnxTensor? target = node.Inputs.Count > 1 && graph.Initializers.TryGetValue(node.Inputs[1], out OnnxTensor? found) ? found : null;
                if (target?.Longs is not { Length: 2 } dims || dims[0] < -1 || dims[1] < -1 || dims[1] == 0)
                {
                    throw new OnnxImportException($"{node.Describe()}: its target shape is not a constant [batch, width] of int64 (only the input reshaped to rows is supported)");
                }

                if (dims[1] > 0)
                {
                    if (width > 0 && width != dims[1])
                    {
                        throw new OnnxImportException($"{node.Describe()}: reshapes rows of {width} values to rows of {dims[1]}");
                    }

                    width = dims[1];
                }
            }

            current = node.Outputs[0];
            node = Next(current);
        }

        node = SkipPassThrough(node);
        while (node is not null)
        {
            Visit(node, current);
            float[] w, b;
            int inputs, units;
            if (node.OpType == "MatMul")
            {
                OnnxTensor weight = Constant(node, 1, "second operand (the weights)");
                if (node.Inputs[0] != current || weight.Dims.Count != 2)
                {
                    throw new OnnxImportException($"{node.Describe()}: expected x·W with W of rank 2");
                }

                inputs = (int)weight.Dims[0];
                units = (int)weight.Dims[1];
                CheckSize(node, weight, inputs, units);
                w = weight.Values!;
                b = new float[units];
                current = node.Outputs[0];
                OnnxNode? add = Next(current);
                if (add is not null && add.OpType == "Add")
                {
                    Visit(add, current);
                    int biasIndex = add.Inputs[0] == current ? 1 : 0;
                    OnnxTensor bias = Constant(add, biasIndex, "bias");
                    b = Bias(add, bias, units);
                    current = add.Outputs[0];
                }
            }
            else if (node.OpType == "Gemm")
            {
                if (node.Ints.TryGetValue("transA", out long transA) && transA != 0)
                {
                    throw new OnnxImportException($"{node.Describe()}: transA = 1 (the input transposed) is not supported");
                }

                bool transB = node.Ints.TryGetValue("transB", out long tb) && tb != 0;
                float alpha = node.Floats.TryGetValue("alpha", out float a) ? a : 1f;
                float beta = node.Floats.TryGetValue("beta", out float be) ? be : 1f;
                OnnxTensor weight = Constant(node, 1, "B operand (the weights)");
                if (node.Inputs[0] != current || weight.Dims.Count != 2)
                {
                    throw new OnnxImportException($"{node.Describe()}: expected Gemm(x, W, b) with W of rank 2");
                }

                inputs = (int)(transB ? weight.Dims[1] : weight.Dims[0]);
                units = (int)(transB ? weight.Dims[0] : weight.Dims[1]);
                CheckSize(node, weight, inputs, units);
                w = new float[inputs * units];
                for (int i = 0; i < inputs; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (int j = 0; j < units; j++)
                    {
                        w[i * units + j] = alpha * (transB ? weight.Values![j * inputs + i] : weight.Values![i * units + j]);
                    }
                }

                b = new float[units];
                if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
                {
                    float[] c = Bias(node, Constant(node, 2, "C operand (the bias)"), units);
                    for (int j = 0; j < units; j++)
                    {
                        b[j] = beta * c[j];
                    }
                }

                current = node.Outputs[0];
            }
            else
            {
                throw new OnnxImportException($"{node.Describe()} is not supported here: a layer starts with MatMul or Gemm");
            }

            if (width >= 0 && inputs != width)
            {
                throw new OnnxImportException($"{node.Describe()}: its weights take {inputs} inputs, but the tensor before it has {width}");
            }

            width = units;
            Activation activation = Activation.Identity;
            float activationAlpha = 0f;
            float[]? slopes = null;
            OnnxNode? next = consumers.TryGetValue(current, out var zConsumers) && zConsumers.Count > 1 ? null : SkipPassThrough(Next(current));
            if (next is null ? zConsumers is { Count: > 1 } : next.OpType is not ("MatMul" or "Gemm"))
            {
                // The activation: the longest catalog recipe that the nodes after z match (SiLU's
                // Sigmoid(z);Mul(z,t0) before Sigmoid(z)). z may feed several nodes of the recipe.
                string z = current;
                var match = MatchActivation(graph, consumers, z, visited, units);
                if (match is null && zConsumers is { Count: > 1 })
                {
                    throw new OnnxImportException($"the tensor '{z}' feeds {zConsumers.Count} nodes ({string.Join(", ", zConsumers.Select(n => n.Describe()))}): a branching graph is not a chain of layers");
                }

                if (match is null)
                {
                    string first = next?.Describe() ?? $"the nodes after the tensor '{z}'";
                    throw new OnnxImportException($"{first} is not supported (supported after a layer: {SupportedActivations()})");
                }

                var (definition, nodes, alpha, matchedSlopes) = match.Value;
                foreach (string tensor in new[] { z }.Concat(nodes.Take(nodes.Count - 1).Select(n => n.Outputs[0])))
                {
                    // Every reader of z and of the recipe's intermediate tensors is a node of the recipe.
                    if (consumers[tensor].FirstOrDefault(n => !nodes.Contains(n)) is not null)
                    {
                        throw new OnnxImportException($"the tensor '{tensor}' feeds {consumers[tensor].Count} nodes ({string.Join(", ", consumers[tensor].Select(n => n.Describe()))}): a branching graph is not a chain of layers");
                    }
                }

                foreach (OnnxNode matched in nodes)
                {
                    Visit(matched, current);
                }

                activation = definition.Kind;
                activationAlpha = alpha;
                slopes = matchedSlopes;
                // A NaN or infinite α goes on to the builder, which refuses it as it refuses one in an attribute (NG0025's words).
                if (!float.IsNaN(alpha) && !float.IsInfinity(alpha) && definition.Alpha is { IsValid: { } valid, RangeText: { } range } && !valid(alpha))
                {
                    throw new OnnxImportException($"{nodes[0].Describe()}: alpha {alpha.ToString(CultureInfo.InvariantCulture)}; NetGen's {definition.Kind} needs a {range} alpha");
                }

                current = nodes[nodes.Count - 1].Outputs[0];
                next = SkipPassThrough(Next(current));
            }

            layers.Add(new ImportedLayer(inputs, units, activation, activationAlpha, w, b, slopes));
            node = next;
        }

        foreach (OnnxNode each in graph.Nodes)
        {
            Step();
            if (!visited.Contains(each))
            {
                throw new OnnxImportException($"{each.Describe()} is not on the chain from the input to the output");
            }
        }

        if (layers.Count == 0)
        {
            throw new OnnxImportException("the graph has no MatMul or Gemm layer");
        }

        if (layers.Take(layers.Count - 1).FirstOrDefault(l => ActivationCatalog.Get(l.Activation).CouplesLayer) is { } hidden)
        {
            throw new OnnxImportException($"{hidden.Activation} on a hidden layer is not supported (NetGen applies it to the output only)");
        }

        return ((int)layers[0].Inputs, layers);
    }

    /// <summary>Values per row of the input after Flatten/Reshape: the product of its dimensions after the batch, −1 if one is symbolic.</summary>
    private static long FlattenedWidth(OnnxNode node, List<long> shape, CancellationToken cancellationToken)
    {
        long width = 1;
        bool symbolic = false;
        for (int i = 1; i < shape.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (shape[i] == 0)
            {
                return 0;
            }

            if (shape[i] < 0)
            {
                symbolic = true;
            }
            else if (width > int.MaxValue / shape[i])
            {
                // Checked before it can overflow (a huge claimed shape must not wrap to a small width).
                string dims = string.Join(", ", shape.Select((d, k) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : k == 0 ? "N" : "?"));
                throw new OnnxImportException($"{node.Describe()}: the input's shape [{dims}] holds more than {int.MaxValue.ToString(CultureInfo.InvariantCulture)} values per row");
            }
            else
            {
                width *= shape[i];
            }
        }

        return symbolic ? -1 : width;
    }

    private static void CheckSize(OnnxNode node, OnnxTensor weight, int inputs, int units)
    {
        if (inputs <= 0 || units <= 0)
        {
            throw new OnnxImportException($"{node.Describe()}: its weights have the shape [{string.Join(", ", weight.Dims.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]; a layer needs at least one input and one unit");
        }
    }

    private static float[] Bias(OnnxNode node, OnnxTensor bias, int units)
    {
        bool shapeOk = (bias.Dims.Count == 1 && bias.Dims[0] == units) || (bias.Dims.Count == 2 && bias.Dims[0] == 1 && bias.Dims[1] == units);
        if (!shapeOk)
        {
            throw new OnnxImportException($"{node.Describe()}: a bias of shape [{string.Join(", ", bias.Dims)}]; [{units}] or [1, {units}] is supported");
        }

        return bias.Values!;
    }

    /// <summary>Every ONNX form the importer reads: each entry's recipe, then its import aliases.</summary>
    private static IEnumerable<(ActivationDefinition Definition, List<OnnxRecipeNode> Recipe)> ImportForms() =>
        ActivationCatalog.All.SelectMany(a => new[] { a.OnnxRecipe("0") }.Concat(a.OnnxImportAliases).Select(r => (a, OnnxRecipeNode.Parse(r))));

    /// <summary>The activations the importer recognises, by the operators of their ONNX forms.</summary>
    private static string SupportedActivations() =>
        string.Join(", ", ImportForms().Select(f => string.Join(" → ", f.Recipe.Select(n => n.Op))).Distinct());

    /// <summary>
    /// Matches the nodes that read <paramref name="z"/> against every catalog recipe, longest first:
    /// the entry, its nodes in recipe order, its α (from the recipe's α attribute, or the entry's
    /// default when absent) and, for a learned α, the slopes. Null when none matches.
    /// </summary>
    private static (ActivationDefinition Definition, List<OnnxNode> Nodes, float Alpha, float[]? Slopes)? MatchActivation(
        OnnxGraph graph, Dictionary<string, List<OnnxNode>> consumers, string z, HashSet<OnnxNode> visited, long units)
    {
        foreach ((ActivationDefinition definition, List<OnnxRecipeNode> recipe) in ImportForms().OrderByDescending(f => f.Recipe.Count))
        {
            var tensors = new Dictionary<string, string>(StringComparer.Ordinal) { ["z"] = z };
            var nodes = new List<OnnxNode>();
            float alpha = definition.Alpha?.Default ?? 0f;
            float[]? slopes = null;
            bool ok = true;
            for (int k = 0; k < recipe.Count && ok; k++)
            {
                OnnxRecipeNode step = recipe[k];
                string anchor = tensors[k == 0 ? "z" : $"t{k - 1}"];
                OnnxNode? node = consumers.TryGetValue(anchor, out var list)
                    ? list.FirstOrDefault(n => n.OpType == step.Op && !nodes.Contains(n) && !visited.Contains(n) && InputsMatch(graph, step, n, tensors))
                    : null;
                if (node is null || node.Outputs.Count == 0)
                {
                    ok = false;
                    break;
                }

                foreach (KeyValuePair<string, string> attribute in step.Attributes)
                {
                    if (attribute.Key == definition.OnnxAlphaAttribute)
                    {
                        alpha = node.Floats.TryGetValue(attribute.Key, out float a) ? a : alpha;
                    }
                    else if (attribute.Key == "axis")
                    {
                        // Softmax-like: only the last axis of [batch, units] (−1, or 1; absent is one of them).
                        if (node.Ints.TryGetValue("axis", out long axis) && axis is not (-1 or 1))
                        {
                            throw new OnnxImportException($"{node.Describe()}: axis {axis}; only the last axis of [batch, units] is supported");
                        }
                    }
                    else if (attribute.Value[0] == 'i')
                    {
                        ok = node.Ints.TryGetValue(attribute.Key, out long value) && value == long.Parse(attribute.Value.Substring(1), CultureInfo.InvariantCulture);
                    }
                    else if (attribute.Value[0] == 's' && node.Strings.TryGetValue(attribute.Key, out string? text) && text != attribute.Value.Substring(2))
                    {
                        // An import alias's string attribute: absent is ONNX's default, the alias's value; another value is another function.
                        throw new OnnxImportException($"{node.Describe()}: {definition.OnnxAttributeRefusal(attribute.Key, $"\"{text}\"")}");
                    }
                    else if (attribute.Value[0] == 'f' && node.Floats.TryGetValue(attribute.Key, out float number) && number != OnnxRecipeNode.Constant(attribute.Value))
                    {
                        throw new OnnxImportException($"{node.Describe()}: {definition.OnnxAttributeRefusal(attribute.Key, number.ToString("R", CultureInfo.InvariantCulture))}");
                    }
                }

                if (step.Inputs.Contains("alpha"))
                {
                    int index = step.Inputs.IndexOf("alpha");
                    OnnxTensor? slope = index < node.Inputs.Count && graph.Initializers.TryGetValue(node.Inputs[index], out OnnxTensor? t) ? t : null;
                    slopes = slope?.Values is null ? null
                        : slope.Values.Length == units ? slope.Values
                        : slope.Values.Length == 1 ? Enumerable.Repeat(slope.Values[0], (int)units).ToArray()
                        : throw new OnnxImportException($"{node.Describe()}: {slope.Values.Length} slopes for {units} units");
                    ok &= slopes is not null;
                }

                nodes.Add(node);
                tensors[$"t{k}"] = node.Outputs[0];
            }

            if (ok)
            {
                return (definition, nodes, alpha, slopes);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="node"/>'s inputs are the recipe step's (either order for Mul and Add).</summary>
    private static bool InputsMatch(OnnxGraph graph, OnnxRecipeNode step, OnnxNode node, Dictionary<string, string> tensors)
    {
        if (node.Inputs.Count < step.Inputs.Count)
        {
            return false;
        }

        bool Same(string expected, string actual) => expected[0] switch
        {
            'c' => graph.Initializers.TryGetValue(actual, out OnnxTensor? t) && t.Values is { Length: 1 } v
                && Math.Abs(v[0] - OnnxRecipeNode.Constant(expected)) <= 1e-6f * Math.Max(1f, Math.Abs(OnnxRecipeNode.Constant(expected))),
            'a' => true,
            _ => tensors.TryGetValue(expected, out string? name) && name == actual,
        };

        bool inOrder = true;
        for (int i = 0; i < step.Inputs.Count; i++)
        {
            inOrder &= Same(step.Inputs[i], node.Inputs[i]);
        }

        return inOrder || (step.Op is "Mul" or "Add" && step.Inputs.Count == 2 && Same(step.Inputs[0], node.Inputs[1]) && Same(step.Inputs[1], node.Inputs[0]));
    }
}

/// <summary>For tests: the steps one import took (see <see cref="OnnxImporter.Probe"/>).</summary>
internal sealed class OnnxImportSteps
{
    /// <summary>Steps so far.</summary>
    public int Count;

    /// <summary>Called after each step with the count (a test may throw or cancel here).</summary>
    public Action<int>? OnStep;
}

/// <summary>Why an ONNX graph is not a supported network.</summary>
internal sealed class OnnxImportException(string message) : Exception(message);
