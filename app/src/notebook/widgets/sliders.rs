//! The 13 features of a song as sliders, each in the unit people know (mm:ss, dB, BPM, note
//! names, major/minor). The value shows live while dragging; the song changes on release
//! (`change`), so a drag runs the model once, not dozens of times.

// The features' table, units and typical values are the core's (`jukebox_core::course`).
pub use jukebox_core::course::{
    FEATURE_RANGES, FeatureRange, NOTE_NAMES, format_feature, typical_song,
};
use jukebox_core::train::SongFeatures;
use leptos::prelude::*;

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
    // Its own value only: another feature's change leaves a dragged thumb where it is.
    let stored = Memo::new(move |_| song.with(|s| s.get(name).copied().unwrap_or(feature.typical)));
    let stored = move || stored.get();
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
