//! The 13 features of a song as sliders, each in the unit people know (mm:ss, dB, BPM, note
//! names, major/minor). The value shows live while dragging; the song changes on release
//! (`change`), so a drag runs the model once, not dozens of times.

use jukebox_core::train::SongFeatures;
use leptos::prelude::*;

/// How one feature is edited: range, step, a typical value and what it means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureRange {
    pub name: &'static str,
    pub label: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// A middle-of-the-charts value, for a song that has none yet.
    pub typical: f64,
    /// Spotify's definition, in short.
    pub help: &'static str,
}

const fn range(
    name: &'static str,
    label: &'static str,
    (min, max, step): (f64, f64, f64),
    typical: f64,
    help: &'static str,
) -> FeatureRange {
    FeatureRange {
        name,
        label,
        min,
        max,
        step,
        typical,
        help,
    }
}

const UNIT: (f64, f64, f64) = (0.0, 1.0, 0.01);

/// The course's 13 features, in model order.
pub const FEATURE_RANGES: [FeatureRange; 13] = [
    range(
        "is_explicit",
        "Explicit",
        (0.0, 1.0, 1.0),
        0.0,
        "Whether the lyrics are marked explicit.",
    ),
    range(
        "duration_ms",
        "Duration",
        (30_000.0, 600_000.0, 1_000.0),
        200_000.0,
        "How long the track lasts.",
    ),
    range(
        "danceability",
        "Danceability",
        UNIT,
        0.68,
        "How suitable for dancing: steady beat, tempo and rhythm (0 = least, 1 = most).",
    ),
    range(
        "energy",
        "Energy",
        UNIT,
        0.65,
        "Perceived intensity and activity: loud, fast, noisy tracks score high.",
    ),
    range(
        "key",
        "Key",
        (0.0, 11.0, 1.0),
        5.0,
        "The track's estimated key, as a pitch class (C, C♯, … B).",
    ),
    range(
        "loudness",
        "Loudness",
        (-60.0, 0.0, 0.1),
        -6.0,
        "Average loudness of the track in decibels; most pop sits between −10 and −4 dB.",
    ),
    range(
        "mode",
        "Mode",
        (0.0, 1.0, 1.0),
        1.0,
        "Whether the key is major or minor.",
    ),
    range(
        "speechiness",
        "Speechiness",
        UNIT,
        0.08,
        "How much spoken word there is: above 0.66 mostly speech, below 0.33 mostly music.",
    ),
    range(
        "acousticness",
        "Acousticness",
        UNIT,
        0.2,
        "Confidence that the track is acoustic (no electric or electronic instruments).",
    ),
    range(
        "instrumentalness",
        "Instrumentalness",
        UNIT,
        0.0,
        "Likelihood that the track has no vocals; above 0.5 probably instrumental.",
    ),
    range(
        "liveness",
        "Liveness",
        UNIT,
        0.15,
        "Likelihood that an audience is audible, i.e. a live recording (above 0.8: very likely).",
    ),
    range(
        "valence",
        "Valence",
        UNIT,
        0.5,
        "Musical positiveness: high sounds happy or euphoric, low sad or angry.",
    ),
    range(
        "tempo",
        "Tempo",
        (40.0, 220.0, 1.0),
        120.0,
        "Estimated speed in beats per minute.",
    ),
];

/// The pitch classes, as Spotify numbers them (0 = C).
pub const NOTE_NAMES: [&str; 12] = [
    "C",
    "C♯/D♭",
    "D",
    "D♯/E♭",
    "E",
    "F",
    "F♯/G♭",
    "G",
    "G♯/A♭",
    "A",
    "A♯/B♭",
    "B",
];

/// Typical values of all 13 features (for a new cell when no preset song is available).
pub fn typical_song() -> SongFeatures {
    FEATURE_RANGES
        .iter()
        .map(|f| (f.name.to_string(), f.typical))
        .collect()
}

/// A feature's value as people read it: `3:20`, `−6.0 dB`, `120 BPM`, `C♯/D♭`, `major`, `0.73`.
// The casts take whole, small, non-negative numbers (seconds, a pitch class).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn format_feature(name: &str, value: f64) -> String {
    match name {
        "duration_ms" => {
            let seconds = (value / 1_000.0).round().max(0.0) as u64;
            format!("{}:{:02}", seconds / 60, seconds % 60)
        }
        "loudness" => format!("{value:.1} dB").replace('-', "−"),
        "tempo" => format!("{value:.0} BPM"),
        "key" => NOTE_NAMES[(value.round().clamp(0.0, 11.0)) as usize].to_string(),
        "mode" => if value >= 0.5 { "major" } else { "minor" }.to_string(),
        "is_explicit" => if value >= 0.5 { "explicit" } else { "clean" }.to_string(),
        _ => format!("{value:.2}"),
    }
}

/// The sliders of `song`; `on_change` gets (feature, value) when one is set.
#[component]
pub fn FeatureSliders(
    #[prop(into)] song: Signal<SongFeatures>,
    on_change: Callback<(String, f64)>,
) -> impl IntoView {
    view! {
        <div class="feature-sliders" data-testid="feature-sliders">
            {FEATURE_RANGES.iter().map(|feature| view! {
                <FeatureSlider feature=*feature song=song on_change=on_change/>
            }).collect_view()}
        </div>
    }
}

#[component]
fn FeatureSlider(
    feature: FeatureRange,
    song: Signal<SongFeatures>,
    on_change: Callback<(String, f64)>,
) -> impl IntoView {
    let name = feature.name;
    let stored = move || song.with(|s| s.get(name).copied().unwrap_or(feature.typical));
    // The value under the thumb while dragging, before the song changes.
    let dragging = RwSignal::new(None::<f64>);
    let shown = move || dragging.get().unwrap_or_else(stored);
    let set = move |value: f64| {
        dragging.set(None);
        on_change.run((name.to_string(), value));
    };
    // Comparisons stay outside `view!`, where `>` would end a tag.
    let on = move || stored() >= 0.5;
    let off = move || !on();
    let checked =
        move |ev: leptos::ev::Event| set(if event_target_checked(&ev) { 1.0 } else { 0.0 });
    let help_id = format!("feature-help-{name}");
    let control = match name {
        "is_explicit" => view! {
            <input type="checkbox" data-testid=format!("feature-{name}") aria-describedby=help_id.clone()
                prop:checked=on on:change=checked/>
        }.into_any(),
        "mode" => view! {
            <select data-testid=format!("feature-{name}") aria-describedby=help_id.clone()
                on:change=move |ev| set(event_target_value(&ev).parse().unwrap_or(1.0))>
                <option value="1" selected=on>"major"</option>
                <option value="0" selected=off>"minor"</option>
            </select>
        }.into_any(),
        _ => view! {
            <input type="range" min=feature.min.to_string() max=feature.max.to_string()
                step=feature.step.to_string()
                data-testid=format!("feature-{name}") aria-describedby=help_id.clone()
                aria-valuetext=move || format_feature(name, shown())
                prop:value=move || stored().to_string()
                on:input=move |ev| dragging.set(event_target_value(&ev).parse().ok())
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse() { set(value); }
                }/>
        }.into_any(),
    };
    view! {
        <label class="feature" title=feature.help>
            <span class="feature-name">{feature.label}</span>
            {control}
            <output class="feature-value" data-testid=format!("feature-value-{name}")>
                {move || format_feature(name, shown())}
            </output>
            <span class="feature-help" id=help_id>{feature.help}</span>
        </label>
    }
}
