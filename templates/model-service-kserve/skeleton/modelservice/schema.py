"""The model's columns, from service.json: the one description the trainer, the server and its metrics share.

service.json was written by Modelport's "New model service (KServe)" template from the same answers as the Model
in catalog-info.yaml (spec.monitoring): keep the two in step when a feature is added or removed.
"""
import json
import os
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
# MODELSERVICE_FILE points elsewhere for the tests, which must not rewrite the repository's file.
SERVICE_FILE = os.environ.get("MODELSERVICE_FILE") or os.path.join(os.path.dirname(HERE), "service.json")

NUMERICAL = "numerical"
CATEGORICAL = "categorical"


@dataclass
class Column:
    name: str
    type: str
    # Histogram bounds of a numerical column (its buckets in modelport_feature_value and in the baseline profile).
    # They must stay the same from version to version for drift to compare like with like: train.py computes them
    # once from the training data and writes them here.
    buckets: list = field(default_factory=list)


@dataclass
class Service:
    name: str
    task: str
    framework: str
    features: list
    prediction: Column
    # The Model this one replaces and the version of it whose metrics each new version must match or beat:
    # {"model": "model:default/<name>", "version": "<label>"}, or None.
    champion: dict = None

    @property
    def numerical(self):
        return [c for c in self.features if c.type == NUMERICAL]


def load(path=None):
    path = path or SERVICE_FILE
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    columns = [Column(c["name"], c["type"], list(c.get("buckets", []))) for c in raw["features"]]
    p = raw["prediction"]
    return Service(raw["name"], raw["task"], raw.get("framework", "sklearn"), columns, Column(p["name"], p["type"], list(p.get("buckets", []))), raw.get("champion"))


def save_buckets(service, path=None):
    path = path or SERVICE_FILE
    """Writes the bounds computed by training back into service.json, keeping everything else of it."""
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    by_name = {c.name: c for c in service.features + [service.prediction]}
    for c in raw["features"] + [raw["prediction"]]:
        if by_name[c["name"]].buckets:
            c["buckets"] = by_name[c["name"]].buckets
    with open(path, "w", encoding="utf-8") as f:
        json.dump(raw, f, indent=2)
        f.write("\n")
