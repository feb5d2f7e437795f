using NetGen;

namespace NetGenApp;

/// <summary>
/// The classifier: INPUT_COUNT features in, a hidden layer per width given to <c>dotnet new --hidden</c>,
/// a softmax over CLASS_COUNT classes out; cross-entropy loss, Adam. NetGen's source generator writes its
/// forward pass, backpropagation and optimizer step into this partial class at build time.
/// </summary>
/// <remarks>
/// The widths are compile-time constants. <c>Inputs</c> must be the number of feature columns of your
/// CSV (every column but the label) and the last layer's width the number of classes in the label
/// column; Program.cs checks both against the CSV and says what to change when they differ.
/// <c>InputScaling.Standardize</c>: the Trainer fits each feature's mean and standard deviation from the
/// training rows, the network scales raw rows itself in Predict and training, and the model file keeps
/// the statistics and the class names, so a loaded model takes raw rows.
/// </remarks>
[Network(Inputs = INPUT_COUNT, InputScaling = InputScaling.Standardize, Seed = 1)]HIDDEN_LAYERS
[Dense(CLASS_COUNT, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 16)]
public partial class Classifier { }
