#!/usr/bin/env python3
"""The Python side of the monitoring benchmark (tests/bench/monitor.mjs): the same work as the
browser's Drift, Fairness and Explain cells, on the same rows, each timed on this machine,
printed as one JSON object (numbers, and the versions and BLAS kernel that produced them).

Rows: song_rankings ⋈ song_properties on spotify_id (without the properties' name, artists,
event_timestamp), dropna() — which also drops the global chart (null country) — in the
rankings' order, as the browser's course merge keeps it.

- drift: rows before `--cutoff` (a snapshot_date) are the reference, the rest the current
  window. Per course feature: TrustyAI's MeanShift (population variances, p from Student's t
  with df = n_ref + n_cur - 2), `ttest_ind(equal_var=False)`, `ks_2samp`, PSI over the
  reference deciles (numpy) and the 30-bin histograms the cell draws: the "scipy" time. Then
  Evidently's `DataDriftPreset` over the 13 columns (its default stat test per column): the
  "evidently" time.
- fairness: the browser's model (`--onnx`, the run's model.onnx as the Runs page exports it)
  on the course test rows (the last 20 %, scaled with the run's scaler from the ONNX
  metadata): a float32 forward pass (numpy, BLAS), each row's group from `--attribute` =
  `--privileged`, and SPD/DIR of "P(country) >= --threshold" for every country. Timed from
  the scaled test rows, as the browser's cell starts from the model's test part.
- explain: P(`--country`) of `--song` (raw features, JSON) through the same weights (the
  browser's SHAP prediction must equal it), and the time numpy takes to push `--model-rows`
  rows through the network: a reference point for the browser's exact SHAP, not a SHAP peer
  (the browser's background rows are its own seeded sample of its training rows).

Each timing is repeated `--repeats` times; the driver takes the median.

    bench/setup-venv.sh && bench/.venv/bin/python bench/monitor_peer.py song
    bench/.venv/bin/python bench/monitor_peer.py run --cutoff 2024-06-17 --onnx model.onnx \
        --song song.json --country FR --threshold 0.02 --model-rows 819200
"""
import argparse
import json
import math
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
PSI_EPSILON = 1e-4
HISTOGRAM_BINS = 30
# Rows pushed through the network at once for the SHAP reference point.
CHUNK_ROWS = 16_384
# The course's example song (core's PRESET_SONGS), looked up in the properties.
SONG = ("Not Like Us", "Kendrick Lamar")
EVIDENTLY_METHODS = {"Wasserstein distance (normed)": "wasserstein",
                     "Jensen-Shannon distance": "jensenshannon", "K-S p_value": "ks",
                     "chi-square p_value": "chisquare", "Z-test p_value": "z"}


def num(x):
    """A float for JSON; infinities and NaN as strings (JSON has no literal for them)."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def course_rows():
    props = pd.read_parquet(DATA / "song_properties.parquet")
    ranks = pd.read_parquet(DATA / "song_rankings.parquet")
    merged = ranks.merge(props.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id")
    return merged.dropna().reset_index(drop=True)


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


# --- drift -----------------------------------------------------------------------------


def meanshift(ref, cur):
    """TrustyAI's MeanShift: t with population variances, df = n_ref + n_cur - 2."""
    from scipy import stats
    n1, n2 = len(ref), len(cur)
    t = (np.mean(ref) - np.mean(cur)) / np.sqrt(np.var(ref) / n1 + np.var(cur) / n2)
    return t, 2 * stats.t.sf(abs(t), n1 + n2 - 2)


def psi(ref, cur):
    edges = np.quantile(ref, np.arange(1, 10) / 10)
    p = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=10) / len(ref)
    q = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=10) / len(cur)
    p = np.where(p == 0, PSI_EPSILON, p)
    q = np.where(q == 0, PSI_EPSILON, q)
    return float(np.sum((q - p) * np.log(q / p)))


def scipy_drift(ref_df, cur_df):
    """Every test but Evidently's, and the histograms, per feature."""
    from scipy import stats
    out = {}
    for feature in FEATURES:
        ref = ref_df[feature].to_numpy(np.float64)
        cur = cur_df[feature].to_numpy(np.float64)
        ref, cur = ref[np.isfinite(ref)], cur[np.isfinite(cur)]
        ms_t, ms_p = meanshift(ref, cur)
        welch = stats.ttest_ind(ref, cur, equal_var=False)
        ks = stats.ks_2samp(ref, cur)
        lo, hi = min(ref.min(), cur.min()), max(ref.max(), cur.max())
        hist_range = (lo, hi if hi > lo else lo + 1.0)
        np.histogram(ref, HISTOGRAM_BINS, hist_range)
        np.histogram(cur, HISTOGRAM_BINS, hist_range)
        out[feature] = {
            "meanshift": {"statistic": num(ms_t), "p_value": num(ms_p)},
            "welch": {"statistic": num(welch.statistic), "p_value": num(welch.pvalue)},
            "ks": {"statistic": num(ks.statistic), "p_value": num(ks.pvalue)},
            "psi": {"statistic": num(psi(ref, cur))},
        }
    return out


def evidently_drift(ref_df, cur_df):
    """Evidently's DataDriftPreset: per column its method and score, and the drifted share."""
    from evidently import Report
    from evidently.presets import DataDriftPreset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = Report([DataDriftPreset()]).run(reference_data=ref_df, current_data=cur_df).dict()
    out = {"columns": {}}
    for metric in result["metrics"]:
        config = metric["config"]
        if config["type"].endswith("DriftedColumnsCount"):
            out["drifted_share"] = num(metric["value"]["share"])
            out["dataset_drift"] = bool(metric["value"]["share"] >= config["drift_share"])
        elif config["type"].endswith("ValueDrift"):
            out["columns"][config["column"]] = {
                "method": EVIDENTLY_METHODS.get(config["method"], config["method"]),
                "statistic": num(metric["value"]),
            }
    return out


def drift(rows, cutoff, repeats):
    late = rows["snapshot_date"] >= pd.Timestamp(cutoff)
    ref_df = rows.loc[~late, FEATURES].reset_index(drop=True)
    cur_df = rows.loc[late, FEATURES].reset_index(drop=True)
    scipy_seconds, evidently_seconds = [], []
    for _ in range(repeats):
        seconds, tests = timed(lambda: scipy_drift(ref_df, cur_df))
        scipy_seconds.append(seconds)
        seconds, evidently = timed(lambda: evidently_drift(ref_df, cur_df))
        evidently_seconds.append(seconds)
    return {
        "n_reference": len(ref_df), "n_current": len(cur_df),
        "scipy_seconds": scipy_seconds, "evidently_seconds": evidently_seconds,
        "features": tests, "evidently": evidently,
    }


# --- the browser's model -----------------------------------------------------------------


class OnnxNetwork:
    """The exported graph's weights and the few core operators Jukebox writes, in numpy."""

    def __init__(self, path):
        import onnx
        from onnx import numpy_helper
        model = onnx.load(path)
        meta = {p.key: p.value for p in model.metadata_props}
        self.classes = json.loads(meta["jukebox.classes"])
        self.features = json.loads(meta["jukebox.features"])
        self.offset = np.array(json.loads(meta["jukebox.scaler_offset"]), dtype=np.float64)
        self.factor = np.array(json.loads(meta["jukebox.scaler_factor"]), dtype=np.float64)
        self.takes_raw = meta["jukebox.inputs"] == "raw"
        self.per_feature = meta["jukebox.input_layout"] == "per_feature"
        self.weights = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        self.nodes = [(n.op_type, list(n.input), n.output[0],
                       {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute})
                      for n in model.graph.node]
        self.inputs = [i.name for i in model.graph.input]

    def scale(self, raw):
        """Raw feature rows (float64) as the model takes them: f32, then scaled in f64 and
        stored in f32, as the browser's scaler does."""
        x = np.asarray(raw, dtype=np.float32).astype(np.float64)
        if self.takes_raw:
            return x.astype(np.float32)
        return ((x - self.offset) * self.factor).astype(np.float32)

    def proba(self, x):
        """Probabilities (float32) of scaled rows `x` (n × features)."""
        values = dict(self.weights)
        if self.per_feature:
            for j, name in enumerate(self.inputs):
                values[name] = x[:, j:j + 1]
        else:
            values[self.inputs[0]] = x
        for op, inputs, output, attrs in self.nodes:
            a = [values[i] for i in inputs]
            if op == "Concat":
                values[output] = np.concatenate(a, axis=attrs.get("axis", 1))
            elif op == "MatMul":
                values[output] = a[0] @ a[1]
            elif op == "Add":
                values[output] = a[0] + a[1]
            elif op == "Sub":
                values[output] = a[0] - a[1]
            elif op == "Mul":
                values[output] = a[0] * a[1]
            elif op == "Relu":
                values[output] = np.maximum(a[0], 0)
            elif op == "Tanh":
                values[output] = np.tanh(a[0])
            elif op == "Sigmoid":
                values[output] = 1 / (1 + np.exp(-a[0]))
            elif op == "Softmax":
                z = a[0] - a[0].max(axis=1, keepdims=True)
                e = np.exp(z)
                values[output] = e / e.sum(axis=1, keepdims=True)
            else:
                raise SystemExit(f"monitor_peer: ONNX operator {op} is not one Jukebox writes")
        return values["output"]


# --- fairness --------------------------------------------------------------------------


def fairness_counts(net, x, attribute, privileged_value, threshold):
    """Rows, favourable rows per group and class, as the browser's Fairness cell counts them."""
    j = net.features.index(attribute)
    raw = x[:, j].astype(np.float64) / net.factor[j] + net.offset[j]
    privileged = np.abs(raw - privileged_value) <= 1e-4 * max(abs(privileged_value), 1.0)
    proba = net.proba(x)
    favourable = proba.astype(np.float64) >= threshold
    fav_p = favourable[privileged].sum(axis=0)
    fav_u = favourable[~privileged].sum(axis=0)
    n_p, n_u = int(privileged.sum()), int((~privileged).sum())
    rate_p, rate_u = fav_p / n_p, fav_u / n_u
    spd = rate_u - rate_p
    with np.errstate(divide="ignore", invalid="ignore"):
        dir_ = np.where(fav_p > 0, rate_u / rate_p, np.nan)
    return proba, privileged, (n_p, n_u), fav_p, fav_u, spd, dir_


def fairness(rows, net, args):
    n_test = math.ceil(0.2 * len(rows))
    test = rows.iloc[len(rows) - n_test:]
    x = net.scale(test[net.features].astype(np.float64).to_numpy())
    seconds = []
    for _ in range(args.repeats):
        s, result = timed(lambda: fairness_counts(
            net, x, args.attribute, args.privileged, args.threshold))
        seconds.append(s)
    proba, privileged, (n_p, n_u), fav_p, fav_u, spd, dir_ = result
    # Rows whose probability lies within float32 noise of the threshold: the browser's own
    # float32 sums may put them on the other side.
    near = np.abs(proba.astype(np.float64) - args.threshold) <= 1e-6
    return {
        "seconds": seconds, "n_test": n_test, "rows": [n_p, n_u],
        "classes": {c: {"spd": num(spd[k]), "dir": None if np.isnan(dir_[k]) else num(dir_[k]),
                        "favourable": [int(fav_p[k]), int(fav_u[k])],
                        "near_threshold": [int(near[privileged, k].sum()), int(near[~privileged, k].sum())]}
                    for k, c in enumerate(net.classes)},
    }


# --- explain ---------------------------------------------------------------------------


def explain(rows, net, args):
    song = json.loads(Path(args.song).read_text())["features"]
    x = net.scale(np.array([[song[f] for f in net.features]]))
    prediction = float(net.proba(x)[0, net.classes.index(args.country)])
    # As many rows as the browser's SHAP scored, taken from the course rows (scaled).
    pool = net.scale(rows[net.features].astype(np.float64).to_numpy()[:200_000])
    batch = np.resize(pool, (args.model_rows, pool.shape[1])) if args.model_rows else pool[:0]
    k = net.classes.index(args.country)

    def score():
        # A chunk at a time, as the browser scores its coalitions (the activations of 800k
        # rows at once would take gigabytes).
        return sum(float(net.proba(batch[i:i + CHUNK_ROWS])[:, k].sum())
                   for i in range(0, len(batch), CHUNK_ROWS))

    seconds = []
    for _ in range(args.repeats):
        s, _ = timed(score)
        seconds.append(s)
    return {"prediction": prediction, "model_rows": args.model_rows, "model_rows_seconds": seconds}


def blas():
    from threadpoolctl import threadpool_info
    # `library`: whose copy it is (numpy.libs, scipy.libs).
    return [{**{k: info.get(k) for k in ("internal_api", "version", "architecture", "num_threads")},
             "library": Path(info["filepath"]).parent.name}
            for info in threadpool_info() if info.get("user_api") == "blas"]


def song_command():
    props = pd.read_parquet(DATA / "song_properties.parquet")
    name, artist = SONG
    found = props[(props["name"] == name) & props["artists"].fillna("").str.contains(artist)]
    row = found.iloc[0] if len(found) else props.dropna().iloc[0]
    json.dump({"label": f"{row['name']} — {row['artists']}",
               "features": {f: float(row[f]) for f in FEATURES}}, sys.stdout)
    print()


def run_command(args):
    # Imported before any timing, so no repeat pays for loading them.
    import evidently
    import evidently.presets  # noqa: F401
    import scipy
    import scipy.stats  # noqa: F401
    rows = course_rows()
    net = OnnxNetwork(args.onnx)
    result = {
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
                     "evidently": evidently.__version__},
        "n_rows": len(rows),
        "drift": drift(rows, args.cutoff, args.repeats),
        "fairness": fairness(rows, net, args),
        "explain": explain(rows, net, args),
    }
    result["blas"] = blas()
    for info in result["blas"]:
        print(f"BLAS: {info['internal_api']} {info['version']}, kernel {info['architecture']}, "
              f"{info['num_threads']} threads ({info['library']})", file=sys.stderr)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    json.dump(result, sys.stdout, indent=1, allow_nan=False)
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("song", help="the example song's raw features (JSON)")
    run = sub.add_parser("run", help="time the peer's drift, fairness and model rows (JSON)")
    run.add_argument("--cutoff", required=True, help="first snapshot_date of the current window")
    run.add_argument("--onnx", required=True, help="the browser run's model.onnx")
    run.add_argument("--song", required=True, help="the `song` command's JSON, in a file")
    run.add_argument("--country", default="FR")
    run.add_argument("--attribute", default="is_explicit")
    run.add_argument("--privileged", type=float, default=1.0)
    run.add_argument("--threshold", type=float, default=0.02)
    run.add_argument("--model-rows", type=int, default=0, help="rows the browser's SHAP scored")
    run.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.command == "song":
        song_command()
    else:
        run_command(args)


if __name__ == "__main__":
    main()
