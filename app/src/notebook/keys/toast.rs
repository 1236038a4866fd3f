//! Short confirmations of what a key did ("Saved", "Nothing to undo"), in a live region so
//! screen readers say them too; each goes away after [`SHOWN_FOR`].

use std::time::Duration;

use leptos::prelude::*;

/// How long a toast stays.
const SHOWN_FOR: Duration = Duration::from_millis(2_500);

/// The toast's handle for the context.
#[derive(Debug, Clone, Copy)]
pub struct Toast {
    /// The message shown, with its ticket (a newer toast's timer must not hide an older one
    /// early, nor an older timer a newer one).
    message: RwSignal<Option<(u64, String)>>,
}

impl Toast {
    pub fn new() -> Self {
        Self {
            message: RwSignal::new(None),
        }
    }

    pub fn show(&self, text: impl Into<String>) {
        let ticket = self
            .message
            .with_untracked(|m| m.as_ref().map_or(1, |(t, _)| t + 1));
        self.message.set(Some((ticket, text.into())));
        let message = self.message;
        set_timeout(
            move || {
                // The notebook page may be gone by now: its signals with it.
                let _ = message.try_update(|m| {
                    if m.as_ref().is_some_and(|(t, _)| *t == ticket) {
                        *m = None;
                    }
                });
            },
            SHOWN_FOR,
        );
    }
}

impl Default for Toast {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ToastView(toast: Toast) -> impl IntoView {
    view! {
        <div class="toast-region" role="status" aria-live="polite" data-testid="toast-region">
            {move || toast.message.get().map(|(_, text)| view! {
                <div class="toast" data-testid="toast">{text}</div>
            })}
        </div>
    }
}
