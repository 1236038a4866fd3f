#!/usr/bin/env python3
"""`make bench-cli`: the course notebook on the full course files in the native `jukebox` CLI
(release build) against the same steps in pandas + scikit-learn + Keras (bench/cli_peer.py),
in one run, each side three times in turn; per step the median seconds, and each side's peak
memory (the process's maximum resident set, from wait4).

The notebook is bench/course_cli.jukebox.json: two Parquet sources (given with --data), the
course's merge, dropna, describe() and the per-country means, the course network for 2
epochs and a 50-tree forest of depth 16. Before any time is reported, the two sides' results
are checked equal: row counts after the merge and dropna, the training/validation/test
sizes, describe() and the per-country means (relative 1e-9), and test accuracy of each model
within ±0.02 of its peer's (different libraries train different weights; the same rows).

The peer runs with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (only in its own environment) and
prints the BLAS it ran (threadpoolctl), so it is never handicapped.

    bench/cli_bench.py [--runs 3] [--bin target/release/jukebox]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("JUKEBOX_SHARED_DATA", ROOT.parent / "shared" / "data"))
NOTEBOOK = ROOT / "bench" / "course_cli.jukebox.json"
RESULTS = ROOT / "tests" / "bench" / "results" / "cli.json"
FEATURES = [
    "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
]
# The notebook's cells (1-based) as the peer's steps.
STEPS = {"load": [1, 2], "merge": [3], "dropna": [4], "explore": [5, 6], "network": [7], "forest": [8]}


def run(command, env=None):
    """Runs `command`; its stdout and wall seconds (exits with its stderr if it failed)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({process.returncode}):\n{err[-3000:]}")
    return out, wall


def measured(command, env=None):
    """`command` run from a fresh Python that reports the child's own peak RSS (wait4)."""
    wrapper = (
        "import json, os, subprocess, sys\n"
        "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)\n"
        "out = p.stdout.read()\n"
        "_, status, usage = os.wait4(p.pid, 0)\n"
        "sys.stdout.buffer.write(out)\n"
        "sys.stdout.write('\\n' + json.dumps({'peak_mb': usage.ru_maxrss / 1024, 'status': status}) + '\\n')\n"
    )
    out, wall = run([sys.executable, "-c", wrapper, *map(str, command)], env)
    lines = out.rstrip("\n").split("\n")
    usage = json.loads(lines[-1])
    if usage["status"] != 0:
        sys.exit(f"{command[0]} exited with status {usage['status']}")
    return "\n".join(lines[:-1]), wall, usage["peak_mb"]


def cli_once(binary):
    out_dir = Path(tempfile.mkdtemp(prefix="jukebox-bench-cli-"))
    command = [binary, "run", NOTEBOOK, "--out", out_dir, "--json",
               "--data", f"song_properties={DATA / 'song_properties.parquet'}",
               "--data", f"song_rankings={DATA / 'song_rankings.parquet'}"]
    out, wall, peak = measured(command)
    cells = {}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        event = json.loads(line)
        if event.get("event") == "cell_finished":
            if event["status"] != "done":
                sys.exit(f"cell {event['cell']} {event['status']}: {event.get('message')}")
            cells[event["cell"]] = event["elapsed_ms"] / 1000
    steps = {name: sum(cells[i] for i in idx) for name, idx in STEPS.items()}
    export = json.loads((out_dir / "jukebox-export.json").read_text())
    # The export's envelope (format, version, sha256) around its content.
    runs = {r["record"]["model_name"]: r["record"] for r in export["content"]["runs"]}
    return {"steps": steps, "wall": wall, "peak_mb": peak, "out": out_dir, "runs": runs}


def peer_once(python):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    out, wall, peak = measured([python, ROOT / "bench" / "cli_peer.py", DATA], env)
    result = json.loads(out)
    result.update(wall=wall, peak_mb=peak)
    return result


def close(a, b, rel=1e-9):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def check_equal(cli, peer):
    """Raises with what differs; returns the facts checked, for the results file."""
    problems = []
    net, forest = cli["runs"]["network"], cli["runs"]["forest"]
    sizes = net["report"]["sizes"]
    rows = peer["rows"]
    pairs = [("rows after dropna", sizes["n_rows"], rows["clean"]),
             ("training rows", sizes["n_train"], rows["train"]),
             ("validation rows", sizes["n_validation"], rows["validation"]),
             ("test rows", sizes["n_test"], rows["test"])]
    problems += [f"{what}: CLI {a}, peer {b}" for what, a, b in pairs if a != b]
    # describe().T: explore-5.csv has a row per column, a column per statistic.
    table = read_csv(cli["out"] / "explore-5.csv")
    header, body = table[0], {row[0]: row for row in table[1:]}
    stats = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    # The same columns described on both sides (pandas leaves bool columns out), else the
    # two did different work and no time is reported.
    ours_described = sorted(f for f in FEATURES if f in body)
    theirs_described = sorted(peer["describe"])
    if ours_described != theirs_described:
        problems.append(f"describe covers {ours_described} in the CLI, {theirs_described} in pandas")
    for feature in theirs_described:
        if feature not in body:
            continue
        for stat in stats:
            ours = float(body[feature][header.index(stat)])
            theirs = peer["describe"][feature].get(stat, float("nan"))
            if not close(ours, theirs):
                problems.append(f"describe {feature} {stat}: CLI {ours}, pandas {theirs}")
    means = read_csv(cli["out"] / "explore-6.csv")
    m_header = means[0]
    for row in means[1:]:
        country = row[0]
        for feature in FEATURES:
            ours = float(row[m_header.index(feature)])
            theirs = peer["country_means"][country][FEATURES.index(feature)]
            if not close(ours, theirs):
                problems.append(f"mean {feature} in {country}: CLI {ours}, pandas {theirs}")
    if len(means) - 1 != len(peer["country_means"]):
        problems.append(f"countries: CLI {len(means) - 1}, pandas {len(peer['country_means'])}")
    accuracy = {"network": net["report"]["test_accuracy"], "forest": forest["report"]["test_accuracy"]}
    for model, ours in accuracy.items():
        theirs = peer["accuracy"][model]
        if abs(ours - theirs) > 0.02:
            problems.append(f"{model} test accuracy: CLI {ours:.4f}, peer {theirs:.4f} (more than 0.02 apart)")
    if problems:
        sys.exit("The two sides differ; no time is reported:\n  " + "\n  ".join(problems[:20]))
    return {"rows": rows, "accuracy": {m: {"cli": accuracy[m], "peer": peer["accuracy"][m]} for m in accuracy}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "jukebox"))
    parser.add_argument("--python", default=str(ROOT / "bench" / ".venv" / "bin" / "python"))
    args = parser.parse_args()
    for file in ("song_properties.parquet", "song_rankings.parquet"):
        if not (DATA / file).exists():
            sys.exit(f"{DATA / file} is missing: the course files must be in ../shared/data")
    clis, peers = [], []
    for i in range(args.runs):
        clis.append(cli_once(args.bin))
        peers.append(peer_once(args.python))
        print(f"run {i + 1}: CLI {clis[-1]['wall']:.1f} s, Python {peers[-1]['wall']:.1f} s", file=sys.stderr)
    checked = check_equal(clis[0], peers[0])
    for cli, peer in zip(clis[1:], peers[1:]):
        check_equal(cli, peer)
    median = lambda side, step: statistics.median(r["steps"][step] for r in side)
    steps = {s: {"cli": median(clis, s), "peer": median(peers, s)} for s in STEPS}
    total_cli = sum(v["cli"] for v in steps.values())
    total_peer = sum(v["peer"] for v in steps.values())
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "runs": args.runs,
        "steps": steps,
        "total": {"cli": total_cli, "peer": total_peer, "ratio": total_cli / total_peer},
        "wall": {"cli": statistics.median(r["wall"] for r in clis), "peer": statistics.median(r["wall"] for r in peers)},
        "peak_mb": {"cli": max(r["peak_mb"] for r in clis), "peer": max(r["peak_mb"] for r in peers)},
        "checked": checked,
        "peer_versions": peers[0]["versions"],
        "peer_blas": peers[0]["blas"],
        "peer_env_removed": peers[0]["env"],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    print(f"| step | jukebox CLI s | pandas + scikit-learn + Keras s | ratio |\n|---|---:|---:|---:|")
    for step, v in steps.items():
        print(f"| {step} | {v['cli']:.2f} | {v['peer']:.2f} | {v['cli'] / v['peer']:.2f} |")
    print(f"| **total** | **{total_cli:.2f}** | **{total_peer:.2f}** | **{total_cli / total_peer:.2f}** |")
    print(f"peak memory: CLI {result['peak_mb']['cli']:.0f} MB, Python {result['peak_mb']['peer']:.0f} MB; "
          f"peer BLAS: {peers[0]['blas']}")


if __name__ == "__main__":
    main()
