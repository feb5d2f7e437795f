using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// One optimizer's update of one parameter (or one vector of parameters), written once over
/// <see cref="ISimd{TVector}"/>. The generator emits one such struct per network from the optimizer's
/// catalog entry (Generator/Catalog/Optimizers), with the hyperparameters of this step as its fields;
/// <see cref="OptimizerKernels.Apply{TRule}"/> runs it over whole vectors and then the tail.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IOptimizerRule
{
    /// <summary>The number of state buffers (0, 1 or 2), each as long as the parameters.</summary>
    static abstract int StateBuffers { get; }

    /// <summary>The update of θ from its gradient g (before any weight decay) and its state values.</summary>
    /// <typeparam name="TSimd">The vector operations (<see cref="SimdScalar"/> for the tail).</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="theta">θ.</param>
    /// <param name="gradient">g.</param>
    /// <param name="first">The first state buffer's values (zero and ignored when there is none); updated in place.</param>
    /// <param name="second">The second state buffer's values; updated in place.</param>
    /// <returns>The new θ.</returns>
    TVector Update<TSimd, TVector>(TVector theta, TVector gradient, ref TVector first, ref TVector second)
        where TSimd : ISimd<TVector>
        where TVector : struct;
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

    /// <summary>The rule over whole vectors of <c>TSimd</c>, then the rest one float at a time: one body for both.</summary>
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
            where TVector : struct =>
            Update<SimdScalar, float>(Update<TSimd, TVector>(0));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Update<TSimd, TVector>(int i)
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            int buffers = TRule.StateBuffers;
            // A local copy: read through the ref, the hyperparameters would be reloaded and re-broadcast
            // for every vector (the stores to θ and the state might alias the rule, as far as the JIT
            // knows); a local's fields stay in registers and their broadcasts leave the loop.
            TRule rule = _rule;
            for (; i + TSimd.Width <= _n; i += TSimd.Width)
            {
                TVector first = buffers >= 1 ? TSimd.Load(ref _s1, i) : TSimd.Zero;
                TVector second = buffers >= 2 ? TSimd.Load(ref _s2, i) : TSimd.Zero;
                TVector theta = rule.Update<TSimd, TVector>(TSimd.Load(ref _p, i), TSimd.Load(ref _g, i), ref first, ref second);
                if (buffers >= 1)
                {
                    TSimd.Store(first, ref _s1, i);
                }

                if (buffers >= 2)
                {
                    TSimd.Store(second, ref _s2, i);
                }

                TSimd.Store(theta, ref _p, i);
            }

            return i;
        }
    }
}
