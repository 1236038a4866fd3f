#!/usr/bin/env python3
"""Regenerates core/src/format/fixtures/pandas_format.json: how pandas prints float columns
(`DataFrame.to_string`, each cell's text) and the `describe().T` tables of the explore fixture
(core/src/explore/fixtures/pandas_reference.json) as text, for the format tests to match
character for character.

    bench/setup-venv.sh && bench/.venv/bin/python scripts/pandas_format_reference.py

Any Python with pandas 2 or 3 gives the same file (the float formatter did not change).
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "core" / "src" / "explore" / "fixtures" / "pandas_reference.json"
OUT = ROOT / "core" / "src" / "format" / "fixtures" / "pandas_format.json"
STATS = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]

# Float columns that exercise each rule: trailing zeros trimmed equally, negative numbers,
# NaN, values above 1e6 (scientific only when the fixed text is too wide), values below 1e-6,
# zeros, and whole numbers.
COLUMNS = [
    [0.5, 0.125],
    [1.0, 2.0, 3.0],
    [0.5, None, -1.25],
    [14245.0],
    [190311.30628290627, 0.676673],
    [1234567.0, 2.5],
    [1234567.891, 2.5],
    [999999.5, 1.0],
    [1e-7, 0.5],
    [0.0, 1e-6, 0.3],
    [-0.0, 0.0],
    [None, None],
    [123456789.0],
    [0.1 + 0.2, 1 / 3],
    [-37.334, 3.233, 0.0],
    [2.01e-05, 0.998],
]


def cell_texts(values):
    """Each value's text in a one-column frame, as `to_string` prints it, without padding."""
    column = pd.Series([np.nan if v is None else v for v in values], dtype="float64")
    lines = pd.DataFrame({"x": column}).to_string(header=False, index=False).splitlines()
    return [line.strip() for line in lines]


def describe_text(rows):
    """`describe().T.to_string()` of a fixture's describe rows (pandas' own numbers)."""
    frame = pd.DataFrame(
        [[np.nan if r[s] is None else r[s] for s in STATS] for r in rows],
        index=[r["column"] for r in rows],
        columns=STATS,
    )
    return frame.to_string()


def main():
    reference = json.loads(REFERENCE.read_text())
    out = {
        "generated_by": "scripts/pandas_format_reference.py",
        "versions": {"python": sys.version.split()[0], "pandas": pd.__version__},
        "columns": [{"values": values, "texts": cell_texts(values)} for values in COLUMNS],
        "describe": {
            table: describe_text(reference[table]["describe"]["rows"])
            for table in ["properties", "merged"]
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
