#!/usr/bin/python3
"""
Generates the reference vectors of Modelport's drift statistics from SciPy 1.10.1 and NumPy (Debian bookworm's
python3-scipy and python3-numpy), into src/drift/__fixtures__/scipy-1.10.1.json. The TypeScript tests require
statistics equal to 1e-12 relative and p-values to 1e-9.

Run with Debian's interpreter, so that a newer SciPy installed with pip does not answer instead:
    /usr/bin/python3 plugins/models-common/scripts/generate-drift-vectors.py

Evidently's drift tests (PSI, Jensen-Shannon, normed Wasserstein, chi-square, two-proportion z-test) are
written out below from Evidently's definitions on top of NumPy and SciPy, since Evidently itself is not packaged
for Debian.
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

if scipy.__version__ != '1.10.1':
    sys.exit(f'expected SciPy 1.10.1 (Debian python3-scipy), found {scipy.__version__} at {scipy.__file__}')

rng = np.random.RandomState(20261126)
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'drift', '__fixtures__', 'scipy-1.10.1.json')


def floats(a):
    return [float(x) for x in a]


def binned(reference, current, numerical, feel_zeroes):
    """Evidently's get_binned_data: Sturges bins over both samples for numerical columns with more than 20
    distinct reference values, otherwise one bin per value; empty bins optionally get a tiny share."""
    reference = np.asarray(reference)
    current = np.asarray(current)
    if numerical and len(np.unique(reference)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins='sturges')
        ref = np.histogram(reference, bins)[0] / len(reference)
        cur = np.histogram(current, bins)[0] / len(current)
    else:
        keys = sorted(set(reference.tolist()) | set(current.tolist()))
        ref = np.array([np.sum(reference == k) for k in keys]) / len(reference)
        cur = np.array([np.sum(current == k) for k in keys]) / len(current)
    if feel_zeroes:
        for p in (ref, cur):
            smallest = min(p[p != 0])
            np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return ref, cur


def psi(reference, current, numerical):
    ref, cur = binned(reference, current, numerical, feel_zeroes=True)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def jensenshannon(reference, current, numerical):
    ref, cur = binned(reference, current, numerical, feel_zeroes=False)
    return float(distance.jensenshannon(ref, cur))


def wasserstein_normed(reference, current):
    return float(stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001))


def chisquare(reference, current):
    keys = sorted(set(list(reference)) | set(list(current)))
    k_norm = len(current) / len(reference)
    observed = [sum(1 for x in current if x == k) for k in keys]
    expected = [sum(1 for x in reference if x == k) * k_norm for k in keys]
    statistic, pvalue = stats.chisquare(observed, expected)
    return float(statistic), float(pvalue)


def ztest(reference, current):
    reference = np.asarray(reference)
    current = np.asarray(current)
    if len(set(reference.tolist())) == 1 and len(set(current.tolist())) == 1 and reference[0] == current[0]:
        return 1.0
    key = sorted(set(reference.tolist()) | set(current.tolist()))[0]
    r = (reference != key).astype(float)
    c = (current != key).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = float(sum(r)) / n1, float(sum(c)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(2 * (1 - stats.norm.cdf(np.abs(z))))


def sample(kind, n, shift):
    if kind == 'normal':
        return rng.normal(shift, 1.0, n)
    if kind == 'lognormal':
        return rng.lognormal(shift, 0.75, n)
    if kind == 'rounded':  # many ties
        return np.round(rng.normal(shift, 1.0, n), 1)
    if kind == 'integers':  # few distinct values
        return rng.poisson(2.0 + shift, n).astype(float)
    raise ValueError(kind)


numerical = []
for kind, n1, n2, shift in [
    ('normal', 5, 5, 0.0), ('normal', 7, 13, 1.0), ('normal', 50, 50, 0.0), ('normal', 50, 50, 0.8),
    ('normal', 100, 80, 0.3), ('lognormal', 300, 1000, 0.1), ('rounded', 400, 400, 0.2),
    ('integers', 500, 700, 0.5), ('normal', 1000, 1000, 0.05), ('normal', 2000, 3000, 0.1),
    ('rounded', 3000, 2000, 0.0), ('normal', 10000, 10000, 0.02), ('integers', 6000, 9000, 0.0),
    ('rounded', 12000, 500, 0.15),  # more than 10,000 values: the asymptotic p-value
]:
    reference = sample(kind, n1, 0.0)
    current = sample(kind, n2, shift)
    ks = stats.ks_2samp(reference, current)
    numerical.append({
        'name': f'{kind} {n1} vs {n2}, shift {shift}',
        'reference': floats(reference),
        'current': floats(current),
        'ks': {'statistic': float(ks.statistic), 'pvalue': float(ks.pvalue)},
        'psi': psi(reference, current, True),
        'jensenshannon': jensenshannon(reference, current, True),
        'wasserstein': wasserstein_normed(reference, current),
    })

categorical = []
for name, cats, p_ref, p_cur, n1, n2 in [
    ('plans, stable', ['basic', 'plus', 'premium'], [0.5, 0.3, 0.2], [0.5, 0.3, 0.2], 900, 1100),
    ('plans, shifted', ['basic', 'plus', 'premium'], [0.5, 0.3, 0.2], [0.35, 0.35, 0.3], 900, 1100),
    ('regions, a new category', ['eu', 'us', 'apac', 'latam'], [0.4, 0.4, 0.2, 0.0], [0.35, 0.35, 0.2, 0.1], 500, 500),
    ('binary, stable', ['no', 'yes'], [0.9, 0.1], [0.9, 0.1], 800, 1000),
    ('binary, shifted', ['no', 'yes'], [0.9, 0.1], [0.8, 0.2], 800, 1000),
]:
    reference = list(rng.choice(cats, size=n1, p=p_ref))
    current = list(rng.choice(cats, size=n2, p=p_cur))
    case = {
        'name': name,
        'reference': [str(x) for x in reference],
        'current': [str(x) for x in current],
        'psi': psi(np.array(reference), np.array(current), False),
        'jensenshannon': jensenshannon(np.array(reference), np.array(current), False),
    }
    if set(reference) >= set(current):
        statistic, pvalue = chisquare(reference, current)
        case['chisquare'] = {'statistic': statistic, 'pvalue': pvalue}
    if len(set(reference) | set(current)) == 2:
        case['ztest'] = {'pvalue': ztest(reference, current)}
    categorical.append(case)

# The distribution of the one-sample statistic, which ks_2samp uses for large samples, over all of SciPy's
# methods: Ruben-Gambino at both ends, Durbin's matrix, Pomeranz, Pelz-Good and twice the Smirnov tail.
kstwo = []
for n in [3, 10, 60, 140, 141, 480, 5000, 100000, 100001, 500000]:
    for nx2 in [0.2, 0.5, 0.75, 1.0, 2.0, 3.0, 4.5, 10.0, 25.0, 100.0, 300.0]:
        d = float(np.sqrt(nx2 / n))
        if d < 1:
            kstwo.append({'n': n, 'd': d, 'sf': float(stats.kstwo.sf(d, n))})
    for t in [0.4, 0.7, 1.0]:  # n·d <= 1
        kstwo.append({'n': n, 'd': t / n, 'sf': float(stats.kstwo.sf(t / n, n))})
    kstwo.append({'n': n, 'd': 1 - 0.5 / n, 'sf': float(stats.kstwo.sf(1 - 0.5 / n, n))})  # n·d >= n - 1
    kstwo.append({'n': n, 'd': 0.6, 'sf': float(stats.kstwo.sf(0.6, n))})

with open(OUT, 'w') as f:
    json.dump({
        'generator': 'plugins/models-common/scripts/generate-drift-vectors.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'numerical': numerical,
        'categorical': categorical,
        'kstwo': kstwo,
    }, f, separators=(',', ':'))
    f.write('\n')
print(f'wrote {OUT}')
