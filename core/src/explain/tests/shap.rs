//! Exact SHAP against shap 0.51's `Exact` explainer (Independent masker, same background).

use super::fixture::{Mlp, floats, matrix, quiet, reference};
use crate::explain::{
    Classifier, ExplainError, ShapMethod, ShapOptions, background_sample, exact_model_rows,
    global_importance, mean_abs_shap, shap_values,
};
use crate::train::network::{Dense, Network};
use crate::train::{Activation, Matrix};

fn explain(model: &dyn Classifier, x: &[f32], class: usize) -> crate::explain::ShapValues {
    let background = matrix(&reference()["background"]);
    shap_values(
        model,
        x,
        &background,
        class,
        &ShapOptions::default(),
        &mut quiet(),
    )
    .unwrap()
}

#[test]
fn exact_shap_matches_shaps_exact_explainer() {
    let case = &reference()["exact"];
    let rows = matrix(&case["rows"]);
    let model = Mlp::reference();
    for i in 0..rows.n_rows {
        let expected_base = floats(&case["base_values"][i]);
        for class in 0..model.n_classes() {
            let got = explain(&model, rows.row(i), class);
            assert_eq!(got.method, ShapMethod::Exact);
            for (j, value) in got.values.iter().enumerate() {
                let expected = case["values"][i][j][class].as_f64().unwrap();
                assert!(
                    (value - expected).abs() < 1e-6,
                    "row {i} class {class} feature {j}: {value} vs shap {expected}"
                );
            }
            assert!((got.base_value - expected_base[class]).abs() < 1e-6);
        }
    }
}

#[test]
fn exact_shap_values_add_up_to_the_prediction() {
    let rows = matrix(&reference()["exact"]["rows"]);
    let model = Mlp::reference();
    for i in 0..rows.n_rows {
        let got = explain(&model, rows.row(i), 2);
        let sum: f64 = got.values.iter().sum();
        assert!((got.base_value + sum - got.prediction).abs() < 1e-6);
        // The prediction is the model's own probability of the row.
        let direct = model.predict_proba(&rows.select_rows(&[i])).unwrap().data[2];
        assert!((got.prediction - f64::from(direct)).abs() < 1e-9);
    }
}

#[test]
fn exact_shap_scores_one_row_per_distinct_coalition() {
    let rows = matrix(&reference()["exact"]["rows"]);
    let background = matrix(&reference()["background"]);
    let model = Mlp::reference();
    // Row 0 is background row 5, row 1 shares its flags with background row 3: fewer rows
    // than 2^13 × 100, and as many as the explanation reports.
    for i in 0..2 {
        let expected = exact_model_rows(rows.row(i), &background);
        assert!(expected < (1 << 13) * 100, "row {i}: {expected}");
        assert_eq!(explain(&model, rows.row(i), 0).model_rows, expected);
    }
}

#[test]
fn the_course_network_is_explained_through_its_probabilities() {
    // The fixture model as the crate's own network (f32 arithmetic, hence 1e-5).
    let mlp = Mlp::reference();
    #[allow(clippy::cast_possible_truncation)]
    let layers = mlp
        .layers
        .iter()
        .map(|(weights, bias)| Dense {
            n_in: weights.len(),
            n_out: bias.len(),
            weights: weights.iter().flatten().map(|&w| w as f32).collect(),
            bias: bias.iter().map(|&b| b as f32).collect(),
        })
        .collect();
    let network = Network {
        layers,
        activation: Activation::Tanh,
    };
    let case = &reference()["exact"];
    let rows = matrix(&case["rows"]);
    let got = explain(&network, rows.row(2), 1);
    for (j, value) in got.values.iter().enumerate() {
        let expected = case["values"][2][j][1].as_f64().unwrap();
        assert!(
            (value - expected).abs() < 1e-5,
            "feature {j}: {value} vs {expected}"
        );
    }
}

#[test]
fn a_cancel_stops_the_computation() {
    let background = matrix(&reference()["background"]);
    let rows = matrix(&reference()["exact"]["rows"]);
    let model = Mlp::reference();
    let mut calls = 0;
    let mut cancel_after_two = |_: usize, _: usize| {
        calls += 1;
        calls < 2
    };
    let result = shap_values(
        &model,
        rows.row(2),
        &background,
        0,
        &ShapOptions::default(),
        &mut cancel_after_two,
    );
    assert!(matches!(result, Err(ExplainError::Cancelled)), "{result:?}");
    assert_eq!(calls, 2);
}

#[test]
fn progress_counts_model_rows_up_to_the_total() {
    let background = matrix(&reference()["background"]);
    let rows = matrix(&reference()["exact"]["rows"]);
    let mut seen = Vec::new();
    let mut record = |done: usize, total: usize| {
        seen.push((done, total));
        true
    };
    let got = shap_values(
        &Mlp::reference(),
        rows.row(2),
        &background,
        0,
        &ShapOptions::default(),
        &mut record,
    )
    .unwrap();
    assert_eq!(seen.first(), Some(&(0, got.model_rows)));
    assert_eq!(seen.last(), Some(&(got.model_rows, got.model_rows)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn rejects_rows_it_cannot_explain() {
    let background = matrix(&reference()["background"]);
    let model = Mlp::reference();
    let options = ShapOptions::default();
    let short = shap_values(&model, &[0.5; 12], &background, 0, &options, &mut quiet());
    assert!(matches!(
        short,
        Err(ExplainError::WrongWidth {
            found: 12,
            expected: 13,
            ..
        })
    ));
    let class = shap_values(&model, &[0.5; 13], &background, 4, &options, &mut quiet());
    assert!(matches!(
        class,
        Err(ExplainError::UnknownClass {
            class: 4,
            n_classes: 4
        })
    ));
    let mut nan = [0.5_f32; 13];
    nan[3] = f32::NAN;
    let err = shap_values(&model, &nan, &background, 0, &options, &mut quiet()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the row to explain has no usable value for `feature 4` (NaN): fill in a number"
    );
    let empty = shap_values(
        &model,
        &[0.5; 13],
        &Matrix::zeros(0, 13),
        0,
        &options,
        &mut quiet(),
    );
    assert!(matches!(empty, Err(ExplainError::NoRows { .. })));
}

#[test]
fn background_sample_is_seeded_and_never_repeats_a_row() {
    let rows = Matrix::from_vec(50, 1, (0..50_u8).map(f32::from).collect()).unwrap();
    let a = background_sample(&rows, 10, 7);
    assert_eq!(a, background_sample(&rows, 10, 7));
    assert_ne!(a, background_sample(&rows, 10, 8));
    let mut values = a.data.clone();
    values.dedup();
    assert_eq!(values.len(), 10);
    assert!(a.data.windows(2).all(|w| w[0] < w[1]), "kept in row order");
    assert_eq!(background_sample(&rows, 80, 7), rows);
}

#[test]
fn mean_abs_shap_averages_each_rows_absolute_values() {
    let background = matrix(&reference()["background"]);
    let rows = matrix(&reference()["exact"]["rows"]);
    let model = Mlp::reference();
    let options = ShapOptions::default();
    let global = global_importance(&model, &rows, &background, 3, &options, &mut quiet()).unwrap();
    let per_row: Vec<_> = (0..rows.n_rows)
        .map(|i| explain(&model, rows.row(i), 3))
        .collect();
    assert_eq!(global.mean_abs, mean_abs_shap(&per_row));
    assert_eq!((global.n_rows, global.kernel_rows), (4, 0));
    let case = &reference()["exact"]["values"];
    for (j, mean) in global.mean_abs.iter().enumerate() {
        let expected = (0..4)
            .map(|i| case[i][j][3].as_f64().unwrap().abs())
            .sum::<f64>()
            / 4.0;
        assert!((mean - expected).abs() < 1e-6);
    }
}
