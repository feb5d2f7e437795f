using System.Linq;
using NetGen.Generator.Catalog.Optimizers;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The optimizer catalog is complete and consistent: a new NetGen.Optimizer member without an entry fails here.</summary>
public class OptimizerCatalogTests
{
    [Fact]
    public void EveryOptimizerHasExactlyOneEntry()
    {
        foreach (NetGen.Optimizer member in System.Enum.GetValues<NetGen.Optimizer>())
        {
            var kind = (NetGen.Generator.Model.Optimizer)(int)member;
            Assert.True(OptimizerCatalog.All.Count(d => d.Kind == kind) == 1, $"Optimizer.{member} needs exactly one entry in Generator/Catalog/Optimizers.");
            Assert.Equal(member.ToString(), kind.ToString());
            Assert.Equal(member.ToString(), OptimizerCatalog.Get(kind).GetType().Name);
        }

        Assert.Equal(System.Enum.GetValues<NetGen.Optimizer>().Length, OptimizerCatalog.All.Count);
    }

    [Fact]
    public void EntriesAreConsistent()
    {
        foreach (OptimizerDefinition definition in OptimizerCatalog.All)
        {
            string name = definition.Kind.ToString();
            Assert.InRange(definition.State.Count, 0, 2);
            Assert.False(string.IsNullOrWhiteSpace(definition.Formula), name);
            Assert.True(definition.Uses(Hyperparameter.LearningRate), $"{name} reads no learning rate");
            Assert.Equal(definition.Hyperparameters.Count, definition.Hyperparameters.Select(h => h.Parameter).Distinct().Count());
            foreach (HyperparameterDefault entry in definition.Hyperparameters)
            {
                bool valid = entry.Parameter.Range switch
                {
                    HyperparameterRange.Positive => entry.Default > 0f,
                    HyperparameterRange.NonNegative => entry.Default >= 0f,
                    _ => entry.Default >= 0f && entry.Default < 1f,
                };
                Assert.True(valid, $"{name}'s default {entry.Parameter.Name} = {entry.Default} is out of its range");

                // The update reads each hyperparameter it declares (so NG0026 never warns about a used one).
                Assert.Contains(entry.Parameter.Name, definition.Update, System.StringComparison.Ordinal);
            }

            foreach (string buffer in definition.State)
            {
                Assert.Contains(buffer + " = ", definition.Update, System.StringComparison.Ordinal);
            }

            // And no hyperparameter it does not declare (it would not be a field of the emitted rule).
            foreach (Hyperparameter other in Hyperparameter.All.Where(h => !definition.Uses(h)))
            {
                Assert.DoesNotContain("(" + other.Name + ")", definition.Update, System.StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void EveryBroadcastIsPreparedOnceOutsideTheLoop()
    {
        foreach (OptimizerDefinition definition in OptimizerCatalog.All)
        {
            string name = definition.Kind.ToString();
            (string body, var vectors) = OptimizerDefinition.PrepareVectors(definition.Update);

            // No broadcast is left in the per-vector body, and each hoisted expression is a vector of its own.
            Assert.DoesNotContain("Broadcast", body, System.StringComparison.Ordinal);
            Assert.NotEmpty(vectors);
            Assert.Equal(vectors.Count, vectors.Select(v => v.Expression).Distinct().Count());
            Assert.Equal(vectors.Count, vectors.Select(v => v.Name).Distinct().Count());
            foreach (PreparedVector vector in vectors)
            {
                // Named after what it holds (OneMinusBeta1), never the Vector{n} fallback, and never a local of the body.
                Assert.DoesNotMatch(@"^Vector\d+$", vector.Name);
                Assert.Matches(@"^[A-Z][A-Za-z0-9]*$", vector.Name);
                Assert.DoesNotContain("TVector " + vector.Name + " ", body, System.StringComparison.Ordinal);
                Assert.Contains(vector.Name, body, System.StringComparison.Ordinal);
                Assert.Contains("TSimd.Broadcast(" + vector.Expression + ")", definition.Update, System.StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void PreparedVectorsReplaceNestedBroadcastsWhole()
    {
        (string body, var vectors) = OptimizerDefinition.PrepareVectors(
            "return TSimd.Multiply(TSimd.Broadcast(1f - LearningRate * (WeightDecay)), TSimd.Add(g, TSimd.Broadcast(Epsilon)), TSimd.Broadcast(Epsilon));");
        Assert.Equal("return TSimd.Multiply(Vector0, TSimd.Add(g, Epsilon), Epsilon);", body);
        Assert.Equal(new[] { new PreparedVector("Vector0", "1f - LearningRate * (WeightDecay)"), new PreparedVector("Epsilon", "Epsilon") }, vectors);
    }
}
