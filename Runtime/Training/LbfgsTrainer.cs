using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using NetGen.Data;

namespace NetGen.Training;

/// <summary>
/// Trains any generated network by full-batch L-BFGS: the loss and gradient over the whole training
/// set, a quasi-Newton direction from the last m steps (the two-loop recursion) and a line search
/// that accepts only steps satisfying the strong Wolfe conditions. scikit-learn's
/// <c>MLPClassifier(solver='lbfgs')</c> is the same method; it suits small data sets with a smooth,
/// deterministic loss (see docs/training.md).
/// </summary>
/// <remarks>
/// <para><b>The objective.</b> Each evaluation is one pass over the training rows, in order, in
/// chunks of at most <see cref="ITrainableNetwork.BatchSize"/> rows: each chunk's
/// <see cref="ITrainableNetwork.ComputeLossAndGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> (its mean loss and gradient) is weighted by
/// its row count and summed in double precision, giving the mean over all rows: the same loss
/// <see cref="Trainer"/> reports. Whatever the network adds to its loss (a penalty) comes with it; a
/// loss that changes from call to call (dropout) breaks the line search, which assumes the same
/// parameters give the same loss.</para>
/// <para><b>The network's optimizer is not used.</b> L-BFGS writes <see cref="INeuralNetwork.Parameters"/>
/// itself and never calls <see cref="ITrainableNetwork.ApplyGradients"/>: the network's
/// <see cref="ITrainableNetwork.Step"/>, <see cref="ITrainableNetwork.OptimizerState"/> and
/// <see cref="ITrainableNetwork.LearningRate"/> are neither read nor changed. After <c>Fit</c>,
/// <see cref="ITrainableNetwork.Gradients"/> holds the gradient of the last chunk evaluated, not of the
/// full batch (the result has the full-batch gradient norm).</para>
/// <para><b>Steps.</b> A step is accepted when it satisfies the strong Wolfe conditions. When the
/// line search runs out of evaluations (<see cref="LbfgsOptions.MaxLineSearchSteps"/>) having found
/// steps that lower the loss enough (sufficient decrease) but none that also meets the curvature
/// condition, as happens at a kink of ReLU, it takes the lowest of them (one more evaluation);
/// <see cref="LbfgsIteration.StrongWolfe"/> tells the two kinds of step apart.</para>
/// <para><b>When it stops.</b> On convergence (<see cref="LbfgsOptions.GradientTolerance"/>,
/// <see cref="LbfgsOptions.LossTolerance"/>), after <see cref="LbfgsOptions.MaxIterations"/>, or when
/// the line search fails along the L-BFGS direction and then along the steepest-descent direction
/// (<see cref="LbfgsStopReason.LineSearchFailed"/>, with the parameters of the last accepted step):
/// <see cref="LbfgsResult.StopReason"/> always says which. A NaN or infinite loss at a trial step is
/// treated as a step too long (the line search shortens it); a NaN or infinite loss or gradient at
/// the starting parameters throws <see cref="NonFiniteLossException"/>.</para>
/// <para><b>Memory.</b> Buffers are allocated once per <c>Fit</c>: 2·m + 3 doubles and one float per
/// parameter, and the history's capacity; iterations allocate nothing. Deterministic: the same
/// network, data and options give the same bits on the same instruction set.</para>
/// </remarks>
/// <example>
/// <code>
/// var result = new LbfgsTrainer(net, new LbfgsOptions { MaxIterations = 300 }).Fit(train);
/// Console.WriteLine($"{result.StopReason} after {result.Iterations} iterations: loss {result.Loss:F5}");
/// </code>
/// </example>
public sealed class LbfgsTrainer
{
    private readonly ITrainableNetwork _network;
    private readonly LbfgsOptions _options;

    /// <summary>Prepares to train <paramref name="network"/> by L-BFGS.</summary>
    /// <param name="network">The network to train; its current parameters are the starting point.</param>
    /// <param name="options">How to train; null takes the defaults. The options are read when <c>Fit</c> runs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public LbfgsTrainer(ITrainableNetwork network, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _options = options ?? new LbfgsOptions();
    }

    /// <summary>Minimises the mean loss over the rows of <paramref name="training"/>.</summary>
    /// <param name="training">The training rows: <see cref="DataSet.FeatureCount"/> must be the network's InputSize and <see cref="DataSet.TargetCount"/> its OutputSize.</param>
    /// <param name="cancellationToken">Checked before every evaluation; cancelling puts back the parameters of the last accepted step and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Why it stopped, the final loss and gradient norm, and every step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    /// <exception cref="NonFiniteLossException">The loss or gradient at the starting parameters is NaN or infinite.</exception>
    public LbfgsResult Fit(DataSet training, CancellationToken cancellationToken = default)
    {
        Shapes.CheckDataSet(_network, training, nameof(training));
        Preprocessing.AdoptClassNames(_network, training);
        return Fit(training.Features, training.Targets, training.Count, cancellationToken);
    }

    /// <summary>Minimises the mean loss over <paramref name="count"/> rows.</summary>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of training rows, at least 1.</param>
    /// <param name="cancellationToken">Checked before every evaluation; cancelling puts back the parameters of the last accepted step and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Why it stopped, the final loss and gradient norm, and every step.</returns>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">An array does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    /// <exception cref="NonFiniteLossException">The loss or gradient at the starting parameters is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The network has dropout switched on (see <see cref="CompilerServices.IDropoutNetwork"/>): L-BFGS needs a deterministic loss.</exception>
    public LbfgsResult Fit(float[] features, float[] targets, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        Shapes.CheckRows(_network, features.Length, targets.Length, count, nameof(features), nameof(targets), nameof(count));
        if (_network is CompilerServices.IDropoutNetwork { DropoutEnabled: true })
        {
            // The mask changes only with Step, which L-BFGS never advances: it would minimise the loss of
            // one fixed mask, a wrong objective, silently.
            throw new InvalidOperationException(
                $"{_network.GetType().Name} has Dropout layers, and L-BFGS needs the same loss at every evaluation (its line search compares them): "
                + "set its DropoutEnabled to false for the L-BFGS fit (dropout off), or train it with Trainer (minibatches, a new mask every step).");
        }

        Preprocessing.FitInputScaling(_network, features, count); // a declared input scaling, from the training rows only
        return new Minimiser(_network, _options, features, targets, count, cancellationToken).Run();
    }

    /// <summary>One run: the buffers of one <c>Fit</c>, and the algorithm (Nocedal and Wright, algorithms 7.4/7.5, 3.5 and 3.6).</summary>
    private sealed class Minimiser
    {
        private readonly ITrainableNetwork _network;
        private readonly float[] _features;
        private readonly float[] _targets;
        private readonly int _count;
        private readonly CancellationToken _cancellationToken;
        private readonly int _parameterCount;
        private readonly int _historySize;
        private readonly int _maxIterations;
        private readonly int _maxLineSearchSteps;
        private readonly double _gradientTolerance;
        private readonly double _lossTolerance;
        private readonly double _c1;
        private readonly double _c2;

        // x_k: the last accepted parameters, exactly as the network holds them.
        private readonly float[] _x;

        // ∇f(x_k), the gradient at a trial point, and the search direction p.
        private double[] _gradient;
        private double[] _trialGradient;
        private readonly double[] _direction;

        // The last m pairs s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k, one after the other in a ring:
        // the oldest of _stored pairs is at (_head − _stored) mod m, the newest at _head − 1.
        private readonly double[] _s;
        private readonly double[] _y;
        private readonly double[] _rho;
        private readonly double[] _alpha;
        private int _head;
        private int _stored;
        private double _gamma = 1;

        private int _evaluations;

        /// <summary>2⁻⁵², the spacing of doubles at 1 (<see cref="double.Epsilon"/> is the smallest denormal instead).</summary>
        private const double MachineEpsilon = 2.220446049250313e-16;

        public Minimiser(ITrainableNetwork network, LbfgsOptions options, float[] features, float[] targets, int count, CancellationToken cancellationToken)
        {
            _network = network;
            _features = features;
            _targets = targets;
            _count = count;
            _cancellationToken = cancellationToken;
            _parameterCount = network.ParameterCount;
            _historySize = options.HistorySize;
            _maxIterations = options.MaxIterations;
            _maxLineSearchSteps = options.MaxLineSearchSteps;
            _gradientTolerance = options.GradientTolerance;
            _lossTolerance = options.LossTolerance;
            _c1 = options.C1;
            _c2 = options.C2;

            int n = _parameterCount;
            _x = new float[n];
            _gradient = new double[n];
            _trialGradient = new double[n];
            _direction = new double[n];
            _s = new double[checked(_historySize * n)];
            _y = new double[checked(_historySize * n)];
            _rho = new double[_historySize];
            _alpha = new double[_historySize];
        }

        public LbfgsResult Run()
        {
            _network.Parameters.CopyTo(_x);
            _cancellationToken.ThrowIfCancellationRequested();
            double loss = Evaluate(_gradient);
            double gradientNorm = InfinityNorm(_gradient);
            if (!double.IsFinite(loss) || !double.IsFinite(gradientNorm))
            {
                string what = double.IsFinite(loss) ? Invariant($"gradient is not finite (the loss is {loss})") : Invariant($"loss is {loss}");
                throw new NonFiniteLossException(
                    Invariant($"L-BFGS cannot start: the full-batch {what} at the starting parameters. ")
                    + "Check the data for NaN or huge values, and the parameters (a model file or earlier training may have left NaN in them).")
                {
                    Loss = (float)loss,
                    Step = _network.Step,
                };
            }

            double initialLoss = loss;
            var history = new List<LbfgsIteration>(_maxIterations);
            LbfgsStopReason reason;
            int iteration = 0;
            if (gradientNorm <= _gradientTolerance)
            {
                return new LbfgsResult(LbfgsStopReason.GradientTolerance, 0, _evaluations, initialLoss, loss, gradientNorm, history);
            }

            while (true)
            {
                if (iteration >= _maxIterations)
                {
                    reason = LbfgsStopReason.MaxIterations;
                    break;
                }

                // The L-BFGS direction; −∇f when there is no history yet, or when rounding made the
                // L-BFGS direction point uphill.
                bool steepest = _stored == 0;
                TwoLoopRecursion();
                double slope0 = Dot(_gradient, _direction);
                if (!(slope0 < 0))
                {
                    ClearHistory();
                    steepest = true;
                    slope0 = SteepestDescent();
                }

                int evaluations = 0;
                SearchOutcome outcome = LineSearch(loss, slope0, FirstTrialStep(steepest), ref evaluations, out double step, out double newLoss, out double newSlope);
                if (outcome == SearchOutcome.Failed)
                {
                    Restore();
                    if (steepest)
                    {
                        reason = LbfgsStopReason.LineSearchFailed;
                        break;
                    }

                    // The history may describe the loss badly here: forget it and try downhill (as SciPy does).
                    ClearHistory();
                    steepest = true;
                    slope0 = SteepestDescent();
                    outcome = LineSearch(loss, slope0, FirstTrialStep(steepest), ref evaluations, out step, out newLoss, out newSlope);
                    if (outcome == SearchOutcome.Failed)
                    {
                        Restore();
                        reason = LbfgsStopReason.LineSearchFailed;
                        break;
                    }
                }

                // Accepted: the network holds x_{k+1}, _trialGradient its gradient.
                iteration++;
                StorePair();
                _network.Parameters.CopyTo(_x);
                (_gradient, _trialGradient) = (_trialGradient, _gradient);
                double previousLoss = loss;
                loss = newLoss;
                gradientNorm = InfinityNorm(_gradient);
                history.Add(new LbfgsIteration(iteration, previousLoss, loss, gradientNorm, step, slope0, newSlope, evaluations, steepest, outcome == SearchOutcome.StrongWolfe));

                if (gradientNorm <= _gradientTolerance)
                {
                    reason = LbfgsStopReason.GradientTolerance;
                    break;
                }

                if (previousLoss - loss <= _lossTolerance * Math.Max(Math.Max(Math.Abs(previousLoss), Math.Abs(loss)), 1))
                {
                    reason = LbfgsStopReason.LossTolerance;
                    break;
                }
            }

            return new LbfgsResult(reason, iteration, _evaluations, initialLoss, loss, gradientNorm, history);
        }

        /// <summary>The first step to try: 1 for an L-BFGS direction (it is scaled), else a step of length 1 (at most α = 1).</summary>
        private double FirstTrialStep(bool steepest) => steepest ? Math.Min(1, 1 / Math.Sqrt(Dot(_direction, _direction))) : 1;

        /// <summary>Sets p = −∇f and returns its slope −‖∇f‖².</summary>
        private double SteepestDescent()
        {
            for (int i = 0; i < _direction.Length; i++)
            {
                _direction[i] = -_gradient[i];
            }

            return -Dot(_gradient, _gradient);
        }

        /// <summary>
        /// Line search for a step satisfying the strong Wolfe conditions (Nocedal and Wright, algorithm
        /// 3.5): grow the step until it brackets one, then <see cref="Zoom"/>. Unless it fails, the
        /// network holds x_k + αp and <see cref="_trialGradient"/> its gradient.
        /// </summary>
        private SearchOutcome LineSearch(double loss0, double slope0, double firstStep, ref int evaluations,
                                out double step, out double stepLoss, out double stepSlope)
        {
            double previous = 0, previousLoss = loss0, previousSlope = slope0;
            double current = firstStep;
            for (int i = 1; ; i++)
            {
                if (evaluations >= _maxLineSearchSteps)
                {
                    return DecreaseOnly(previous, loss0, slope0, ref evaluations, out step, out stepLoss, out stepSlope);
                }

                evaluations++;
                double currentLoss = Trial(current, out double currentSlope);

                // Written so that a NaN loss or slope counts as "too far": shrink.
                if (!(currentLoss <= loss0 + _c1 * current * slope0) || !double.IsFinite(currentSlope) || (i > 1 && currentLoss >= previousLoss))
                {
                    return Zoom(loss0, slope0, previous, previousLoss, previousSlope, current, currentLoss, currentSlope,
                                ref evaluations, out step, out stepLoss, out stepSlope);
                }

                if (Math.Abs(currentSlope) <= -_c2 * slope0)
                {
                    (step, stepLoss, stepSlope) = (current, currentLoss, currentSlope);
                    return SearchOutcome.StrongWolfe;
                }

                if (currentSlope >= 0)
                {
                    return Zoom(loss0, slope0, current, currentLoss, currentSlope, previous, previousLoss, previousSlope,
                                ref evaluations, out step, out stepLoss, out stepSlope);
                }

                // Still going down: extrapolate, to between 1.1 and 4 times the last stride further.
                double stride = current - previous;
                double next = CubicMinimum(previous, previousLoss, previousSlope, current, currentLoss, currentSlope);
                double low = current + 1.1 * stride, high = current + 4 * stride;
                next = !double.IsFinite(next) || next <= current ? high : Math.Clamp(next, low, high);
                (previous, previousLoss, previousSlope) = (current, currentLoss, currentSlope);
                current = next;
            }
        }

        /// <summary>
        /// Nocedal and Wright's algorithm 3.6: <paramref name="lo"/> has the lowest loss so far that
        /// satisfies sufficient decrease, and the interval between lo and hi holds strong Wolfe steps.
        /// </summary>
        private SearchOutcome Zoom(double loss0, double slope0,
                          double lo, double loLoss, double loSlope,
                          double hi, double hiLoss, double hiSlope,
                          ref int evaluations, out double step, out double stepLoss, out double stepSlope)
        {
            while (true)
            {
                if (evaluations >= _maxLineSearchSteps)
                {
                    return DecreaseOnly(lo, loss0, slope0, ref evaluations, out step, out stepLoss, out stepSlope);
                }

                double trial = Interpolate(lo, loLoss, loSlope, hi, hiLoss, hiSlope);
                evaluations++;
                double trialLoss = Trial(trial, out double trialSlope);
                if (!(trialLoss <= loss0 + _c1 * trial * slope0) || !double.IsFinite(trialSlope) || trialLoss >= loLoss)
                {
                    (hi, hiLoss, hiSlope) = (trial, trialLoss, trialSlope);
                    continue;
                }

                if (Math.Abs(trialSlope) <= -_c2 * slope0)
                {
                    (step, stepLoss, stepSlope) = (trial, trialLoss, trialSlope);
                    return SearchOutcome.StrongWolfe;
                }

                if (trialSlope * (hi - lo) >= 0)
                {
                    (hi, hiLoss, hiSlope) = (lo, loLoss, loSlope);
                }

                (lo, loLoss, loSlope) = (trial, trialLoss, trialSlope);
            }
        }

        /// <summary>
        /// The search ran out of evaluations. If it found a step with sufficient decrease (the lowest
        /// such, <paramref name="best"/> &gt; 0), that step is taken (evaluated once more, to put its
        /// parameters and gradient back): at a kink of ReLU, or where single precision blurs φ′, the
        /// curvature condition may hold nowhere, yet the step lowers the loss. Otherwise the search failed.
        /// </summary>
        private SearchOutcome DecreaseOnly(double best, double loss0, double slope0, ref int evaluations,
                                           out double step, out double stepLoss, out double stepSlope)
        {
            if (best > 0)
            {
                evaluations++;
                stepLoss = Trial(best, out stepSlope);
                step = best;
                return SearchOutcome.SufficientDecrease;
            }

            (step, stepLoss, stepSlope) = (0, loss0, slope0);
            return SearchOutcome.Failed;
        }

        /// <summary>
        /// A trial step inside the interval: the minimum of the cubic through both ends' losses and
        /// slopes, else of the quadratic through a's loss and slope and b's loss, else the midpoint;
        /// kept at least a tenth of the interval from either end so the interval shrinks.
        /// </summary>
        private static double Interpolate(double a, double aLoss, double aSlope, double b, double bLoss, double bSlope)
        {
            double low = Math.Min(a, b), high = Math.Max(a, b), margin = 0.1 * (high - low);
            double trial = CubicMinimum(a, aLoss, aSlope, b, bLoss, bSlope);
            if (!(trial >= low + margin && trial <= high - margin))
            {
                trial = QuadraticMinimum(a, aLoss, aSlope, b, bLoss);
            }

            return trial >= low + margin && trial <= high - margin ? trial : 0.5 * (a + b);
        }

        /// <summary>The minimiser of the cubic matching loss and slope at a and b (Nocedal and Wright, eq. 3.59); NaN when it has none.</summary>
        private static double CubicMinimum(double a, double aLoss, double aSlope, double b, double bLoss, double bSlope)
        {
            double d1 = aSlope + bSlope - 3 * (aLoss - bLoss) / (a - b);
            double discriminant = d1 * d1 - aSlope * bSlope;
            if (!(discriminant >= 0))
            {
                return double.NaN;
            }

            double d2 = Math.CopySign(Math.Sqrt(discriminant), b - a);
            return b - (b - a) * (bSlope + d2 - d1) / (bSlope - aSlope + 2 * d2);
        }

        /// <summary>The minimiser of the quadratic with a's loss and slope through b's loss; NaN when it opens downward.</summary>
        private static double QuadraticMinimum(double a, double aLoss, double aSlope, double b, double bLoss)
        {
            double width = b - a;
            double curvature = (bLoss - aLoss - aSlope * width) / (width * width);
            return curvature > 0 ? a - aSlope / (2 * curvature) : double.NaN;
        }

        /// <summary>Writes x_k + αp into the network, evaluates there, and returns the loss and (out) the slope ∇f(x_k + αp)ᵀp.</summary>
        private double Trial(double step, out double slope)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                Restore();
                _cancellationToken.ThrowIfCancellationRequested();
            }

            WriteTrial(step);
            double loss = Evaluate(_trialGradient);
            slope = Dot(_trialGradient, _direction);
            return loss;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteTrial(double step)
        {
            // Read the span now: the getter marks any packed copy of the weights stale.
            Span<float> parameters = _network.Parameters;
            float[] x = _x;
            double[] p = _direction;
            for (int i = 0; i < x.Length; i++)
            {
                parameters[i] = (float)(x[i] + step * p[i]);
            }
        }

        private void Restore() => _x.CopyTo(_network.Parameters);

        /// <summary>
        /// The full-batch mean loss and (into <paramref name="gradient"/>) its gradient: the rows in
        /// order, in chunks of at most BatchSize, each chunk's mean weighted by its rows, summed in double.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double Evaluate(double[] gradient)
        {
            _evaluations++;
            Array.Clear(gradient);
            int batchSize = _network.BatchSize;
            int inputSize = _network.InputSize;
            int outputSize = _network.OutputSize;
            double lossSum = 0;
            for (int start = 0; start < _count; start += batchSize)
            {
                int n = Math.Min(batchSize, _count - start);
                float loss = _network.ComputeLossAndGradients(
                    _features.AsSpan(start * inputSize, n * inputSize), _targets.AsSpan(start * outputSize, n * outputSize), n);
                lossSum += (double)loss * n;
                ReadOnlySpan<float> chunk = _network.Gradients;
                for (int i = 0; i < gradient.Length; i++)
                {
                    gradient[i] += (double)chunk[i] * n;
                }
            }

            double scale = 1.0 / _count;
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] *= scale;
            }

            return lossSum / _count;
        }

        /// <summary>
        /// p = −H_k ∇f_k by the two-loop recursion (Nocedal and Wright, algorithm 7.4), with
        /// H_k⁰ = γ_k I, γ_k = sᵀy / yᵀy of the newest pair (eq. 7.20). With no pairs, p = −∇f.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TwoLoopRecursion()
        {
            double[] q = _direction;
            Array.Copy(_gradient, q, q.Length);
            int n = _parameterCount;
            for (int j = 0; j < _stored; j++)
            {
                int slot = Slot(_stored - 1 - j); // newest first
                double alpha = _rho[slot] * Dot(_s.AsSpan(slot * n, n), q);
                _alpha[slot] = alpha;
                Axpy(-alpha, _y.AsSpan(slot * n, n), q);
            }

            double gamma = _stored > 0 ? _gamma : 1;
            for (int i = 0; i < q.Length; i++)
            {
                q[i] *= gamma;
            }

            for (int j = 0; j < _stored; j++)
            {
                int slot = Slot(j); // oldest first
                double beta = _rho[slot] * Dot(_y.AsSpan(slot * n, n), q);
                Axpy(_alpha[slot] - beta, _s.AsSpan(slot * n, n), q);
            }

            for (int i = 0; i < q.Length; i++)
            {
                q[i] = -q[i];
            }
        }

        /// <summary>The ring slot of the pair <paramref name="age"/> places after the oldest stored one.</summary>
        private int Slot(int age) => ((_head - _stored + age) % _historySize + _historySize) % _historySize;

        /// <summary>
        /// Stores s = x_{k+1} − x_k (the parameters as written, in floats) and y = ∇f_{k+1} − ∇f_k when
        /// sᵀy &gt; ε·yᵀy, ε = 2⁻⁵² (the curvature the update needs to keep H positive definite; the strong Wolfe
        /// conditions give sᵀy &gt; 0 in exact arithmetic); otherwise skips the pair.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void StorePair()
        {
            int n = _parameterCount;
            int slot = _head;
            Span<double> s = _s.AsSpan(slot * n, n);
            Span<double> y = _y.AsSpan(slot * n, n);
            ReadOnlySpan<float> next = _network.Parameters;
            for (int i = 0; i < n; i++)
            {
                s[i] = (double)next[i] - _x[i];
                y[i] = _trialGradient[i] - _gradient[i];
            }

            double sy = Dot(s, y);
            double yy = Dot(y, y);
            if (sy > MachineEpsilon * yy && sy > 0)
            {
                _rho[slot] = 1 / sy;
                _gamma = sy / yy;
                _head = (_head + 1) % _historySize;
                _stored = Math.Min(_stored + 1, _historySize);
            }
            else if (_stored == _historySize)
            {
                // The slot held the oldest pair, now overwritten: it is gone.
                _stored--;
            }
        }

        private void ClearHistory()
        {
            _stored = 0;
            _head = 0;
            _gamma = 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Axpy(double factor, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] += factor * x[i];
            }
        }

        private static double InfinityNorm(double[] values)
        {
            double norm = 0;
            for (int i = 0; i < values.Length; i++)
            {
                // NaN propagates: Math.Max returns NaN if either argument is.
                norm = Math.Max(norm, Math.Abs(values[i]));
            }

            return norm;
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        private enum SearchOutcome
        {
            /// <summary>A step satisfying both strong Wolfe conditions.</summary>
            StrongWolfe,

            /// <summary>Out of evaluations, the lowest step found that satisfies sufficient decrease.</summary>
            SufficientDecrease,

            /// <summary>No step lowering the loss enough; the network holds the last trial.</summary>
            Failed,
        }
    }
}
