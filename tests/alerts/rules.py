"""The `spec.groups` of a Kubernetes PrometheusRule as a plain Prometheus rules file (what
`promtool check rules` and `prometheus --config.file` read), optionally with every `for:`
shortened so a test sees the alerts fire within seconds.

    .venv/bin/python tests/alerts/rules.py pipelines/alerts.yaml [--for 2s] > rules.yml
"""

import argparse
import sys
from pathlib import Path

import yaml  # PyYAML, in .venv through MLflow


def plain_rules(path: Path, for_override: str | None = None) -> dict:
    """{"groups": [...]} of the PrometheusRule at `path`; each rule's `for` replaced when
    `for_override` is given."""
    rule = yaml.safe_load(path.read_text())
    if rule.get("kind") != "PrometheusRule" or rule.get("apiVersion") != "monitoring.coreos.com/v1":
        raise ValueError(f"{path} is not a monitoring.coreos.com/v1 PrometheusRule")
    groups = rule["spec"]["groups"]
    if for_override is not None:
        for group in groups:
            for r in group["rules"]:
                if "for" in r:
                    r["for"] = for_override
    return {"groups": groups}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prometheus_rule", type=Path)
    parser.add_argument("--for", dest="for_override", help="replace every rule's `for:` (e.g. 2s)")
    args = parser.parse_args()
    yaml.safe_dump(plain_rules(args.prometheus_rule, args.for_override), sys.stdout, sort_keys=False)


if __name__ == "__main__":
    main()
