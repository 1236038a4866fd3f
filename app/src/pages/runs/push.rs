//! The push form of an opened run: which registry (from Settings), model name, MLflow
//! experiment and alias or Kubeflow version name and artifact URI, and the push button —
//! "Resume push" when an earlier push to that registry stopped part-way. The steps show as
//! they go; the exported bytes pushed are the ones "Download model.onnx" gives.

use jukebox_core::hash::sha256_hex;
use jukebox_core::registry::{
    self, Endpoint, PushFiles, PushJob, PushOptions, PushProgress, Registration, RegistryKind,
};
use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use super::export::{card_bytes, exported};
use super::publish::{PublishSession, Publisher};
use super::push_fields::PushFields;
use super::push_steps::PushSteps;
use crate::browser::clock::epoch_ms;
use crate::registry::driver::{Keeper, PushEnd, RunRegistry, drive};
use crate::registry::endpoints::{load_endpoints, token};
use crate::registry::http::Files;
use crate::route::Page;

#[component]
pub fn PushForm(run: RunRecord, session: PublishSession, publisher: Publisher) -> impl IntoView {
    let (endpoints, load_error) = match load_endpoints() {
        Ok(list) => (list, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    if endpoints.is_empty() {
        return view! { <NoEndpoint load_error=load_error/> }.into_any();
    }
    let pending = move |id: &str| pending_push(session, id);
    let picked = session.endpoint.get_untracked();
    let first = endpoints
        .iter()
        .find(|e| picked.as_deref() == Some(e.id.as_str()))
        .or_else(|| endpoints.iter().find(|e| pending(&e.id).is_some()))
        .unwrap_or(&endpoints[0]) // Not empty: checked above.
        .id
        .clone();
    let options = RwSignal::new(initial_options(&run, session, pending(&first)));
    let selected = RwSignal::new(first);
    let endpoints = StoredValue::new(endpoints);
    let kind = Signal::derive(move || {
        let id = selected.get();
        endpoints.with_value(|list| list.iter().find(|e| e.id == id).map(|e| e.kind))
    });
    let run = StoredValue::new(run);
    let choose = move |id: String| {
        if let Some(progress) = pending(&id) {
            options.set(progress.options);
        }
        session.endpoint.set(Some(id.clone()));
        selected.set(id);
    };
    let start = move |()| {
        let id = selected.get_untracked();
        let Some(endpoint) = endpoints.with_value(|l| l.iter().find(|e| e.id == id).cloned())
        else {
            return;
        };
        start_push(
            run.get_value(),
            endpoint,
            options.get_untracked(),
            session,
            publisher.clone(),
        );
    };
    let steps = Signal::derive(move || {
        let id = selected.get();
        session
            .live
            .get()
            .filter(|p| p.endpoint_id == id)
            .or_else(|| pending(&id))
    });
    let label = move || match (session.pushing.get(), pending(&selected.get()).is_some()) {
        (true, _) => "Pushing…",
        (false, true) => "Resume push",
        (false, false) => "Push to the registry",
    };
    let options_list = endpoints.with_value(|list| endpoint_options(list));
    view! {
        <form class="run-push" data-testid="run-push" on:submit=move |ev| { ev.prevent_default(); start(()); }>
            <label class="run-notes-field"><span>"Registry"</span>
                <select data-testid="push-endpoint" prop:value=move || selected.get()
                    on:change=move |ev| choose(event_target_value(&ev))>{options_list}</select>
            </label>
            <PushFields options=options kind=kind/>
            <button type="submit" class="button" data-testid="push-start"
                disabled=move || session.pushing.get()>{label}</button>
            <PushSteps progress=steps/>
            <PushOutcome session=session/>
        </form>
    }
    .into_any()
}

/// The registries as a select's options.
fn endpoint_options(endpoints: &[Endpoint]) -> impl IntoView + use<> {
    endpoints
        .iter()
        .map(|e| view! { <option value=e.id.clone()>{format!("{} ({})", e.label, e.kind.label())}</option> })
        .collect_view()
}

/// No registry to push to yet (or the list could not be read): where to add one.
#[component]
fn NoEndpoint(load_error: Option<String>) -> impl IntoView {
    view! {
        <p class="muted" data-testid="push-no-endpoint">
            {load_error}" To push this run to MLflow or a Kubeflow Model Registry, "
            <a href=Page::Settings.href()>"add a registry in Settings"</a>"."
        </p>
    }
}

/// How the last push ended: why it stopped, or the version registered.
#[component]
fn PushOutcome(session: PublishSession) -> impl IntoView {
    view! {
        {move || session.push_error.get().map(|e| view! {
            <p class="settings-error" role="alert" data-testid="push-error">{e}</p>
        })}
        {move || session.done.get().map(|r| view! {
            <p class="settings-ok" role="status" data-testid="push-done">
                {format!("Registered model `{}` version {} in {}. ", r.model_name, r.version, r.kind.label())}
                <a href=r.url.clone() target="_blank" rel="noopener noreferrer">"Open it"</a>
            </p>
        })}
    }
}

/// Pushes `run` to `endpoint` in the background, the session showing how it goes.
fn start_push(
    run: RunRecord,
    endpoint: Endpoint,
    options: PushOptions,
    session: PublishSession,
    publisher: Publisher,
) {
    session.pushing.set(true);
    session.push_error.set(None);
    session.done.set(None);
    leptos::task::spawn_local(async move {
        match push(run, endpoint, options, session, publisher).await {
            Ok(registration) => session.done.set(Some(registration)),
            Err(message) => session.push_error.set(Some(message)),
        }
        session.pushing.set(false);
    });
}

/// The run's unfinished push to endpoint `id`, if any.
fn pending_push(session: PublishSession, id: &str) -> Option<PushProgress> {
    session
        .pushes
        .with(|p| p.iter().find(|p| p.endpoint_id == id).cloned())
}

/// A pending push's options, else the defaults with the artifact URI of the run's last MLflow
/// registration (what a Kubeflow version then points to).
fn initial_options(
    run: &RunRecord,
    session: PublishSession,
    pending: Option<PushProgress>,
) -> PushOptions {
    if let Some(progress) = pending {
        return progress.options;
    }
    let mut options = registry::default_options(run);
    if options.artifact_uri.is_empty() {
        let mlflow = session.registrations.with_untracked(|list| {
            list.iter()
                .rev()
                .find(|r| r.kind == RegistryKind::Mlflow && !r.artifact_uri.is_empty())
                .map(|r| r.artifact_uri.clone())
        });
        options.artifact_uri = mlflow.unwrap_or_default();
    }
    options
}

/// Exports (or reuses the export), then pushes step by step, saving each step to the run.
async fn push(
    mut run: RunRecord,
    endpoint: Endpoint,
    options: PushOptions,
    session: PublishSession,
    publisher: Publisher,
) -> Result<Registration, String> {
    let onnx = exported(&run, session, &publisher).await?;
    let card = card_bytes(&run, session.onnx_options.get_untracked(), &onnx)?;
    let files = PushFiles {
        onnx_sha256: sha256_hex(&onnx),
        onnx_bytes: onnx.len() as u64,
    };
    let before = RunRegistry {
        registrations: session.registrations.get_untracked(),
        pushes: session.pushes.get_untracked(),
    };
    run.registrations.clone_from(&before.registrations);
    run.pushes.clone_from(&before.pushes);
    let resume = pending_push(session, &endpoint.id);
    let job = PushJob::start(&endpoint, &run, options, files, resume, epoch_ms());
    let on_progress = move |p: &PushProgress| session.live.set(Some(p.clone()));
    let keeper = Keeper {
        storage: publisher.storage.as_ref(),
        run_id: &run.id,
        on_progress: &on_progress,
    };
    let token = token(&endpoint.id);
    let files = Files {
        onnx: &onnx,
        card: &card,
    };
    let (end, after) = drive(job, token.as_deref(), files, before, &keeper).await;
    session.registrations.set(after.registrations.clone());
    session.pushes.set(after.pushes.clone());
    if let Some(store) = publisher.store {
        store.set_registry(&run.id, after.registrations, after.pushes);
    }
    match end {
        PushEnd::Done(registration) => Ok(registration),
        PushEnd::Failed { message, .. } => Err(message),
    }
}
