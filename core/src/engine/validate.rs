//! A Validate cell's work: the input table's profile checked against the contract — another
//! table's profile, or a contract file's.

use super::Engine;
use crate::contract::validate_cell::{ContractSource, ValidateSpec};
use crate::contract::{Validation, validate};
use crate::error::{JukeboxError, Result};

impl Engine {
    pub(super) fn validate_table(&self, spec: &ValidateSpec) -> Result<Validation> {
        let expected = match &spec.against {
            ContractSource::Dataset { name } => self.contract_of(name)?,
            file @ ContractSource::File { .. } => file
                .file_contract()
                .unwrap_or_else(|| Err("no contract".into()))
                .map_err(|message| JukeboxError::ContractFile { message })?,
        };
        let found = self.contract_of(&spec.input)?;
        Ok(validate(&expected, &found))
    }
}
