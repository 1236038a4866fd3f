//! Pages are named in the URL fragment (`#/runs`), so the app works from any static host
//! and any sub-path, and the back button moves between pages.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The app's pages, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Notebook,
    Runs,
    Registry,
    Settings,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Notebook, Page::Runs, Page::Registry, Page::Settings];

    pub fn title(self) -> &'static str {
        match self {
            Page::Notebook => "Notebook",
            Page::Runs => "Runs",
            Page::Registry => "Registry",
            Page::Settings => "Settings",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Page::Notebook => "notebook",
            Page::Runs => "runs",
            Page::Registry => "registry",
            Page::Settings => "settings",
        }
    }

    /// The fragment that opens this page.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The page a fragment names; anything else (empty, unknown) is the notebook.
    pub fn from_hash(hash: &str) -> Page {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == slug)
            .unwrap_or(Page::Notebook)
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current page, kept in step with the fragment (`hashchange`).
pub fn use_page() -> ReadSignal<Page> {
    let (page, set_page) = signal(Page::from_hash(&current_hash()));
    let on_change =
        Closure::<dyn Fn()>::new(move || set_page.set(Page::from_hash(&current_hash())));
    // The listener lives as long as the page: the app is mounted once.
    window().set_onhashchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    page
}
