//! Changing a Train cell's training settings (every field of its editor does).

use jukebox_core::notebook::CellSpec;
use jukebox_core::train::TrainSpec;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::run::edit;

/// Changes the cell's training settings and re-runs it.
pub(super) fn set_train(entry: CellEntry, change: impl FnOnce(&mut TrainSpec) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Train { spec, .. } = spec {
            change(spec);
        }
    });
}
