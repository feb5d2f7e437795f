using System;

namespace NetGen;

/// <summary>
/// What every generated network offers: its shape, its flat parameter buffer and single-sample
/// prediction. The runtime never reflects over a network; it talks to it through this interface.
/// </summary>
/// <remarks>
/// <para>
/// Generated classes implement the size members explicitly; the class itself exposes them as
/// constants (<c>IrisNet.InputSize</c>), which the compiler folds.
/// </para>
/// <para>
/// Thread safety: <see cref="Predict"/> and <see cref="PredictBatch"/> may be called at the same time
/// from any number of threads, on one instance or several, for every network (every size and code
/// strategy, imported from ONNX, with embedded weights, or <c>Threads = N</c>): their intermediate
/// values live on the stack or in scratch buffers of the calling thread, never in the instance, so
/// each call returns exactly what it returns on one thread. They only read <see cref="Parameters"/>:
/// they must not run while the parameters change (a training step, <c>ApplyGradients</c>, a
/// <c>Trainer</c>, a model load, writes to <see cref="Parameters"/>), which gives no error but mixes
/// old and new parameters. Training members themselves are for one thread at a time.
/// </para>
/// </remarks>
public interface INeuralNetwork
{
    /// <summary>The width of one input sample.</summary>
    int InputSize { get; }

    /// <summary>The width of one output sample.</summary>
    int OutputSize { get; }

    /// <summary>The number of learnable parameters: every weight and bias (and PReLU slope).</summary>
    int ParameterCount { get; }

    /// <summary>The architecture in words, e.g. "4 > Dense(16, Tanh) > Dense(3, Softmax)": what the parameters mean.</summary>
    string Architecture { get; }

    /// <summary>A 64-bit FNV-1a hash of <see cref="Architecture"/>; model files record it and refuse another.</summary>
    ulong ArchitectureFingerprint { get; }

    /// <summary>Every parameter, layer by layer, W (row-major [in × out]) then b, in one flat buffer.</summary>
    Span<float> Parameters { get; }

    /// <summary>Runs the network on one sample.</summary>
    /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
    /// <param name="output">Receives exactly <see cref="OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <remarks>
    /// Thread-safe (see the interface's remarks). Allocates nothing: intermediate values live on the
    /// stack, or, where they pass 16 K floats (twice the sum of the layers' units), in a buffer of the
    /// calling thread that its first call allocates.
    /// </remarks>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs the network on <paramref name="count"/> samples at once: inputs [count × InputSize] and
    /// outputs [count × OutputSize], row-major. Layers generated as SIMD run their batched
    /// (matrix–matrix) kernels over chunks of rows, which reads each weight once per chunk instead of
    /// once per sample.
    /// </summary>
    /// <remarks>
    /// Thread-safe (see the interface's remarks). The chunk buffers belong to the calling thread: its
    /// first call allocates them (every layer's values for 64 rows; where that passes 1 MiB, fewer rows,
    /// down to 4) and keeps them for the thread's lifetime; later calls allocate nothing.
    /// </remarks>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count);
}
