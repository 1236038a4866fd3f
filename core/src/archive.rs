//! "Export everything" as one file, and importing it back: notebooks, runs with their
//! models, and (optionally) cached dataset files. The file says what it is (`format`,
//! `version`) and carries a checksum of its content, so a foreign or damaged file is refused
//! with a reason before anything is written.
//!
//! The file is JSON: `{"format":"jukebox-archive","version":1,"sha256":…,"content":…}`,
//! where `sha256` is the SHA-256 (hex) of the `content` text exactly as written. Model and
//! file bytes are base64 inside the content.

mod error;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::hash::sha256_hex;
use crate::notebook::NOTEBOOK_VERSION;
use crate::runs::{RUN_VERSION, RunRecord};
use crate::store::{CachedDataset, StoredNotebook};

pub use error::ArchiveError;

/// The `format` field of every export.
pub const ARCHIVE_FORMAT: &str = "jukebox-archive";
/// The newest archive version this build reads and the one it writes.
pub const ARCHIVE_VERSION: u32 = 1;
/// Largest export file an import reads (one with its models and kept data files included):
/// checked before a byte of it is read, by the page and again by the engine.
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

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

/// Refuses an export of `n_bytes` beyond [`MAX_IMPORT_BYTES`], before it is read: the
/// reader must not fill its memory with a stranger's file.
pub fn check_import_size(n_bytes: u64) -> Result<(), ArchiveError> {
    if n_bytes > MAX_IMPORT_BYTES {
        return Err(ArchiveError::TooLarge { n_bytes });
    }
    Ok(())
}

/// The archive an import writes: the file's size checked, then [`from_bytes`]'s checks,
/// and every notebook in it untrusted — an export is a file from elsewhere, so its cells
/// contact no host before their reader agrees, as a link's would not.
pub fn for_import(bytes: &[u8]) -> Result<Archive, ArchiveError> {
    check_import_size(bytes.len() as u64)?;
    let mut archive = from_bytes(bytes)?;
    for stored in &mut archive.notebooks {
        stored.consent = crate::notebook::trust::Consent::untrusted();
    }
    Ok(archive)
}

/// `archive` as the bytes of an export file (compact JSON, content last).
pub fn to_bytes(archive: &Archive) -> Vec<u8> {
    // Invariant: the archive is plain data (strings, numbers, maps with string or integer
    // keys), which serde_json always serialises. Non-finite numbers become `null`.
    #[allow(clippy::expect_used)]
    let content = serde_json::to_string(archive).expect("an archive serialises to JSON");
    let sha256 = sha256_hex(content.as_bytes());
    format!(
        r#"{{"format":"{ARCHIVE_FORMAT}","version":{ARCHIVE_VERSION},"sha256":"{sha256}","content":{content}}}"#
    )
    .into_bytes()
}

/// The outline of an export, read without reading the content into types.
#[derive(Deserialize)]
struct Envelope<'a> {
    format: Option<String>,
    version: Option<u64>,
    sha256: Option<String>,
    #[serde(borrow)]
    content: Option<&'a RawValue>,
}

/// The archive in an export file, checked: format and version, the content's checksum,
/// every model and cached file against its hash, unique ids, and versions this build reads.
///
/// The whole file is in memory, and so is the archive made from it (about as large again):
/// the caller decides how large a file it accepts before reading it.
pub fn from_bytes(bytes: &[u8]) -> Result<Archive, ArchiveError> {
    // What `to_bytes` writes first: a file that starts so was an export once.
    let ours = format!(r#"{{"format":"{ARCHIVE_FORMAT}","#);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // A character cut at the very end: a cut file, not a foreign one.
        if e.error_len().is_none() && bytes.starts_with(ours.as_bytes()) {
            ArchiveError::Damaged {
                reason: "it ends in the middle of a character".into(),
            }
        } else {
            ArchiveError::NotText {
                at: e.valid_up_to(),
            }
        }
    })?;
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
        if text.starts_with(&ours) {
            ArchiveError::Damaged {
                reason: e.to_string(),
            }
        } else {
            ArchiveError::NotAnExport {
                reason: format!("it is not JSON of the expected shape ({e})"),
            }
        }
    })?;
    let content = check_envelope(&envelope)?;
    let checksum_ok =
        envelope.sha256.as_deref() == Some(sha256_hex(content.get().as_bytes()).as_str());
    let archive: Archive = match serde_json::from_str(content.get()) {
        Ok(archive) => archive,
        Err(_) if !checksum_ok => return Err(ArchiveError::ChecksumMismatch),
        Err(e) => {
            return Err(ArchiveError::Unreadable {
                reason: e.to_string(),
            });
        }
    };
    // Item checks first: a changed model or file is named, which says more than the
    // checksum alone.
    check_notebooks(&archive.notebooks)?;
    check_runs(&archive.runs)?;
    check_datasets(&archive.datasets)?;
    if !checksum_ok {
        return Err(ArchiveError::ChecksumMismatch);
    }
    Ok(archive)
}

/// Format, version and the presence of a checksum and content; the content's text.
fn check_envelope<'a>(envelope: &Envelope<'a>) -> Result<&'a RawValue, ArchiveError> {
    let missing = |field: &str| ArchiveError::NotAnExport {
        reason: format!("it has no `{field}` field"),
    };
    let format = envelope
        .format
        .as_deref()
        .ok_or_else(|| missing("format"))?;
    if format != ARCHIVE_FORMAT {
        return Err(ArchiveError::OtherFormat {
            format: format.chars().take(40).collect(),
        });
    }
    let version = envelope.version.ok_or_else(|| missing("version"))?;
    if version > u64::from(ARCHIVE_VERSION) {
        return Err(ArchiveError::NewerVersion {
            version,
            supported: ARCHIVE_VERSION,
        });
    }
    if version == 0 {
        return Err(ArchiveError::NotAnExport {
            reason: "its version is 0, which Jukebox never wrote".into(),
        });
    }
    envelope.sha256.as_ref().ok_or_else(|| missing("sha256"))?;
    envelope.content.ok_or_else(|| missing("content"))
}

fn check_notebooks(notebooks: &[StoredNotebook]) -> Result<(), ArchiveError> {
    unique("notebook", notebooks.iter().map(|n| n.id.as_str()))?;
    match notebooks
        .iter()
        .find(|n| n.notebook.version > NOTEBOOK_VERSION)
    {
        Some(newer) => Err(ArchiveError::NewerItem {
            kind: "notebook",
            id: newer.id.clone(),
            version: newer.notebook.version,
            supported: NOTEBOOK_VERSION,
        }),
        None => Ok(()),
    }?;
    // The checks every way in gives a notebook: cell count, distinct ids, bounds.
    for stored in notebooks {
        crate::share::check(&stored.notebook).map_err(|e| ArchiveError::BadNotebook {
            id: stored.id.clone(),
            reason: e.to_string(),
        })?;
    }
    Ok(())
}

fn check_runs(runs: &[ArchivedRun]) -> Result<(), ArchiveError> {
    unique("run", runs.iter().map(|r| r.record.id.as_str()))?;
    for run in runs {
        let record = &run.record;
        if record.version > RUN_VERSION {
            return Err(ArchiveError::NewerItem {
                kind: "run",
                id: record.id.clone(),
                version: record.version,
                supported: RUN_VERSION,
            });
        }
        let mismatch = |reason: String| ArchiveError::ModelMismatch {
            run: record.id.clone(),
            model: record.model_name.clone(),
            reason,
        };
        if run.model.len() as u64 != record.model_bytes {
            return Err(mismatch(format!(
                "{} bytes instead of {}",
                run.model.len(),
                record.model_bytes
            )));
        }
        if sha256_hex(&run.model) != record.model_sha256 {
            return Err(mismatch("its SHA-256 differs".into()));
        }
    }
    Ok(())
}

fn check_datasets(datasets: &[ArchivedDataset]) -> Result<(), ArchiveError> {
    unique("dataset", datasets.iter().map(|d| d.info.sha256.as_str()))?;
    for dataset in datasets {
        let info = &dataset.info;
        let mismatch = |reason: String| ArchiveError::DatasetMismatch {
            file_name: info.file_name.clone(),
            reason,
        };
        if dataset.bytes.len() as u64 != info.size {
            return Err(mismatch(format!(
                "{} bytes instead of {}",
                dataset.bytes.len(),
                info.size
            )));
        }
        if sha256_hex(&dataset.bytes) != info.sha256 {
            return Err(mismatch("its SHA-256 differs".into()));
        }
    }
    Ok(())
}

/// The first id seen twice, as an error.
fn unique<'a>(kind: &'static str, ids: impl Iterator<Item = &'a str>) -> Result<(), ArchiveError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(ArchiveError::DuplicateId {
                kind,
                id: id.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
