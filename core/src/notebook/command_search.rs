//! The command palette's search: a query matches an action when its letters appear in the
//! action's words in order (case-insensitive, spaces in the query ignored), as VS Code's and
//! Jupyter's palettes match. Better matches first: letters together ("theme" in "Toggle
//! theme"), letters at the start of words ("ra" → **R**un **a**ll), then shorter labels;
//! ties keep the list's order.

/// How well `query` matches `label` (higher is better), or `None` when it does not.
pub fn score(query: &str, label: &str) -> Option<u32> {
    let label: Vec<char> = label.chars().flat_map(char::to_lowercase).collect();
    let query: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let first = *query.first()?;
    // The letters in order from each place the first one occurs; the best of those.
    let best = (0..label.len())
        .filter(|&start| label[start] == first)
        .filter_map(|start| matched_from(&query, &label, start))
        .max()?;
    // Shorter labels first among equal matches (at most 64 characters count).
    let shortness = 64_u32.saturating_sub(u32::try_from(label.len()).unwrap_or(u32::MAX));
    Some(best * 64 + shortness)
}

/// The score of `query`'s letters found in order in `label`, the first at `start`, each
/// next one as early as possible.
fn matched_from(query: &[char], label: &[char], start: usize) -> Option<u32> {
    let mut score = 0_u32;
    let mut from = start;
    let mut previous: Option<usize> = None;
    for &wanted in query {
        let at = from + label[from..].iter().position(|&c| c == wanted)?;
        score += 1;
        // A run of letters counts most ("theme" in "Toggle theme"), then a word's start.
        if previous.is_some_and(|p| p + 1 == at) {
            score += 8;
        } else if at == 0 || !label[at - 1].is_alphanumeric() {
            score += 6;
        }
        previous = Some(at);
        from = at + 1;
    }
    Some(score)
}

/// The indices of `labels` that `query` matches, best first (an empty query: all, in order).
pub fn ranked(query: &str, labels: &[&str]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..labels.len()).collect();
    }
    let mut found: Vec<(u32, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(index, label)| score(query, label).map(|s| (s, index)))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, index)| index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [&str; 6] = [
        "Add a Train cell",
        "Run all cells",
        "Run stale cells",
        "Go to Runs",
        "Toggle theme",
        "Undo",
    ];

    #[test]
    fn word_initials_find_the_action() {
        assert_eq!(ranked("ra", &ACTIONS).first(), Some(&1));
        assert_eq!(ranked("run all", &ACTIONS).first(), Some(&1));
        assert_eq!(ranked("RUN ALL", &ACTIONS).first(), Some(&1));
    }

    #[test]
    fn letters_out_of_order_do_not_match() {
        assert_eq!(score("lla", "Run all cells"), None);
        assert_eq!(score("zz", "Run all cells"), None);
        assert_eq!(score("niur", "Run"), None);
    }

    #[test]
    fn an_empty_query_lists_every_action_in_order() {
        assert_eq!(ranked("  ", &ACTIONS), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn letters_together_beat_letters_apart() {
        let together = score("theme", "Toggle theme");
        let apart = score("theme", "The hidden menu");
        assert!(together > apart, "{together:?} vs {apart:?}");
    }

    #[test]
    fn non_ascii_letters_match_case_insensitively() {
        assert!(score("é", "Élan").is_some());
        assert!(score("straße", "STRAẞE").is_some());
    }
}
