"""The notebook a person builds in the tab, as a Kubeflow Pipelines (KFP v2) pipeline:

    validate the data against a contract  →  run the notebook (train, evaluate, gates)  →  push

Parameters: `notebook` (a notebook file or URL, a share link, or `starter`); `data`, the
`--data NAME=PATH|URL` replacements separated by `;`; `check_data` and `contract`, the table
checked against the data contract first; `gate` and `settings`, `--gate` and `--set` values
separated by `;`; `registry`, `registry_url`, `model_name`, `alias` for the push (no URL, no
push).

Each step is a lightweight Python component that calls the `jukebox` CLI (its path is the
`jukebox` parameter; on a cluster, the CLI image built from `pipelines/Containerfile` is the
steps' base image and `jukebox` is on its PATH). What the CLI writes becomes KFP artifacts:
`metrics.json` as `Metrics`, `confusion_matrix.csv` as `ClassificationMetrics`, `model.onnx`
as a `Model`, `report.md` and the whole output folder as artifacts.

    .venv-kfp/bin/python pipelines/jukebox_pipeline.py compile   # writes jukebox_pipeline.yaml
    make test-pipeline                                            # compile check + local runs
"""

import sys
from pathlib import Path

from kfp import compiler, dsl
from kfp.dsl import Artifact, ClassificationMetrics, Input, Metrics, Model, Output

# The CLI's image (pipelines/Containerfile); a cluster pulls it, `kfp.local` does not use it.
JUKEBOX_IMAGE = "localhost/jukebox-cli:latest"

HERE = Path(__file__).resolve().parent
COMPILED = HERE / "jukebox_pipeline.yaml"


@dsl.component(base_image=JUKEBOX_IMAGE)
def validate_data(jukebox: str, data: str, contract: str, validation: Output[Artifact]) -> str:
    """`jukebox validate DATA --contract FILE`: stops the pipeline when the data breaks it."""
    import subprocess

    if not data or not contract:
        with open(validation.path, "w") as out:
            out.write('{"skipped": "no data or no contract given"}\n')
        return "skipped"
    result = subprocess.run([jukebox, "validate", data, "--contract", contract, "--json"],
                            capture_output=True, text=True)
    with open(validation.path, "w") as out:
        out.write(result.stdout)
    print(result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"the data contract failed (jukebox exit {result.returncode}): "
                           f"{result.stderr.strip().splitlines()[-1]}")
    return "passed"


@dsl.component(base_image=JUKEBOX_IMAGE)
def run_notebook(
    jukebox: str,
    notebook: str,
    data: str,
    gate: str,
    settings: str,
    outputs: Output[Artifact],
    model: Output[Model],
    metrics: Output[Metrics],
    confusion: Output[ClassificationMetrics],
    report: Output[Artifact],
):
    """`jukebox run NOTEBOOK --out DIR`: trains, evaluates and checks the quality gate."""
    import csv
    import json
    import os
    import shutil
    import subprocess

    out = outputs.path
    os.makedirs(out, exist_ok=True)
    command = [jukebox, "run", notebook, "--out", out, "--quiet"]
    for one in filter(None, (d.strip() for d in data.split(";"))):
        command += ["--data", one]
    for one in filter(None, (g.strip() for g in gate.split(";"))):
        command += ["--gate", one]
    for one in filter(None, (s.strip() for s in settings.split(";"))):
        command += ["--set", one]
    result = subprocess.run(command, capture_output=True, text=True)
    print(result.stderr)
    if os.path.exists(os.path.join(out, "report.md")):
        shutil.copy(os.path.join(out, "report.md"), report.path)
    if result.returncode != 0:
        raise RuntimeError(f"jukebox run exited {result.returncode}: "
                           f"{result.stderr.strip().splitlines()[-1]}")
    with open(os.path.join(out, "metrics.json")) as file:
        for name, value in json.load(file).items():
            metrics.log_metric(name, value)
    onnx = os.path.join(out, "model.onnx")
    if os.path.exists(onnx):
        shutil.copy(onnx, model.path)
        model.metadata["format"] = "onnx"
    matrix = os.path.join(out, "confusion_matrix.csv")
    if os.path.exists(matrix):
        with open(matrix, newline="") as file:
            rows = list(csv.reader(file))
        classes = rows[0][1:]
        confusion.log_confusion_matrix(classes, [[int(v) for v in row[1:]] for row in rows[1:]])


@dsl.component(base_image=JUKEBOX_IMAGE)
def push_model(jukebox: str, outputs: Input[Artifact], registry: str, url: str,
               model_name: str, alias: str) -> str:
    """`jukebox push DIR`: registers the model (the token from JUKEBOX_REGISTRY_TOKEN)."""
    import subprocess

    if not url:
        return "not pushed: no registry URL given"
    command = [jukebox, "push", outputs.path, "--registry", registry, "--url", url]
    if model_name:
        command += ["--model", model_name]
    if alias:
        command += ["--alias", alias]
    result = subprocess.run(command, capture_output=True, text=True)
    print(result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"jukebox push exited {result.returncode}: "
                           f"{result.stderr.strip().splitlines()[-1]}")
    return result.stderr.strip().splitlines()[-1]


@dsl.pipeline(
    name="jukebox-notebook",
    description="A Jukebox notebook run headless: data contract, training with quality gates, "
                "registry push.",
)
def jukebox_pipeline(
    notebook: str = "starter",
    jukebox: str = "jukebox",
    data: str = "",
    check_data: str = "",
    contract: str = "",
    gate: str = "test_accuracy>=0.02",
    settings: str = "",
    registry: str = "mlflow",
    registry_url: str = "",
    model_name: str = "",
    alias: str = "champion",
):
    checked = validate_data(jukebox=jukebox, data=check_data, contract=contract)
    checked.set_caching_options(False)
    trained = run_notebook(jukebox=jukebox, notebook=notebook, data=data, gate=gate,
                           settings=settings).after(checked)
    trained.set_caching_options(False)
    pushed = push_model(jukebox=jukebox, outputs=trained.outputs["outputs"], registry=registry,
                        url=registry_url, model_name=model_name, alias=alias)
    pushed.set_caching_options(False)


def compile_to(path: Path) -> None:
    compiler.Compiler().compile(pipeline_func=jukebox_pipeline, package_path=str(path))


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        sys.exit("usage: python pipelines/jukebox_pipeline.py compile")
    compile_to(COMPILED)
    print(f"wrote {COMPILED}")
