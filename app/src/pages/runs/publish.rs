//! An opened run's way out of the browser: ONNX export and model card (`export`), push to a
//! registry with its progress (`push`, `push_steps`), and where it was registered. What a
//! push or an export is doing lives in a [`PublishSession`] per run, owned by the Runs page,
//! so the table redrawing its rows (after a save) does not lose a push in flight or the
//! exported bytes.

use std::collections::HashMap;

use jukebox_core::onnx::{self, OnnxOptions};
use jukebox_core::registry::{PushProgress, Registration};
use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use super::export::RunExport;
use super::push::PushForm;
use super::push_steps::Registrations;
use super::store::RunsStore;
use crate::engine_client::EngineClient;
use crate::storage::Storage;

/// One run's export and push state, for as long as the Runs page is shown.
#[derive(Clone, Copy)]
pub struct PublishSession {
    pub onnx_options: RwSignal<OnnxOptions>,
    /// The last export: its options and `model.onnx` bytes (the download and the push use
    /// the same bytes).
    pub onnx: StoredValue<Option<(OnnxOptions, Vec<u8>)>>,
    pub exporting: RwSignal<bool>,
    pub export_error: RwSignal<Option<String>>,
    pub registrations: RwSignal<Vec<Registration>>,
    /// Unfinished pushes (one per endpoint), as saved with the run.
    pub pushes: RwSignal<Vec<PushProgress>>,
    /// The push running now, step by step.
    pub live: RwSignal<Option<PushProgress>>,
    pub pushing: RwSignal<bool>,
    pub push_error: RwSignal<Option<String>>,
    pub done: RwSignal<Option<Registration>>,
    /// The endpoint picked in the push form (kept when the row redraws after a push).
    pub endpoint: RwSignal<Option<String>>,
}

/// The sessions of the runs opened on this page (context of the Runs page).
#[derive(Clone)]
pub struct PublishSessions {
    owner: Owner,
    sessions: StoredValue<HashMap<String, PublishSession>>,
}

impl PublishSessions {
    /// Sessions owned by the current reactive owner (the page).
    pub fn new() -> PublishSessions {
        PublishSessions {
            owner: Owner::current().unwrap_or_default(),
            sessions: StoredValue::new(HashMap::new()),
        }
    }

    /// `run`'s session, made from its record the first time.
    pub fn session(&self, run: &RunRecord) -> PublishSession {
        if let Some(found) = self.sessions.with_value(|s| s.get(&run.id).copied()) {
            return found;
        }
        // Made under the page's owner: they outlive the row that asked first.
        let session = self.owner.with(|| PublishSession {
            onnx_options: RwSignal::new(OnnxOptions::default()),
            onnx: StoredValue::new(None),
            exporting: RwSignal::new(false),
            export_error: RwSignal::new(None),
            registrations: RwSignal::new(run.registrations.clone()),
            pushes: RwSignal::new(run.pushes.clone()),
            live: RwSignal::new(None),
            pushing: RwSignal::new(false),
            push_error: RwSignal::new(None),
            done: RwSignal::new(None),
            endpoint: RwSignal::new(None),
        });
        self.sessions
            .update_value(|s| _ = s.insert(run.id.clone(), session));
        session
    }
}

impl Default for PublishSessions {
    fn default() -> Self {
        PublishSessions::new()
    }
}

/// What the export and the push reach outside the page; each may be missing (tests).
#[derive(Clone)]
pub struct Publisher {
    pub storage: Option<Storage>,
    pub engine: Option<EngineClient>,
    pub store: Option<RunsStore>,
}

impl Publisher {
    pub fn from_context() -> Publisher {
        Publisher {
            storage: use_context::<Storage>(),
            engine: use_context::<EngineClient>(),
            store: use_context::<RunsStore>(),
        }
    }
}

/// Export, push and registrations of `run`.
#[component]
pub fn RunPublish(run: RunRecord) -> impl IntoView {
    let sessions = use_context::<PublishSessions>().unwrap_or_default();
    let session = sessions.session(&run);
    let publisher = Publisher::from_context();
    let exportable = onnx::supports(&run.report.spec.model);
    view! {
        <div class="run-publish" data-testid="run-publish">
            {match exportable {
                Err(e) => view! {
                    <p class="run-publish-unsupported" data-testid="export-unsupported">{e.to_string()}</p>
                }.into_any(),
                Ok(()) => view! {
                    <RunExport run=run.clone() session=session publisher=publisher.clone()/>
                    <PushForm run=run session=session publisher=publisher/>
                }.into_any(),
            }}
            <h4>"Registered in"</h4>
            <Registrations registrations=session.registrations/>
        </div>
    }
}
