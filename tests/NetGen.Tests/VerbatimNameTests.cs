using System;
using NetGen;
using Xunit;

// Names that are C# keywords, written as verbatim identifiers: the generator must write them back
// escaped (namespace, containing type, class, [Differentiate] parameters and locals).
namespace NetGen.Tests.@event.@class
{
    public static partial class @static
    {
        [Network(Inputs = 3, Seed = 14)]
        [Dense(5, Activation.Tanh)]
        [Dense(4, Activation.Softmax)]
        [Training(Loss.CrossEntropy, Optimizer.Adam, BatchSize = 4)]
        public partial class @class { }
    }

    /// <summary>The same file as <see cref="NetGen.Tests.ImportedTanh"/>, into a class named with a keyword.</summary>
    [OnnxModel("OnnxTanhNet.onnx")]
    public partial class @in { }

    public static partial class @checked
    {
        [Differentiate]
        public static double @in(double @in, double @class)
        {
            double @out = @in * @class;
            double @var = Math.Sin(@out) + @in;
            return @var * @out;
        }

        [Differentiate]
        public static double @return(double @double) => @checked.@in(@double, 2) * @double;
    }
}

namespace NetGen.Tests
{
    using Keywords = NetGen.Tests.@event.@class;

    /// <summary>Networks and gradients whose names are keywords work like any other.</summary>
    public class VerbatimNameTests
    {
        private static readonly float[] Input = { 0.3f, -1.2f, 2.5f };

        [Fact]
        public void ANetworkNamedClassPredictsAndTrainsLikeTheSameNetworkNamedOtherwise()
        {
            // OnnxTanhNet is the same architecture with the same seed, inference only.
            var keyword = new Keywords.@static.@class();
            var plain = new OnnxTanhNet();
            Assert.Equal(plain.Parameters.ToArray(), keyword.Parameters.ToArray());
            float[] expected = new float[4], actual = new float[4];
            plain.Predict(Input, expected);
            keyword.Predict(Input, actual);
            Assert.Equal(expected, actual);

            float loss = keyword.TrainBatch(Input, new float[] { 0, 1, 0, 0 }, 1);
            Assert.True(float.IsFinite(loss) && loss > 0, $"loss {loss}");
            Assert.Equal(1, keyword.Step);
            Assert.NotEqual(plain.Parameters.ToArray(), keyword.Parameters.ToArray());
        }

        [Fact]
        public void AnOnnxModelNamedInPredictsLikeTheSameFileImportedElsewhere()
        {
            var keyword = new Keywords.@in();
            var plain = new ImportedTanh();
            float[] expected = new float[Keywords.@in.OutputSize], actual = new float[Keywords.@in.OutputSize];
            plain.Predict(Input, expected);
            keyword.Predict(Input, actual);
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void AMethodNamedInWithParametersNamedInAndClassIsDifferentiated()
        {
            // f(a, b) = v·u with u = ab, v = sin(u) + a: ∂f/∂a = (b·cos u + 1)·u + v·b, ∂f/∂b = (a·cos u)·u + v·a.
            double a = 0.7, b = -1.3, u = a * b, v = Math.Sin(u) + a;
            (double value, double dIn, double dClass) = Keywords.@checked.inGradient(a, b);
            Assert.Equal(v * u, value);
            Assert.Equal((b * Math.Cos(u) + 1) * u + v * b, dIn, 14);
            Assert.Equal(a * Math.Cos(u) * u + v * a, dClass, 14);
            Assert.Equal(new[] { "out", "var" }, Keywords.@checked.inLocalNames);

            // g(d) = f(d, 2)·d, through the call: g′ = ∂f/∂a(d, 2)·d + f(d, 2).
            (double g, double dg) = Keywords.@checked.returnGradient(a);
            (double f, double fa, _) = Keywords.@checked.inGradient(a, 2);
            Assert.Equal(f * a, g);
            Assert.Equal(fa * a + f, dg, 14);
        }
    }
}
