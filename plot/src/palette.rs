//! Colours of a chart: the theme's five colours (the app reads them from its CSS tokens so
//! the canvas follows light and dark; the CLI draws in the light theme) and the diverging
//! red–yellow–blue scale of the heatmap.

use plotters::style::RGBColor;

/// The theme's colours as a chart needs them.
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

impl Palette {
    /// The light theme's values (`style/tokens.css`): the CLI's PNG files, and the app's
    /// fallback when a token cannot be read.
    pub const LIGHT: Palette = Palette {
        surface: RGBColor(255, 255, 255),
        text: RGBColor(27, 31, 36),
        muted: RGBColor(87, 96, 106),
        border: RGBColor(208, 215, 222),
        accent: RGBColor(29, 78, 216),
    };

    /// The colour of line `index`: the accent, then [`SERIES`] in turn.
    pub fn series(&self, index: usize) -> RGBColor {
        match index {
            0 => self.accent,
            i => SERIES[(i - 1) % SERIES.len()],
        }
    }
}

/// The heatmap colour of a correlation: -1 red, 0 pale yellow, +1 blue — the same scale as
/// the correlation bars (matplotlib's `RdYlBu`).
pub fn diverging(correlation: f64) -> RGBColor {
    let (red, green, blue) = jukebox_core::format::rdylbu_rgb(correlation);
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
