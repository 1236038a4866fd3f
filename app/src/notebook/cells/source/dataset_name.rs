//! A data source's dataset name from its file's name.

/// `Song Rankings (2).parquet` → `song_rankings_2`: a dataset name from a file name.
pub fn dataset_name_for(file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let mut name = String::new();
    for ch in stem.chars() {
        if ch.is_alphanumeric() {
            name.extend(ch.to_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_string();
    if name.is_empty() { "data".into() } else { name }
}
