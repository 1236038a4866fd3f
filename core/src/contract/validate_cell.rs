//! The Validate cell: a table checked against a data contract — the profile of another table
//! in the notebook (the one a model was trained on, say) or a contract file (the
//! `data-contract.json` that `jukebox run` writes) — with the anomaly table as its output.
//! The CLI stops a notebook at a Validate cell whose check failed (exit 1), as a pipeline's
//! validation step stops it.

use serde::{Deserialize, Serialize};

use super::{DataContract, parse_contract};

/// The largest contract file a cell keeps (a contract of the course's tables is a few KB;
/// 72 countries and 13 features fit many times over).
pub const MAX_CONTRACT_BYTES: usize = 1_000_000;

/// A Validate cell's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidateSpec {
    /// The table checked.
    pub input: String,
    /// The contract it must keep.
    pub against: ContractSource,
}

/// Where the contract comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ContractSource {
    /// The profile of a table of the notebook (default tolerances).
    Dataset { name: String },
    /// A contract file's text, kept in the notebook.
    File { file_name: String, text: String },
}

impl ContractSource {
    /// In words, for the output's headline: `` `songs` `` or `data-contract.json`.
    pub fn label(&self) -> String {
        match self {
            ContractSource::Dataset { name } => format!("the profile of `{name}`"),
            ContractSource::File { file_name, .. } => format!("contract file {file_name}"),
        }
    }

    /// The contract of a `File` source, read; `None` for a `Dataset` (the engine profiles it).
    ///
    /// # Errors
    /// The file is too large or not a contract, in words naming the file.
    pub fn file_contract(&self) -> Option<Result<DataContract, String>> {
        let ContractSource::File { file_name, text } = self else {
            return None;
        };
        Some(if text.len() > MAX_CONTRACT_BYTES {
            Err(format!(
                "{file_name} is {} bytes; a contract file has at most {MAX_CONTRACT_BYTES}. Choose the data-contract.json that `jukebox run` or `jukebox contract` wrote",
                text.len()
            ))
        } else if text.trim().is_empty() {
            Err(
                "no contract file chosen yet: choose one, or check against a table of the notebook"
                    .into(),
            )
        } else {
            parse_contract(text).map_err(|e| format!("{file_name}: {e}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_source_is_read_bounded_and_named_in_its_errors() {
        let dataset = ContractSource::Dataset {
            name: "songs".into(),
        };
        assert!(dataset.file_contract().is_none());
        assert_eq!(dataset.label(), "the profile of `songs`");
        let file = |text: &str| ContractSource::File {
            file_name: "data-contract.json".into(),
            text: text.into(),
        };
        let error = file("{\"version\": 9}")
            .file_contract()
            .unwrap()
            .unwrap_err();
        assert!(
            error.starts_with("data-contract.json: this is not a Jukebox data contract"),
            "{error}"
        );
        let error = file("").file_contract().unwrap().unwrap_err();
        assert!(error.starts_with("no contract file chosen yet"), "{error}");
        let huge = " ".repeat(MAX_CONTRACT_BYTES + 1);
        let error = file(&huge).file_contract().unwrap().unwrap_err();
        assert!(
            error.contains("a contract file has at most 1000000"),
            "{error}"
        );
    }
}
