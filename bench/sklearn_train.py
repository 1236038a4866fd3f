#!/usr/bin/env python3
"""The Python side of the training benchmark: the same rows, split and models as the
browser side (tests/bench/train.mjs) in scikit-learn, and the course network in Keras (when
the venv has it: `bench/setup-venv.sh keras`), each timed `--runs` times (median reported) on
this machine, printed as one JSON object with the BLAS kernels that ran (threadpoolctl).

Rows: song_rankings ⋈ song_properties on spotify_id (without the properties' name, artists,
event_timestamp), dropna() — which also drops the global chart (null country). Two tables:
"100k" = the first 156,250 rows (the course split gives 100,000 training rows) and "full".
Split as the course: test = the last 20 % unshuffled (the same rows on both sides), then
validation = 20 % of the rest, stratified, seed 42 (each side draws its own: the same number
of training rows from the same 80 %, not the identical rows). MinMaxScaler fitted on the
training rows. Time = fit + predicting the test rows, the validation rows and up to 100,000
training rows — the work the browser's Train cell does before it answers (it reports test,
validation and training accuracy, the last on a seeded sample of 100,000 training rows).
Keras: the course network (13 → 32 → 64 → 128 → 256 → classes, ReLU, softmax, Adam 0.001,
batch 32, float32) for one epoch, fit + predicting the test rows; "network" in the results
is scikit-learn's MLPClassifier, "network_keras" Keras.

The driver runs this with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (set on some of these
machines, they slow numpy's kernels); the environment it saw is in the output.

    bench/setup-venv.sh [keras] && bench/.venv/bin/python bench/sklearn_train.py [--runs N] [--sizes 100k,full] [model ...]
"""
import json
import os
import resource
import statistics
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
from threadpoolctl import threadpool_info

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
SMALL_ROWS = 156_250
# The browser scores at most this many training rows for its training accuracy.
TRAIN_EVAL_ROWS = 100_000


def models():
    """scikit-learn's equivalents of the browser's models, with the same settings."""
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
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
        # Ten iterations without early stopping: the browser's settings (same work).
        "hist_gradient_boosting": lambda: HistGradientBoostingClassifier(
            max_iter=10, early_stopping=False, random_state=42),
        "knn": lambda: KNeighborsClassifier(n_neighbors=5),
        "gaussian_nb": lambda: GaussianNB(),
        "network_keras": KerasNetwork,
    }


class KerasNetwork:
    """The course network in Keras, with fit/predict as scikit-learn's estimators."""

    def fit(self, x, y):
        import keras
        keras.utils.set_random_seed(42)
        self.model = keras.Sequential(
            [keras.Input(shape=(x.shape[1],))]
            + [keras.layers.Dense(n, activation="relu") for n in (32, 64, 128, 256)]
            + [keras.layers.Dense(int(y.max()) + 1, activation="softmax")])
        self.model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
                           loss="sparse_categorical_crossentropy")
        self.model.fit(x.astype("float32"), y, epochs=1, batch_size=32, verbose=0)
        return self

    def predict(self, x):
        return self.model.predict(x.astype("float32"), batch_size=4096, verbose=0).argmax(axis=1)


def keras_version():
    try:
        import keras
        return keras.__version__
    except ImportError:
        return None


def tables(sizes):
    props = pd.read_parquet(DATA / "song_properties.parquet")
    ranks = pd.read_parquet(DATA / "song_rankings.parquet")
    merged = ranks.merge(props.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id")
    merged = merged.dropna()
    return {size: merged.head(SMALL_ROWS) if size == "100k" else merged for size in sizes}


def split(df):
    x = df[FEATURES].astype("float64").to_numpy()
    y = LabelEncoder().fit_transform(df["country"])
    n_test = int(np.ceil(0.2 * len(df)))
    n_rest = len(df) - n_test
    x_train, x_val, y_train, _ = train_test_split(
        x[:n_rest], y[:n_rest], test_size=0.2, stratify=y[:n_rest], random_state=42)
    scaler = MinMaxScaler().fit(x_train)
    return (scaler.transform(x_train), y_train, scaler.transform(x_val),
            scaler.transform(x[n_rest:]), y[n_rest:])


def main():
    args = sys.argv[1:]
    runs, sizes = 3, ["100k", "full"]
    while args[:1] in (["--runs"], ["--sizes"]):
        if args[0] == "--runs":
            runs = int(args[1])
        else:
            sizes = args[1].split(",")
        args = args[2:]
    wanted = args or list(models())
    if "network_keras" in wanted and keras_version() is None:
        print("Keras is not installed: run bench/setup-venv.sh keras (network_keras skipped)", file=sys.stderr)
        wanted = [w for w in wanted if w != "network_keras"]
    results = []
    for size, df in tables(sizes).items():
        x_train, y_train, x_val, x_test, y_test = split(df)
        for name in wanted:
            times, fit_times, accuracies = [], [], []
            for _ in range(runs):
                model = models()[name]()
                started = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    model.fit(x_train, y_train)
                fitted = time.perf_counter()
                accuracy = float((model.predict(x_test) == y_test).mean())
                model.predict(x_val)
                model.predict(x_train[:TRAIN_EVAL_ROWS])
                done = time.perf_counter()
                times.append(done - started)
                fit_times.append(fitted - started)
                accuracies.append(accuracy)
            results.append({
                "model": name, "size": size, "n_train": len(y_train), "n_test": len(y_test),
                "fit_seconds": statistics.median(fit_times), "seconds": statistics.median(times),
                "all_seconds": times, "accuracy": accuracies[0], "accuracies": accuracies,
            })
            print(f"{name} {size}: median {statistics.median(times):.2f} s of {runs}, "
                  f"accuracy {accuracies[0]:.4f}", file=sys.stderr)
    blas = [{k: i.get(k) for k in ("internal_api", "architecture", "num_threads", "version")}
            for i in threadpool_info()]
    json.dump({
        "results": results,
        "runs": runs,
        "sklearn": sklearn.__version__,
        "keras": keras_version(),
        "blas": blas,
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
