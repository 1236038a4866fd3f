#!/usr/bin/env python3
"""The pandas side of the explore benchmark: the course's steps on ../shared/data, each timed
on this machine, printed as one JSON object (compare with the Rust side in the same run).

    bench/setup-venv.sh && bench/.venv/bin/python bench/pandas_pipeline.py
"""
import json
import resource
import sys
import time
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
# crate::course::FEATURES, in the course's order.
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
CHRISTMAS = ("2023-12-20", "2024-01-01")  # start inclusive, end exclusive


def main():
    steps = []

    def timed(step, fn):
        started = time.perf_counter()
        result = fn()
        steps.append({"step": step, "seconds": time.perf_counter() - started})
        return result

    props, ranks = timed("read_parquet", lambda: (
        pd.read_parquet(DATA / "song_properties.parquet", engine="pyarrow"),
        pd.read_parquet(DATA / "song_rankings.parquet", engine="pyarrow"),
    ))
    merged = timed("join", lambda: ranks.merge(
        props.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id"))
    merged = timed("dropna", merged.dropna)
    timed("describe", lambda: merged.describe().T)
    timed("corr", lambda: merged.corr(numeric_only=True)["popularity"]
          .drop("popularity").sort_values(ascending=False))
    timed("groupby_mean", lambda: merged.groupby("country")[FEATURES].mean())

    def top10():
        dates = merged["snapshot_date"]
        window = merged[(dates >= CHRISTMAS[0]) & (dates < CHRISTMAS[1])]
        return window.groupby(["spotify_id", "name"])["popularity"].mean().nlargest(10)

    top = timed("top10", top10)
    assert len(top) == 10, "the Christmas window should hold at least 10 songs"
    # ru_maxrss is in KiB on Linux.
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({
        "steps": steps,
        "total_seconds": sum(s["seconds"] for s in steps),
        "pandas": pd.__version__,
        "rows_after_dropna": len(merged),
        "peak_rss_mb": round(peak_rss_mb, 1),
    }, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
