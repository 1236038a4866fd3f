//! The Validate cell's editor: the table checked, and the contract — a table of the notebook
//! or a contract file read from disk (kept in the notebook, at most 1 MB).

use jukebox_core::contract::validate_cell::{ContractSource, MAX_CONTRACT_BYTES, ValidateSpec};
use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use crate::browser::files::read_bytes;
use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::{Runner, edit};
use crate::notebook::widgets::fields::DatasetField;

/// The contract select's value for "a contract file".
const FILE_CHOICE: &str = "\u{1}file";

fn edit_validate(entry: CellEntry, change: impl FnOnce(&mut ValidateSpec) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Validate(validate) = spec {
            change(validate);
        }
    });
}

fn spec_of(entry: CellEntry) -> Memo<Option<ValidateSpec>> {
    Memo::new(move |_| {
        entry.spec.with(|spec| match spec {
            CellSpec::Validate(validate) => Some(validate.clone()),
            _ => None,
        })
    })
}

#[component]
pub fn ValidateEditor(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let spec = spec_of(entry);
    let input = Signal::derive(move || {
        spec.with(|s| s.as_ref().map(|s| s.input.clone()).unwrap_or_default())
    });
    let choice = move || {
        spec.with(|s| match s.as_ref().map(|s| &s.against) {
            Some(ContractSource::Dataset { name }) => name.clone(),
            Some(ContractSource::File { .. }) => FILE_CHOICE.to_string(),
            None => String::new(),
        })
    };
    let file_name = Signal::derive(move || {
        spec.with(|s| match s.as_ref().map(|s| &s.against) {
            Some(ContractSource::File { file_name, .. }) if !file_name.is_empty() => {
                Some(file_name.clone())
            }
            _ => None,
        })
    });
    let problem = RwSignal::new(None::<String>);
    let names = move || {
        let mut names = document.names_before(entry.id);
        let current = choice();
        if !current.is_empty() && current != FILE_CHOICE && !names.contains(&current) {
            names.push(current);
        }
        names
    };
    let on_contract = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        problem.set(None);
        edit_validate(entry, move |v| {
            v.against = if value == FILE_CHOICE {
                ContractSource::File {
                    file_name: String::new(),
                    text: String::new(),
                }
            } else {
                ContractSource::Dataset { name: value }
            };
        });
    };
    view! {
        <div class="cell-editor validate-editor">
            <DatasetField label="Table" cell_id=entry.id value=input testid="validate-input"
                on_change=Callback::new(move |name: String| edit_validate(entry, move |v| v.input = name))/>
            <label class="field">
                <span class="field-label">"Contract"</span>
                <select data-testid="validate-against" on:change=on_contract>
                    {move || names().into_iter().map(|name| {
                        let selected = name == choice();
                        let text = format!("profile of {name}");
                        view! { <option value=name selected=selected>{text}</option> }
                    }).collect_view()}
                    <option value=FILE_CHOICE selected=move || choice() == FILE_CHOICE>"a contract file…"</option>
                </select>
            </label>
            <Show when=move || choice() == FILE_CHOICE>
                <ContractFileField entry=entry file_name=file_name problem=problem/>
            </Show>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="validate-file-problem">{p}</p> })}
            <p class="field-help">"The table's columns, types, missing values, ranges, categories, rows and dates against the contract's, with TensorFlow Data Validation's anomaly names. `jukebox run` stops at a failed check (exit 1)."</p>
        </div>
    }
}

/// The contract file: its name, and a picker that reads a chosen file (refusing one larger
/// than a contract can be before reading it) into the cell's settings.
#[component]
fn ContractFileField(
    entry: CellEntry,
    file_name: Signal<Option<String>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    // Taken now: the file is read asynchronously, outside the component's reactive owner,
    // where the context is no longer reachable.
    let runner = expect_context::<Runner>();
    let on_file = move |ev: leptos::ev::Event| {
        let element: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = element.files().and_then(|files| files.get(0)) else {
            return;
        };
        element.set_value("");
        let name = file.name();
        // Checked before reading: a huge file never reaches memory.
        if file.size() > MAX_CONTRACT_BYTES as f64 {
            problem.set(Some(format!(
                "{name} is larger than a contract file can be (1 MB): choose the data-contract.json that `jukebox run` wrote"
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            match read_bytes(&file).await.map(String::from_utf8) {
                Ok(Ok(text)) => {
                    problem.set(None);
                    let change = move |spec: &mut CellSpec| {
                        if let CellSpec::Validate(v) = spec {
                            v.against = ContractSource::File {
                                file_name: name,
                                text,
                            };
                        }
                    };
                    runner.edit_later(entry.id, change, false);
                }
                Ok(Err(_)) => problem.set(Some(format!(
                    "{name} is not text: choose a data-contract.json file"
                ))),
                Err(error) => problem.set(Some(format!("{name} could not be read: {error}"))),
            }
        });
    };
    view! {
        <label class="field">
            <span class="field-label">"Contract file"</span>
            <span class="validate-file">
                <span data-testid="validate-file-name">{move || file_name.get().unwrap_or_else(|| "none chosen".into())}</span>
                <input type="file" accept=".json,application/json" data-testid="validate-file"
                    on:change=on_file/>
            </span>
        </label>
    }
}
