//! The lists' orders (newest first) and the export's archive in them.

use std::cmp::Ordering;

use jukebox_core::archive::{Archive, ArchivedDataset, ArchivedRun};
use jukebox_core::runs::RunRecord;
use jukebox_core::store::StoredNotebook;

use crate::browser::clock::epoch_ms;

pub(super) fn newest_notebook_first(a: &StoredNotebook, b: &StoredNotebook) -> Ordering {
    b.updated_ms
        .total_cmp(&a.updated_ms)
        .then_with(|| b.id.cmp(&a.id))
}

pub(super) fn newest_run_first(a: &RunRecord, b: &RunRecord) -> Ordering {
    b.started_ms
        .total_cmp(&a.started_ms)
        .then_with(|| b.id.cmp(&a.id))
}

/// An archive of this app version, now, in the lists' orders (newest first).
pub(crate) fn sorted_archive(
    mut notebooks: Vec<StoredNotebook>,
    mut runs: Vec<ArchivedRun>,
    mut datasets: Vec<ArchivedDataset>,
) -> Archive {
    notebooks.sort_by(newest_notebook_first);
    runs.sort_by(|a, b| newest_run_first(&a.record, &b.record));
    datasets.sort_by(|a, b| b.info.stored_ms.total_cmp(&a.info.stored_ms));
    Archive {
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        exported_ms: epoch_ms(),
        notebooks,
        runs,
        datasets,
    }
}
