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


N_ROWS = 30_000  # the fixed subset the accuracy comparison uses
TIMING_ROWS = 100_000


def course_rows(n_rows):
    """The merged course rows without nulls (global rows have a null country and go too),
    the first n_rows, split 80/20 in order, MinMax-scaled on the training part, the country
    label-encoded alphabetically. As `classic::course_rows` builds them."""
    r = pd.read_parquet(DATA / "song_rankings.parquet")
    p = pd.read_parquet(DATA / "song_properties.parquet")
    m = r.merge(p.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id")
    m = m.dropna().head(n_rows)
    n_train = len(m) * 4 // 5
    x = m[FEATURES].astype("float64").to_numpy()
    lo, hi = x[:n_train].min(axis=0), x[:n_train].max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    x = (x - lo) / span
    classes = sorted(m["country"].unique())
    y = np.searchsorted(classes, m["country"].to_numpy())
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:], len(classes)


def models():
    """scikit-learn's side of each classic model, with the settings of both sides."""
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier

    return [
        ("logistic_regression", {"alpha": 1.0},
         "LogisticRegression(C=1/alpha=1.0, solver='lbfgs', max_iter=1000, tol=1e-8)",
         LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000, tol=1e-8)),
        ("decision_tree", {"max_depth": 16, "min_samples_split": 2, "min_samples_leaf": 1, "criterion": "gini"},
         "DecisionTreeClassifier(max_depth=16, criterion='gini', random_state=0)",
         DecisionTreeClassifier(max_depth=16, criterion="gini", random_state=0)),
        ("decision_tree_entropy", {"max_depth": 12, "min_samples_split": 10, "min_samples_leaf": 5, "criterion": "entropy"},
         "DecisionTreeClassifier(max_depth=12, min_samples_split=10, min_samples_leaf=5, criterion='entropy', random_state=0)",
         DecisionTreeClassifier(max_depth=12, min_samples_split=10, min_samples_leaf=5, criterion="entropy", random_state=0)),
        ("random_forest", {"n_trees": 50, "max_depth": 16, "min_samples_split": 2, "min_samples_leaf": 1, "max_features": None},
         "RandomForestClassifier(n_estimators=50, max_depth=16, max_features='sqrt', random_state=0)",
         RandomForestClassifier(n_estimators=50, max_depth=16, max_features="sqrt", random_state=0)),
        # 10 iterations: on these rows (a song's rows carry many labels) both sides' scores
        # run away after about 15 iterations without early stopping (scikit-learn's test
        # accuracy is 0.59 at 10 iterations, 0.05 at 100), where any rounding changes the path.
        ("hist_gradient_boosting", {"learning_rate": 0.1, "max_iter": 10, "max_leaf_nodes": 31, "min_samples_leaf": 20, "early_stopping": False},
         "HistGradientBoostingClassifier(max_iter=10, early_stopping=False, random_state=0)",
         HistGradientBoostingClassifier(max_iter=10, early_stopping=False, random_state=0)),
        ("knn", {"k": 5, "distance_weighted": False},
         "KNeighborsClassifier(n_neighbors=5, weights='uniform')",
         KNeighborsClassifier(n_neighbors=5, weights="uniform")),
        ("knn_distance", {"k": 15, "distance_weighted": True},
         "KNeighborsClassifier(n_neighbors=15, weights='distance')",
         KNeighborsClassifier(n_neighbors=15, weights="distance")),
        ("gaussian_nb", {}, "GaussianNB()", GaussianNB()),
    ]


def classic_case():
    x_tr, y_tr, x_te, y_te, n_classes = course_rows(N_ROWS)
    out = []
    for name, ours, theirs, model in models():
        model.fit(x_tr, y_tr)
        acc = float(np.mean(model.predict(x_te) == y_te))
        out.append({"name": name, "params": ours, "sklearn": theirs, "test_accuracy": acc})
        print(f"{name}: {acc:.4f}")
    return {
        **HEADER,
        "data": "course merge, dropna, first rows; 13 features MinMax on train; country label-encoded; train first 80 %, test last 20 %",
        "n_rows": N_ROWS,
        "n_train": len(y_tr),
        "n_test": len(y_te),
        "n_classes": n_classes,
        # Checks that both sides took the same rows (sums of the label codes).
        "train_label_sum": int(y_tr.sum()),
        "test_label_sum": int(y_te.sum()),
        "models": out,
    }


def timing():
    x_tr, y_tr, x_te, y_te, _ = course_rows(TIMING_ROWS)
    for name, _, theirs, model in models():
        t = time.perf_counter()
        model.fit(x_tr, y_tr)
        fitted = time.perf_counter()
        acc = float(np.mean(model.predict(x_te) == y_te))
        done = time.perf_counter()
        print(f"{name:24} fit {fitted - t:7.2f} s  predict {done - fitted:6.2f} s  accuracy {acc:.4f}  [{theirs}]")


def write(name, obj):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / name
    path.write_text(json.dumps(obj) + "\n")
    print(f"wrote {path}")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("metrics", "all"):
        write("metrics_reference.json", metrics_case())
    if what in ("classic", "all"):
        write("classic_reference.json", classic_case())
    if what == "timing":
        timing()


if __name__ == "__main__":
    main()
