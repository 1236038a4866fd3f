//! One walk through both sorted samples in merged order, giving what three tests need:
//! the largest gap between the empirical CDFs (KS), the area between them (Wasserstein)
//! and how many distinct values the two hold together (Evidently's rule).

/// The results of [`walk`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct JointWalk {
    /// max |F₁ − F₂|, each CDF as count/n (scipy's `ks_2samp`).
    pub largest_gap: f64,
    /// ∫ |F₁ − F₂| dx (scipy's `wasserstein_distance`).
    pub wasserstein: f64,
    pub distinct: usize,
}

#[allow(clippy::many_single_char_names)] // a, b and their cursors i, j; x the value
pub(crate) fn walk(a: &[f64], b: &[f64]) -> JointWalk {
    let (na, nb) = (a.len(), b.len());
    let (fa, fb) = (na as f64, nb as f64);
    let (mut i, mut j, mut distinct) = (0, 0, 0);
    let (mut most, mut least, mut area) = (0.0_f64, 0.0_f64, 0.0);
    // The previous value and |F_a − F_b| from it to the next value.
    let mut previous: Option<(f64, f64)> = None;
    while i < na || j < nb {
        let x = if j >= nb || (i < na && a[i] <= b[j]) {
            a[i]
        } else {
            b[j]
        };
        while i < na && a[i] <= x {
            i += 1;
        }
        while j < nb && b[j] <= x {
            j += 1;
        }
        distinct += 1;
        if let Some((value, gap)) = previous {
            area += gap * (x - value);
        }
        let gap = i as f64 / fa - j as f64 / fb;
        most = most.max(gap);
        least = least.min(gap);
        previous = Some((x, gap.abs()));
    }
    JointWalk {
        largest_gap: most.max((-least).clamp(0.0, 1.0)),
        wasserstein: area,
        distinct,
    }
}
