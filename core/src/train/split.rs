//! Dividing rows into training, validation and test parts. The course's split: test = the
//! last `ceil(test_ratio · n)` rows in table order (`train_test_split(shuffle=False)`), then
//! validation = a stratified, seeded draw of `ceil(validation_ratio · rest)` rows of the rest.
//! The shuffled split draws the test part the same stratified way. Each part's indices are
//! ascending, so every part keeps the table's order.

use rand::Rng;

use super::error::TrainError;
use super::{SplitMethod, SplitSizes, SplitSpec};
use crate::random::{JukeboxRng, rng_from_seed};

/// Row indices of each part (into the extracted rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitIndices {
    pub train: Vec<usize>,
    pub validation: Vec<usize>,
    pub test: Vec<usize>,
}

/// Splits rows labelled `y` as `spec` says, seeded.
pub fn split(y: &[u32], spec: &SplitSpec, seed: u64) -> Result<SplitIndices, TrainError> {
    check_ratio("test_ratio", spec.test_ratio)?;
    check_ratio("validation_ratio", spec.validation_ratio)?;
    let n = y.len();
    let mut rng = rng_from_seed(seed);
    let n_test = ceil_share(spec.test_ratio, n);
    let (rest, test) = match spec.method {
        SplitMethod::Course => (
            (0..n - n_test.min(n)).collect(),
            (n - n_test.min(n)..n).collect(),
        ),
        SplitMethod::Shuffled => {
            let all: Vec<usize> = (0..n).collect();
            stratified_draw(&all, y, n_test, &mut rng)
        }
    };
    let n_validation = ceil_share(spec.validation_ratio, rest.len());
    let (train, validation) = stratified_draw(&rest, y, n_validation, &mut rng);
    let parts = SplitIndices {
        train,
        validation,
        test,
    };
    parts.check(n)?;
    Ok(parts)
}

fn check_ratio(field: &'static str, ratio: f64) -> Result<(), TrainError> {
    if ratio > 0.0 && ratio < 1.0 {
        Ok(())
    } else {
        Err(TrainError::BadParameter {
            field,
            value: ratio.to_string(),
            expected: "a share between 0 and 1 (exclusive), e.g. 0.2",
        })
    }
}

/// `ceil(ratio · n)`, as scikit-learn sizes a float `test_size`.
fn ceil_share(ratio: f64, n: usize) -> usize {
    // Counts of rows are far below 2^52: the float round trip is exact enough, and the
    // ratio is in (0, 1), so the result is in 0..=n.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let share = (ratio * n as f64).ceil() as usize;
    share.min(n)
}

/// Draws `k` of `pool` (ascending indices) stratified by `y`: per-class counts proportional
/// to the class's rows (largest remainders), a class keeping at least one row out of the
/// draw. Returns (rows not drawn, rows drawn), both ascending.
fn stratified_draw(
    pool: &[usize],
    y: &[u32],
    k: usize,
    rng: &mut JukeboxRng,
) -> (Vec<usize>, Vec<usize>) {
    let n_classes = pool.iter().map(|&i| y[i] as usize + 1).max().unwrap_or(0);
    let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); n_classes];
    for &i in pool {
        by_class[y[i] as usize].push(i);
    }
    let counts: Vec<usize> = by_class.iter().map(Vec::len).collect();
    let quotas = allocate(&counts, k);
    let mut drawn = Vec::with_capacity(k);
    for (rows, quota) in by_class.iter_mut().zip(quotas) {
        // Partial Fisher–Yates: the first `quota` places get a uniform sample.
        for place in 0..quota {
            let pick = rng.random_range(place..rows.len());
            rows.swap(place, pick);
        }
        drawn.extend_from_slice(&rows[..quota]);
    }
    drawn.sort_unstable();
    let mut rest = Vec::with_capacity(pool.len() - drawn.len());
    let mut next = drawn.iter().peekable();
    for &i in pool {
        if next.peek() == Some(&&i) {
            next.next();
        } else {
            rest.push(i);
        }
    }
    (rest, drawn)
}

/// Rows to draw per class: `k · count / total`, floors first, then the largest remainders
/// (ties: the larger class, then the lower class); no class gives its last row.
fn allocate(counts: &[usize], k: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    let room = |c: usize| counts[c].saturating_sub(1);
    let mut quotas = vec![0_usize; counts.len()];
    if total == 0 {
        return quotas;
    }
    let mut remainders = Vec::with_capacity(counts.len());
    for (c, &count) in counts.iter().enumerate() {
        // k · count fits easily in u128; the quotient is at most `count`.
        let exact = (k as u128) * (count as u128);
        let floor = usize::try_from(exact / total as u128).unwrap_or(count);
        quotas[c] = floor.min(room(c));
        remainders.push((exact % total as u128, c));
    }
    let mut left = k.saturating_sub(quotas.iter().sum());
    remainders.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(counts[b.1].cmp(&counts[a.1]))
            .then(a.1.cmp(&b.1))
    });
    for &(_, c) in &remainders {
        if left == 0 {
            break;
        }
        if quotas[c] < room(c) {
            quotas[c] += 1;
            left -= 1;
        }
    }
    // Rows left over because small classes had no room: from the largest classes with room.
    let mut by_size: Vec<usize> = (0..counts.len()).collect();
    by_size.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    for c in by_size {
        let add = left.min(room(c) - quotas[c]);
        quotas[c] += add;
        left -= add;
    }
    quotas
}

impl SplitIndices {
    pub fn sizes(&self, n_rows: usize, n_dropped: usize) -> SplitSizes {
        SplitSizes {
            n_rows,
            n_dropped,
            n_train: self.train.len(),
            n_validation: self.validation.len(),
            n_test: self.test.len(),
        }
    }

    /// An error naming the empty part, the rows there are and what to do.
    fn check(&self, n: usize) -> Result<(), TrainError> {
        let empty = [
            ("training", self.train.is_empty()),
            ("validation", self.validation.is_empty()),
            ("test", self.test.is_empty()),
        ]
        .into_iter()
        .find(|(_, empty)| *empty);
        match empty {
            None => Ok(()),
            Some((part, _)) => Err(TrainError::TooLittleData {
                what: format!(
                    "the {part} part would be empty: only {n} rows are left after dropping rows with missing values. Use a larger table, drop fewer rows, or change the split's shares"
                ),
            }),
        }
    }
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;
