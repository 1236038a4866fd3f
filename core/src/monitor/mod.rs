//! Monitoring a model after training: data drift between a reference and a current sample
//! (`TrustyAI`'s `MeanShift`, Welch's t-test, Kolmogorov–Smirnov, PSI and Evidently's default
//! rule, per feature and over time), fairness of its predictions across a protected group
//! (statistical parity difference and disparate impact ratio), and the alerts both raise —
//! also as Prometheus text exposition for the CLI's `monitor`.
//!
//! Everything here works on plain numbers (no tables): the engine extracts the columns.

pub mod drift;
pub mod drift_cell;
mod error;
pub mod exposition;
pub mod fairness;
pub mod fairness_cell;
pub mod prometheus;

pub use error::MonitorError;
