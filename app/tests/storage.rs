//! Browser tests of the storage layer (wasm-bindgen-test in headless Chromium), each on a
//! fresh database: round trips, order, atomicity of a run's write, the upgrade from the
//! schema-v1 fixture, a real quota failure (a Storage Bucket with a 64 KB quota), and the
//! memory fallback. The records come from `fixtures/storage_v1.json` (real trainings).

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Function, Promise, Reflect, Uint8Array};
use jukebox_app::storage::{DB_VERSION, Storage, StorageErrorKind};
use jukebox_core::archive::Archive;
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, StoredNotebook};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbTransaction, IdbTransactionMode};

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/storage_v1.json");

struct Fixture {
    notebooks: Vec<StoredNotebook>,
    runs: Vec<(RunRecord, Vec<u8>)>,
}

fn fixture() -> Fixture {
    let value: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let notebooks = serde_json::from_value(value["notebooks"].clone()).unwrap();
    let runs = value["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| {
            let model: Vec<u8> = serde_json::from_value(run["model"].clone()).unwrap();
            (serde_json::from_value(run.clone()).unwrap(), model)
        })
        .collect();
    Fixture { notebooks, runs }
}

fn factory() -> IdbFactory {
    web_sys::window().unwrap().indexed_db().unwrap().unwrap()
}

/// A database name no other test (or earlier run) used.
fn fresh_name(test: &str) -> String {
    format!(
        "jukebox-test-{test}-{}-{}",
        js_sys::Date::now(),
        js_sys::Math::random()
    )
}

async fn fresh(test: &str) -> Storage {
    Storage::open_in(&factory(), &fresh_name(test))
        .await
        .unwrap()
}

fn dataset(name: &str, sha: char, stored_ms: f64) -> (CachedDataset, Vec<u8>) {
    let bytes: Vec<u8> = (0..=255_u8).cycle().take(5000 + name.len()).collect();
    let info = CachedDataset {
        sha256: sha.to_string().repeat(64),
        file_name: name.into(),
        size: bytes.len() as u64,
        stored_ms,
    };
    (info, bytes)
}

#[wasm_bindgen_test]
async fn notebooks_round_trip_and_list_most_recently_updated_first() {
    let storage = fresh("notebooks").await;
    let fixture = fixture();
    for notebook in &fixture.notebooks {
        storage.put_notebook(notebook).await.unwrap();
    }
    let first = &fixture.notebooks[0];
    assert_eq!(
        storage.notebook(&first.id).await.unwrap().as_ref(),
        Some(first)
    );
    assert_eq!(storage.notebook("nb-missing").await.unwrap(), None);
    let mut older = fixture.notebooks[1].clone();
    older.updated_ms = first.updated_ms + 1.0;
    storage.put_notebook(&older).await.unwrap();
    let list = storage.notebooks().await.unwrap();
    assert_eq!(list, vec![older.info(), first.info()]);
    storage.delete_notebook(&older.id).await.unwrap();
    assert_eq!(storage.notebooks().await.unwrap(), vec![first.info()]);
}

#[wasm_bindgen_test]
async fn runs_and_models_round_trip_newest_first_and_delete_removes_both() {
    let storage = fresh("runs").await;
    let fixture = fixture();
    for (run, model) in &fixture.runs {
        storage.put_run(run, model).await.unwrap();
    }
    let (older, newer) = (&fixture.runs[0], &fixture.runs[1]);
    assert!(newer.0.started_ms > older.0.started_ms);
    let runs = storage.runs().await.unwrap();
    assert_eq!(runs, vec![newer.0.clone(), older.0.clone()]);
    assert_eq!(
        storage.model(&older.0.id).await.unwrap().as_ref(),
        Some(&older.1)
    );
    storage.delete_run(&newer.0.id).await.unwrap();
    assert_eq!(storage.run(&newer.0.id).await.unwrap(), None);
    assert_eq!(storage.model(&newer.0.id).await.unwrap(), None);
    assert_eq!(
        storage.run(&older.0.id).await.unwrap().as_ref(),
        Some(&older.0)
    );
}

#[wasm_bindgen_test]
async fn run_notes_replace_tags_and_note_only() {
    let storage = fresh("notes").await;
    let (run, model) = fixture().runs.remove(0);
    storage.put_run(&run, &model).await.unwrap();
    let tags = vec!["best".to_owned(), "lr 0.01".to_owned()];
    storage
        .set_run_notes(&run.id, &tags, "keeps 72 classes")
        .await
        .unwrap();
    let expected = RunRecord {
        tags,
        note: "keeps 72 classes".into(),
        ..run.clone()
    };
    assert_eq!(storage.run(&run.id).await.unwrap(), Some(expected));
    let missing = storage
        .set_run_notes("run-gone", &[], "")
        .await
        .unwrap_err();
    assert!(missing.message.contains("run-gone"), "{}", missing.message);
}

#[wasm_bindgen_test]
async fn datasets_list_without_bytes_newest_first_and_remove_deletes_the_bytes() {
    let storage = fresh("datasets").await;
    let (old_info, old_bytes) = dataset("charts.parquet", 'a', 1000.0);
    let (new_info, new_bytes) = dataset("songs.csv", 'b', 2000.0);
    storage.put_dataset(&old_info, &old_bytes).await.unwrap();
    storage.put_dataset(&new_info, &new_bytes).await.unwrap();
    assert_eq!(
        storage.datasets().await.unwrap(),
        vec![new_info.clone(), old_info.clone()]
    );
    assert_eq!(
        storage.dataset(&old_info.sha256).await.unwrap(),
        Some(old_bytes)
    );
    storage.delete_dataset(&new_info.sha256).await.unwrap();
    assert_eq!(storage.dataset(&new_info.sha256).await.unwrap(), None);
    assert_eq!(storage.datasets().await.unwrap(), vec![old_info]);
}

#[wasm_bindgen_test]
async fn an_aborted_run_write_leaves_no_partial_run_and_earlier_runs_intact() {
    let storage = fresh("atomic").await;
    let fixture = fixture();
    let (kept, kept_model) = &fixture.runs[0];
    let (lost, lost_model) = &fixture.runs[1];
    storage.put_run(kept, kept_model).await.unwrap();
    let error = storage
        .put_run_then_abort(lost, lost_model)
        .await
        .unwrap_err();
    assert_eq!(error.kind, StorageErrorKind::Other, "{}", error.message);
    assert!(error.message.contains("AbortError"), "{}", error.message);
    assert_eq!(storage.run(&lost.id).await.unwrap(), None);
    assert_eq!(storage.model(&lost.id).await.unwrap(), None);
    assert_eq!(storage.runs().await.unwrap(), vec![kept.clone()]);
    assert_eq!(
        storage.model(&kept.id).await.unwrap().as_ref(),
        Some(kept_model)
    );
}

#[wasm_bindgen_test]
async fn export_erase_import_gives_everything_back() {
    let storage = fresh("archive").await;
    let fixture = fixture();
    for notebook in &fixture.notebooks {
        storage.put_notebook(notebook).await.unwrap();
    }
    for (run, model) in &fixture.runs {
        storage.put_run(run, model).await.unwrap();
    }
    let (info, bytes) = dataset("charts.parquet", 'c', 3000.0);
    storage.put_dataset(&info, &bytes).await.unwrap();
    let everything = storage.export(true).await.unwrap();
    assert_eq!(
        everything.runs[0].model, fixture.runs[1].1,
        "newest run first, with its model"
    );
    assert_eq!(everything.datasets[0].bytes, bytes);
    assert!(storage.export(false).await.unwrap().datasets.is_empty());
    storage.erase_all().await.unwrap();
    assert!(storage.runs().await.unwrap().is_empty());
    assert!(storage.notebooks().await.unwrap().is_empty());
    assert!(storage.datasets().await.unwrap().is_empty());
    assert_eq!(storage.model(&fixture.runs[0].0.id).await.unwrap(), None);
    let counts = storage.import(&everything).await.unwrap();
    assert_eq!((counts.notebooks, counts.runs, counts.datasets), (2, 2, 1));
    let again = storage.export(true).await.unwrap();
    assert_eq!(
        Archive {
            exported_ms: everything.exported_ms,
            ..again
        },
        everything
    );
}

#[wasm_bindgen_test]
async fn memory_storage_round_trips_like_indexeddb() {
    let storage = Storage::memory("IndexedDB is disabled in this test");
    let reason = storage.fallback_reason().unwrap();
    assert!(reason.contains("disabled in this test"), "{reason}");
    assert!(reason.contains("only in this tab"), "{reason}");
    assert_eq!(storage.schema_version(), None);
    let fixture = fixture();
    for (run, model) in &fixture.runs {
        storage.put_run(run, model).await.unwrap();
    }
    for notebook in &fixture.notebooks {
        storage.put_notebook(notebook).await.unwrap();
    }
    let ids: Vec<String> = storage
        .runs()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        ids,
        [fixture.runs[1].0.id.clone(), fixture.runs[0].0.id.clone()]
    );
    assert_eq!(
        storage.model(&fixture.runs[0].0.id).await.unwrap().as_ref(),
        Some(&fixture.runs[0].1)
    );
    let listed: Vec<String> = storage
        .notebooks()
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(
        listed,
        [
            fixture.notebooks[0].id.clone(),
            fixture.notebooks[1].id.clone()
        ]
    );
    let archive = storage.export(false).await.unwrap();
    storage.erase_all().await.unwrap();
    assert!(storage.runs().await.unwrap().is_empty());
    storage.import(&archive).await.unwrap();
    assert_eq!(
        storage.run(&fixture.runs[1].0.id).await.unwrap().as_ref(),
        Some(&fixture.runs[1].0)
    );
}

// --- raw IndexedDB, as version 1 of the app wrote it ---

async fn settle(register: impl FnOnce(&Function, &Function)) -> Result<JsValue, JsValue> {
    let mut register = Some(register);
    let promise =
        Promise::new(&mut |resolve, reject| (register.take().unwrap())(&resolve, &reject));
    JsFuture::from(promise).await
}

/// Opens `name` at `version` with `upgrade` as its `upgradeneeded` handler.
async fn open_raw(
    factory: &IdbFactory,
    name: &str,
    version: u32,
    upgrade: impl Fn(&IdbDatabase) + 'static,
) -> IdbDatabase {
    let request: IdbOpenDbRequest = factory.open_with_u32(name, version).unwrap();
    let during = request.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        upgrade(&during.result().unwrap().unchecked_into());
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let opened = settle(|resolve, reject| {
        request.set_onsuccess(Some(resolve));
        request.set_onerror(Some(reject));
    })
    .await;
    opened.unwrap();
    request.result().unwrap().unchecked_into()
}

async fn committed(tx: &IdbTransaction) {
    settle(|resolve, reject| {
        tx.set_oncomplete(Some(resolve));
        tx.set_onabort(Some(reject));
    })
    .await
    .unwrap();
}

/// Writes the fixture into database `name` at schema version 1 (stores made here, as v1
/// made them: `notebooks` and `runs` keyed by `id`, each run's model inline).
async fn write_v1_fixture(factory: &IdbFactory, name: &str) {
    let db = open_raw(factory, name, 1, |db| {
        let keyed = web_sys::IdbObjectStoreParameters::new();
        keyed.set_key_path(&JsValue::from_str("id"));
        db.create_object_store_with_optional_parameters("notebooks", &keyed)
            .unwrap();
        db.create_object_store_with_optional_parameters("runs", &keyed)
            .unwrap();
    })
    .await;
    let value: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let stores = js_sys::Array::of2(&"notebooks".into(), &"runs".into());
    let tx = db
        .transaction_with_str_sequence_and_mode(&stores, IdbTransactionMode::Readwrite)
        .unwrap();
    for notebook in value["notebooks"].as_array().unwrap() {
        let object = js_sys::JSON::parse(&notebook.to_string()).unwrap();
        tx.object_store("notebooks").unwrap().put(&object).unwrap();
    }
    for run in value["runs"].as_array().unwrap() {
        let object = js_sys::JSON::parse(&run.to_string()).unwrap();
        let model = Reflect::get(&object, &"model".into()).unwrap();
        Reflect::set(&object, &"model".into(), &Uint8Array::new(&model)).unwrap();
        tx.object_store("runs").unwrap().put(&object).unwrap();
    }
    committed(&tx).await;
    db.close();
}

#[wasm_bindgen_test]
async fn the_v1_fixture_upgrades_to_v2_with_models_moved_byte_for_byte() {
    let (factory, name) = (factory(), fresh_name("upgrade"));
    write_v1_fixture(&factory, &name).await;
    let storage = Storage::open_in(&factory, &name).await.unwrap();
    assert_eq!(storage.schema_version(), Some(DB_VERSION));
    assert_eq!(DB_VERSION, 2);
    let fixture = fixture();
    for (run, model) in &fixture.runs {
        assert_eq!(storage.run(&run.id).await.unwrap().as_ref(), Some(run));
        assert_eq!(
            storage.model(&run.id).await.unwrap().as_ref(),
            Some(model),
            "run {}",
            run.id
        );
    }
    assert_eq!(storage.runs().await.unwrap().len(), 2);
    for notebook in &fixture.notebooks {
        assert_eq!(
            storage.notebook(&notebook.id).await.unwrap().as_ref(),
            Some(notebook)
        );
    }
    // The stored records lost their inline bytes (v2 keeps them in `models` only).
    let exported = storage.export(false).await.unwrap();
    let raw = open_raw(&factory, &name, 2, |_| panic!("no upgrade expected")).await;
    let tx = raw.transaction_with_str("runs").unwrap();
    let runs = tx.object_store("runs").unwrap();
    assert!(runs.index_names().contains("started_ms"));
    let request = runs.get(&fixture.runs[0].0.id.clone().into()).unwrap();
    committed(&tx).await;
    let stored = request.result().unwrap();
    assert!(
        Reflect::get(&stored, &"model".into())
            .unwrap()
            .is_undefined()
    );
    raw.close();
    assert_eq!(exported.runs.len(), 2);
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_version_is_refused_as_unavailable() {
    let (factory, name) = (factory(), fresh_name("newer"));
    open_raw(&factory, &name, DB_VERSION + 1, |_| {})
        .await
        .close();
    let error = Storage::open_in(&factory, &name).await.unwrap_err();
    assert_eq!(error.kind, StorageErrorKind::Unavailable);
    assert!(
        error.message.contains("newer version of Jukebox"),
        "{}",
        error.message
    );
}

// --- a real quota failure: a Storage Bucket with a 64 KB quota ---

/// `navigator.storageBuckets.open(name, { quota })` → the bucket's `indexedDB`.
async fn small_bucket_factory(name: &str, quota_bytes: f64) -> IdbFactory {
    let navigator = web_sys::window().unwrap().navigator();
    let buckets = Reflect::get(&navigator, &"storageBuckets".into()).unwrap();
    assert!(
        !buckets.is_undefined(),
        "this Chromium has no Storage Buckets API"
    );
    let open: Function = Reflect::get(&buckets, &"open".into())
        .unwrap()
        .unchecked_into();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"quota".into(), &quota_bytes.into()).unwrap();
    let promise: Promise = open
        .call2(&buckets, &name.into(), &options)
        .unwrap()
        .unchecked_into();
    let bucket = JsFuture::from(promise).await.unwrap();
    Reflect::get(&bucket, &"indexedDB".into())
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn a_quota_failure_is_reported_and_keeps_the_earlier_run_intact() {
    let bucket = format!("jukebox-quota-test-{}", js_sys::Date::now());
    let factory = small_bucket_factory(&bucket, 64.0 * 1024.0).await;
    let storage = Storage::open_in(&factory, "jukebox").await.unwrap();
    let fixture = fixture();
    let (small, small_model) = &fixture.runs[1];
    storage.put_run(small, small_model).await.unwrap();
    let (big, _) = &fixture.runs[0];
    let big_model: Vec<u8> = (0..1024 * 1024).map(|i: u32| (i * 7 % 251) as u8).collect();
    let error = storage.put_run(big, &big_model).await.unwrap_err();
    assert_eq!(error.kind, StorageErrorKind::Quota, "{}", error.message);
    assert!(
        error.message.contains("nothing of this run was saved"),
        "{}",
        error.message
    );
    assert_eq!(storage.run(&big.id).await.unwrap(), None);
    assert_eq!(storage.model(&big.id).await.unwrap(), None);
    assert_eq!(storage.runs().await.unwrap(), vec![small.clone()]);
    assert_eq!(
        storage.model(&small.id).await.unwrap().as_ref(),
        Some(small_model)
    );
}
