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
