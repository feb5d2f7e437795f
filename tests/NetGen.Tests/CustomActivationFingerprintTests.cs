using System;
using System.IO;
using NetGen.Models;
using Xunit;

namespace NetGen.Tests.BodyA
{
    /// <summary>An activation named Shapes.Bend…</summary>
    public static class Shapes
    {
        public static float Bend(float x) => x * MathF.Tanh(x);
    }

    /// <summary>A network using the first body of Shapes.Bend.</summary>
    [Network(Inputs = 3, Seed = 48)]
    [Dense(4, typeof(Shapes), nameof(Shapes.Bend))]
    [Dense(2)]
    public partial class BendNetA { }
}

namespace NetGen.Tests.BodyB
{
    /// <summary>…and another body under the same name.</summary>
    public static class Shapes
    {
        public static float Bend(float x) => 0.5f * x * MathF.Tanh(x);
    }

    /// <summary>The same architecture text but for the body: its weights mean something else.</summary>
    [Network(Inputs = 3, Seed = 48)]
    [Dense(4, typeof(Shapes), nameof(Shapes.Bend))]
    [Dense(2)]
    public partial class BendNetB { }
}

namespace NetGen.Tests
{
    /// <summary>
    /// The architecture text carries a hash of a custom activation's graph: weights trained with one
    /// body of a method are refused by a network whose same-named method has another body.
    /// </summary>
    public class CustomActivationFingerprintTests
    {
        [Fact]
        public void SameNamedActivationsWithDifferentBodiesHaveDifferentFingerprints()
        {
            Assert.Matches(@"^3 > Dense\(4, Shapes\.Bend, Graph=[0-9A-F]{8}\) > Dense\(2, Identity\)$", BodyA.BendNetA.Architecture);
            Assert.Matches(@"^3 > Dense\(4, Shapes\.Bend, Graph=[0-9A-F]{8}\) > Dense\(2, Identity\)$", BodyB.BendNetB.Architecture);
            Assert.NotEqual(BodyA.BendNetA.Architecture, BodyB.BendNetB.Architecture);
            Assert.NotEqual(BodyA.BendNetA.ArchitectureFingerprint, BodyB.BendNetB.ArchitectureFingerprint);
        }

        [Fact]
        public void AModelFileOfAnotherBodyIsRefused()
        {
            var saved = new BodyA.BendNetA();
            var other = new BodyB.BendNetB();
            var stream = new MemoryStream();
            ModelFile.Save(saved, stream);
            float[] before = other.Parameters.ToArray();

            var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(other, new MemoryStream(stream.ToArray())));

            Assert.Equal(
                $"The model file was saved by a network with architecture '{BodyA.BendNetA.Architecture}' (fingerprint 0x{BodyA.BendNetA.ArchitectureFingerprint:X16}), " +
                $"but this network is '{BodyB.BendNetB.Architecture}' (0x{BodyB.BendNetB.ArchitectureFingerprint:X16}).",
                error.Message);
            Assert.Equal(before, other.Parameters.ToArray());
        }

        [Fact]
        public void TheSameBodyKeepsItsFingerprint()
        {
            // A file saved by a network loads into another instance of it: the hash is stable, not per process.
            var saved = new BodyA.BendNetA();
            var stream = new MemoryStream();
            ModelFile.Save(saved, stream);
            var loaded = new BodyA.BendNetA();
            ModelFile.Load(loaded, new MemoryStream(stream.ToArray()));
            Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        }
    }
}
