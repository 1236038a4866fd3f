//! The frame of every page: the header (product name, dataset status, alerts, theme toggle) and the
//! left navigation; `icons`: the inline SVG icons every page's buttons show.

mod alert_badge;
mod dataset_status;
pub mod icons;

pub use alert_badge::AlertBadge;
pub use dataset_status::{DatasetStatus, format_count};
pub use icons::{Icon, IconKind};

use leptos::prelude::*;

use crate::route::Page;
use crate::theme::ThemeToggle;

/// The top bar.
#[component]
pub fn ShellHeader() -> impl IntoView {
    view! {
        <header class="shell-header" data-testid="shell-header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <a class="shell-brand" href="#/notebook">
                <span class="shell-logo" aria-hidden="true"><Icon kind=IconKind::Note/></span>
                <span class="shell-name">"Jukebox"</span>
            </a>
            <DatasetStatus/>
            <AlertBadge/>
            <ThemeToggle/>
        </header>
    }
}

/// The left navigation; `page` marks the current one.
#[component]
pub fn ShellNav(page: ReadSignal<Page>) -> impl IntoView {
    view! {
        <nav class="shell-nav" aria-label="Main" data-testid="shell-nav">
            <ul>
                {Page::ALL
                    .into_iter()
                    .map(|p| {
                        let current = move || (page.get() == p).then_some("page");
                        view! {
                            <li>
                                <a href=p.href() aria-current=current data-testid=format!("nav-{}", p.slug())>
                                    {p.title()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
