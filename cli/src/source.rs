//! Where the notebook comes from: `starter` (the built-in starter notebook), a notebook JSON
//! file (what the app saves, `.jukebox.json`; a saved-notebook record or an export holding
//! one notebook are taken too), a share link (`…#nb=1.…`) or an `http(s)` URL of a notebook JSON.

use std::path::{Path, PathBuf};

use jukebox_core::archive;
use jukebox_core::notebook::{NOTEBOOK_VERSION, Notebook, starter};
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
}

/// Opens the notebook `arg` names.
pub fn load(arg: &str) -> Result<LoadedNotebook> {
    let arg = arg.trim();
    if arg == STARTER {
        return Ok(LoadedNotebook {
            notebook: starter(),
            origin: "the starter notebook".into(),
            base_dir: None,
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

fn loaded(notebook: Notebook, origin: String) -> LoadedNotebook {
    LoadedNotebook {
        notebook,
        origin,
        base_dir: None,
    }
}

/// A notebook out of JSON bytes: the notebook itself, a saved notebook (`{"notebook": …}`),
/// or an export holding exactly one notebook.
pub fn parse(bytes: &[u8], origin: &str) -> Result<Notebook> {
    let fail = |reason: String| CliError::Notebook {
        origin: origin.to_string(),
        reason,
    };
    if bytes.starts_with(format!(r#"{{"format":"{}""#, archive::ARCHIVE_FORMAT).as_bytes()) {
        return from_export(bytes).map_err(fail);
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        fail(format!(
            "it is not JSON ({e}). Give the notebook's JSON file"
        ))
    })?;
    let value = match value {
        serde_json::Value::Object(mut map) if !map.contains_key("cells") => map
            .remove("notebook")
            .unwrap_or(serde_json::Value::Object(map)),
        other => other,
    };
    let notebook: Notebook = serde_json::from_value(value).map_err(|e| {
        fail(format!(
            "it is not a Jukebox notebook ({e}). Save the notebook from the app, or copy its share link"
        ))
    })?;
    if notebook.version > NOTEBOOK_VERSION {
        return Err(fail(format!(
            "it was made by a newer Jukebox (notebook version {}; this one reads {NOTEBOOK_VERSION}). Update jukebox",
            notebook.version
        )));
    }
    Ok(notebook)
}

fn from_export(bytes: &[u8]) -> Result<Notebook, String> {
    let archive = archive::from_bytes(bytes).map_err(|e| e.to_string())?;
    match archive.notebooks.as_slice() {
        [one] => Ok(one.notebook.clone()),
        many => Err(format!(
            "it is a Jukebox export with {} notebooks ({}), not one. Export or save the notebook you mean alone",
            many.len(),
            many.iter()
                .map(|n| format!("\"{}\"", n.notebook.title))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
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
