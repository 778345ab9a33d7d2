"""A synthetic training set in the shape of service.json, so that the pipeline runs end to end before the team's
own data is wired in. Replace it: pass --data with a CSV of the real features and the label.
"""
import numpy as np

from .schema import CATEGORICAL, NUMERICAL


def categories_of(column):
    return [f"{column.name}_{i}" for i in range(4)]


def sample(service, rows=4000, seed=7):
    rng = np.random.default_rng(seed)
    columns = {}
    signal = np.zeros(rows)
    for i, c in enumerate(service.features):
        if c.type == NUMERICAL:
            values = rng.lognormal(mean=2 + 0.3 * i, sigma=0.6, size=rows)
            signal += (np.log(values) - (2 + 0.3 * i)) * (1 if i % 2 == 0 else -1)
        else:
            cats = categories_of(c)
            picks = rng.integers(0, len(cats), size=rows)
            values = np.array(cats, dtype=object)[picks]
            signal += (picks - 1.5) * 0.4
        columns[c.name] = values
    noise = rng.normal(0, 0.5, size=rows)
    if service.task == "regression":
        label = 10 + 3 * signal + noise
    elif service.prediction.type == CATEGORICAL:
        label = np.digitize(signal + noise, [-0.7, 0.7]).astype(str)
    else:
        label = (signal + noise > 0).astype(int)
    return columns, label
