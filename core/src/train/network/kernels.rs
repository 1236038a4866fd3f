//! The inner loops of the network on contiguous row-major `f32` buffers: a batch times a
//! weight matrix, the two gradient products, activations and softmax.
//!
//! Written so LLVM vectorises them (SSE natively, `simd128` in the browser): element-wise
//! loops over zipped slices, reductions split over eight independent accumulators (float
//! addition is not associative, so LLVM never reorders a single running sum itself), and
//! register tiles of 4 rows × 16 columns for the products, which load each weight once per
//! four rows. Every loop iterates slices, so the hot paths carry no bounds checks. The order
//! of operations is fixed, so results are identical whatever the build.
//!
//! In wasm32 every kernel here is compiled with `simd128` (`#[target_feature]` on each
//! function; the flag for the whole worker crashed LLVM with fat LTO), and the products'
//! inner loops — the 4 × 16 tile, `axpy`, `dot` — are written with `core::arch::wasm32`
//! intrinsics (LLVM left the tile scalar in wasm32: the worker held 31 `f32x4.mul` in all). Their loops are
//! element-wise — lane j of a vector does exactly what iteration j of the scalar loop did, in
//! the same order, with no fused multiply-add — so the browser's SIMD and the native build's
//! SSE give the same bits (`tests/e2e/cli_equality.test.mjs` compares trained weights).

use super::super::Activation;

/// Rows handled together by the product tiles.
const TILE_ROWS: usize = 4;
/// Columns handled together by the product tiles (four `f32x4` registers per row).
const TILE_COLS: usize = 16;

/// `out[r] = bias + Σ_k x[r][k] · w[k]` for every row `r`: `x` is `[rows][n_in]`, `w` is
/// `[n_in][n_out]`, `out` is `[rows][n_out]` with `n_out = bias.len()`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn matmul_bias(x: &[f32], n_in: usize, w: &[f32], bias: &[f32], out: &mut [f32]) {
    let n_out = bias.len();
    let full_cols = n_out - n_out % TILE_COLS;
    let mut x_blocks = x.chunks_exact(TILE_ROWS * n_in);
    let mut out_blocks = out.chunks_exact_mut(TILE_ROWS * n_out);
    for (x_block, out_block) in (&mut x_blocks).zip(&mut out_blocks) {
        for j0 in (0..full_cols).step_by(TILE_COLS) {
            tile_4x16(x_block, n_in, w, n_out, j0, bias, out_block);
        }
        if full_cols == n_out {
            continue;
        }
        for (x_row, out_row) in x_block
            .chunks_exact(n_in)
            .zip(out_block.chunks_exact_mut(n_out))
        {
            row_times_matrix(
                x_row,
                w,
                n_out,
                full_cols,
                &bias[full_cols..],
                &mut out_row[full_cols..],
            );
        }
    }
    let x_rest = x_blocks.remainder();
    let out_rest = out_blocks.into_remainder();
    for (x_row, out_row) in x_rest
        .chunks_exact(n_in)
        .zip(out_rest.chunks_exact_mut(n_out))
    {
        row_times_matrix(x_row, w, n_out, 0, bias, out_row);
    }
}

/// Columns `j0..j0 + 16` of four output rows, kept in registers over the whole `k` loop.
#[cfg(not(target_arch = "wasm32"))]
fn tile_4x16(
    x_block: &[f32],
    n_in: usize,
    w: &[f32],
    n_out: usize,
    j0: usize,
    bias: &[f32],
    out_block: &mut [f32],
) {
    let mut acc = [[0.0_f32; TILE_COLS]; TILE_ROWS];
    let bias_tile = &bias[j0..j0 + TILE_COLS];
    for row in &mut acc {
        row.copy_from_slice(bias_tile);
    }
    let (x0, rest) = x_block.split_at(n_in);
    let (x1, rest) = rest.split_at(n_in);
    let (x2, x3) = rest.split_at(n_in);
    for ((((w_row, a0), a1), a2), a3) in w.chunks_exact(n_out).zip(x0).zip(x1).zip(x2).zip(x3) {
        let w_tile = &w_row[j0..j0 + TILE_COLS];
        for (j, &wj) in w_tile.iter().enumerate() {
            acc[0][j] += a0 * wj;
            acc[1][j] += a1 * wj;
            acc[2][j] += a2 * wj;
            acc[3][j] += a3 * wj;
        }
    }
    for (r, row) in acc.iter().enumerate() {
        out_block[r * n_out + j0..r * n_out + j0 + TILE_COLS].copy_from_slice(row);
    }
}

/// [`tile_4x16`] in `simd128` registers: each row's 16 columns are four `f32x4`, and each
/// lane multiplies then adds exactly as the scalar loop does (no fused multiply-add).
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn tile_4x16(
    x_block: &[f32],
    n_in: usize,
    w: &[f32],
    n_out: usize,
    j0: usize,
    bias: &[f32],
    out_block: &mut [f32],
) {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat};
    let bias_tile = &bias[j0..j0 + TILE_COLS];
    let b = [
        load4(&bias_tile[0..4]),
        load4(&bias_tile[4..8]),
        load4(&bias_tile[8..12]),
        load4(&bias_tile[12..16]),
    ];
    let mut acc = [b; TILE_ROWS];
    let (x0, rest) = x_block.split_at(n_in);
    let (x1, rest) = rest.split_at(n_in);
    let (x2, x3) = rest.split_at(n_in);
    for ((((w_row, &a0), &a1), &a2), &a3) in w.chunks_exact(n_out).zip(x0).zip(x1).zip(x2).zip(x3) {
        let t = &w_row[j0..j0 + TILE_COLS];
        let wv = [
            load4(&t[0..4]),
            load4(&t[4..8]),
            load4(&t[8..12]),
            load4(&t[12..16]),
        ];
        for (row, a) in acc.iter_mut().zip([a0, a1, a2, a3]) {
            let av = f32x4_splat(a);
            for (r, &wj) in row.iter_mut().zip(&wv) {
                *r = f32x4_add(*r, f32x4_mul(av, wj));
            }
        }
    }
    for (r, row) in acc.iter().enumerate() {
        let out = &mut out_block[r * n_out + j0..r * n_out + j0 + TILE_COLS];
        for (chunk, &v) in out.chunks_exact_mut(4).zip(row) {
            store4(chunk, v);
        }
    }
}

/// Four values as one `f32x4` (`s` holds at least four).
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn load4(s: &[f32]) -> core::arch::wasm32::v128 {
    core::arch::wasm32::f32x4(s[0], s[1], s[2], s[3])
}

/// The lanes of `v` into `out[..4]`.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn store4(out: &mut [f32], v: core::arch::wasm32::v128) {
    use core::arch::wasm32::f32x4_extract_lane;
    out[0] = f32x4_extract_lane::<0>(v);
    out[1] = f32x4_extract_lane::<1>(v);
    out[2] = f32x4_extract_lane::<2>(v);
    out[3] = f32x4_extract_lane::<3>(v);
}

/// One row's columns `j0..` (`out` and `bias` start at `j0`): bias plus axpys of the rows of `w`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn row_times_matrix(
    x_row: &[f32],
    w: &[f32],
    n_out: usize,
    j0: usize,
    bias: &[f32],
    out: &mut [f32],
) {
    out.copy_from_slice(bias);
    for (&a, w_row) in x_row.iter().zip(w.chunks_exact(n_out)) {
        axpy(a, &w_row[j0..], out);
    }
}

/// `y += alpha · x`.
#[cfg(not(target_arch = "wasm32"))]
pub fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}

/// `y += alpha · x`, four lanes at a time (each lane as the scalar loop), the rest scalar.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
pub fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat};
    let n = y.len().min(x.len());
    let (x, y) = (&x[..n], &mut y[..n]);
    let av = f32x4_splat(alpha);
    let mut y_chunks = y.chunks_exact_mut(4);
    let mut x_chunks = x.chunks_exact(4);
    for (yc, xc) in (&mut y_chunks).zip(&mut x_chunks) {
        store4(yc, f32x4_add(load4(yc), f32x4_mul(av, load4(xc))));
    }
    for (yi, xi) in y_chunks
        .into_remainder()
        .iter_mut()
        .zip(x_chunks.remainder())
    {
        *yi += alpha * xi;
    }
}

/// `Σ a[i] · b[i]` over eight interleaved partial sums.
#[cfg(not(target_arch = "wasm32"))]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0_f32; 8];
    let a_chunks = a.chunks_exact(8);
    let b_chunks = b.chunks_exact(8);
    let tail = tail_dot(a_chunks.remainder(), b_chunks.remainder());
    for (xa, xb) in a_chunks.zip(b_chunks) {
        for ((s, x), y) in acc.iter_mut().zip(xa).zip(xb) {
            *s += x * y;
        }
    }
    (acc[0] + acc[4]) + (acc[1] + acc[5]) + (acc[2] + acc[6]) + (acc[3] + acc[7]) + tail
}

/// The scalar sum of products of the elements past [`dot`]'s last whole chunk of eight.
fn tail_dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// [`dot`]'s eight partial sums as two `f32x4`, added up in the same order.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    use core::arch::wasm32::{f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_splat};
    let mut lo = f32x4_splat(0.0);
    let mut hi = f32x4_splat(0.0);
    let a_chunks = a.chunks_exact(8);
    let b_chunks = b.chunks_exact(8);
    let tail = tail_dot(a_chunks.remainder(), b_chunks.remainder());
    for (xa, xb) in a_chunks.zip(b_chunks) {
        lo = f32x4_add(lo, f32x4_mul(load4(&xa[0..4]), load4(&xb[0..4])));
        hi = f32x4_add(hi, f32x4_mul(load4(&xa[4..8]), load4(&xb[4..8])));
    }
    let s = f32x4_add(lo, hi);
    f32x4_extract_lane::<0>(s)
        + f32x4_extract_lane::<1>(s)
        + f32x4_extract_lane::<2>(s)
        + f32x4_extract_lane::<3>(s)
        + tail
}

/// Rows `first_k..` of a layer's weight gradient, `dw[k] = Σ_r a[r][k] · dz[r]` summed in row
/// order from zero, with `a` the layer's input `[rows][n_in]`, `dz` its output delta
/// `[rows][n_out]` and `dw` holding whole rows of `n_out = dz.len() / rows` values.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn weight_gradient_rows(a: &[f32], n_in: usize, dz: &[f32], first_k: usize, dw: &mut [f32]) {
    let rows = a.len() / n_in.max(1);
    let n_out = dz.len() / rows.max(1);
    // Each gradient row stays in the cache while every batch row adds to it (4 × 16 register
    // tiles over the batch's rows measured no faster natively).
    for (k, dw_row) in (first_k..).zip(dw.chunks_exact_mut(n_out.max(1))) {
        dw_row.fill(0.0);
        for (a_row, dz_row) in a.chunks_exact(n_in).zip(dz.chunks_exact(n_out)) {
            axpy(a_row[k], dz_row, dw_row);
        }
    }
}

/// A layer's bias gradient, `db = Σ_r dz[r]` summed in row order, `dz` `[rows][db.len()]`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn bias_gradient(dz: &[f32], db: &mut [f32]) {
    db.fill(0.0);
    for dz_row in dz.chunks_exact(db.len().max(1)) {
        axpy(1.0, dz_row, db);
    }
}

/// Delta reaching a layer's input: `da[r][k] = Σ_j dz[r][j] · w[k][j]`, `da` `[rows][n_in]`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn input_gradient(dz: &[f32], w: &[f32], n_out: usize, da: &mut [f32]) {
    let n_in = w.len() / n_out;
    for (dz_row, da_row) in dz.chunks_exact(n_out).zip(da.chunks_exact_mut(n_in)) {
        for (d, w_row) in da_row.iter_mut().zip(w.chunks_exact(n_out)) {
            *d = dot(dz_row, w_row);
        }
    }
}

// Transcendentals come from the `libm` crate, not std: natively std's `exp`/`ln`/`tanh` are
// the platform's libm, in wasm32 Rust's port, and their last bits differ — with `libm` on both,
// the browser and the native CLI train bit-identical weights (tests/e2e/cli_equality.test.mjs).

/// Applies `activation` in place.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn activate(activation: Activation, values: &mut [f32]) {
    match activation {
        Activation::Relu => values.iter_mut().for_each(|v| *v = v.max(0.0)),
        Activation::Tanh => values.iter_mut().for_each(|v| *v = libm::tanhf(*v)),
        Activation::Sigmoid => values.iter_mut().for_each(|v| *v = sigmoid(*v)),
    }
}

/// The logistic function, without overflow for large negative inputs.
fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::expf(-z))
    } else {
        let e = libm::expf(z);
        e / (1.0 + e)
    }
}

/// `delta *= f'(z)`, with the derivative written in terms of the activation's output `a`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub fn times_derivative(activation: Activation, outputs: &[f32], delta: &mut [f32]) {
    let pairs = delta.iter_mut().zip(outputs);
    match activation {
        // Keras' relu has derivative 0 at 0 (its output is 0 exactly when z ≤ 0).
        Activation::Relu => pairs.for_each(|(d, &a)| *d = if a > 0.0 { *d } else { 0.0 }),
        Activation::Tanh => pairs.for_each(|(d, &a)| *d *= 1.0 - a * a),
        Activation::Sigmoid => pairs.for_each(|(d, &a)| *d *= a * (1.0 - a)),
    }
}

/// Softmax of each row in place (max subtracted first, so large logits stay finite).
pub fn softmax_rows(values: &mut [f32], n_cols: usize) {
    for row in values.chunks_exact_mut(n_cols) {
        let max = row.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let mut sum = 0.0_f32;
        for v in row.iter_mut() {
            *v = libm::expf(*v - max);
            sum += *v;
        }
        let inv = 1.0 / sum;
        for v in row.iter_mut() {
            *v *= inv;
        }
    }
}

/// Keras' clipping of probabilities before the logarithm of the cross-entropy.
pub const PROBABILITY_EPSILON: f32 = 1e-7;

/// Cross-entropy of one row of probabilities against class `label`, and whether the row's
/// most probable class (first of ties, as `argmax`) is `label`.
pub fn row_loss_and_hit(probabilities: &[f32], label: usize) -> (f64, bool) {
    let p = probabilities[label].clamp(PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON);
    let mut best = 0;
    for (j, &v) in probabilities.iter().enumerate() {
        if v > probabilities[best] {
            best = j;
        }
    }
    (-f64::from(libm::logf(p)), best == label)
}
