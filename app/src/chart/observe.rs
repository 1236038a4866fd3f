//! When a chart must be drawn again: its container changed width, or the theme changed
//! (the user's toggle sets `<html data-theme>`; the system's scheme fires a media query).

use leptos::html::Figure;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{
    MediaQueryList, MutationObserver, MutationObserverInit, ResizeObserver, ResizeObserverEntry,
};

/// Signals that change when the chart in `figure` needs a redraw.
#[derive(Debug, Clone, Copy)]
pub struct UseChartRedrawReturn {
    /// The figure's content width in CSS pixels (0 until measured).
    pub width: ReadSignal<f64>,
    /// Counts theme changes; read it to redraw on each.
    pub theme_changes: ReadSignal<u32>,
}

/// Watches `figure`'s width and the page's theme while the component lives.
pub fn use_chart_redraw(figure: NodeRef<Figure>) -> UseChartRedrawReturn {
    let width = RwSignal::new(0.0_f64);
    let (theme_changes, set_theme_changes) = signal(0_u32);
    let observers = StoredValue::new_local(None::<Observers>);
    Effect::new(move |_| {
        if let Some(element) = figure.get() {
            let bump = move || set_theme_changes.update(|n| *n = n.wrapping_add(1));
            observers.set_value(Observers::start(&element, width, bump));
        }
    });
    on_cleanup(move || observers.update_value(|o| drop(o.take())));
    UseChartRedrawReturn {
        width: width.read_only(),
        theme_changes,
    }
}

/// The browser observers and the callbacks they call, which must live exactly as long.
struct Observers {
    resize: ResizeObserver,
    theme: MutationObserver,
    scheme: Option<MediaQueryList>,
    /// Held, not called from Rust: the observer calls it.
    _on_resize: Closure<dyn Fn(js_sys::Array)>,
    on_theme_handler: Closure<dyn Fn()>,
}

impl Observers {
    fn start(
        element: &web_sys::Element,
        width: RwSignal<f64>,
        bump: impl Fn() + Clone + 'static,
    ) -> Option<Self> {
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() else {
                return;
            };
            let measured = entry.content_rect().width();
            // Sub-pixel jitter would redraw for nothing.
            if (measured - width.get_untracked()).abs() >= 1.0 {
                width.set(measured);
            }
        });
        let resize = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        resize.observe(element);
        let on_theme = Closure::<dyn Fn()>::new(bump);
        let theme = MutationObserver::new(on_theme.as_ref().unchecked_ref()).ok()?;
        let options = MutationObserverInit::new();
        options.set_attributes(true);
        options.set_attribute_filter(&js_sys::Array::of1(&"data-theme".into()));
        if let Some(root) = document().document_element() {
            let _ = theme.observe_with_options(&root, &options);
        }
        let scheme = window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten();
        if let Some(query) = &scheme {
            let _ =
                query.add_event_listener_with_callback("change", on_theme.as_ref().unchecked_ref());
        }
        Some(Self {
            resize,
            theme,
            scheme,
            _on_resize: on_resize,
            on_theme_handler: on_theme,
        })
    }
}

impl Drop for Observers {
    fn drop(&mut self) {
        self.resize.disconnect();
        self.theme.disconnect();
        if let Some(query) = &self.scheme {
            let _ = query.remove_event_listener_with_callback(
                "change",
                self.on_theme_handler.as_ref().unchecked_ref(),
            );
        }
    }
}
