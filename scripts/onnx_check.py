"""Checks Jukebox's exported ONNX files with the reference tools: onnx's full checker and
onnxruntime (CPU). Run on the output of `cargo run -p jukebox-core --example onnx_fixtures`:

    .venv/bin/python scripts/onnx_check.py <dir>

For every `<name>.onnx` beside its `<name>.json` (inputs for 1,000 rows and the app's
probabilities): only the core opset 13 is imported, no node uses another domain, the header
and metadata name the producer, classes, features and raw/scaled inputs as the app does, the
one output is `output` of shape [N, n_classes], onnxruntime's probabilities equal the app's
within 1e-5, and a class the app gives exactly 0 (absent from training) is exactly 0. One line per file; exits 1 if any file fails.
"""

import json
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

TOLERANCE = 1e-5


def problems_of(model_path: Path, fixture: dict) -> tuple[list[str], float]:
    """What is wrong with one exported file, and the largest probability difference."""
    problems = []
    model = onnx.load(str(model_path))
    try:
        onnx.checker.check_model(model, full_check=True)
    except onnx.checker.ValidationError as error:
        problems.append(f"onnx.checker: {error}")
    opsets = [(o.domain, o.version) for o in model.opset_import]
    if opsets != [("", 13)]:
        problems.append(f"opset imports {opsets}, expected only ('', 13)")
    other_domains = {n.domain for n in model.graph.node if n.domain not in ("", "ai.onnx")}
    if other_domains:
        problems.append(f"nodes in non-core domains {sorted(other_domains)}")
    if (model.ir_version, model.producer_name) != (8, "jukebox"):
        problems.append(f"ir_version {model.ir_version} by {model.producer_name!r}, expected 8 by 'jukebox'")
    props = {p.key: p.value for p in model.metadata_props}
    for key, want in [("jukebox.classes", fixture["classes"]), ("jukebox.features", fixture["features"])]:
        if json.loads(props.get(key, "null")) != want:
            problems.append(f"metadata {key} is {props.get(key)!r}, the app's is {want}")
    if props.get("jukebox.inputs") != fixture["inputs_are"]:
        problems.append(f"metadata jukebox.inputs is {props.get('jukebox.inputs')!r}, expected {fixture['inputs_are']!r}")

    session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    n_classes = len(fixture["classes"])
    outputs = session.get_outputs()
    if [o.name for o in outputs] != ["output"]:
        problems.append(f"outputs {[o.name for o in outputs]}, expected ['output']")
    elif outputs[0].shape != ["N", n_classes]:
        problems.append(f"output shape {outputs[0].shape}, expected ['N', {n_classes}]")

    feeds = {
        name: np.asarray(t["data"], dtype=np.float32).reshape(t["shape"])
        for name, t in fixture["inputs"].items()
    }
    expected_names = sorted(i.name for i in session.get_inputs())
    if sorted(feeds) != expected_names:
        problems.append(f"inputs {expected_names}, fixture has {sorted(feeds)}")
        return problems, float("nan")
    (got,) = session.run(["output"], feeds)
    want = fixture["probabilities"]
    want = np.asarray(want["data"], dtype=np.float32).reshape(want["shape"])
    if got.shape != want.shape:
        problems.append(f"probabilities of shape {got.shape}, the app's are {want.shape}")
        return problems, float("nan")
    difference = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64))))
    if not difference <= TOLERANCE:
        problems.append(f"probabilities differ from the app's by {difference:.3g} > {TOLERANCE}")
    # A country absent from training has probability 0 exactly in the app: so in the graph.
    absent = np.all(want == 0.0, axis=0)
    if absent.any() and not np.all(got[:, absent] == 0.0):
        problems.append(f"classes {np.flatnonzero(absent).tolist()} are exactly 0 in the app, not in onnxruntime")
    return problems, difference


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: onnx_check.py <directory of .onnx and .json files>", file=sys.stderr)
        return 2
    directory = Path(sys.argv[1])
    models = sorted(directory.glob("*.onnx"))
    if not models:
        print(f"no .onnx files in {directory}: run the onnx_fixtures example first", file=sys.stderr)
        return 1
    failed = 0
    print(f"onnx {onnx.__version__}, onnxruntime {ort.__version__}")
    for path in models:
        fixture = json.loads(path.with_suffix(".json").read_text())
        problems, difference = problems_of(path, fixture)
        size = path.stat().st_size
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {path.name}: {size} bytes, max |difference| {difference:.3g}")
        for problem in problems:
            print(f"       {problem}")
        failed += bool(problems)
    print(f"{len(models) - failed} of {len(models)} files pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
