//! "Export everything" as one file, and importing it back: notebooks, runs with their
//! models, and (optionally) cached dataset files. The file says what it is (`format`,
//! `version`) and carries a checksum of its content, so a foreign or damaged file is refused
//! with a reason before anything is written.
//!
//! CONTRACT (issue 5): the types; `to_bytes`/`from_bytes` and their checks come with the
//! share/markdown/archive work.

use serde::{Deserialize, Serialize};

use crate::runs::RunRecord;
use crate::store::{CachedDataset, StoredNotebook};

/// The `format` field of every export.
pub const ARCHIVE_FORMAT: &str = "jukebox-archive";
/// The newest archive version this build reads and the one it writes.
pub const ARCHIVE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    pub app_version: String,
    pub exported_ms: f64,
    pub notebooks: Vec<StoredNotebook>,
    pub runs: Vec<ArchivedRun>,
    pub datasets: Vec<ArchivedDataset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedRun {
    pub record: RunRecord,
    #[serde(with = "crate::bytes_base64")]
    pub model: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedDataset {
    pub info: CachedDataset,
    #[serde(with = "crate::bytes_base64")]
    pub bytes: Vec<u8>,
}

/// How many of each an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportCounts {
    pub notebooks: usize,
    pub runs: usize,
    pub datasets: usize,
}

// TEMPORARY (storage branch only): minimal stand-ins so the Settings page compiles before
// the archive work lands. The integrator keeps the archive branch's versions (same
// signatures: `to_bytes(&Archive) -> Vec<u8>`, `from_bytes(&[u8]) -> Result<Archive,
// ArchiveError>`, `ArchiveError: Display`) and drops these.

/// Why a file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("this is not a Jukebox export: {reason}")]
    NotAnArchive { reason: String },
}

/// The archive as a file: `{ format, version, content }`.
pub fn to_bytes(archive: &Archive) -> Vec<u8> {
    let file = serde_json::json!({
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "content": archive,
    });
    serde_json::to_vec(&file).unwrap_or_default()
}

/// Reads a file written by [`to_bytes`].
pub fn from_bytes(bytes: &[u8]) -> Result<Archive, ArchiveError> {
    let refuse = |reason: String| ArchiveError::NotAnArchive { reason };
    let file: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| refuse(e.to_string()))?;
    if file["format"] != ARCHIVE_FORMAT {
        return Err(refuse(format!("its format is {}", file["format"])));
    }
    serde_json::from_value(file["content"].clone()).map_err(|e| refuse(e.to_string()))
}
