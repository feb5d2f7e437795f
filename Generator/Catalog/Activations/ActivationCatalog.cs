using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// Every activation the generator knows, one entry per member of NetGen.Activation (a test fails when a
/// member has none). The rest of the compiler asks this catalog and never switches on the kind.
/// </summary>
internal static class ActivationCatalog
{
    /// <summary>
    /// All entries, in the order of their enum values: every concrete <see cref="ActivationDefinition"/>
    /// in this assembly, so that adding an activation is adding its file.
    /// </summary>
    public static readonly IReadOnlyList<ActivationDefinition> All = typeof(ActivationDefinition).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(ActivationDefinition).IsAssignableFrom(t) && t != typeof(CustomActivationDefinition))
        .Select(t => (ActivationDefinition)System.Activator.CreateInstance(t)!)
        .OrderBy(a => (int)a.Kind)
        .ToArray();

    private static readonly Dictionary<Activation, ActivationDefinition> ByKind = All.ToDictionary(a => a.Kind);

    /// <summary>The entry of <paramref name="kind"/>; null for a value with no entry (an undefined enum value).</summary>
    public static ActivationDefinition? Find(Activation kind) => ByKind.TryGetValue(kind, out ActivationDefinition? entry) ? entry : null;

    /// <summary>The entry of <paramref name="kind"/>, which must be defined.</summary>
    public static ActivationDefinition Get(Activation kind) => ByKind[kind];

    /// <summary>The entry of a layer's activation: its built-in entry, or one made from its custom method.</summary>
    public static ActivationDefinition Of(LayerSpec layer) => Of(layer.Activation, layer.Custom);

    /// <summary>The activation's name in the architecture text and remarks: the enum member ("Tanh") or the custom method ("MyFunctions.ScaledTanh").</summary>
    public static string DisplayName(LayerSpec layer) => layer.Custom is null ? layer.Activation.ToString() : layer.Custom.Name;

    /// <summary>The entry of <paramref name="kind"/>, or of <paramref name="custom"/> when there is one.</summary>
    public static ActivationDefinition Of(Activation kind, CustomActivation? custom) =>
        custom is null ? ByKind[kind] : new CustomActivationDefinition(custom);

    /// <summary>The expression for unit <paramref name="unit"/>'s α: the declared constant, or a learned α read from <paramref name="learned"/>.</summary>
    public static string Alpha(LayerSpec layer, string learned, string unit) =>
        layer.HasLearnedAlpha ? $"{learned}[{unit}]" : Literals.Float(layer.Alpha);

    /// <summary>"Activation.LeakyReLU, Activation.PReLU and Activation.ELU": the entries that have an α.</summary>
    public static string WithAlpha()
    {
        string[] names = All.Where(a => a.Alpha is not null).Select(a => $"Activation.{a.Kind}").ToArray();
        return names.Length == 1 ? names[0] : string.Join(", ", names.Take(names.Length - 1)) + " and " + names[names.Length - 1];
    }

    /// <summary>The scalar helpers the network's activations call, each once, in catalog order.</summary>
    public static void EmitHelpers(SourceWriter w, IEnumerable<LayerSpec> layers)
    {
        layers = layers.ToList();
        var used = new HashSet<Activation>(layers.Select(l => l.Activation));
        var written = new HashSet<string>();
        foreach (ActivationDefinition entry in All)
        {
            if (!used.Contains(entry.Kind))
            {
                continue;
            }

            foreach (ScalarHelper helper in entry.AllHelpers)
            {
                if (written.Add(helper.Name))
                {
                    helper.Emit(w);
                }
            }
        }

        foreach (LayerSpec layer in layers)
        {
            if (layer.Custom is null)
            {
                continue;
            }

            foreach (ScalarHelper helper in Of(layer).AllHelpers)
            {
                if (written.Add(helper.Name))
                {
                    helper.Emit(w);
                }
            }
        }
    }
}
