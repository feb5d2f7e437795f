using System;
using NetGen.Samples;

// NetGen samples. With no arguments: the Iris classifier.
string sample = args.Length > 0 ? args[0].ToLowerInvariant() : "iris";
switch (sample)
{
    case "iris":
        IrisSample.Run(Console.Out);
        return 0;
    case "xor":
        XorSample.Run(Console.Out);
        return 0;
    case "sin":
        SinSample.Run(Console.Out);
        return 0;
    case "-h" or "--help" or "help":
        PrintHelp();
        return 0;
    default:
        Console.Error.WriteLine($"Unknown sample '{args[0]}'.");
        PrintHelp();
        return 2;
}

static void PrintHelp()
{
    Console.WriteLine("Usage: dotnet run --project Samples/NetGen.Samples -c Release -- [sample]");
    Console.WriteLine();
    Console.WriteLine("Samples:");
    Console.WriteLine("  iris   (default) classify Fisher's iris flowers: 4-16-3, cross-entropy, minibatch SGD");
    Console.WriteLine("  xor    learn XOR: 2-4-1, mean squared error, full-batch gradient descent");
    Console.WriteLine("  sin    regress sin x on [-pi, pi]: 1-16-1, mean squared error, minibatch SGD");
}
