#!/usr/bin/env python3
"""The scikit-learn side of the training benchmark: the same rows, split and models as the
browser side (tests/bench/train.mjs), each timed on this machine, printed as one JSON object.

Rows: song_rankings ⋈ song_properties on spotify_id (without the properties' name, artists,
event_timestamp), dropna() — which also drops the global chart (null country). Two tables:
"100k" = the first 156,250 rows (the course split gives 100,000 training rows) and "full".
Split as the course: test = the last 20 % unshuffled (the same rows on both sides), then
validation = 20 % of the rest, stratified, seed 42 (each side draws its own: the same number
of training rows from the same 80 %, not the identical rows). MinMaxScaler fitted on the
training rows. Time = fit + predicting the test rows (what the browser's Train cell also does
before it answers; it also scores the validation rows, which is not counted here).

    bench/setup-venv.sh && bench/.venv/bin/python bench/sklearn_train.py [model ...]
"""
import json
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, MinMaxScaler

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
SMALL_ROWS = 156_250


def models():
    """scikit-learn's equivalents of the browser's models, with the same settings."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.tree import DecisionTreeClassifier
    return {
        # One epoch of the course network: Adam with Keras' epsilon, batch 32.
        "network": lambda: MLPClassifier(
            hidden_layer_sizes=(32, 64, 128, 256), activation="relu", solver="adam",
            batch_size=32, learning_rate_init=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
            max_iter=1, shuffle=True, random_state=42, tol=0.0, n_iter_no_change=1000),
        "logistic_regression": lambda: LogisticRegression(penalty=None, max_iter=100),
        "decision_tree": lambda: DecisionTreeClassifier(max_depth=16, random_state=42),
        "random_forest": lambda: RandomForestClassifier(
            n_estimators=50, max_depth=16, random_state=42, n_jobs=1),
        "knn": lambda: KNeighborsClassifier(n_neighbors=5),
        "gaussian_nb": lambda: GaussianNB(),
    }


def tables():
    props = pd.read_parquet(DATA / "song_properties.parquet")
    ranks = pd.read_parquet(DATA / "song_rankings.parquet")
    merged = ranks.merge(props.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id")
    merged = merged.dropna()
    return {"100k": merged.head(SMALL_ROWS), "full": merged}


def split(df):
    x = df[FEATURES].astype("float64").to_numpy()
    y = LabelEncoder().fit_transform(df["country"])
    n_test = int(np.ceil(0.2 * len(df)))
    n_rest = len(df) - n_test
    x_train, _, y_train, _ = train_test_split(
        x[:n_rest], y[:n_rest], test_size=0.2, stratify=y[:n_rest], random_state=42)
    scaler = MinMaxScaler().fit(x_train)
    return scaler.transform(x_train), y_train, scaler.transform(x[n_rest:]), y[n_rest:]


def main():
    wanted = sys.argv[1:] or list(models())
    results = []
    for size, df in tables().items():
        x_train, y_train, x_test, y_test = split(df)
        for name in wanted:
            model = models()[name]()
            started = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(x_train, y_train)
            fitted = time.perf_counter()
            accuracy = float((model.predict(x_test) == y_test).mean())
            done = time.perf_counter()
            results.append({
                "model": name, "size": size, "n_train": len(y_train), "n_test": len(y_test),
                "fit_seconds": fitted - started, "seconds": done - started, "accuracy": accuracy,
            })
            print(f"{name} {size}: {done - started:.2f} s, accuracy {accuracy:.4f}", file=sys.stderr)
    json.dump({
        "results": results,
        "sklearn": sklearn.__version__,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
