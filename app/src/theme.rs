//! Light and dark themes. The page follows `prefers-color-scheme` until the user picks one
//! with the toggle; the choice is remembered in localStorage and applied as
//! `<html data-theme=…>` (index.html applies it before the first paint, too).

use leptos::prelude::*;

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
}

impl ThemeContext {
    pub fn toggle(&self) {
        let next = self.theme.get_untracked().toggled();
        store(next);
        apply(next);
        self.set_theme.set(next);
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

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
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
/// the attribute stays unset and the CSS follows the system, even when it changes.
pub fn use_theme() -> ThemeContext {
    let chosen = stored();
    if let Some(theme) = chosen {
        apply(theme);
    }
    let (theme, set_theme) = signal(effective(chosen));
    ThemeContext { theme, set_theme }
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
            {move || match ctx.theme.get() {
                Theme::Light => "☾ Dark",
                Theme::Dark => "☀ Light",
            }}
        </button>
    }
}
