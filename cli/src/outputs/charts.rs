//! Each chart as a PNG file: the app's drawing code (`jukebox_plot`) on plotters' bitmap
//! backend, in the app's light theme, 960 pixels wide (a heatmap about square), text in
//! `DejaVu Sans` compiled into the binary — so every machine draws the same pixels, with or
//! without fonts installed.

use std::sync::OnceLock;

use jukebox_core::chart::Chart;
use jukebox_plot::{Look, Palette, height_for};
use plotters::prelude::*;

/// Width of a chart's PNG, in pixels (one pixel per CSS pixel of the app's layout).
pub const WIDTH: u32 = 960;

/// Registers the embedded font as plotters' `sans-serif` once; the error is kept.
fn font() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font("sans-serif", FontStyle::Normal, dejavu::sans::regular())
                .map_err(|_| "the embedded DejaVu Sans font could not be read".to_string())
        })
        .clone()
}

/// `chart` drawn as a PNG file's bytes; the error says what could not be drawn.
pub fn png(chart: &Chart) -> Result<Vec<u8>, String> {
    font()?;
    let height_css = height_for(chart, f64::from(WIDTH));
    // 260–720 pixels (`height_for` clamps it).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let height = height_css.round() as u32;
    let mut rgb = vec![0u8; WIDTH as usize * height as usize * 3];
    {
        let backend = BitMapBackend::with_buffer(&mut rgb, (WIDTH, height));
        let look = Look {
            palette: Palette::LIGHT,
            scale: 1.0,
        };
        jukebox_plot::render(&backend.into_drawing_area(), chart, &look)
            .map_err(|e| format!("the chart “{}” could not be drawn: {e}", chart.title))?;
    }
    encode(&rgb, WIDTH, height)
}

/// 8-bit RGB pixels as PNG.
fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("PNG header: {e}"))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| format!("PNG pixels: {e}"))?;
    writer.finish().map_err(|e| format!("PNG end: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jukebox_core::chart::{ChartData, LineSeries};

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        pixels.truncate(info.buffer_size());
        (info, pixels)
    }

    fn chart(data: ChartData) -> Chart {
        Chart {
            title: "Energy of the songs".into(),
            x_label: "energy".into(),
            y_label: "songs".into(),
            data,
        }
    }

    /// How many pixels have exactly `colour`.
    fn count(pixels: &[u8], colour: RGBColor) -> usize {
        pixels
            .chunks_exact(3)
            .filter(|p| p == &[colour.0, colour.1, colour.2])
            .count()
    }

    /// How many pixels are dark grey to black: text (anti-aliased, so few have the text
    /// colour exactly).
    fn dark(pixels: &[u8]) -> usize {
        pixels
            .chunks_exact(3)
            .filter(|p| p.iter().all(|&c| c < 110))
            .count()
    }

    /// How many pixels are clearly blue: the accent, also where it is blended with white.
    fn bluish(pixels: &[u8]) -> usize {
        pixels
            .chunks_exact(3)
            .filter(|p| i32::from(p[2]) > i32::from(p[0]) + 60)
            .count()
    }

    #[test]
    fn a_histogram_is_a_png_of_the_app_size_with_bars_and_text() {
        let bytes = png(&chart(ChartData::Histogram {
            edges: vec![0.0, 0.25, 0.5, 0.75, 1.0],
            counts: vec![3, 9, 14, 5],
            n_missing: 2,
        }))
        .unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let (info, pixels) = decode(&bytes);
        assert_eq!(
            (info.width, info.height),
            (960, 440 /* 960 × 0.55 capped */)
        );
        let accent = count(&pixels, Palette::LIGHT.accent);
        assert!(
            accent > 20_000,
            "the bars fill the plot: {accent} accent pixels"
        );
        // Text is drawn: the title, tick labels, axis names and the caption.
        let text = dark(&pixels);
        assert!(text > 200, "text pixels: {text}");
    }

    #[test]
    fn every_kind_draws_and_a_heatmap_stays_square() {
        let kinds = [
            ChartData::Scatter {
                points: vec![(0.1, 0.2), (0.5, 0.9), (0.8, 0.4)],
                n_total: 10,
            },
            ChartData::Bar {
                labels: (0..72).map(|i| format!("country {i}")).collect(),
                values: (0..72).map(f64::from).collect(),
            },
            ChartData::Line {
                series: vec![
                    LineSeries {
                        name: "energy".into(),
                        points: vec![(19_800.0, 1.0), (19_807.0, 3.0)],
                    },
                    LineSeries {
                        name: "threshold".into(),
                        points: vec![(19_800.0, 1.3), (19_807.0, 1.3)],
                    },
                ],
                x_is_date: true,
            },
            ChartData::Heatmap {
                labels: vec!["energy".into(), "valence".into()],
                values: vec![vec![Some(1.0), Some(-0.4)], vec![Some(-0.4), None]],
            },
        ];
        for data in kinds {
            let is_heatmap = matches!(data, ChartData::Heatmap { .. });
            let (info, pixels) = decode(&png(&chart(data)).unwrap());
            assert_eq!(info.width, WIDTH);
            if is_heatmap {
                assert_eq!(info.height, 720);
                assert!(count(&pixels, jukebox_plot::diverging(1.0)) > 1_000);
            } else {
                assert!(bluish(&pixels) > 20, "the accent is drawn");
                assert!(dark(&pixels) > 100, "and the text");
            }
        }
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes() {
        let data = || ChartData::Bar {
            labels: vec!["FR".into(), "DE".into()],
            values: vec![0.3, 0.7],
        };
        assert_eq!(png(&chart(data())).unwrap(), png(&chart(data())).unwrap());
    }
}
