using System;
using System.IO;
using NetGen.CompilerServices;
using NetGen.Models;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The samples' XOR network (2-4-1), declared again as an inference-only network whose parameters are
/// compiled in from Models/xor.ngmf (saved by <c>dotnet run --project Samples/NetGen.Samples -c Release
/// -- xor --save tests/NetGen.Tests/Models/xor.ngmf</c>).
/// </summary>
[Network(Inputs = 2, Weights = "xor.ngmf")]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class EmbeddedXor { }

/// <summary>Weights compiled into the assembly against the same file loaded at run time.</summary>
public class EmbeddedWeightsTests
{
    private static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Models", "xor.ngmf");

    [Fact]
    public void EmbeddedParametersAreExactlyTheFilesParameters()
    {
        var embedded = new EmbeddedXor();
        var loaded = new XorNet();
        ModelFile.Load(loaded, ModelPath);
        Assert.Equal(XorNet.ArchitectureFingerprint, EmbeddedXor.ArchitectureFingerprint);
        Assert.Equal(loaded.Parameters.Length, embedded.Parameters.Length);
        for (int i = 0; i < loaded.Parameters.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(loaded.Parameters[i]), BitConverter.SingleToInt32Bits(embedded.Parameters[i]));
        }

        // Not the seeded initialisation: the file holds a trained network.
        var untrained = new XorNet();
        Assert.NotEqual(untrained.Parameters.ToArray(), embedded.Parameters.ToArray());
    }

    [Fact]
    public void EmbeddedNetworkPredictsExactlyWhatTheLoadedNetworkPredicts()
    {
        var embedded = new EmbeddedXor();
        var loaded = new XorNet();
        ModelFile.Load(loaded, ModelPath);
        Span<float> a = stackalloc float[1], b = stackalloc float[1];
        var random = new Random(3);
        for (int n = 0; n < 200; n++)
        {
            float[] x = n < 4 ? new float[] { n >> 1, n & 1 } : new[] { (float)random.NextDouble() * 4 - 2, (float)random.NextDouble() * 4 - 2 };
            embedded.Predict(x, a);
            loaded.Predict(x, b);
            Assert.Equal(BitConverter.SingleToInt32Bits(b[0]), BitConverter.SingleToInt32Bits(a[0]));
            if (n < 4)
            {
                Assert.Equal((n >> 1) != (n & 1), a[0] > 0.5f); // it learned XOR
            }
        }
    }

    [Fact]
    public void EveryInstanceStartsFromTheEmbeddedParametersAndOwnsItsCopy()
    {
        var first = new EmbeddedXor();
        float original = first.Parameters[0];
        first.Parameters[0] = 42f;
        var second = new EmbeddedXor();
        Assert.Equal(original, second.Parameters[0]);
    }

    /// <summary>
    /// What generated code decodes: base64 of little-endian floats. Every float count from 0 to 200 (all
    /// three base64 paddings, the decoder's vector and scalar tails) over bit patterns that run through
    /// every byte value, against the BCL's own encoder.
    /// </summary>
    [Fact]
    public void DecodeGivesBackExactlyTheEncodedFloats()
    {
        for (int count = 0; count <= 200; count++)
        {
            byte[] bytes = new byte[4 * count];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(i * 37 + count);
            }

            float[] decoded = new float[count];
            EmbeddedWeights.Decode(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)), decoded);
            AssertBits(bytes, decoded);

            // In chunks of 9 bytes (12 base64 characters, as the generator splits at multiples of 3
            // bytes), which do not fall on float boundaries.
            float[] chunked = new float[count];
            int at = 0;
            for (int start = 0; start < bytes.Length; start += 9)
            {
                string chunk = Convert.ToBase64String(bytes, start, Math.Min(9, bytes.Length - start));
                at = EmbeddedWeights.Decode(System.Text.Encoding.ASCII.GetBytes(chunk), chunked, at);
                Assert.Equal(Math.Min(start + 9, bytes.Length), at);
            }

            EmbeddedWeights.Complete(chunked, at);
            AssertBits(bytes, chunked);
        }

        static void AssertBits(byte[] bytes, float[] decoded)
        {
            for (int i = 0; i < decoded.Length; i++)
            {
                Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i)), BitConverter.SingleToInt32Bits(decoded[i]));
            }
        }
    }

    [Theory]
    [InlineData("AAAAAA==", 2)] // 4 bytes for 2 floats
    [InlineData("AAAAAAAAAA==", 2)] // 7 bytes for 2 floats
    [InlineData("AAAAAAAAAAAAAAAA", 2)] // 12 bytes for 2 floats
    [InlineData("AAAA*AAAAAA=", 2)] // not base64
    public void DecodeRefusesTextThatIsNotTheRightNumberOfFloats(string base64, int count)
    {
        var error = Assert.Throws<ArgumentException>(() => EmbeddedWeights.Decode(System.Text.Encoding.ASCII.GetBytes(base64), new float[count]));
        Assert.Contains($"do not decode to {count} floats", error.Message);
        Assert.Contains("Rebuild the project", error.Message);
    }

    [Fact]
    public void CompleteRefusesAPartlyDecodedBuffer()
    {
        float[] destination = new float[3];
        int at = EmbeddedWeights.Decode("AAAAAAAAAAAA"u8, destination, 0); // 9 of 12 bytes
        Assert.Equal(9, at);
        var error = Assert.Throws<ArgumentException>(() => EmbeddedWeights.Complete(destination, at));
        Assert.Contains("do not decode to 3 floats (9 of 12 bytes decoded)", error.Message);
        Assert.Throws<ArgumentException>(() => EmbeddedWeights.Decode("AAAA"u8, destination, 13));
    }

    [Fact]
    public void AnInferenceOnlyDeclarationHasNoTrainingMembers()
    {
        Assert.False(typeof(ITrainableNetwork).IsAssignableFrom(typeof(EmbeddedXor)));
        Assert.Null(typeof(EmbeddedXor).GetMethod("ApplyGradients"));
        Assert.Null(typeof(EmbeddedXor).GetProperty("Gradients"));
    }
}
