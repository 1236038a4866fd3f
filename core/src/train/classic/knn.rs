//! k-nearest neighbours as scikit-learn's `KNeighborsClassifier` (Euclidean distance, in
//! f64): a row's probabilities are its k nearest training rows' vote shares, uniform or
//! weighted by 1/distance (rows at distance 0 then take all the weight, as in scikit-learn).
//! Of training rows tied at the k-th distance, the lower row indices are taken.
//!
//! Training rows with identical features are one point of a k-d tree (`distinct`), which
//! holds its rows in row order: the course's rows are daily chart entries of far fewer songs,
//! so a query searches songs, and its neighbours are often one song's rows at distance 0.
//! The model keeps its training rows, labels and parameters for the codec, which builds the
//! tree again on decode.

use crate::train::distinct::{distinct_rows, members_by};
use crate::train::error::TrainError;
use crate::train::{KnnParams, Matrix};

const NAME: &str = "k-nearest neighbours";

/// The largest value (in absolute terms) a training row may hold: far beyond any scaled or
/// raw audio feature, so a larger one is damage (a saved model's bytes) or a unit mistake.
const MAX_ABS_VALUE: f32 = 1e18;

/// Points per leaf of the k-d tree.
const LEAF_POINTS: usize = 16;

#[derive(Debug)]
pub struct Knn {
    n_classes: usize,
    index: Index,
    /// What the model was fitted on, for the codec.
    pub(super) x: Matrix,
    pub(super) y: Vec<u32>,
    pub(super) params: KnnParams,
}

pub fn fit(x: &Matrix, y: &[u32], n_classes: usize, p: &KnnParams) -> Result<Knn, TrainError> {
    let too_large = x
        .data
        .iter()
        .position(|v| !(v.is_finite() && v.abs() <= MAX_ABS_VALUE));
    if let Some(at) = too_large {
        return Err(fit_error(
            NAME,
            &format!(
                "training row {} holds {:e}, beyond the ±{MAX_ABS_VALUE:e} that distances can be measured over; scale the features (MinMax or Standard scaler) or remove the row",
                at / x.n_cols.max(1),
                x.data[at]
            ),
        ));
    }
    if p.k == 0 || p.k > x.n_rows || y.len() != x.n_rows {
        return Err(fit_error(
            NAME,
            &format!(
                "k = {} with {} training rows; choose k between 1 and the number of rows",
                p.k, x.n_rows
            ),
        ));
    }
    Ok(Knn {
        n_classes,
        index: Index::new(x),
        x: x.clone(),
        y: y.to_vec(),
        params: *p,
    })
}

impl Knn {
    pub(super) fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        if x.n_cols != self.x.n_cols {
            return Err(fit_error(
                NAME,
                &format!(
                    "{} features given, {} fitted; score rows with the features the model was trained on",
                    x.n_cols, self.x.n_cols
                ),
            ));
        }
        let mut out = Matrix::zeros(x.n_rows, self.n_classes);
        let mut search = Search::default();
        let mut query = vec![0.0f64; x.n_cols];
        for i in 0..x.n_rows {
            for (q, &v) in query.iter_mut().zip(x.row(i)) {
                *q = f64::from(v);
            }
            self.index.nearest(&query, self.params.k, &mut search);
            self.vote(&search, out.row_mut(i));
        }
        Ok(out)
    }

    /// The k chosen rows' votes into `out` (one column per class), as shares.
    fn vote(&self, search: &Search, out: &mut [f32]) {
        let k = self.params.k;
        let index = &self.index;
        // Every row of a point closer than the k-th distance, then the lowest row indices of
        // the points at that distance.
        let mut chosen: Vec<(f64, u32)> = Vec::with_capacity(k);
        let mut tied: Vec<u32> = Vec::new();
        for &(d2, point) in &search.found {
            if d2 < search.radius2 {
                chosen.extend(index.rows_of(point).iter().map(|&r| (d2, r)));
            } else {
                tied.extend_from_slice(index.rows_of(point));
            }
        }
        tied.sort_unstable();
        let need = k.saturating_sub(chosen.len());
        chosen.extend(tied.iter().take(need).map(|&r| (search.radius2, r)));
        // Votes added nearest first (ties by row), so weighted sums do not depend on the search.
        chosen.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut votes = vec![0.0f64; self.n_classes];
        let exact = chosen.iter().any(|&(d2, _)| d2 == 0.0);
        for &(d2, row) in &chosen {
            let weight = match (self.params.distance_weighted, exact) {
                (false, _) => 1.0,
                (true, true) => f64::from(u8::from(d2 == 0.0)),
                (true, false) => 1.0 / d2.sqrt(),
            };
            votes[self.y[row as usize] as usize] += weight;
        }
        let total: f64 = votes.iter().sum();
        for (o, v) in out.iter_mut().zip(&votes) {
            #[allow(clippy::cast_possible_truncation)] // probabilities fit f32
            let share = (v / total) as f32;
            *o = share;
        }
    }
}

fn fit_error(model: &'static str, message: &str) -> TrainError {
    TrainError::Fit {
        model,
        message: message.to_string(),
    }
}

/// A k-d tree over the distinct training points.
#[derive(Debug)]
struct Index {
    n_features: usize,
    /// The distinct points, in the tree's order (a node's points are contiguous).
    points: Vec<f64>,
    /// Point `p`'s training rows are `rows[row_start[p]..row_start[p + 1]]`, ascending.
    row_start: Vec<u32>,
    rows: Vec<u32>,
    nodes: Vec<Node>,
    /// Per node, its points' smallest values then their largest (`2 × n_features`).
    bounds: Vec<f64>,
}

/// Points `start..end`; children `left`/`right` (`u32::MAX` for a leaf) split on `dim`.
#[derive(Debug, Clone, Copy)]
struct Node {
    start: u32,
    end: u32,
    left: u32,
    right: u32,
    dim: u32,
    split: f64,
}

/// A query's state: the points found so far by squared distance (ties by position), and
/// the squared distance of the k-th row among them (infinite until k rows are found).
#[derive(Debug, Default)]
struct Search {
    found: Vec<(f64, u32)>,
    radius2: f64,
    stack: Vec<u32>,
}

impl Index {
    #[allow(clippy::cast_possible_truncation)] // points ≤ rows, counted in u32
    fn new(x: &Matrix) -> Index {
        let d = x.n_cols;
        let (of_row, first_rows) = distinct_rows(x);
        let value = |g: usize, f: usize| f64::from(x.data[first_rows[g] * d + f]);
        let mut order: Vec<usize> = (0..first_rows.len()).collect();
        let mut nodes = vec![Node {
            start: 0,
            end: order.len() as u32,
            left: u32::MAX,
            right: u32::MAX,
            dim: 0,
            split: 0.0,
        }];
        let mut todo = vec![0usize];
        while let Some(id) = todo.pop() {
            let (start, end) = (nodes[id].start as usize, nodes[id].end as usize);
            if end - start <= LEAF_POINTS {
                continue;
            }
            let span = |f: usize| {
                let (lo, hi) = order[start..end]
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &g| {
                        (lo.min(value(g, f)), hi.max(value(g, f)))
                    });
                hi - lo
            };
            let dim = (0..d).fold(0, |best, f| if span(f) > span(best) { f } else { best });
            if span(dim) <= 0.0 {
                continue;
            }
            let mid = start + (end - start) / 2;
            order[start..end].select_nth_unstable_by(mid - start, |&a, &b| {
                value(a, dim).total_cmp(&value(b, dim)).then(a.cmp(&b))
            });
            let split = value(order[mid], dim);
            let left = nodes.len();
            for (s, e) in [(start, mid), (mid, end)] {
                nodes.push(Node {
                    start: s as u32,
                    end: e as u32,
                    left: u32::MAX,
                    right: u32::MAX,
                    dim: 0,
                    split: 0.0,
                });
            }
            nodes[id] = Node {
                left: left as u32,
                right: left as u32 + 1,
                dim: dim as u32,
                split,
                ..nodes[id]
            };
            todo.extend([left, left + 1]);
        }
        let points: Vec<f64> = order
            .iter()
            .flat_map(|&g| (0..d).map(move |f| value(g, f)))
            .collect();
        let mut position = vec![0u32; order.len()];
        for (p, &g) in order.iter().enumerate() {
            position[g] = p as u32;
        }
        let of_point: Vec<u32> = of_row.iter().map(|&g| position[g as usize]).collect();
        let (row_start, rows) = members_by(&of_point, order.len(), |i| i);
        let bounds = nodes
            .iter()
            .flat_map(|n| {
                let range = n.start as usize..n.end as usize;
                let pts = &points;
                let lo = (0..d).map(move |f| {
                    range
                        .clone()
                        .map(|p| pts[p * d + f])
                        .fold(f64::INFINITY, f64::min)
                });
                let range = n.start as usize..n.end as usize;
                let hi = (0..d).map(move |f| {
                    range
                        .clone()
                        .map(|p| pts[p * d + f])
                        .fold(f64::NEG_INFINITY, f64::max)
                });
                lo.chain(hi).collect::<Vec<_>>()
            })
            .collect();
        Index {
            n_features: d,
            points,
            row_start,
            rows,
            nodes,
            bounds,
        }
    }

    fn rows_of(&self, point: u32) -> &[u32] {
        let p = point as usize;
        &self.rows[self.row_start[p] as usize..self.row_start[p + 1] as usize]
    }

    /// Squared distance from `q` to node `id`'s bounding box.
    fn box_distance2(&self, id: usize, q: &[f64]) -> f64 {
        let d = self.n_features;
        let (lo, hi) = self.bounds[2 * d * id..2 * d * (id + 1)].split_at(d);
        q.iter()
            .zip(lo.iter().zip(hi))
            .map(|(&v, (&l, &h))| {
                let gap = (l - v).max(v - h).max(0.0);
                gap * gap
            })
            .sum()
    }

    /// The points holding `q`'s `k` nearest rows (and every point tied with the k-th), into
    /// `search`.
    #[allow(clippy::cast_possible_truncation)] // points ≤ rows, counted in u32
    fn nearest(&self, q: &[f64], k: usize, search: &mut Search) {
        let d = self.n_features;
        search.found.clear();
        search.radius2 = f64::INFINITY;
        search.stack.clear();
        search.stack.push(0);
        while let Some(id) = search.stack.pop() {
            let node = self.nodes[id as usize];
            if self.box_distance2(id as usize, q) > search.radius2 {
                continue;
            }
            if node.left == u32::MAX {
                for p in node.start as usize..node.end as usize {
                    let d2: f64 = self.points[p * d..(p + 1) * d]
                        .iter()
                        .zip(q)
                        .map(|(a, b)| (a - b) * (a - b))
                        .sum();
                    if d2 <= search.radius2 {
                        self.insert(search, d2, p as u32, k);
                    }
                }
                continue;
            }
            // The nearer child is searched first (pushed last).
            let (near, far) = if q[node.dim as usize] < node.split {
                (node.left, node.right)
            } else {
                (node.right, node.left)
            };
            search.stack.extend([far, near]);
        }
    }

    /// Adds point `p` at squared distance `d2`, then keeps only the points needed for `k`
    /// rows (and those tied with the k-th row's distance), updating the radius.
    fn insert(&self, search: &mut Search, d2: f64, p: u32, k: usize) {
        let at = search.found.partition_point(|&(e, q)| (e, q) < (d2, p));
        search.found.insert(at, (d2, p));
        let mut rows = 0;
        for (i, &(e, point)) in search.found.iter().enumerate() {
            rows += self.rows_of(point).len();
            if rows >= k {
                search.radius2 = e;
                let keep = i + 1 + search.found[i + 1..].partition_point(|&(f, _)| f <= e);
                search.found.truncate(keep);
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::many_single_char_names // x, y, p, q, d as in the definitions
    )]
    use super::*;
    use crate::random::{index_below, rng_from_seed};

    /// scikit-learn's brute force from its definition: every training row's distance, the k
    /// smallest (ties by row index), their votes.
    fn brute(x: &Matrix, y: &[u32], n_classes: usize, p: &KnnParams, q: &[f32]) -> Vec<f32> {
        let mut d: Vec<(f64, usize)> = (0..x.n_rows)
            .map(|i| {
                let d2: f64 = x
                    .row(i)
                    .iter()
                    .zip(q)
                    .map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2))
                    .sum();
                (d2, i)
            })
            .collect();
        d.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let chosen = &d[..p.k];
        let exact = chosen.iter().any(|c| c.0 == 0.0);
        let mut votes = vec![0.0f64; n_classes];
        for &(d2, i) in chosen {
            votes[y[i] as usize] += match (p.distance_weighted, exact) {
                (false, _) => 1.0,
                (true, true) => f64::from(u8::from(d2 == 0.0)),
                (true, false) => 1.0 / d2.sqrt(),
            };
        }
        let total: f64 = votes.iter().sum();
        votes.iter().map(|v| (v / total) as f32).collect()
    }

    /// Rows drawn from a few distinct points on a coarse grid (many equal rows and many equal
    /// distances), random labels; queries from the same grid and off it.
    fn grid(seed: u64, n_rows: usize, n_points: usize) -> (Matrix, Vec<u32>, Matrix) {
        let mut rng = rng_from_seed(seed);
        let coord = |rng: &mut _| index_below(rng, 5) as f32 * 0.25;
        let points: Vec<[f32; 3]> = (0..n_points)
            .map(|_| [coord(&mut rng), coord(&mut rng), coord(&mut rng)])
            .collect();
        let mut data = Vec::new();
        let mut y = Vec::new();
        for _ in 0..n_rows {
            data.extend_from_slice(&points[index_below(&mut rng, n_points)]);
            y.push(index_below(&mut rng, 4) as u32);
        }
        let queries: Vec<f32> = (0..60 * 3)
            .map(|i| {
                if i % 2 == 0 {
                    coord(&mut rng)
                } else {
                    index_below(&mut rng, 1000) as f32 / 999.0
                }
            })
            .collect();
        (
            Matrix::from_vec(n_rows, 3, data).unwrap(),
            y,
            Matrix::from_vec(60, 3, queries).unwrap(),
        )
    }

    #[test]
    fn the_tree_finds_what_brute_force_finds_with_equal_rows_and_tied_distances() {
        for seed in 0..8u64 {
            let (x, y, queries) = grid(seed, 300 + 50 * seed as usize, 5 + 10 * seed as usize);
            for k in [1, 5, 12] {
                for distance_weighted in [false, true] {
                    let p = KnnParams {
                        k,
                        distance_weighted,
                    };
                    let model = fit(&x, &y, 4, &p).unwrap();
                    let proba = model.predict_proba(&queries).unwrap();
                    for i in 0..queries.n_rows {
                        let expected = brute(&x, &y, 4, &p, queries.row(i));
                        assert_eq!(
                            proba.row(i),
                            expected.as_slice(),
                            "seed {seed}, k {k}, weighted {distance_weighted}, query {i}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn k_beyond_the_rows_and_other_feature_counts_are_refused_in_words() {
        let (x, y, _) = grid(1, 10, 3);
        let p = KnnParams {
            k: 11,
            distance_weighted: false,
        };
        assert!(
            fit(&x, &y, 4, &p)
                .unwrap_err()
                .to_string()
                .contains("k = 11")
        );
        let model = fit(&x, &y, 4, &KnnParams { k: 3, ..p }).unwrap();
        let err = model.predict_proba(&Matrix::zeros(1, 2)).unwrap_err();
        assert!(err.to_string().contains("2 features given"), "{err}");
    }
}
