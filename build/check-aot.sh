#!/usr/bin/env bash
# The NativeAOT sample (issues 7 and 10): publish Samples/NetGen.Aot with PublishAot=true (warnings are
# errors, so this also proves zero trim/AOT warnings), run both of its compiled-in networks (NetGen's
# own, and a Keras model compiled from ONNX) on the samples' 2,000 held-out MNIST digits, and
# compare with the JIT build of the same program: the same digit for every image and probabilities
# within 1e-5 (the JIT uses AVX-512 here, the AOT binary the baseline x64 instruction set, so the
# float sums differ in the last bits). Also checks the stdin mode. Prints "CHECK aot: …" lines.
# Usage: build/check-aot.sh [work dir]
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
fail() { echo "CHECK aot: FAILED $*"; exit 1; }
images="$repo/Samples/NetGen.Samples/data/mnist/mnist-images-idx3-ubyte.gz"
labels="$repo/Samples/NetGen.Samples/data/mnist/mnist-labels-idx1-ubyte.gz"

dotnet publish "$repo/Samples/NetGen.Aot" -c Release -r linux-x64 -o "$work/aot" > "$work/publish.log" 2>&1 \
  || { tail -30 "$work/publish.log"; fail "dotnet publish (NativeAOT)"; }
binary="$work/aot/netgen-digits"
[ -x "$binary" ] || fail "no native binary at $binary"
echo "CHECK aot: published $(stat -c %s "$binary") bytes"

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

# Both compiled-in networks: NetGen's own (mnist.ngmf) and the Keras model compiled from ONNX.
for model in netgen keras; do
  args=(--model "$model" --idx "$images" --labels "$labels" --first 8000 --count 2000 --probabilities)
  "$binary" "${args[@]}" > "$work/aot-$model.txt" || fail "the AOT binary failed (--model $model)"
  dotnet run --project "$repo/Samples/NetGen.Aot" -c Release -- "${args[@]}" > "$work/jit-$model.txt" || fail "the JIT build failed (--model $model)"
  echo "$model: $(tail -1 "$work/aot-$model.txt")"
  grep -q "^accuracy " "$work/aot-$model.txt" || fail "no accuracy line (--model $model)"
  compare "$work/jit-$model.txt" "$work/aot-$model.txt" || fail "the AOT and JIT predictions differ (--model $model)"
done

# stdin: one digit per line of 784 grey levels; an all-zero image and a malformed line.
zeros=$(printf '0%.0s,' $(seq 1 783))0
printf '%s\n' "$zeros" | "$binary" > "$work/stdin.txt" || fail "stdin mode"
grep -qE '^[0-9] [01]\.[0-9]{4}$' "$work/stdin.txt" || fail "stdin output: $(cat "$work/stdin.txt")"
if printf '1,2,3\n' | "$binary" > /dev/null 2> "$work/stderr.txt"; then fail "a short line was accepted"; fi
grep -q "3 values" "$work/stderr.txt" || fail "unexpected error text: $(cat "$work/stderr.txt")"
echo "CHECK aot: ok"
