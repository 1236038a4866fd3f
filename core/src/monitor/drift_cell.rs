//! The Drift cell: which rows it compares and what it shows — per feature, each test side by
//! side, overlaid histograms, and the chosen test per week of the current data.

use serde::{Deserialize, Serialize};

use super::drift::{DatasetDrift, DriftTest};
use crate::calendar::{NS_PER_DAY, parse_iso_ns};
use crate::chart::{Chart, ChartData, LineSeries};

/// Where a Drift cell's reference rows come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum DriftReference {
    /// A model's training rows, rebuilt from its run as Evaluate does (raw values).
    Training { model: String },
    /// Any loaded dataset.
    Dataset { name: String },
}

impl DriftReference {
    /// In words, for headings ("training rows of `course_network`").
    pub fn label(&self) -> String {
        match self {
            DriftReference::Training { model } => format!("training rows of `{model}`"),
            DriftReference::Dataset { name } => format!("`{name}`"),
        }
    }
}

/// A Drift cell's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriftSpec {
    pub reference: DriftReference,
    /// The current rows: a dataset (a later window, a new export, a served model's requests).
    pub current: String,
    /// The current dataset holds a model's scaled inputs (a served model's request log):
    /// they are unscaled with the reference model's scaler first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub current_scaled: bool,
    /// Features compared; empty = the reference model's features, else the course's 13.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// The test that raises the alert and draws the drift over time.
    pub test: DriftTest,
    /// Significance level of the p-value tests (`TrustyAI`'s default 0.05).
    pub alpha: f64,
}

/// Default significance level of the p-value tests.
pub const DEFAULT_ALPHA: f64 = 0.05;

/// Bins of each feature's overlaid histogram.
pub const HISTOGRAM_BINS: usize = 30;

/// One feature's histograms over shared bins, as shares of each sample (so samples of
/// different sizes overlay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureHistogram {
    pub feature: String,
    /// `bins + 1` edges.
    pub edges: Vec<f64>,
    pub reference: Vec<f64>,
    pub current: Vec<f64>,
}

/// The chosen test per week of the current data (its date column), each week against the
/// whole reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriftOverTime {
    pub test: DriftTest,
    /// The date column used.
    pub date_column: String,
    /// Each week's Monday, `YYYY-MM-DD`.
    pub weeks: Vec<String>,
    /// Rows in each week.
    pub rows: Vec<usize>,
    /// Per feature, the test's value each week (p-value or statistic, as the test decides);
    /// `None` for a week too small to test.
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// The line drift crosses (α for p-values, the test's threshold otherwise).
    pub threshold: f64,
    /// True when lower values mean drift (p-values).
    pub lower_is_drift: bool,
}

/// What a Drift cell shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriftOutput {
    pub reference_label: String,
    pub current_label: String,
    pub n_reference: usize,
    pub n_current: usize,
    pub test: DriftTest,
    pub alpha: f64,
    pub report: DatasetDrift,
    pub histograms: Vec<FeatureHistogram>,
    /// `None` when the current data has no date column.
    pub over_time: Option<DriftOverTime>,
}

impl DriftOutput {
    /// The features the chosen test says drifted.
    pub fn drifted_features(&self) -> Vec<&str> {
        self.report
            .features
            .iter()
            .filter(|f| f.outcome(self.test).drifted)
            .map(|f| f.feature.as_str())
            .collect()
    }

    /// The alert this output raises, if any, in words.
    pub fn alert(&self) -> Option<String> {
        let drifted = self.drifted_features();
        if drifted.is_empty() {
            return None;
        }
        Some(format!(
            "Drift in {} of {} features ({}, {}): {}. Retrain on recent data, or check the data feeding the model.",
            drifted.len(),
            self.report.features.len(),
            self.test.word(),
            self.test_rule(),
            drifted.join(", ")
        ))
    }

    fn test_rule(&self) -> String {
        match self.test {
            DriftTest::MeanShift | DriftTest::Welch | DriftTest::KolmogorovSmirnov => {
                format!("p ≤ {}", self.alpha)
            }
            DriftTest::Psi | DriftTest::Evidently => {
                self.report.features.first().map_or_else(String::new, |f| {
                    format!("≥ {}", f.outcome(self.test).threshold)
                })
            }
        }
    }
}

impl DriftOverTime {
    /// The lines to draw: per feature, the test's value each week — as −log10 p for p-value
    /// tests (higher = more drift; p-values span hundreds of orders of magnitude), the
    /// statistic otherwise — and the threshold as a flat line named `threshold`.
    pub fn chart(&self) -> Chart {
        let transform = |v: f64| {
            if self.lower_is_drift {
                -v.max(f64::MIN_POSITIVE).log10()
            } else {
                v
            }
        };
        let days: Vec<f64> = self
            .weeks
            .iter()
            .map(|w| {
                parse_iso_ns(w).map_or(f64::NAN, |ns| {
                    // Whole days since 1970: far below 2^52.
                    #[allow(clippy::cast_precision_loss)]
                    let day = (ns / i128::from(NS_PER_DAY)) as f64;
                    day
                })
            })
            .collect();
        let mut series: Vec<LineSeries> = self
            .series
            .iter()
            .map(|(feature, values)| LineSeries {
                name: feature.clone(),
                points: days
                    .iter()
                    .zip(values)
                    .filter_map(|(&d, v)| v.map(|v| (d, transform(v))))
                    .filter(|(d, v)| d.is_finite() && v.is_finite())
                    .collect(),
            })
            .collect();
        if let (Some(&first), Some(&last)) = (days.first(), days.last()) {
            let level = transform(self.threshold);
            series.push(LineSeries {
                name: "threshold".into(),
                points: vec![(first, level), (last, level)],
            });
        }
        let y_label = if self.lower_is_drift {
            format!(
                "−log10 p ({}; above the threshold = drift)",
                self.test.word()
            )
        } else {
            format!("{} (above the threshold = drift)", self.test.word())
        };
        Chart {
            title: format!("Drift per week of `{}`", self.date_column),
            x_label: "week".into(),
            y_label,
            data: ChartData::Line {
                series,
                x_is_date: true,
            },
        }
    }
}
