"""MLServer serving exported ONNX files over the Open Inference Protocol, as the Serve cell
calls it: metadata, a CORS preflight from the app's origin, infer — the served probabilities
match onnxruntime in-process within 1e-5.

    .venv/bin/python tests/serving/test_serve_onnx.py      (make test-serving)

The ONNX files come from `cargo run -p jukebox-core --example onnx_fixtures` when the core has
that example (the app's own exporter), else from `tiny_models` below (built with `onnx`).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "http://127.0.0.1:8765"
N_FEATURES, N_CLASSES = 13, 72
FEATURES = ["is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
            "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo"]


def tiny_models(folder: Path) -> list:
    """A softmax regression in the exporter's two signatures: 13 [N,1] inputs, one [N,13]."""
    rng = np.random.default_rng(6)
    weights = rng.normal(size=(N_FEATURES, N_CLASSES)).astype(np.float32)
    bias = rng.normal(size=N_CLASSES).astype(np.float32)
    initializers = [helper.make_tensor("W", TensorProto.FLOAT, weights.shape, weights.ravel()),
                    helper.make_tensor("b", TensorProto.FLOAT, bias.shape, bias)]
    head = [helper.make_node("MatMul", ["x", "W"], ["logits"]),
            helper.make_node("Add", ["logits", "b"], ["z"]),
            helper.make_node("Softmax", ["z"], ["output"], axis=1)]
    output = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", N_CLASSES])
    per_feature = [helper.make_tensor_value_info(f, TensorProto.FLOAT, ["N", 1]) for f in FEATURES]
    single = [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", N_FEATURES])]
    graphs = {
        "per_feature": helper.make_graph(
            [helper.make_node("Concat", FEATURES, ["x"], axis=1)] + head,
            "per_feature", per_feature, [output], initializers),
        "single": helper.make_graph(
            [helper.make_node("Identity", ["input"], ["x"])] + head,
            "single", single, [output], initializers),
    }
    paths = []
    for name, graph in graphs.items():
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
        model.ir_version = 8
        onnx.checker.check_model(model)
        paths.append(folder / f"{name}.onnx")
        onnx.save(model, paths[-1])
    return paths


def exported_models(folder: Path) -> list:
    if not (ROOT / "core/examples/onnx_fixtures.rs").exists():
        return tiny_models(folder)
    # `make test-serving` builds the example with the native tests' package selection and
    # names it here: `cargo run -p jukebox-core` alone would compile polars again.
    built = os.environ.get("JUKEBOX_ONNX_FIXTURES")
    command = [built] if built else ["cargo", "run", "-q", "-p", "jukebox-core", "--example",
                                     "onnx_fixtures", "--"]
    subprocess.run(command + [str(folder)], cwd=ROOT, check=True)
    return sorted(folder.glob("*.onnx"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, body=None, method=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", "Origin": ORIGIN, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Served:
    """scripts/serve-onnx.sh in its own process group, stopped (and checked gone) on exit."""

    def __init__(self, model: Path):
        self.port = free_port()
        self.name = model.stem
        self.url = f"http://127.0.0.1:{self.port}/v2/models/{self.name}"
        started = time.monotonic()
        self.process = subprocess.Popen(
            [str(ROOT / "scripts/serve-onnx.sh"), str(model), str(self.port), ORIGIN],
            stdout=subprocess.PIPE, text=True, start_new_session=True)
        line = self.process.stdout.readline()
        if not line.startswith("serve-onnx: ready"):
            self.stop()
            raise RuntimeError(f"MLServer did not start for {model} (see its log above)")
        self.start_seconds = time.monotonic() - started

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process.stdout.close()


class ServeOnnxTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.models = exported_models(Path(cls.folder.name))

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_every_exported_model_is_served_as_onnxruntime_runs_it(self):
        self.assertGreaterEqual(len(self.models), 2)
        for model in self.models:
            with self.subTest(model=model.name):
                served = Served(model)
                try:
                    print(f"{model.name}: MLServer ready in {served.start_seconds:.1f} s",
                          file=sys.stderr)
                    self.check_served(model, served)
                finally:
                    served.stop()
                # The port is free again (TIME_WAIT aside): the server went with the script.
                with socket.socket() as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(("127.0.0.1", served.port))

    def check_served(self, model: Path, served: Served):
        session = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
        status, _, text = call(served.url)
        self.assertEqual(status, 200, text)
        metadata = json.loads(text)
        self.assertEqual([i["name"] for i in metadata["inputs"]],
                         [i.name for i in session.get_inputs()])
        self.assertTrue(all(i["datatype"] == "FP32" for i in metadata["inputs"]), metadata)
        self.assertEqual(metadata["outputs"][0]["shape"][0], -1, metadata)
        n_classes = metadata["outputs"][0]["shape"][1]

        status, headers, _ = call(served.url + "/infer", method="OPTIONS", headers={
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["access-control-allow-origin"], ORIGIN)
        status, headers, _ = call(served.url + "/infer", method="OPTIONS", headers={
            "Origin": "http://elsewhere.invalid", "Access-Control-Request-Method": "POST"})
        self.assertIsNone(headers["access-control-allow-origin"])

        rng = np.random.default_rng(13)
        for _ in range(5):
            row = rng.uniform(-0.5, 1.5, size=len(FEATURES)).astype(np.float32)
            inputs = metadata["inputs"]
            if len(inputs) == 1:
                body = [{"name": inputs[0]["name"], "shape": [1, row.size], "datatype": "FP32",
                         "data": row.tolist()}]
                feeds = {inputs[0]["name"]: row.reshape(1, -1)}
            else:
                body = [{"name": i["name"], "shape": [1, 1], "datatype": "FP32", "data": [float(v)]}
                        for i, v in zip(inputs, row)]
                feeds = {i["name"]: np.array([[v]], np.float32) for i, v in zip(inputs, row)}
            status, headers, text = call(served.url + "/infer", {"inputs": body})
            self.assertEqual(status, 200, text)
            self.assertEqual(headers["access-control-allow-origin"], ORIGIN)
            answer = json.loads(text)["outputs"][0]
            self.assertEqual(answer["shape"], [1, n_classes])
            expected = session.run(None, feeds)[0].ravel()
            difference = np.max(np.abs(np.array(answer["data"]) - expected))
            self.assertLessEqual(difference, 1e-5, f"{model.name}: served vs onnxruntime")
            self.assertAlmostEqual(sum(answer["data"]), 1.0, places=4)

        status, _, text = call(served.url + "/infer", {"inputs": [
            {"name": "nope", "shape": [1, 1], "datatype": "FP32", "data": [0.0]}]})
        self.assertEqual(status, 400, text)
        self.assertIn("'nope' is not one of the model's inputs", json.loads(text)["error"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
