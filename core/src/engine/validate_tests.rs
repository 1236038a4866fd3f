//! The Validate cell in the engine: a table against its own profile, against a table with a
//! column changed, and against a contract file; bad files in words.

use super::train_tests::{ask, engine_with_charts};
use super::*;
use crate::contract::validate_cell::{ContractSource, ValidateSpec};
use crate::contract::{AnomalyKind, Severity, Validation};
use crate::prepare::PrepareStep;

fn validate(engine: &mut Engine, input: &str, against: ContractSource) -> ResponseBody {
    ask(
        engine,
        RequestBody::Validate(ValidateSpec {
            input: input.into(),
            against,
        }),
    )
}

fn validated(body: ResponseBody) -> Validation {
    match body {
        ResponseBody::Validated { output } => *output,
        other => panic!("expected a validation, got {other:?}"),
    }
}

fn dataset(name: &str) -> ContractSource {
    ContractSource::Dataset { name: name.into() }
}

#[test]
fn a_table_keeps_its_own_contract_and_a_dropped_column_breaks_it() {
    let mut engine = engine_with_charts();
    let same = validated(validate(&mut engine, "charts", dataset("charts")));
    assert!(same.passed(), "{:?}", same.anomalies);
    assert!(same.anomalies.is_empty(), "{:?}", same.anomalies);
    let body = ask(
        &mut engine,
        RequestBody::Prepare {
            input: "charts".into(),
            steps: vec![PrepareStep::Drop {
                columns: vec!["tempo".into()],
            }],
            output: "no_tempo".into(),
        },
    );
    assert!(matches!(body, ResponseBody::Loaded { .. }), "{body:?}");
    let broken = validated(validate(&mut engine, "no_tempo", dataset("charts")));
    assert!(!broken.passed());
    let missing = broken
        .anomalies
        .iter()
        .find(|a| a.kind == AnomalyKind::SchemaMissingColumn)
        .expect("the dropped column is reported");
    assert_eq!(missing.column.as_deref(), Some("tempo"));
    assert_eq!(missing.severity, Severity::Error);
    assert_eq!(broken.dataset, "no_tempo");
    assert_eq!(broken.contract_dataset, "charts");
}

#[test]
fn a_contract_file_is_checked_and_a_bad_one_is_said_in_words() {
    let mut engine = engine_with_charts();
    let contract = engine.contract_of("charts").unwrap();
    let file = |text: String| ContractSource::File {
        file_name: "data-contract.json".into(),
        text,
    };
    let text = serde_json::to_string(&contract).unwrap();
    let passed = validated(validate(&mut engine, "charts", file(text)));
    assert!(passed.passed(), "{:?}", passed.anomalies);
    match validate(&mut engine, "charts", file("not json".into())) {
        ResponseBody::Failed { message } => assert!(
            message.starts_with("data-contract.json: this is not a Jukebox data contract"),
            "{message}"
        ),
        other => panic!("{other:?}"),
    }
    match validate(&mut engine, "nowhere", dataset("charts")) {
        ResponseBody::Failed { message } => assert!(message.contains("nowhere"), "{message}"),
        other => panic!("{other:?}"),
    }
}
