//! Helpers shared by the browser test modules (`tests/browser.rs`): the page's
//! document and timer, mounting a view, finding elements, and a one-cell notebook in context.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jukebox_app::engine_client::EngineClient;
use jukebox_app::notebook::{CellEntry, Document, provide_notebook};
use jukebox_app::storage::StorageSlot;
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook};
use jukebox_core::train::Matrix;
use jukebox_core::train::metrics::{Evaluation, evaluate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits `duration` on the browser's timer (effects and redraws run meanwhile).
pub async fn sleep(duration: Duration) {
    let ms = i32::try_from(duration.as_millis()).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A fresh `div` appended to the page's body.
fn container() -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    container
}

/// Mounts `view` into a fresh container on the page; returns the container.
pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let root = container();
    leptos::mount::mount_to(root.clone(), view).forget();
    root
}

/// Mounts `view` into a fresh container `width_px` wide (charts size themselves to it).
pub fn mount_wide<V: IntoView + 'static>(
    width_px: u32,
    view: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let root = container();
    root.style()
        .set_property("width", &format!("{width_px}px"))
        .unwrap();
    leptos::mount::mount_to(root.clone(), view).forget();
    root
}

/// The first element under `root` matching `selector`, if any.
pub fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector)
        .unwrap()
        .map(JsCast::unchecked_into)
}

/// The first element under `root` matching `selector`; a panic names the selector otherwise.
pub fn get(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    find(root, selector).unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// The element with `data-testid` `id`.
pub fn testid(root: &web_sys::Element, id: &str) -> web_sys::HtmlElement {
    get(root, &format!("[data-testid={id}]"))
}

/// The text of the element with `data-testid` `id`.
pub fn testid_text(root: &web_sys::Element, id: &str) -> String {
    testid(root, id).text_content().unwrap_or_default()
}

/// Every element under `root` matching `selector`, in document order.
pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// A notebook of `cells` as the page's state (its handles provided as context) with an
/// engine that does not exist in the test page: nothing runs, but edits change the cells.
/// Call inside a mount.
pub fn notebook_in_context(cells: Vec<Cell>) -> Document {
    let engine = EngineClient::start("./missing-engine.js");
    provide_context(engine);
    let slot = StorageSlot::new();
    provide_context(slot);
    let (document, runner, _) = provide_notebook(engine, slot);
    runner.replace(Notebook {
        version: NOTEBOOK_VERSION,
        title: "test".into(),
        cells,
    });
    document
}

/// Mounts `editor` for a notebook of one cell `spec` (see [`notebook_in_context`]).
pub fn mount_cell_editor<V: IntoView + 'static>(
    spec: CellSpec,
    editor: impl FnOnce(CellEntry) -> V + 'static,
) -> (web_sys::HtmlElement, CellEntry) {
    let slot = Rc::new(RefCell::new(None));
    let out = slot.clone();
    let root = mount(move || {
        let entry = notebook_in_context(vec![Cell::new(1, spec)])
            .cells
            .get_untracked()[0];
        *out.borrow_mut() = Some(entry);
        editor(entry)
    });
    let entry = slot.borrow().unwrap();
    (root, entry)
}

/// The test evaluation of a model whose predictions fill `confusion` (rows: true class,
/// columns: predicted), scored by the core's `evaluate` as the engine would; the majority
/// class is the one with the most rows.
pub fn scored(confusion: &[Vec<u64>], labels: &[&str]) -> Evaluation {
    let n_classes = labels.len();
    let (mut y_true, mut proba) = (Vec::new(), Vec::new());
    for (truth, row) in confusion.iter().enumerate() {
        for (predicted, &count) in row.iter().enumerate() {
            for _ in 0..count {
                y_true.push(u32::try_from(truth).unwrap());
                proba.extend((0..n_classes).map(|c| if c == predicted { 1.0 } else { 0.0 }));
            }
        }
    }
    let supports: Vec<u64> = confusion.iter().map(|row| row.iter().sum()).collect();
    let biggest = supports.iter().copied().max().unwrap_or_default();
    let majority = supports
        .iter()
        .position(|&s| s == biggest)
        .unwrap_or_default();
    let proba = Matrix::from_vec(y_true.len(), n_classes, proba).unwrap();
    let labels: Vec<String> = labels.iter().map(|l| (*l).to_owned()).collect();
    let mut evaluation = evaluate(&y_true, &proba, &labels, u32::try_from(majority).unwrap());
    evaluation.model = "model".into();
    evaluation
}

/// The element's text.
pub fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

/// Sets a field's or select's value (or a checkbox's state: `on`/`off`) and fires `change`,
/// as leaving the field does.
pub fn change(target: &web_sys::Element, value: &str) {
    if target.get_attribute("type").as_deref() == Some("checkbox") {
        let on = value == "on";
        js_sys::Reflect::set(target, &"checked".into(), &on.into()).unwrap();
    } else {
        js_sys::Reflect::set(target, &"value".into(), &value.into()).unwrap();
    }
    let make = js_sys::Function::new_no_args("return new Event('change', {bubbles: true})");
    let event: web_sys::Event = make
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap()
        .unchecked_into();
    target.dispatch_event(&event).unwrap();
}

/// The `value` of the field with test id `id`.
pub fn value(root: &web_sys::Element, id: &str) -> String {
    js_sys::Reflect::get(&testid(root, id), &"value".into())
        .unwrap()
        .as_string()
        .unwrap()
}
