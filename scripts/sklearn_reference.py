#!/usr/bin/env python3
"""Regenerates the scikit-learn fixtures of the train module:

- core/src/train/fixtures/metrics_reference.json: a seeded case (inputs and scikit-learn's
  answers) for `train::metrics::evaluate`, compared at 1e-12;
- core/src/train/fixtures/classic_reference.json: test accuracies of scikit-learn's classic
  models on the course data (numbers only, never rows), for the classic models to match ±0.01.

    /work/main/bench/.venv/bin/pip install scikit-learn==1.7.2
    bench/.venv/bin/python scripts/sklearn_reference.py [metrics|classic|timing]

`timing` prints fit+predict seconds of each model on 100,000 rows (nothing written).
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    precision_recall_fscore_support,
    top_k_accuracy_score,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "core" / "src" / "train" / "fixtures"
HEADER = {
    "generator": "scripts/sklearn_reference.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "pandas": pd.__version__,
}

# crate::course::FEATURES, in the course's order.
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]


def metrics_case():
    """500 rows, 7 classes: class 5 is never predicted, class 6 never true; rows 0-19 are
    all-equal (argmax → column 0), rows 20-39 tie two columns, to pin the tie rules."""
    n, k = 500, 7
    rng = np.random.default_rng(20240607)
    y_true = rng.choice(6, size=n, p=[0.3, 0.25, 0.2, 0.1, 0.1, 0.05])
    logits = rng.normal(size=(n, k))
    logits[np.arange(n), y_true] += 1.2  # better than chance
    logits[:, 5] -= 8.0  # never the highest
    proba = np.exp(logits)
    proba /= proba.sum(axis=1, keepdims=True)
    proba = proba.astype(np.float32)  # the engine's matrices are f32
    proba[:20] = np.float32(1.0 / k)
    for i in range(20, 40):
        a, b = rng.choice([0, 1, 2, 3, 4, 6], size=2, replace=False)
        proba[i, b] = proba[i, a]
    labels = list(range(k))
    y_pred = proba.argmax(axis=1)
    per = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    avg = {
        name: precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=name, zero_division=0
        )[:3]
        for name in ["macro", "weighted"]
    }
    majority = 2
    return {
        **HEADER,
        "inputs": {
            "classes": [f"class_{c}" for c in labels],
            "majority_class": majority,
            "y_true": [int(y) for y in y_true],
            # float32 values written exactly (as float64 reprs).
            "proba": [[float(v) for v in row] for row in proba],
        },
        "expected": {
            "y_pred": [int(y) for y in y_pred],
            "accuracy": float(accuracy_score(y_true, y_pred)),
            "top5_accuracy": float(top_k_accuracy_score(y_true, proba, k=5, labels=labels)),
            "majority_accuracy": float(np.mean(y_true == majority)),
            "precision": [float(v) for v in per[0]],
            "recall": [float(v) for v in per[1]],
            "f1": [float(v) for v in per[2]],
            "support": [int(v) for v in per[3]],
            "macro": [float(v) for v in avg["macro"]],
            "weighted": [float(v) for v in avg["weighted"]],
            "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        },
    }


def write(name, obj):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / name
    path.write_text(json.dumps(obj) + "\n")
    print(f"wrote {path}")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("metrics", "all"):
        write("metrics_reference.json", metrics_case())


if __name__ == "__main__":
    main()
