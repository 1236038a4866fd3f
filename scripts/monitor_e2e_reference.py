#!/usr/bin/env python3
"""Regenerates tests/e2e/fixtures/monitor_reference.json: what pandas and scipy answer for the
Drift cell that tests/e2e/monitor.test.mjs builds on the course files in ../shared/data — the
course merge split by `snapshot_date` into an early and a late window, each of the 13 features
tested early (reference) against late (current).

    /work/refvenv/bin/python scripts/monitor_e2e_reference.py
    (numpy, scipy, pandas and pyarrow; the versions used are written into the file)

The merge is the course's: rankings ⋈ properties (without name, artists, event_timestamp) on
`spotify_id`, then `dropna()`. Per feature (`is_explicit` as 0/1): both means, TrustyAI's
MeanShift p (population variances, df = n_ref + n_cur - 2), scipy's Welch p
(`ttest_ind(equal_var=False)`) and KS p (`ks_2samp`), and PSI over the reference's deciles
(edges `np.quantile` at 0.1..0.9, a value in the first bin whose upper edge it does not exceed,
empty shares as 1e-4) — the rules written in core/src/monitor/drift.
"""
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow
import scipy
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "e2e" / "fixtures" / "monitor_reference.json"

# crate::course::FEATURES, in the course's order.
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
# The test's split: early = before this day, late = from it on.
SPLIT = "2024-05-01"
PSI_EPSILON = 1e-4


def num(x):
    """A float for JSON (p-values may underflow to 0; never NaN here)."""
    x = float(x)
    assert math.isfinite(x), x
    return x


def meanshift_p(ref, cur):
    n1, n2 = len(ref), len(cur)
    t = (np.mean(ref) - np.mean(cur)) / np.sqrt(np.var(ref) / n1 + np.var(cur) / n2)
    return 2 * stats.t.sf(abs(t), n1 + n2 - 2)


def psi(ref, cur):
    edges = np.quantile(ref, np.arange(1, 10) / 10)
    p = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=10) / len(ref)
    q = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=10) / len(cur)
    p = np.where(p == 0, PSI_EPSILON, p)
    q = np.where(q == 0, PSI_EPSILON, q)
    return float(np.sum((q - p) * np.log(q / p)))


def main():
    rankings = pd.read_parquet(DATA / "song_rankings.parquet")
    properties = pd.read_parquet(DATA / "song_properties.parquet")
    merged = rankings.merge(
        properties.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id"
    ).dropna()
    split = pd.Timestamp(SPLIT)
    early = merged[merged["snapshot_date"] < split]
    late = merged[merged["snapshot_date"] >= split]
    features = {}
    for feature in FEATURES:
        ref = early[feature].astype(float).to_numpy()
        cur = late[feature].astype(float).to_numpy()
        features[feature] = {
            "reference_mean": num(np.mean(ref)),
            "current_mean": num(np.mean(cur)),
            "meanshift_p": num(meanshift_p(ref, cur)),
            "welch_p": num(stats.ttest_ind(ref, cur, equal_var=False).pvalue),
            "ks_p": num(stats.ks_2samp(ref, cur).pvalue),
            "psi": num(psi(ref, cur)),
        }
    fixture = {
        "generator": "scripts/monitor_e2e_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pandas": pd.__version__,
        "pyarrow": pyarrow.__version__,
        "split": SPLIT,
        "merged_rows": len(merged),
        "early_rows": len(early),
        "late_rows": len(late),
        # Weeks (Monday to Sunday) of the late window: the drift-over-time chart's points.
        "late_weeks": int((late["snapshot_date"].dt.normalize()
                           - pd.to_timedelta(late["snapshot_date"].dt.day_of_week, unit="D")).nunique()),
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
