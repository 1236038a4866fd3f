//! A model's classes in words: the chart countries' codes with their names.

use jukebox_core::countries;

/// A class's display name: the country's name for a chart country's code, else the label.
pub fn class_name(class: &str) -> String {
    countries::by_code(class).map_or_else(|| class.to_string(), |c| c.name.to_string())
}

/// `FR` → `FR · France`; a label that is not a chart country stays as it is.
pub fn class_label(label: &str) -> String {
    countries::by_code(label).map_or_else(
        || label.to_string(),
        |country| format!("{label} · {}", country.name),
    )
}
