//! A Drift cell's work: the reference and current rows as raw feature values, every test per
//! feature, the overlaid histograms, and the chosen test per week of the current data.

use polars_core::prelude::{DataFrame, DataType};

use super::Engine;
use crate::calendar::iso_date;
use crate::course::FEATURES;
use crate::error::{JukeboxError, Result};
use crate::missing_column::MissingColumn;
use crate::monitor::MonitorError;
use crate::monitor::drift::{
    DriftOptions, DriftTest, FeatureDrift, Sample, dataset_drift, feature_drift_samples,
};
use crate::monitor::drift_cell::{
    DriftOutput, DriftOverTime, DriftReference, DriftSpec, FeatureHistogram, HISTOGRAM_BINS,
};
use crate::train::scaler::Scaler;

/// A week needs this many current rows to be tested on its own.
pub const MIN_WEEK_ROWS: usize = 20;

/// Columns of raw values by feature, missing values dropped per feature.
struct Columns {
    columns: Vec<Vec<f64>>,
    n_rows: usize,
}

impl Engine {
    pub(super) fn drift(&self, spec: &DriftSpec) -> Result<DriftOutput> {
        let features = self.drift_features(spec)?;
        let reference = self.reference_sample(&spec.reference, &features)?;
        let current_df = self.dataset(&spec.current)?;
        let scaler = self.current_scaler(spec, &features)?;
        let current = dataset_sample(current_df, &spec.current, &features, scaler.as_ref())?;
        let options = DriftOptions {
            alpha: spec.alpha,
            ..DriftOptions::default()
        };
        // Each sample sorted once: every test, and every week of the drift over time, reads it.
        let samples = |columns: &Columns, which| {
            features
                .iter()
                .zip(&columns.columns)
                .map(|(feature, values)| {
                    Sample::new(feature, which, values).map_err(MonitorError::from)
                })
                .collect::<std::result::Result<Vec<Sample>, _>>()
        };
        let reference_samples = samples(&reference, "reference")?;
        let current_samples = samples(&current, "current")?;
        let per_feature = features
            .iter()
            .zip(reference_samples.iter().zip(&current_samples))
            .map(|(feature, (r, c))| {
                feature_drift_samples(feature, r, c, &options).map_err(MonitorError::from)
            })
            .collect::<std::result::Result<Vec<FeatureDrift>, _>>()?;
        let histograms = features
            .iter()
            .zip(reference.columns.iter().zip(&current.columns))
            .map(|(feature, (r, c))| histogram(feature, r, c))
            .collect();
        let over_time = over_time(
            current_df,
            &features,
            &reference_samples,
            scaler.as_ref(),
            spec,
            &options,
        )?;
        Ok(DriftOutput {
            reference_label: spec.reference.label(),
            current_label: format!("`{}`", spec.current),
            n_reference: reference.n_rows,
            n_current: current.n_rows,
            test: spec.test,
            alpha: spec.alpha,
            report: dataset_drift(per_feature, &options),
            histograms,
            over_time,
        })
    }

    /// The spec's features, else the reference model's, else the course's 13.
    fn drift_features(&self, spec: &DriftSpec) -> Result<Vec<String>> {
        if !spec.features.is_empty() {
            return Ok(spec.features.clone());
        }
        if let DriftReference::Training { model } = &spec.reference {
            return Ok(self.model(model)?.run.model.report.spec.features.clone());
        }
        Ok(FEATURES.iter().map(|f| (*f).to_string()).collect())
    }

    fn reference_sample(&self, reference: &DriftReference, features: &[String]) -> Result<Columns> {
        match reference {
            DriftReference::Dataset { name } => {
                dataset_sample(self.dataset(name)?, name, features, None)
            }
            DriftReference::Training { model } => {
                let kept = self.model(model)?;
                if kept.run.train.1.is_empty() {
                    return Err(MonitorError::NoTrainingRows {
                        model: model.clone(),
                    }
                    .into());
                }
                let report = &kept.run.model.report;
                let x = &kept.run.train.0;
                let columns = features
                    .iter()
                    .map(|feature| {
                        let j = report
                            .spec
                            .features
                            .iter()
                            .position(|f| f == feature)
                            .ok_or_else(|| MonitorError::FeatureNotInModel {
                                feature: feature.clone(),
                                model: model.clone(),
                                features: report.spec.features.join(", "),
                            })?;
                        Ok((0..x.n_rows)
                            .map(|i| unscale(&report.scaler, j, x.row(i)[j]))
                            .filter(|v| v.is_finite())
                            .collect())
                    })
                    .collect::<Result<Vec<Vec<f64>>>>()?;
                Ok(Columns {
                    columns,
                    n_rows: x.n_rows,
                })
            }
        }
    }

    /// The scaler that unscales the current rows (`current_scaled`), ordered as `features`.
    fn current_scaler(&self, spec: &DriftSpec, features: &[String]) -> Result<Option<Scaler>> {
        if !spec.current_scaled {
            return Ok(None);
        }
        let DriftReference::Training { model } = &spec.reference else {
            return Err(MonitorError::ScaledWithoutModel.into());
        };
        let report = &self.model(model)?.run.model.report;
        let mut scaler = Scaler {
            kind: report.scaler.kind,
            offset: Vec::new(),
            factor: Vec::new(),
        };
        for feature in features {
            let j = report
                .spec
                .features
                .iter()
                .position(|f| f == feature)
                .ok_or_else(|| MonitorError::FeatureNotInModel {
                    feature: feature.clone(),
                    model: model.clone(),
                    features: report.spec.features.join(", "),
                })?;
            scaler.offset.push(report.scaler.offset[j]);
            scaler.factor.push(report.scaler.factor[j]);
        }
        Ok(Some(scaler))
    }
}

/// The raw value of feature `j` whose model input is `input` (`x' = (x - offset) * factor`).
fn unscale(scaler: &Scaler, j: usize, input: f32) -> f64 {
    let factor = scaler.factor.get(j).copied().unwrap_or(1.0);
    let offset = scaler.offset.get(j).copied().unwrap_or(0.0);
    f64::from(input) / factor + offset
}

/// Each feature's values in `df` (bools as 0/1), missing ones dropped, unscaled by `scaler`
/// (ordered as `features`) when given.
fn dataset_sample(
    df: &DataFrame,
    name: &str,
    features: &[String],
    scaler: Option<&Scaler>,
) -> Result<Columns> {
    let columns = features
        .iter()
        .enumerate()
        .map(|(j, feature)| {
            let values = raw_values(df, name, feature)?;
            Ok(values
                .into_iter()
                .map(|v| match scaler {
                    #[allow(clippy::cast_possible_truncation)] // unscale takes the model's f32
                    Some(scaler) => unscale(scaler, j, v as f32),
                    None => v,
                })
                .filter(|v| v.is_finite())
                .collect())
        })
        .collect::<Result<Vec<Vec<f64>>>>()?;
    Ok(Columns {
        columns,
        n_rows: df.height(),
    })
}

/// A numeric or bool column as `f64` (NaN where missing).
fn raw_values(df: &DataFrame, name: &str, feature: &str) -> Result<Vec<f64>> {
    let column = df.column(feature).map_err(|_| {
        JukeboxError::from(MonitorError::from(MissingColumn::new(
            feature,
            Some(name),
            df.get_column_names().iter().map(|n| n.as_str()),
        )))
    })?;
    if !(column.dtype().is_primitive_numeric() || column.dtype().is_bool()) {
        return Err(MonitorError::NotNumeric {
            column: feature.to_string(),
            dataset: name.to_string(),
            dtype: column.dtype().to_string(),
        }
        .into());
    }
    let floats = column.cast(&DataType::Float64).map_err(|e| {
        JukeboxError::frame(format!("reading `{feature}` of `{name}` as numbers"), e)
    })?;
    let floats = floats.f64().map_err(|e| {
        JukeboxError::frame(format!("reading `{feature}` of `{name}` as numbers"), e)
    })?;
    Ok(floats.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
}

/// Shares of each sample in [`HISTOGRAM_BINS`] equal bins over both samples' range.
fn histogram(feature: &str, reference: &[f64], current: &[f64]) -> FeatureHistogram {
    let (lo, hi) = reference
        .iter()
        .chain(current)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let (lo, hi) = if lo.is_finite() {
        (lo, if hi > lo { hi } else { lo + 1.0 })
    } else {
        (0.0, 1.0)
    };
    #[allow(clippy::cast_precision_loss)] // 30 bins
    let width = (hi - lo) / HISTOGRAM_BINS as f64;
    #[allow(clippy::cast_precision_loss)]
    let edges = (0..=HISTOGRAM_BINS)
        .map(|i| lo + width * i as f64)
        .collect();
    let shares = |values: &[f64]| {
        let mut counts = vec![0usize; HISTOGRAM_BINS];
        for &v in values {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // in [0, bins]
            let bin = (((v - lo) / width) as usize).min(HISTOGRAM_BINS - 1);
            counts[bin] += 1;
        }
        #[allow(clippy::cast_precision_loss)]
        let total = values.len().max(1) as f64;
        #[allow(clippy::cast_precision_loss)]
        counts.into_iter().map(|c| c as f64 / total).collect()
    };
    FeatureHistogram {
        feature: feature.to_string(),
        edges,
        reference: shares(reference),
        current: shares(current),
    }
}

/// The chosen test per week (Monday to Sunday) of the current data's date column.
fn over_time(
    current: &DataFrame,
    features: &[String],
    reference: &[Sample],
    scaler: Option<&Scaler>,
    spec: &DriftSpec,
    options: &DriftOptions,
) -> Result<Option<DriftOverTime>> {
    let Some((date_column, days)) = crate::summary::row_days(current) else {
        return Ok(None);
    };
    // 1970-01-01 was a Thursday: day 4 of its week (Monday = 0 … Sunday = 6) after 3 days.
    let monday = |day: i32| day - (day + 3).rem_euclid(7);
    let mut weeks: Vec<i32> = days.iter().flatten().map(|&d| monday(d)).collect();
    weeks.sort_unstable();
    weeks.dedup();
    let raw: Vec<Vec<f64>> = features
        .iter()
        .map(|f| raw_values(current, &spec.current, f))
        .collect::<Result<_>>()?;
    let mut rows = Vec::with_capacity(weeks.len());
    let mut series: Vec<(String, Vec<Option<f64>>)> =
        features.iter().map(|f| (f.clone(), Vec::new())).collect();
    for &week in &weeks {
        let in_week: Vec<usize> = days
            .iter()
            .enumerate()
            .filter(|(_, d)| d.is_some_and(|d| monday(d) == week))
            .map(|(i, _)| i)
            .collect();
        rows.push(in_week.len());
        for (j, feature) in features.iter().enumerate() {
            let values: Vec<f64> = in_week
                .iter()
                .map(|&i| match scaler {
                    #[allow(clippy::cast_possible_truncation)]
                    Some(s) => unscale(s, j, raw[j][i] as f32),
                    None => raw[j][i],
                })
                .filter(|v| v.is_finite())
                .collect();
            let value = if values.len() < MIN_WEEK_ROWS {
                None
            } else {
                Sample::new(feature, "current", &values)
                    .and_then(|week| feature_drift_samples(feature, &reference[j], &week, options))
                    .ok()
                    .map(|d| test_value(&d, spec.test))
            };
            series[j].1.push(value);
        }
    }
    let lower_is_drift = lower_is_drift(spec.test);
    let threshold = if lower_is_drift {
        spec.alpha
    } else {
        threshold_of(options, spec.test)
    };
    Ok(Some(DriftOverTime {
        test: spec.test,
        date_column,
        weeks: weeks.into_iter().map(iso_date).collect(),
        rows,
        series,
        threshold,
        lower_is_drift,
    }))
}

/// Whether `test` decides on a p-value (lower means drift).
pub fn lower_is_drift(test: DriftTest) -> bool {
    matches!(
        test,
        DriftTest::MeanShift | DriftTest::Welch | DriftTest::KolmogorovSmirnov
    )
}

/// The value a test is judged by: its p-value, or its statistic.
fn test_value(drift: &FeatureDrift, test: DriftTest) -> f64 {
    let outcome = drift.outcome(test);
    if lower_is_drift(test) {
        outcome.p_value.unwrap_or(f64::NAN)
    } else {
        outcome.statistic
    }
}

/// The statistic's drift threshold of a test judged by its statistic.
fn threshold_of(options: &DriftOptions, test: DriftTest) -> f64 {
    match test {
        DriftTest::Psi => options.psi_threshold,
        _ => options.evidently_threshold,
    }
}
