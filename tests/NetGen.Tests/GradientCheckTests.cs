using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Matrix;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>A generated network and its independent reference description.</summary>
public sealed record GradientCase(string Name, Func<ITrainableNetwork> Create, ReferenceNetwork Reference, Loss Loss)
{
    public override string ToString() => Name;
}

/// <summary>
/// The generated <c>Gradients</c> of every test network against (1) backpropagation in double by an
/// independent reference written from the SPEC formulas and (2) central finite differences of that
/// reference's loss, entry by entry, in a normal and a saturating input range; and the generated loss
/// and <c>Predict</c> against the reference.
/// </summary>
public class GradientCheckTests
{
    /// <summary>Hand-picked networks: 3 layers, both code strategies (loops above 256 weights), PReLU in loops.</summary>
    private static readonly GradientCase[] Structural =
    {
        new("custom ScaledTanh → identity, MSE", () => new CustomScaledTanhUnrolled(),
            new(3, new ReferenceLayer[] { new(5, Activation.Identity, Custom: MyFunctions.ScaledTanhReference, CustomDerivative: MyFunctions.ScaledTanhDerivativeReference), new(4, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("loops: custom ScaledTanh → custom ScaledTanh, MSE", () => new CustomScaledTanhLoops(),
            new(4, new ReferenceLayer[] { new(70, Activation.Identity, Custom: MyFunctions.ScaledTanhReference, CustomDerivative: MyFunctions.ScaledTanhDerivativeReference), new(5, Activation.Identity, Custom: MyFunctions.ScaledTanhReference, CustomDerivative: MyFunctions.ScaledTanhDerivativeReference) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: custom ScaledTanh → identity, MSE", () => new CustomScaledTanhSimd(),
            new(4, new ReferenceLayer[] { new(70, Activation.Identity, Custom: MyFunctions.ScaledTanhReference, CustomDerivative: MyFunctions.ScaledTanhDerivativeReference), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("custom SoftClip (branches) → identity, MSE", () => new CustomSoftClipUnrolled(),
            new(3, new ReferenceLayer[] { new(5, Activation.Identity, Custom: MyFunctions.SoftClipReference, CustomDerivative: MyFunctions.SoftClipDerivativeReference), new(4, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        // Composition: HandMish calls the [Differentiate] Softplus; the reference is the built-in Mish's formula.
        new("custom HandMish (a call) → identity, MSE", () => new CustomHandMishUnrolled(),
            new(3, new ReferenceLayer[] { new(5, Activation.Mish), new(4, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("loops: custom HandMish → custom HandMish, MSE", () => new CustomHandMishLoops(),
            new(4, new ReferenceLayer[] { new(70, Activation.Mish), new(5, Activation.Mish) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("custom Swish(β=1.5) → Swish(β=1, default) → ScaledTanhOf(a=1, b default), MSE", () => new CustomSwishTwoBetas(),
            new(3, new ReferenceLayer[]
            {
                new(5, Activation.Identity, Custom: MyFunctions.SwishReference(1.5), CustomDerivative: MyFunctions.SwishDerivativeReference(1.5)),
                new(4, Activation.Identity, Custom: MyFunctions.SwishReference(1), CustomDerivative: MyFunctions.SwishDerivativeReference(1)),
                new(3, Activation.Identity, Custom: MyFunctions.ScaledTanhOfReference(1, 0.6667f), CustomDerivative: MyFunctions.ScaledTanhOfDerivativeReference(1, 0.6667f)),
            }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("short form: Softsign(k=1) → Softsign(k=2) → identity, MSE", () => new CustomShortForm(),
            new(3, new ReferenceLayer[]
            {
                new(5, Activation.Identity, Custom: CustomShortForm.Reference(1), CustomDerivative: CustomShortForm.DerivativeReference(1)),
                new(4, Activation.Identity, Custom: CustomShortForm.Reference(2), CustomDerivative: CustomShortForm.DerivativeReference(2)),
                new(2, Activation.Identity),
            }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd, Threads = 2: custom SoftClip (vectorised branches) → identity, MSE", () => new CustomSoftClipSimdThreads(),
            new(4, new ReferenceLayer[] { new(40, Activation.Identity, Custom: MyFunctions.SoftClipReference, CustomDerivative: MyFunctions.SoftClipDerivativeReference), new(3, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("tanh → custom ScaledTanh (output layer), MSE", () => new CustomScaledTanhOutputUnrolled(),
            new(3, new ReferenceLayer[] { new(6, Activation.Tanh), new(3, Activation.Identity, Custom: MyFunctions.ScaledTanhReference, CustomDerivative: MyFunctions.ScaledTanhDerivativeReference) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: custom HalfArcTan (no vector form) → custom HalfArcTan, MSE", () => new CustomHalfArcTanSimd(),
            new(4, new ReferenceLayer[] { new(70, Activation.Identity, Custom: MyFunctions.HalfArcTanReference, CustomDerivative: MyFunctions.HalfArcTanDerivativeReference), new(3, Activation.Identity, Custom: MyFunctions.HalfArcTanReference, CustomDerivative: MyFunctions.HalfArcTanDerivativeReference) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("tanh → identity, MSE", () => new TanhIdentityMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Tanh), new(4, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("sigmoid → sigmoid, MSE", () => new SigmoidSigmoidMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Sigmoid), new(4, Activation.Sigmoid) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("relu → tanh, MSE", () => new ReluTanhMse(),
            new(3, new ReferenceLayer[] { new(6, Activation.ReLU), new(4, Activation.Tanh) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("identity → softmax, MSE (softmax Jacobian)", () => new IdentitySoftmaxMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Identity), new(4, Activation.Softmax) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("identity → log softmax, MSE (log-softmax Jacobian)", () => new IdentityLogSoftmaxMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Identity), new(4, Activation.LogSoftmax) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("loops: tanh → log softmax, half squared error", () => new LoopsLogSoftmaxHalfSquared(),
            new(4, new ReferenceLayer[] { new(70, Activation.Tanh), new(5, Activation.LogSoftmax) }, Loss.HalfSquaredError), Loss.HalfSquaredError),
        new("simd: relu → log softmax, Huber", () => new SimdLogSoftmaxHuber(),
            new(20, new ReferenceLayer[] { new(17, Activation.ReLU), new(16, Activation.LogSoftmax) }, Loss.Huber), Loss.Huber),
        new("relu → tanh → softmax, cross-entropy", () => new ReluTanhSoftmaxCrossEntropy(),
            new(3, new ReferenceLayer[] { new(5, Activation.ReLU), new(6, Activation.Tanh), new(4, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("sigmoid → softmax, cross-entropy", () => new SigmoidSoftmaxCrossEntropy(),
            new(4, new ReferenceLayer[] { new(5, Activation.Sigmoid), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("loops: sigmoid → relu → softmax, cross-entropy", () => new LoopsSoftmaxCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.Sigmoid), new(16, Activation.ReLU), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("loops: tanh → identity, MSE", () => new LoopsTanhIdentityMse(),
            new(4, new ReferenceLayer[] { new(70, Activation.Tanh), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: sigmoid → relu → softmax, cross-entropy", () => new SimdSoftmaxCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.Sigmoid), new(16, Activation.ReLU), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("simd: tanh → identity, MSE", () => new SimdTanhIdentityMse(),
            new(4, new ReferenceLayer[] { new(70, Activation.Tanh), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: prelu → elu → softmax, cross-entropy", () => new SimdPReLUEluSoftmax(),
            new(20, new ReferenceLayer[] { new(17, Activation.PReLU), new(19, Activation.ELU, 0.5), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("simd: prelu → prelu → softmax, cross-entropy", () => new LoopsPReLUCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.PReLU), new(16, Activation.PReLU, 0.1), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("loops: prelu output, Huber", () => new LoopsPReLUHuber(),
            new(4, new ReferenceLayer[] { new(70, Activation.ELU), new(5, Activation.PReLU) }, Loss.Huber), Loss.Huber),
        new("atan → leaky relu → elu → softplus, half squared error", () => new MoreActivationsHalfSquared(),
            new(3, new ReferenceLayer[] { new(4, Activation.ArcTan), new(4, Activation.LeakyReLU, 0.1), new(4, Activation.ELU, 0.7), new(3, Activation.SoftPlus) }, Loss.HalfSquaredError), Loss.HalfSquaredError),
        new("tanh → identity, Huber δ = 0.5", () => new TanhIdentityHuber(),
            new(3, new ReferenceLayer[] { new(5, Activation.Tanh), new(2, Activation.Identity) }, Loss.Huber, huberDelta: 0.5), Loss.Huber),
        new("tanh → sigmoid, binary cross-entropy", () => new TanhSigmoidBinaryCrossEntropy(),
            new(3, new ReferenceLayer[] { new(5, Activation.Tanh), new(2, Activation.Sigmoid) }, Loss.BinaryCrossEntropy), Loss.BinaryCrossEntropy),
        new("gelu → gelu, MSE (unrolled)", () => new GeluUnrolledMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.GELU), new(4, Activation.GELU) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("loops: gelu → identity, MSE", () => new GeluLoopsMse(),
            new(4, new ReferenceLayer[] { new(70, Activation.GELU), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: gelu → gelu → softmax, cross-entropy", () => new GeluSimdCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.GELU), new(16, Activation.GELU), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("silu → silu, MSE (unrolled)", () => new SiluUnrolledMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.SiLU), new(4, Activation.SiLU) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("loops: silu → identity, MSE", () => new SiluLoopsMse(),
            new(4, new ReferenceLayer[] { new(70, Activation.SiLU), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: silu → silu → softmax, cross-entropy", () => new SiluSimdCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.SiLU), new(16, Activation.SiLU), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("mish → mish, MSE (unrolled)", () => new MishUnrolledMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Mish), new(4, Activation.Mish) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("loops: mish → identity, MSE", () => new MishLoopsMse(),
            new(4, new ReferenceLayer[] { new(70, Activation.Mish), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("simd: mish → mish → softmax, cross-entropy", () => new MishSimdCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.Mish), new(16, Activation.Mish), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
    };

    public static IEnumerable<object[]> AllCases => Structural.Concat(MatrixCases.All).Select(c => new object[] { c });

    /// <summary>Inputs in [−3, 3], the usual range after standardisation.</summary>
    [Theory]
    [MemberData(nameof(AllCases))]
    public void GradientsMatchTheReference(GradientCase testCase) => CheckGradients(testCase, saturating: false);

    /// <summary>
    /// Inputs of magnitude 4 to 8: pre-activations reach ±20, where float sigmoid and tanh are
    /// exactly ±1 and exp overflows without care; every value must stay finite and match.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllCases))]
    public void GradientsMatchTheReferenceWhenActivationsSaturate(GradientCase testCase) => CheckGradients(testCase, saturating: true);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void PredictMatchesTheReferenceForward(GradientCase testCase)
    {
        ITrainableNetwork network = testCase.Create();
        var random = new SeededRandom(99);
        Randomize(network.Parameters, ref random);
        double[] theta = ToDouble(network.Parameters);
        float[] input = new float[network.InputSize];
        float[] output = new float[network.OutputSize];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = 6f * random.NextSingle() - 3f;
            }

            network.Predict(input, output);
            double[] expected = testCase.Reference.Forward(theta, input);
            for (int k = 0; k < output.Length; k++)
            {
                Assert.True(Math.Abs(output[k] - expected[k]) <= 1e-5 * (1 + Math.Abs(expected[k])),
                    $"{testCase.Name}: output {k} is {output[k]}, the reference gives {expected[k]}");
            }
        }
    }

    private static void CheckGradients(GradientCase testCase, bool saturating)
    {
        ITrainableNetwork network = testCase.Create();
        Assert.Equal(testCase.Reference.ParameterCount, network.ParameterCount);
        var random = new SeededRandom(testCase.Name.Length * 7919L + (saturating ? 1 : 0));
        Randomize(network.Parameters, ref random);

        foreach (int count in new[] { 1, network.BatchSize })
        {
            (float[] inputs, float[] targets) = RandomBatch(network, testCase.Loss, count, saturating, ref random);
            double[] theta = ToDouble(network.Parameters);

            float loss = network.ComputeLossAndGradients(inputs, targets, count);
            float[] actual = network.Gradients.ToArray();
            Assert.True(float.IsFinite(loss), $"{testCase.Name}: loss {loss}");
            Assert.All(actual, g => Assert.True(float.IsFinite(g), $"{testCase.Name}: gradient {g}"));

            double referenceLoss = testCase.Reference.Loss(theta, inputs, targets, count);
            Assert.True(Math.Abs(loss - referenceLoss) <= 1e-5 * (1 + Math.Abs(referenceLoss)),
                $"{testCase.Name}, count {count}: loss {loss} but the reference gives {referenceLoss}");

            // (1) Backpropagation in double. The generated code works in float: each value carries a
            // relative error of ~1e-7 per operation, so 2e-5 absolute plus 1e-4 relative leaves a wide
            // margin, while a wrong index, a missing factor or a wrong derivative changes an entry by
            // O(|g|).
            double[] backprop = testCase.Reference.Gradient(theta, inputs, targets, count);
            AssertClose(testCase.Name, "backpropagation in double", count, actual, backprop, 2e-5, 1e-4);

            // (2) Central differences of the reference loss (h = 1e-6, truncation error ~1e-12 · f‴,
            // rounding ~1e-10): checks the reference's own derivatives too.
            double[] differences = testCase.Reference.FiniteDifferenceGradient(theta, inputs, targets, count);
            AssertClose(testCase.Name, "finite differences", count, actual, differences, 1e-4, 1e-3);
        }
    }

    private static void AssertClose(string name, string what, int count, float[] actual, double[] expected, double absolute, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = absolute + relative * Math.Abs(expected[i]);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{name}, count {count}: ∂loss/∂θ[{i}] is {actual[i]} but {what} give {expected[i]}");
        }
    }

    /// <summary>Parameters in [−0.8, 0.8], biases and PReLU slopes included.</summary>
    private static void Randomize(Span<float> parameters, ref SeededRandom random)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 1.6f * random.NextSingle() - 0.8f;
        }
    }

    private static double[] ToDouble(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    /// <summary>Inputs in [−3, 3] (or ±[4, 8] when saturating) and targets that suit the loss.</summary>
    private static (float[] Inputs, float[] Targets) RandomBatch(ITrainableNetwork network, Loss loss, int count, bool saturating, ref SeededRandom random)
    {
        float[] inputs = new float[count * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            float u = random.NextSingle();
            inputs[i] = saturating
                ? (random.NextSingle() < 0.5f ? -1 : 1) * (4f + 4f * u)
                : 6f * u - 3f;
        }

        int k = network.OutputSize;
        float[] targets = new float[count * k];
        for (int s = 0; s < count; s++)
        {
            Span<float> t = targets.AsSpan(s * k, k);
            switch (loss)
            {
                case Loss.CrossEntropy:
                    // A probability vector.
                    float sum = 0;
                    for (int j = 0; j < k; j++)
                    {
                        t[j] = random.NextSingle() + 0.05f;
                        sum += t[j];
                    }

                    for (int j = 0; j < k; j++)
                    {
                        t[j] /= sum;
                    }

                    break;
                case Loss.BinaryCrossEntropy:
                    for (int j = 0; j < k; j++)
                    {
                        t[j] = random.NextSingle();
                    }

                    break;
                default:
                    for (int j = 0; j < k; j++)
                    {
                        t[j] = 2f * random.NextSingle() - 0.5f;
                    }

                    break;
            }
        }

        return (inputs, targets);
    }
}
