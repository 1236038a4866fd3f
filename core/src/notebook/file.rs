//! A notebook as a file (`.jukebox.json`): what the app's "Download notebook" writes, and what
//! "Open notebook file", `jukebox run FILE` and a notebook URL read — the notebook's JSON, a
//! saved notebook (`{"notebook": …}`) or an export holding exactly one notebook — with the
//! checks a share link gets (version, cell count, distinct ids) and a size cap before parsing.

use super::{NOTEBOOK_VERSION, Notebook};
use crate::archive;
use crate::share;

/// The suffix "Download notebook" gives and `jukebox run` documents.
pub const NOTEBOOK_FILE_SUFFIX: &str = ".jukebox.json";

/// The most bytes read as a notebook file (an export with its runs' models included).
pub const MAX_NOTEBOOK_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The notebook as an indented JSON file's bytes.
pub fn to_file_bytes(notebook: &Notebook) -> Vec<u8> {
    // Plain data of strings, numbers and maps with string keys: serialising cannot fail.
    let mut bytes = serde_json::to_vec_pretty(notebook).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// `course-network.jukebox.json` for the title "Course network!".
pub fn file_name(title: &str) -> String {
    format!("{}{NOTEBOOK_FILE_SUFFIX}", slug(title))
}

/// The file name of the notebook's HTML report: `jukebox-from-charts-to-a-model.report.html`.
pub fn report_file_name(title: &str) -> String {
    format!("{}.report.html", slug(title))
}

/// The title in lower-case letters and digits joined by `-`, at most 60 characters;
/// `notebook` when nothing is left.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    if slug.is_empty() {
        "notebook".to_string()
    } else {
        slug
    }
}

/// The notebook in a file's bytes; the error says what is wrong and what to give instead.
///
/// # Errors
/// Too big, not JSON, not a notebook, an export of several notebooks, a newer version, too
/// many cells or repeated cell ids.
pub fn read_notebook_file(bytes: &[u8]) -> Result<Notebook, String> {
    if bytes.len() > MAX_NOTEBOOK_FILE_BYTES {
        return Err(format!(
            "it is {} MB, more than a notebook file may be ({} MB)",
            bytes.len() / (1024 * 1024),
            MAX_NOTEBOOK_FILE_BYTES / (1024 * 1024)
        ));
    }
    let notebook = if bytes
        .starts_with(format!(r#"{{"format":"{}""#, archive::ARCHIVE_FORMAT).as_bytes())
    {
        from_export(bytes)?
    } else {
        let value: serde_json::Value = serde_json::from_slice(bytes)
            .map_err(|e| format!("it is not JSON ({e}). Give the notebook's JSON file"))?;
        let value = match value {
            serde_json::Value::Object(mut map) if !map.contains_key("cells") => map
                .remove("notebook")
                .unwrap_or(serde_json::Value::Object(map)),
            other => other,
        };
        serde_json::from_value::<Notebook>(value).map_err(|e| {
            format!(
                "it is not a Jukebox notebook ({e}). Save the notebook from the app (Download notebook), or copy its share link"
            )
        })?
    };
    if notebook.version > NOTEBOOK_VERSION {
        return Err(format!(
            "it was made by a newer Jukebox (notebook version {}; this one reads {NOTEBOOK_VERSION}). Update Jukebox",
            notebook.version
        ));
    }
    share::check(&notebook).map_err(|e| e.to_string())?;
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
    use crate::notebook::{Cell, CellSpec};

    fn notebook() -> Notebook {
        Notebook {
            version: NOTEBOOK_VERSION,
            title: "Course network!".into(),
            cells: vec![Cell::new(
                1,
                CellSpec::Markdown {
                    text: "# Hi".into(),
                },
            )],
        }
    }

    #[test]
    fn a_downloaded_notebook_opens_as_it_was_under_a_name_from_its_title() {
        let bytes = to_file_bytes(&notebook());
        assert_eq!(read_notebook_file(&bytes).unwrap(), notebook());
        assert_eq!(file_name("Course network!"), "course-network.jukebox.json");
        assert_eq!(file_name("  ?? "), "notebook.jukebox.json");
        assert_eq!(
            report_file_name("Jukebox: from charts to a model"),
            "jukebox-from-charts-to-a-model.report.html"
        );
        let saved = serde_json::json!({"id": "nb-1", "notebook": notebook(), "created_ms": 1.0});
        assert_eq!(
            read_notebook_file(&serde_json::to_vec(&saved).unwrap()).unwrap(),
            notebook()
        );
    }

    #[test]
    fn a_bad_file_is_refused_in_words() {
        assert!(
            read_notebook_file(b"<html>")
                .unwrap_err()
                .starts_with("it is not JSON")
        );
        assert!(
            read_notebook_file(b"{\"title\": 1}")
                .unwrap_err()
                .starts_with("it is not a Jukebox notebook")
        );
        let mut newer = notebook();
        newer.version = NOTEBOOK_VERSION + 1;
        assert!(
            read_notebook_file(&to_file_bytes(&newer))
                .unwrap_err()
                .contains("newer Jukebox")
        );
        let mut twice = notebook();
        twice.cells.push(Cell::new(
            1,
            CellSpec::Markdown {
                text: String::new(),
            },
        ));
        let error = read_notebook_file(&to_file_bytes(&twice)).unwrap_err();
        assert!(error.contains('1'), "{error}");
        let big = vec![b' '; MAX_NOTEBOOK_FILE_BYTES + 1];
        assert!(
            read_notebook_file(&big)
                .unwrap_err()
                .contains("more than a notebook file may be")
        );
    }
}
