//! Data contracts: what a table a model was trained on looked like — its columns and types,
//! how often each is present, numeric ranges and 1 %/99 % quantiles, category sets, its row
//! count, the dates it covers and its version (fingerprint) — and the check of a new table
//! against one, with TensorFlow Data Validation's anomaly names and meanings.
//!
//! Checking compares two contracts: the expected one and the new table's own profile
//! ([`profile::profile`], with the engine), so the check itself is plain data and runs
//! anywhere (the CLI's `validate`, the app's Validate cell, the pipeline's gate).

#[cfg(feature = "engine")]
pub mod profile;
mod validate;
pub mod validate_cell;

#[cfg(all(test, feature = "engine"))]
mod tests;

use serde::{Deserialize, Serialize};

pub use validate::validate;

/// The contract file's format version.
pub const CONTRACT_VERSION: u32 = 1;

/// At most this many distinct texts make a column a category set (72 countries fit; song
/// names do not).
pub const MAX_CATEGORIES: usize = 1_000;

/// A table's contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataContract {
    pub version: u32,
    /// The dataset's name in the notebook (or the file's name).
    pub dataset: String,
    /// Its version: the fingerprint (SHA-256, hex) of the data the table came from, as run
    /// records keep it.
    pub dataset_version: String,
    pub rows: u64,
    pub columns: Vec<ColumnContract>,
    /// First and last day (`YYYY-MM-DD`) of the table's date column, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_range: Option<(String, String)>,
    /// How far a new table may stray before it is an anomaly (edit them in the file).
    #[serde(default)]
    pub tolerances: Tolerances,
}

/// One column of a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnContract {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// The dtype as polars prints it (`i64`, `f64`, `str`, `datetime[ns]`…).
    pub dtype: String,
    /// Share of rows where the value is missing (null, or NaN in a float column).
    pub null_fraction: f64,
    /// Numbers: smallest, largest, 1 % and 99 % quantiles (linear interpolation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<NumericRange>,
    /// Texts with at most [`MAX_CATEGORIES`] distinct values: the values, sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// Texts: how many distinct values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct: Option<u64>,
}

/// A column's type, as the contract compares types (TFDV's INT, FLOAT, BYTES; and dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Int,
    Float,
    Bool,
    Text,
    Date,
    Other,
}

impl ColumnType {
    pub fn name(self) -> &'static str {
        match self {
            Self::Int => "int",
            Self::Float => "float",
            Self::Bool => "bool",
            Self::Text => "text",
            Self::Date => "date",
            Self::Other => "other",
        }
    }
}

/// A numeric column's spread.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NumericRange {
    pub min: f64,
    pub max: f64,
    pub q01: f64,
    pub q99: f64,
}

/// How far a new table may stray from the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tolerances {
    /// Fewer rows than this is `DATASET_LOW_NUM_EXAMPLES`.
    pub min_rows: u64,
    /// A column may be missing this much more often (0.01 = one more row in a hundred)
    /// before it is `FEATURE_TYPE_LOW_FRACTION_PRESENT`.
    pub null_fraction_increase: f64,
    /// Values may pass the contract's smallest and largest by this share of its range
    /// (0.25 of a 0–1 column: −0.25 to 1.25) before they are out of range: new songs
    /// stray a little past the old ones; a unit changed (seconds for ms) strays far.
    pub range_slack: f64,
    /// The table's last day may be this many days before the contract's last day before it
    /// is `DATASET_STALE` (the data did not move forward).
    pub stale_after_days: u32,
    /// Columns that may be missing or change without an error (their anomalies are
    /// warnings).
    pub optional_columns: Vec<String>,
}

impl Default for Tolerances {
    fn default() -> Self {
        Self {
            min_rows: 1,
            null_fraction_increase: 0.01,
            range_slack: 0.25,
            stale_after_days: 0,
            optional_columns: Vec::new(),
        }
    }
}

/// The kinds of anomaly, named as TensorFlow Data Validation names them (`DATASET_STALE` is
/// ours: TFDV has no freshness check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnomalyKind {
    /// A column of the contract is not in the table.
    SchemaMissingColumn,
    /// The table has a column the contract does not know.
    SchemaNewColumn,
    /// A column holds another type than the contract's.
    UnexpectedDataType,
    /// A float column has values below the contract's smallest.
    FloatTypeSmallFloat,
    /// A float column has values above the contract's largest.
    FloatTypeBigFloat,
    /// An int column has values below the contract's smallest.
    IntTypeSmallInt,
    /// An int column has values above the contract's largest.
    IntTypeBigInt,
    /// A column is present (not missing) in fewer rows than the contract allows.
    FeatureTypeLowFractionPresent,
    /// The table has fewer rows than the contract's minimum.
    DatasetLowNumExamples,
    /// A category column has values outside the contract's set.
    EnumTypeUnexpectedStringValues,
    /// The table's dates end before the contract's (the data did not move forward).
    DatasetStale,
}

impl AnomalyKind {
    /// TFDV's name, as in the contract and reports.
    pub fn code(self) -> &'static str {
        match self {
            Self::SchemaMissingColumn => "SCHEMA_MISSING_COLUMN",
            Self::SchemaNewColumn => "SCHEMA_NEW_COLUMN",
            Self::UnexpectedDataType => "UNEXPECTED_DATA_TYPE",
            Self::FloatTypeSmallFloat => "FLOAT_TYPE_SMALL_FLOAT",
            Self::FloatTypeBigFloat => "FLOAT_TYPE_BIG_FLOAT",
            Self::IntTypeSmallInt => "INT_TYPE_SMALL_INT",
            Self::IntTypeBigInt => "INT_TYPE_BIG_INT",
            Self::FeatureTypeLowFractionPresent => "FEATURE_TYPE_LOW_FRACTION_PRESENT",
            Self::DatasetLowNumExamples => "DATASET_LOW_NUM_EXAMPLES",
            Self::EnumTypeUnexpectedStringValues => "ENUM_TYPE_UNEXPECTED_STRING_VALUES",
            Self::DatasetStale => "DATASET_STALE",
        }
    }
}

/// How bad an anomaly is: errors fail the gate, warnings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing a table does differently from its contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Anomaly {
    pub kind: AnomalyKind,
    /// The column, when the anomaly is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub expected: String,
    pub found: String,
    pub severity: Severity,
    /// What it means and what to do, in words.
    pub description: String,
}

impl Anomaly {
    /// One line: ``UNEXPECTED_DATA_TYPE in `tempo`: expected float (f64), found text (str)``.
    pub fn summary(&self) -> String {
        let column = self
            .column
            .as_deref()
            .map(|c| format!(" in `{c}`"))
            .unwrap_or_default();
        format!(
            "{}{column}: expected {}, found {}",
            self.kind.code(),
            self.expected,
            self.found
        )
    }
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// A table checked against a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    pub contract_dataset: String,
    pub contract_version: String,
    pub dataset: String,
    pub dataset_version: String,
    pub rows: u64,
    pub anomalies: Vec<Anomaly>,
}

impl Validation {
    /// No errors (warnings allowed).
    pub fn passed(&self) -> bool {
        !self.anomalies.iter().any(|a| a.severity == Severity::Error)
    }

    pub fn errors(&self) -> usize {
        self.anomalies
            .iter()
            .filter(|a| a.severity == Severity::Error)
            .count()
    }

    /// One line: `passed: 0 errors, 1 warning` / `failed: 2 errors, 0 warnings`.
    pub fn headline(&self) -> String {
        let errors = self.errors();
        let warnings = self.anomalies.len() - errors;
        format!(
            "{}: {errors} error{}, {warnings} warning{}",
            if self.passed() { "passed" } else { "failed" },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        )
    }
}

/// Reads a contract file's text; errors say what is wrong in words.
///
/// # Errors
/// When the text is not a contract, or one of another format version.
pub fn parse_contract(text: &str) -> Result<DataContract, String> {
    let contract: DataContract = serde_json::from_str(text)
        .map_err(|e| format!("this is not a Jukebox data contract: {e}"))?;
    if contract.version != CONTRACT_VERSION {
        return Err(format!(
            "this data contract has format version {}; this Jukebox reads version {CONTRACT_VERSION}",
            contract.version
        ));
    }
    Ok(contract)
}
