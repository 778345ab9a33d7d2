"""The model server: KServe's Open Inference Protocol (v2 REST) for one model, and at /metrics the request and
feature metrics Modelport's SLO and drift cards read (Modelport's docs/metrics.md):

  modelport_requests_total{model, code}                 inference requests by HTTP status
  modelport_request_duration_seconds{model}             their duration (histogram)
  modelport_feature_value{model, feature}               numerical features and prediction (histogram, bounds of service.json)
  modelport_feature_category_total{model, feature, category}   categorical features and prediction

KServe starts it as its ServingRuntime says (deploy/<environment>/servingruntime.yaml):
python -m modelservice.server --model_name=<name> --model_dir=/mnt/models --http_port=8080

It is Python's standard library HTTP server on threads, so that the image needs nothing beyond the model's own
packages and prometheus-client; put a framework server in front only if this one becomes the bottleneck.
"""
import argparse
import bisect
import json
import logging
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import joblib
import numpy as np

# Only the series Modelport reads: no `_created` twin of every counter and histogram.
os.environ.setdefault("PROMETHEUS_DISABLE_CREATED_SERIES", "True")
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import HistogramMetricFamily
from prometheus_client.utils import floatToGoString

from . import schema
from .profile import OTHER

SERVER_VERSION = "0.1.0"
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0)
NUMERIC_TYPES = {"FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64"}
MODEL_PATH = re.compile(r"^/v2/models/([^/]+)(?:/versions/([^/]+))?(/ready|/infer)?$")

log = logging.getLogger("modelservice")


class BadRequest(Exception):
    """The request's fault: answered 400 with the reason, as the protocol's error object."""


class FeatureHistograms:
    """modelport_feature_value: one classic histogram per numerical column, each with its own bounds.

    prometheus_client's Histogram has one set of bounds for all its label values, and every column has its own
    scale, so this collector keeps the counts itself and exports them as one histogram family.
    """

    def __init__(self, model, bounds):
        self._model = model
        self._bounds = {name: sorted(float(b) for b in bs) for name, bs in bounds.items()}
        self._counts = {name: [0] * (len(bs) + 1) for name, bs in self._bounds.items()}
        self._sums = {name: 0.0 for name in self._bounds}
        self._lock = threading.Lock()

    def observe(self, name, values):
        bounds = self._bounds[name]
        with self._lock:
            for v in values:
                self._counts[name][bisect.bisect_left(bounds, v)] += 1
                self._sums[name] += v

    def collect(self):
        family = HistogramMetricFamily("modelport_feature_value", "Observed values of numerical features and predictions", labels=["model", "feature"])
        with self._lock:
            for name, bounds in self._bounds.items():
                total, buckets = 0, []
                for le, n in zip([floatToGoString(b) for b in bounds] + ["+Inf"], self._counts[name]):
                    total += n
                    buckets.append((le, total))
                family.add_metric([self._model, name], buckets, self._sums[name])
        yield family


class ModelService:
    """The loaded model, its columns and its metrics; one per process."""

    def __init__(self, name, model_dir, service):
        self.name = name
        self.service = service
        self.model = joblib.load(os.path.join(model_dir, "model.joblib"))
        with open(os.path.join(model_dir, "profile.json"), encoding="utf-8") as f:
            profile = json.load(f)["features"]
        # The categories of training; others are counted as one.
        self.known = {c: set(p["categories"]) for c, p in profile.items() if "categories" in p}
        columns = service.features + [service.prediction]
        numerical = {c.name: c.buckets for c in columns if c.type == schema.NUMERICAL}
        self.registry = CollectorRegistry()
        self.requests = Counter("modelport_requests", "Inference requests by HTTP status", ["model", "code"], registry=self.registry)
        self.duration = Histogram("modelport_request_duration_seconds", "Inference request duration", ["model"], buckets=REQUEST_BUCKETS, registry=self.registry)
        self.categories = Counter("modelport_feature_category", "Observed categories of categorical features and predictions", ["model", "feature", "category"], registry=self.registry)
        self.histograms = FeatureHistograms(name, numerical)
        self.registry.register(self.histograms)
        # Series exist from the start, at zero: a model without traffic says so rather than nothing, and the first
        # requests after a start count in rate() and increase(), which cannot see a series' jump from nothing.
        self.duration.labels(name)
        for code in ("200", "400", "500"):
            self.requests.labels(name, code)
        for column, categories in self.known.items():
            for category in sorted(categories) + [OTHER]:
                self.categories.labels(name, column, category)

    def metadata(self):
        def tensor(c):
            return {"name": c.name, "datatype": "FP64" if c.type == schema.NUMERICAL else "BYTES", "shape": [-1]}

        return {
            "name": self.name,
            "versions": [],
            "platform": "sklearn_joblib",
            "inputs": [tensor(c) for c in self.service.features],
            "outputs": [tensor(self.service.prediction)],
        }

    def rows(self, body):
        """The request's tensors as rows in service.json's column order, checked as the protocol defines them."""
        if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
            raise BadRequest("expected an inference request with an 'inputs' list")
        given = {}
        for i, t in enumerate(body["inputs"]):
            if not isinstance(t, dict) or not all(k in t for k in ("name", "shape", "datatype", "data")):
                raise BadRequest(f"inputs[{i}] needs name, shape, datatype and data")
            if not isinstance(t["name"], str):
                raise BadRequest(f"inputs[{i}].name must be a string")
            given[t["name"]] = t
        names = [c.name for c in self.service.features]
        unknown = sorted(set(given) - set(names))
        missing = [n for n in names if n not in given]
        if unknown or missing:
            raise BadRequest("; ".join(filter(None, [f"unknown inputs: {', '.join(unknown)}" if unknown else "", f"missing inputs: {', '.join(missing)}" if missing else ""])))
        columns, length = [], None
        for c in self.service.features:
            t = given[c.name]
            data = np.asarray(t["data"], dtype=object).reshape(-1)
            shape = t["shape"]
            if not isinstance(shape, list) or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
                raise BadRequest(f"input {c.name}: shape must be a list of non-negative integers, not {json.dumps(shape)}")
            if int(np.prod(shape)) != data.size:
                raise BadRequest(f"input {c.name}: shape {shape} does not hold {data.size} values")
            if length is not None and data.size != length:
                raise BadRequest(f"input {c.name} has {data.size} values, the others {length}")
            length = data.size
            if c.type == schema.NUMERICAL:
                if t["datatype"] not in NUMERIC_TYPES:
                    raise BadRequest(f"input {c.name} is numerical: datatype {t['datatype']} should be one of FP32, FP64, INT32, INT64")
                try:
                    values = data.astype(float)
                except (TypeError, ValueError):
                    raise BadRequest(f"input {c.name}: every value must be a number") from None
                if not np.all(np.isfinite(values)):
                    raise BadRequest(f"input {c.name}: values must be finite")
                columns.append(values.astype(object))
            else:
                if t["datatype"] != "BYTES":
                    raise BadRequest(f"input {c.name} is categorical: datatype should be BYTES, not {t['datatype']}")
                columns.append(np.array([str(v) for v in data], dtype=object))
        if not length:
            raise BadRequest("the inputs hold no rows")
        return np.column_stack(columns)

    def infer(self, body):
        x = self.rows(body)
        if self.service.task == "regression" or self.service.prediction.type == schema.CATEGORICAL:
            prediction = self.model.predict(x)
        else:
            prediction = self.model.predict_proba(x)[:, 1]
        self.observe(x, prediction)
        numerical = self.service.prediction.type == schema.NUMERICAL
        output = {
            "name": self.service.prediction.name,
            "datatype": "FP64" if numerical else "BYTES",
            "shape": [len(prediction)],
            "data": [float(p) for p in prediction] if numerical else [str(p) for p in prediction],
        }
        answer = {"model_name": self.name, "outputs": [output]}
        if "id" in body:
            answer["id"] = body["id"]
        return answer

    def observe(self, x, prediction):
        for i, c in enumerate(self.service.features):
            self.observe_column(c, x[:, i])
        self.observe_column(self.service.prediction, prediction)

    def observe_column(self, column, values):
        if column.type == schema.NUMERICAL:
            self.histograms.observe(column.name, [float(v) for v in values])
            return
        known = self.known.get(column.name, set())
        for v in values:
            category = str(v) if str(v) in known else OTHER
            self.categories.labels(self.name, column.name, category).inc()


def handler_for(model):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = f"modelservice/{SERVER_VERSION}"

        def log_message(self, fmt, *args):
            log.debug("%s - %s", self.address_string(), fmt % args)

        def answer(self, status, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/v2/health/live":
                return self.answer(200, {"live": True})
            if path == "/v2/health/ready":
                return self.answer(200, {"ready": True})
            if path == "/v2":
                return self.answer(200, {"name": "modelservice", "version": SERVER_VERSION, "extensions": []})
            if path == "/metrics":
                return self.answer(200, generate_latest(model.registry), CONTENT_TYPE_LATEST)
            match = MODEL_PATH.match(path)
            if match and match.group(3) != "/infer":
                if match.group(1) != model.name:
                    return self.answer(404, {"error": f"Model {match.group(1)} not found"})
                return self.answer(200, {"name": model.name, "ready": True} if match.group(3) == "/ready" else model.metadata())
            return self.answer(404, {"error": f"No route {path}"})

        def do_POST(self):
            path = self.path.split("?")[0]
            # The body is read before any answer, so that a keep-alive connection's next request starts where it should.
            try:
                length = int(self.headers.get("Content-Length") or 0)
                if length < 0:
                    raise ValueError(length)
            except ValueError:
                self.close_connection = True
                return self.answer(400, {"error": "Content-Length must be a number of bytes"})
            if self.headers.get("Transfer-Encoding"):
                # Chunked bodies are not read here: say so and close, rather than read the chunks as the next request.
                self.close_connection = True
                return self.answer(411, {"error": "send the request with a Content-Length"})
            raw = self.rfile.read(length)
            match = MODEL_PATH.match(path)
            if not match or match.group(3) != "/infer":
                return self.answer(404, {"error": f"No route {path}"})
            started = time.perf_counter()
            status = 500
            try:
                if match.group(1) != model.name:
                    status, body = 404, {"error": f"Model {match.group(1)} not found"}
                else:
                    try:
                        request = json.loads(raw or b"null")
                    except ValueError as e:
                        raise BadRequest(f"the body is not JSON: {e}") from None
                    status, body = 200, model.infer(request)
            except BadRequest as e:
                status, body = 400, {"error": str(e)}
            except Exception as e:  # the model's failure: 500, counted against the availability objective
                log.exception("inference failed")
                status, body = 500, {"error": f"inference failed: {e}"}
            finally:
                model.requests.labels(model.name, str(status)).inc()
                model.duration.labels(model.name).observe(time.perf_counter() - started)
            return self.answer(status, body)

    return Handler


def serve(model_name, model_dir, port, host="0.0.0.0"):
    # The version's own columns and bounds (train.py puts service.json beside the model), so that one image serves
    # any version; the image's service.json only for artifacts from before.
    versioned = os.path.join(model_dir, "service.json")
    model = ModelService(model_name, model_dir, schema.load(versioned if os.path.exists(versioned) else None))
    server = ThreadingHTTPServer((host, port), handler_for(model))
    server.daemon_threads = True
    return server, model


def main(argv=None):
    parser = argparse.ArgumentParser(description="Open Inference Protocol server of one model")
    parser.add_argument("--model_name", default=os.environ.get("MODEL_NAME") or schema.load().name)
    parser.add_argument("--model_dir", default=os.environ.get("MODEL_DIR", "/mnt/models"))
    parser.add_argument("--http_port", type=int, default=int(os.environ.get("HTTP_PORT", "8080")))
    args, _ = parser.parse_known_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    server, _ = serve(args.model_name, args.model_dir, args.http_port)
    # The port it listens on, for whoever started it with port 0.
    print(f"listening on {server.server_address[1]}", flush=True)
    log.info("serving %s from %s on port %d", args.model_name, args.model_dir, server.server_address[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
