//! A run's tags as people type them: a comma-separated field, trimmed, empty ones dropped,
//! each tag once (first place kept).

/// `[" fast ", "", "baseline", "fast"]` → `["fast", "baseline"]`.
pub fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim();
        if !tag.is_empty() && !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    out
}

/// A comma-separated tags field as tags: `" fast , ,baseline, fast"` → `["fast", "baseline"]`.
pub fn parse_tags(text: &str) -> Vec<String> {
    clean_tags(text.split(',').map(str::to_string).collect())
}
