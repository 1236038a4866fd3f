//! Quality gates: `--gate "test_accuracy>=0.12"` — a metric of `metrics.json`, a comparison
//! (`>=`, `>`, `<=`, `<`, `==`) and a number, checked after the run. `==` compares exactly.
//! `--gate "test_accuracy>=champion"` compares with the same metric of the model version in
//! the registry (`champion`: the version behind an MLflow alias, a Kubeflow version).

use std::collections::BTreeMap;
use std::fmt;

use jukebox_core::registry::Champion;

use crate::error::{CliError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    AtLeast,
    Above,
    AtMost,
    Below,
    Equal,
}

impl Op {
    /// Longest first, so `>=` is not read as `>`.
    const ALL: [(&'static str, Op); 5] = [
        (">=", Op::AtLeast),
        ("<=", Op::AtMost),
        ("==", Op::Equal),
        (">", Op::Above),
        ("<", Op::Below),
    ];

    fn symbol(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, op)| *op == self)
            .map_or("?", |(s, _)| s)
    }

    fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Op::AtLeast => value >= threshold,
            Op::Above => value > threshold,
            Op::AtMost => value <= threshold,
            Op::Below => value < threshold,
            #[allow(clippy::float_cmp)] // `==` is asked for: an exact comparison.
            Op::Equal => value == threshold,
        }
    }
}

/// What a metric is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Number(f64),
    /// The same metric of the champion in the registry.
    Champion,
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Number(n) => write!(f, "{n}"),
            Bound::Champion => f.write_str("champion"),
        }
    }
}

/// One gate: `metric op bound`.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    pub metric: String,
    pub op: Op,
    pub bound: Bound,
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.metric, self.op.symbol(), self.bound)
    }
}

/// Whether any gate compares with the champion (the registry is then asked for it).
pub fn needs_champion(gates: &[Gate]) -> bool {
    gates.iter().any(|g| g.bound == Bound::Champion)
}

/// Parses `metric op number` or `metric op champion`, spaces allowed.
pub fn parse(text: &str) -> Result<Gate> {
    let fail = |problem: String| CliError::Argument {
        arg: format!("--gate {text}"),
        problem,
    };
    let found = text.char_indices().find_map(|(at, _)| {
        Op::ALL
            .iter()
            .find(|(symbol, _)| text[at..].starts_with(symbol))
            .map(|(symbol, op)| (at, *symbol, *op))
    });
    let Some((at, symbol, op)) = found else {
        return Err(fail(
            "no comparison: write METRIC OP NUMBER (or champion) with OP one of >= > <= < ==, e.g. \"test_accuracy>=0.12\"".into(),
        ));
    };
    let metric = text[..at].trim();
    let number = text[at + symbol.len()..].trim();
    if metric.is_empty() {
        return Err(fail(
            "no metric before the comparison, e.g. \"test_accuracy>=0.12\" (the names of metrics.json)".into(),
        ));
    }
    let bound = if number.eq_ignore_ascii_case("champion") {
        Bound::Champion
    } else {
        Bound::Number(number.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(|| {
            fail(format!(
                "`{number}` is not a number to compare {metric} with (nor `champion`, the registry's model)"
            ))
        })?)
    };
    Ok(Gate {
        metric: metric.to_string(),
        op,
        bound,
    })
}

/// A gate after the run: the metric's value (`None`: no such metric), what it was compared
/// with (`None`: the champion lacks the metric) and whether it held.
#[derive(Debug, Clone, PartialEq)]
pub struct GateResult {
    pub gate: Gate,
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    /// The champion compared with, in words (`version 3 of song-country (alias champion)`).
    pub champion: Option<String>,
}

impl GateResult {
    pub fn passed(&self) -> bool {
        match (self.value, self.threshold) {
            (Some(value), Some(threshold)) => self.gate.op.holds(value, threshold),
            _ => false,
        }
    }

    /// The result in words, with what to do when it failed.
    pub fn sentence(&self) -> String {
        let gate = &self.gate;
        let against = match (&self.champion, self.threshold) {
            (Some(champion), Some(t)) => format!(" vs the champion's {t:.4}, {champion}"),
            _ => String::new(),
        };
        match (self.value, self.threshold) {
            (None, _) => format!(
                "gate {gate}: failed — there is no metric `{}` in metrics.json. Use one of its names",
                gate.metric
            ),
            (Some(_), None) if self.champion.is_none() => format!(
                "gate {gate}: failed — the champion could not be read from the registry (the error follows)"
            ),
            (Some(_), None) => format!(
                "gate {gate}: failed — the champion ({}) has no metric `{}`. Gate on a metric it was registered with (test_accuracy, test_macro_f1, …)",
                self.champion.as_deref().unwrap_or("?"),
                gate.metric
            ),
            (Some(value), Some(_)) if self.passed() => {
                format!(
                    "gate {gate}: passed ({} = {value:.4}{against})",
                    gate.metric
                )
            }
            (Some(value), Some(_)) => format!(
                "gate {gate}: failed — {} is {value:.4}{against}. Improve the model or its data, or change the gate if the bar moved",
                gate.metric
            ),
        }
    }
}

/// Each gate checked against `metrics`; gates on `champion` against its metrics.
pub fn evaluate(
    gates: &[Gate],
    metrics: &BTreeMap<String, f64>,
    champion: Option<&Champion>,
) -> Vec<GateResult> {
    gates
        .iter()
        .map(|gate| {
            let (threshold, described) = match gate.bound {
                Bound::Number(n) => (Some(n), None),
                Bound::Champion => (
                    champion.and_then(|c| c.metrics.get(&gate.metric).copied()),
                    champion.map(|c| c.described.clone()),
                ),
            };
            GateResult {
                gate: gate.clone(),
                value: metrics.get(&gate.metric).copied(),
                threshold,
                champion: described,
            }
        })
        .collect()
}

/// `Ok` when every gate passed, else [`CliError::GateFailed`] (exit code 3); a gate naming
/// no metric lists the names there are.
pub fn verdict(results: &[GateResult], metrics: &BTreeMap<String, f64>) -> Result<()> {
    let failed = results.iter().filter(|r| !r.passed()).count();
    if failed == 0 {
        return Ok(());
    }
    let unknown: Vec<&str> = results
        .iter()
        .filter(|r| r.value.is_none())
        .map(|r| r.gate.metric.as_str())
        .collect();
    Err(CliError::GateFailed {
        failed,
        total: results.len(),
        detail: if unknown.is_empty() {
            String::new()
        } else {
            format!(
                " (no metric {}; metrics.json has {})",
                unknown.join(", "),
                metrics.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> BTreeMap<String, f64> {
        [
            ("test_accuracy".to_string(), 0.25),
            ("test_macro_f1".to_string(), 0.1),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn parses_each_comparison() {
        for (text, op) in [
            ("test_accuracy>=0.12", Op::AtLeast),
            ("test_accuracy > 0.12", Op::Above),
            ("test_accuracy<=0.12", Op::AtMost),
            ("test_accuracy<0.12", Op::Below),
            ("test_accuracy==0.12", Op::Equal),
        ] {
            let gate = parse(text).unwrap();
            assert_eq!(
                (gate.metric.as_str(), gate.op, gate.bound),
                ("test_accuracy", op, Bound::Number(0.12))
            );
        }
        assert_eq!(
            parse("test_accuracy >= 0.12").unwrap().to_string(),
            "test_accuracy>=0.12"
        );
    }

    #[test]
    fn bad_gates_say_how_to_write_one() {
        let error = parse("test_accuracy=0.1").unwrap_err().to_string();
        assert!(
            error.contains("no comparison: write METRIC OP NUMBER"),
            "{error}"
        );
        let error = parse(">=0.1").unwrap_err().to_string();
        assert!(error.contains("no metric before the comparison"), "{error}");
        let error = parse("test_accuracy>=high").unwrap_err().to_string();
        assert!(error.contains("`high` is not a number"), "{error}");
    }

    #[test]
    fn gates_pass_and_fail_with_exit_code_3() {
        let passing = [
            parse("test_accuracy>=0.12").unwrap(),
            parse("test_macro_f1<0.5").unwrap(),
        ];
        let results = evaluate(&passing, &metrics(), None);
        assert!(results.iter().all(GateResult::passed));
        verdict(&results, &metrics()).unwrap();
        let failing = [
            parse("test_accuracy>0.9").unwrap(),
            parse("test_accuracy==0.25").unwrap(),
        ];
        let results = evaluate(&failing, &metrics(), None);
        assert_eq!(
            results.iter().map(GateResult::passed).collect::<Vec<_>>(),
            [false, true]
        );
        assert!(
            results[0]
                .sentence()
                .contains("failed — test_accuracy is 0.25")
        );
        let error = verdict(&results, &metrics()).unwrap_err();
        assert_eq!(error.exit_code(), crate::error::exit::GATE_FAILED);
        assert_eq!(
            error.to_string(),
            "1 of 2 quality gates failed; report.md lists each gate with its value"
        );
    }

    #[test]
    fn a_gate_on_an_unknown_metric_fails_and_lists_the_names() {
        let results = evaluate(&[parse("accuracy>=0.1").unwrap()], &metrics(), None);
        assert!(!results[0].passed());
        let error = verdict(&results, &metrics()).unwrap_err().to_string();
        assert!(
            error.contains("no metric accuracy; metrics.json has test_accuracy, test_macro_f1"),
            "{error}"
        );
    }

    #[test]
    fn a_champion_gate_compares_with_the_registered_version() {
        let gate = parse("test_accuracy >= Champion").unwrap();
        assert_eq!(gate.bound, Bound::Champion);
        assert_eq!(gate.to_string(), "test_accuracy>=champion");
        assert!(needs_champion(&[
            parse("test_accuracy>=0.1").unwrap(),
            gate.clone()
        ]));
        let champion = Champion {
            described: "version 3 of song-country (alias champion)".into(),
            metrics: [("test_accuracy".to_string(), 0.2)].into_iter().collect(),
        };
        let better = evaluate(std::slice::from_ref(&gate), &metrics(), Some(&champion));
        assert!(better[0].passed());
        assert_eq!(
            better[0].sentence(),
            "gate test_accuracy>=champion: passed (test_accuracy = 0.2500 vs the champion's 0.2000, version 3 of song-country (alias champion))"
        );
        let worse = Champion {
            metrics: [("test_accuracy".to_string(), 0.3)].into_iter().collect(),
            ..champion.clone()
        };
        let results = evaluate(&[gate], &metrics(), Some(&worse));
        assert!(!results[0].passed());
        assert!(
            results[0]
                .sentence()
                .contains("failed — test_accuracy is 0.2500 vs the champion's 0.3000")
        );
        let missing = evaluate(
            &[parse("test_macro_f1>=champion").unwrap()],
            &metrics(),
            Some(&champion),
        );
        assert!(!missing[0].passed());
        assert!(missing[0].sentence().contains("the champion (version 3 of song-country (alias champion)) has no metric `test_macro_f1`"), "{}", missing[0].sentence());
    }
}
