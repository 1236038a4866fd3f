//! `evaluate` against scikit-learn on `../fixtures/metrics_reference.json`, written by
//! `scripts/sklearn_reference.py metrics` (500 seeded rows, 7 classes, one never predicted,
//! one never true, tied rows; its header names the scikit-learn and numpy versions).

use serde_json::Value;

use super::evaluate;
use crate::train::Matrix;

const TOLERANCE: f64 = 1e-12;

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/metrics_reference.json")).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn counts(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

fn close(what: &str, ours: f64, theirs: f64) {
    assert!(
        (ours - theirs).abs() <= TOLERANCE,
        "{what}: ours {ours}, scikit-learn {theirs}"
    );
}

#[test]
fn evaluation_matches_scikit_learn_on_the_reference_case() {
    let fx = fixture();
    let inputs = &fx["inputs"];
    let expected = &fx["expected"];
    let classes: Vec<String> = inputs["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let y_true: Vec<u32> = counts(&inputs["y_true"])
        .into_iter()
        .map(|y| u32::try_from(y).unwrap())
        .collect();
    let rows = inputs["proba"].as_array().unwrap();
    // The fixture holds float32 values as exact float64 reprs: the cast is lossless.
    #[allow(clippy::cast_possible_truncation)]
    let data: Vec<f32> = rows.iter().flat_map(floats).map(|v| v as f32).collect();
    let proba = Matrix::from_vec(rows.len(), classes.len(), data).unwrap();
    let majority = u32::try_from(inputs["majority_class"].as_u64().unwrap()).unwrap();

    let ev = evaluate(&y_true, &proba, &classes, majority);

    assert_eq!(ev.n_rows, y_true.len());
    close(
        "accuracy",
        ev.accuracy,
        expected["accuracy"].as_f64().unwrap(),
    );
    close(
        "top-5",
        ev.top5_accuracy,
        expected["top5_accuracy"].as_f64().unwrap(),
    );
    close(
        "majority",
        ev.majority_accuracy,
        expected["majority_accuracy"].as_f64().unwrap(),
    );
    close("chance", ev.chance_accuracy, 1.0 / 7.0);
    for (name, avg) in [("macro", ev.macro_avg), ("weighted", ev.weighted_avg)] {
        let want = floats(&expected[name]);
        close(&format!("{name} precision"), avg.precision, want[0]);
        close(&format!("{name} recall"), avg.recall, want[1]);
        close(&format!("{name} f1"), avg.f1, want[2]);
    }
    let (precision, recall, f1) = (
        floats(&expected["precision"]),
        floats(&expected["recall"]),
        floats(&expected["f1"]),
    );
    let support = counts(&expected["support"]);
    for (c, m) in ev.per_class.iter().enumerate() {
        assert_eq!(m.label, classes[c]);
        close(&format!("precision of {c}"), m.precision, precision[c]);
        close(&format!("recall of {c}"), m.recall, recall[c]);
        close(&format!("f1 of {c}"), m.f1, f1[c]);
        assert_eq!(m.support, support[c], "support of {c}");
    }
    let confusion: Vec<Vec<u64>> = expected["confusion"]
        .as_array()
        .unwrap()
        .iter()
        .map(counts)
        .collect();
    assert_eq!(ev.confusion, confusion);
}
