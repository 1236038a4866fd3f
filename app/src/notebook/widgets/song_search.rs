//! Finding a song: a combobox (ARIA pattern: ↓/↑ move, Enter picks, Escape closes) over the
//! hits of a search. [`SongCombobox`] is the view alone, fed any list of hits;
//! [`SongSearch`] feeds it from the engine as the user types (debounced).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jukebox_core::protocol::{RequestBody, ResponseBody};
use jukebox_core::train::songs::SongHit;
use leptos::prelude::*;

use crate::engine_client::EngineClient;

/// Wait this long after the last keystroke before searching (one search per pause in typing).
const DEBOUNCE: Duration = Duration::from_millis(150);
/// Hits shown at most.
const LIMIT: usize = 10;

/// "Not Like Us — Kendrick Lamar".
pub fn song_label(hit: &SongHit) -> String {
    if hit.artists.is_empty() {
        hit.name.clone()
    } else {
        format!("{} — {}", hit.name, hit.artists)
    }
}

/// Ids unique in the page, for `aria-controls` and `aria-activedescendant`.
fn next_instance() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The text box and its listbox. `on_query` gets the text as typed; `hits` are shown
/// for it; `on_pick` gets the chosen hit.
#[component]
pub fn SongCombobox(
    #[prop(into)] hits: Signal<Vec<SongHit>>,
    on_query: Callback<String>,
    on_pick: Callback<SongHit>,
    /// A problem with the search, shown under the box.
    #[prop(optional, into)]
    problem: Signal<Option<String>>,
) -> impl IntoView {
    let list_id = format!("song-hits-{}", next_instance());
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let text = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let shown = move || open.get() && hits.with(|h| !h.is_empty());
    let pick = move |index: usize| {
        if let Some(hit) = hits.with_untracked(|h| h.get(index).cloned()) {
            text.set(song_label(&hit));
            open.set(false);
            active.set(None);
            on_pick.run(hit);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        on_key(&ev, hits.with_untracked(Vec::len), open, active, pick);
    };
    let option_id_for_input = option_id.clone();
    view! {
        <div class="song-search">
            <label class="field">
                <span class="field-label">"Find a song"</span>
                <input type="search" role="combobox" data-testid="song-search" autocomplete="off"
                    placeholder="Song or artist" aria-autocomplete="list" aria-controls=list_id.clone()
                    aria-expanded=move || shown().to_string()
                    aria-activedescendant=move || active.get().filter(|_| shown()).map(&option_id_for_input)
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let query = event_target_value(&ev);
                        text.set(query.clone());
                        open.set(true);
                        active.set(None);
                        on_query.run(query);
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false)/>
            </label>
            <ul role="listbox" id=list_id data-testid="song-hits" class="song-hits" aria-label="Songs found"
                hidden=move || !shown()>
                {move || hits.get().into_iter().enumerate().map(|(i, hit)| {
                    let selected = move || active.get() == Some(i);
                    view! {
                        <li role="option" id=option_id(i) data-testid="song-hit" class="song-hit"
                            aria-selected=move || selected().to_string()
                            // mousedown, not click: the box keeps its focus (no blur closes the list first).
                            on:mousedown=move |ev| { ev.prevent_default(); pick(i); }>
                            <span class="song-hit-name">{hit.name.clone()}</span>
                            <span class="muted">{format!(" — {}", hit.artists)}</span>
                            {hit.typical.then(|| view! {
                                <span class="song-hit-typical" data-testid="song-hit-typical">
                                    " · typical values, not the song's real features"</span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || problem.get().map(|p| view! { <p class="field-problem" role="status">{p}</p> })}
        </div>
    }
}

/// The listbox's keys: the arrows move the active option among `n` (opening the list), Enter
/// picks it, Escape closes the list.
fn on_key(
    ev: &leptos::ev::KeyboardEvent,
    n: usize,
    open: RwSignal<bool>,
    active: RwSignal<Option<usize>>,
    pick: impl Fn(usize),
) {
    match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" if n > 0 => {
            ev.prevent_default();
            let down = ev.key() == "ArrowDown";
            let next = match (active.get_untracked(), open.get_untracked(), down) {
                (Some(i), true, true) => (i + 1) % n,
                (Some(i), true, false) => (i + n - 1) % n,
                (_, _, true) => 0,
                (_, _, false) => n - 1,
            };
            open.set(true);
            active.set(Some(next));
        }
        "Enter" => {
            if let (true, Some(i)) = (open.get_untracked(), active.get_untracked()) {
                ev.prevent_default();
                pick(i);
            }
        }
        "Escape" => {
            open.set(false);
            active.set(None);
        }
        _ => {}
    }
}

/// [`SongCombobox`] searching dataset `dataset` through the engine, 150 ms after typing stops.
#[component]
pub fn SongSearch(
    #[prop(into)] dataset: Signal<String>,
    on_pick: Callback<SongHit>,
) -> impl IntoView {
    let engine = use_context::<EngineClient>();
    let hits = RwSignal::new(Vec::<SongHit>::new());
    let problem = RwSignal::new(None::<String>);
    // Only the latest query's answer is shown, whatever order the answers come back in.
    let latest = StoredValue::new(0_u64);
    let on_query = Callback::new(move |query: String| {
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        let query = query.trim().to_string();
        if query.is_empty() {
            hits.set(Vec::new());
            return;
        }
        let Some(engine) = engine else { return };
        set_timeout(
            move || {
                if latest.try_get_value() != Some(ticket) {
                    return;
                }
                // The editor may be gone by now (another page shown): then so is the search.
                let Some(input) = dataset.try_get_untracked() else {
                    return;
                };
                let body = RequestBody::SearchSongs {
                    input,
                    query,
                    limit: LIMIT,
                };
                leptos::task::spawn_local(async move {
                    let reply = engine.request(body, None, None).await;
                    if latest.try_get_value() != Some(ticket) {
                        return;
                    }
                    match reply.body {
                        ResponseBody::Songs { hits: found } => {
                            problem.set(None);
                            hits.set(found);
                        }
                        ResponseBody::Failed { message } => {
                            problem.set(Some(format!("Search failed: {message}")));
                            hits.set(Vec::new());
                        }
                        _ => {}
                    }
                });
            },
            DEBOUNCE,
        );
    });
    view! { <SongCombobox hits=hits on_query=on_query on_pick=on_pick problem=problem/> }
}
