//! Browser tests of the Validate cell (wasm-bindgen-test in headless Chromium): a new cell
//! checks the newest table against the table the model above learned from; the contract
//! select offers each table and a contract file; the output says passed or failed with both
//! versions, lists each anomaly with TFDV's name, and a failed check is the cell's alert.
//! The engine is not running here: validations are built by hand.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::notebook::cells::validate::ValidateEditor;
use jukebox_app::notebook::cells::validate::output::ValidationView;
use jukebox_app::notebook::{CellEntry, CellOutput};
use jukebox_core::contract::validate_cell::{ContractSource, ValidateSpec};
use jukebox_core::contract::{Anomaly, AnomalyKind, Severity, Validation};
use jukebox_core::notebook::{Cell, CellSpec, NewCell, Source};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::monitor_values;
use common::{all, change, find, mount, notebook_in_context, sleep, testid, testid_text, text};
use monitor_values::course_notebook;

/// The course notebook with a second table, `charts_2025`, loaded after the model and a
/// Validate cell added at the end.
fn cells() -> Vec<Cell> {
    let mut cells = course_notebook(&[]);
    cells.push(Cell::new(
        3,
        CellSpec::Source {
            source: Source::Url {
                name: "charts_2025".into(),
                url: String::new(),
            },
        },
    ));
    let notebook = jukebox_core::notebook::Notebook {
        version: jukebox_core::notebook::NOTEBOOK_VERSION,
        title: "validation".into(),
        cells: cells.clone(),
    };
    cells.push(Cell::new(4, notebook.new_cell(NewCell::Validate, 3)));
    cells
}

fn mount_editor() -> (web_sys::HtmlElement, CellEntry) {
    let entry = StoredValue::new(None);
    let root = mount(move || {
        let document = notebook_in_context(cells());
        let cell = document.entry(4).unwrap();
        entry.set_value(Some(cell));
        view! { <ValidateEditor entry=cell/> }
    });
    (root, entry.get_value().unwrap())
}

fn spec(entry: CellEntry) -> ValidateSpec {
    match entry.spec.get_untracked() {
        CellSpec::Validate(spec) => spec,
        other => panic!("not a Validate cell: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_new_validate_cell_checks_the_newest_table_against_the_training_table() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        spec(entry),
        ValidateSpec {
            input: "charts_2025".into(),
            against: ContractSource::Dataset {
                name: "charts_2024".into()
            },
        }
    );
    let options: Vec<String> = all(&testid(&root, "validate-against"), "option")
        .iter()
        .map(|o| text(o))
        .collect();
    assert_eq!(
        options,
        [
            "profile of charts_2024",
            "profile of charts_2025",
            "a contract file…"
        ]
    );
    assert!(find(&root, "[data-testid=validate-file]").is_none());
    let select = testid(&root, "validate-against");
    let file_value = all(&select, "option")[2].get_attribute("value").unwrap();
    change(&select, &file_value);
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        spec(entry).against,
        ContractSource::File {
            file_name: String::new(),
            text: String::new()
        }
    );
    assert!(find(&root, "[data-testid=validate-file]").is_some());
    assert_eq!(testid_text(&root, "validate-file-name"), "none chosen");
    change(&testid(&root, "validate-against"), "charts_2025");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        spec(entry).against,
        ContractSource::Dataset {
            name: "charts_2025".into()
        }
    );
}

fn validation(anomalies: Vec<Anomaly>) -> Validation {
    Validation {
        contract_dataset: "charts_2024".into(),
        contract_version: "0123456789abcdef0123".into(),
        dataset: "charts_2025".into(),
        dataset_version: "fedcba9876543210fedc".into(),
        rows: 21_900,
        anomalies,
    }
}

#[wasm_bindgen_test]
fn a_failed_check_lists_each_anomaly_and_is_the_cells_alert() {
    let failed = validation(vec![
        Anomaly {
            kind: AnomalyKind::SchemaMissingColumn,
            column: Some("tempo".into()),
            expected: "column present".into(),
            found: "no such column".into(),
            severity: Severity::Error,
            description: "The table has no column `tempo`.".into(),
        },
        Anomaly {
            kind: AnomalyKind::SchemaNewColumn,
            column: Some("bpm".into()),
            expected: "no such column".into(),
            found: "f64".into(),
            severity: Severity::Warning,
            description: "A column the contract does not know.".into(),
        },
    ]);
    let shown = failed.clone();
    let root = mount(move || view! { <ValidationView validation=shown.clone()/> });
    assert_eq!(
        testid(&root, "validation")
            .get_attribute("data-passed")
            .as_deref(),
        Some("false")
    );
    assert_eq!(
        testid_text(&root, "validation-headline"),
        "`charts_2025` (21,900 rows, version fedcba987654) against the contract of \
         `charts_2024` (version 0123456789ab): failed: 1 error, 1 warning"
    );
    assert_eq!(
        testid(&root, "validation-headline")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    let rows: Vec<Vec<String>> = all(&root, "[data-testid=anomaly-row]")
        .iter()
        .map(|r| all(r, "td").iter().map(|c| text(c)).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "SCHEMA_MISSING_COLUMN",
            "tempo",
            "column present",
            "no such column",
            "error",
            "The table has no column `tempo`."
        ]
    );
    assert_eq!(rows[1][0], "SCHEMA_NEW_COLUMN");
    assert_eq!(rows[1][4], "warning");
    assert_eq!(
        CellOutput::Validated(Box::new(failed)).alert().as_deref(),
        Some(
            "`charts_2025` breaks the data contract of `charts_2024` (failed: 1 error, 1 warning)"
        )
    );
}

#[wasm_bindgen_test]
fn a_passed_check_says_so_and_raises_no_alert() {
    let passed = validation(Vec::new());
    let shown = passed.clone();
    let root = mount(move || view! { <ValidationView validation=shown.clone()/> });
    assert_eq!(
        testid(&root, "validation")
            .get_attribute("data-passed")
            .as_deref(),
        Some("true")
    );
    assert!(testid_text(&root, "validation-headline").ends_with("passed: 0 errors, 0 warnings"));
    assert!(find(&root, "[data-testid=anomaly-row]").is_none());
    assert!(CellOutput::Validated(Box::new(passed)).alert().is_none());
}

/// A contract file chosen in the picker is read (asynchronously, outside the component's
/// reactive owner) into the cell's settings, and its name shown.
#[wasm_bindgen_test]
async fn a_chosen_contract_file_is_read_into_the_cell() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    let select = testid(&root, "validate-against");
    let file_value = all(&select, "option")
        .last()
        .unwrap()
        .get_attribute("value")
        .unwrap();
    change(&select, &file_value);
    sleep(Duration::from_millis(50)).await;
    let choose = js_sys::Function::new_with_args(
        "input, text",
        "const files = new DataTransfer(); \
         files.items.add(new File([text], 'data-contract.json', {type: 'application/json'})); \
         input.files = files.files; \
         input.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    let text = r#"{"version": 1}"#;
    choose
        .call2(
            &JsValue::NULL,
            &testid(&root, "validate-file"),
            &JsValue::from_str(text),
        )
        .unwrap();
    let chosen = ContractSource::File {
        file_name: "data-contract.json".into(),
        text: text.into(),
    };
    for _ in 0..100 {
        if spec(entry).against == chosen {
            break;
        }
        sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(spec(entry).against, chosen);
    sleep(Duration::from_millis(30)).await;
    assert_eq!(
        testid_text(&root, "validate-file-name"),
        "data-contract.json"
    );
    assert!(find(&root, "[data-testid=validate-file-problem]").is_none());
}
