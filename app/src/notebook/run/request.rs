//! The engine request for a cell: the core's [`RequestBody::for_cell`] plus what only the
//! page has — a Train cell's last run (to restore instead of training again), a saved run's
//! model ("Model from run"), a local file kept in storage (a data source).

use jukebox_core::notebook::{CellSpec, Source};
use jukebox_core::protocol::RequestBody;

use crate::browser::AppError;
use crate::notebook::persist::kept_files::KeptFiles;
use crate::notebook::persist::records::RunRecords;

/// A source cell with nothing chosen yet: it waits for the user instead of failing.
pub(super) fn waits_for_user(spec: &CellSpec) -> bool {
    match spec {
        CellSpec::Source {
            source: Source::File { file_name, .. },
        } => file_name.is_empty(),
        CellSpec::Source {
            source: Source::Url { url, .. },
        } => url.is_empty(),
        _ => false,
    }
}

/// The request for cell `id` with settings `spec`; `file` is the file it reads, found in
/// storage when none was picked in this visit. `Ok(None)`: nothing to compute (markdown).
pub(super) async fn request_for(
    kept: KeptFiles,
    records: RunRecords,
    id: u64,
    spec: CellSpec,
    file: &mut Option<web_sys::File>,
) -> Result<Option<RequestBody>, AppError> {
    match &spec {
        CellSpec::LoadRun { run, output } => {
            let saved = records.saved_model(run).await?;
            return Ok(Some(RequestBody::LoadModel {
                name: output.clone(),
                saved: Box::new(saved),
            }));
        }
        CellSpec::Source {
            source:
                Source::File {
                    file_name,
                    size,
                    sha256,
                    ..
                },
        } if file.is_none() => {
            *file = Some(kept.cached_file(file_name, *size, sha256).await?);
        }
        _ => {}
    }
    let mut request = RequestBody::for_cell(spec);
    if let Some(RequestBody::Train { restore, .. }) = &mut request
        && let Some(run) = records.last_run(id)
    {
        // A run that cannot be read is only a missed shortcut: train again.
        *restore = records.saved_model(&run).await.ok().map(Box::new);
    }
    Ok(request)
}
