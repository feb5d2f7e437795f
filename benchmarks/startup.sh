#!/usr/bin/env bash
# Start-up and deployed size: netgen-digits (Samples/NetGen.Aot, the MNIST network compiled in) against
# ONNX Runtime doing the same job (benchmarks/NetGen.Benchmarks.OrtAot, ort-digits: the same network
# exported to ONNX, one intra-op thread, sequential, ORT_ENABLE_ALL), both published with NativeAOT
# for linux-x64, plus both as framework-dependent JIT builds for reference.
#
#   benchmarks/startup.sh [work dir] [runs] [time runs]
#                         (from anywhere; defaults /tmp/netgen-startup, 30 whole-process runs, 10 --time runs:
#                         each --time run also measures 200,000 predictions, one to two seconds)
#
# Prints:
#   - that both programs predict the same digit for 2,000 MNIST images (8000..9999 of the samples' set);
#   - the deployed size: every file of each publish directory except debug symbols (*.dbg, *.pdb) and
#     XML documentation (*.xml), none of which is needed to run; and the main executable alone;
#   - the whole process for one digit read from stdin (wall clock, bash's $EPOCHREALTIME around each
#     run), the programs interleaved run by run, median / min / max over [runs] runs after 3 warm-ups;
#   - Main to first prediction inside each process (--time), interleaved, median / min / max over
#     [time runs] runs; for ONNX Runtime also its parts (loading libonnxruntime.so and creating the
#     ORT environment, OrtEnv; the SessionOptions; creating the InferenceSession; the first Run).
# NETGEN_DIGITS_SOURCE=DIR: publish and build netgen-digits from DIR/Samples/NetGen.Aot instead of this
# repository's (e.g. a clean copy of a commit: git archive HEAD | tar -x -C DIR).
# Publish outputs go to the work dir, not into the repository (bin/ and obj/ inside it are ignored).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/netgen-startup}"
runs="${2:-30}"
timeruns="${3:-10}"
mkdir -p "$work"
images="$repo/Samples/NetGen.Samples/data/mnist/mnist-images-idx3-ubyte.gz"
ortproject="$repo/benchmarks/NetGen.Benchmarks.OrtAot"
ngproject="${NETGEN_DIGITS_SOURCE:-$repo}/Samples/NetGen.Aot"

step() { echo "== $*" >&2; }
quiet() { local log="$work/$1.log"; shift; "$@" > "$log" 2>&1 || { tail -30 "$log"; echo "FAILED: $*" >&2; exit 1; }; grep -iE ": warning " "$log" | sort -u >&2 || true; }

step "publish (NativeAOT, linux-x64) and build (JIT, framework-dependent)"
rm -rf "$work/ng-aot" "$work/ort-aot" "$work/ng-jit" "$work/ort-jit"
quiet publish-ng dotnet publish "$ngproject" -c Release -r linux-x64 -o "$work/ng-aot"
quiet publish-ort dotnet publish "$ortproject" -c Release -r linux-x64 -o "$work/ort-aot"
quiet build-ng dotnet build "$ngproject" -c Release -o "$work/ng-jit"
quiet build-ort dotnet build "$ortproject" -c Release -o "$work/ort-jit"

echo "netgen-digits from $ngproject: $("$work/ng-aot/netgen-digits" -h | grep -E "^(Network|netgen):")"
step "digits (and the ONNX model again, to check the one deployed is netgen-digits' network)"
quiet export dotnet run --project "$ortproject/Export" -c Release -- "$work/mnist.onnx" --digits "$images" 8000 2000 "$work/digits.txt"
cmp "$work/mnist.onnx" "$work/ort-aot/mnist.onnx" || { echo "the deployed mnist.onnx is not netgen-digits' network" >&2; exit 1; }
head -1 "$work/digits.txt" > "$work/one.txt"

# name → command (one digit on stdin for the timings).
declare -A cmd=(
  [netgen-aot]="$work/ng-aot/netgen-digits"
  [ort-aot]="$work/ort-aot/ort-digits"
  [netgen-jit]="dotnet $work/ng-jit/netgen-digits.dll"
  [ort-jit]="dotnet $work/ort-jit/ort-digits.dll"
)
names=(netgen-aot ort-aot netgen-jit ort-jit)

echo "## predictions: 2,000 digits (images 8000..9999)"
for n in "${names[@]}"; do ${cmd[$n]} < "$work/digits.txt" > "$work/pred-$n.txt"; done
for n in ort-aot netgen-jit ort-jit; do
  awk -v name="$n" 'NR == FNR { d[FNR] = $1; c[FNR] = $2; next }
    { if ($1 != d[FNR]) diff++; e = $2 - c[FNR]; if (e < 0) e = -e; if (e > worst) worst = e; lines = FNR }
    END { printf "netgen-aot vs %-10s %d lines, %d different digits, largest confidence difference %.4f\n", name, lines, diff, worst; exit diff > 0 }' \
    "$work/pred-netgen-aot.txt" "$work/pred-$n.txt" || { echo "PREDICTIONS DIFFER" >&2; exit 1; }
done
echo "first 10 digits: netgen-aot $(head -10 "$work/pred-netgen-aot.txt" | cut -d' ' -f1 | tr -d '\n'), ort-aot $(head -10 "$work/pred-ort-aot.txt" | cut -d' ' -f1 | tr -d '\n')"

echo "## deployed size (publish directory without *.dbg, *.pdb, *.xml)"
for d in ng-aot ort-aot; do
  total=$(find "$work/$d" -type f ! -name '*.dbg' ! -name '*.pdb' ! -name '*.xml' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  printf '%-8s total %10d bytes = %6.2f MB (%.2f MiB):' "$d" "$total" "$(echo "$total / 1000000" | bc -l)" "$(echo "$total / 1048576" | bc -l)"
  find "$work/$d" -type f ! -name '*.dbg' ! -name '*.pdb' ! -name '*.xml' -printf ' %f %s'; echo
done
for f in ng-aot/netgen-digits ort-aot/ort-digits; do
  s=$(stat -c %s "$work/$f"); printf '%-22s executable %10d bytes = %6.2f MB\n' "$f" "$s" "$(echo "$s / 1000000" | bc -l)"
done

# Median / min / max of the numbers on stdin (unit: the argument, default ms).
stats() { sort -n | awk -v unit="${1:-ms}" '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %8.3f  min %8.3f  max %8.3f %s (n=%d)\n", m, v[1], v[NR], unit, NR }'; }

echo "load before timing: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "## whole process, one digit from stdin: $runs runs each, interleaved"
for n in "${names[@]}"; do : > "$work/wall-$n.txt"; done
for ((i = -3; i < runs; i++)); do
  for n in "${names[@]}"; do
    t0=$EPOCHREALTIME
    ${cmd[$n]} < "$work/one.txt" > /dev/null
    t1=$EPOCHREALTIME
    if ((i >= 0)); then echo "$t0 $t1" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 }' >> "$work/wall-$n.txt"; fi
  done
done
for n in "${names[@]}"; do printf '%-11s ' "$n"; stats < "$work/wall-$n.txt"; done

echo "## Main to first prediction (--time): $timeruns runs each, interleaved"
for n in "${names[@]}"; do : > "$work/main-$n.txt"; : > "$work/predict-$n.txt"; done
for ((i = 0; i < timeruns; i++)); do
  for n in "${names[@]}"; do
    out=$(${cmd[$n]} --time)
    echo "${out%%$'\n'*}" >> "$work/main-$n.txt"
    echo "${out#*$'\n'}" >> "$work/predict-$n.txt"
  done
done
for n in "${names[@]}"; do
  printf '%-11s ' "$n"; awk '{ print $5 }' "$work/main-$n.txt" | stats
done
for n in ort-aot ort-jit; do
  printf '%-11s library load + OrtEnv        ' "$n"; sed -E 's/.*OrtEnv ([0-9.]+) ms.*/\1/' "$work/main-$n.txt" | stats
  printf '%-11s SessionOptions                ' "$n"; sed -E 's/.*SessionOptions ([0-9.]+) ms.*/\1/' "$work/main-$n.txt" | stats
  printf '%-11s InferenceSession              ' "$n"; sed -E 's/.*InferenceSession ([0-9.]+) ms.*/\1/' "$work/main-$n.txt" | stats
  printf '%-11s first Run                     ' "$n"; sed -E 's/.*first Run ([0-9.]+) µs.*/\1/' "$work/main-$n.txt" | awk '{ print $1 / 1000 }' | stats
done
echo "load after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## steady state, one prediction (--time: median of 9 rounds of 20,000 per run), over the $timeruns runs"
for n in "${names[@]}"; do
  printf '%-11s ' "$n"; awk '{ print $2 / 1000 }' "$work/predict-$n.txt" | stats µs
done
