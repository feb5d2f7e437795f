using System;
using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Optimizers;

/// <summary>
/// One entry per optimizer: the state buffers it keeps (each as long as the parameters, zeroed at
/// construction) and the body of its per-parameter update. Adding an optimizer means adding its
/// entry here (and its member in NetGen.Optimizer).
/// </summary>
internal static class OptimizerTable
{
    private static readonly Dictionary<OptimizerKind, OptimizerEntry> Entries = new()
    {
        [OptimizerKind.Sgd] = new(
            "θ ← θ − α·g",
            Array.Empty<string>(),
            (w, training) => w.WriteLine("p[i] -= learningRate * g;")),
    };

    public static bool IsSupported(OptimizerKind kind) => Entries.ContainsKey(kind);

    public static OptimizerEntry Get(OptimizerKind kind) => Entries[kind];
}

/// <summary>One optimizer.</summary>
/// <param name="Formula">The update, for comments.</param>
/// <param name="State">The names of its state buffers (one float per parameter each).</param>
/// <param name="EmitUpdate">Writes the update of parameter i from its gradient g (weight decay already added).</param>
internal sealed record OptimizerEntry(
    string Formula,
    string[] State,
    Action<SourceWriter, TrainingSpec> EmitUpdate);
