//! A run's scores by name, once for every place that lists them (the model card, MLflow's
//! metrics, Kubeflow's custom properties), and the two the Runs page filters and sorts on.

use super::RunRecord;

/// Which scores a destination takes: each keeps the groups it has always sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricGroup {
    /// Validation and test accuracy, test top-5 accuracy, macro and weighted F1: what every
    /// destination gets.
    Headline,
    /// Macro and weighted precision and recall (model card, MLflow).
    Averages,
    /// What chance and always answering the biggest class would score (MLflow only).
    Baselines,
}

/// One named score of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunMetric {
    /// `validation_accuracy`, `test_macro_f1`, … as the registries and the card name them.
    pub name: &'static str,
    pub value: f64,
    pub group: MetricGroup,
}

/// The run's final scores, in a fixed order: the report's validation and test accuracy, then,
/// when the run was scored on a test part, the evaluation's top-5 accuracy, averaged
/// precision/recall/F1 and baselines. Non-finite values are left out (JSON has no NaN).
pub fn metrics(run: &RunRecord) -> Vec<RunMetric> {
    use MetricGroup::{Averages, Baselines, Headline};
    let report = &run.report;
    let mut out = vec![
        ("validation_accuracy", report.validation_accuracy, Headline),
        ("test_accuracy", report.test_accuracy, Headline),
    ];
    if let Some(e) = &run.evaluation {
        out.extend([
            ("test_top5_accuracy", e.top5_accuracy, Headline),
            ("test_macro_precision", e.macro_avg.precision, Averages),
            ("test_macro_recall", e.macro_avg.recall, Averages),
            ("test_macro_f1", e.macro_avg.f1, Headline),
            (
                "test_weighted_precision",
                e.weighted_avg.precision,
                Averages,
            ),
            ("test_weighted_recall", e.weighted_avg.recall, Averages),
            ("test_weighted_f1", e.weighted_avg.f1, Headline),
            ("test_chance_accuracy", e.chance_accuracy, Baselines),
            ("test_majority_accuracy", e.majority_accuracy, Baselines),
        ]);
    }
    out.into_iter()
        .filter(|(_, value, _)| value.is_finite())
        .map(|(name, value, group)| RunMetric { name, value, group })
        .collect()
}

/// Test accuracy, when the split had test rows and it is a number (the evaluation's when the
/// run was scored, else the report's).
pub fn test_accuracy(run: &RunRecord) -> Option<f64> {
    let accuracy = run
        .evaluation
        .as_ref()
        .map_or(run.report.test_accuracy, |e| e.accuracy);
    (run.report.sizes.n_test > 0 && accuracy.is_finite()).then_some(accuracy)
}

/// Macro-averaged F1 on the test part, when the run was evaluated.
pub fn macro_f1(run: &RunRecord) -> Option<f64> {
    run.evaluation
        .as_ref()
        .map(|e| e.macro_avg.f1)
        .filter(|f| f.is_finite())
}
