using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// A kernel body written once over <see cref="ISimd{TVector}"/>; <see cref="SimdDispatch.Run{TKernel}(ref TKernel)"/>
/// runs it at the widest vector width the CPU accelerates, or with <see cref="SimdScalar"/> where none is.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdKernel
{
    /// <summary>Runs the kernel with vectors of <typeparamref name="TSimd"/>.</summary>
    /// <typeparam name="TSimd">The vector operations.</typeparam>
    /// <typeparam name="TVector">The vector type (<see cref="float"/> for <see cref="SimdScalar"/>).</typeparam>
    void Run<TSimd, TVector>()
        where TSimd : ISimd<TVector>
        where TVector : struct;
}

/// <summary>
/// The one place that picks the vector width: every runtime kernel (dense, activation, optimizer,
/// vector math) runs through <see cref="Run{TKernel}(ref TKernel)"/>.
/// </summary>
/// <remarks>
/// The <c>IsHardwareAccelerated</c> checks are JIT-time constants, so after inlining only one call
/// remains; the kernel is a struct and the widths are struct type arguments, so the JIT compiles a
/// separate, fully specialised body for each width (no interface calls in the loops).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimdDispatch
{
    /// <summary>Runs <paramref name="kernel"/> at 512, 256 or 128 bits, or scalar.</summary>
    /// <typeparam name="TKernel">The kernel, usually a ref struct holding its spans.</typeparam>
    /// <param name="kernel">The kernel; it may keep results (such as how far it got) in its fields.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel>(ref TKernel kernel)
        where TKernel : ISimdKernel, allows ref struct
    {
        if (Vector512.IsHardwareAccelerated)
        {
            kernel.Run<Simd512, Vector512<float>>();
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            kernel.Run<Simd256, Vector256<float>>();
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            kernel.Run<Simd128, Vector128<float>>();
        }
        else
        {
            kernel.Run<SimdScalar, float>();
        }
    }

    /// <summary>Whether <typeparamref name="TSimd"/> is <see cref="SimdScalar"/> (a JIT-time constant).</summary>
    /// <typeparam name="TSimd">The vector operations.</typeparam>
    /// <returns>True for the scalar width, where kernels with a scalar path of their own take it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsScalar<TSimd>() => typeof(TSimd) == typeof(SimdScalar);
}

/// <summary>
/// One float as a "vector" of width 1: lets one generic body serve the vector loop and the tail
/// after it (and CPUs with no SIMD). <see cref="MultiplyAdd"/> is a multiply and an add, as in the
/// scalar C# the tails were written in before.
/// </summary>
public readonly struct SimdScalar : ISimd<float>
{
    // A property, not a static readonly field: kernels marked AggressiveOptimization are compiled
    // before a static constructor has run, so a readonly field would be loaded, not folded.
    private static float AllBits => BitConverter.Int32BitsToSingle(-1);

    /// <inheritdoc/>
    public static int Width => 1;

    /// <inheritdoc/>
    public static float Zero => 0f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => (a * b) + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float a, float b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float a, float b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float a, float b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float a) => MathF.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float value) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LessThan(float a, float b) => a < b ? AllBits : 0f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThanOrEqual(float a, float b) => a >= b ? AllBits : 0f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Select(float mask, float a, float b) =>
        BitConverter.SingleToInt32Bits(mask) != 0 ? a : b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float a) => MathF.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float a) => MathF.Exp(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float a) => MathF.Log(a);
}
