using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>
/// Every optimizer, one entry per <c>NetGen.Optimizer</c> member; a test fails when a member has
/// none. Nothing else in the generator switches on the optimizer.
/// </summary>
internal static class OptimizerCatalog
{
    /// <summary>All entries, in enum order.</summary>
    public static readonly IReadOnlyList<OptimizerDefinition> All = new OptimizerDefinition[]
    {
        new Sgd(),
        new Momentum(),
        new Nesterov(),
        new RmsProp(),
        new Adam(),
        new AdamW(),
        new AdaGrad(),
        new AdaDelta(),
        new Lion(),
        new NAdam(),
        new AdaMax(),
    };

    /// <summary>The entry of <paramref name="kind"/>, or null for a value with none (reported as unknown).</summary>
    public static OptimizerDefinition? Find(OptimizerKind kind)
    {
        foreach (OptimizerDefinition definition in All)
        {
            if (definition.Kind == kind)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>The entry of a kind the parser accepted.</summary>
    public static OptimizerDefinition Get(OptimizerKind kind) =>
        Find(kind) ?? throw new KeyNotFoundException($"No catalog entry for Optimizer.{kind}.");
}
