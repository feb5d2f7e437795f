using NetGen;

namespace NetGenApp;

/// <summary>
/// The predictor's network, with the trained parameters of model.ngmf compiled into the program
/// (the project's <c>NetGenModel</c> item): INPUT_COUNT features in, a hidden layer per width given to
/// <c>dotnet new --hidden</c>, a softmax over CLASS_COUNT classes out. Inference only: no [Training], so
/// no backward or optimizer code is generated, and nothing is read or parsed at start-up.
/// </summary>
/// <remarks>
/// The declaration must be the architecture model.ngmf was trained with (the netgen-classifier's
/// Network.cs without its [Training] line): otherwise the build stops with NG0017, which names both.
/// The model file also holds the input standardisation fitted when it was trained and the class
/// names: both are compiled in with the parameters, so Predict takes raw rows.
/// </remarks>
[Network(Inputs = INPUT_COUNT, InputScaling = InputScaling.Standardize, Weights = "model.ngmf")]HIDDEN_LAYERS
[Dense(CLASS_COUNT, Activation.Softmax)]
public partial class Predictor { }
