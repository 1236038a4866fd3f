//! Browser tests of model registries in the app (wasm-bindgen-test in headless Chromium):
//! endpoints kept in localStorage and tokens in sessionStorage only (both storages and every
//! IndexedDB database scanned), the base URL's sentence, "Test connection" against a closed
//! port, a push's progress list, "Resume push", registrations, a forest's refusal to export,
//! and the run's registry fields saved without touching its model.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use jukebox_app::pages::runs::publish::RunPublish;
use jukebox_app::pages::runs::push_steps::{PushSteps, Registrations};
use jukebox_app::pages::settings::RegistrySettings;
use jukebox_app::registry::endpoints::{
    ENDPOINTS_KEY, load_endpoints, save_endpoints, token_key, validate_base_url,
};
use jukebox_app::registry::http::{ProbeKind, probe_kind, probe_request};
use jukebox_app::storage::Storage;
use jukebox_core::registry::{
    Body, Endpoint, HttpRequest, Method, PushFiles, PushOptions, PushProgress, Registration,
    RegistryKind, StepKind, StepState, StepStatus,
};
use jukebox_core::runs::RunRecord;
use jukebox_core::train::{ForestParams, ModelSpec};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{all, get, mount, sleep};

const FIXTURE: &str = include_str!("fixtures/storage_v1.json");

/// The fixture's first run (a dense network, real training) and its model bytes.
fn network_run() -> (RunRecord, Vec<u8>) {
    let value: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let run = value["runs"][0].clone();
    let model: Vec<u8> = serde_json::from_value(run["model"].clone()).unwrap();
    (serde_json::from_value(run).unwrap(), model)
}

fn endpoint(id: &str, kind: RegistryKind) -> Endpoint {
    Endpoint {
        id: id.into(),
        kind,
        label: format!("team {id}"),
        base_url: "http://127.0.0.1:5000".into(),
    }
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn session() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

async fn settle() {
    sleep(Duration::from_millis(30)).await;
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    get(root, selector).text_content().unwrap_or_default()
}

/// Types `value` into the input or select `selector` as a user would (an `input` and a
/// `change` event).
fn fill(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let element = get(root, selector);
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else {
        element
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value(value);
    }
    for kind in ["input", "change"] {
        let event = web_sys::Event::new(kind).unwrap();
        element.dispatch_event(&event).unwrap();
    }
}

#[wasm_bindgen_test]
fn endpoints_round_trip_through_local_storage_without_tokens() {
    local().remove_item(ENDPOINTS_KEY).unwrap();
    assert_eq!(load_endpoints().unwrap(), Vec::<Endpoint>::new());
    let list = vec![
        endpoint("reg-a", RegistryKind::Mlflow),
        endpoint("reg-b", RegistryKind::Kubeflow),
    ];
    save_endpoints(&list).unwrap();
    assert_eq!(load_endpoints().unwrap(), list);
    let stored = local().get_item(ENDPOINTS_KEY).unwrap().unwrap();
    let json: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(json[1]["kind"], "kubeflow");
    assert_eq!(json[0]["base_url"], "http://127.0.0.1:5000");
    assert!(!stored.to_lowercase().contains("token"), "{stored}");
    local().set_item(ENDPOINTS_KEY, "[{\"id\":").unwrap();
    let damaged = load_endpoints().unwrap_err();
    assert!(damaged.contains(ENDPOINTS_KEY), "{damaged}");
    local().remove_item(ENDPOINTS_KEY).unwrap();
}

#[wasm_bindgen_test]
fn base_urls_are_checked_with_a_sentence() {
    assert_eq!(
        validate_base_url("  http://127.0.0.1:5000/ ").unwrap(),
        "http://127.0.0.1:5000/"
    );
    assert!(validate_base_url("https://registry.example.com").is_ok());
    let scheme = validate_base_url("ftp://files.example.com").unwrap_err();
    assert!(
        scheme.contains("http:// or https://") && scheme.contains("ftp:"),
        "{scheme}"
    );
    let bare = validate_base_url("not a url").unwrap_err();
    assert!(bare.starts_with("`not a url` is not a URL"), "{bare}");
    let empty = validate_base_url("  ").unwrap_err();
    assert!(empty.starts_with("Give the registry's base URL"), "{empty}");
    let secret = validate_base_url("http://me:pw@127.0.0.1:5000").unwrap_err();
    assert!(secret.contains("bearer token"), "{secret}");
}

/// Every IndexedDB database's every record as text (bytes included), and how many
/// databases were read.
async fn indexed_db_text() -> (String, u32) {
    let scan = js_sys::Function::new_no_args(
        r"return (async () => {
            const read = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
            const out = []; let n = 0;
            for (const { name } of await indexedDB.databases()) {
                const db = await read(indexedDB.open(name)); n += 1;
                for (const store of db.objectStoreNames) {
                    const rows = await read(db.transaction(store).objectStore(store).getAll());
                    out.push(JSON.stringify(rows, (k, v) => v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
                }
                db.close();
            }
            return [out.join('\n'), n];
        })()",
    );
    let promise: js_sys::Promise = scan.call0(&wasm_bindgen::JsValue::NULL).unwrap().into();
    let pair: js_sys::Array = JsFuture::from(promise).await.unwrap().into();
    // A count of databases: small and whole.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let count = pair.get(1).as_f64().unwrap() as u32;
    (pair.get(0).as_string().unwrap(), count)
}

fn local_storage_text() -> String {
    let storage = local();
    (0..storage.length().unwrap())
        .map(|i| {
            let key = storage.key(i).unwrap().unwrap();
            format!(
                "{key}={}",
                storage.get_item(&key).unwrap().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[wasm_bindgen_test]
async fn a_token_typed_in_settings_is_kept_in_session_storage_only() {
    local().remove_item(ENDPOINTS_KEY).unwrap();
    // The app's own database (with a run in it), so the scan reads a real one.
    let storage = Storage::open().await;
    let (run, model) = network_run();
    storage.put_run(&run, &model).await.unwrap();
    let root = mount(|| view! { <RegistrySettings/> }.into_any());
    settle().await;
    get(&root, "[data-testid=registry-add]").click();
    settle().await;
    let secret = format!(
        "tok-{}",
        js_sys::Math::random().to_string().replace('.', "")
    );
    fill(&root, "[data-testid=registry-kind]", "kubeflow");
    fill(&root, "[data-testid=registry-label]", "course registry");
    fill(
        &root,
        "[data-testid=registry-url]",
        "https://registry.example.com",
    );
    fill(&root, "[data-testid=registry-token]", &secret);
    assert!(
        text(&root, "[data-testid=registry-token-note]")
            .contains("never written to IndexedDB or localStorage")
    );
    get(&root, "[data-testid=registry-save]").click();
    settle().await;
    let items = all(&root, "[data-testid=registry-item]");
    assert_eq!(items.len(), 1);
    let id = items[0].get_attribute("data-endpoint-id").unwrap();
    assert!(id.starts_with("reg-"), "{id}");
    assert!(
        items[0]
            .text_content()
            .unwrap()
            .contains("Kubeflow Model Registry")
    );
    let saved = load_endpoints().unwrap();
    assert_eq!(saved[0].kind, RegistryKind::Kubeflow);
    assert_eq!(saved[0].label, "course registry");
    assert_eq!(
        session().get_item(&token_key(&id)).unwrap(),
        Some(secret.clone())
    );
    let local_text = local_storage_text();
    assert!(
        local_text.contains(&id) && !local_text.contains(&secret),
        "{local_text}"
    );
    let (idb_text, databases) = indexed_db_text().await;
    assert!(
        databases >= 1 && idb_text.contains(&run.id),
        "scanned {databases} databases"
    );
    assert!(!idb_text.contains(&secret));
    // Deleting the endpoint forgets its token too.
    get(&root, "[data-testid=registry-delete]").click();
    settle().await;
    assert!(all(&root, "[data-testid=registry-item]").is_empty());
    assert_eq!(session().get_item(&token_key(&id)).unwrap(), None);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_base_url_is_explained_in_the_form_and_not_saved() {
    local().remove_item(ENDPOINTS_KEY).unwrap();
    let root = mount(|| view! { <RegistrySettings/> }.into_any());
    settle().await;
    get(&root, "[data-testid=registry-add]").click();
    settle().await;
    fill(&root, "[data-testid=registry-url]", "localhost:5000");
    get(&root, "[data-testid=registry-save]").click();
    settle().await;
    let error = text(&root, "[data-testid=registry-url-error]");
    assert!(
        error.contains("must start with http:// or https://"),
        "{error}"
    );
    assert!(all(&root, "[data-testid=registry-item]").is_empty());
    assert_eq!(load_endpoints().unwrap(), Vec::<Endpoint>::new());
    root.remove();
}

fn get_request(url: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: url.into(),
        body: Body::None,
    }
}

#[wasm_bindgen_test]
async fn probing_tells_a_reply_from_a_closed_port() {
    // Nothing listens on this port of the loopback: connection refused.
    let closed = probe_request(
        &get_request("http://127.0.0.1:65501/api/2.0/mlflow/experiments/search"),
        Some("t"),
    )
    .await;
    assert_eq!(probe_kind(&closed), ProbeKind::Unreachable);
    // The test page's own server answers (same origin, so no CORS question).
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let answered = probe_request(&get_request(&format!("{origin}/")), None).await;
    assert_eq!(probe_kind(&answered), ProbeKind::Replied(200));
}

fn progress(endpoint_id: &str, steps: Vec<StepState>) -> PushProgress {
    PushProgress {
        endpoint_id: endpoint_id.into(),
        kind: RegistryKind::Mlflow,
        base_url: "http://127.0.0.1:5000".into(),
        options: PushOptions {
            model_name: "charts-net".into(),
            experiment: "course".into(),
            version_name: String::new(),
            alias: "champion".into(),
            artifact_uri: String::new(),
            author: String::new(),
            license: String::new(),
            description: String::new(),
        },
        files: PushFiles {
            onnx_sha256: "ab".repeat(32),
            onnx_bytes: 4_321,
        },
        steps,
        ids: [("experiment_id".to_owned(), "3".to_owned())].into(),
    }
}

fn five_states() -> Vec<StepState> {
    vec![
        StepState {
            kind: StepKind::Experiment,
            status: StepStatus::Done {
                detail: "experiment 3 (existing)".into(),
            },
        },
        StepState {
            kind: StepKind::CreateRun,
            status: StepStatus::Running,
        },
        StepState {
            kind: StepKind::LogBatch,
            status: StepStatus::Failed {
                message: "MLflow answered 400: INVALID_PARAMETER_VALUE".into(),
            },
        },
        StepState {
            kind: StepKind::UploadModel,
            status: StepStatus::Pending,
        },
        StepState {
            kind: StepKind::Alias,
            status: StepStatus::Skipped,
        },
    ]
}

#[wasm_bindgen_test]
async fn the_progress_list_shows_every_step_with_its_state() {
    let given = progress("reg-a", five_states());
    let root = mount(move || view! { <PushSteps progress=Some(given)/> }.into_any());
    settle().await;
    let steps = all(&root, "[data-testid=push-steps] [data-testid=push-step]");
    let seen: Vec<(String, String)> = steps
        .iter()
        .map(|s| {
            (
                s.get_attribute("data-step").unwrap(),
                s.get_attribute("data-state").unwrap(),
            )
        })
        .collect();
    let expected = [
        ("experiment", "done"),
        ("create_run", "running"),
        ("log_batch", "failed"),
        ("upload_model", "pending"),
        ("alias", "skipped"),
    ];
    assert_eq!(seen, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let texts: Vec<String> = steps.iter().map(|s| s.text_content().unwrap()).collect();
    assert!(
        texts[0].contains("Find or create the experiment")
            && texts[0].contains("experiment 3 (existing)")
    );
    assert!(
        texts[2].contains("Log parameters, metrics and tags")
            && texts[2].contains("INVALID_PARAMETER_VALUE")
    );
    assert!(texts[4].contains("Set the alias") && texts[4].contains("not needed"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_pending_push_offers_resume_with_its_options_and_steps() {
    save_endpoints(&[
        endpoint("reg-a", RegistryKind::Kubeflow),
        endpoint("reg-b", RegistryKind::Mlflow),
    ])
    .unwrap();
    let (mut run, _) = network_run();
    run.pushes = vec![progress("reg-b", five_states())];
    let root = mount(move || view! { <RunPublish run=run/> }.into_any());
    settle().await;
    assert_eq!(
        get(&root, "[data-testid=push-endpoint]")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value(),
        "reg-b"
    );
    assert_eq!(text(&root, "[data-testid=push-start]"), "Resume push");
    let model =
        get(&root, "[data-testid=push-model-name]").unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(model.value(), "charts-net");
    let alias =
        get(&root, "[data-testid=push-alias]").unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(alias.value(), "champion");
    let states: Vec<String> = all(&root, "[data-testid=push-step]")
        .iter()
        .map(|s| s.get_attribute("data-state").unwrap())
        .collect();
    assert_eq!(states, ["done", "running", "failed", "pending", "skipped"]);
    // The Kubeflow endpoint has no pending push: a fresh push, with Kubeflow's fields.
    fill(&root, "[data-testid=push-endpoint]", "reg-a");
    settle().await;
    assert_eq!(
        text(&root, "[data-testid=push-start]"),
        "Push to the registry"
    );
    assert!(all(&root, "[data-testid=push-step]").is_empty());
    assert_eq!(all(&root, "[data-testid=push-version]").len(), 1);
    assert!(all(&root, "[data-testid=push-alias]").is_empty());
    local().remove_item(ENDPOINTS_KEY).unwrap();
    root.remove();
}

#[wasm_bindgen_test]
async fn registrations_show_kind_model_version_and_a_link_newest_first() {
    let registration = |kind, version: &str, ms| Registration {
        endpoint_id: "reg-a".into(),
        kind,
        base_url: "http://127.0.0.1:5000".into(),
        model_name: "charts-net".into(),
        version: version.into(),
        url: format!("http://127.0.0.1:5000/#/models/charts-net/versions/{version}"),
        artifact_uri: "mlflow-artifacts:/3/abc/artifacts/model".into(),
        registered_ms: ms,
    };
    let list = vec![
        registration(RegistryKind::Mlflow, "1", 1_795_773_600_000.0),
        registration(RegistryKind::Kubeflow, "2", 1_795_777_200_000.0),
    ];
    let root = mount(move || view! { <Registrations registrations=list/> }.into_any());
    settle().await;
    let items = all(
        &root,
        "[data-testid=run-registrations] [data-testid=run-registration]",
    );
    assert_eq!(items.len(), 2);
    let newest = items[0].text_content().unwrap();
    assert!(
        newest.contains("Kubeflow Model Registry")
            && newest.contains("charts-net")
            && newest.contains("version 2"),
        "{newest}"
    );
    assert!(items[1].text_content().unwrap().contains("MLflow"));
    let link = get(&items[0], "a").unchecked_into::<web_sys::HtmlAnchorElement>();
    assert_eq!(
        link.href(),
        "http://127.0.0.1:5000/#/models/charts-net/versions/2"
    );
    assert_eq!(link.target(), "_blank");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_forest_run_says_why_it_cannot_be_exported_instead_of_buttons() {
    let (mut run, _) = network_run();
    run.report.spec.model = ModelSpec::RandomForest(ForestParams::default());
    let root = mount(move || view! { <RunPublish run=run/> }.into_any());
    settle().await;
    let sentence = text(&root, "[data-testid=export-unsupported]");
    // The wording after "cannot be exported as ONNX" is the core's.
    assert!(
        sentence.contains("cannot be exported as ONNX")
            && sentence.to_lowercase().contains("forest"),
        "{sentence}"
    );
    assert!(all(&root, "[data-testid=export-onnx]").is_empty());
    assert!(all(&root, "[data-testid=push-start]").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn registry_fields_are_saved_without_touching_the_model_or_other_fields() {
    let name = format!("jukebox-test-registry-{}", js_sys::Math::random());
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let idb = Storage::open_in(&factory, &name).await.unwrap();
    for storage in [idb, Storage::memory("test")] {
        let (run, model) = network_run();
        storage.put_run(&run, &model).await.unwrap();
        let pushes = vec![progress("reg-b", five_states())];
        storage
            .update_run_registry(&run.id, &[], &pushes)
            .await
            .unwrap();
        let saved = storage.run(&run.id).await.unwrap().unwrap();
        assert_eq!(
            saved,
            RunRecord {
                pushes: pushes.clone(),
                ..run.clone()
            }
        );
        let registration = Registration {
            endpoint_id: "reg-b".into(),
            kind: RegistryKind::Mlflow,
            base_url: "http://127.0.0.1:5000".into(),
            model_name: "charts-net".into(),
            version: "4".into(),
            url: "http://127.0.0.1:5000/#/models/charts-net/versions/4".into(),
            artifact_uri: "mlflow-artifacts:/3/abc/artifacts/model".into(),
            registered_ms: 1_795_773_600_000.0,
        };
        storage
            .update_run_registry(&run.id, std::slice::from_ref(&registration), &[])
            .await
            .unwrap();
        let saved = storage.run(&run.id).await.unwrap().unwrap();
        assert_eq!(saved.registrations, vec![registration]);
        assert!(saved.pushes.is_empty());
        assert_eq!(storage.model(&run.id).await.unwrap(), Some(model));
        let missing = storage
            .update_run_registry("run-gone", &[], &[])
            .await
            .unwrap_err();
        assert!(missing.message.contains("run-gone"), "{}", missing.message);
    }
}
