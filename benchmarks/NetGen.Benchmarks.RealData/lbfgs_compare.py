#!/usr/bin/python3
"""NetGen's full-batch L-BFGS (LbfgsTrainer) against scikit-learn's MLPClassifier(solver='lbfgs') on iris and wine.

Run with Debian's Python (apt-get install python3-sklearn), from the repository root:

    dotnet build benchmarks/NetGen.Benchmarks.RealData -c Release
    /usr/bin/python3 benchmarks/NetGen.Benchmarks.RealData/lbfgs_compare.py [--max-iter 200] [--seeds 5]
        [--sets iris,wine] [--activations relu,tanh]

Both sides fit every row of the set (no split: this compares the optimisers, not generalisation), features
standardised with their mean and population standard deviation, the same architecture (one hidden layer of 16
units for iris, 32 for wine; softmax output, cross-entropy), alpha=0 (no L2 penalty), the same max_iter.
Printed per set: the final training loss (mean cross-entropy), training accuracy, iterations, function
evaluations and fit time of each side; scikit-learn over --seeds random_states (median, min and max), NetGen
with its declared seed (Lbfgs.cs). The initial weights differ (different random streams; scikit-learn also
draws the biases, NetGen starts them at 0), so on these non-convex networks equal minima are not expected;
the exact check of the method is the convex case in tests/NetGen.Tests/LbfgsTests.cs. What else differs:
scikit-learn computes in float64 and stops by SciPy's rules (gtol = tol = 1e-4 on the gradient's ∞-norm,
ftol 2.2e-9, maxfun 15000); NetGen computes the network in float32 and stops by LbfgsOptions' defaults
(gradient ∞-norm 1e-5, relative loss change 1e-7) or when its line search finds no lower loss.
"""
import argparse
import json
import os
import statistics
import subprocess
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
DLL = os.path.join(HERE, "bin", "Release", "net10.0", "NetGen.Benchmarks.RealData.dll")
HIDDEN = {"iris": 16, "wine": 32}  # must match Lbfgs.cs
FILES = {"iris": "iris.csv", "wine": "wine_data.csv"}


def load(name):
    with open(os.path.join(DATA, FILES[name])) as f:
        next(f)  # "rows,features,class names..."
        rows = np.array([[float(v) for v in line.strip().split(",")] for line in f if line.strip()])
    x, y = rows[:, :-1], rows[:, -1].astype(int)
    x = (x - x.mean(axis=0)) / x.std(axis=0)  # population standard deviation, as StandardScaler
    return x, y


def sklearn_fit(x, y, hidden, activation, max_iter, seed):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(hidden_layer_sizes=(hidden,), activation=activation, solver="lbfgs", alpha=0.0,
                        max_iter=max_iter, random_state=seed)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y)
    ms = (time.perf_counter() - start) * 1000
    p = clf.predict_proba(x)
    loss = -np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-300, None)))
    return dict(loss=loss, accuracy=float(np.mean(clf.predict(x) == y)), iterations=clf.n_iter_, ms=ms)


def netgen_fit(name, activation, max_iter):
    out = subprocess.run(["dotnet", DLL, "lbfgs", name, "--activation", activation, "--max-iter", str(max_iter)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-iter", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--sets", default="iris,wine")
    parser.add_argument("--activations", default="relu,tanh")
    args = parser.parse_args()

    print(f"| set | hidden | side | final training loss | training accuracy | iterations | evaluations | stopped by | fit ms |")
    print(f"| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in args.sets.split(","):
        x, y = load(name)
        for activation in args.activations.split(","):
            n = netgen_fit(name, activation, args.max_iter)
            print(f"| {name} | {HIDDEN[name]} {activation} | NetGen (seed 1) | {n['loss']:.3g} | {n['accuracy']:.4f} | "
                  f"{n['iterations']} | {n['evaluations']} | {n['stop']} | {n['first_ms']:.0f} (JIT included); {n['second_ms']:.0f} (2nd fit) |")
            runs = [sklearn_fit(x, y, HIDDEN[name], activation, args.max_iter, seed) for seed in range(args.seeds)]
            losses = [r["loss"] for r in runs]
            accuracies = [r["accuracy"] for r in runs]
            iterations = [r["iterations"] for r in runs]
            times = [r["ms"] for r in runs]
            print(f"| {name} | {HIDDEN[name]} {activation} | scikit-learn ({args.seeds} seeds) | "
                  f"{statistics.median(losses):.3g} ({min(losses):.3g}–{max(losses):.3g}) | "
                  f"{statistics.median(accuracies):.4f} ({min(accuracies):.4f}–{max(accuracies):.4f}) | "
                  f"{statistics.median(iterations):.0f} ({min(iterations)}–{max(iterations)}) | | | "
                  f"{statistics.median(times):.0f} |")


if __name__ == "__main__":
    main()
