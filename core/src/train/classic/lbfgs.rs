//! L-BFGS (memory 10) with a backtracking Armijo line search, stopping as scipy's L-BFGS-B
//! does for scikit-learn: the largest gradient component at most `tol`, a relative decrease
//! of the objective below 64 ε, or `max_iter` iterations.

// The optimiser's usual notation (x, y, f, g, s, d).
#![allow(clippy::many_single_char_names)]
const MEMORY: usize = 10;
const ARMIJO: f64 = 1e-4;
const MAX_HALVINGS: usize = 50;

/// Minimises `f` (which returns the value and writes the gradient) from `x`; returns the
/// number of iterations done.
pub fn minimise(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x: &mut [f64],
    max_iter: usize,
    tol: f64,
) -> usize {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut value = f(x, &mut g);
    let (mut s_hist, mut y_hist, mut rho): (Vec<Vec<f64>>, Vec<Vec<f64>>, Vec<f64>) =
        (Vec::new(), Vec::new(), Vec::new());
    let (mut x_new, mut g_new) = (vec![0.0; n], vec![0.0; n]);
    for iter in 0..max_iter {
        if max_abs(&g) <= tol {
            return iter;
        }
        let d = direction(&g, &s_hist, &y_hist, &rho);
        let slope = dot(&g, &d);
        // The first step is scaled to unit length, as scipy's; later ones start at 1.
        let mut step = if s_hist.is_empty() {
            1.0 / norm(&d).max(1e-300)
        } else {
            1.0
        };
        let mut accepted = false;
        for _ in 0..MAX_HALVINGS {
            for k in 0..n {
                x_new[k] = x[k] + step * d[k];
            }
            let v = f(&x_new, &mut g_new);
            if v.is_finite() && v <= value + ARMIJO * step * slope {
                accepted = true;
                let s: Vec<f64> = x_new.iter().zip(x.iter()).map(|(a, b)| a - b).collect();
                let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
                let sy = dot(&s, &y);
                // Keep only pairs of positive curvature, so the inverse Hessian stays definite.
                if sy > 1e-10 * dot(&y, &y).max(f64::MIN_POSITIVE) {
                    if s_hist.len() == MEMORY {
                        s_hist.remove(0);
                        y_hist.remove(0);
                        rho.remove(0);
                    }
                    s_hist.push(s);
                    y_hist.push(y);
                    rho.push(1.0 / sy);
                }
                let decrease = (value - v) / value.abs().max(v.abs()).max(1.0);
                x.copy_from_slice(&x_new);
                g.copy_from_slice(&g_new);
                value = v;
                if decrease <= 64.0 * f64::EPSILON {
                    return iter + 1;
                }
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            return iter;
        }
    }
    max_iter
}

/// The two-loop recursion: −H·g with H the L-BFGS inverse Hessian.
fn direction(g: &[f64], s_hist: &[Vec<f64>], y_hist: &[Vec<f64>], rho: &[f64]) -> Vec<f64> {
    let mut q: Vec<f64> = g.to_vec();
    let mut alpha = vec![0.0; s_hist.len()];
    for i in (0..s_hist.len()).rev() {
        alpha[i] = rho[i] * dot(&s_hist[i], &q);
        axpy(-alpha[i], &y_hist[i], &mut q);
    }
    if let (Some(s), Some(y)) = (s_hist.last(), y_hist.last()) {
        let gamma = dot(s, y) / dot(y, y);
        for v in &mut q {
            *v *= gamma;
        }
    }
    for i in 0..s_hist.len() {
        let beta = rho[i] * dot(&y_hist[i], &q);
        axpy(alpha[i] - beta, &s_hist[i], &mut q);
    }
    for v in &mut q {
        *v = -*v;
    }
    q
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

fn max_abs(a: &[f64]) -> f64 {
    a.iter().fold(0.0, |m, v| m.max(v.abs()))
}

fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}
