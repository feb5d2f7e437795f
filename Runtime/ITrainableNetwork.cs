using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using NetGen.CompilerServices;

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
    /// <remarks>Any finite value greater than zero (a schedule whose rate reaches 0 writes a tiny positive floor: <see cref="Training.LearningRateSchedule.Apply"/>).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value set is NaN, infinite, zero or negative; the rate is unchanged.</exception>
    float LearningRate { get; set; }

    /// <summary>The number of optimizer steps taken so far (t in Adam's bias correction).</summary>
    long Step { get; }

    /// <summary>
    /// The loss the network was declared with; for a custom loss (<c>[Training(typeof(MyLosses), nameof(MyLosses.Pinball))]</c>)
    /// a value that is no member of <see cref="NetGen.Loss"/>, <c>(Loss)(-1)</c> (the method is named in the class's remarks),
    /// which trainers and model selection treat as a regression loss (no accuracy).
    /// </summary>
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
    /// <see cref="ComputeLossAndGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> then <see cref="ApplyGradients"/>. If the loss is NaN or
    /// infinite, throws <see cref="NonFiniteLossException"/> and leaves the parameters untouched.
    /// </summary>
    /// <returns>The batch loss before the step.</returns>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count);

    /// <summary>
    /// Computes the weighted batch loss, the weighted mean Σ wₛ·Lₛ / Σ wₛ of the samples' losses Lₛ
    /// (each Lₛ reduced over the outputs as the declared <see cref="Loss"/> defines it), and stores
    /// its gradient in <see cref="Gradients"/> (overwriting it). Weights of 1 give the unweighted
    /// <see cref="ComputeLossAndGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>; a weight
    /// of 2 counts a row as if it were in the batch twice; only the ratios of the weights matter.
    /// </summary>
    /// <param name="inputs">count × InputSize values, row-major.</param>
    /// <param name="targets">count × OutputSize values, row-major.</param>
    /// <param name="sampleWeights">Exactly count weights, one per row: finite, zero or positive, with a positive sum.</param>
    /// <param name="count">The number of samples, 1 to <see cref="BatchSize"/>.</param>
    /// <returns>The weighted batch loss.</returns>
    /// <remarks>Generated networks implement it; the default implementation, for networks written by hand, throws <see cref="NotSupportedException"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1..BatchSize, or a weight is negative, NaN or infinite (the message names its row).</exception>
    /// <exception cref="ArgumentException">A span's length is wrong, or the weights sum to zero.</exception>
    /// <exception cref="NotSupportedException">The network does not implement sample weights (not a generated network).</exception>
    float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> sampleWeights, int count) =>
        throw new NotSupportedException(NoSampleWeights(GetType()));

    /// <summary>
    /// The weighted <see cref="ComputeLossAndGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
    /// then <see cref="ApplyGradients"/>. If the loss is NaN or infinite, throws
    /// <see cref="NonFiniteLossException"/> and leaves the parameters untouched.
    /// </summary>
    /// <param name="inputs">count × InputSize values, row-major.</param>
    /// <param name="targets">count × OutputSize values, row-major.</param>
    /// <param name="sampleWeights">Exactly count weights, one per row: finite, zero or positive, with a positive sum.</param>
    /// <param name="count">The number of samples, 1 to <see cref="BatchSize"/>.</param>
    /// <returns>The weighted batch loss before the step.</returns>
    /// <remarks>Generated networks implement it; the default implementation, for networks written by hand, throws <see cref="NotSupportedException"/>.</remarks>
    /// <exception cref="NotSupportedException">The network does not implement sample weights (not a generated network).</exception>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> sampleWeights, int count) =>
        throw new NotSupportedException(NoSampleWeights(GetType()));

    private static string NoSampleWeights(Type type) =>
        $"{type.Name} does not implement the weighted ComputeLossAndGradients/TrainBatch overloads (sample or class weights): "
        + "networks generated by NetGen implement them; a network written by hand must implement both to train with weights.";

    /// <summary>
    /// The names of the hyperparameters that can be changed at run time, as
    /// <see cref="GetHyperparameter"/> and <see cref="SetHyperparameter"/> take them. A generated
    /// network lists "LearningRate", then those its optimizer reads ("Momentum", "Rho", "Beta1",
    /// "Beta2", "Epsilon", "WeightDecay", in that order), then "ClipNorm" and "ClipValue"; each is also
    /// a property of the generated class. Other implementations list at least "LearningRate".
    /// </summary>
    /// <remarks>For model selection over any network: set a value by name, train, compare (docs/training.md, "Hyperparameters at run time").</remarks>
    IReadOnlyList<string> HyperparameterNames => LearningRateOnly;

    /// <summary>The current value of the run-time hyperparameter <paramref name="name"/> (NaN for a clipping threshold that is off).</summary>
    /// <param name="name">One of <see cref="HyperparameterNames"/> (case-sensitive).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="HyperparameterNames"/>.</exception>
    float GetHyperparameter(string name) =>
        name == nameof(LearningRate) ? LearningRate : throw ThrowHelper.UnknownHyperparameter(name, HyperparameterNames);

    /// <summary>
    /// Sets the run-time hyperparameter <paramref name="name"/>, checked as its property checks it;
    /// the next <see cref="ApplyGradients"/> uses it.
    /// </summary>
    /// <param name="name">One of <see cref="HyperparameterNames"/> (case-sensitive).</param>
    /// <param name="value">The new value.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="HyperparameterNames"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside the hyperparameter's range; nothing changes.</exception>
    void SetHyperparameter(string name, float value)
    {
        if (name != nameof(LearningRate))
        {
            throw ThrowHelper.UnknownHyperparameter(name, HyperparameterNames);
        }

        LearningRate = value;
    }

    private static readonly IReadOnlyList<string> LearningRateOnly = new ReadOnlyCollection<string>(new[] { nameof(LearningRate) });
}
