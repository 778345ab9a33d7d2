"""Trains the model, evaluates it on held-out data and writes what the registry keeps of a version:

  <out>/model.joblib    the artifact the server loads (KServe's storage initializer puts it in /mnt/models)
  <out>/metrics.json    evaluation metrics on the held-out fifth
  <out>/profile.json    baseline distributions of the features and the prediction on that fifth (Modelport's
                        drift reference), in the buckets and categories the server's metrics use
  <out>/signature.json  the inputs and output, for the registry

python -m modelservice.train --out artifacts [--data train.csv --label churned]
"""
import argparse
import csv
import json
import os
import sys

import joblib
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.metrics import accuracy_score, brier_score_loss, f1_score, mean_absolute_error, mean_squared_error, r2_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

from . import sample_data, schema
from .labels import LabelledClassifier
from .profile import profile_of

PROBABILITY_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def read_csv(path, service, label):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    missing = [c.name for c in service.features if c.name not in rows[0]] + ([label] if label not in rows[0] else [])
    if missing:
        sys.exit(f"{path} has no column {', '.join(missing)}")
    def number(row, column, line):
        try:
            return float(row[column])
        except ValueError:
            sys.exit(f"{path}, line {line}: {column} is {row[column]!r}, not a number; fill or drop the row")

    columns = {
        c.name: np.array([number(r, c.name, i + 2) if c.type == schema.NUMERICAL else r[c.name] for i, r in enumerate(rows)], dtype=float if c.type == schema.NUMERICAL else object)
        for c in service.features
    }
    if service.task == "regression":
        return columns, np.array([number(r, label, i + 2) for i, r in enumerate(rows)])
    y = np.array([r[label] for r in rows])
    classes = sorted(set(y))
    if service.prediction.type == schema.NUMERICAL and len(classes) != 2:
        sys.exit(f"{path}: the prediction is a probability, which needs exactly two classes of {label}, not {len(classes)} ({', '.join(classes[:5])}); make the prediction categorical in service.json for more")
    return columns, y


def matrix(service, columns):
    """The features as one object array in service.json's order: the form the server builds from a request."""
    return np.column_stack([columns[c.name].astype(object) for c in service.features])


def estimator(service, framework):
    if framework == "xgboost":
        import xgboost

        return xgboost.XGBRegressor(n_estimators=200, max_depth=4) if service.task == "regression" else xgboost.XGBClassifier(n_estimators=200, max_depth=4)
    if framework == "lightgbm":
        import lightgbm

        return lightgbm.LGBMRegressor(n_estimators=200) if service.task == "regression" else lightgbm.LGBMClassifier(n_estimators=200)
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(max_iter=200) if service.task == "regression" else HistGradientBoostingClassifier(max_iter=200)


def pipeline(service, framework):
    categorical = [i for i, c in enumerate(service.features) if c.type == schema.CATEGORICAL]
    numerical = [i for i, c in enumerate(service.features) if c.type == schema.NUMERICAL]
    encode = ColumnTransformer(
        [("categories", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical), ("numbers", "passthrough", numerical)],
        sparse_threshold=0,
    )
    model = estimator(service, framework)
    if framework == "xgboost" and service.task != "regression":
        # XGBoost takes classes 0..n-1 only; the labels of the data are kept for predictions.
        model = LabelledClassifier(model)
    return Pipeline([("encode", encode), ("model", model)])


def predict(service, model, x):
    """The prediction column: the positive class' probability, the class, or the value."""
    if service.task == "regression" or service.prediction.type == schema.CATEGORICAL:
        return model.predict(x)
    return model.predict_proba(x)[:, 1]


def evaluate(service, model, x, y):
    if service.task == "regression":
        p = model.predict(x)
        return {"rmse": float(np.sqrt(mean_squared_error(y, p))), "mae": float(mean_absolute_error(y, p)), "r2": float(r2_score(y, p))}
    if service.prediction.type == schema.CATEGORICAL:
        p = model.predict(x)
        return {"accuracy": float(accuracy_score(y, p)), "f1_macro": float(f1_score(y, p, average="macro"))}
    proba = model.predict_proba(x)[:, 1]
    positive = model.classes_[1]
    truth = (y == positive).astype(int)
    return {
        "auc": float(roc_auc_score(truth, proba)),
        "accuracy": float(accuracy_score(truth, (proba >= 0.5).astype(int))),
        "brier_score": float(brier_score_loss(truth, proba)),
    }


def decile_bounds(values):
    """Nine inner deciles of the training values, rounded to three significant digits and without repeats."""
    qs = np.quantile(values.astype(float), np.linspace(0.1, 0.9, 9))
    return sorted({float(f"{q:.3g}") for q in qs})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="artifacts")
    parser.add_argument("--data", help="CSV with a column per feature and the label; default: the synthetic sample")
    parser.add_argument("--label", default="label")
    args = parser.parse_args(argv)

    service = schema.load()
    columns, y = read_csv(args.data, service, args.label) if args.data else sample_data.sample(service)
    # Bounds stay as service.json says once it says them, so that every version exports the same buckets.
    computed = [c for c in service.numerical if not c.buckets]
    for c in computed:
        c.buckets = decile_bounds(columns[c.name])
    if service.prediction.type == schema.NUMERICAL and not service.prediction.buckets:
        computed.append(service.prediction)
        service.prediction.buckets = PROBABILITY_BUCKETS if service.task != "regression" else decile_bounds(np.asarray(y, dtype=float))
    if computed:
        schema.save_buckets(service)
        print(f"Wrote the histogram bounds of {', '.join(c.name for c in computed)} to service.json: commit them", file=sys.stderr)

    x = matrix(service, columns)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42)
    model = pipeline(service, service.framework).fit(x_train, y_train)
    metrics = evaluate(service, model, x_test, y_test)

    held_out = {c.name: x_test[:, i] for i, c in enumerate(service.features)}
    held_out[service.prediction.name] = predict(service, model, x_test)
    # Every category seen in training, so that the server counts them by name and only new ones as "other".
    known = {c.name: sorted({str(v) for v in x[:, i]}) for i, c in enumerate(service.features) if c.type == schema.CATEGORICAL}
    if service.prediction.type == schema.CATEGORICAL:
        known[service.prediction.name] = sorted({str(v) for v in y})
    profile = profile_of(service, held_out, known)

    os.makedirs(args.out, exist_ok=True)
    joblib.dump(model, os.path.join(args.out, "model.joblib"))
    signature = {
        "inputs": [{"name": c.name, "type": "FP64" if c.type == schema.NUMERICAL else "BYTES"} for c in service.features],
        "outputs": [{"name": service.prediction.name, "type": "FP64" if service.prediction.type == schema.NUMERICAL else "BYTES"}],
    }
    # The columns and bounds this version was trained with travel with it: the server reads them from /mnt/models.
    with open(schema.SERVICE_FILE, encoding="utf-8") as f:
        columns_file = json.load(f)
    for name, content in (("metrics.json", metrics), ("profile.json", profile), ("signature.json", signature), ("service.json", columns_file)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            json.dump(content, f, indent=2)
    print(json.dumps(metrics))
    return metrics


if __name__ == "__main__":
    main()
