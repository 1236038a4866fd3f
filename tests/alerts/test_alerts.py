"""`make test-alerts`: the alert chain with the real parts — `jukebox monitor` writes
`monitor.prom`, Debian's node-exporter serves it through its textfile collector, Debian's
Prometheus scrapes it every second and evaluates `pipelines/alerts.yaml`:

- the shipped PrometheusRule's groups pass `promtool check rules`, and promtool's rule unit
  tests see each alert fire after its 10 minutes (not before; not for other tests' p-values)
  with its summary and description rendered;
- two seeded pairs of CSVs with the course's 13 features: a clean one (the current rows are a
  sample of the reference rows) and a drifted one (the same rows with eight features
  shifted). `jukebox monitor` exits 0 on the first and 5 on the second; both expositions pass
  `promtool check metrics`; the drifted one has a MeanShift p-value under 0.05 for every
  shifted feature and dataset drift, the clean one neither;
- node-exporter re-serves every value exactly as written (our numbers are spelled as the Go
  client spells them);
- with the drifted file in the textfile directory, Prometheus fires exactly the alerts the
  file's values call for (every shifted feature among them); with the clean file in its
  place, every alert goes away.

    .venv/bin/python tests/alerts/test_alerts.py      (JUKEBOX_BIN names the built CLI)

Run directly, it starts the servers itself through `scripts/alerts-servers.sh` (which sets
JUKEBOX_PROMETHEUS_URL, JUKEBOX_NODE_EXPORTER_URL and JUKEBOX_TEXTFILE_DIR); the servers'
rules are a copy of the shipped ones with `for: 2s`.
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import yaml  # noqa: E402  (PyYAML, in .venv through MLflow)
from rules import plain_rules  # noqa: E402

JUKEBOX = os.environ.get("JUKEBOX_BIN", str(ROOT / "target/debug/jukebox"))
PROMTOOL = os.environ.get("PROMTOOL", "/usr/bin/promtool")
ALERTS = ROOT / "pipelines" / "alerts.yaml"
FEATURES = ["is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
            "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo"]
# Eight of 13 features move by about one standard deviation or more: every test sees them,
# and more than half the features drifting is dataset drift by Evidently's default share.
SHIFTS = {"duration_ms": 45_000.0, "danceability": -0.15, "energy": -0.2, "loudness": -3.0,
          "acousticness": 0.25, "liveness": 0.15, "valence": 0.2, "tempo": 25.0}
DRIFT_EXIT = 5
WAIT_S = 60


def reference_songs(rng: np.random.Generator, n: int) -> dict:
    """n songs with the course's feature types and plausible ranges (Kaggle's CSV spelling:
    `is_explicit` is True/False, `duration_ms`, `key` and `mode` are integers)."""
    return {
        "is_explicit": rng.random(n) < 0.3,
        "duration_ms": np.clip(rng.normal(200_000, 40_000, n), 60_000, None).round(),
        "danceability": rng.beta(5, 3, n),
        "energy": rng.beta(5, 3, n),
        "key": rng.integers(0, 12, n).astype(float),
        "loudness": np.clip(rng.normal(-7.0, 2.5, n), None, 0.0),
        "mode": rng.integers(0, 2, n).astype(float),
        "speechiness": rng.beta(1.2, 10, n),
        "acousticness": rng.beta(1, 3, n),
        "instrumentalness": rng.beta(0.3, 20, n),
        "liveness": rng.beta(2, 10, n),
        "valence": rng.beta(3, 3, n),
        "tempo": np.clip(rng.normal(120.0, 25.0, n), 50.0, 220.0),
    }


def shifted(songs: dict) -> dict:
    out = dict(songs)
    for feature, shift in SHIFTS.items():
        moved = songs[feature] + shift
        if feature in {"danceability", "energy", "acousticness", "liveness", "valence"}:
            moved = np.clip(moved, 0.0, 1.0)
        out[feature] = moved
    return out


def write_csv(path: Path, songs: dict) -> None:
    def cell(feature, v):
        if feature == "is_explicit":
            return "True" if v else "False"
        if feature in {"duration_ms", "key", "mode"}:
            return str(int(v))
        return repr(float(v))

    n = len(songs["tempo"])
    lines = [",".join(FEATURES)]
    lines += [",".join(cell(f, songs[f][i]) for f in FEATURES) for i in range(n)]
    path.write_text("\n".join(lines) + "\n")


def csv_pairs(folder: Path) -> dict:
    """{"clean": (ref, cur), "drifted": (ref, cur)}: the current rows are 1,000 of the 4,000
    reference rows, unchanged or shifted. Thirteen features and three tests at 5 % would
    flag a clean pair by chance about every other seed: this seed's clean pair has every
    p-value above 0.35 in scipy (Student's and Welch's t, Kolmogorov–Smirnov, Mann–Whitney),
    far from any test's threshold."""
    rng = np.random.default_rng(20251139)
    reference = reference_songs(rng, 4000)
    rows = rng.choice(4000, size=1000, replace=False)
    current = {f: v[rows] for f, v in reference.items()}
    ref = folder / "reference.csv"
    write_csv(ref, reference)
    write_csv(folder / "current_clean.csv", current)
    write_csv(folder / "current_drifted.csv", shifted(current))
    return {"clean": (ref, folder / "current_clean.csv"),
            "drifted": (ref, folder / "current_drifted.csv")}


SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def samples(text: str) -> dict:
    """{(name, frozenset of label pairs): value as written} of a text exposition."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a sample line: {line!r}"
        labels = frozenset(LABEL.findall(m.group(2) or ""))
        out[(m.group(1), labels)] = m.group(3)
    return out


def values(parsed: dict, name: str) -> list:
    """[(labels dict, float value)] of one metric."""
    return [(dict(labels), float(v)) for (n, labels), v in parsed.items() if n == name]


def expected_alerts(parsed: dict) -> set:
    """What the shipped rules fire on these values, keyed as `firing()` keys Prometheus'."""
    out = {("JukeboxFeatureDrift", labels["feature"])
           for labels, v in values(parsed, "jukebox_drift_pvalue")
           if labels.get("test") == "meanshift" and v < 0.05}
    out |= {("JukeboxDatasetDrift",) for _, v in values(parsed, "jukebox_dataset_drift") if v == 1}
    out |= {("JukeboxFairnessViolation", labels["attribute"], labels["country"])
            for labels, v in values(parsed, "jukebox_fairness_violation") if v == 1}
    return out


def alert_key(labels: dict) -> tuple:
    name = labels["alertname"]
    if name == "JukeboxFeatureDrift":
        return (name, labels["feature"])
    if name == "JukeboxFairnessViolation":
        return (name, labels["attribute"], labels["country"])
    return (name,)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def prometheus_alerts() -> list:
    body = json.loads(get(os.environ["JUKEBOX_PROMETHEUS_URL"] + "/api/v1/alerts"))
    assert body["status"] == "success", body
    return body["data"]["alerts"]


def firing() -> set:
    return {alert_key(a["labels"]) for a in prometheus_alerts() if a["state"] == "firing"}


def wait_until(condition, what: str):
    """Polls `condition()` every 0.5 s for at most WAIT_S seconds; returns its last value."""
    deadline = time.monotonic() + WAIT_S
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not within {WAIT_S} s; Prometheus' alerts: "
                                 f"{json.dumps(prometheus_alerts(), indent=1)}")
        time.sleep(0.5)


def promtool(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PROMTOOL, *args], input=stdin, capture_output=True, text=True)


class ShippedRules(unittest.TestCase):
    """The PrometheusRule as Prometheus reads it: valid, and firing as documented."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="jukebox-rules-")
        cls.rules_file = Path(cls.tmp.name) / "rules.yml"
        cls.rules = plain_rules(ALERTS)
        cls.rules_file.write_text(yaml.safe_dump(cls.rules, sort_keys=False))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def annotations(self, alert: str, **substitutions) -> dict:
        rule = next(r for g in self.rules["groups"] for r in g["rules"] if r.get("alert") == alert)
        out = {}
        for key, text in rule["annotations"].items():
            for template, value in substitutions.items():
                text = text.replace(template, value)
            out[key] = text
        return out

    def test_the_rule_groups_pass_promtool_check_rules(self):
        result = promtool("check", "rules", str(self.rules_file))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("SUCCESS: 3 rules found", result.stdout)

    def test_each_alert_fires_after_ten_minutes_with_its_text_rendered(self):
        tempo_rendered = self.annotations(
            "JukeboxFeatureDrift",
            **{"{{ $labels.feature }}": "tempo", '{{ $value | printf "%.3g" }}': "0.001"})
        fairness_rendered = self.annotations(
            "JukeboxFairnessViolation",
            **{"{{ $labels.country }}": "FR", "{{ $labels.attribute }}": "is_explicit"})
        dataset_rendered = self.annotations("JukeboxDatasetDrift")
        dataset_rendered["summary"] = "The monitored dataset drifted (62% of its features)"
        unit_tests = {
            "rule_files": [str(self.rules_file)],
            "evaluation_interval": "1m",
            "tests": [{
                "interval": "1m",
                "input_series": [
                    {"series": 'jukebox_drift_pvalue{feature="tempo",test="meanshift"}',
                     "values": "0.001x20"},
                    {"series": 'jukebox_drift_pvalue{feature="energy",test="meanshift"}',
                     "values": "0.6x20"},
                    {"series": 'jukebox_drift_pvalue{feature="energy",test="ks"}',
                     "values": "0.001x20"},
                    {"series": "jukebox_dataset_drift", "values": "1x20"},
                    {"series": "jukebox_drifted_feature_share", "values": "0.62x20"},
                    {"series": 'jukebox_fairness_violation{attribute="is_explicit",country="FR"}',
                     "values": "1x20"},
                    {"series": 'jukebox_fairness_violation{attribute="is_explicit",country="DE"}',
                     "values": "0x20"},
                ],
                "alert_rule_test": [
                    *({"eval_time": "9m", "alertname": name, "exp_alerts": []} for name in
                      ["JukeboxFeatureDrift", "JukeboxDatasetDrift", "JukeboxFairnessViolation"]),
                    {"eval_time": "10m", "alertname": "JukeboxFeatureDrift", "exp_alerts": [{
                        "exp_labels": {"severity": "warning", "feature": "tempo",
                                       "test": "meanshift"},
                        "exp_annotations": tempo_rendered}]},
                    {"eval_time": "10m", "alertname": "JukeboxDatasetDrift", "exp_alerts": [{
                        "exp_labels": {"severity": "critical"},
                        "exp_annotations": dataset_rendered}]},
                    {"eval_time": "10m", "alertname": "JukeboxFairnessViolation", "exp_alerts": [{
                        "exp_labels": {"severity": "warning", "attribute": "is_explicit",
                                       "country": "FR"},
                        "exp_annotations": fairness_rendered}]},
                ],
            }],
        }
        test_file = Path(self.tmp.name) / "rules_test.yml"
        test_file.write_text(yaml.safe_dump(unit_tests, sort_keys=False))
        result = promtool("test", "rules", str(test_file))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("SUCCESS", result.stdout)


class AlertChain(unittest.TestCase):
    """`jukebox monitor` → node-exporter → Prometheus → alerts, on a clean and a drifted pair."""

    @classmethod
    def setUpClass(cls):
        help_run = subprocess.run([JUKEBOX, "monitor", "--help"], capture_output=True, text=True)
        if help_run.returncode != 0:
            raise AssertionError(
                f"`{JUKEBOX} monitor --help` failed (exit {help_run.returncode}): build the CLI "
                f"with its monitor subcommand.\n{help_run.stdout}{help_run.stderr}")
        cls.tmp = tempfile.TemporaryDirectory(prefix="jukebox-monitor-")
        folder = Path(cls.tmp.name)
        cls.runs = {}
        for name, (reference, current) in csv_pairs(folder).items():
            out = folder / f"out-{name}"
            run = subprocess.run(
                [JUKEBOX, "monitor", "--reference", str(reference), "--current", str(current),
                 "--out", str(out)], capture_output=True, text=True)
            cls.runs[name] = (run, out)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def exposition(self, name: str) -> str:
        run, out = self.runs[name]
        prom = out / "monitor.prom"
        self.assertTrue(prom.is_file(), f"{name}: no {prom}; stderr:\n{run.stderr}")
        self.assertTrue((out / "monitor.json").is_file(), f"{name}: no monitor.json")
        return prom.read_text()

    def test_the_clean_pair_exits_0_without_drift(self):
        run, _ = self.runs["clean"]
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        parsed = samples(self.exposition("clean"))
        self.assertEqual(values(parsed, "jukebox_dataset_drift")[0][1], 0)
        detected = [labels for labels, v in values(parsed, "jukebox_drift_detected") if v != 0]
        self.assertEqual(detected, [])
        self.assertEqual(expected_alerts(parsed), set())

    def test_the_drifted_pair_exits_5_with_every_shifted_feature_drifting(self):
        run, _ = self.runs["drifted"]
        self.assertEqual(run.returncode, DRIFT_EXIT, run.stdout + run.stderr)
        parsed = samples(self.exposition("drifted"))
        self.assertEqual(values(parsed, "jukebox_dataset_drift")[0][1], 1)
        meanshift = {labels["feature"]: v for labels, v in values(parsed, "jukebox_drift_pvalue")
                     if labels["test"] == "meanshift"}
        self.assertEqual(set(meanshift), set(FEATURES))
        for feature in SHIFTS:
            self.assertLess(meanshift[feature], 0.05, feature)
        for feature in set(FEATURES) - set(SHIFTS):
            self.assertGreaterEqual(meanshift[feature], 0.05, f"{feature} did not move")
        share = values(parsed, "jukebox_drifted_feature_share")[0][1]
        self.assertTrue(0.5 <= share <= 1, share)
        timestamp = values(parsed, "jukebox_monitor_timestamp_seconds")[0][1]
        self.assertTrue(math.isfinite(timestamp) and timestamp > 1.7e9, timestamp)

    def test_both_expositions_pass_promtool_check_metrics(self):
        for name in self.runs:
            result = promtool("check", "metrics", stdin=self.exposition(name))
            self.assertEqual(result.returncode, 0, f"{name}: {result.stdout}{result.stderr}")

    def test_prometheus_fires_what_the_drifted_file_calls_for_then_resolves_on_the_clean_one(self):
        textfile = Path(os.environ["JUKEBOX_TEXTFILE_DIR"])
        drifted = self.exposition("drifted")
        expected = expected_alerts(samples(drifted))
        self.assertTrue({("JukeboxFeatureDrift", f) for f in SHIFTS} <= expected, expected)

        publish(textfile, drifted)
        served = wait_until(lambda: node_exporter_samples(drifted), "node-exporter serving the file")
        for key, written in samples(drifted).items():
            self.assertEqual(served.get(key), written, f"node-exporter re-serves {key}")
        wait_until(lambda: firing() == expected, f"Prometheus firing exactly {sorted(expected)}")
        summaries = {a["labels"]["feature"]: a["annotations"]["summary"]
                     for a in prometheus_alerts() if a["labels"]["alertname"] == "JukeboxFeatureDrift"}
        self.assertTrue(summaries["tempo"].startswith("Feature tempo drifted"), summaries)

        publish(textfile, self.exposition("clean"))
        wait_until(lambda: not prometheus_alerts(), "every alert resolved on the clean file")


def publish(folder: Path, text: str) -> None:
    """Replaces the textfile collector's file atomically (it must never read half a file)."""
    staging = folder / ".jukebox.prom.tmp"
    staging.write_text(text)
    os.replace(staging, folder / "jukebox.prom")


def node_exporter_samples(expected_text: str):
    """node-exporter's samples once it serves every sample of `expected_text`, else None."""
    served = samples(get(os.environ["JUKEBOX_NODE_EXPORTER_URL"] + "/metrics"))
    return served if set(samples(expected_text)) <= set(served) else None


if __name__ == "__main__":
    if "JUKEBOX_PROMETHEUS_URL" not in os.environ:
        script = ROOT / "scripts" / "alerts-servers.sh"
        os.execv(script, [str(script), sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]])
    unittest.main(verbosity=2)
