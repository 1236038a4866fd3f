//! Gauges in Prometheus' text exposition format 0.0.4, for `jukebox monitor`'s `monitor.prom`:
//! node-exporter's textfile collector serves the file, Prometheus scrapes it and the rules in
//! `pipelines/alerts.yaml` fire on it.
//!
//! The metrics the CLI writes (all gauges):
//!
//! | name | labels | value |
//! | --- | --- | --- |
//! | `jukebox_drift_pvalue` | `feature`, `test` (`meanshift`, `welch`, `ks`) | p-value of the test |
//! | `jukebox_drift_statistic` | `feature`, `test` | the test's statistic |
//! | `jukebox_drift_detected` | `feature`, `test` | 1 when the test finds drift, else 0 |
//! | `jukebox_dataset_drift` | — | 1 when the dataset as a whole drifted, else 0 |
//! | `jukebox_drifted_feature_share` | — | share of features that drifted, 0 to 1 |
//! | `jukebox_spd` | `attribute`, `country` | statistical parity difference of the class |
//! | `jukebox_dir` | `attribute`, `country` | disparate impact ratio (`NaN` when undefined) |
//! | `jukebox_fairness_violation` | `attribute`, `country` | 1 when SPD or DIR is out of bounds |
//! | `jukebox_monitor_timestamp_seconds` | — | Unix time of the run |
//!
//! Names and label names are checked (`[a-zA-Z_:][a-zA-Z0-9_:]*`, `[a-zA-Z_][a-zA-Z0-9_]*`,
//! no `__` prefix), so a file this writes is one `promtool check metrics` accepts.

use std::collections::HashSet;
use std::fmt::Write as _;

use thiserror::Error;

pub const DRIFT_PVALUE: &str = "jukebox_drift_pvalue";
pub const DRIFT_STATISTIC: &str = "jukebox_drift_statistic";
pub const DRIFT_DETECTED: &str = "jukebox_drift_detected";
pub const DATASET_DRIFT: &str = "jukebox_dataset_drift";
pub const DRIFTED_FEATURE_SHARE: &str = "jukebox_drifted_feature_share";
pub const SPD: &str = "jukebox_spd";
pub const DIR: &str = "jukebox_dir";
pub const FAIRNESS_VIOLATION: &str = "jukebox_fairness_violation";
pub const MONITOR_TIMESTAMP_SECONDS: &str = "jukebox_monitor_timestamp_seconds";

/// One time series of a gauge: its labels (in the order written) and value.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub labels: Vec<(String, String)>,
    pub value: f64,
}

/// A gauge with its help text and samples.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricFamily {
    pub name: String,
    pub help: String,
    pub samples: Vec<Sample>,
}

impl MetricFamily {
    /// A gauge without samples yet.
    pub fn gauge(name: &str, help: &str) -> Self {
        Self {
            name: name.to_owned(),
            help: help.to_owned(),
            samples: Vec::new(),
        }
    }

    /// Adds a sample with `labels` (name, value).
    #[must_use]
    pub fn with(mut self, labels: &[(&str, &str)], value: f64) -> Self {
        self.samples.push(Sample {
            labels: labels
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            value,
        });
        self
    }
}

/// A name Prometheus would refuse; nothing is written.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ExpositionError {
    #[error(
        "metric name `{name}` is not valid in Prometheus: use letters, digits, `_` and `:`, not starting with a digit"
    )]
    MetricName { name: String },
    #[error(
        "label name `{label}` of metric `{metric}` is not valid in Prometheus: use letters, digits and `_`, not starting with a digit or `__`"
    )]
    LabelName { metric: String, label: String },
    #[error("label `{label}` appears twice in a sample of metric `{metric}`: give each label once")]
    DuplicateLabel { metric: String, label: String },
    #[error("metric `{name}` is written twice: put all its samples in one family")]
    DuplicateFamily { name: String },
}

/// The families as a text exposition (format 0.0.4), or the first invalid name.
pub fn render(families: &[MetricFamily]) -> Result<String, ExpositionError> {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for family in families {
        if !valid_metric_name(&family.name) {
            return Err(ExpositionError::MetricName {
                name: family.name.clone(),
            });
        }
        if !seen.insert(family.name.as_str()) {
            return Err(ExpositionError::DuplicateFamily {
                name: family.name.clone(),
            });
        }
        // Writing to a String cannot fail.
        let _ = writeln!(out, "# HELP {} {}", family.name, escape_help(&family.help));
        let _ = writeln!(out, "# TYPE {} gauge", family.name);
        for sample in &family.samples {
            write_sample(&mut out, &family.name, sample)?;
        }
    }
    Ok(out)
}

fn write_sample(out: &mut String, name: &str, sample: &Sample) -> Result<(), ExpositionError> {
    let mut labels = HashSet::new();
    out.push_str(name);
    for (i, (label, value)) in sample.labels.iter().enumerate() {
        if !valid_label_name(label) {
            return Err(ExpositionError::LabelName {
                metric: name.to_owned(),
                label: label.clone(),
            });
        }
        if !labels.insert(label.as_str()) {
            return Err(ExpositionError::DuplicateLabel {
                metric: name.to_owned(),
                label: label.clone(),
            });
        }
        out.push(if i == 0 { '{' } else { ',' });
        let _ = write!(out, "{label}=\"{}\"", escape_label_value(value));
    }
    if !sample.labels.is_empty() {
        out.push('}');
    }
    let _ = writeln!(out, " {}", format_value(sample.value));
    Ok(())
}

/// `[a-zA-Z_:][a-zA-Z0-9_:]*`
pub fn valid_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`, without the `__` prefix Prometheus keeps for itself.
pub fn valid_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    !name.starts_with("__")
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A label value with `\`, `"` and line feeds escaped.
pub fn escape_label_value(value: &str) -> String {
    escape(value, true)
}

/// A help text with `\` and line feeds escaped (quotes stay as they are).
pub fn escape_help(help: &str) -> String {
    escape(help, false)
}

fn escape(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' if quotes => out.push_str("\\\""),
            _ => out.push(c),
        }
    }
    out
}

/// A value as Prometheus' Go client writes it: `NaN`, `+Inf`, `-Inf`, and otherwise Go's
/// shortest `%g` (`0.05`, `123456`, `1.764288e+09`, `1e-05`) — `-0` is written `0`.
pub fn format_value(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    // Rust's `{:e}` gives the shortest round-trip digits, e.g. `1.764288e9`, `-5e-5`.
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .and_then(|(m, e)| Some((m, e.parse::<i32>().ok()?)))
        .unwrap_or((scientific.as_str(), 0));
    // `strconv.FormatFloat(v, 'g', -1, 64)` writes an exponent when it is below -4 or at
    // least 6 (the shortest precision decides as precision 6), with two digits at least.
    if !(-4..6).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exponent.abs());
    }
    format!("{value}")
}

#[cfg(test)]
mod tests;
