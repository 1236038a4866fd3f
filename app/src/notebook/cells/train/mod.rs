//! The Train cell: input, model name, features, target, split, scaler, seed, sample, the
//! model and its hyper-parameters, the time estimate ([`editor`] with [`checked`] fields,
//! [`features`], [`params`], [`estimate`]; [`settings`]: how they change the cell); while it
//! runs, its progress and live curves ([`live`]); then its report ([`output`], also a Model
//! from run cell's).

pub mod checked;
pub mod editor;
pub mod estimate;
pub mod features;
pub mod live;
pub mod output;
pub mod params;
pub mod settings;

pub use editor::TrainEditor;
pub use live::{LiveTraining, TrainingLive};
pub use output::{HistoryTable, TrainCellOutput, TrainedView};
