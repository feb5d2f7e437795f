using System;

namespace NetGen;

/// <summary>
/// What every generated network offers: its shape, its flat parameter buffer and single-sample
/// prediction. The runtime never reflects over a network; it talks to it through this interface.
/// </summary>
/// <remarks>
/// Generated classes implement the size members explicitly; the class itself exposes them as
/// constants (<c>IrisNet.InputSize</c>), which the compiler folds.
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
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs the network on <paramref name="count"/> samples at once: inputs [count × InputSize] and
    /// outputs [count × OutputSize], row-major. Layers generated as SIMD run their batched
    /// (matrix–matrix) kernels over chunks of rows, which reads each weight once per chunk instead of
    /// once per sample. The first call allocates the instance's chunk buffers; later calls allocate nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count);
}
