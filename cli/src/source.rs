//! Where the notebook comes from: `starter` (the built-in starter notebook), a notebook JSON
//! file (what the app saves, `.jukebox.json`; a saved-notebook record or an export holding
//! one notebook are taken too), a share link (`…#nb=1.…`) or an `http(s)` URL of a notebook JSON.

use std::path::{Path, PathBuf};

use jukebox_core::notebook::file::read_notebook_file;
use jukebox_core::notebook::{Notebook, starter};
use jukebox_core::share;

use crate::error::{CliError, Result};
use crate::fetch;

/// The word that names the built-in starter notebook.
pub const STARTER: &str = "starter";

/// A notebook and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedNotebook {
    pub notebook: Notebook,
    /// In words, for messages and the report: `the starter notebook`, `file n.jukebox.json`.
    pub origin: String,
    /// The folder of a notebook file: local data files it names are looked for there.
    pub base_dir: Option<PathBuf>,
    /// Whether its cells may contact the hosts they name without `--trust`/`--allow-host`:
    /// the starter and a local file (the user's own) are; a share link or a URL is a
    /// stranger's notebook.
    pub trusted: bool,
}

/// Opens the notebook `arg` names.
pub fn load(arg: &str) -> Result<LoadedNotebook> {
    let arg = arg.trim();
    if arg == STARTER {
        return Ok(LoadedNotebook {
            notebook: starter(),
            origin: "the starter notebook".into(),
            base_dir: None,
            trusted: true,
        });
    }
    let path = Path::new(arg);
    if path.is_file() {
        let bytes = std::fs::read(path).map_err(|e| CliError::reading(path, e))?;
        let origin = format!("file {}", path.display());
        let notebook = parse(&bytes, &origin)?;
        return Ok(LoadedNotebook {
            notebook,
            origin,
            base_dir: path.parent().map(Path::to_path_buf),
            trusted: true,
        });
    }
    if arg.starts_with("nb=") || arg.contains("#nb=") {
        let notebook = share::decode(arg).map_err(|e| CliError::Notebook {
            origin: "in the share link".into(),
            reason: e.to_string(),
        })?;
        return Ok(loaded(notebook, "a share link".into()));
    }
    if fetch::is_url(arg) {
        let bytes = fetch::download(arg)?;
        let origin = arg.to_string();
        return Ok(loaded(parse(&bytes, &origin)?, origin));
    }
    Err(CliError::Notebook {
        origin: format!("`{arg}`"),
        reason: format!(
            "there is no such file. Give a notebook JSON file, `{STARTER}`, a share link (…#nb=1.…) or an http(s) URL of a notebook JSON"
        ),
    })
}

/// A notebook from a link or a URL: untrusted.
fn loaded(notebook: Notebook, origin: String) -> LoadedNotebook {
    LoadedNotebook {
        notebook,
        origin,
        base_dir: None,
        trusted: false,
    }
}

/// A notebook out of a file's bytes (`jukebox_core::notebook::file`: the notebook's JSON, a
/// saved notebook, or an export holding exactly one notebook, with the share link's checks).
pub fn parse(bytes: &[u8], origin: &str) -> Result<Notebook> {
    read_notebook_file(bytes).map_err(|reason| CliError::Notebook {
        origin: origin.to_string(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_names_the_built_in_notebook() {
        let loaded = load("starter").unwrap();
        assert_eq!(loaded.notebook, starter());
    }

    #[test]
    fn a_share_link_opens_as_the_notebook_it_carries() {
        let link = format!(
            "https://example.org/jukebox/#{}",
            share::encode(&starter()).unwrap()
        );
        assert_eq!(load(&link).unwrap().notebook, starter());
        let damaged = format!("{}!", &link[..link.len() - 5]);
        let error = load(&damaged).unwrap_err().to_string();
        assert!(
            error.starts_with("the notebook in the share link could not be opened"),
            "{error}"
        );
    }

    #[test]
    fn notebook_json_and_saved_notebooks_parse() {
        let json = serde_json::to_vec(&starter()).unwrap();
        assert_eq!(parse(&json, "file n.json").unwrap(), starter());
        let saved = serde_json::json!({"id": "nb-1", "notebook": starter(), "created_ms": 1.0});
        let saved = serde_json::to_vec(&saved).unwrap();
        assert_eq!(parse(&saved, "file n.json").unwrap(), starter());
    }

    #[test]
    fn other_json_says_what_it_is_not() {
        let error = parse(br#"{"cells": 3}"#, "file x.json")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("file x.json could not be opened: it is not a Jukebox notebook"),
            "{error}"
        );
        let error = parse(b"not json", "file x.json").unwrap_err().to_string();
        assert!(error.contains("it is not JSON"), "{error}");
        let error = load("no/such/notebook.json").unwrap_err().to_string();
        assert!(error.contains("there is no such file"), "{error}");
    }
}
