//! The command palette (Ctrl/⌘+K, Ctrl/⌘+Shift+P): type a few letters of an action, ↑/↓ to
//! choose, Enter to do it, Esc to close. The same list with the cell kinds only is the
//! insert palette of A and B (and Alt+Enter). Matching is the core's
//! ([`jukebox_core::notebook::command_search`]).

use jukebox_core::notebook::command_search::ranked;
use leptos::html;
use leptos::prelude::*;

use super::Overlay;
use super::actions::{Action, Commands};

#[component]
pub fn CommandPalette(commands: Commands) -> impl IntoView {
    let overlay = commands.selection.overlay;
    let actions = move || match overlay.get() {
        Overlay::InsertCell { above } => Action::insertions(above),
        _ => Action::all(),
    };
    let title = move || match overlay.get() {
        Overlay::InsertCell { above: true } => "Insert a cell above",
        Overlay::InsertCell { above: false } => "Insert a cell below",
        _ => "Commands",
    };
    let query = RwSignal::new(String::new());
    let chosen = RwSignal::new(0_usize);
    let found = Memo::new(move |_| {
        let actions = actions();
        let labels: Vec<String> = actions.iter().map(|a| a.label()).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        query
            .with(|q| ranked(q, &labels))
            .into_iter()
            .map(|i| actions[i])
            .collect::<Vec<Action>>()
    });
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });
    let perform = move |action: Action| {
        commands.selection.close_overlay();
        action.perform(&commands);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = found.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => chosen.update(|c| *c = (*c + 1) % count),
            "ArrowUp" if count > 0 => chosen.update(|c| *c = (*c + count - 1) % count),
            "Enter" => {
                if let Some(action) =
                    found.with_untracked(|f| f.get(chosen.get_untracked()).copied())
                {
                    perform(action);
                }
            }
            "Escape" => commands.selection.close_overlay(),
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    };
    view! {
        <div class="overlay" on:click=move |_| commands.selection.close_overlay()>
            <div class="command-palette" role="dialog" aria-modal="true" aria-label=title data-testid="command-palette"
                on:click=|ev| ev.stop_propagation()>
                <input node_ref=input class="command-input" data-testid="command-input" type="text"
                    role="combobox" aria-expanded="true" aria-controls="command-list" aria-autocomplete="list"
                    aria-activedescendant=move || format!("command-{}", chosen.get())
                    placeholder=move || format!("{} — type to search", title())
                    prop:value=move || query.get()
                    on:input=move |ev| { query.set(event_target_value(&ev)); chosen.set(0); }
                    on:keydown=on_key/>
                <ul class="command-list" id="command-list" role="listbox" aria-label=title>
                    {move || found.get().into_iter().enumerate().map(|(index, action)| view! {
                        <li id=format!("command-{index}") role="option" class="command" data-testid="command"
                            aria-selected=move || (chosen.get() == index).to_string()
                            class:chosen=move || chosen.get() == index
                            on:mouseenter=move |_| chosen.set(index)
                            on:click=move |_| perform(action)>
                            <span>{action.label()}</span>
                            {action.shortcut().map(|keys| view! { <kbd>{keys}</kbd> })}
                        </li>
                    }).collect_view()}
                </ul>
                {move || found.with(Vec::is_empty).then(|| view! {
                    <p class="muted command-none" data-testid="command-none">"No action matches."</p>
                })}
            </div>
        </div>
    }
}
