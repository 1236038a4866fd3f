//! Test-only: data files that live beside the checkout rather than in it (the course's
//! `../shared/data`, world-atlas in `tests/node_modules`). A test that cannot find its file
//! skips with a printed note on a developer's machine, but under CI (`CI=true` or `CI=1`,
//! as `.ci/run` and CI services set it) it fails with a sentence saying which file is
//! missing, where it was looked for and how to get it: a CI run where such tests "pass"
//! without reading anything would prove nothing.
//!
//! Unit tests use `crate::testdata`; an integration test in `core/tests/` includes this
//! file with `#[path = "../src/testdata.rs"] #[allow(dead_code)] mod testdata;`.

use std::path::{Component, Path, PathBuf};

/// Where the course's files are: `../shared/data/` beside the checkout.
pub const SHARED_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");

/// What to do to get the course's files, for the sentences below.
const SHARED_DATA_REMEDY: &str =
    "put the course's files in ../shared/data beside the checkout (see its README.md)";

/// What a test does when a file it needs cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenMissing {
    /// Outside CI: print this note and return without testing.
    Skip(String),
    /// Under CI: fail with this sentence.
    Fail(String),
}

/// Whether the value of the `CI` variable marks a CI run: `true` (any case) or `1`.
pub fn is_ci(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.trim() == "1" || v.trim().eq_ignore_ascii_case("true"))
}

/// The decision and its words for `path`, which could not be read (`error`); `remedy` says
/// what to do to get the file.
pub fn when_missing(under_ci: bool, path: &Path, error: &str, remedy: &str) -> WhenMissing {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let looked_at = normalized(path);
    let looked_at = looked_at.display();
    if under_ci {
        WhenMissing::Fail(format!(
            "test data `{name}` is missing: it was looked for at {looked_at} ({error}). \
             Under CI (CI=true) a test must not skip: {remedy}."
        ))
    } else {
        WhenMissing::Skip(format!(
            "skipped: test data `{name}` is not at {looked_at} ({error}), so this test \
             checked nothing; {remedy} to run it (under CI=true it fails instead)."
        ))
    }
}

/// The bytes of `path`; when it cannot be read, `None` after a printed note, or (under
/// CI, as the `CI` variable says) a panic with the sentence of [`when_missing`].
pub fn read_or_skip(path: &Path, remedy: &str) -> Option<Vec<u8>> {
    read_or_skip_under(is_ci(std::env::var("CI").ok().as_deref()), path, remedy)
}

/// [`read_or_skip`] with CI or not given, so tests need not change the process's `CI`.
pub fn read_or_skip_under(under_ci: bool, path: &Path, remedy: &str) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(error) => match when_missing(under_ci, path, &error.to_string(), remedy) {
            WhenMissing::Skip(note) => {
                eprintln!("{note}");
                None
            }
            WhenMissing::Fail(sentence) => panic!("{sentence}"),
        },
    }
}

/// The path of the course file `name` in `../shared/data/`.
pub fn shared_data_path(name: &str) -> PathBuf {
    Path::new(SHARED_DATA).join(name)
}

/// The bytes of the course file `name` (see [`read_or_skip`]).
pub fn shared_data(name: &str) -> Option<Vec<u8>> {
    read_or_skip(&shared_data_path(name), SHARED_DATA_REMEDY)
}

/// `path` with `.` and `a/..` removed, so a sentence shows `/work/shared/data/x.csv`
/// rather than `/work/checkout/core/../../shared/data/x.csv` (symbolic links are not
/// followed: the file may not exist).
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_is_true_or_1_and_nothing_else() {
        for value in ["true", "TRUE", "True", "1", " true\n"] {
            assert!(is_ci(Some(value)), "{value:?}");
        }
        for value in [None, Some(""), Some("0"), Some("false"), Some("yes please")] {
            assert!(!is_ci(value), "{value:?}");
        }
    }

    #[test]
    fn under_ci_a_missing_file_fails_naming_the_file_where_it_was_looked_for_and_what_to_do() {
        let path = Path::new("/work/checkout/core/../../shared/data/song_rankings.parquet");
        let decision = when_missing(true, path, "No such file or directory", "put it there");
        assert_eq!(
            decision,
            WhenMissing::Fail(
                "test data `song_rankings.parquet` is missing: it was looked for at \
                 /work/shared/data/song_rankings.parquet (No such file or directory). \
                 Under CI (CI=true) a test must not skip: put it there."
                    .to_string()
            )
        );
    }

    #[test]
    fn outside_ci_a_missing_file_skips_with_a_note_saying_nothing_was_checked() {
        let path = Path::new("/nowhere/data.csv");
        let WhenMissing::Skip(note) = when_missing(false, path, "denied", "fetch it") else {
            panic!("outside CI a missing file skips");
        };
        assert!(
            note.starts_with("skipped: test data `data.csv` is not at /nowhere/data.csv (denied)"),
            "{note}"
        );
        assert!(
            note.contains("checked nothing; fetch it to run it"),
            "{note}"
        );
    }

    #[test]
    #[should_panic(
        expected = "test data `here.parquet` is missing: it was looked for at \
                               /surely/not/here.parquet (No such file or directory"
    )]
    fn under_ci_reading_a_missing_file_panics_with_the_sentence() {
        read_or_skip_under(true, Path::new("/surely/not/here.parquet"), "restore it");
    }

    #[test]
    fn outside_ci_reading_a_missing_file_gives_none() {
        let path = Path::new("/surely/not/here.parquet");
        assert_eq!(read_or_skip_under(false, path, "restore it"), None);
    }

    #[test]
    fn a_file_that_is_there_is_read() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let bytes = read_or_skip_under(true, &here, "never needed").unwrap();
        assert!(bytes.starts_with(b"[package]"));
    }

    #[test]
    fn the_shared_data_folder_is_beside_the_checkout() {
        let path = normalized(&shared_data_path("song_properties.parquet"));
        assert!(
            path.ends_with("shared/data/song_properties.parquet"),
            "{}",
            path.display()
        );
        assert!(!path.to_string_lossy().contains(".."), "{}", path.display());
    }
}
