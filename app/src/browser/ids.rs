//! Ids made in the page: runs, notebooks and registry endpoints get the time they were made
//! and a random part, so they are unique in one browser and sort by creation.

use super::clock::epoch_ms;

/// A random whole number in `[0, bound)` (`Math.random()`: not for secrets).
pub fn random_below(bound: u64) -> u64 {
    // `Math.random()` is in [0, 1): the product is a non-negative whole number below `bound`.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (js_sys::Math::random() * bound as f64) as u64;
    n
}

/// A run id for a run started at `started_ms` (see `jukebox_core::runs::new_run_id`).
pub fn new_run_id(started_ms: f64) -> String {
    // Six base-36 digits' worth.
    jukebox_core::runs::new_run_id(started_ms, random_below(36u64.pow(6)))
}

/// `nb-…`, made like a run id (unique, sorts by creation).
pub fn new_notebook_id(now_ms: f64) -> String {
    let run_id = new_run_id(now_ms);
    format!("nb-{}", run_id.trim_start_matches("run-"))
}

/// A new endpoint id (`reg-<time><random>` in base 36): unique enough for one browser.
pub fn new_endpoint_id() -> String {
    // Non-negative and far below u64::MAX; the fraction is not needed.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let time = epoch_ms() as u64;
    format!("reg-{}{}", base36(time), base36(random_below(36u64.pow(4))))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        // n % 36 < 36: always an index of DIGITS.
        out.push(DIGITS[usize::try_from(n % 36).unwrap_or(0)]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}
