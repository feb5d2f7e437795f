#!/usr/bin/python3
"""NetGen against scikit-learn's MLP on five small real data sets, each NetGen training in fresh processes.

Run with Debian's Python (apt-get install python3-sklearn), from the repository root:

    dotnet build benchmarks/NetGen.Benchmarks.RealData -c Release
    /usr/bin/python3 benchmarks/NetGen.Benchmarks.RealData/compare.py [--runs 5] [--sets iris,wine,...]
        [--env NAME=VALUE ...]    (environment for the NetGen processes only, e.g. DOTNET_TieredCompilation=0)
        [--metric-seeds N]        (also the metric's mean over N held-out splits, one training each)
        [--variant 'LABEL=path/to/NetGen.Benchmarks.RealData.dll|NAME=VALUE|…' ...]
                                  (several builds or settings, their processes interleaved; the first one is
                                  compared with scikit-learn; a path that is not a .dll is run as a NativeAOT
                                  binary: dotnet publish benchmarks/NetGen.Benchmarks.RealData -c Release
                                  -p:RealDataAot=true -o DIR, then 'AOT=DIR/NetGen.Benchmarks.RealData')

For each set: NetGen's program (Program.cs) in --runs fresh processes (median of the Stopwatch around its one
training, and of the whole process as seen from here), once more with --steady for the in-process steady-state
time, and scikit-learn's MLPClassifier / MLPRegressor --runs times (median of fit()) on the same split, the same
standardisation, the same architecture, epochs, minibatch size (32), optimizer (Adam, β=(0.9, 0.999), ε=1e-8),
learning rate and initialisation family (Glorot uniform); alpha=0 (NetGen has no L2 penalty), every epoch run
(no early stopping: n_iter_no_change above the epoch count). What still differs: scikit-learn computes in
float64 (NetGen in float32); its squared-error loss is ½·MSE, so its regression gradient is half NetGen's
(Adam's step is scale-free up to ε); its random streams (initial weights, shuffling) are its own, and it draws
initial biases from the weights' range (NetGen starts them at 0); NetGen's
runtime is started in each process, scikit-learn's is imported before the clock starts.
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
DLL = os.path.join(HERE, "bin", "Release", "net10.0", "NetGen.Benchmarks.RealData.dll")

# Must match Networks.cs and Program.cs: hidden units, epochs, learning rate, task.
SETS = {
    "digits":   dict(hidden=64, epochs=100, lr=0.001, task="classes"),
    "cancer":   dict(hidden=32, epochs=200, lr=0.001, task="binary"),
    "wine":     dict(hidden=32, epochs=200, lr=0.001, task="classes"),
    "iris":     dict(hidden=16, epochs=200, lr=0.01, task="classes"),
    "diabetes": dict(hidden=32, epochs=300, lr=0.001, task="regression"),
}
MASK = (1 << 64) - 1


def lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [l for l in f.read().splitlines() if l.strip()]


def load(name):
    """The same parsing as DataSets.cs: features as float64 and the label (class or target)."""
    def rows(ls, sep):
        return np.array([[float(c) for c in (l.split(sep) if sep else l.split())] for l in ls])
    if name in ("iris", "wine", "cancer"):
        file = {"iris": "iris.csv", "wine": "wine_data.csv", "cancer": "breast_cancer.csv"}[name]
        t = rows(lines(os.path.join(DATA, file))[1:], ",")
        return t[:, :-1], t[:, -1]
    if name == "digits":
        t = rows(lines(os.path.join(DATA, "digits.csv.gz")), ",")
        return t[:, :-1], t[:, -1]
    x = rows(lines(os.path.join(DATA, "diabetes_data_raw.csv.gz")), None)
    y = rows(lines(os.path.join(DATA, "diabetes_target.csv.gz")), None)[:, 0]
    return x, y


def mix(x):
    """SplitMix64's finaliser, as Split.Mix."""
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def split(x, y, seed, regression):
    """Split.Of: rows ordered by mix((seed << 32) + row), the first fifth held out; standardised on the training rows."""
    n = len(y)
    order = sorted(range(n), key=lambda i: mix(((seed & 0xFFFFFFFF) << 32) + i))
    test, train = order[: n // 5], order[n // 5:]
    checksum = sum((k + 1) * r for k, r in enumerate(test))
    # Features go through float32 first, as NetGen reads them.
    x = x.astype(np.float32).astype(np.float64)
    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
    std[std == 0] = 1
    xs = (x - mean) / std
    if regression:
        ym, ysd = y[train].mean(), y[train].std()
        y = (y - ym) / ysd
    return xs[train], y[train], xs[test], y[test], checksum


def sklearn_model(spec, random_state):
    """scikit-learn's MLP as NetGen's network is declared: one ReLU hidden layer, Adam, batches of 32, every epoch, no L2."""
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    kind = MLPRegressor if spec["task"] == "regression" else MLPClassifier
    return kind(hidden_layer_sizes=(spec["hidden"],), activation="relu", solver="adam", alpha=0.0,
                batch_size=32, learning_rate_init=spec["lr"], max_iter=spec["epochs"], shuffle=True,
                random_state=random_state, tol=0.0, n_iter_no_change=spec["epochs"] + 1, early_stopping=False,
                beta_1=0.9, beta_2=0.999, epsilon=1e-8)


def sklearn_metric(name, spec, seed):
    """One fit on the split of this seed: its accuracy (or R²) in percent."""
    x, y = load(name)
    xtr, ytr, xte, yte, _ = split(x, y, seed, spec["task"] == "regression")
    model = sklearn_model(spec, seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(xtr, ytr)
    return 100 * model.score(xte, yte)


def sklearn_run(name, spec, seed, runs):
    x, y = load(name)
    xtr, ytr, xte, yte, checksum = split(x, y, seed, spec["task"] == "regression")
    times, cpu, first = [], [], None
    for r in range(runs):
        model = sklearn_model(spec, seed + r)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: every epoch is run on purpose
            start, start_cpu = time.perf_counter(), time.process_time()
            model.fit(xtr, ytr)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert model.n_iter_ == spec["epochs"], model.n_iter_
        if r == 0:
            first = 100 * model.score(xte, yte)  # accuracy, or R² for the regressor
    return statistics.median(times), first, checksum, times, statistics.median(cpu)


def netgen_run(dll, name, seed, args, env):
    # A .dll runs under the JIT (dotnet); anything else is a NativeAOT binary of the same program
    # (dotnet publish benchmarks/NetGen.Benchmarks.RealData -c Release -p:RealDataAot=true -o DIR).
    cmd = (["dotnet", dll] if dll.endswith(".dll") else [dll]) + [name, "--seed", str(seed)] + args
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    wall = (time.perf_counter() - start) * 1000
    result = json.loads(out.strip().splitlines()[-1])
    result["process_wall_ms"] = wall
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5, help="fresh processes (and scikit-learn fits) per set")
    p.add_argument("--steady", type=int, default=5, help="timed repeats of the steady-state run (0: none)")
    p.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for the NetGen processes")
    p.add_argument("--variant", action="append", default=[], help="LABEL=DLL[|NAME=VALUE...]; default: this build")
    p.add_argument("--metric-seeds", type=int, default=0,
                   help="also compare the metric over this many splits (seeds 0..N-1), one fit of each side per split")
    p.add_argument("--json", help="also write every measurement to this file")
    a = p.parse_args()
    variants = []
    for v in a.variant or [f"NetGen={DLL}"]:
        label, rest = v.split("=", 1)
        dll, *settings = rest.split("|")
        env = dict(os.environ)
        for kv in a.env + settings:
            k, val = kv.split("=", 1)
            env[k] = val
        if not os.path.exists(dll):
            sys.exit(f"{dll} is missing: dotnet build benchmarks/NetGen.Benchmarks.RealData -c Release")
        variants.append((label, dll, env, " ".join(a.env + settings) or "(default)"))
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; "
          + "; ".join(f"{label}: {os.path.relpath(dll)} {settings}" for label, dll, _, settings in variants))
    rows, raw, by_variant = [], {}, []
    for name in a.sets.split(","):
        spec = SETS[name]
        runs = {label: [] for label, *_ in variants}
        for _ in range(a.runs):  # interleaved: one process of each variant in turn
            for label, dll, env, _ in variants:
                runs[label].append(netgen_run(dll, name, a.seed, [], env))
        steadies = {label: netgen_run(dll, name, a.seed, ["--steady", str(a.steady)], env) if a.steady else None
                    for label, dll, env, _ in variants}
        by_variant.append((name, {label: (statistics.median(r["fresh_ms"] for r in runs[label]),
                                          statistics.median(r["process_wall_ms"] for r in runs[label]),
                                          steadies[label]["steady_ms"] if steadies[label] else float("nan"),
                                          statistics.median(r["fresh_cpu_ms"] for r in runs[label]),
                                          steadies[label]["steady_cpu_ms"] if steadies[label] else float("nan"))
                                  for label, *_ in variants}))
        fresh, steady = runs[variants[0][0]], steadies[variants[0][0]]
        sk_ms, sk_metric, checksum, sk_times, sk_cpu = sklearn_run(name, spec, a.seed, a.runs)
        if fresh[0]["split_checksum"] != checksum:
            sys.exit(f"{name}: the split differs between NetGen ({fresh[0]['split_checksum']}) and this script ({checksum})")
        ng_ms = statistics.median(r["fresh_ms"] for r in fresh)
        proc_ms = statistics.median(r["process_wall_ms"] for r in fresh)
        jit_ms = statistics.median(r["fresh_jit_ms"] for r in fresh)
        ng_cpu = statistics.median(r["fresh_cpu_ms"] for r in fresh)
        raw[name] = dict(netgen=runs, netgen_steady=steadies, sklearn_ms=sk_times, sklearn_cpu_ms=sk_cpu, sklearn_metric=sk_metric)
        rows.append((name, fresh[0]["architecture"], spec["epochs"], fresh[0]["steps"], fresh[0]["metric"], sk_metric,
                     ng_ms, jit_ms, steady["steady_ms"] if steady else float("nan"), proc_ms, sk_ms, ng_cpu, sk_cpu))
    if a.metric_seeds:
        label, dll, env, _ = variants[0]
        print(f"metric over {a.metric_seeds} held-out splits (seeds 0..{a.metric_seeds - 1}; one training of each side per split): mean (min–max)")
        print("| set | metric | NetGen | sklearn | NetGen − sklearn |")
        print("| --- | --- | ---: | ---: | ---: |")
        for name in a.sets.split(","):
            ng = [netgen_run(dll, name, s, [], env)["metric"] for s in range(a.metric_seeds)]
            sk = [sklearn_metric(name, SETS[name], s) for s in range(a.metric_seeds)]
            raw.setdefault(name, {})["metric_seeds"] = dict(netgen=ng, sklearn=sk)
            print(f"| {name} | {'R² %' if SETS[name]['task'] == 'regression' else 'acc %'} | {statistics.mean(ng):.1f} ({min(ng):.1f}–{max(ng):.1f}) | "
                  f"{statistics.mean(sk):.1f} ({min(sk):.1f}–{max(sk):.1f}) | {statistics.mean(ng) - statistics.mean(sk):+.1f} |")
        print()
    metric_name = lambda n: "R² %" if SETS[n]["task"] == "regression" else "acc %"
    print(f"medians of {a.runs} fresh processes (NetGen) and {a.runs} fits (scikit-learn); times in ms; load after: {os.getloadavg()[0]:.2f}")
    print("| set | network | epochs (steps) | metric | NetGen | sklearn | NetGen training, fresh process | of it JIT | steady state | fresh / steady | whole process | sklearn fit | sklearn / NetGen fresh | processor time: NetGen fresh, sklearn fit, ratio |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (name, arch, epochs, steps, m, skm, ng, jit, st, proc, sk, ngc, skc) in rows:
        print(f"| {name} | {arch} | {epochs} ({steps}) | {metric_name(name)} | {m:.1f} | {skm:.1f} | {ng:.1f} | {jit:.1f} | {st:.1f} | {ng / st:.1f}× | {proc:.0f} | {sk:.0f} | {sk / ng:.1f}× | {ngc:.0f}, {skc:.0f}, {skc / ngc:.1f}× |")
    if len(variants) > 1:
        print()
        print("wall-clock ms, and in brackets the processor time of the process (every thread) in ms")
        print("| set | " + " | ".join(f"{label}: fresh / steady / whole process" for label, *_ in variants) + " |")
        print("| --- | " + " | ".join("---:" for _ in variants) + " |")
        for name, v in by_variant:
            print(f"| {name} | " + " | ".join(f"{f:.1f} ({fc:.1f}) / {st:.1f} ({sc:.1f}) / {pr:.0f}" for f, pr, st, fc, sc in v.values()) + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
