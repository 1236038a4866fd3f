//! A run's tags (comma-separated, shown as chips) and free note, saved when the field is
//! left: tags on `change`, the note on `blur`.

use leptos::prelude::*;

use super::store::{RunsStore, parse_tags};

#[component]
pub fn RunNotes(id: String, tags: Vec<String>, note: String) -> impl IntoView {
    let store = expect_context::<RunsStore>();
    let tags = RwSignal::new(tags);
    let note = RwSignal::new(note);
    let id = StoredValue::new(id);
    let save =
        move || id.with_value(|id| store.set_notes(id, tags.get_untracked(), note.get_untracked()));
    let chips = move || {
        tags.get()
            .into_iter()
            .map(|t| view! { <span class="chip" data-testid="run-tag-chip">{t}</span> })
            .collect_view()
    };
    view! {
        <div class="run-notes">
            <label class="run-notes-field">
                <span>"Tags (comma-separated)"</span>
                <input type="text" data-testid="run-tags-input" placeholder="baseline, fast"
                    prop:value=move || tags.get().join(", ")
                    on:change=move |ev| {
                        tags.set(parse_tags(&event_target_value(&ev)));
                        save();
                    }/>
            </label>
            <div class="run-chips">{chips}</div>
            <label class="run-notes-field">
                <span>"Note"</span>
                <textarea data-testid="run-note" rows="2" placeholder="What this run tried, what it showed"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                    on:blur=move |_| save()></textarea>
            </label>
        </div>
    }
}
