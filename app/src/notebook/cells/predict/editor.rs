//! The Predict cell's editor: the model, the dataset songs are searched in, a song (search or
//! presets) and its 13 features as sliders. A new cell starts from the first preset song.
//! The Serve cell has the same settings and reuses these fields ([`ModelSongFields`]).

use jukebox_core::notebook::SongChoice;
use jukebox_core::protocol::{RequestBody, ResponseBody};
use jukebox_core::train::SongFeatures;
use jukebox_core::train::songs::SongHit;
use leptos::prelude::*;

use crate::engine_client::{EngineClient, EngineStatus};
use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::edit;
use crate::notebook::widgets::sliders::{FeatureSliders, typical_song};
use crate::notebook::widgets::song_search::{SongSearch, song_label};

/// The course's preset songs, as the engine lists them for the songs dataset.
#[derive(Debug, Clone, PartialEq)]
enum Presets {
    Waiting,
    Got(Vec<SongHit>),
    Failed(String),
}

const EDITED: &str = " (edited)";

/// The label after a manual change: "Not Like Us — Kendrick Lamar (edited)".
pub fn edited_label(label: &str) -> String {
    if label.ends_with(EDITED) {
        label.to_string()
    } else if label.is_empty() {
        "Custom song".to_string()
    } else {
        format!("{label}{EDITED}")
    }
}

fn pick_song(entry: CellEntry, hit: &SongHit) {
    let (name, features) = (song_label(hit), hit.features.clone());
    edit(entry, |spec| {
        if let Some(choice) = spec.song_choice() {
            *choice.label = name;
            *choice.song = features;
        }
    });
}

fn set_feature(entry: CellEntry, feature: String, value: f64) {
    edit(entry, move |spec| {
        if let Some(choice) = spec.song_choice() {
            if choice.song.is_empty() {
                *choice.song = typical_song();
            }
            choice.song.insert(feature, value);
            *choice.label = edited_label(choice.label);
        }
    });
}

/// A part of the song a cell scores (its model, songs dataset, label or song), as a signal.
fn song_part<T: Clone + Default + Send + Sync + 'static>(
    entry: CellEntry,
    pick: fn(&SongChoice<'_>) -> T,
) -> Signal<T> {
    Signal::derive(move || {
        let mut spec = entry.spec.get();
        spec.song_choice()
            .map(|choice| pick(&choice))
            .unwrap_or_default()
    })
}

/// Asks the engine for the presets of dataset `songs` once it is ready and holds that dataset.
fn use_presets(songs: Signal<String>) -> RwSignal<Presets> {
    let presets = RwSignal::new(Presets::Waiting);
    let (Some(engine), Some(document)) = (use_context::<EngineClient>(), use_context::<Document>())
    else {
        return presets;
    };
    let asked = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let name = songs.get();
        let ready = engine.status.get() == EngineStatus::Ready;
        let loaded = document.datasets.with(|d| d.contains_key(&name));
        if !ready || !loaded || asked.get_value().as_ref() == Some(&name) {
            return;
        }
        asked.set_value(Some(name.clone()));
        let body = RequestBody::SearchSongs {
            input: name,
            query: String::new(),
            limit: 20,
        };
        leptos::task::spawn_local(async move {
            let answer = match engine.request(body, None, None).await.body {
                ResponseBody::Songs { hits } => Presets::Got(hits),
                ResponseBody::Failed { message } => Presets::Failed(message),
                _ => return,
            };
            let _ = presets.try_set(answer);
        });
    });
    presets
}

#[component]
pub fn PredictEditor(entry: CellEntry) -> impl IntoView {
    view! {
        <div class="cell-editor predict-editor">
            <ModelSongFields entry=entry/>
        </div>
    }
}

/// The model, songs dataset, song search, presets and sliders of a Predict or Serve cell.
#[component]
pub fn ModelSongFields(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let model = song_part(entry, |c| c.model.clone());
    let songs = song_part(entry, |c| c.songs.clone());
    let label = song_part(entry, |c| c.label.clone());
    let song = song_part(entry, |c| c.song.clone());
    let presets = use_presets(songs);
    // A new cell (no song yet) starts from the first preset, or typical values without one.
    Effect::new(move |_| {
        if !song.with(SongFeatures::is_empty) {
            return;
        }
        match presets.get() {
            Presets::Got(hits) if !hits.is_empty() => pick_song(entry, &hits[0]),
            Presets::Got(_) | Presets::Failed(_) => edit(entry, |spec| {
                if let Some(choice) = spec.song_choice() {
                    *choice.song = typical_song();
                    "Typical song".clone_into(choice.label);
                }
            }),
            Presets::Waiting => {}
        }
    });
    let models = move || with_current(document.models_before(entry.id), &model.get());
    let datasets = move || {
        let names = document
            .names_before(entry.id)
            .into_iter()
            .filter(|n| !n.contains(':'))
            .collect();
        with_current(names, &songs.get())
    };
    view! {
            <NameSelect label="Model" testid="predict-model" names=Signal::derive(models) value=model
                on_change=Callback::new(move |name: String| edit(entry, |spec| {
                    if let Some(choice) = spec.song_choice() { *choice.model = name; }
                }))/>
            <NameSelect label="Songs from" testid="predict-songs" names=Signal::derive(datasets) value=songs
                on_change=Callback::new(move |name: String| edit(entry, |spec| {
                    if let Some(choice) = spec.song_choice() { *choice.songs = name; }
                }))/>
            <SongSearch dataset=songs on_pick=Callback::new(move |hit: SongHit| pick_song(entry, &hit))/>
            <PresetButtons presets=presets on_pick=Callback::new(move |hit: SongHit| pick_song(entry, &hit))/>
            <p class="song-label" data-testid="song-label">
                <span class="muted">"Song: "</span>{move || label.get()}
            </p>
            <FeatureSliders song=song on_change=Callback::new(move |(name, value): (String, f64)| {
                set_feature(entry, name, value);
            })/>
    }
}

/// `names`, with `current` added when it is not among them (a model renamed above, say).
fn with_current(mut names: Vec<String>, current: &str) -> Vec<String> {
    if !current.is_empty() && !names.iter().any(|n| n == current) {
        names.push(current.to_string());
    }
    names
}

#[component]
fn PresetButtons(presets: RwSignal<Presets>, on_pick: Callback<SongHit>) -> impl IntoView {
    let buttons = move || match presets.get() {
        Presets::Waiting => {
            view! { <span class="muted">"Loading the example songs…"</span> }.into_any()
        }
        Presets::Failed(message) => {
            view! { <span class="muted">{format!("No example songs: {message}")}</span> }.into_any()
        }
        Presets::Got(hits) => hits
            .into_iter()
            .map(|hit| {
                let text = format!("“{}” — {}", hit.name, hit.artists);
                view! {
                    <button type="button" class="song-preset" data-testid="song-preset"
                        on:click=move |_| on_pick.run(hit.clone())>{text}</button>
                }
            })
            .collect_view()
            .into_any(),
    };
    view! {
        <div class="song-presets" data-testid="song-presets" role="group" aria-label="Example songs">
            {buttons}
        </div>
    }
}

/// A labelled select over a changing list of names.
#[component]
fn NameSelect(
    label: &'static str,
    testid: &'static str,
    names: Signal<Vec<String>>,
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select data-testid=testid on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || names.get().into_iter().map(|name| {
                    let selected = name == value.get();
                    view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
