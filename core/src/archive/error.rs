use thiserror::Error;

/// Why an exported file could not be imported. Nothing is written when one occurs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ArchiveError {
    /// Not text: an image, a zip, a Parquet file…
    #[error(
        "this is not a Jukebox export: it is not a text file (byte {at} is not UTF-8). Pick the `.json` file that Export saved"
    )]
    NotText { at: usize },
    /// Larger than any export is allowed to be; refused before it is read.
    #[error("it is {:.1} GB, more than an export may be (1 GB)", *n_bytes as f64 / 1e9)]
    TooLarge { n_bytes: u64 },
    /// Text, but not JSON, or JSON without an export's outline.
    #[error("this is not a Jukebox export: {reason}. Pick the `.json` file that Export saved")]
    NotAnExport { reason: String },
    /// Starts as an export but is no longer JSON: cut short or edited.
    #[error(
        "the export is damaged ({reason}): it was cut short or changed after export. Export it again from the browser it came from, or use an untouched copy"
    )]
    Damaged { reason: String },
    /// Another program's JSON with a `format` field.
    #[error(
        "this is not a Jukebox export: its format is `{format}`, not `jukebox-archive`. Pick the `.json` file that Export saved"
    )]
    OtherFormat { format: String },
    /// Written by a later Jukebox.
    #[error(
        "this export was made by a newer Jukebox (export version {version}; this version reads up to {supported}). Reload the page to get the newest version, then import again"
    )]
    NewerVersion { version: u64, supported: u32 },
    /// The content's checksum is not the one written at export.
    #[error(
        "the file was changed or damaged after export (its checksum does not match). Export it again from the browser it came from, or use an untouched copy"
    )]
    ChecksumMismatch,
    /// The checksum matches but the content is not an archive this version reads.
    #[error(
        "the export's content cannot be read ({reason}): it was made by an incompatible version of Jukebox"
    )]
    Unreadable { reason: String },
    /// A run's model is not the one its record describes.
    #[error(
        "the model of run `{run}` ({model}) does not match its record ({reason}): the file was changed or damaged after export"
    )]
    ModelMismatch {
        run: String,
        model: String,
        reason: String,
    },
    /// A cached dataset's bytes are not the file its entry describes.
    #[error(
        "the cached file `{file_name}` does not match its entry ({reason}): the file was changed or damaged after export"
    )]
    DatasetMismatch { file_name: String, reason: String },
    /// Two notebooks, runs or datasets with one id.
    #[error(
        "the export holds two {kind}s with id `{id}`: it was changed after export or written by a faulty version"
    )]
    DuplicateId { kind: &'static str, id: String },
    /// A notebook or run saved by a later Jukebox.
    #[error(
        "{kind} `{id}` was saved by a newer Jukebox ({kind} version {version}; this version reads up to {supported}). Reload the page to get the newest version, then import again"
    )]
    NewerItem {
        kind: &'static str,
        id: String,
        version: u32,
        supported: u32,
    },
    /// A notebook that fails the checks every notebook gets (cells, ids, bounds).
    #[error("notebook `{id}` was not imported: {reason}")]
    BadNotebook { id: String, reason: String },
}
