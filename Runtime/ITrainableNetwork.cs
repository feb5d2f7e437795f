using System;

namespace NetGen;

/// <summary>
/// A generated network declared with <see cref="TrainingAttribute"/>: it computes the loss and its
/// gradient for a minibatch and applies one optimizer step. Trainers drive networks through it.
/// </summary>
/// <remarks>
/// Training members use buffers owned by the network and are not thread-safe; nothing they do
/// allocates. Batches are row-major: <c>inputs</c> holds <c>count × InputSize</c> floats and
/// <c>targets</c> <c>count × OutputSize</c>, with <c>1 ≤ count ≤ BatchSize</c>.
/// </remarks>
public interface ITrainableNetwork : INeuralNetwork
{
    /// <summary>The largest minibatch the training code is specialised for.</summary>
    int BatchSize { get; }

    /// <summary>The gradient of the last batch's loss with respect to <see cref="INeuralNetwork.Parameters"/>, in the same layout.</summary>
    Span<float> Gradients { get; }

    /// <summary>The optimizer's learning rate α; starts at the declared value, schedules change it.</summary>
    /// <remarks>Any finite value that is zero or positive; zero freezes SGD's parameters.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value set is NaN, infinite or negative; the rate is unchanged.</exception>
    float LearningRate { get; set; }

    /// <summary>The number of optimizer steps taken so far (t in Adam's bias correction).</summary>
    long Step { get; }

    /// <summary>The loss the network was declared with.</summary>
    Loss Loss { get; }

    /// <summary>The optimizer the network was declared with.</summary>
    Optimizer Optimizer { get; }

    /// <summary>
    /// The optimizer's state (momenta, running averages), each buffer <see cref="INeuralNetwork.ParameterCount"/>
    /// long, one after the other; empty for SGD. Saved with the parameters to resume training exactly.
    /// </summary>
    Span<float> OptimizerState { get; }

    /// <summary>Sets <see cref="Step"/>, when optimizer state saved after that many steps is restored.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    void RestoreStep(long step);

    /// <summary>Computes the batch loss and stores its gradient in <see cref="Gradients"/> (overwriting it).</summary>
    /// <returns>The batch loss as defined for the declared <see cref="Loss"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1..BatchSize.</exception>
    /// <exception cref="ArgumentException">A span's length is not <paramref name="count"/> times the sample width.</exception>
    float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count);

    /// <summary>Applies one optimizer step from <see cref="Gradients"/> and increments <see cref="Step"/>.</summary>
    void ApplyGradients();

    /// <summary>
    /// <see cref="ComputeLossAndGradients"/> then <see cref="ApplyGradients"/>. If the loss is NaN or
    /// infinite, throws <see cref="NonFiniteLossException"/> and leaves the parameters untouched.
    /// </summary>
    /// <returns>The batch loss before the step.</returns>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count);
}
