#!/usr/bin/env python3
"""Regenerates core/src/monitor/fixtures/fairness_reference.json: seeded probability matrices
(float32, as the engine's), privileged/unprivileged flags per row, and numpy's answers for
`monitor::fairness` — favourable counts per group, statistical parity difference and disparate
impact ratio per class (TrustyAI's direction: unprivileged minus / over privileged), the
default-bounds flags and the order by |SPD| — for both kinds of favourable outcome:
the top prediction is the class (np.argmax, first column on ties) and P(class) >= threshold
(compared in float64). The Rust tests compare at 1e-12.

    /work/refvenv/bin/python scripts/fairness_reference.py     (numpy 2.4.6)
"""
import json
import platform
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "src" / "monitor" / "fixtures" / "fairness_reference.json"
# TrustyAI's defaults (SPD_THRESHOLD_LOWER/UPPER, DIR_THRESHOLD_LOWER/UPPER), as
# FairnessBounds::default().
SPD_BOUNDS = (-0.1, 0.1)
DIR_BOUNDS = (0.8, 1.2)


def softmax32(logits):
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)


def main_case():
    """300 rows, 6 classes, about a third privileged. Classes 1 and 3 lean towards one group;
    rows 0-9 are all-equal (argmax → column 0), rows 10-19 tie two columns, rows 20-39 hold a
    probability of exactly the threshold (0.25 is exact in float32), to pin `>=`."""
    n, k = 300, 6
    rng = np.random.default_rng(20250101)
    privileged = rng.random(n) < 0.35
    logits = rng.normal(size=(n, k))
    logits[privileged, 1] += 1.0
    logits[~privileged, 3] += 0.8
    proba = softmax32(logits)
    proba[:10] = np.float32(1.0 / k)
    for i in range(10, 20):
        a, b = rng.choice(k, size=2, replace=False)
        proba[i, b] = proba[i, a] = max(proba[i, a], proba[i, b])
    proba[20:40, 2] = np.float32(0.25)
    return "mixed groups with ties and threshold-exact rows", proba, privileged, 0.25


def small_group_case():
    """120 rows, 4 classes, 12 privileged rows (under the 30-row minimum). The privileged rows
    never get class 2 (so its DIR is undefined while the unprivileged rate is positive) and
    no row gets class 3 (0/0: undefined, not a violation)."""
    n, k = 120, 4
    rng = np.random.default_rng(7)
    privileged = np.zeros(n, dtype=bool)
    privileged[rng.choice(n, size=12, replace=False)] = True
    logits = rng.normal(size=(n, k))
    logits[privileged, 2] -= 9.0
    logits[:, 3] -= 12.0
    return "small privileged group, undefined ratios", softmax32(logits), privileged, 0.3


def answers(favourable, privileged):
    """favourable: bool [rows, classes]. The numbers FairnessReport carries, per class."""
    fav_p = favourable[privileged].sum(axis=0)
    fav_u = favourable[~privileged].sum(axis=0)
    rate_p = favourable[privileged].mean(axis=0)
    rate_u = favourable[~privileged].mean(axis=0)
    spd = rate_u - rate_p
    dirs, spd_out, dir_out = [], [], []
    for c in range(favourable.shape[1]):
        d = None if rate_p[c] == 0 else float(rate_u[c] / rate_p[c])
        dirs.append(d)
        spd_out.append(bool(spd[c] < SPD_BOUNDS[0] or spd[c] > SPD_BOUNDS[1]))
        dir_out.append(bool(rate_u[c] > 0) if d is None else bool(d < DIR_BOUNDS[0] or d > DIR_BOUNDS[1]))
    order = sorted(range(len(spd)), key=lambda c: -abs(spd[c]))  # stable: class order on ties
    return {
        "favourable_privileged": [int(v) for v in fav_p],
        "favourable_unprivileged": [int(v) for v in fav_u],
        "rate_privileged": [float(v) for v in rate_p],
        "rate_unprivileged": [float(v) for v in rate_u],
        "spd": [float(v) for v in spd],
        "dir": dirs,
        "spd_outside": spd_out,
        "dir_outside": dir_out,
        "order": order,
    }


def case(name, proba, privileged, threshold):
    n, k = proba.shape
    top = np.zeros((n, k), dtype=bool)
    top[np.arange(n), proba.argmax(axis=1)] = True
    at_least = proba.astype(np.float64) >= threshold
    return {
        "name": name,
        "n_rows": n,
        "n_classes": k,
        # float32 values written exactly (as float64 reprs), row after row.
        "proba": [float(v) for v in proba.ravel()],
        "privileged": [bool(v) for v in privileged],
        "privileged_rows": int(privileged.sum()),
        "unprivileged_rows": int((~privileged).sum()),
        "threshold": threshold,
        "top_class": answers(top, privileged),
        "at_least": answers(at_least, privileged),
    }


def main():
    fixture = {
        "generator": "scripts/fairness_reference.py",
        "numpy": np.__version__,
        "python": platform.python_version(),
        "cases": [case(*main_case()), case(*small_group_case())],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
