//! Colours of a chart read from the page's theme tokens, so the canvas follows light and
//! dark (the palette type and the heatmap's scale live in `jukebox_plot`).

use plotters::style::RGBColor;
use wasm_bindgen::JsCast;

pub use jukebox_plot::{Palette, SERIES, diverging, text_on};

/// Light-theme values, used when a token cannot be read (no document, a detached element).
const FALLBACK: Palette = Palette::LIGHT;

/// Reads the tokens `--surface`, `--text`, `--muted`, `--border` and `--accent` as they
/// apply inside `within`. The tokens are `light-dark(…)` expressions, which
/// `getPropertyValue("--text")` returns unresolved; so each is set as the colour of a hidden
/// probe and read back resolved (`rgb(r, g, b)`) from its computed style.
pub fn read_palette(within: &web_sys::Element) -> Palette {
    let Some(document) = within.owner_document() else {
        return FALLBACK;
    };
    let Ok(probe) = document.create_element("span") else {
        return FALLBACK;
    };
    let _ = probe.set_attribute("aria-hidden", "true");
    let _ = within.append_child(&probe);
    let read = |token: &str, fallback: RGBColor| token_colour(&probe, token).unwrap_or(fallback);
    let palette = Palette {
        surface: read("--surface", FALLBACK.surface),
        text: read("--text", FALLBACK.text),
        muted: read("--muted", FALLBACK.muted),
        border: read("--border", FALLBACK.border),
        accent: read("--accent", FALLBACK.accent),
    };
    probe.remove();
    palette
}

fn token_colour(probe: &web_sys::Element, token: &str) -> Option<RGBColor> {
    let element: &web_sys::HtmlElement = probe.dyn_ref()?;
    element
        .style()
        .set_property("color", &format!("var({token})"))
        .ok()?;
    let style = web_sys::window()?.get_computed_style(probe).ok()??;
    parse_rgb(&style.get_property_value("color").ok()?)
}

/// Parses a computed colour, `rgb(27, 31, 36)` or `rgba(27, 31, 36, 0.5)` (alpha ignored).
pub fn parse_rgb(text: &str) -> Option<RGBColor> {
    let inner = text
        .trim()
        .strip_prefix("rgba(")
        .or_else(|| text.trim().strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let mut parts = inner
        .split([',', ' ', '/'])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<f64>().ok());
    let mut channel = || -> Option<u8> {
        let value = parts.next()??;
        // Clamped to 0–255 first, so the conversion cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(value.round().clamp(0.0, 255.0) as u8)
    };
    Some(RGBColor(channel()?, channel()?, channel()?))
}
