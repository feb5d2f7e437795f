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
}
