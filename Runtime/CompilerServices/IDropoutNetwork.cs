using System;
using System.ComponentModel;

namespace NetGen.CompilerServices;

/// <summary>
/// Implemented by generated networks with a <see cref="DenseAttribute.Dropout"/> layer: the switch that
/// <see cref="Training.Trainer"/> turns off while it evaluates, so a validation loss is computed
/// without dropout, as Keras and PyTorch evaluate. Networks without dropout do not implement it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDropoutNetwork
{
    /// <summary>
    /// Whether <see cref="ITrainableNetwork.ComputeLossAndGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> and <see cref="ITrainableNetwork.TrainBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> (and their weighted overloads)
    /// drop units; true from the start. <see cref="INeuralNetwork.Predict"/> and PredictBatch never do.
    /// </summary>
    bool DropoutEnabled { get; set; }
}
