//! The coalitions Kernel SHAP evaluates and their weights, chosen as shap's
//! `KernelExplainer` chooses them: subset sizes weighted by the Shapley kernel
//! (M−1)/(s(M−s)), paired with their complements; the smallest and largest sizes enumerated
//! in full while the sample budget covers them, the rest drawn at random (a drawn coalition
//! seen again adds weight instead of a row), and the drawn weights scaled to the kernel
//! weight left. Our draws come from our seeded generator, so they differ from shap's.

use std::collections::HashMap;

use rand::Rng;

use super::background::distinct_indices;

/// Coalitions as masks over the explained features, with their regression weights.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KernelPlan {
    pub masks: Vec<Vec<bool>>,
    pub weights: Vec<f64>,
    /// The first `n_fixed` coalitions are the enumerated ones.
    pub n_fixed: usize,
}

/// Most coalitions worth sampling for `m` features: all but the empty and the full one.
pub(crate) fn max_samples(m: usize) -> usize {
    if m <= 30 {
        (1_usize << m).saturating_sub(2)
    } else {
        1 << 30
    }
}

/// The plan for `m ≥ 2` features and `n_samples` coalitions (at most [`max_samples`]).
pub(crate) fn kernel_plan(m: usize, n_samples: usize, rng: &mut impl Rng) -> KernelPlan {
    let n_samples = n_samples.min(max_samples(m));
    let n_sizes = m / 2; // ⌈(m−1)/2⌉
    let n_paired = (m - 1) / 2;
    let mut size_weights: Vec<f64> = (1..=n_sizes)
        .map(|s| (m as f64 - 1.0) / (s as f64 * (m - s) as f64))
        .collect();
    for w in &mut size_weights[..n_paired] {
        *w *= 2.0;
    }
    let total: f64 = size_weights.iter().sum();
    for w in &mut size_weights {
        *w /= total;
    }
    let mut plan = KernelPlan {
        masks: Vec::new(),
        weights: Vec::new(),
        n_fixed: 0,
    };
    let n_full = enumerate_sizes(&mut plan, m, n_samples, &size_weights, n_paired);
    plan.n_fixed = plan.masks.len();
    if n_full < n_sizes {
        let left = n_samples.saturating_sub(plan.n_fixed);
        draw_sizes(&mut plan, m, left, &size_weights, n_paired, n_full, rng);
        let weight_left: f64 = size_weights[n_full..].iter().sum();
        let drawn: f64 = plan.weights[plan.n_fixed..].iter().sum();
        if drawn > 0.0 {
            for w in &mut plan.weights[plan.n_fixed..] {
                *w *= weight_left / drawn;
            }
        }
    }
    plan
}

/// Adds every coalition (and complement) of the sizes the budget covers, smallest first;
/// returns how many sizes were enumerated.
fn enumerate_sizes(
    plan: &mut KernelPlan,
    m: usize,
    n_samples: usize,
    size_weights: &[f64],
    n_paired: usize,
) -> usize {
    let mut left = n_samples as f64;
    let mut remaining = size_weights.to_vec();
    for (index, &size_weight) in size_weights.iter().enumerate() {
        let size = index + 1;
        let paired = size <= n_paired;
        let count = binomial(m, size);
        let n_subsets = if paired { 2.0 * count } else { count };
        if left * remaining[index] / n_subsets < 1.0 - 1e-8 {
            return index;
        }
        left -= n_subsets;
        if remaining[index] < 1.0 {
            let rest = 1.0 - remaining[index];
            for w in &mut remaining {
                *w /= rest;
            }
        }
        let weight = size_weight / count / if paired { 2.0 } else { 1.0 };
        for_each_combination(m, size, |mask| {
            plan.masks.push(mask.to_vec());
            plan.weights.push(weight);
            if paired {
                plan.masks.push(mask.iter().map(|&on| !on).collect());
                plan.weights.push(weight);
            }
        });
    }
    size_weights.len()
}

/// Draws the remaining coalitions: a size by its kernel weight, then a uniform subset of that
/// size (and its complement for paired sizes), at most 4 draws per sample.
fn draw_sizes(
    plan: &mut KernelPlan,
    m: usize,
    mut left: usize,
    size_weights: &[f64],
    n_paired: usize,
    n_full: usize,
    rng: &mut impl Rng,
) {
    let mut chances: Vec<f64> = size_weights.to_vec();
    for w in &mut chances[..n_paired] {
        *w /= 2.0; // two coalitions per draw
    }
    let chances = &chances[n_full..];
    let total: f64 = chances.iter().sum();
    let mut seen: HashMap<Vec<bool>, usize> = HashMap::new();
    // The complement added with a drawn coalition, by the drawn one's index.
    let mut partner: HashMap<usize, usize> = HashMap::new();
    for _ in 0..4 * left {
        if left == 0 {
            break;
        }
        let size = n_full + 1 + pick(chances, total, rng);
        let mut mask = vec![false; m];
        for j in distinct_indices(rng, m, size) {
            mask[j] = true;
        }
        let paired = size <= n_paired;
        let index = match seen.get(&mask) {
            Some(&index) => {
                plan.weights[index] += 1.0;
                if let (true, Some(&other)) = (paired, partner.get(&index)) {
                    plan.weights[other] += 1.0;
                }
                continue;
            }
            None => plan.masks.len(),
        };
        seen.insert(mask.clone(), index);
        let complement: Vec<bool> = mask.iter().map(|&on| !on).collect();
        plan.masks.push(mask);
        plan.weights.push(1.0);
        left -= 1;
        if left > 0 && paired {
            partner.insert(index, plan.masks.len());
            plan.masks.push(complement);
            plan.weights.push(1.0);
            left -= 1;
        }
    }
}

/// An index drawn with probability `chances[i] / total`.
fn pick(chances: &[f64], total: f64, rng: &mut impl Rng) -> usize {
    let mut target = rng.random::<f64>() * total;
    for (i, &chance) in chances.iter().enumerate() {
        if target < chance {
            return i;
        }
        target -= chance;
    }
    chances.len() - 1
}

/// Calls `visit` with the mask of every `size`-subset of `m` features, in lexicographic
/// order of their indices (as `itertools.combinations`).
fn for_each_combination(m: usize, size: usize, mut visit: impl FnMut(&[bool])) {
    let mut indices: Vec<usize> = (0..size).collect();
    let mut mask = vec![false; m];
    loop {
        mask.fill(false);
        for &i in &indices {
            mask[i] = true;
        }
        visit(&mask);
        // The rightmost index that can still move right.
        let Some(pos) = (0..size).rev().find(|&p| indices[p] < m - size + p) else {
            return;
        };
        indices[pos] += 1;
        for p in pos + 1..size {
            indices[p] = indices[p - 1] + 1;
        }
    }
}

/// C(n, k) as a float (exact while it stays below 2^53).
pub(crate) fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}
