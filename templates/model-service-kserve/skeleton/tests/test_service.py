"""The model trains, and its server answers the Open Inference Protocol with the metrics Modelport reads.

python -m unittest discover -s tests -v
"""
import json
import os
import shutil
import tempfile
import threading
import unittest
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix="modelservice-test-")
# A copy of service.json: training writes histogram bounds into it.
shutil.copy(os.path.join(ROOT, "service.json"), os.path.join(WORK, "service.json"))
os.environ["MODELSERVICE_FILE"] = os.path.join(WORK, "service.json")

from modelservice import schema, server, train  # noqa: E402


def request(url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if body is not None else "GET", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def example_inputs(service, rows=3):
    tensors = []
    for c in service.features:
        if c.type == schema.NUMERICAL:
            tensors.append({"name": c.name, "shape": [rows], "datatype": "FP64", "data": [float(10 + i) for i in range(rows)]})
        else:
            tensors.append({"name": c.name, "shape": [rows], "datatype": "BYTES", "data": [f"{c.name}_{i % 4}" for i in range(rows)]})
    return tensors


class ModelServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.artifacts = os.path.join(WORK, "artifacts")
        cls.metrics = train.main(["--out", cls.artifacts])
        cls.service = schema.load()
        cls.httpd, _ = server.serve(cls.service.name, cls.artifacts, 0, host="127.0.0.1")
        threading.Thread(target=cls.httpd.serve_forever, daemon=True).start()
        cls.url = f"http://127.0.0.1:{cls.httpd.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.httpd.shutdown()
        shutil.rmtree(WORK, ignore_errors=True)

    def test_training_writes_the_version_files(self):
        for name in ("model.joblib", "metrics.json", "profile.json", "signature.json", "service.json"):
            self.assertTrue(os.path.exists(os.path.join(self.artifacts, name)), name)
        with open(os.path.join(self.artifacts, "profile.json")) as f:
            profile = json.load(f)["features"]
        self.assertEqual(set(profile), {c.name for c in self.service.features} | {self.service.prediction.name})
        self.assertTrue(self.metrics)

    def test_health_and_metadata(self):
        self.assertEqual(request(f"{self.url}/v2/health/live"), (200, '{"live": true}'))
        self.assertEqual(request(f"{self.url}/v2/health/ready"), (200, '{"ready": true}'))
        status, body = request(f"{self.url}/v2/models/{self.service.name}")
        self.assertEqual(status, 200)
        self.assertEqual([i["name"] for i in json.loads(body)["inputs"]], [c.name for c in self.service.features])
        self.assertEqual(request(f"{self.url}/v2/models/{self.service.name}/ready")[0], 200)

    def test_infer(self):
        status, body = request(f"{self.url}/v2/models/{self.service.name}/infer", {"id": "r1", "inputs": example_inputs(self.service)})
        self.assertEqual(status, 200, body)
        answer = json.loads(body)
        self.assertEqual(answer["id"], "r1")
        self.assertEqual(answer["outputs"][0]["name"], self.service.prediction.name)
        self.assertEqual(answer["outputs"][0]["shape"], [3])

    def test_bad_requests_are_400_and_unknown_models_404(self):
        first = self.service.features[0].name
        status, body = request(f"{self.url}/v2/models/{self.service.name}/infer", {"inputs": [t for t in example_inputs(self.service) if t["name"] != first]})
        self.assertEqual(status, 400)
        self.assertIn(f"missing inputs: {first}", json.loads(body)["error"])
        self.assertEqual(request(f"{self.url}/v2/models/other/infer", {"inputs": []})[0], 404)
        # Malformed tensors are the caller's mistake too, never a server error that spends the error budget.
        odd = example_inputs(self.service)
        odd[0] = {**odd[0], "shape": ["3"]}
        status, body = request(f"{self.url}/v2/models/{self.service.name}/infer", {"inputs": odd})
        self.assertEqual(status, 400, body)
        self.assertIn("shape must be a list of non-negative integers", json.loads(body)["error"])
        odd[0] = {**example_inputs(self.service)[0], "name": ["x"]}
        self.assertEqual(request(f"{self.url}/v2/models/{self.service.name}/infer", {"inputs": odd})[0], 400)

    def test_a_keep_alive_connection_survives_a_request_to_no_route(self):
        import http.client

        host, port = self.httpd.server_address[:2]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        body = json.dumps({"inputs": example_inputs(self.service)})
        conn.request("POST", "/v2/no-such-route", body, {"Content-Type": "application/json"})
        first = conn.getresponse()
        first.read()
        self.assertEqual(first.status, 404)
        # The same connection: the body of the refused request was read, so this one is answered as itself.
        conn.request("POST", f"/v2/models/{self.service.name}/infer", body, {"Content-Type": "application/json"})
        second = conn.getresponse()
        self.assertEqual(second.status, 200, second.read())
        conn.close()

    def test_metrics_carry_the_names_modelport_reads(self):
        request(f"{self.url}/v2/models/{self.service.name}/infer", {"inputs": example_inputs(self.service)})
        status, text = request(f"{self.url}/metrics")
        self.assertEqual(status, 200)
        samples = [s for family in text_string_to_metric_families(text) for s in family.samples]

        def has(metric, **labels):
            return any(s.name == metric and all(s.labels.get(k) == v for k, v in labels.items()) for s in samples)

        name = self.service.name
        self.assertTrue(has("modelport_requests_total", model=name, code="200"))
        self.assertTrue(has("modelport_request_duration_seconds_bucket", model=name, le="0.3"))
        for c in self.service.features + [self.service.prediction]:
            metric = "modelport_feature_value_bucket" if c.type == schema.NUMERICAL else "modelport_feature_category_total"
            self.assertTrue(has(metric, model=name, feature=c.name), f"{metric} of {c.name}")


if __name__ == "__main__":
    unittest.main()
