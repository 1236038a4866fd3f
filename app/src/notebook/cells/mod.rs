//! One folder per cell kind, each with its editor (`editor.rs`) and output (`output.rs`) and
//! what only that kind uses; [`kind`] names the kinds, [`editor`] and [`output`] match on
//! them. Views shared by several kinds are in `notebook/widgets`.
//!
//! - [`source`]: Data source (demo, file, URL) and the loaded datasets' summary (also
//!   Prepare's output); [`prepare`]: steps on a dataset;
//! - [`explore`]: pandas-style questions, their tables and bars; [`chart`]: charts;
//! - [`train`]: the Train editor (checked fields, features, parameters, estimate), the live
//!   training and the report (also a Model from run's output); [`evaluate`]: scores, per class,
//!   confusion; [`predict`]: a song's likeliest countries and map; [`serve`]: a served model
//!   compared with the in-browser one;
//! - [`validate`]: a table against a data contract; [`drift`], [`fairness`], [`explain`]:
//!   monitoring;
//! - [`markdown`]: narrative; [`model_from_run`]: a saved run's model.

pub mod chart;
pub mod drift;
pub mod editor;
pub mod evaluate;
pub mod explain;
pub mod explore;
pub mod fairness;
pub mod kind;
pub mod markdown;
pub mod model_from_run;
pub mod output;
pub mod predict;
pub mod prepare;
pub mod serve;
pub mod source;
pub mod train;
pub mod validate;
