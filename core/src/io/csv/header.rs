//! Column names from the header row, made unique the way pandas' `read_csv` does.

use std::collections::{HashMap, HashSet};

/// Empty names become `Unnamed: {i}` (0-based position); a repeated name gets `.1`, `.2`, …,
/// skipping suffixes the header already uses (`a,a,a.1` → `a`, `a.2`, `a.1`).
pub(super) fn column_names(raw: Vec<String>) -> Vec<String> {
    let named: Vec<String> = raw
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            if name.is_empty() {
                format!("Unnamed: {i}")
            } else {
                name
            }
        })
        .collect();
    let in_header: HashSet<String> = named.iter().cloned().collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut unique = Vec::with_capacity(named.len());
    for name in named {
        let mut count = counts.get(&name).copied().unwrap_or(0);
        let mut candidate = name.clone();
        while count > 0 {
            counts.insert(name.clone(), count + 1);
            candidate = format!("{name}.{count}");
            count = if in_header.contains(&candidate) {
                count + 1
            } else {
                counts.get(&candidate).copied().unwrap_or(0)
            };
        }
        counts.insert(candidate.clone(), count + 1);
        unique.push(candidate);
    }
    unique
}
