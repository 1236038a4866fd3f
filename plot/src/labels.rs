//! Text on a chart: tick labels (dates, numbers), shortened category names and the caption
//! that says what is not shown (a sample, missing values).

use jukebox_core::calendar::iso_date;
use jukebox_core::chart::{Chart, ChartData};
use jukebox_core::format::grouped as format_count;

/// `YYYY-MM-DD` of a position on a date axis (days since 1970-01-01).
pub fn date_label(days: f64) -> String {
    // Clamped into i32's range first: a far-off tick cannot wrap around.
    #[allow(clippy::cast_possible_truncation)]
    let day = days.round().clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
    iso_date(day)
}

/// A tick value, short: whole numbers grouped by thousands (`12,000`), others with at most
/// three decimals and no trailing zeros (`0.25`), huge or tiny ones in scientific notation.
pub fn number_label(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-3..1e15).contains(&magnitude) {
        return format!("{value:.2e}");
    }
    if value.fract() == 0.0 {
        // Below 1e15 in magnitude, so exact as an integer.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = format_count(magnitude as usize);
        return if value < 0.0 {
            format!("-{whole}")
        } else {
            whole
        };
    }
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `label` cut to `max_chars` characters, ending in `…` when cut.
pub fn shorten(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        return label.to_owned();
    }
    let kept: String = label.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// What the chart leaves out, in words: "showing 5,000 of 1,120,000 points (sampled)" for a
/// sampled scatter, "12 missing values left out" for a histogram; `None` when nothing is.
pub fn caption(chart: &Chart) -> Option<String> {
    match &chart.data {
        ChartData::Scatter { points, n_total } if *n_total > points.len() => Some(format!(
            "showing {} of {} points (sampled)",
            format_count(points.len()),
            format_count(*n_total)
        )),
        ChartData::Histogram { n_missing, .. } if *n_missing > 0 => Some(format!(
            "{} missing value{} left out",
            format_count(*n_missing),
            if *n_missing == 1 { "" } else { "s" }
        )),
        _ => None,
    }
}

/// A file name for the chart's PNG: its title with characters that file systems dislike
/// replaced.
pub fn file_name(title: &str) -> String {
    let safe: String = title
        .chars()
        .map(|c| if r#"/\:*?"<>|"#.contains(c) { '-' } else { c })
        .collect();
    let safe = safe.trim();
    if safe.is_empty() {
        "chart.png".into()
    } else {
        format!("{safe}.png")
    }
}
