//! Light and dark themes. The page follows `prefers-color-scheme` until the user picks one
//! with the toggle; the choice is remembered in localStorage and applied as
//! `<html data-theme=…>` (index.html applies it before the first paint, too). Until then a
//! change of the system's scheme while the page is open changes the theme signal too, so the
//! toggle always offers the other theme than the one shown.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::MediaQueryList;

use crate::shell::icons::{Icon, IconKind};

/// localStorage key of the chosen theme.
pub const THEME_KEY: &str = "jukebox-theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(text: &str) -> Option<Theme> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    #[must_use]
    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// The theme context: read it, or toggle it (which remembers the choice).
#[derive(Debug, Clone, Copy)]
pub struct ThemeContext {
    pub theme: ReadSignal<Theme>,
    set_theme: WriteSignal<Theme>,
    /// The user toggled during this visit: the system no longer decides, even when
    /// localStorage is blocked and the choice could not be stored.
    chosen: StoredValue<bool>,
}

impl ThemeContext {
    pub fn toggle(&self) {
        let next = self.theme.get_untracked().toggled();
        store(next);
        apply(next);
        self.chosen.set_value(true);
        self.set_theme.set(next);
    }

    /// The system's scheme changed: it is the theme unless the user chose one (here, or
    /// stored by another visit or tab).
    fn follow_system(&self) {
        if self.chosen.get_value() || stored().is_some() {
            return;
        }
        let system = effective(None);
        if self.theme.get_untracked() != system {
            self.set_theme.set(system);
        }
    }
}

fn stored() -> Option<Theme> {
    let storage = window().local_storage().ok().flatten()?;
    Theme::parse(&storage.get_item(THEME_KEY).ok().flatten()?)
}

fn store(theme: Theme) {
    // Storage can be blocked (private mode, policies): the toggle then lasts for this visit.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(THEME_KEY, theme.as_str());
    }
}

/// The system's dark-scheme media query (`None` where the browser has no `matchMedia`).
fn dark_scheme_query() -> Option<MediaQueryList> {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

fn system_prefers_dark() -> bool {
    dark_scheme_query().is_some_and(|query| query.matches())
}

/// The theme as it applies now: the stored choice, else the system's preference.
pub fn initial_theme() -> Theme {
    effective(stored())
}

fn effective(chosen: Option<Theme>) -> Theme {
    chosen.unwrap_or(if system_prefers_dark() {
        Theme::Dark
    } else {
        Theme::Light
    })
}

fn apply(theme: Theme) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

/// Provides the theme signal. A remembered choice is applied to `<html data-theme>` at once
/// (not in an effect: the page must never show the wrong theme for a frame); without one,
/// the attribute stays unset and the CSS follows the system, even when it changes — and so
/// does the signal, through a `change` listener that lives as long as the calling owner.
pub fn use_theme() -> ThemeContext {
    let chosen = stored();
    if let Some(theme) = chosen {
        apply(theme);
    }
    let (theme, set_theme) = signal(effective(chosen));
    let context = ThemeContext {
        theme,
        set_theme,
        chosen: StoredValue::new(false),
    };
    let listener = StoredValue::new_local(SchemeListener::start(context));
    on_cleanup(move || listener.update_value(|l| drop(l.take())));
    context
}

/// The `change` listener on the system's dark-scheme query and the closure it calls, which
/// must live exactly as long; dropping it removes the listener.
struct SchemeListener {
    query: MediaQueryList,
    on_change: Closure<dyn Fn()>,
}

impl SchemeListener {
    fn start(context: ThemeContext) -> Option<Self> {
        let query = dark_scheme_query()?;
        let on_change = Closure::<dyn Fn()>::new(move || context.follow_system());
        query
            .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())
            .ok()?;
        Some(Self { query, on_change })
    }
}

impl Drop for SchemeListener {
    fn drop(&mut self) {
        let _ = self
            .query
            .remove_event_listener_with_callback("change", self.on_change.as_ref().unchecked_ref());
    }
}

/// The header's theme switch.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let ctx = expect_context::<ThemeContext>();
    let label = move || match ctx.theme.get() {
        Theme::Light => "Switch to dark theme",
        Theme::Dark => "Switch to light theme",
    };
    view! {
        <button
            class="theme-toggle"
            type="button"
            data-testid="theme-toggle"
            aria-label=label
            title=label
            on:click=move |_| ctx.toggle()
        >
            <Icon kind=Signal::derive(move || match ctx.theme.get() {
                Theme::Light => IconKind::Moon,
                Theme::Dark => IconKind::Sun,
            })/>
            {move || match ctx.theme.get() {
                Theme::Light => " Dark",
                Theme::Dark => " Light",
            }}
        </button>
    }
}
