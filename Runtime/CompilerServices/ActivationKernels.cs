using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// Vectorised element-wise activations and activation derivatives over a whole batch, for the SIMD
/// strategy. Each computes exactly the scalar expression of the activation table (same operations,
/// same order, same NaN behaviour), without the data-dependent branches that a scalar
/// <c>z &lt; 0 ? … : …</c> compiles to: on a ReLU layer those mispredict about half the time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationKernels
{
    /// <summary>a = relu(z) = z &lt; 0 ? 0 : z.</summary>
    public static void ReLU(ReadOnlySpan<float> z, Span<float> a) => Map<ReLUOp>(z, a, 0f);

    /// <summary>a = z &lt; 0 ? α·z : z.</summary>
    public static void LeakyReLU(ReadOnlySpan<float> z, Span<float> a, float alpha) => Map<LeakyReLUOp>(z, a, alpha);

    /// <summary>a = z &lt; 0 ? 0 : 1.</summary>
    public static void BinaryStep(ReadOnlySpan<float> z, Span<float> a) => Map<StepOp>(z, a, 0f);

    /// <summary>
    /// a = tanh(z), vectorised: an odd polynomial (Taylor to z¹⁷) for |z| &lt; 0.55, else
    /// (1 − e^(−2|z|)) / (1 + e^(−2|z|)) with the sign of z; within 4 ulp of <see cref="MathF.Tanh"/>
    /// (measured over every float in [−10, 10] by the tests). Lanes past the last whole vector use MathF.Tanh.
    /// </summary>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a) => Map<TanhOp>(z, a, 0f);

    /// <summary>a = e^z, vectorised (the runtime's vector exponential); lanes past the last whole vector use <see cref="MathF.Exp"/>.</summary>
    public static void Exp(ReadOnlySpan<float> z, Span<float> a) => Map<ExpOp>(z, a, 0f);

    /// <summary>
    /// a = softmax(z) for each of <paramref name="rows"/> rows of <paramref name="units"/> values:
    /// e^(z − max z) / Σ e^(z − max z), the exponentials of all rows taken together by <see cref="Exp"/>
    /// (a row of 3 or 10 outputs is too short for a vector of its own).
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> a, int rows, int units) => SoftmaxRows(z, a, rows, units, log: false);

    /// <summary>a = log softmax(z) = z − (max z + ln Σ e^(z − max z)) for each row, as <see cref="Softmax"/>.</summary>
    public static void LogSoftmax(ReadOnlySpan<float> z, Span<float> a, int rows, int units) => SoftmaxRows(z, a, rows, units, log: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftmaxRows(ReadOnlySpan<float> z, Span<float> a, int rows, int units, bool log)
    {
        int length = rows * units;
        ShiftByRowMax(z, a, rows, units);
        Map<ExpOp>(a.Slice(0, length), a, 0f);
        for (int r = 0; r < length; r += units)
        {
            Span<float> row = a.Slice(r, units);
            float sum = 0f;
            for (int k = 0; k < row.Length; k++) sum += row[k];
            if (log)
            {
                // The same operations as the scalar form: a = z − (max + ln sum).
                ReadOnlySpan<float> zr = z.Slice(r, units);
                float max = zr[0];
                for (int k = 1; k < zr.Length; k++) max = MathF.Max(max, zr[k]);
                float shift = max + MathF.Log(sum);
                for (int k = 0; k < row.Length; k++) row[k] = zr[k] - shift;
            }
            else
            {
                float inverse = 1f / sum;
                for (int k = 0; k < row.Length; k++) row[k] *= inverse;
            }
        }
    }

    /// <summary>a = z − max z, row by row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShiftByRowMax(ReadOnlySpan<float> z, Span<float> a, int rows, int units)
    {
        if (units <= 0 || rows < 0 || z.Length < rows * units || a.Length < rows * units)
        {
            throw new ArgumentException("The spans are shorter than rows × units.");
        }

        for (int r = 0; r < rows * units; r += units)
        {
            ReadOnlySpan<float> zr = z.Slice(r, units);
            Span<float> ar = a.Slice(r, units);
            float max = zr[0];
            for (int k = 1; k < zr.Length; k++) max = MathF.Max(max, zr[k]);
            for (int k = 0; k < zr.Length; k++) ar[k] = zr[k] - max;
        }
    }

    /// <summary>d ⊙= relu′(z) = z ≥ 0 ? 1 : 0.</summary>
    public static void MultiplyReLUDerivative(Span<float> d, ReadOnlySpan<float> z) => Scale<ReLUDerivativeOp>(d, z, 0f);

    /// <summary>d ⊙= (z ≥ 0 ? 1 : α).</summary>
    public static void MultiplyLeakyReLUDerivative(Span<float> d, ReadOnlySpan<float> z, float alpha) => Scale<LeakyReLUDerivativeOp>(d, z, alpha);

    /// <summary>d ⊙= a·(1 − a), the sigmoid's derivative from its output.</summary>
    public static void MultiplySigmoidDerivative(Span<float> d, ReadOnlySpan<float> a) => Scale<SigmoidDerivativeOp>(d, a, 0f);

    /// <summary>d ⊙= 1 − a², tanh's derivative from its output.</summary>
    public static void MultiplyTanhDerivative(Span<float> d, ReadOnlySpan<float> a) => Scale<TanhDerivativeOp>(d, a, 0f);

    /// <summary>
    /// d ⊙= f′ where f′ was stored by <see cref="MapWithDerivative{TOp}"/> (or a scalar loop) in the
    /// training forward: a custom activation's backward is this one multiply.
    /// </summary>
    public static void MultiplyDerivative(Span<float> d, ReadOnlySpan<float> derivative) => Scale<StoredDerivativeOp>(d, derivative, 0f);

    // Taylor coefficients of tanh: x − x³/3 + 2x⁵/15 − 17x⁷/315 + …; the first omitted term
    // (x¹⁹) is below 3e-9 at |x| = 0.55.
    private const float C3 = -1f / 3f, C5 = 2f / 15f, C7 = -17f / 315f, C9 = 62f / 2835f, C11 = -1382f / 155925f;
    private const float C13 = 21844f / 6081075f, C15 = -929569f / 638512875f, C17 = 6404582f / 10854718875f;
    private const float Split = 0.55f;

    /// <summary>
    /// tanh of every lane, the arithmetic of <see cref="Tanh(ReadOnlySpan{float}, Span{float})"/>
    /// (within 4 ulp of <see cref="MathF.Tanh"/>): for the vector forms of generated code, such as a
    /// custom activation's graph (docs/custom-functions.md).
    /// </summary>
    /// <typeparam name="TSimd">The vector operations.</typeparam>
    /// <typeparam name="TVector">The vector type.</typeparam>
    /// <param name="x">The lanes.</param>
    /// <returns>tanh of each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TSimd, TVector>(TVector x)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector ax = TSimd.Abs(x);
        TVector x2 = TSimd.Multiply(x, x);
        TVector p = TSimd.MultiplyAdd(TSimd.Broadcast(C17), x2, TSimd.Broadcast(C15));
        p = TSimd.MultiplyAdd(p, x2, TSimd.Broadcast(C13));
        p = TSimd.MultiplyAdd(p, x2, TSimd.Broadcast(C11));
        p = TSimd.MultiplyAdd(p, x2, TSimd.Broadcast(C9));
        p = TSimd.MultiplyAdd(p, x2, TSimd.Broadcast(C7));
        p = TSimd.MultiplyAdd(p, x2, TSimd.Broadcast(C5));
        p = TSimd.MultiplyAdd(p, x2, TSimd.Broadcast(C3));
        TVector small = TSimd.MultiplyAdd(TSimd.Multiply(p, x2), x, x);
        TVector t = TSimd.Exp(TSimd.Multiply(TSimd.Broadcast(-2f), ax));
        TVector one = TSimd.Broadcast(1f);
        TVector large = TSimd.Divide(TSimd.Subtract(one, t), TSimd.Add(one, t));
        large = TSimd.Select(TSimd.LessThan(x, TSimd.Zero), TSimd.Subtract(TSimd.Zero, large), large);
        return TSimd.Select(TSimd.LessThan(ax, TSimd.Broadcast(Split)), small, large);
    }

    // ---- drivers: one vector-width dispatch for every operation ----

    /// <summary>
    /// y = f(x) element-wise for an operation of generated code (an activation's vector body from the
    /// generator's catalog), at the widest accelerated vector width; lanes past the last whole vector
    /// use its scalar form.
    /// </summary>
    /// <typeparam name="TOp">The operation: its scalar and vector forms.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="y">The output, at least as long as <paramref name="x"/>.</param>
    /// <param name="alpha">The activation's α, passed to the operation.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Map<TOp>(ReadOnlySpan<float> x, Span<float> y, float alpha)
        where TOp : IElementOp
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("The output span is shorter than the input.", nameof(y));
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        var kernel = new MapKernel<TOp>(ref xr, ref yr, x.Length, alpha);
        SimdDispatch.Run(ref kernel);
        int i = kernel.Done;

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref yr, i) = TOp.Apply(Unsafe.Add(ref xr, i), alpha);
        }
    }

    /// <summary>
    /// The training forward of an activation that keeps its derivative: a = f(z) and, in place of z,
    /// z = f′(z), element-wise in one evaluation of the operation (a custom activation's graph and its
    /// reverse-mode derivative, from generated code), at the widest accelerated vector width; lanes
    /// past the last whole vector use its scalar form. The backward then multiplies by the stored f′.
    /// </summary>
    /// <typeparam name="TOp">The operation: its scalar and vector forms, each returning f and writing f′.</typeparam>
    /// <param name="z">The pre-activations on entry, their f′ on return.</param>
    /// <param name="a">The output, at least as long as <paramref name="z"/>.</param>
    /// <param name="alpha">The activation's α, passed to the operation.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MapWithDerivative<TOp>(Span<float> z, Span<float> a, float alpha)
        where TOp : IElementDerivativeOp
    {
        if (a.Length < z.Length)
        {
            throw new ArgumentException("The output span is shorter than the input.", nameof(a));
        }

        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float ar = ref MemoryMarshal.GetReference(a);
        var kernel = new MapWithDerivativeKernel<TOp>(ref zr, ref ar, z.Length, alpha);
        SimdDispatch.Run(ref kernel);
        int i = kernel.Done;

        for (; i < z.Length; i++)
        {
            ref float zi = ref Unsafe.Add(ref zr, i);
            Unsafe.Add(ref ar, i) = TOp.Apply(zi, alpha, out zi);
        }
    }

    /// <summary>The vector part of MapWithDerivative for the one width dispatch; the caller does the tail.</summary>
    private ref struct MapWithDerivativeKernel<TOp> : ISimdKernel
        where TOp : IElementDerivativeOp
    {
        private readonly ref float _z, _a;
        private readonly int _length;
        private readonly float _alpha;

        public MapWithDerivativeKernel(ref float z, ref float a, int length, float alpha)
        {
            _z = ref z;
            _a = ref a;
            _length = length;
            _alpha = alpha;
        }

        public int Done { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Done = SimdDispatch.IsScalar<TSimd>() ? 0 : MapWithDerivative<TOp, TSimd, TVector>(ref _z, ref _a, _length, _alpha);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MapWithDerivative<TOp, TSimd, TVector>(ref float z, ref float a, int length, float alpha)
        where TOp : IElementDerivativeOp
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector alphas = TSimd.Broadcast(alpha);
        int i = 0;
        for (; i + TSimd.Width <= length; i += TSimd.Width)
        {
            TSimd.Store(TOp.Apply<TSimd, TVector>(TSimd.Load(ref z, i), alphas, out TVector derivative), ref a, i);
            TSimd.Store(derivative, ref z, i);
        }

        return i;
    }

    /// <summary>The vector part of Map for the one width dispatch; the caller does the tail.</summary>
    private ref struct MapKernel<TOp> : ISimdKernel
        where TOp : IElementOp
    {
        private readonly ref float _x, _y;
        private readonly int _length;
        private readonly float _alpha;

        public MapKernel(ref float x, ref float y, int length, float alpha)
        {
            _x = ref x;
            _y = ref y;
            _length = length;
            _alpha = alpha;
        }

        public int Done { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Done = SimdDispatch.IsScalar<TSimd>() ? 0 : Map<TOp, TSimd, TVector>(ref _x, ref _y, _length, _alpha);
    }

    /// <summary>The vector part of Scale for the one width dispatch; the caller does the tail.</summary>
    private ref struct ScaleKernel<TOp> : ISimdKernel
        where TOp : IElementOp
    {
        private readonly ref float _d, _v;
        private readonly int _length;
        private readonly float _alpha;

        public ScaleKernel(ref float d, ref float v, int length, float alpha)
        {
            _d = ref d;
            _v = ref v;
            _length = length;
            _alpha = alpha;
        }

        public int Done { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Done = SimdDispatch.IsScalar<TSimd>() ? 0 : Scale<TOp, TSimd, TVector>(ref _d, ref _v, _length, _alpha);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Map<TOp, TSimd, TVector>(ref float x, ref float y, int length, float alpha)
        where TOp : IElementOp
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector a = TSimd.Broadcast(alpha);
        int i = 0;
        for (; i + TSimd.Width <= length; i += TSimd.Width)
        {
            TSimd.Store(TOp.Apply<TSimd, TVector>(TSimd.Load(ref x, i), a), ref y, i);
        }

        return i;
    }

    /// <summary>
    /// d ⊙= f(v) element-wise for an operation of generated code (an activation derivative's vector
    /// body from the generator's catalog), at the widest accelerated vector width.
    /// </summary>
    /// <typeparam name="TOp">The operation: its scalar and vector forms.</typeparam>
    /// <param name="d">The gradient, scaled in place.</param>
    /// <param name="v">What the derivative is computed from (z or a), at least as long as <paramref name="d"/>.</param>
    /// <param name="alpha">The activation's α, passed to the operation.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale<TOp>(Span<float> d, ReadOnlySpan<float> v, float alpha)
        where TOp : IElementOp
    {
        if (v.Length < d.Length)
        {
            throw new ArgumentException("The activation span is shorter than the gradient.", nameof(v));
        }

        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float vr = ref MemoryMarshal.GetReference(v);
        var kernel = new ScaleKernel<TOp>(ref dr, ref vr, d.Length, alpha);
        SimdDispatch.Run(ref kernel);
        int i = kernel.Done;

        for (; i < d.Length; i++)
        {
            Unsafe.Add(ref dr, i) *= TOp.Apply(Unsafe.Add(ref vr, i), alpha);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scale<TOp, TSimd, TVector>(ref float d, ref float v, int length, float alpha)
        where TOp : IElementOp
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector a = TSimd.Broadcast(alpha);
        int i = 0;
        for (; i + TSimd.Width <= length; i += TSimd.Width)
        {
            TSimd.Store(TSimd.Multiply(TSimd.Load(ref d, i), TOp.Apply<TSimd, TVector>(TSimd.Load(ref v, i), a)), ref d, i);
        }

        return i;
    }

    // ---- the operations, each as a scalar and a vector expression of the same arithmetic ----

    /// <summary>
    /// An element-wise operation as a scalar and a vector expression of the same arithmetic: the
    /// kernels' own, and those that generated code defines for its activations (see <see cref="Map{TOp}"/>).
    /// </summary>
    public interface IElementOp
    {
        /// <summary>The operation on one float.</summary>
        static abstract float Apply(float x, float alpha);

        /// <summary>The operation on every lane of <paramref name="x"/>.</summary>
        static abstract TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct;
    }

    /// <summary>
    /// An element-wise activation that returns f and writes f′ in one evaluation, as a scalar and a
    /// vector expression of the same arithmetic (see <see cref="MapWithDerivative{TOp}"/>).
    /// </summary>
    public interface IElementDerivativeOp
    {
        /// <summary>f and f′ of one float.</summary>
        static abstract float Apply(float x, float alpha, out float derivative);

        /// <summary>f and f′ of every lane of <paramref name="x"/>.</summary>
        static abstract TVector Apply<TSimd, TVector>(TVector x, TVector alpha, out TVector derivative)
            where TSimd : ISimd<TVector>
            where TVector : struct;
    }

    /// <summary>The stored derivative itself: Scale with it is d ⊙= f′.</summary>
    private readonly struct StoredDerivativeOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct => x;
    }

    private readonly struct ReLUOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x < 0f ? 0f : x;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Select(TSimd.LessThan(x, TSimd.Zero), TSimd.Zero, x);
    }

    private readonly struct LeakyReLUOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x < 0f ? alpha * x : x;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Select(TSimd.LessThan(x, TSimd.Zero), TSimd.Multiply(alpha, x), x);
    }

    private readonly struct StepOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x < 0f ? 0f : 1f;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Select(TSimd.LessThan(x, TSimd.Zero), TSimd.Zero, TSimd.Broadcast(1f));
    }

    private readonly struct TanhOp : IElementOp
    {

        public static float Apply(float x, float alpha) => MathF.Tanh(x);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct => Tanh<TSimd, TVector>(x);
    }

    private readonly struct ExpOp : IElementOp
    {
        public static float Apply(float x, float alpha) => MathF.Exp(x);

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct => TSimd.Exp(x);
    }

    private readonly struct ReLUDerivativeOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x >= 0f ? 1f : 0f;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Select(TSimd.GreaterThanOrEqual(x, TSimd.Zero), TSimd.Broadcast(1f), TSimd.Zero);
    }

    private readonly struct LeakyReLUDerivativeOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x >= 0f ? 1f : alpha;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Select(TSimd.GreaterThanOrEqual(x, TSimd.Zero), TSimd.Broadcast(1f), alpha);
    }

    private readonly struct SigmoidDerivativeOp : IElementOp
    {
        public static float Apply(float x, float alpha) => x * (1f - x);

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Multiply(x, TSimd.Subtract(TSimd.Broadcast(1f), x));
    }

    private readonly struct TanhDerivativeOp : IElementOp
    {
        public static float Apply(float x, float alpha) => 1f - x * x;

        public static TVector Apply<TSimd, TVector>(TVector x, TVector alpha)
            where TSimd : ISimd<TVector>
            where TVector : struct
            => TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Multiply(x, x));
    }
}
