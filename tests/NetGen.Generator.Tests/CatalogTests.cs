using System.Linq;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Catalog.Losses;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The activation and loss catalogs: one entry per public enum member, and well-formed entries.</summary>
public class CatalogTests
{
    [Fact]
    public void EveryActivationHasExactlyOneCatalogEntry()
    {
        foreach (NetGen.Activation activation in System.Enum.GetValues<NetGen.Activation>())
        {
            var kind = (NetGen.Generator.Model.Activation)(int)activation;
            ActivationDefinition? entry = ActivationCatalog.Find(kind);
            Assert.True(entry is not null, $"Activation.{activation} has no entry in Generator/Catalog/Activations.");
            Assert.Equal(activation.ToString(), entry!.Kind.ToString());
            Assert.Single(ActivationCatalog.All, a => a.Kind == kind);
        }

        Assert.Equal(System.Enum.GetValues<NetGen.Activation>().Length, ActivationCatalog.All.Count);
    }

    [Fact]
    public void EveryLossHasExactlyOneCatalogEntry()
    {
        foreach (NetGen.Loss loss in System.Enum.GetValues<NetGen.Loss>())
        {
            var kind = (NetGen.Generator.Model.Loss)(int)loss;
            LossDefinition? entry = LossCatalog.Find(kind);
            Assert.True(entry is not null, $"Loss.{loss} has no entry in Generator/Catalog/Losses.");
            Assert.Equal(loss.ToString(), entry!.Kind.ToString());
            Assert.Single(LossCatalog.All, l => l.Kind == kind);
        }

        Assert.Equal(System.Enum.GetValues<NetGen.Loss>().Length, LossCatalog.All.Count);
    }

    [Fact]
    public void EveryActivationHasAWellFormedOnnxRecipe()
    {
        foreach (ActivationDefinition entry in ActivationCatalog.All)
        {
            var nodes = OnnxRecipeNode.Parse(entry.OnnxRecipe("0.5"));
            Assert.NotEmpty(nodes);
            for (int k = 0; k < nodes.Count; k++)
            {
                Assert.False(string.IsNullOrEmpty(nodes[k].Op), entry.Name);
                foreach (string input in nodes[k].Inputs)
                {
                    // z, an earlier node's output, a constant, or the learned slopes (only with a learned α).
                    bool earlier = input.StartsWith('t') && int.Parse(input[1..], System.Globalization.CultureInfo.InvariantCulture) < k;
                    bool slopes = input == "alpha" && entry.Alpha is { Learned: true };
                    Assert.True(input == "z" || earlier || input.StartsWith('c') || slopes, $"{entry.Name}: input '{input}' of node {k}");
                }
            }

            if (entry.OnnxAlphaAttribute is { } attribute)
            {
                Assert.Contains(nodes, n => n.Attributes.ContainsKey(attribute));
            }
        }
    }

    [Fact]
    public void EveryImportAliasIsAWellFormedRecipeWithCheckableAttributes()
    {
        foreach (ActivationDefinition entry in ActivationCatalog.All)
        {
            foreach (string alias in entry.OnnxImportAliases)
            {
                var nodes = OnnxRecipeNode.Parse(alias);
                Assert.NotEmpty(nodes);
                Assert.NotEqual(entry.OnnxRecipe("0"), alias);
                for (int k = 0; k < nodes.Count; k++)
                {
                    foreach (string input in nodes[k].Inputs)
                    {
                        bool earlier = input.StartsWith('t') && int.Parse(input[1..], System.Globalization.CultureInfo.InvariantCulture) < k;
                        Assert.True(input == "z" || earlier || input.StartsWith('c'), $"{entry.Name}: alias input '{input}' of node {k}");
                    }

                    foreach (string value in nodes[k].Attributes.Values)
                    {
                        // s:text, f1, i-1: what the importer compares (absent means the alias's value).
                        Assert.True(value.StartsWith("s:", System.StringComparison.Ordinal) || value[0] is 'f' or 'i', $"{entry.Name}: alias attribute '{value}'");
                    }
                }
            }
        }

        Assert.Equal(new[] { "Gelu(z)[approximate=s:none]" }, ActivationCatalog.Get(NetGen.Generator.Model.Activation.GELU).OnnxImportAliases);
        Assert.Equal(new[] { "Mish(z)" }, ActivationCatalog.Get(NetGen.Generator.Model.Activation.Mish).OnnxImportAliases);
        Assert.Equal(new[] { "Swish(z)[alpha=f1]" }, ActivationCatalog.Get(NetGen.Generator.Model.Activation.SiLU).OnnxImportAliases);
    }

    [Fact]
    public void EveryRequiredOutputActivationIsInTheCatalog()
    {
        foreach (LossDefinition loss in LossCatalog.All)
        {
            if (loss.RequiredOutput is { } required)
            {
                Assert.NotNull(ActivationCatalog.Find(required));
            }
        }
    }
}
