//! `jukebox contract DATA -o FILE` and `jukebox validate DATA --contract FILE`: a table's data
//! contract written, and a table checked against one (`jukebox_core::contract`). DATA is a
//! CSV or Parquet file or an `http(s)` URL of one, read as the app reads it; its version is
//! the SHA-256 of its bytes, as a run records a loaded file's.

use std::path::Path;

use jukebox_core::contract::{DataContract, Validation, parse_contract, profile, validate};
use jukebox_core::hash::sha256_hex;
use jukebox_core::io::{check_file_size, read_table};

use crate::error::{CliError, Result};
use crate::fetch::{download, is_url};

/// Reads the contract file at `path`.
///
/// # Errors
/// The file cannot be read, or is not a contract this version reads.
pub fn read_contract(path: &Path) -> Result<DataContract> {
    let text = std::fs::read_to_string(path).map_err(|e| CliError::reading(path, e))?;
    parse_contract(&text).map_err(|problem| CliError::Argument {
        arg: format!("--contract {}", path.display()),
        problem: format!("{problem}. Make one with `jukebox contract DATA -o FILE`"),
    })
}

/// The profile of the table at `data` (a path or a URL), in a contract's shape.
///
/// # Errors
/// The table cannot be had, is too big, or is not a table.
pub fn profile_table(data: &str) -> Result<DataContract> {
    let bytes = if is_url(data) {
        download(data)?
    } else {
        let path = Path::new(data);
        let size = std::fs::metadata(path)
            .map_err(|e| CliError::reading(path, e))?
            .len();
        check_file_size(data, usize::try_from(size).unwrap_or(usize::MAX)).map_err(|e| {
            CliError::Argument {
                arg: data.to_string(),
                problem: e.to_string(),
            }
        })?;
        std::fs::read(path).map_err(|e| CliError::reading(path, e))?
    };
    let name = file_name(data);
    let df = read_table(name, &bytes).map_err(|e| CliError::Argument {
        arg: data.to_string(),
        problem: format!("{e}. Give a CSV or Parquet file"),
    })?;
    Ok(profile::profile(&df, name, &sha256_hex(&bytes)))
}

/// `jukebox contract`: writes the contract of `data` to `out`; the contract.
///
/// # Errors
/// The table cannot be read, or the file cannot be written.
pub fn write_contract(data: &str, out: &Path) -> Result<DataContract> {
    let contract = profile_table(data)?;
    let mut text = serde_json::to_string_pretty(&contract).unwrap_or_default();
    text.push('\n');
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| CliError::writing(parent, e))?;
    }
    std::fs::write(out, text).map_err(|e| CliError::writing(out, e))?;
    Ok(contract)
}

/// `jukebox validate`: the table at `data` checked against the contract at `contract`.
///
/// # Errors
/// The contract or the table cannot be read. A failed check is not an error here: the
/// caller prints it, then fails with [`CliError::contract`].
pub fn validate_table(data: &str, contract: &Path) -> Result<Validation> {
    let expected = read_contract(contract)?;
    let found = profile_table(data)?;
    Ok(validate(&expected, &found))
}

/// The last part of a path or URL (without a query), which names the format.
fn file_name(data: &str) -> &str {
    let data = data.split(['?', '#']).next().unwrap_or(data);
    data.rsplit(['/', '\\']).next().unwrap_or(data)
}

/// What a contract says, in a few lines for people.
pub fn describe(contract: &DataContract) -> String {
    let dates = contract
        .date_range
        .as_ref()
        .map(|(first, last)| format!(", {first} to {last}"))
        .unwrap_or_default();
    format!(
        "`{}`: {} rows, {} columns{dates}, version {}",
        contract.dataset,
        jukebox_core::summary::grouped(usize::try_from(contract.rows).unwrap_or(usize::MAX)),
        contract.columns.len(),
        crate::outputs::report::short_version(&contract.dataset_version)
    )
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn the_file_name_of_a_path_or_url_names_the_format() {
        assert_eq!(file_name("data/charts.parquet"), "charts.parquet");
        assert_eq!(file_name("https://x.org/a/b.csv?raw=1"), "b.csv");
        assert_eq!(file_name("songs.csv"), "songs.csv");
    }
}
