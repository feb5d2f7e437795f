#!/usr/bin/env bash
# The path a user takes (issue 7): pack NetGen, then in a fresh folder outside the repository create a
# project that references only the package from a local folder feed, declare a network (trained, and
# one with weights compiled in from a model file), build and run it. Prints "CHECK package: ok" or
# "CHECK package: FAILED …" lines and exits non-zero on failure. Then (issue 20) the generated files
# on disk as the package's readme tells a user to get them, and the symbols: the runtime DLL the
# consumer got from the package embeds its portable PDB and every source, a kernel's byte for byte
# (build/symbols/CheckSymbols.cs).
# Usage: build/check-package.sh [work dir]
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
feed="$work/feed"; app="$work/app"
mkdir -p "$feed" "$app"
fail() { echo "CHECK package: FAILED $*"; exit 1; }

version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/build/Version.props")
dotnet pack "$repo/Runtime/NetGen.Runtime.csproj" -c Release -o "$feed" || fail "dotnet pack"
nupkg="$feed/NetGen.$version.nupkg"
[ -f "$nupkg" ] || fail "no $nupkg"
# The package carries the runtime, the generator and the code fixes as analyzers and the build targets.
listing=$(unzip -l "$nupkg" 2>/dev/null || python3 -m zipfile -l "$nupkg" 2>/dev/null || true)
if [ -n "$listing" ]; then
  for entry in lib/net10.0/NetGen.Runtime.dll analyzers/dotnet/cs/NetGen.Generator.dll analyzers/dotnet/cs/NetGen.CodeFixes.dll build/NetGen.targets buildTransitive/NetGen.targets; do
    grep -q "$entry" <<<"$listing" || fail "the package lacks $entry"
  done
fi

# A model file for the embedded network: the samples' XOR network (2-4-1) trained and saved by the
# samples, so the consumer compiles it in.
dotnet run --project "$repo/Samples/NetGen.Samples" -c Release -- xor --save "$app/xor.ngmf" > "$work/xor.log" 2>&1 || fail "training the XOR model (see $work/xor.log)"

cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$feed" />
  </packageSources>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
</configuration>
XML
# Inherit the machine's other sources (the NuGet mirror) without restating them.
cat > "$app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <ImplicitUsings>enable</ImplicitUsings>
    <!-- As the package's readme tells a user to see the generated code (checked below). -->
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <CompilerGeneratedFilesOutputPath>Generated</CompilerGeneratedFilesOutputPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="NetGen" Version="$version" />
    <NetGenModel Include="xor.ngmf" />
    <Compile Remove="Generated/**" />
  </ItemGroup>
</Project>
XML
cat > "$app/Program.cs" <<'CS'
using NetGen;

var net = new Xor();
float[] x = { 0, 0, 0, 1, 1, 0, 1, 1 }, t = { 0, 1, 1, 0 };
float first = net.TrainBatch(x, t, 4), last = first;
for (int i = 0; i < 2000; i++) last = net.TrainBatch(x, t, 4);
Console.WriteLine($"trained: loss {first:F4} -> {last:F4}");

var embedded = new XorEmbedded();
var output = new float[1];
int correct = 0;
for (int s = 0; s < 4; s++)
{
    embedded.Predict(x.AsSpan(2 * s, 2), output);
    if ((output[0] > 0.5f) == (t[s] > 0.5f)) correct++;
}
Console.WriteLine($"embedded: {correct}/4 correct");
return last < first && correct == 4 ? 0 : 1;

[Network(Inputs = 2, Seed = 1)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Adam, LearningRate = 0.05f, BatchSize = 4)]
partial class Xor { }

[Network(Inputs = 2, Weights = "xor.ngmf")]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
partial class XorEmbedded { }
CS
(cd "$app" && dotnet run -c Release) > "$work/app.log" 2>&1 || { cat "$work/app.log"; fail "the consumer project did not build and run (see above)"; }
cat "$work/app.log"
grep -q "embedded: 4/4 correct" "$work/app.log" || fail "unexpected output"
echo "CHECK package: ok"

# The generated code on disk where the package's readme says it is, and a second build (which now
# finds Generated/ in the project folder) still compiles: the readme's <Compile Remove> works.
generated="$app/Generated/NetGen.Generator/NetGen.Generator.NetworkGenerator"
ls "$generated"/*.g.cs > /dev/null 2>&1 || fail "no generated files in $generated"
grep -lq "TrainBatch" "$generated"/*.g.cs || fail "the generated files in $generated lack TrainBatch"
(cd "$app" && dotnet build -c Release --no-restore) > "$work/app2.log" 2>&1 || { cat "$work/app2.log"; fail "a second build with Generated/ in the project folder failed"; }
echo "CHECK package generated files on disk: ok"

# Symbols: the NetGen.Runtime.dll in the consumer's output (as NuGet copied it from the package) lets a
# debugger step into the kernels with no setup: an embedded portable PDB with every source embedded.
mkdir -p "$work/symbols"
cp "$repo/build/symbols/CheckSymbols.cs" "$repo/build/symbols/CheckSymbols.csproj" "$work/symbols/"
(cd "$work/symbols" && dotnet run -c Release -- "$app/bin/Release/net10.0/NetGen.Runtime.dll" "$repo" Runtime/CompilerServices/DenseKernels.cs) \
  || { echo "CHECK package symbols: FAILED (see above)"; exit 1; }
echo "CHECK package symbols: ok"
