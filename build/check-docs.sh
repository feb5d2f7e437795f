#!/usr/bin/env bash
# The docs site (issue 20): docfx (a local .NET tool, .config/dotnet-tools.json) builds it from docs/
# and the runtime's XML docs (docfx.json at the repository root) into docs/_site/ (git-ignored), with
# warnings as errors: docfx reports a .md link to a missing file or a missing #bookmark as a warning.
# Then build/docs/CheckSite.cs checks that every link in the generated HTML to a local file resolves,
# with its #anchor, and that docs/diagnostics.html has the anchor of every diagnostic id the generator
# declares (its help links). Prints "CHECK docs: … ok" lines, exits non-zero on failure.
# Usage: build/check-docs.sh [ignored]   (.ci/run passes a work dir to every check)
# To read the site: `dotnet docfx serve docs/_site` after this script, or `dotnet docfx --serve` to build
# and serve it (http://localhost:8080; from file:// the template's scripts cannot load the navigation).
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
fail() { echo "CHECK docs: FAILED $*"; exit 1; }
start=$SECONDS

dotnet tool restore > /dev/null || fail "dotnet tool restore (docfx, .config/dotnet-tools.json)"
echo "CHECK docs: docfx restored: ok"

rm -rf docs/_site docs/obj/api
dotnet docfx docfx.json --warningsAsErrors || fail "docfx reported warnings or errors (see above)"
for page in index.html docs/diagnostics.html docs/math.html docs/benchmarks.html api/NetGen.html api/NetGen.DenseAttribute.html; do
  [ -s "docs/_site/$page" ] || fail "the site has no $page"
done
echo "CHECK docs: docfx build with warnings as errors ($((SECONDS - start)) s): ok"

# The generator's help links point at docs/diagnostics.md#ng00xx (DiagnosticDescriptors.HelpLinkBase);
# on the site that page is docs/diagnostics.html with the same anchors.
ids=$(grep -oE '"NG[0-9]{4}"' Generator/Diagnostics/DiagnosticDescriptors.cs | tr -d '"' | sort -u)
[ -n "$ids" ] || fail "no diagnostic ids found in Generator/Diagnostics/DiagnosticDescriptors.cs"
anchors=()
for id in $ids; do anchors+=("docs/diagnostics.html#${id,,}"); done
dotnet run --project build/docs/CheckSite.csproj -c Release -- docs/_site "${anchors[@]}" > docs/obj/check-site.log 2>&1 \
  || { cat docs/obj/check-site.log; fail "broken links in the site (see above)"; }
grep -v '^anchor ' docs/obj/check-site.log
echo "CHECK docs: docs/diagnostics.html has the anchor of each of the ${#anchors[@]} diagnostic ids: ok"
echo "CHECK docs: local links and anchors resolve: ok"
echo "docs: checked in $((SECONDS - start)) s"
