"""Distributions in Modelport's profile form (the registry's VersionProfile): cumulative buckets for numerical
columns, counts per category for categorical ones. The server exports the same buckets and categories, so that
drift compares a live window with the training baseline bucket for bucket.
"""
import bisect

from .schema import NUMERICAL

# Categories the model never saw in training are counted under one name: a column of free text or identifiers
# must not give Prometheus a new series for every value.
OTHER = "__other__"


def cumulative(bounds, values):
    counts = [0] * (len(bounds) + 1)
    for v in values:
        counts[bisect.bisect_left(bounds, float(v))] += 1
    out, total = [], 0
    for le, n in zip(bounds + ["+Inf"], counts):
        total += n
        out.append({"le": le, "count": total})
    return out


def profile_of(service, columns, known=None):
    """The profile of these values; `known` lists, per categorical column, categories to count even when absent."""
    features = {}
    for c in service.features + [service.prediction]:
        values = columns[c.name]
        if c.type == NUMERICAL:
            features[c.name] = {"buckets": cumulative(c.buckets, values)}
        else:
            counts = {str(k): 0 for k in (known or {}).get(c.name, [])}
            for v in values:
                counts[str(v)] = counts.get(str(v), 0) + 1
            features[c.name] = {"categories": counts}
    return {"features": features}
