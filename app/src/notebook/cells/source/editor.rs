//! Editor of a Data source cell: the built-in demo, a local file or a URL.

use jukebox_core::demo::DemoConfig;
use jukebox_core::notebook::limits;
use jukebox_core::notebook::{CellSpec, Source};
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::edits::NotebookEdits;
use crate::notebook::run::Runner;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::{NumberField, SelectField, TextField};
use jukebox_core::notebook::dataset_name_for;

fn source_of(entry: CellEntry) -> Signal<Source> {
    Signal::derive(move || match entry.spec.get() {
        CellSpec::Source { source } => source,
        _ => Source::Demo {
            config: DemoConfig::default(),
        },
    })
}

fn set_source(entry: CellEntry, change: impl FnOnce(&mut Source) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Source { source } = spec {
            change(source);
        }
    });
}

fn default_source(kind: &str) -> Source {
    match kind {
        "file" => Source::File {
            name: "data".into(),
            file_name: String::new(),
            size: 0,
            sha256: String::new(),
        },
        "url" => Source::Url {
            name: "data".into(),
            url: String::new(),
        },
        _ => Source::Demo {
            config: DemoConfig::default(),
        },
    }
}

#[component]
pub fn SourceEditor(entry: CellEntry) -> impl IntoView {
    let source = source_of(entry);
    // The fields are rebuilt when the kind of source changes, not on each edit.
    let kind = Memo::new(move |_| match source.get() {
        Source::Demo { .. } => "demo".to_string(),
        Source::File { .. } => "file".to_string(),
        Source::Url { .. } => "url".to_string(),
    });
    let kinds = vec![
        ("demo", "Built-in demo"),
        ("file", "File on this computer"),
        ("url", "URL"),
    ];
    view! {
        <div class="cell-editor">
            <SelectField label="Source" options=kinds value=kind testid="source-kind"
                on_change=Callback::new(move |k: String| set_source(entry, move |s| *s = default_source(&k)))/>
            {move || {
                kind.track();
                let source = source.get_untracked();
                match source {
                    Source::Demo { config } => view! { <DemoFields entry=entry config=config/> }.into_any(),
                    Source::File { name, file_name, .. } => view! { <FileFields entry=entry name=name file_name=file_name/> }.into_any(),
                    Source::Url { name, url } => view! { <UrlFields entry=entry name=name url=url/> }.into_any(),
                }
            }}
        </div>
    }
}

#[component]
fn DemoFields(entry: CellEntry, config: DemoConfig) -> impl IntoView {
    let set = move |change: fn(&mut DemoConfig, usize)| {
        Callback::new(move |n: usize| {
            set_source(entry, move |s| {
                if let Source::Demo { config } = s {
                    change(config, n);
                }
            });
        })
    };
    view! {
        <NumberField label="Seed" value=usize::try_from(config.seed).unwrap_or(0)
            on_change=set(|c, n| c.seed = n as u64)/>
        <NumberField label="Songs" value=config.n_songs testid="demo-songs" bounds=limits::DEMO_SONGS on_change=set(|c, n| c.n_songs = n)/>
        <NumberField label="Days" value=config.n_days testid="demo-days" bounds=limits::DEMO_DAYS on_change=set(|c, n| c.n_days = n)/>
    }
}

fn set_name(entry: CellEntry) -> Callback<String> {
    Callback::new(move |new: String| {
        set_source(entry, |s| match s {
            Source::File { name, .. } | Source::Url { name, .. } => *name = new,
            Source::Demo { .. } => {}
        });
    })
}

#[component]
fn FileFields(entry: CellEntry, name: String, file_name: String) -> impl IntoView {
    let edits = expect_context::<NotebookEdits>();
    let current = name.clone();
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // A fresh cell takes the file's name; a name the user chose is kept.
        let name = if current == "data" {
            dataset_name_for(&file.name())
        } else {
            current.clone()
        };
        edits.attach_file(entry.id, file, name);
    };
    let chosen = if file_name.is_empty() {
        "No file chosen".to_string()
    } else {
        file_name
    };
    view! {
        <TextField label="Name" value=name testid="source-name" on_change=set_name(entry)/>
        <label class="field field-file">
            <span class="field-label">"File (CSV or Parquet)"</span>
            <input type="file" accept=".csv,.tsv,.txt,.parquet" data-testid="file-input" on:change=on_pick/>
        </label>
        <p class="field-note muted" data-testid="file-name">{chosen}" · or drop a file onto the notebook"</p>
    }
}

#[component]
fn UrlFields(entry: CellEntry, name: String, url: String) -> impl IntoView {
    let runner = expect_context::<Runner>();
    let set_url = Callback::new(move |new: String| {
        let absolute = absolute_url(&new);
        set_source(entry, |s| {
            if let Source::Url { url, .. } = s {
                *url = absolute;
            }
        });
    });
    view! {
        <TextField label="Name" value=name testid="source-name" on_change=set_name(entry)/>
        <TextField label="URL" value=url testid="source-url" placeholder="https://…/song_rankings.parquet" on_change=set_url/>
        <button type="button" class="button" data-testid="source-load" on:click=move |_| runner.run(entry.id)>"Load"</button>
    }
}

/// Resolves a URL typed relative to the page (the worker would resolve it against its script).
fn absolute_url(text: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    base.and_then(|base| web_sys::Url::new_with_base(text, &base).ok())
        .map_or_else(|| text.to_string(), |u| u.href())
}
