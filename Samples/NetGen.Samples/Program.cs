using System;
using NetGen.Samples;

// NetGen samples. With no arguments: the Iris classifier. --help lists the samples and options.
if (args is ["iris-predict", string model, string csv])
{
    // The deployed predictor: a model file saved by `iris --save`, raw rows in (docs/training.md, "Models carry their preprocessing").
    return IrisSample.Predict(model, csv, Console.Out);
}

SampleOptions? options = SampleOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    SampleOptions.WriteHelp(Console.Error);
    return 2;
}

if (options.Help)
{
    SampleOptions.WriteHelp(Console.Out);
    return 0;
}

switch (options.Sample)
{
    case "iris":
        IrisSample.Run(Console.Out, options);
        break;
    case "mnist":
        MnistSample.Run(Console.Out, options);
        break;
    case "xor":
        XorSample.Run(Console.Out, options);
        break;
    case "imbalanced":
        ImbalancedSample.Run(Console.Out, options);
        break;
    case "lecture":
        LectureSample.Run(Console.Out);
        break;
    case "sin":
        SinSample.Run(Console.Out, options);
        break;
    case "custom-activation":
        CustomActivationSample.Run(Console.Out, options);
        break;
    case "quantile":
        QuantileSample.Run(Console.Out, options);
        break;
}

return 0;
