#!/usr/bin/env python3
"""Regenerates core/src/explore/fixtures/pandas_reference.json: what pandas answers to the
course's exploration steps on ../shared/data, for the explore tests to match (relative 1e-9).

    bench/setup-venv.sh && bench/.venv/bin/python scripts/pandas_reference.py

Floats are written with repr (shortest round-trip), NaN as null.
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "core" / "src" / "explore" / "fixtures" / "pandas_reference.json"

# crate::course::FEATURES, in the course's order.
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
CHRISTMAS = ("2023-12-20", "2024-01-01")  # start inclusive, end exclusive


def num(x):
    """A JSON-safe scalar: Python int/float/str/bool, NaN as None."""
    if x is None or x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, (np.bool_, bool)):
        return bool(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating, float)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, pd.Timestamp):
        return x.isoformat()
    return x


def describe(df):
    """describe().T of the numeric columns; pandas 2 also lists datetime columns (skipped)."""
    d = df.describe().T
    numeric = [c for c in d.index if pd.api.types.is_numeric_dtype(df[c])]
    rows = [
        {"column": c, **{k: num(d.loc[c, k]) for k in ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]}}
        for c in numeric
    ]
    return {"rows": rows, "skipped_non_numeric": [c for c in d.index if c not in numeric]}


def corr_with(df, target):
    s = df.corr(numeric_only=True)[target].drop(target).sort_values(ascending=False)
    return [[c, num(v)] for c, v in s.items()]


def series_table(s):
    """A Series indexed by one or more keys → rows of [*keys, value]."""
    out = []
    for k, v in s.items():
        keys = list(k) if isinstance(k, tuple) else [k]
        out.append([num(x) for x in keys] + [num(v)])
    return out


def top10(df, key):
    window = df[(df["snapshot_date"] >= CHRISTMAS[0]) & (df["snapshot_date"] < CHRISTMAS[1])]
    # nlargest(keep="first"): ties keep the group-key order, deterministic unlike sort_values.
    return series_table(window.groupby(key)["popularity"].mean().nlargest(10))


def frame_info(df):
    return {
        "shape": list(df.shape),
        "dtypes": {c: str(t) for c, t in df.dtypes.items()},
        "null_counts": {c: int(n) for c, n in df.isna().sum().items()},
    }


def main():
    props = pd.read_parquet(DATA / "song_properties.parquet", engine="pyarrow")
    ranks = pd.read_parquet(DATA / "song_rankings.parquet", engine="pyarrow")
    out = {
        "generated_by": "scripts/pandas_reference.py",
        "versions": {"python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__},
        "christmas_window": list(CHRISTMAS),
    }
    out["properties"] = {
        "info": frame_info(props),
        "head": [[num(v) for v in row] for row in props.head(3).itertuples(index=False)],
        "describe": describe(props),
        "corr_energy": corr_with(props, "energy"),
        "corr_matrix_columns": ["energy", "loudness", "acousticness", "is_explicit"],
        "corr_matrix": [
            [num(v) for v in row]
            for row in props[["energy", "loudness", "acousticness", "is_explicit"]].corr().to_numpy()
        ],
    }
    by_country = ranks.groupby("country")
    out["rankings"] = {
        "info": frame_info(ranks),
        "groupby_country_popularity_mean": series_table(by_country["popularity"].mean()),
        "groupby_country_daily_movement": {
            agg: series_table(by_country["daily_movement"].agg(agg))
            for agg in ["count", "sum", "min", "max", "median", "std", "nunique"]
        },
        "groupby_country_spotify_id_nunique": series_table(by_country["spotify_id"].nunique()),
        "value_counts_country_top10": series_table(ranks["country"].value_counts().head(10)),
        "top10_christmas_by_id_and_name": top10(ranks, ["spotify_id", "name"]),
        "top10_christmas_by_name": top10(ranks, ["name"]),
    }
    merged = ranks.merge(props.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id")
    merged_shape = list(merged.shape)
    merged = merged.dropna()
    means = merged.groupby("country")[FEATURES].mean()
    out["merged"] = {
        "shape_before_dropna": merged_shape,
        "info": frame_info(merged),
        "describe": describe(merged),
        "corr_popularity": corr_with(merged, "popularity"),
        "feature_means_by_country": {f: series_table(means[f]) for f in FEATURES},
        "value_counts_country_top10": series_table(merged["country"].value_counts().head(10)),
        "top10_christmas_by_id_and_name": top10(merged, ["spotify_id", "name"]),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} (pandas {pd.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
