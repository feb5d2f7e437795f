#!/usr/bin/env bash
# The NativeAOT sample (issues 7 and 10): publish Samples/NetGen.Aot with PublishAot=true (warnings are
# errors, so this also proves zero trim/AOT warnings), run both of its compiled-in networks (NetGen's
# own, and a Keras model compiled from ONNX) on the samples' 2,000 held-out MNIST digits, and
# compare with the JIT build of the same program: the same digit for every image and probabilities
# within 1e-5 (the JIT uses the widest vectors this CPU has, the AOT binary those of its instruction
# set, so the float sums differ in the last bits). Also checks the stdin mode. Prints "CHECK aot: …" lines.
#
# The sample is published for x86-64-v3 (AVX2 + FMA, its project's default: issue 17), which a CPU
# without those cannot run. On such a CPU (by /proc/cpuinfo) this publishes for the baseline instead,
# with -p:IlcInstructionSet=x86-64, the way docs/deployment.md tells users with older CPUs to; on
# one that has them it also publishes that baseline build and checks it, so the documented way for
# older CPUs keeps working. Each binary must report the vectors its instruction set allows (-h).
# Usage: build/check-aot.sh [work dir]
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
fail() { echo "CHECK aot: FAILED $*"; exit 1; }
images="$repo/Samples/NetGen.Samples/data/mnist/mnist-images-idx3-ubyte.gz"
labels="$repo/Samples/NetGen.Samples/data/mnist/mnist-labels-idx1-ubyte.gz"

# x86-64-v3 needs AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT (cpuinfo: abm), MOVBE and XSAVE.
v3=yes
for flag in avx avx2 bmi1 bmi2 f16c fma abm movbe xsave; do
  grep -qw "$flag" /proc/cpuinfo 2>/dev/null || v3=no
done

# publish NAME [msbuild args]: the sample into $work/NAME; checks -h's "simd:" line against $expect.
publish() {
  local name=$1; shift
  dotnet publish "$repo/Samples/NetGen.Aot" -c Release -r linux-x64 -o "$work/$name" "$@" > "$work/publish-$name.log" 2>&1 \
    || { tail -30 "$work/publish-$name.log"; fail "dotnet publish (NativeAOT $name)"; }
  [ -x "$work/$name/netgen-digits" ] || fail "no native binary at $work/$name/netgen-digits"
  local simd
  simd=$("$work/$name/netgen-digits" -h | grep '^simd: ') || fail "the $name binary does not start: $("$work/$name/netgen-digits" -h 2>&1 | tail -1)"
  [ "$simd" = "simd: $expect" ] || fail "the $name binary reports \"$simd\", expected \"simd: $expect\""
  echo "CHECK aot: published $name, $(stat -c %s "$work/$name/netgen-digits") bytes, $simd"
}

if [ "$v3" = yes ]; then
  expect="256-bit vectors, FMA (NativeAOT)"; publish aot
  expect="128-bit vectors, no FMA (NativeAOT)"; publish aot-baseline -p:IlcInstructionSet=x86-64
  binaries=(aot aot-baseline)
else
  echo "CHECK aot: this CPU cannot run x86-64-v3 (no AVX2/FMA/BMI2/...): publishing for the baseline x86-64 only"
  expect="128-bit vectors, no FMA (NativeAOT)"; publish aot -p:IlcInstructionSet=x86-64
  binaries=(aot)
fi
binary="$work/aot/netgen-digits"

# Same lines, same digits, probabilities within 1e-5.
compare() {
  awk -v tolerance=1e-5 '
    NR == FNR { jit[FNR] = $0; n = FNR; next }
    {
      if (!(FNR in jit)) { print "extra line " FNR; bad = 1; exit }
      split(jit[FNR], a, " "); m = split($0, b, " ")
      if (a[1] != b[1] || a[2] != b[2]) { print "line " FNR ": JIT \"" a[1] " " a[2] "\", AOT \"" b[1] " " b[2] "\""; bad = 1 }
      for (i = 3; i <= m; i++) { d = a[i] - b[i]; if (d < 0) d = -d; if (d > worst) worst = d; if (d > tolerance) { print "line " FNR ": probability " i - 3 " differs by " d; bad = 1 } }
      lines = FNR
    }
    END { if (lines != n) { print "AOT printed " lines " lines, JIT " n; bad = 1 } printf "compared %d lines, largest probability difference %.2g\n", lines, worst; exit bad }
  ' "$1" "$2"
}

# Both compiled-in networks: NetGen's own (mnist.ngmf) and the Keras model compiled from ONNX, in each binary.
for model in netgen keras; do
  args=(--model "$model" --idx "$images" --labels "$labels" --first 8000 --count 2000 --probabilities)
  dotnet run --project "$repo/Samples/NetGen.Aot" -c Release -- "${args[@]}" > "$work/jit-$model.txt" || fail "the JIT build failed (--model $model)"
  for name in "${binaries[@]}"; do
    "$work/$name/netgen-digits" "${args[@]}" > "$work/$name-$model.txt" || fail "the $name binary failed (--model $model)"
    echo "$name $model: $(tail -1 "$work/$name-$model.txt")"
    grep -q "^accuracy " "$work/$name-$model.txt" || fail "no accuracy line ($name, --model $model)"
    compare "$work/jit-$model.txt" "$work/$name-$model.txt" || fail "the $name and JIT predictions differ (--model $model)"
  done
done

# stdin: one digit per line of 784 grey levels; an all-zero image and a malformed line.
zeros=$(printf '0%.0s,' $(seq 1 783))0
printf '%s\n' "$zeros" | "$binary" > "$work/stdin.txt" || fail "stdin mode"
grep -qE '^[0-9] [01]\.[0-9]{4}$' "$work/stdin.txt" || fail "stdin output: $(cat "$work/stdin.txt")"
if printf '1,2,3\n' | "$binary" > /dev/null 2> "$work/stderr.txt"; then fail "a short line was accepted"; fi
grep -q "3 values" "$work/stderr.txt" || fail "unexpected error text: $(cat "$work/stderr.txt")"
echo "CHECK aot: ok"
