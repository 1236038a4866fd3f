#!/usr/bin/env python3
"""Regenerates core/src/monitor/fixtures/drift_reference.json: seeded reference/current samples
and what numpy, scipy and Evidently answer for them, for `monitor::drift` (compared at 1e-9).

Evidently 0.7.23 does not import with pandas 3, so it runs in its own environment:

    python3 -m venv /tmp/driftvenv
    /tmp/driftvenv/bin/pip install numpy==2.4.6 scipy==1.17.1 "pandas<3" evidently==0.7.23
    /tmp/driftvenv/bin/python scripts/drift_reference.py

What the file holds (numbers only; the rules are written in the docstrings of the Rust code):

- `groups`: sets of columns sharing a reference and a current sample size (a tiny pair, a
  small one under Evidently's 1,000-row rule, a large one, equal sizes, a 5,000 vs 3,000 exact
  KS case, and 10,500-row references for scipy's asymptotic KS). Floats are rounded (4 or 6
  decimals) before anything is computed, so the stored samples are exactly what was tested.
  Per column: TrustyAI's MeanShift (numpy: population variances as its Java `DataUtils`,
  t = (mean_ref - mean_cur)/sqrt(var_ref/n_ref + var_cur/n_cur), p = 2 t.sf(|t|, n_ref+n_cur-2)),
  `ttest_ind(reference, current, equal_var=False)`, `ks_2samp(reference, current)`, PSI over
  the reference deciles (rule below), Evidently's default test computed with the same scipy
  calls Evidently makes, and `np.histogram` over both samples' range. Per group: Evidently's
  own `DataDriftPreset` report (each column's method and score, the drifted share).
- `kstwo_sf`, `smirnov_sf`, `student_t_sf`, `chi2_sf`, `normal_sf`: tables of scipy's
  distributions over every branch the Rust code takes, down to p ~ 1e-300.

PSI rule (same in Rust): bin edges are the reference's quantiles at 0.1..0.9 (numpy's default
linear interpolation); a value goes to the first bin whose upper edge it does not exceed (the
outer bins are open); shares of 0 become 1e-4; PSI = sum (cur - ref) * ln(cur / ref).
"""
import json
import math
from pathlib import Path

import evidently
import numpy as np
import pandas as pd
import scipy
from evidently import Report
from evidently.presets import DataDriftPreset
from scipy import special, stats
from scipy.spatial import distance

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "core" / "src" / "monitor" / "fixtures" / "drift_reference.json"
HEADER = {
    "generator": "scripts/drift_reference.py",
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "pandas": pd.__version__,
    "evidently": evidently.__version__,
}
PSI_EPSILON = 1e-4
HISTOGRAM_BINS = 10


def num(x):
    """A float for JSON; infinities and NaN as strings (JSON has no literal for them)."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def meanshift(ref, cur):
    """TrustyAI's Meanshift.calculate: commons-math TTest.t(fitStats, testStats) with
    population variances (DataUtils.getStdDev divides by n), df = n_ref + n_cur - 2."""
    n1, n2 = len(ref), len(cur)
    t = (np.mean(ref) - np.mean(cur)) / np.sqrt(np.var(ref) / n1 + np.var(cur) / n2)
    return t, 2 * stats.t.sf(abs(t), n1 + n2 - 2)


def psi(ref, cur):
    edges = np.quantile(ref, np.arange(1, 10) / 10)
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=10)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=10)
    p = ref_counts / len(ref)
    q = cur_counts / len(cur)
    p = np.where(p == 0, PSI_EPSILON, p)
    q = np.where(q == 0, PSI_EPSILON, q)
    return float(np.sum((q - p) * np.log(q / p))), edges


def evidently_equivalent(ref, cur, categorical):
    """Evidently's `_get_default_stattest` and the stat test it picks, as scipy calls."""
    n_values = pd.concat([pd.Series(ref), pd.Series(cur)]).nunique()
    keys = sorted(set(ref) | set(cur))
    if len(ref) > 1000:
        if categorical or n_values <= 5:
            p = np.array([np.sum(ref == k) / len(ref) for k in keys])
            q = np.array([np.sum(cur == k) / len(cur) for k in keys])
            js = distance.jensenshannon(p, q)
            return {"method": "jensenshannon", "statistic": js, "p_value": None,
                    "drifted": bool(js >= 0.1)}
        wd = stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
        return {"method": "wasserstein", "statistic": wd, "p_value": None,
                "drifted": bool(wd >= 0.1)}
    if not categorical and n_values > 5:
        res = stats.ks_2samp(ref, cur)
        return {"method": "ks", "statistic": res.statistic, "p_value": res.pvalue,
                "drifted": bool(res.pvalue <= 0.05)}
    if n_values > 2:
        k_norm = len(cur) / len(ref)
        f_exp = [np.sum(ref == k) * k_norm for k in keys]
        f_obs = [np.sum(cur == k) for k in keys]
        with np.errstate(divide="ignore"):
            res = stats.chisquare(f_obs, f_exp)
        return {"method": "chisquare", "statistic": res.statistic, "p_value": res.pvalue,
                "drifted": bool(res.pvalue < 0.05)}
    if len(set(ref)) == 1 and len(set(cur)) == 1 and ref[0] == cur[0]:
        return {"method": "z", "statistic": 0.0, "p_value": 1.0, "drifted": False}
    r = (ref != keys[0]).astype(float)
    c = (cur != keys[0]).astype(float)
    p1, p2 = r.sum() / len(r), c.sum() / len(c)
    pooled = (p1 * len(r) + p2 * len(c)) / (len(r) + len(c))
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / len(r) + 1 / len(c)))
    # Evidently writes 2 * (1 - norm.cdf(|z|)); the accurate tail is the same number
    # wherever that subtraction keeps digits, and the Rust code computes the tail.
    p = 2 * stats.norm.sf(abs(z))
    return {"method": "z", "statistic": z, "p_value": p, "drifted": bool(p < 0.05),
            "evidently_p_value": 2 * (1 - stats.norm.cdf(abs(z)))}


def column_expected(ref, cur, categorical):
    ms_t, ms_p = meanshift(ref, cur)
    welch = stats.ttest_ind(ref, cur, equal_var=False)
    ks = stats.ks_2samp(ref, cur)
    psi_value, psi_edges = psi(ref, cur)
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins=HISTOGRAM_BINS)
    ev = evidently_equivalent(ref, cur, categorical)
    return {
        "reference_mean": np.mean(ref),
        "current_mean": np.mean(cur),
        "meanshift": {"statistic": ms_t, "p_value": ms_p},
        "welch": {"statistic": welch.statistic, "p_value": welch.pvalue, "df": welch.df},
        "ks": {"statistic": ks.statistic, "p_value": ks.pvalue,
               "exact": bool(max(len(ref), len(cur)) <= 10000)},
        "psi": {"statistic": psi_value, "edges": list(psi_edges)},
        "evidently": ev,
        "histogram": {
            "edges": list(edges),
            "reference_counts": [int(c) for c in np.histogram(ref, edges)[0]],
            "current_counts": [int(c) for c in np.histogram(cur, edges)[0]],
        },
    }


def normal(rng, n, loc=0.0, scale=1.0, decimals=4):
    return np.round(rng.normal(loc, scale, size=n), decimals)


def group_columns(rng, n_ref, n_cur):
    """Columns for one group: (name, reference, current, is an integer column)."""
    return {
        "tiny": lambda: [
            ("gauss", normal(rng, n_ref, 0, 1, 6), normal(rng, n_cur, 0.8, 1.5, 6), False),
        ],
        "small": lambda: [
            ("shifted", normal(rng, n_ref), normal(rng, n_cur, 0.3), False),
            ("same", normal(rng, n_ref, 5, 2), normal(rng, n_cur, 5, 2), False),
            ("binary", rng.binomial(1, 0.3, n_ref), rng.binomial(1, 0.4, n_cur), True),
            ("five_values", rng.choice(5, n_ref, p=[.1, .2, .3, .2, .2]),
             rng.choice(5, n_cur, p=[.15, .2, .25, .2, .2]), True),
            ("new_category", rng.choice(4, n_ref), rng.choice(5, n_cur), True),
            ("ties", np.round(rng.normal(0, 1, n_ref), 1), np.round(rng.normal(0.1, 1, n_cur), 1),
             False),
        ],
        "large": lambda: [
            ("shifted", normal(rng, n_ref), normal(rng, n_cur, 0.25), False),
            ("same", normal(rng, n_ref, 100, 15), normal(rng, n_cur, 100, 15), False),
            ("binary", rng.binomial(1, 0.3, n_ref), rng.binomial(1, 0.5, n_cur), True),
            ("five_values", rng.choice(5, n_ref), rng.choice(5, n_cur), True),
            ("key", rng.choice(12, n_ref), rng.choice(12, n_cur), True),
            ("duration_ms", rng.integers(120_000, 300_000, n_ref),
             rng.integers(100_000, 300_000, n_cur), True),
            ("ties", np.round(rng.exponential(1, n_ref), 1), np.round(rng.exponential(1.3, n_cur), 1),
             False),
        ],
        "equal_sizes": lambda: [
            ("shifted", normal(rng, n_ref), normal(rng, n_cur, 0.2, 1.1), False),
        ],
        "exact_large": lambda: [
            ("shifted", normal(rng, n_ref), normal(rng, n_cur, 0.05), False),
        ],
        "big": lambda: [
            ("shifted", normal(rng, n_ref), normal(rng, n_cur, 0.15), False),
            ("same", normal(rng, n_ref), normal(rng, n_cur), False),
        ],
        "big_vs_tiny": lambda: [
            ("same", normal(rng, n_ref), normal(rng, n_cur, 0.1), False),
        ],
    }


GROUPS = [
    ("tiny", 8, 11),
    ("small", 600, 400),
    ("large", 1500, 1200),
    ("equal_sizes", 700, 700),
    ("exact_large", 5000, 3000),
    ("big", 10500, 1200),
    ("big_vs_tiny", 10200, 60),
]


def evidently_report(columns):
    """Evidently's own DataDriftPreset over the group's columns (ints stay int64, so
    Evidently infers them as it would: categorical when the current sample has <= 10 values)."""
    ref = pd.DataFrame({name: r for name, r, _, _ in columns})
    cur = pd.DataFrame({name: c for name, _, c, _ in columns})
    result = Report([DataDriftPreset()]).run(reference_data=ref, current_data=cur).dict()
    out = {"columns": {}}
    for metric in result["metrics"]:
        config = metric["config"]
        if config["type"].endswith("DriftedColumnsCount"):
            out["drifted_count"] = int(metric["value"]["count"])
            out["drifted_share"] = metric["value"]["share"]
            out["dataset_drift"] = bool(metric["value"]["share"] >= config["drift_share"])
        elif config["type"].endswith("ValueDrift"):
            out["columns"][config["column"]] = {
                "method": config["method"],
                "score": num(metric["value"]),
                "threshold": config["threshold"],
            }
    return out


def groups(rng):
    result = []
    for name, n_ref, n_cur in GROUPS:
        columns = group_columns(rng, n_ref, n_cur)[name]()
        entry = {"name": name, "columns": []}
        for col, ref, cur, integer in columns:
            categorical = integer and len(set(cur)) <= 10
            expected = column_expected(ref, cur, categorical)
            entry["columns"].append({
                "name": col,
                "reference": [int(v) if integer else float(v) for v in ref],
                "current": [int(v) if integer else float(v) for v in cur],
                "expected": expected,
            })
        entry["evidently_report"] = evidently_report(columns)
        result.append(entry)
    return result


def distribution_tables():
    ns = [3, 20, 60, 140, 141, 500, 1077, 8571, 60000, 100001, 195652]
    ds = [0.004, 0.01, 0.02, 0.035, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.9]
    kstwo = [[n, d, stats.kstwo.sf(d, n)] for n in ns for d in ds]
    kstwo += [[n, d, stats.kstwo.sf(d, n)] for n, d in [
        (60, 0.0084), (60, 0.012), (60, 0.2), (140, 0.11), (500, 0.0015), (1077, 0.0305),
        (1077, 0.04), (8571, 0.0123), (8571, 0.0032), (100000, 0.00035), (195652, 0.02),
        (195652, 0.03), (195652, 0.0009)]]
    smirnov = [[n, d, special.smirnov(n, d)] for n in [2, 5, 30, 140, 1000, 1077, 20000]
               for d in [0.001, 0.01, 0.05, 0.1, 0.3, 0.7, 0.99]]
    t_table = [[df, t, stats.t.sf(t, df)] for df in [1, 2.5, 7, 17.3, 120, 1000, 1148998]
               for t in [0.0, 0.3, 1.0, 2.0, 4.5, 10.0, 40.0]]
    t_table += [[df, t, stats.t.sf(t, df)] for df, t in [
        (5, 1e6), (1148998, 37.0), (1148998, 30.0), (8198, 36.0), (3.2, 1e5), (1, 1e-3)]]
    chi2_table = [[df, x, stats.chi2.sf(x, df)] for df in [1, 2, 3, 4, 11]
                  for x in [0.0, 0.01, 0.5, 2.0, 7.5, 30.0, 200.0, 1300.0]]
    normal_table = [[z, stats.norm.sf(z)] for z in
                    [0.0, 0.1, 0.5, 1.0, 1.96, 3.0, 5.0, 8.0, 12.0, 20.0, 30.0, 37.0]]
    return {
        "kstwo_sf": [[n, d, num(p)] for n, d, p in kstwo],
        "smirnov_sf": [[n, d, num(p)] for n, d, p in smirnov],
        "student_t_sf": [[df, t, num(p)] for df, t, p in t_table],
        "chi2_sf": [[df, x, num(p)] for df, x, p in chi2_table],
        "normal_sf": [[z, num(p)] for z, p in normal_table],
    }


def clean(value):
    """numpy scalars to JSON numbers, non-finite floats to strings."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return num(value)
    return value


def main():
    rng = np.random.default_rng(20240611)
    fixture = {**HEADER, "psi_epsilon": PSI_EPSILON, "histogram_bins": HISTOGRAM_BINS,
               "groups": groups(rng), **distribution_tables()}
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(clean(fixture), separators=(",", ":"), allow_nan=False) + "\n")
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
