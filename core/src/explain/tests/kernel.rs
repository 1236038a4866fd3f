//! Kernel SHAP against shap 0.51's `KernelExplainer` (`l1_reg=False`).

use super::fixture::{Mlp, floats, matrix, quiet, reference};
use crate::explain::kernel_plan::kernel_plan;
use crate::explain::{ExplainError, ShapMethod, ShapOptions, kernel_shap, shap_values};
use crate::random::rng_from_seed;

fn mask_bits(mask: &[bool]) -> u64 {
    mask.iter()
        .enumerate()
        .map(|(j, &on)| u64::from(on) << j)
        .sum()
}

#[test]
fn kernel_shap_with_every_coalition_matches_shaps_kernel_explainer() {
    let case = &reference()["kernel_full"];
    let background = matrix(&reference()["background"]);
    let x: Vec<f32> = matrix(&serde_json::json!([case["row"]])).data;
    let n_samples = usize::try_from(case["n_samples"].as_u64().unwrap()).unwrap();
    let model = Mlp::reference();
    for class in 0..4 {
        let got = kernel_shap(&model, &x, &background, class, n_samples, 1, &mut quiet()).unwrap();
        assert_eq!(got.method, ShapMethod::Kernel { samples: n_samples });
        for (j, value) in got.values.iter().enumerate() {
            let expected = case["values"][j][class].as_f64().unwrap();
            assert!(
                (value - expected).abs() < 1e-6,
                "class {class} feature {j}: {value} vs {expected}"
            );
        }
        let base = floats(&case["base_values"])[class];
        assert!((got.base_value - base).abs() < 1e-6);
        // With every coalition, Kernel SHAP is the exact Shapley value.
        let exact = shap_values(
            &model,
            &x,
            &background,
            class,
            &ShapOptions::default(),
            &mut quiet(),
        )
        .unwrap();
        for (k, e) in got.values.iter().zip(&exact.values) {
            assert!((k - e).abs() < 1e-6);
        }
    }
}

#[test]
fn the_enumerated_coalitions_and_weights_are_shaps() {
    let case = &reference()["kernel_plan"];
    let m = usize::try_from(case["n_features"].as_u64().unwrap()).unwrap();
    let n_samples = usize::try_from(case["n_samples"].as_u64().unwrap()).unwrap();
    let plan = kernel_plan(m, n_samples, &mut rng_from_seed(3));
    let fixed = case["fixed"].as_array().unwrap();
    assert_eq!(plan.n_fixed, fixed.len());
    for (k, entry) in fixed.iter().enumerate() {
        assert_eq!(
            mask_bits(&plan.masks[k]),
            entry[0].as_u64().unwrap(),
            "coalition {k}"
        );
        let weight = entry[1].as_f64().unwrap();
        assert!(
            (plan.weights[k] - weight).abs() < 1e-15 * weight,
            "weight {k}"
        );
    }
    let drawn: f64 = plan.weights[plan.n_fixed..].iter().sum();
    assert!((drawn - case["weight_left"].as_f64().unwrap()).abs() < 1e-12);
    assert!(plan.masks.len() <= n_samples && plan.masks.len() > plan.n_fixed);
    let mut distinct: Vec<u64> = plan.masks.iter().map(|m| mask_bits(m)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        plan.masks.len(),
        "a coalition drawn twice adds weight, not a row"
    );
}

#[test]
fn sampled_kernel_shap_adds_up_and_comes_close_to_exact() {
    let rows = matrix(&reference()["exact"]["rows"]);
    let background = matrix(&reference()["background"]);
    let model = Mlp::reference();
    let x = rows.row(3);
    let exact = shap_values(
        &model,
        x,
        &background,
        0,
        &ShapOptions::default(),
        &mut quiet(),
    )
    .unwrap();
    let got = kernel_shap(&model, x, &background, 0, 600, 11, &mut quiet()).unwrap();
    let sum: f64 = got.values.iter().sum();
    assert!((got.base_value + sum - got.prediction).abs() < 1e-6);
    assert!((got.prediction - exact.prediction).abs() < 1e-12);
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    let error: Vec<f64> = got
        .values
        .iter()
        .zip(&exact.values)
        .map(|(k, e)| k - e)
        .collect();
    assert!(
        norm(&error) < 0.1 * norm(&exact.values),
        "{:?} vs {:?}",
        got.values,
        exact.values
    );
    assert_eq!(
        got,
        kernel_shap(&model, x, &background, 0, 600, 11, &mut quiet()).unwrap()
    );
    assert_ne!(
        got.values,
        kernel_shap(&model, x, &background, 0, 600, 12, &mut quiet())
            .unwrap()
            .values
    );
}

#[test]
fn past_the_budget_shap_values_uses_kernel_shap_within_it() {
    let rows = matrix(&reference()["exact"]["rows"]);
    let background = matrix(&reference()["background"]);
    // (budget − 101 rows for the base value and f(x)) / 100 rows per coalition.
    for (budget_rows, samples) in [(300_000, 2_998), (50_000, 498)] {
        let options = ShapOptions {
            budget_rows,
            ..ShapOptions::default()
        };
        let got = shap_values(
            &Mlp::reference(),
            rows.row(3),
            &background,
            1,
            &options,
            &mut quiet(),
        )
        .unwrap();
        assert_eq!(got.method, ShapMethod::Kernel { samples });
        assert!(got.model_rows <= budget_rows);
        let sum: f64 = got.values.iter().sum();
        assert!((got.base_value + sum - got.prediction).abs() < 1e-6);
    }
}

#[test]
fn a_budget_too_small_even_for_kernel_shap_is_an_error() {
    let rows = matrix(&reference()["exact"]["rows"]);
    let background = matrix(&reference()["background"]);
    let options = ShapOptions {
        budget_rows: 10_000, // 8 × 13 coalitions × 100 rows do not fit
        ..ShapOptions::default()
    };
    let err = shap_values(
        &Mlp::reference(),
        rows.row(3),
        &background,
        1,
        &options,
        &mut quiet(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ExplainError::OverBudget {
                needed: 10_501,
                budget: 10_000
            }
        ),
        "{err}"
    );
}
