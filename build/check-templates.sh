#!/usr/bin/env bash
# The `dotnet new` templates (issue 20) the way a user meets them: pack NetGen and NetGen.Templates to
# a local feed, install the templates into an isolated template hive (--debug:custom-hive, so the
# user's own templates are untouched), instantiate each template with its defaults and with other
# parameters, build each with warnings as errors against the packed NetGen, train the classifier on
# its CSV and predict with it, and publish the NativeAOT predictor and run the binary. Prints
# "CHECK templates: …: ok" lines, or "CHECK templates: FAILED …" and exits non-zero.
# Usage: build/check-templates.sh [work dir]
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
feed="$work/feed"; hive="$work/hive"
mkdir -p "$feed"
fail() { echo "CHECK templates: FAILED $*"; exit 1; }
ok() { echo "CHECK templates: $*: ok"; }
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/build/Version.props")
content="$repo/templates/content"
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac

# The two templates share the row reader: one copy each, kept identical.
for file in Rows.cs; do
  cmp -s "$content/netgen-classifier/$file" "$content/netgen-aot/$file" \
    || fail "templates/content/netgen-classifier/$file and netgen-aot/$file differ: they are one file, keep them identical"
done
ok "the templates' shared files are identical"

dotnet pack "$repo/Runtime/NetGen.Runtime.csproj" -c Release -o "$feed" > "$work/pack-netgen.log" 2>&1 || { tail -20 "$work/pack-netgen.log"; fail "dotnet pack Runtime"; }
dotnet pack "$repo/templates/NetGen.Templates.csproj" -c Release -o "$feed" > "$work/pack-templates.log" 2>&1 || { tail -20 "$work/pack-templates.log"; fail "dotnet pack templates"; }
templates="$feed/NetGen.Templates.$version.nupkg"
[ -f "$feed/NetGen.$version.nupkg" ] || fail "no $feed/NetGen.$version.nupkg"
[ -f "$templates" ] || fail "no $templates"
listing=$(unzip -l "$templates" 2>/dev/null || python3 -m zipfile -l "$templates" 2>/dev/null || true)
if [ -n "$listing" ]; then
  for entry in content/netgen-classifier/.template.config/template.json content/netgen-classifier/data/iris.csv \
               content/netgen-aot/.template.config/template.json content/netgen-aot/model.ngmf; do
    grep -q "$entry" <<<"$listing" || fail "the template package lacks $entry"
  done
  ! grep -qE 'content/[^ ]*/(bin|obj)/|lib/' <<<"$listing" || fail "the template package holds build output (bin/, obj/ or lib/)"
fi
ok "packed NetGen $version and NetGen.Templates $version"

dotnet new install "$templates" --debug:custom-hive "$hive" > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dotnet new install"; }
dotnet new list netgen --debug:custom-hive "$hive" > "$work/list.log" 2>&1 || { cat "$work/list.log"; fail "dotnet new list"; }
grep -q netgen-classifier "$work/list.log" && grep -q netgen-aot "$work/list.log" || { cat "$work/list.log"; fail "the hive does not list netgen-classifier and netgen-aot"; }
ok "dotnet new install into an isolated hive"

# Every generated project restores NetGen from the local feed, into a package folder of its own
# (a stale NetGen of the same version in the user's cache must not stand in), and the rest from
# the machine's sources.
cat > "$work/nuget.config" <<XML
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

create() { # create TEMPLATE FOLDER [parameters...]
  local template=$1 folder=$2; shift 2
  dotnet new "$template" -o "$work/$folder" --debug:custom-hive "$hive" "$@" > "$work/new-$folder.log" 2>&1 \
    || { cat "$work/new-$folder.log"; fail "dotnet new $template -o $folder $*"; }
}
build() { # build FOLDER: Release, warnings as errors
  dotnet build "$work/$1" -c Release -warnaserror > "$work/build-$1.log" 2>&1 || { grep -E 'error|warning' "$work/build-$1.log" | head -20; fail "building $1 (see $work/build-$1.log)"; }
}
run() { # run FOLDER ARGS...: the built program, in its folder
  local folder=$1; shift
  (cd "$work/$folder" && dotnet run -c Release --no-build -- "$@")
}
accuracy() { # accuracy LOG MINIMUM: the "test accuracy" line's percentage, at least MINIMUM
  local line percent
  line=$(grep -E '^train accuracy .*, test accuracy [0-9.]+ % \([0-9]+/[0-9]+\)$' "$1") || { cat "$1"; fail "no accuracy line in $1"; }
  percent=$(sed -E 's/.*test accuracy ([0-9.]+) %.*/\1/' <<<"$line")
  awk -v p="$percent" -v m="$2" 'BEGIN { exit !(p >= m) }' || fail "test accuracy $percent % is below $2 % ($1)"
  echo "$line"
}
agreement() { # agreement PREDICTIONS CSV COLUMN: how many predicted classes equal the CSV's labels
  tail -n +2 "$2" | cut -d, -f"$3" | paste -d' ' <(cut -d' ' -f1 "$1") - | awk '$1 == $2 { c++ } END { print c + 0 }'
}

# netgen-classifier with its defaults: iris.csv, label 'species', 4-16-3.
create netgen-classifier Iris
grep -q "<PackageReference Include=\"NetGen\" Version=\"$version\" />" "$work/Iris/Iris.csproj" || fail "Iris: the NetGen reference is not version $version (build/Version.props)"
build Iris
run Iris train > "$work/train-iris.log" 2>&1 || { cat "$work/train-iris.log"; fail "Iris: train"; }
line=$(accuracy "$work/train-iris.log" 90) || { echo "$line"; exit 1; }
[ -f "$work/Iris/model.ngmf" ] || fail "Iris: train saved no model.ngmf"
ok "netgen-classifier (defaults: NetGen $version) built with warnings as errors, trained: $line"

printf '5.1,3.5,1.4,0.2\n6.7 3.0 5.2 2.3\n\n# a comment\n"5.9";"3.0";"4.2";"1.5"\n' | run Iris predict > "$work/predict-iris.txt" 2>&1 || { cat "$work/predict-iris.txt"; fail "Iris: predict from stdin"; }
[ "$(cut -d' ' -f1 "$work/predict-iris.txt" | tr '\n' ' ')" = "setosa virginica versicolor " ] || { cat "$work/predict-iris.txt"; fail "Iris: predict from stdin: expected setosa, virginica, versicolor"; }
run Iris predict data/iris.csv > "$work/predict-iris-csv.txt" 2>&1 || { tail -3 "$work/predict-iris-csv.txt"; fail "Iris: predict data/iris.csv"; }
[ "$(wc -l < "$work/predict-iris-csv.txt")" = 150 ] || fail "Iris: predict data/iris.csv printed $(wc -l < "$work/predict-iris-csv.txt") lines, not 150"
agree=$(agreement "$work/predict-iris-csv.txt" "$work/Iris/data/iris.csv" 5)
[ "$agree" -ge 140 ] || fail "Iris: predict data/iris.csv agrees with the labels on $agree of 150 rows"
ok "netgen-classifier predict: raw rows from stdin, comma-, space- and semicolon-separated, quoted (setosa, virginica, versicolor) and the training CSV with its label column ($agree/150 agree)"

# A CSV of other widths: a clear error naming the mismatch and what to change.
awk -F, 'NR == 1 { print $1 ",extra," $2 "," $3 "," $4 "," $5; next } { print $1 ",1.0," $2 "," $3 "," $4 "," $5 }' "$work/Iris/data/iris.csv" > "$work/wide.csv"
awk -F, 'NR == 1 { print; next } { print $1 "," $2 "," $3 "," $4 "," ($5 == "setosa" ? "setosa" : "other") }' "$work/Iris/data/iris.csv" > "$work/two.csv"
if run Iris train "$work/wide.csv" > "$work/wide.log" 2>&1; then fail "Iris: a CSV with 5 feature columns was accepted"; fi
grep -q "wide.csv has 5 feature columns .* the network takes 4. Set Inputs = 5 .*--inputs 5" "$work/wide.log" || { cat "$work/wide.log"; fail "Iris: unexpected error for 5 feature columns"; }
if run Iris train "$work/two.csv" > "$work/two.log" 2>&1; then fail "Iris: a CSV with 2 classes was accepted"; fi
grep -q "holds 2 classes (other, setosa), but the network's output layer has 3 units. Set the last layer to \[Dense(2, Activation.Softmax)\].*--classes 2" "$work/two.log" || { cat "$work/two.log"; fail "Iris: unexpected error for 2 classes"; }
if printf '5.1,3.5,1.4\n' | run Iris predict > "$work/short.log" 2>&1; then fail "Iris: predict accepted a row of 3 values"; fi
grep -q "stdin, line 1: 3 values, but the network takes 4 features" "$work/short.log" || { cat "$work/short.log"; fail "Iris: unexpected error for a short row"; }
ok "netgen-classifier: clear errors for a CSV of other widths (inputs, classes) and a short row"

# netgen-classifier with other parameters: the label first (by index), 3 features, 2 classes, two
# hidden layers, 40 epochs, and a project name that is no C# identifier.
awk -F, 'NR == 1 { print "kind,sepal_length,sepal_width,petal_length"; next } { print ($5 == "setosa" ? "setosa" : "other") "," $1 "," $2 "," $3 }' "$work/Iris/data/iris.csv" > "$work/binary.csv"
create netgen-classifier Binary -n my-binary.app --label 0 --inputs 3 --classes 2 --hidden 8,8 --epochs 40 --netgen-version "$version"
grep -q "<PackageReference Include=\"NetGen\" Version=\"$version\" />" "$work/Binary/my-binary.app.csproj" || fail "Binary: --netgen-version $version not applied"
[ "$(grep -c '^\[Dense(8, Activation.Tanh)\]$' "$work/Binary/Network.cs")" = 2 ] || { cat "$work/Binary/Network.cs"; fail "Binary: --hidden 8,8 did not give two [Dense(8, …)] layers"; }
grep -q '^\[Network(Inputs = 3, InputScaling = InputScaling.Standardize, Seed = 1)\]$' "$work/Binary/Network.cs" && grep -q '^\[Dense(2, Activation.Softmax)\]$' "$work/Binary/Network.cs" || { cat "$work/Binary/Network.cs"; fail "Binary: --inputs 3 --classes 2 not applied"; }
cp "$work/binary.csv" "$work/Binary/data/"
build Binary
run Binary train data/binary.csv > "$work/train-binary.log" 2>&1 || { cat "$work/train-binary.log"; fail "Binary: train"; }
grep -q '^epoch   40: ' "$work/train-binary.log" || fail "Binary: --epochs 40 not applied"
line=$(accuracy "$work/train-binary.log" 95) || { echo "$line"; exit 1; }
printf 'setosa,5.0,3.4,1.5\nother,6.0,2.9,4.5\n' | run Binary predict > "$work/predict-binary.txt" 2>&1 || { cat "$work/predict-binary.txt"; fail "Binary: predict"; }
[ "$(cut -d' ' -f1 "$work/predict-binary.txt" | tr '\n' ' ')" = "setosa other " ] || { cat "$work/predict-binary.txt"; fail "Binary: expected setosa, then other"; }
ok "netgen-classifier (--label 0 --inputs 3 --classes 2 --hidden 8,8 --epochs 40 --netgen-version $version, -n my-binary.app) built, trained: $line; predict drops the label column by index"

# netgen-aot with the same parameters: the shipped model (4-16-3) does not fit, and the build says so;
# with the classifier's model files copied in, it builds and predicts as the classifier does.
create netgen-aot BinaryPredictor --label 0 --inputs 3 --classes 2 --hidden 8,8
if dotnet build "$work/BinaryPredictor" -c Release > "$work/build-BinaryPredictor-shipped.log" 2>&1; then fail "BinaryPredictor: built with the shipped 4-16-3 model"; fi
grep -q "NG0017" "$work/build-BinaryPredictor-shipped.log" || { grep error "$work/build-BinaryPredictor-shipped.log" | head; fail "BinaryPredictor: expected NG0017 for the shipped model"; }
cp "$work/Binary/model.ngmf" "$work/BinaryPredictor/"
build BinaryPredictor
printf 'setosa,5.0,3.4,1.5\nother,6.0,2.9,4.5\n' | run BinaryPredictor > "$work/aot-binary.txt" 2>&1 || { cat "$work/aot-binary.txt"; fail "BinaryPredictor: run"; }
cmp -s "$work/predict-binary.txt" "$work/aot-binary.txt" || { paste "$work/predict-binary.txt" "$work/aot-binary.txt"; fail "BinaryPredictor and the classifier's predict disagree"; }
ok "netgen-aot (other parameters): NG0017 with the shipped model; with the classifier's model the same predictions as its predict"

# netgen-aot with its defaults: the shipped model, the JIT build, then NativeAOT.
create netgen-aot IrisPredictor
build IrisPredictor
run IrisPredictor "$work/Iris/data/iris.csv" > "$work/jit-iris.txt" 2>&1 || { tail -3 "$work/jit-iris.txt"; fail "IrisPredictor: run (JIT)"; }
start=$(date +%s)
dotnet publish "$work/IrisPredictor" -c Release -r "$rid" -o "$work/IrisPredictor/out" > "$work/publish.log" 2>&1 || { grep -E 'error|warning' "$work/publish.log" | head -20; fail "IrisPredictor: dotnet publish -r $rid (NativeAOT)"; }
seconds=$(( $(date +%s) - start ))
binary="$work/IrisPredictor/out/IrisPredictor"
[ -x "$binary" ] || fail "no native binary at $binary"
! grep -q "warning" "$work/publish.log" || { grep warning "$work/publish.log" | head; fail "IrisPredictor: the publish warned"; }
printf '5.1,3.5,1.4,0.2\n6.7 3.0 5.2 2.3\n' | "$binary" > "$work/aot-rows.txt" 2>&1 || { cat "$work/aot-rows.txt"; fail "IrisPredictor: the binary failed on stdin rows"; }
[ "$(cut -d' ' -f1 "$work/aot-rows.txt" | tr '\n' ' ')" = "setosa virginica " ] || { cat "$work/aot-rows.txt"; fail "IrisPredictor: expected setosa, then virginica"; }
"$binary" "$work/Iris/data/iris.csv" > "$work/aot-iris.txt" 2>&1 || { tail -3 "$work/aot-iris.txt"; fail "IrisPredictor: the binary failed on iris.csv"; }
cmp -s <(cut -d' ' -f1 "$work/jit-iris.txt") <(cut -d' ' -f1 "$work/aot-iris.txt") || fail "IrisPredictor: the NativeAOT binary and the JIT build predict different classes"
agree=$(agreement "$work/aot-iris.txt" "$work/Iris/data/iris.csv" 5)
[ "$agree" -ge 140 ] || fail "IrisPredictor: the binary agrees with the labels on $agree of 150 rows"
if printf '1,2,3\n' | "$binary" > /dev/null 2> "$work/aot-short.txt"; then fail "IrisPredictor: a row of 3 values was accepted"; fi
grep -q "3 values, but the network takes 4 features" "$work/aot-short.txt" || { cat "$work/aot-short.txt"; fail "IrisPredictor: unexpected error text"; }
# The shipped model is what the classifier trains with its defaults (training is seeded): when this
# machine trains the same bytes, the native binary, fed the raw CSV rows, prints exactly what the
# classifier's predict printed (class and confidence): scaling and class names came through the file.
if cmp -s "$work/Iris/model.ngmf" "$content/netgen-aot/model.ngmf"; then
  cmp -s "$work/predict-iris-csv.txt" "$work/aot-iris.txt" || { paste "$work/predict-iris-csv.txt" "$work/aot-iris.txt" | head; fail "IrisPredictor: the binary's outputs differ from the classifier's predict with the same model"; }
  same="the shipped model is the one the classifier trained here, and the binary prints its predict's output exactly"
else
  same="the classifier trained other model bytes here (another SIMD width rounds differently), so only classes are compared"
fi
ok "netgen-aot (defaults, shipped model) published with NativeAOT in ${seconds} s, $(stat -c %s "$binary") bytes; raw rows: setosa, virginica; iris.csv: $agree/150 agree, the same classes as the JIT build; $same"
