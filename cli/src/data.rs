//! `--data NAME=PATH|URL`: the same notebook on other data (the CI case). A Data source cell
//! that writes dataset `NAME` reads the given file or URL instead of its own; for the demo
//! source, the named demo table (`song_rankings`, `song_properties`) is replaced by the file.
//! A local-file source without `--data` reads the file of its name beside the notebook file.

use std::path::{Path, PathBuf};

use jukebox_core::notebook::{CellSpec, DEMO_PROPERTIES, DEMO_RANKINGS, Notebook, Source};

use crate::cells::{label, written_names};
use crate::error::{CliError, Result};
use crate::fetch;

/// Where a dataset's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataInput {
    Path(PathBuf),
    Url(String),
}

/// One `--data NAME=PATH|URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataOverride {
    pub name: String,
    pub input: DataInput,
}

/// Parses `NAME=PATH|URL`.
pub fn parse(arg: &str) -> Result<DataOverride> {
    let problem = |problem: &str| CliError::Argument {
        arg: format!("--data {arg}"),
        problem: problem.to_string(),
    };
    let (name, target) = arg
        .split_once('=')
        .ok_or_else(|| problem("write it as NAME=PATH or NAME=URL, e.g. --data song_rankings=data/song_rankings.parquet"))?;
    let (name, target) = (name.trim(), target.trim());
    if name.is_empty() || target.is_empty() {
        return Err(problem(
            "both the dataset name and the file are needed, e.g. --data charts=charts.csv",
        ));
    }
    let input = if fetch::is_url(target) {
        DataInput::Url(target.to_string())
    } else {
        DataInput::Path(PathBuf::from(target))
    };
    Ok(DataOverride {
        name: name.to_string(),
        input,
    })
}

/// Every override names a dataset some Data source cell writes.
pub fn check(notebook: &Notebook, overrides: &[DataOverride]) -> Result<()> {
    let sources: Vec<(usize, Vec<String>)> = notebook
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.spec, CellSpec::Source { .. }))
        .map(|(i, c)| (i + 1, written_names(&c.spec)))
        .collect();
    for o in overrides {
        if !sources.iter().any(|(_, names)| names.contains(&o.name)) {
            let known = sources
                .iter()
                .map(|(i, names)| format!("{} (cell {i})", names.join(", ")))
                .collect::<Vec<_>>()
                .join("; ");
            return Err(CliError::Argument {
                arg: format!("--data {}=…", o.name),
                problem: format!(
                    "no Data source cell writes a dataset named `{}`. Its sources write: {}. Use one of those names",
                    o.name,
                    if known.is_empty() {
                        "nothing (it has no Data source cell)".into()
                    } else {
                        known
                    }
                ),
            });
        }
    }
    Ok(())
}

/// One load a Data source cell makes: the source spec sent to the engine (as the app sends
/// it) and where its bytes come from (`None`: the built-in demo).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLoad {
    pub source: Source,
    pub from: Option<DataInput>,
}

/// The loads of the Data source cell at `index` (1-based): its own, or the overrides'.
pub fn loads(
    index: usize,
    source: &Source,
    overrides: &[DataOverride],
    base_dir: Option<&Path>,
) -> Result<Vec<SourceLoad>> {
    let override_of = |name: &str| overrides.iter().rev().find(|o| o.name == name);
    let replaced = |name: &str, input: &DataInput| SourceLoad {
        source: match input {
            DataInput::Path(path) => Source::File {
                name: name.to_string(),
                file_name: file_name(path),
                size: 0,
                sha256: String::new(),
            },
            DataInput::Url(url) => Source::Url {
                name: name.to_string(),
                url: url.clone(),
            },
        },
        from: Some(input.clone()),
    };
    Ok(match source {
        Source::Demo { .. } => {
            let mut loads = Vec::new();
            let tables = [DEMO_PROPERTIES, DEMO_RANKINGS];
            if tables.iter().any(|t| override_of(t).is_none()) {
                loads.push(SourceLoad {
                    source: source.clone(),
                    from: None,
                });
            }
            for table in tables {
                if let Some(o) = override_of(table) {
                    loads.push(replaced(table, &o.input));
                }
            }
            loads
        }
        Source::File {
            name, file_name, ..
        } => match override_of(name) {
            Some(o) => vec![replaced(name, &o.input)],
            None => vec![beside_notebook(index, source, name, file_name, base_dir)?],
        },
        Source::Url { name, url } => {
            let input = override_of(name).map_or(DataInput::Url(url.clone()), |o| o.input.clone());
            vec![replaced(name, &input)]
        }
    })
}

/// The demo tables a demo source reads from `--data` instead, in words (`song_rankings`).
pub fn replaced_demo_tables(source: &Source, overrides: &[DataOverride]) -> Option<String> {
    if !matches!(source, Source::Demo { .. }) {
        return None;
    }
    let replaced: Vec<&str> = [DEMO_PROPERTIES, DEMO_RANKINGS]
        .into_iter()
        .filter(|t| overrides.iter().any(|o| o.name == *t))
        .collect();
    (!replaced.is_empty()).then(|| replaced.join(", "))
}

/// A local-file source read from the notebook's folder, or the error saying to pass it.
fn beside_notebook(
    index: usize,
    source: &Source,
    name: &str,
    file_name: &str,
    base_dir: Option<&Path>,
) -> Result<SourceLoad> {
    let candidate = base_dir.map(|dir| dir.join(file_name));
    match candidate {
        Some(path) if path.is_file() => Ok(SourceLoad {
            source: source.clone(),
            from: Some(DataInput::Path(path)),
        }),
        _ => Err(CliError::Cell {
            index,
            label: label(&CellSpec::Source {
                source: source.clone(),
            }),
            problem: format!(
                "it reads the local file `{file_name}` as dataset `{name}`, which {}. Pass the file with --data {name}=PATH",
                if base_dir.is_some() {
                    "is not beside the notebook file"
                } else {
                    "does not travel with a notebook from a link or a URL"
                }
            ),
        }),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jukebox_core::notebook::starter;

    #[test]
    fn parses_paths_and_urls() {
        let o = parse("charts=data/charts.csv").unwrap();
        assert_eq!(o.input, DataInput::Path("data/charts.csv".into()));
        let o = parse("charts=https://example.org/c.parquet").unwrap();
        assert_eq!(
            o.input,
            DataInput::Url("https://example.org/c.parquet".into())
        );
        let error = parse("charts").unwrap_err().to_string();
        assert!(
            error.starts_with("--data charts: write it as NAME=PATH"),
            "{error}"
        );
    }

    #[test]
    fn an_unknown_name_lists_the_sources_names() {
        let error = check(&starter(), &[parse("charts=x.csv").unwrap()])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("no Data source cell writes a dataset named `charts`"),
            "{error}"
        );
        assert!(
            error.contains("song_properties, song_rankings (cell 2)"),
            "{error}"
        );
        check(&starter(), &[parse("song_rankings=x.csv").unwrap()]).unwrap();
    }

    #[test]
    fn a_demo_table_given_as_a_file_is_loaded_after_the_demo() {
        let one = [parse("song_rankings=r.parquet").unwrap()];
        let loads = loads(2, &demo(), &one, None).unwrap();
        assert_eq!(loads.len(), 2);
        assert!(loads[0].from.is_none());
        assert_eq!(loads[1].from, Some(DataInput::Path("r.parquet".into())));
        let both = [one[0].clone(), parse("song_properties=p.parquet").unwrap()];
        let loads = super::loads(2, &demo(), &both, None).unwrap();
        assert!(
            loads.iter().all(|l| l.from.is_some()),
            "no demo load when both tables are given"
        );
    }

    #[test]
    fn a_local_file_without_data_says_how_to_pass_it() {
        let source = Source::File {
            name: "charts".into(),
            file_name: "charts.parquet".into(),
            size: 0,
            sha256: String::new(),
        };
        let error = loads(3, &source, &[], None).unwrap_err().to_string();
        assert!(
            error.starts_with("cell 3 (Data source `charts`: file charts.parquet)"),
            "{error}"
        );
        assert!(error.contains("--data charts=PATH"), "{error}");
    }

    fn demo() -> Source {
        match starter().cells.into_iter().find_map(|c| match c.spec {
            CellSpec::Source { source } => Some(source),
            _ => None,
        }) {
            Some(source) => source,
            None => unreachable!("the starter has a demo source"),
        }
    }
}
