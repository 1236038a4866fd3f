//! The kinds of cell, one folder each beside this file. [`CellKind::of`] matches every
//! `CellSpec` variant, so a kind added to the core's notebook does not compile here until
//! it has its editor and output (see `editor.rs` and `output.rs`).

use jukebox_core::notebook::CellSpec;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Source,
    Prepare,
    Explore,
    Chart,
    Train,
    Evaluate,
    Predict,
    Serve,
    Markdown,
    ModelFromRun,
    Validate,
    Drift,
    Fairness,
    Explain,
}

impl CellKind {
    pub fn of(spec: &CellSpec) -> Self {
        match spec {
            CellSpec::Source { .. } => CellKind::Source,
            CellSpec::Prepare { .. } => CellKind::Prepare,
            CellSpec::Explore { .. } => CellKind::Explore,
            CellSpec::Chart { .. } => CellKind::Chart,
            CellSpec::Train { .. } => CellKind::Train,
            CellSpec::Evaluate { .. } => CellKind::Evaluate,
            CellSpec::Predict { .. } => CellKind::Predict,
            CellSpec::Serve { .. } => CellKind::Serve,
            CellSpec::Markdown { .. } => CellKind::Markdown,
            CellSpec::LoadRun { .. } => CellKind::ModelFromRun,
            CellSpec::Validate(_) => CellKind::Validate,
            CellSpec::Drift(_) => CellKind::Drift,
            CellSpec::Fairness(_) => CellKind::Fairness,
            CellSpec::Explain(_) => CellKind::Explain,
        }
    }
}
