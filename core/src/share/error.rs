use thiserror::Error;

/// Why a notebook could not be put into a link, or a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareError {
    /// The notebook's link would be longer than [`super::MAX_LINK_CHARS`].
    #[error(
        "this notebook makes a link of {chars} characters, more than the {max} a link can carry safely (chat apps, mail and some browsers cut longer ones). Remove or shorten cells, or use Export to share the notebook as a file"
    )]
    TooLong { chars: usize, max: usize },
    /// Writing the link failed (never seen: the notebook is plain data).
    #[error("the notebook could not be written into a link: {reason}")]
    Encode { reason: String },
    /// No `nb=` part in what was given.
    #[error(
        "this is not a Jukebox notebook link: it has no `#nb=` part. Copy the whole link that Share gave you"
    )]
    NotALink,
    /// Longer than any link Jukebox makes.
    #[error(
        "this link is {chars} characters long, more than any Jukebox link ({max}): it was not made by Jukebox or was changed"
    )]
    LinkTooLong { chars: usize, max: usize },
    /// `nb=<version>.` with a version that is not a number Jukebox ever wrote.
    #[error(
        "this link's format `{version}` is not one Jukebox knows (links start `nb=1.`): the link was changed or damaged"
    )]
    UnknownVersion { version: String },
    /// A link format from a later Jukebox.
    #[error(
        "this link was made by a newer Jukebox (link format {version}; this version reads format {supported}). Reload the page to get the newest version, then open the link again"
    )]
    NewerLink { version: u32, supported: u32 },
    /// A character base64url does not have; `position` counts from 1 in the given text.
    #[error(
        "the link is damaged: {character:?} at character {position} cannot be part of a Jukebox link. Copy the whole link again"
    )]
    BadCharacter { position: usize, character: char },
    /// The data ends before the notebook does.
    #[error(
        "the link is cut short: its data ends before the notebook does. Copy the whole link again (some chat apps cut long links; a file from Export travels whole)"
    )]
    Truncated,
    /// The compressed data does not decompress.
    #[error("the link is damaged ({reason}). Copy the whole link again")]
    Corrupt { reason: String },
    /// It decompresses to more than [`super::MAX_INFLATED_BYTES`] (a decompression bomb).
    #[error(
        "the link unpacks to more than {max} bytes, more than any notebook: it was not made by Jukebox, so it was not opened"
    )]
    TooLarge { max: usize },
    /// The decompressed data is not a notebook.
    #[error(
        "the link's data is not a notebook ({reason}): the link was changed, or made by an incompatible version"
    )]
    NotANotebook { reason: String },
    /// A notebook saved by a later Jukebox.
    #[error(
        "this notebook was saved by a newer Jukebox (notebook version {version}; this version reads up to {supported}). Reload the page to get the newest version, then open the link again"
    )]
    NewerNotebook { version: u32, supported: u32 },
    #[error(
        "the notebook has {cells} cells, more than the {max} Jukebox opens. Split it into several notebooks"
    )]
    TooManyCells { cells: usize, max: usize },
    /// Two cells share an id, which cells are told apart by.
    #[error("the notebook has two cells with id {id}: the link was changed or damaged")]
    DuplicateCellId { id: u64 },
    /// A setting beyond the bounds every notebook is held to.
    #[error(
        "the notebook asks for more than Jukebox allows ({0}), so it was not opened. Ask its author for a notebook within the limits"
    )]
    Setting(#[from] crate::notebook::limits::LimitError),
}
