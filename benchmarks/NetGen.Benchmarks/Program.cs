using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Benchmarks;
using NetGen.Generator;

// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- sizes     : generated source sizes
// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- [BenchmarkDotNet arguments]
if (args.Length > 0 && args[0] == "sizes")
{
    Console.WriteLine("| network | generated lines | generated characters |");
    Console.WriteLine("| --- | ---: | ---: |");
    foreach ((string name, string declaration) in GeneratorBenchmarks.Declarations)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new NetworkGenerator().AsSourceGenerator())
            .RunGenerators(GeneratorBenchmarks.Compilation(declaration));
        string text = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        Console.WriteLine($"| {name} | {text.Count(c => c == '\n'):N0} | {text.Length:N0} |");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
