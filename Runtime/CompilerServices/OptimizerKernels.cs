using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// One optimizer's update of one parameter (or one vector of parameters), written once over
/// <see cref="ISimd{TVector}"/>. The generator emits one such struct per network from the optimizer's
/// catalog entry (Generator/Catalog/Optimizers), with the hyperparameters of this step as its fields;
/// <see cref="OptimizerKernels.Apply{TRule}"/> asks it to <see cref="Prepare"/> its vectors for each
/// width (the whole vectors, then the tail with <see cref="SimdScalar"/>) and runs the prepared update.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IOptimizerRule
{
    /// <summary>The number of state buffers (0, 1 or 2), each as long as the parameters.</summary>
    static abstract int StateBuffers { get; }

    /// <summary>
    /// Broadcasts this step's hyperparameters to <typeparamref name="TVector"/> once, and runs
    /// <paramref name="loop"/> with the update that reads them (so no broadcast is left in the loop).
    /// </summary>
    /// <typeparam name="TSimd">The vector operations (<see cref="SimdScalar"/> for the tail).</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <typeparam name="TLoop">The driver's loop over the parameters.</typeparam>
    /// <param name="loop">The loop; it keeps how far it got.</param>
    void Prepare<TSimd, TVector, TLoop>(ref TLoop loop)
        where TSimd : ISimd<TVector>
        where TVector : struct
        where TLoop : IOptimizerLoop, allows ref struct;
}

/// <summary>
/// An optimizer's update at one vector width, with its hyperparameters already broadcast: what
/// <see cref="IOptimizerRule.Prepare"/> hands to the driver's loop.
/// </summary>
/// <typeparam name="TVector">The vector type (<see cref="float"/> for the tail).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPreparedOptimizerRule<TVector>
    where TVector : struct
{
    /// <summary>The update of θ from its gradient g (before any weight decay) and its state values.</summary>
    /// <param name="theta">θ.</param>
    /// <param name="gradient">g.</param>
    /// <param name="first">The first state buffer's values (zero and ignored when there is none); updated in place.</param>
    /// <param name="second">The second state buffer's values; updated in place.</param>
    /// <returns>The new θ.</returns>
    TVector Update(TVector theta, TVector gradient, ref TVector first, ref TVector second);
}

/// <summary>The driver's loop over the parameters, run by <see cref="IOptimizerRule.Prepare"/> with a prepared update.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IOptimizerLoop
{
    /// <summary>Applies <paramref name="rule"/> to the parameters, as many whole vectors of <typeparamref name="TSimd"/> as are left.</summary>
    /// <typeparam name="TSimd">The vector operations.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <typeparam name="TPrepared">The prepared update.</typeparam>
    /// <param name="rule">The prepared update.</param>
    void Run<TSimd, TVector, TPrepared>(in TPrepared rule)
        where TSimd : ISimd<TVector>
        where TVector : struct
        where TPrepared : struct, IPreparedOptimizerRule<TVector>;
}

/// <summary>
/// The optimizer driver: applies an <see cref="IOptimizerRule"/> to every parameter, at the vector
/// width <see cref="SimdDispatch"/> picks, then to the tail with <see cref="SimdScalar"/>. There is
/// no per-optimizer code here: the rules are emitted by the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerKernels
{
    /// <summary>Applies one update of <paramref name="rule"/> to every parameter.</summary>
    /// <typeparam name="TRule">The update rule.</typeparam>
    /// <param name="parameters">θ.</param>
    /// <param name="gradients">g, as long as θ.</param>
    /// <param name="state">The rule's buffers, each as long as θ, one after the other.</param>
    /// <param name="rule">The rule, with this step's hyperparameters.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TRule>(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, in TRule rule)
        where TRule : struct, IOptimizerRule
    {
        int n = parameters.Length;
        int buffers = TRule.StateBuffers;
        if (gradients.Length < n || state.Length < buffers * n)
        {
            throw new ArgumentException($"Expected {n} gradients and {buffers} × {n} state values, got {gradients.Length} and {state.Length}.");
        }

        ref float s1 = ref MemoryMarshal.GetReference(state);
        var kernel = new RuleKernel<TRule>(
            in rule,
            ref MemoryMarshal.GetReference(parameters),
            ref MemoryMarshal.GetReference(gradients),
            ref s1,
            ref buffers == 2 ? ref Unsafe.Add(ref s1, n) : ref s1,
            n);
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>Whole vectors of <c>TSimd</c>, then the rest one float at a time, each with the rule prepared for that width.</summary>
    private readonly ref struct RuleKernel<TRule> : ISimdKernel
        where TRule : struct, IOptimizerRule
    {
        private readonly ref readonly TRule _rule;
        private readonly ref float _p, _g, _s1, _s2;
        private readonly int _n;

        public RuleKernel(in TRule rule, ref float p, ref float g, ref float s1, ref float s2, int n)
        {
            _rule = ref rule;
            _p = ref p;
            _g = ref g;
            _s1 = ref s1;
            _s2 = ref s2;
            _n = n;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            var loop = new RuleLoop<TRule>(ref _p, ref _g, ref _s1, ref _s2, _n);
            _rule.Prepare<TSimd, TVector, RuleLoop<TRule>>(ref loop);
            _rule.Prepare<SimdScalar, float, RuleLoop<TRule>>(ref loop);
        }
    }

    /// <summary>The loop: loads θ, g and the state a vector at a time, runs the prepared update, stores them back.</summary>
    private ref struct RuleLoop<TRule> : IOptimizerLoop
        where TRule : struct, IOptimizerRule
    {
        private readonly ref float _p, _g, _s1, _s2;
        private readonly int _n;
        private int _done;

        public RuleLoop(ref float p, ref float g, ref float s1, ref float s2, int n)
        {
            _p = ref p;
            _g = ref g;
            _s1 = ref s1;
            _s2 = ref s2;
            _n = n;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector, TPrepared>(in TPrepared prepared)
            where TSimd : ISimd<TVector>
            where TVector : struct
            where TPrepared : struct, IPreparedOptimizerRule<TVector>
        {
            int buffers = TRule.StateBuffers;
            // Local copies: read through refs, the broadcast hyperparameters (and the buffers' addresses)
            // would be reloaded for every vector (the stores to θ and the state might alias them, as far
            // as the JIT knows); locals stay in registers.
            TPrepared rule = prepared;
            ref float p = ref _p, g = ref _g, s1 = ref _s1, s2 = ref _s2;
            int n = _n, i = _done;
            for (; i + TSimd.Width <= n; i += TSimd.Width)
            {
                TVector first = buffers >= 1 ? TSimd.Load(ref s1, i) : TSimd.Zero;
                TVector second = buffers >= 2 ? TSimd.Load(ref s2, i) : TSimd.Zero;
                TVector theta = rule.Update(TSimd.Load(ref p, i), TSimd.Load(ref g, i), ref first, ref second);
                if (buffers >= 1)
                {
                    TSimd.Store(first, ref s1, i);
                }

                if (buffers >= 2)
                {
                    TSimd.Store(second, ref s2, i);
                }

                TSimd.Store(theta, ref p, i);
            }

            _done = i;
        }
    }
}
