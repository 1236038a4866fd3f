//! How the CLI names cells: their position (1-based, as in `report.md`), and (from the core,
//! which the report shares) their kind key (`train`) and a label (``Train `course_network` ``).

use jukebox_core::notebook::CellSpec;
pub use jukebox_core::notebook::labels::{KIND_KEYS, kind_key, label};

/// The names a cell writes (datasets, or a model's name), by which `--set` finds it too.
pub fn written_names(spec: &CellSpec) -> Vec<String> {
    spec.outputs()
        .into_iter()
        .map(|name| {
            name.strip_prefix("model:")
                .map_or(name.clone(), str::to_string)
        })
        .collect()
}
