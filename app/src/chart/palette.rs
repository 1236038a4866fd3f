//! Colours of a chart: the page's theme tokens (so the canvas follows light and dark) and
//! the diverging red–yellow–blue scale of the heatmap.

use plotters::style::RGBColor;
use wasm_bindgen::JsCast;

/// The theme's colours as the canvas needs them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub surface: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub border: RGBColor,
    pub accent: RGBColor,
}

/// Line colours after the accent: Tableau 10's mid tones, legible on light and dark surfaces.
pub const SERIES: [RGBColor; 9] = [
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

/// Light-theme values, used when a token cannot be read (no document, a detached element).
const FALLBACK: Palette = Palette {
    surface: RGBColor(255, 255, 255),
    text: RGBColor(27, 31, 36),
    muted: RGBColor(87, 96, 106),
    border: RGBColor(208, 215, 222),
    accent: RGBColor(29, 78, 216),
};

impl Palette {
    /// The colour of line `index`: the accent, then [`SERIES`] in turn.
    pub fn series(&self, index: usize) -> RGBColor {
        match index {
            0 => self.accent,
            i => SERIES[(i - 1) % SERIES.len()],
        }
    }
}

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

/// The heatmap colour of a correlation: -1 red, 0 pale yellow, +1 blue — the same scale as
/// the correlation bars (matplotlib's `RdYlBu`).
pub fn diverging(correlation: f64) -> RGBColor {
    let (red, green, blue) = crate::notebook::widgets::format::rdylbu_rgb(correlation);
    RGBColor(red, green, blue)
}

/// Black or white, whichever reads better on `background` (by its relative luminance).
pub fn text_on(background: RGBColor) -> RGBColor {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let RGBColor(r, g, b) = background;
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    // Where contrast with black and with white are equal: (L + 0.05)² = 1.05 · 0.05.
    if luminance > 0.179 {
        RGBColor(17, 17, 17)
    } else {
        RGBColor(255, 255, 255)
    }
}
