#!/usr/bin/python3
"""SciPy's side of the drift benchmark (bench/src/drift/run.ts): times each statistic on the same samples.
Usage: /usr/bin/python3 scipy_drift.py reference.f64 current.f64 rounds"""
import json
import sys
import time

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance


def binned(reference, current, feel_zeroes):
    # Evidently's get_binned_data for a numerical column with more than 20 distinct reference values.
    if len(np.unique(reference)) <= 20:
        raise SystemExit('the benchmark samples must be continuous')
    bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins='sturges')
    ref = np.histogram(reference, bins)[0] / len(reference)
    cur = np.histogram(current, bins)[0] / len(current)
    if feel_zeroes:
        for p in (ref, cur):
            smallest = min(p[p != 0])
            np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return ref, cur


def psi(reference, current):
    ref, cur = binned(reference, current, True)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


statistics = {
    'ks p-value': lambda r, c: float(stats.ks_2samp(r, c).pvalue),
    'normed Wasserstein': lambda r, c: float(stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)),
    'PSI': psi,
    'Jensen-Shannon': lambda r, c: float(distance.jensenshannon(*binned(r, c, False))),
}

reference = np.fromfile(sys.argv[1], dtype='<f8')
current = np.fromfile(sys.argv[2], dtype='<f8')
rounds = int(sys.argv[3])
out = {'scipy': scipy.__version__, 'numpy': np.__version__, 'python': sys.version.split()[0], 'results': {}}
for name, fn in statistics.items():
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        value = fn(reference, current)
        times.append(time.perf_counter() - started)
    out['results'][name] = {'value': value, 'seconds': sorted(times)[len(times) // 2]}
print(json.dumps(out))
