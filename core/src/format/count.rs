//! Counts as people write them: thousands grouped with commas, a noun in the singular for one.

/// `n` and its noun, singular for one: `1 dataset`, `2 datasets`, `21,900 rows`.
pub fn counted(n: usize, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{} {noun}", grouped(n))
}

/// `1234567` → `1,234,567`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
