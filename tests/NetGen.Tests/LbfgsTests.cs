using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Samples;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.LbfgsNetworks
{
    /// <summary>Linear regression: 3 inputs → 2 identity outputs, MSE; 50 rows in chunks of 16 (16, 16, 16, 2).</summary>
    [Network(Inputs = 3, Seed = 31)]
    [Dense(2, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 16)]
    public partial class LinearRegression { }

    /// <summary>Softmax (multinomial logistic) regression: 2 inputs → 3 classes, cross-entropy; 120 rows in chunks of 32.</summary>
    [Network(Inputs = 2, Seed = 32)]
    [Dense(3, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
    public partial class SoftmaxRegression { }

    /// <summary>Iris-sized: 4 → 16 tanh → 3 softmax, cross-entropy, Adam (for the comparison); 150 rows in chunks of 32.</summary>
    [Network(Inputs = 4, Seed = 33)]
    [Dense(16, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
    public partial class IrisTanh { }
}

namespace NetGen.Tests
{
    using NetGen.Tests.LbfgsNetworks;

    /// <summary>
    /// Full-batch L-BFGS (<see cref="LbfgsTrainer"/>): the exact minimum of two convex problems
    /// computed independently in double (normal equations; gradient descent run to convergence),
    /// Rosenbrock's function, the strong Wolfe conditions at every accepted step, an iris network
    /// against Adam, determinism, allocations, option validation and the failure paths.
    /// </summary>
    public class LbfgsTests
    {
        // ---- (a) linear regression against the normal equations ----------------------------------

        /// <summary>
        /// A dropout network's mask changes only with Step, which L-BFGS never advances: refused while dropout is
        /// on (it would minimise one fixed mask's loss), trained with dropout switched off.
        /// </summary>
        [Fact]
        public void DropoutIsRefusedUntilSwitchedOff()
        {
            var network = new NetGen.Tests.Regularisation.DropoutWide();
            var random = new SeededRandom(5);
            int count = 40;
            float[] x = new float[count * Regularisation.DropoutWide.InputSize];
            float[] t = new float[count * Regularisation.DropoutWide.OutputSize];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = random.NextSingle() * 2 - 1;
            }

            for (int r = 0; r < count; r++)
            {
                t[r * Regularisation.DropoutWide.OutputSize + (x[r * Regularisation.DropoutWide.InputSize] > 0 ? 1 : 0)] = 1f;
            }

            float[] before = network.Parameters.ToArray();
            var trainer = new LbfgsTrainer(network, new LbfgsOptions { MaxIterations = 5 });
            var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(x, t, count));
            Assert.Contains("DropoutEnabled to false", error.Message);
            Assert.Equal(before, network.Parameters.ToArray());

            network.DropoutEnabled = false;
            LbfgsResult result = trainer.Fit(x, t, count);
            Assert.True(result.Loss < result.InitialLoss, $"{result.Loss} should be below {result.InitialLoss}");
        }

        [Fact]
        public void LinearRegressionReachesTheNormalEquationsMinimum()
        {
            (float[] x, float[] y) = LinearData(50, seed: 5);

            // The least-squares solution per output from (AᵀA)β = Aᵀy, A = [x 1], in double.
            double[,] beta = NormalEquations(x, y, 50, 3, 2);
            double minimum = LinearMse(beta, x, y, 50);

            // With the default options: converged.
            var defaults = new LinearRegression();
            LbfgsResult first = new LbfgsTrainer(defaults).Fit(x, y, 50);
            Assert.True(first.Converged, $"stopped by {first.StopReason} after {first.Iterations} iterations, |g|∞ {first.GradientNorm}");
            Assert.True(LinearMse(ToBeta(defaults.Parameters), x, y, 50) - minimum <= 1e-5 * minimum);

            // Without the loss rule, as far as single precision goes: the loss computed in float cannot
            // show a decrease below about 1e-7 of itself, so the run ends by the gradient rule or
            // when the line search can no longer find a lower loss (near |g|∞ 1e-5 here).
            var network = new LinearRegression();
            LbfgsResult result = new LbfgsTrainer(network, new LbfgsOptions { GradientTolerance = 1e-7, LossTolerance = 0 }).Fit(x, y, 50);
            Assert.True(result.StopReason is LbfgsStopReason.GradientTolerance or LbfgsStopReason.LineSearchFailed && result.GradientNorm < 1e-4,
                $"stopped by {result.StopReason} after {result.Iterations} iterations, |g|∞ {result.GradientNorm}");
            Span<float> p = network.Parameters;
            for (int j = 0; j < 2; j++)
            {
                for (int i = 0; i < 3; i++)
                {
                    Assert.True(Math.Abs(p[i * 2 + j] - beta[i, j]) < 1e-4, $"W[{i},{j}] = {p[i * 2 + j]}, expected {beta[i, j]}");
                }

                Assert.True(Math.Abs(p[6 + j] - beta[3, j]) < 1e-4, $"b[{j}] = {p[6 + j]}, expected {beta[3, j]}");
            }

            // The loss of the network's parameters, computed here in double, within 1e-6 relative of the minimum.
            double reached = LinearMse(ToBeta(p), x, y, 50);
            Assert.True(reached - minimum <= 1e-6 * minimum, $"loss {reached}, minimum {minimum}");
            Assert.True(Math.Abs(result.Loss - minimum) <= 1e-5 * minimum, $"reported loss {result.Loss}, minimum {minimum}");
            AssertStrongWolfe(result, new LbfgsOptions());
        }

        [Fact]
        public void ChunksAreWeightedByTheirRows()
        {
            // 50 rows in chunks of 16, 16, 16 and 2: the full-batch loss is the mean over rows, as the
            // trainer's Evaluate computes it, not the mean of the chunk means.
            (float[] x, float[] y) = LinearData(50, seed: 6);
            var network = new LinearRegression();
            double expected = LinearMse(ToBeta(network.Parameters), x, y, 50);
            LbfgsResult result = new LbfgsTrainer(network, new LbfgsOptions { MaxIterations = 1 }).Fit(x, y, 50);
            Assert.True(Math.Abs(result.InitialLoss - expected) <= 1e-6 * expected, $"initial loss {result.InitialLoss}, expected {expected}");
        }

        // ---- (b) softmax regression against gradient descent in double ----------------------------

        [Fact]
        public void SoftmaxRegressionReachesTheReferenceMinimum()
        {
            (float[] x, float[] t) = OverlappingClasses(120, seed: 9);
            var network = new SoftmaxRegression();
            LbfgsResult result = new LbfgsTrainer(network, new LbfgsOptions { GradientTolerance = 1e-6 }).Fit(x, t, 120);

            double minimum = ReferenceSoftmaxMinimum(x, t, 120);
            double reached = SoftmaxLoss(ToDouble(network.Parameters), x, t, 120, gradient: null);
            Assert.True(result.StopReason != LbfgsStopReason.MaxIterations, $"stopped by {result.StopReason}");
            Assert.True(reached - minimum <= 1e-6 * minimum, $"loss {reached:R}, reference minimum {minimum:R}");
            Assert.True(minimum - reached <= 1e-9, $"below the reference minimum: {reached:R} < {minimum:R}");

            // Every step is a strong Wolfe step until the loss is within 1e-5 of the minimum; closer, single
            // precision blurs φ′ and a step may be taken on sufficient decrease alone (seen with Vector128).
            AssertStrongWolfe(result, new LbfgsOptions(), everyStep: false);
            foreach (LbfgsIteration step in result.History)
            {
                Assert.True(step.StrongWolfe || step.PreviousLoss - minimum <= 1e-5 * minimum,
                    $"iteration {step.Iteration}: sufficient decrease only, {step.PreviousLoss - minimum:R} above the minimum");
            }
        }

        // ---- (c) Rosenbrock and the strong Wolfe conditions ------------------------------------

        [Fact]
        public void RosenbrockReachesItsMinimum()
        {
            var rosenbrock = new FunctionNetwork(Rosenbrock, -1.2f, 1f);
            var options = new LbfgsOptions { MaxIterations = 100 };
            LbfgsResult result = new LbfgsTrainer(rosenbrock, options).Fit(new float[1], new float[1], 1);

            Assert.True(Math.Abs(rosenbrock.Parameters[0] - 1) < 1e-3 && Math.Abs(rosenbrock.Parameters[1] - 1) < 1e-3,
                $"({rosenbrock.Parameters[0]}, {rosenbrock.Parameters[1]}) after {result.Iterations} iterations, {result.StopReason}");
            Assert.True(result.Loss < 1e-7, $"loss {result.Loss}");
            Assert.True(result.Iterations is > 10 and < 60, $"{result.Iterations} iterations");
            Assert.Equal(rosenbrock.Evaluations, result.FunctionEvaluations);
            AssertStrongWolfe(result, options);
        }

        [Fact]
        public void EveryAcceptedStepSatisfiesTheStrongWolfeConditionsWithTightC2()
        {
            // c₂ = 0.1 is a near-exact line search: zoom has to work for most steps.
            (float[] features, float[] targets, int count) = Iris();
            var options = new LbfgsOptions { C2 = 0.1, MaxIterations = 40, GradientTolerance = 0, LossTolerance = 0 };
            LbfgsResult result = new LbfgsTrainer(new IrisTanh(), options).Fit(features, targets, count);
            // Near the minimum a line search this tight needs loss differences below single precision, and fails.
            int strong = AssertStrongWolfe(result, options, everyStep: false);
            Assert.True(strong >= 15, $"{strong} strong Wolfe steps of {result.Iterations}, {result.StopReason}, loss {result.Loss}, |g|∞ {result.GradientNorm}");
            Assert.Contains(result.History, step => step.Evaluations > 1);
        }

        // ---- (d) an iris network: lower than Adam, deterministic -------------------------------

        [Fact]
        public void IrisNetworkGoesFarBelowAShortAdamTraining()
        {
            (float[] features, float[] targets, int count) = Iris();

            var adam = new IrisTanh();
            var trainer = new Trainer(adam, new TrainerOptions { Epochs = 50, Seed = 1 });
            trainer.Fit(features, targets, count);
            float adamLoss = trainer.Evaluate(features, targets, count).Loss;

            var first = new IrisTanh();
            var options = new LbfgsOptions { MaxIterations = 200 };
            LbfgsResult result = new LbfgsTrainer(first, options).Fit(new DataSet(features, targets, count, 4, 3));
            float lbfgsLoss = new Trainer(first).Evaluate(features, targets, count).Loss;

            Assert.True(lbfgsLoss < 0.25f * adamLoss, $"L-BFGS {lbfgsLoss} ({result.Iterations} iterations, {result.StopReason}), Adam 50 epochs {adamLoss}");
            Assert.True(Math.Abs(lbfgsLoss - result.Loss) <= 1e-5 * Math.Max(1, result.Loss), $"Evaluate {lbfgsLoss}, result {result.Loss}");
            Assert.True(Classification.Accuracy(first, features, targets, count) >= 0.98f);
            Assert.Equal(0, first.Step);
            int strong = AssertStrongWolfe(result, options, everyStep: false);
            Assert.True(strong >= 0.9 * result.Iterations, $"{strong} strong Wolfe steps of {result.Iterations}");
            for (int i = 0; i < result.History.Count; i++)
            {
                Assert.Equal(i + 1, result.History[i].Iteration);
                Assert.Equal(i == 0 ? result.InitialLoss : result.History[i - 1].Loss, result.History[i].PreviousLoss);
            }

            // The same bits again from a fresh network.
            var second = new IrisTanh();
            LbfgsResult again = new LbfgsTrainer(second, options).Fit(features, targets, count);
            Assert.Equal(result.History, again.History);
            Assert.Equal(result.FunctionEvaluations, again.FunctionEvaluations);
            Assert.True(first.Parameters.SequenceEqual(second.Parameters));
        }

        [Fact]
        public void IterationsAllocateNothing()
        {
            (float[] features, float[] targets, int count) = Iris();
            long Bytes(int iterations) => Allocations.Fewest(() =>
            {
                var result = new LbfgsTrainer(new IrisTanh(), new LbfgsOptions { MaxIterations = iterations, GradientTolerance = 0, LossTolerance = 0 })
                    .Fit(features, targets, count);
                Assert.Equal(iterations, result.Iterations);
            }, rounds: 3);

            long few = Bytes(5);
            long many = Bytes(25);

            // The only difference: the history's array, sized MaxIterations up front.
            long history = 20L * Unsafe.SizeOf<LbfgsIteration>();
            Assert.True(many - few <= history + 64, $"5 iterations {few} B, 25 iterations {many} B: {many - few - history} B more than the history");
        }

        // ---- (e) options and failure paths ------------------------------------------------------

        [Fact]
        public void OptionsRejectValuesOutOfRange()
        {
            var options = new LbfgsOptions();
            Assert.Throws<ArgumentOutOfRangeException>(() => options.HistorySize = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxIterations = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxLineSearchSteps = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.GradientTolerance = -1e-3);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.GradientTolerance = double.NaN);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.LossTolerance = double.PositiveInfinity);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.C1 = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.C1 = double.NaN);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.C1 = 0.95); // above C2 = 0.9
            Assert.Throws<ArgumentOutOfRangeException>(() => options.C2 = 1);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.C2 = 1e-5); // below C1 = 1e-4
            Assert.Contains("set C1 first", error.Message, StringComparison.Ordinal);

            // Values left unchanged by a rejected set; valid values accepted; zero switches a rule off.
            Assert.Equal((10, 200, 20, 1e-4, 0.9), (options.HistorySize, options.MaxIterations, options.MaxLineSearchSteps, options.C1, options.C2));
            options.C2 = 0.1;
            options.C1 = 0.05;
            options.GradientTolerance = 0;
            options.LossTolerance = 0;
            Assert.Equal((0.05, 0.1, 0.0, 0.0), (options.C1, options.C2, options.GradientTolerance, options.LossTolerance));
        }

        [Fact]
        public void FitChecksItsArguments()
        {
            Assert.Throws<ArgumentNullException>(() => new LbfgsTrainer(null!));
            var trainer = new LbfgsTrainer(new LinearRegression());
            Assert.Throws<ArgumentNullException>(() => trainer.Fit(null!, new float[2], 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Array.Empty<float>(), Array.Empty<float>(), 0));
            Assert.Throws<ArgumentException>(() => trainer.Fit(new float[4], new float[2], 1));
            Assert.Throws<ArgumentException>(() => trainer.Fit(new DataSet(new float[4], new float[2], 1, 4, 2)));
        }

        [Fact]
        public void NaNAtTheStartThrowsAndChangesNothing()
        {
            (float[] x, float[] y) = LinearData(50, seed: 5);
            var network = new LinearRegression();
            network.Parameters[0] = float.NaN;
            float[] before = network.Parameters.ToArray();
            var error = Assert.Throws<NonFiniteLossException>(() => new LbfgsTrainer(network).Fit(x, y, 50));
            Assert.Contains("L-BFGS cannot start", error.Message, StringComparison.Ordinal);
            Assert.True(float.IsNaN(error.Loss));
            Assert.True(network.Parameters.SequenceEqual(before));
        }

        [Fact]
        public void NaNAtATrialStepShortensTheStep()
        {
            // f(x) = (x − ½)² for x < 1, NaN beyond. From 0 the first trial (a step of length 1) lands
            // on x = 1: NaN. The line search halves it (no interpolation through a NaN) to x = ½, the minimum.
            var network = new FunctionNetwork(x => x[0] < 1 ? ((x[0] - 0.5) * (x[0] - 0.5), new[] { 2 * (x[0] - 0.5) }) : (double.NaN, new[] { double.NaN }), 0f);
            LbfgsResult result = new LbfgsTrainer(network).Fit(new float[1], new float[1], 1);
            Assert.Equal(LbfgsStopReason.GradientTolerance, result.StopReason);
            Assert.Equal(0.5f, network.Parameters[0]);
            Assert.Equal(1, result.Iterations);
            Assert.Equal(2, result.History[0].Evaluations);
            Assert.Equal(0.5, result.History[0].StepSize);
        }

        [Fact]
        public void WithoutACurvatureStepTheLowestSufficientDecreaseIsTaken()
        {
            // f(x) = −x for x < 1, NaN beyond: the slope is −1 everywhere, so the curvature condition
            // never holds. From 0: x = 1 (NaN), then 0.5, 0.75, 0.875, 0.9375, each lower; out of
            // evaluations, the search takes the lowest, 0.9375, evaluating it once more.
            var network = new FunctionNetwork(x => x[0] < 1 ? (-x[0], new[] { -1.0 }) : (double.NaN, new[] { double.NaN }), 0f);
            var options = new LbfgsOptions { MaxLineSearchSteps = 5, MaxIterations = 1 };
            LbfgsResult result = new LbfgsTrainer(network, options).Fit(new float[1], new float[1], 1);
            Assert.Equal(LbfgsStopReason.MaxIterations, result.StopReason);
            LbfgsIteration step = Assert.Single(result.History);
            Assert.False(step.StrongWolfe);
            Assert.Equal(0.9375, step.StepSize);
            Assert.Equal(-0.9375, step.Loss);
            Assert.Equal(6, step.Evaluations);
            Assert.Equal(1 + 6, result.FunctionEvaluations);
            Assert.Equal(0.9375f, network.Parameters[0]);
            AssertStrongWolfe(result, options, everyStep: false);
        }

        [Fact]
        public void AFailedLineSearchIsReportedAndKeepsTheLastAcceptedParameters()
        {
            // A gradient of the wrong sign: every step "downhill" goes up, so no step is ever accepted.
            var network = new FunctionNetwork(x => (x[0] * x[0], new[] { -2 * x[0] }), 3f);
            var options = new LbfgsOptions { MaxLineSearchSteps = 7 };
            LbfgsResult result = new LbfgsTrainer(network, options).Fit(new float[1], new float[1], 1);
            Assert.Equal(LbfgsStopReason.LineSearchFailed, result.StopReason);
            Assert.False(result.Converged);
            Assert.Equal(0, result.Iterations);
            Assert.Equal(1 + 7, result.FunctionEvaluations);
            Assert.Equal(3f, network.Parameters[0]);
            Assert.Equal(9.0, result.Loss);
            Assert.Empty(result.History);
        }

        [Fact]
        public void MaxIterationsIsReported()
        {
            (float[] features, float[] targets, int count) = Iris();
            LbfgsResult result = new LbfgsTrainer(new IrisTanh(), new LbfgsOptions { MaxIterations = 3 }).Fit(features, targets, count);
            Assert.Equal(LbfgsStopReason.MaxIterations, result.StopReason);
            Assert.Equal(3, result.Iterations);
            Assert.Equal(3, result.History.Count);
            Assert.True(result.Loss < result.InitialLoss);
        }

        [Fact]
        public void CancellingPutsBackTheLastAcceptedParameters()
        {
            (float[] features, float[] targets, int count) = Iris();
            var network = new IrisTanh();
            float[] before = network.Parameters.ToArray();
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();
            Assert.Throws<OperationCanceledException>(() => new LbfgsTrainer(network).Fit(features, targets, count, cancellation.Token));
            Assert.True(network.Parameters.SequenceEqual(before));

            // Cancelled during the run, after the 5th evaluation: the parameters are those of the last
            // step accepted by then, found from an uncancelled run's trial points and history.
            var full = new FunctionNetwork(Rosenbrock, -1.2f, 1f);
            LbfgsResult run = new LbfgsTrainer(full).Fit(new float[1], new float[1], 1);
            float[] accepted = full.Trials[0];
            int evaluation = 1;
            foreach (LbfgsIteration step in run.History)
            {
                evaluation += step.Evaluations;
                if (evaluation <= 5)
                {
                    accepted = full.Trials[evaluation - 1];
                }
            }

            using var later = new CancellationTokenSource();
            var cancelled = new FunctionNetwork(Rosenbrock, -1.2f, 1f) { OnEvaluate = n => { if (n == 5) later.Cancel(); } };
            Assert.Throws<OperationCanceledException>(() => new LbfgsTrainer(cancelled).Fit(new float[1], new float[1], 1, later.Token));
            Assert.Equal(5, cancelled.Evaluations);
            Assert.Equal(accepted, cancelled.Parameters.ToArray());
            Assert.NotEqual(full.Trials[0], accepted);
        }

        // ---- helpers ----------------------------------------------------------------------------

        /// <summary>
        /// Sufficient decrease at every step; the curvature condition too at every step marked
        /// <see cref="LbfgsIteration.StrongWolfe"/> (every step when <paramref name="everyStep"/>).
        /// Returns the number of strong Wolfe steps.
        /// </summary>
        private static int AssertStrongWolfe(LbfgsResult result, LbfgsOptions options, bool everyStep = true)
        {
            Assert.Equal(result.Iterations, result.History.Count);
            int strong = 0;
            foreach (LbfgsIteration step in result.History)
            {
                Assert.True(step.StrongWolfe || !everyStep, $"iteration {step.Iteration}: accepted on sufficient decrease only");
                Assert.True(step.InitialSlope < 0, $"iteration {step.Iteration}: not a descent direction, φ′(0) = {step.InitialSlope}");
                Assert.True(step.StepSize > 0, $"iteration {step.Iteration}: α = {step.StepSize}");
                Assert.True(step.Loss <= step.PreviousLoss + options.C1 * step.StepSize * step.InitialSlope,
                    $"iteration {step.Iteration}: sufficient decrease fails: {step.Loss:R} > {step.PreviousLoss:R} + c1·{step.StepSize}·{step.InitialSlope}");
                if (step.StrongWolfe)
                {
                    strong++;
                    Assert.True(Math.Abs(step.Slope) <= options.C2 * Math.Abs(step.InitialSlope),
                        $"iteration {step.Iteration}: curvature fails: |{step.Slope}| > c2·|{step.InitialSlope}|");
                }
            }

            if (result.History.Count > 0)
            {
                Assert.Equal(result.History[^1].Loss, result.Loss);
                Assert.Equal(result.History[^1].GradientNorm, result.GradientNorm);
            }

            return strong;
        }

        private static (float[] Features, float[] Targets, int Count) Iris()
        {
            DataSet iris = IrisSample.LoadDataSet();
            iris = StandardScaler.Fit(iris).Transform(iris);
            return (iris.Features, iris.Targets, iris.Count);
        }

        /// <summary>y = x·W + b + noise for 3 inputs and 2 outputs, x uniform in [−1, 1].</summary>
        private static (float[] X, float[] Y) LinearData(int count, long seed)
        {
            var random = new SeededRandom(seed);
            double[,] w = { { 1.5, -0.5 }, { -2, 0.25 }, { 0.75, 1 } };
            double[] b = { 0.3, -0.7 };
            float[] x = new float[count * 3];
            float[] y = new float[count * 2];
            for (int r = 0; r < count; r++)
            {
                for (int i = 0; i < 3; i++)
                {
                    x[r * 3 + i] = 2 * random.NextSingle() - 1;
                }

                for (int j = 0; j < 2; j++)
                {
                    double value = b[j] + 0.2 * (random.NextDouble() - 0.5);
                    for (int i = 0; i < 3; i++)
                    {
                        value += x[r * 3 + i] * w[i, j];
                    }

                    y[r * 2 + j] = (float)value;
                }
            }

            return (x, y);
        }

        /// <summary>β[i, j] for i &lt; inputs the weight of input i on output j, β[inputs, j] the bias: the least-squares solution by Gaussian elimination on AᵀA.</summary>
        private static double[,] NormalEquations(float[] x, float[] y, int count, int inputs, int outputs)
        {
            int n = inputs + 1;
            var beta = new double[n, outputs];
            for (int j = 0; j < outputs; j++)
            {
                var m = new double[n, n + 1];
                for (int r = 0; r < count; r++)
                {
                    for (int a = 0; a < n; a++)
                    {
                        double xa = a < inputs ? x[r * inputs + a] : 1;
                        for (int c = 0; c < n; c++)
                        {
                            m[a, c] += xa * (c < inputs ? x[r * inputs + c] : 1);
                        }

                        m[a, n] += xa * y[r * outputs + j];
                    }
                }

                for (int pivot = 0; pivot < n; pivot++)
                {
                    for (int row = pivot + 1; row < n; row++)
                    {
                        double factor = m[row, pivot] / m[pivot, pivot];
                        for (int c = pivot; c <= n; c++)
                        {
                            m[row, c] -= factor * m[pivot, c];
                        }
                    }
                }

                for (int row = n - 1; row >= 0; row--)
                {
                    double value = m[row, n];
                    for (int c = row + 1; c < n; c++)
                    {
                        value -= m[row, c] * beta[c, j];
                    }

                    beta[row, j] = value / m[row, row];
                }
            }

            return beta;
        }

        private static double[,] ToBeta(ReadOnlySpan<float> p)
        {
            var beta = new double[4, 2];
            for (int j = 0; j < 2; j++)
            {
                for (int i = 0; i < 3; i++)
                {
                    beta[i, j] = p[i * 2 + j];
                }

                beta[3, j] = p[6 + j];
            }

            return beta;
        }

        /// <summary>The mean over rows and outputs of the squared residual, in double.</summary>
        private static double LinearMse(double[,] beta, float[] x, float[] y, int count)
        {
            double sum = 0;
            for (int r = 0; r < count; r++)
            {
                for (int j = 0; j < 2; j++)
                {
                    double prediction = beta[3, j];
                    for (int i = 0; i < 3; i++)
                    {
                        prediction += x[r * 3 + i] * beta[i, j];
                    }

                    sum += (prediction - y[r * 2 + j]) * (prediction - y[r * 2 + j]);
                }
            }

            return sum / (count * 2);
        }

        /// <summary>Three Gaussian clusters in the plane, close enough to overlap (not separable: a unique minimum).</summary>
        private static (float[] X, float[] T) OverlappingClasses(int count, long seed)
        {
            var random = new SeededRandom(seed);
            double[,] centres = { { 0, 0 }, { 1.2, 0.3 }, { 0.4, 1.1 } };
            float[] x = new float[count * 2];
            float[] t = new float[count * 3];
            for (int r = 0; r < count; r++)
            {
                int k = r % 3;
                for (int i = 0; i < 2; i++)
                {
                    // Box–Muller from two uniforms in (0, 1].
                    double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                    x[r * 2 + i] = (float)(centres[k, i] + 0.8 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
                }

                t[r * 3 + k] = 1;
            }

            return (x, t);
        }

        /// <summary>
        /// Mean cross-entropy of softmax(x·W + b) in double, parameters in NetGen's layout (W [2 × 3] row-major, b [3]);
        /// the gradient, when asked for, is Σ (softmax − t) ⊗ [x 1] / count.
        /// </summary>
        private static double SoftmaxLoss(double[] p, float[] x, float[] t, int count, double[]? gradient)
        {
            if (gradient is not null)
            {
                Array.Clear(gradient);
            }

            double sum = 0;
            Span<double> z = stackalloc double[3];
            for (int r = 0; r < count; r++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < 3; k++)
                {
                    z[k] = p[6 + k] + x[r * 2] * p[k] + x[r * 2 + 1] * p[3 + k];
                    max = Math.Max(max, z[k]);
                }

                double total = 0;
                for (int k = 0; k < 3; k++)
                {
                    total += Math.Exp(z[k] - max);
                }

                double lse = max + Math.Log(total);
                for (int k = 0; k < 3; k++)
                {
                    sum += t[r * 3 + k] * (lse - z[k]);
                    if (gradient is not null)
                    {
                        double d = Math.Exp(z[k] - lse) - t[r * 3 + k];
                        gradient[k] += d * x[r * 2] / count;
                        gradient[3 + k] += d * x[r * 2 + 1] / count;
                        gradient[6 + k] += d / count;
                    }
                }
            }

            return sum / count;
        }

        /// <summary>Plain gradient descent in double (step 1, below 2/L for these features) until the gradient vanishes.</summary>
        private static double ReferenceSoftmaxMinimum(float[] x, float[] t, int count)
        {
            double[] p = new double[9];
            double[] g = new double[9];
            double loss = 0;
            for (int iteration = 0; iteration < 200_000; iteration++)
            {
                loss = SoftmaxLoss(p, x, t, count, g);
                double norm = 0;
                for (int i = 0; i < 9; i++)
                {
                    norm = Math.Max(norm, Math.Abs(g[i]));
                    p[i] -= g[i];
                }

                if (norm < 1e-11)
                {
                    return loss;
                }
            }

            throw new InvalidOperationException($"The reference did not converge: loss {loss}.");
        }

        private static double[] ToDouble(ReadOnlySpan<float> values)
        {
            double[] result = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                result[i] = values[i];
            }

            return result;
        }

        private static (double Loss, double[] Gradient) Rosenbrock(double[] p)
        {
            double x = p[0], y = p[1];
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
                    new[] { -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x) });
        }

        /// <summary>
        /// A function of its parameters posing as a network (one input, one output, batch 1): the loss
        /// and gradient come from <c>f</c>, in double, rounded to float as a network's are.
        /// </summary>
        private sealed class FunctionNetwork : ITrainableNetwork
        {
            private readonly Func<double[], (double Loss, double[] Gradient)> _f;
            private readonly float[] _parameters;
            private readonly float[] _gradients;
            private readonly List<float[]> _trials = new();

            public FunctionNetwork(Func<double[], (double Loss, double[] Gradient)> f, params float[] start)
            {
                _f = f;
                _parameters = start;
                _gradients = new float[start.Length];
            }

            public int Evaluations { get; private set; }

            public Action<int>? OnEvaluate { get; init; }

            /// <summary>The parameters of every evaluation, in order.</summary>
            public IReadOnlyList<float[]> Trials => _trials;

            public int InputSize => 1;
            public int OutputSize => 1;
            public int ParameterCount => _parameters.Length;
            public string Architecture => "f(θ)";
            public ulong ArchitectureFingerprint => 0;
            public Span<float> Parameters => _parameters;
            public int BatchSize => 1;
            public Span<float> Gradients => _gradients;
            public float LearningRate { get; set; }
            public long Step => 0;
            public Loss Loss => Loss.MeanSquaredError;
            public Optimizer Optimizer => Optimizer.Sgd;
            public Span<float> OptimizerState => Span<float>.Empty;

            public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
            {
                Evaluations++;
                OnEvaluate?.Invoke(Evaluations);
                _trials.Add((float[])_parameters.Clone());

                (double loss, double[] gradient) = _f(ToDouble(_parameters));
                for (int i = 0; i < _gradients.Length; i++)
                {
                    _gradients[i] = (float)gradient[i];
                }

                return (float)loss;
            }

            public void RestoreStep(long step) { }
            public void ApplyGradients() => throw new InvalidOperationException("L-BFGS must not call the optimizer.");
            public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new InvalidOperationException("L-BFGS must not call the optimizer.");
            public void Predict(ReadOnlySpan<float> input, Span<float> output) => output[0] = 0;
            public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => outputs.Clear();
        }
    }
}
