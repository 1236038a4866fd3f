#!/usr/bin/env python3
"""The Python side of `make bench-cli`: the course notebook's steps in pandas, scikit-learn
and Keras on the course files, each timed, printed as one JSON object (with what the driver
checks against the CLI's outputs before it reports a time).

Steps, as the course does them: load the two Parquet files; merge the rankings with the song
properties on spotify_id (without the properties' name, artists, event_timestamp); dropna();
explore (describe() and the per-country means of the 13 features); the course network
(13 → 32 → 64 → 128 → 256 → 72, ReLU, softmax, Adam 0.001, batch 32) for 2 epochs in Keras;
a random forest of 50 trees (depth 16) in scikit-learn. The split is the course's (the same
one `bench/sklearn_train.py` uses): test = the last 20 % unshuffled, validation = 20 % of the
rest, stratified, seed 42; MinMaxScaler fitted on the training rows. A training's time is its
fit plus predicting the validation and test rows (what the CLI's Train cell does too).

    bench/.venv/bin/python bench/cli_peer.py DATA_DIR
"""
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, MinMaxScaler
from threadpoolctl import threadpool_info

FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]


def timed(steps, name, work):
    started = time.perf_counter()
    result = work()
    steps[name] = time.perf_counter() - started
    return result


def split(df):
    x = df[FEATURES].astype("float64").to_numpy()
    encoder = LabelEncoder().fit(df["country"])
    y = encoder.transform(df["country"])
    n_test = int(np.ceil(0.2 * len(df)))
    n_rest = len(df) - n_test
    x_train, x_val, y_train, y_val = train_test_split(
        x[:n_rest], y[:n_rest], test_size=0.2, stratify=y[:n_rest], random_state=42)
    scaler = MinMaxScaler().fit(x_train)
    return (scaler.transform(x_train), y_train, scaler.transform(x_val), y_val,
            scaler.transform(x[n_rest:]), y[n_rest:], len(encoder.classes_))


def network(x_train, y_train, x_val, x_test, y_test, n_classes):
    import keras
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(len(FEATURES),))]
                             + [keras.layers.Dense(n, activation="relu") for n in (32, 64, 128, 256)]
                             + [keras.layers.Dense(n_classes, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train.astype("float32"), y_train, epochs=2, batch_size=32, verbose=0)
    model.predict(x_val.astype("float32"), batch_size=4096, verbose=0)
    predicted = model.predict(x_test.astype("float32"), batch_size=4096, verbose=0).argmax(axis=1)
    return float((predicted == y_test).mean()), keras.__version__


def forest(x_train, y_train, x_val, x_test, y_test):
    from sklearn.ensemble import RandomForestClassifier
    model = RandomForestClassifier(n_estimators=50, max_depth=16, random_state=42, n_jobs=-1)
    model.fit(x_train, y_train)
    model.predict(x_val)
    return float((model.predict(x_test) == y_test).mean())


def main():
    data = Path(sys.argv[1])
    steps = {}
    props, ranks = timed(steps, "load", lambda: (
        pd.read_parquet(data / "song_properties.parquet"),
        pd.read_parquet(data / "song_rankings.parquet")))
    merged = timed(steps, "merge", lambda: ranks.merge(
        props.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id"))
    n_merged = len(merged)
    clean = timed(steps, "dropna", merged.dropna)
    described, means = timed(steps, "explore", lambda: (
        clean.describe(),
        clean.groupby("country")[FEATURES].mean()))
    x_train, y_train, x_val, y_val, x_test, y_test, n_classes = split(clean)
    network_accuracy, keras_version = timed(
        steps, "network", lambda: network(x_train, y_train, x_val, x_test, y_test, n_classes))
    forest_accuracy = timed(steps, "forest", lambda: forest(x_train, y_train, x_val, x_test, y_test))
    blas = [{k: i.get(k) for k in ("internal_api", "architecture", "num_threads", "version")}
            for i in threadpool_info()]
    json.dump({
        "steps": steps,
        "rows": {"merged": n_merged, "clean": len(clean), "train": len(y_train),
                 "validation": len(y_val), "test": len(y_test)},
        # describe() leaves bool columns (is_explicit) out, as pandas does for numeric-only.
        # By statistic name: with a datetime column in the frame pandas orders its rows
        # count, mean, min, …, max, std (std last), not as for numbers alone.
        "describe": {c: {stat: float(value) for stat, value in described[c].items()}
                     for c in FEATURES if c in described.columns},
        "country_means": {country: row.tolist() for country, row in means.iterrows()},
        "accuracy": {"network": network_accuracy, "forest": forest_accuracy},
        "versions": {"pandas": pd.__version__, "sklearn": sklearn.__version__, "keras": keras_version},
        "blas": blas,
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
    }, sys.stdout)


if __name__ == "__main__":
    main()
