//! The shortcuts sheet (? or H): every binding, by mode.

use leptos::html;
use leptos::prelude::*;

use super::Selection;
use super::bindings::{BINDINGS, Mode};

#[component]
pub fn ShortcutsSheet(selection: Selection) -> impl IntoView {
    let close_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    let rows = |mode: Mode| {
        BINDINGS
            .iter()
            .filter(move |b| b.mode == mode)
            .map(|b| view! { <tr><td><kbd>{b.keys}</kbd></td><td>{b.does}</td></tr> })
            .collect_view()
    };
    view! {
        <div class="overlay" on:click=move |_| selection.close_overlay()>
            <div class="shortcuts-sheet" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title"
                data-testid="shortcuts-sheet" on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); selection.close_overlay(); }>
                <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                <p class="muted">"As in Jupyter: a selected cell is in command mode; Enter edits its first field, Esc comes back. Letters follow your keyboard layout."</p>
                <table class="shortcuts">
                    <caption>"Anywhere, also while typing in a cell"</caption>
                    <tbody>{rows(Mode::Both)}</tbody>
                </table>
                <table class="shortcuts">
                    <caption>"Command mode (a cell selected, no field)"</caption>
                    <tbody>{rows(Mode::Command)}</tbody>
                </table>
                <button type="button" class="button" node_ref=close_button data-testid="shortcuts-close"
                    on:click=move |_| selection.close_overlay()>"Close"</button>
            </div>
        </div>
    }
}
