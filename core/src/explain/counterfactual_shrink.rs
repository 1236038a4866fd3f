//! The counterfactual's shrinking pass: once a change reaches the goal, each changed feature
//! goes back toward the song — the least useful change first — as far as the goal still
//! holds, by rungs between its value and the nearest value known to fail, narrowed a few
//! times. Only points that reach the goal and lie between the change and the song are taken,
//! so the distance never grows.

use super::ExplainError;
use super::counterfactual_search::{Scored, Search, same};

/// Rungs between a feature's value and the nearest value known to fail: 1/8 … 7/8.
const SHRINK_LADDER: usize = 8;
/// Narrowings of that interval per feature (to 1/8^3 of it).
const SHRINK_REFINE: usize = 3;
/// Shrinking rounds over all features, at most.
const SHRINK_ROUNDS: usize = 4;

/// Moves each changed feature of `found` (which reaches the goal) back toward the song,
/// the least useful change first, as far as the goal still holds. Only points that reach
/// the goal and lie between `found` and the song are taken, so the distance never grows.
pub(crate) fn shrink(search: &mut Search, mut found: Scored) -> Result<Scored, ExplainError> {
    for _ in 0..SHRINK_ROUNDS {
        let before = search.distance(&found.point);
        for j in least_useful_first(search, &found)? {
            found = shrink_feature(search, found, j)?;
        }
        if search.exhausted() || search.distance(&found.point) >= before {
            break;
        }
    }
    Ok(found)
}

/// The changed features, ordered by how little margin each buys per unit of distance
/// (measured by undoing each alone, in one batch).
fn least_useful_first(search: &mut Search, found: &Scored) -> Result<Vec<usize>, ExplainError> {
    let changed: Vec<usize> = (0..found.point.len())
        .filter(|&j| !same(found.point[j], search.original[j]))
        .collect();
    let undone = changed
        .iter()
        .map(|&j| {
            let mut point = found.point.clone();
            point[j] = search.original[j];
            point
        })
        .collect();
    let scored = search.score(undone)?;
    let mut usefulness: Vec<(f64, usize)> = changed
        .iter()
        .zip(&scored)
        .map(|(&j, s)| {
            let saved = search.moved(j, found.point[j], search.original[j]);
            ((found.margin - s.margin) / saved.max(f64::MIN_POSITIVE), j)
        })
        .collect();
    usefulness.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(usefulness.into_iter().map(|(_, j)| j).collect())
}

/// Feature `j` of `found` undone, or else moved back as far as the goal holds: rungs
/// between the value and the nearest known failure, narrowed `SHRINK_REFINE` times.
fn shrink_feature(search: &mut Search, found: Scored, j: usize) -> Result<Scored, ExplainError> {
    let home = search.original[j];
    let inside = search.fit(j, home);
    if same(found.point[j], home) {
        return Ok(found);
    }
    let mut back = vec![home];
    if !same(inside, home) && !same(inside, found.point[j]) {
        back.push(inside);
    }
    let points = back.iter().map(|&v| with(&found.point, j, v)).collect();
    let scored = search.score(points)?;
    if let Some(hit) = scored.into_iter().find(|s| s.reached) {
        return Ok(hit);
    }
    let (mut found, mut fail) = (found, inside);
    for _ in 0..SHRINK_REFINE {
        let rungs = rungs(search, j, found.point[j], fail);
        if rungs.is_empty() {
            break;
        }
        let points = rungs.iter().map(|&v| with(&found.point, j, v)).collect();
        let scored = search.score(points)?;
        if scored.is_empty() {
            break; // the budget is spent
        }
        // Rungs run from the current value toward the failure: take the last that holds.
        match scored.iter().rposition(|s| s.reached) {
            Some(at) => {
                fail = rungs.get(at + 1).copied().unwrap_or(fail);
                found = scored[at].clone();
            }
            None => fail = rungs[0],
        }
    }
    Ok(found)
}

/// Values strictly between `from` and `toward` at 1/8 … 7/8 of the way (in range, whole
/// when they must be), nearest `from` first, without repeats.
fn rungs(search: &Search, j: usize, from: f64, toward: f64) -> Vec<f64> {
    let (low, high) = (from.min(toward), from.max(toward));
    let mut values: Vec<f64> = Vec::with_capacity(SHRINK_LADDER);
    for step in 1..SHRINK_LADDER {
        let share = step as f64 / SHRINK_LADDER as f64;
        let value = search.fit(j, from + share * (toward - from));
        if value > low && value < high && !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

/// `point` with feature `j` set to `value`.
fn with(point: &[f64], j: usize, value: f64) -> Vec<f64> {
    let mut next = point.to_vec();
    next[j] = value;
    next
}
