using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>
/// Every optimizer, one entry per <c>NetGen.Optimizer</c> member; a test fails when a member has
/// none. Nothing else in the generator switches on the optimizer.
/// </summary>
internal static class OptimizerCatalog
{
    /// <summary>
    /// All entries, in the order of their enum values: every concrete <see cref="OptimizerDefinition"/>
    /// in this assembly, so that adding an optimizer is adding its file.
    /// </summary>
    public static readonly IReadOnlyList<OptimizerDefinition> All = typeof(OptimizerDefinition).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(OptimizerDefinition).IsAssignableFrom(t))
        .Select(t => (OptimizerDefinition)System.Activator.CreateInstance(t)!)
        .OrderBy(o => (int)o.Kind)
        .ToArray();

    /// <summary>The entry of <paramref name="kind"/>, or null for a value with none (reported as unknown).</summary>
    public static OptimizerDefinition? Find(Optimizer kind)
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
    public static OptimizerDefinition Get(Optimizer kind) =>
        Find(kind) ?? throw new KeyNotFoundException($"No catalog entry for Optimizer.{kind}.");
}
