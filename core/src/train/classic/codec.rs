//! The classic models' parameters in the codec's format (see [`crate::train::codec`]), and
//! their checks on the way back: every index within the model's sizes, so a damaged model
//! fails to decode instead of panicking when it scores.

use super::ClassicModel;
use super::bayes::{ClassStats, GaussianNb};
use super::boosting::{BoostNode, Boosted, LEAF as BOOST_LEAF};
use super::knn::{self, Knn};
use super::logistic::Logistic;
use super::tree::{Forest, LEAF, Node, Tree};
use crate::train::codec::{CodecError, Kind, Reader, Sizes, Writer};
use crate::train::{KnnParams, Matrix};

pub(crate) fn write(model: &ClassicModel, w: &mut Writer) {
    match model {
        ClassicModel::Logistic(m) => write_logistic(m, w),
        ClassicModel::Tree(m) | ClassicModel::Forest(m) => write_forest(m, w),
        ClassicModel::Knn(m) => write_knn(m, w),
        ClassicModel::GaussianNb(m) => write_bayes(m, w),
        ClassicModel::Boosted(m) => write_boosted(m, w),
    }
}

/// A classic model of `kind` (not the network).
pub(crate) fn read(kind: Kind, r: &mut Reader, sizes: Sizes) -> Result<ClassicModel, CodecError> {
    Ok(match kind {
        Kind::Logistic => ClassicModel::Logistic(read_logistic(r, sizes)?),
        Kind::Tree => ClassicModel::Tree(read_forest(r, sizes)?),
        Kind::Forest => ClassicModel::Forest(read_forest(r, sizes)?),
        Kind::Knn => ClassicModel::Knn(Box::new(read_knn(r, sizes)?)),
        Kind::GaussianNb => ClassicModel::GaussianNb(read_bayes(r, sizes)?),
        Kind::Boosting => ClassicModel::Boosted(read_boosted(r, sizes)?),
        Kind::Network => return Err(r.invalid("a network is not a classic model".into())),
    })
}

/// Fails unless the sizes written in the model are the report's.
fn check_sizes(
    r: &Reader,
    n_features: usize,
    n_classes: usize,
    sizes: Sizes,
) -> Result<(), CodecError> {
    r.check(
        n_features == sizes.n_features && n_classes == sizes.n_classes,
        || {
            format!(
                "it was fitted on {n_features} features and {n_classes} classes, the run has {} and {}",
                sizes.n_features, sizes.n_classes
            )
        },
    )
}

fn check_labels(r: &Reader, labels: &[u32], n_classes: usize) -> Result<(), CodecError> {
    match labels.iter().find(|&&c| c as usize >= n_classes) {
        Some(bad) => Err(r.invalid(format!("class {bad} is not below the {n_classes} classes"))),
        None => Ok(()),
    }
}

fn write_logistic(m: &Logistic, w: &mut Writer) {
    w.len(m.n_features);
    w.len(m.n_classes);
    w.u32s(&m.present);
    w.f64s(&m.w);
    w.f64s(&m.b);
}

fn read_logistic(r: &mut Reader, sizes: Sizes) -> Result<Logistic, CodecError> {
    r.what = "the logistic regression".into();
    let (n_features, n_classes) = (r.len()?, r.len()?);
    check_sizes(r, n_features, n_classes, sizes)?;
    let present = r.u32s()?;
    let (w, b) = (r.f64s()?, r.f64s()?);
    let k = present.len();
    check_labels(r, &present, n_classes)?;
    r.check(k > 0 && present.windows(2).all(|p| p[0] < p[1]), || {
        "its classes are not a sorted, non-empty list".into()
    })?;
    r.check(w.len() == n_features * k && b.len() == k, || {
        format!(
            "{n_features} features × {k} classes need {} weights and {k} intercepts, the bytes hold {} and {}",
            n_features * k,
            w.len(),
            b.len()
        )
    })?;
    Ok(Logistic {
        present,
        w,
        b,
        n_features,
        n_classes,
    })
}

fn write_forest(m: &Forest, w: &mut Writer) {
    w.len(m.trees.first().map_or(0, |t| t.n_features));
    w.len(m.n_classes);
    w.len(m.trees.len());
    for tree in &m.trees {
        w.len(tree.nodes.len());
        for node in &tree.nodes {
            w.u32(node.feature);
            w.bytes.extend_from_slice(&node.threshold.to_le_bytes());
            w.u32(node.left);
            w.u32(node.right);
        }
        w.u32s(&tree.classes);
        w.f32s(&tree.shares);
    }
}

fn read_forest(r: &mut Reader, sizes: Sizes) -> Result<Forest, CodecError> {
    r.what = "the trees".into();
    let (n_features, n_classes) = (r.len()?, r.len()?);
    check_sizes(r, n_features, n_classes, sizes)?;
    // A tree takes at least three lengths.
    let n_trees = r.count(24)?;
    r.check(n_trees > 0, || "the forest has no trees".into())?;
    let mut trees = Vec::with_capacity(n_trees);
    for index in 0..n_trees {
        r.what = format!("tree {} of {n_trees}", index + 1);
        trees.push(read_tree(r, n_features, n_classes)?);
    }
    Ok(Forest::new(trees, n_classes))
}

fn read_tree(r: &mut Reader, n_features: usize, n_classes: usize) -> Result<Tree, CodecError> {
    let n_nodes = r.count(16)?;
    let mut nodes = Vec::with_capacity(n_nodes);
    for _ in 0..n_nodes {
        nodes.push(Node {
            feature: r.u32()?,
            threshold: r.f32()?,
            left: r.u32()?,
            right: r.u32()?,
        });
    }
    let classes = r.u32s()?;
    let shares = r.f32s()?;
    r.check(!nodes.is_empty(), || "a tree has no nodes".into())?;
    r.check(classes.len() == shares.len(), || {
        format!("{} leaf classes but {} shares", classes.len(), shares.len())
    })?;
    check_labels(r, &classes, n_classes)?;
    for (i, node) in nodes.iter().enumerate() {
        let (left, right) = (node.left as usize, node.right as usize);
        let ok = if node.feature == LEAF {
            left <= right && right <= classes.len()
        } else {
            // Children come after their parent, so scoring a row always ends at a leaf.
            (node.feature as usize) < n_features
                && left > i
                && right > i
                && left < n_nodes
                && right < n_nodes
        };
        r.check(ok, || format!("node {i} points outside the tree"))?;
    }
    Ok(Tree {
        nodes,
        classes,
        shares,
        n_features,
    })
}

fn write_knn(m: &Knn, w: &mut Writer) {
    w.len(m.x.n_cols);
    w.len(m.n_classes());
    w.len(m.params.k);
    w.u8(u8::from(m.params.distance_weighted));
    w.len(m.x.n_rows);
    w.f32s(&m.x.data);
    w.u32s(&m.y);
}

fn read_knn(r: &mut Reader, sizes: Sizes) -> Result<Knn, CodecError> {
    r.what = "the k-nearest neighbours' training rows".into();
    let (n_features, n_classes) = (r.len()?, r.len()?);
    check_sizes(r, n_features, n_classes, sizes)?;
    let (k, weighted, n_rows) = (r.len()?, r.u8()?, r.len()?);
    let data = r.f32s()?;
    let y = r.u32s()?;
    let x =
        Matrix::from_vec(n_rows, n_features, data).filter(|x| x.data.iter().all(|v| v.is_finite()));
    let Some(x) = x else {
        return Err(r.invalid(format!(
            "the rows are not {n_rows} × {n_features} finite values"
        )));
    };
    check_labels(r, &y, n_classes)?;
    r.check(
        y.len() == n_rows && (1..=n_rows).contains(&k) && weighted <= 1,
        || format!("{} labels for {n_rows} rows with k = {k}", y.len()),
    )?;
    let params = KnnParams {
        k,
        distance_weighted: weighted == 1,
    };
    knn::fit(&x, &y, n_classes, &params)
        .map_err(|e| r.invalid(format!("fitting the neighbours again failed: {e}")))
}

fn write_bayes(m: &GaussianNb, w: &mut Writer) {
    w.len(m.classes.first().map_or(0, |c| c.mean.len()));
    w.len(m.n_classes);
    w.len(m.classes.len());
    for c in &m.classes {
        w.u32(c.class);
        w.f64s(&[c.log_prior]);
        w.f64s(&c.mean);
        w.f64s(&c.var);
    }
}

fn read_bayes(r: &mut Reader, sizes: Sizes) -> Result<GaussianNb, CodecError> {
    r.what = "the naive Bayes class statistics".into();
    let (n_features, n_classes) = (r.len()?, r.len()?);
    check_sizes(r, n_features, n_classes, sizes)?;
    // A class takes its label and three lengths at least.
    let n_stats = r.count(28)?;
    let mut classes = Vec::with_capacity(n_stats);
    for _ in 0..n_stats {
        let class = r.u32()?;
        let prior = r.f64s()?;
        let (mean, var) = (r.f64s()?, r.f64s()?);
        check_labels(r, &[class], n_classes)?;
        let [log_prior] = prior[..] else {
            return Err(r.invalid(format!("class {class} has {} priors", prior.len())));
        };
        r.check(mean.len() == n_features && var.len() == n_features, || {
            format!(
                "class {class} has {} means and {} variances",
                mean.len(),
                var.len()
            )
        })?;
        classes.push(ClassStats {
            class,
            log_prior,
            mean,
            var,
        });
    }
    r.check(!classes.is_empty(), || "no class statistics".into())?;
    Ok(GaussianNb { classes, n_classes })
}

fn write_boosted(m: &Boosted, w: &mut Writer) {
    w.len(m.n_features);
    w.len(m.n_classes);
    w.u32s(&m.present);
    w.f64s(&m.baseline);
    w.len(m.trees.len());
    for tree in &m.trees {
        w.len(tree.len());
        for node in tree {
            w.u32(node.feature);
            w.bytes.extend_from_slice(&node.threshold.to_le_bytes());
            w.u32(node.left);
            w.u32(node.right);
            w.bytes.extend_from_slice(&node.value.to_le_bytes());
        }
    }
}

fn read_boosted(r: &mut Reader, sizes: Sizes) -> Result<Boosted, CodecError> {
    r.what = "the gradient boosting".into();
    let (n_features, n_classes) = (r.len()?, r.len()?);
    check_sizes(r, n_features, n_classes, sizes)?;
    let present = r.u32s()?;
    let baseline = r.f64s()?;
    check_labels(r, &present, n_classes)?;
    r.check(
        present.len() >= 2 && present.windows(2).all(|p| p[0] < p[1]),
        || "its classes are not a sorted list of at least two".into(),
    )?;
    r.check(baseline.len() == present.len(), || {
        format!(
            "{} classes but {} baseline scores",
            present.len(),
            baseline.len()
        )
    })?;
    // A tree takes at least its length.
    let n_trees = r.count(8)?;
    let mut trees = Vec::with_capacity(n_trees);
    for index in 0..n_trees {
        r.what = format!("boosting tree {} of {n_trees}", index + 1);
        // A node takes 28 bytes.
        let n_nodes = r.count(28)?;
        let mut nodes = Vec::with_capacity(n_nodes);
        for _ in 0..n_nodes {
            nodes.push(BoostNode {
                feature: r.u32()?,
                threshold: r.f64()?,
                left: r.u32()?,
                right: r.u32()?,
                value: r.f64()?,
            });
        }
        r.check(!nodes.is_empty(), || "a tree has no nodes".into())?;
        for (i, node) in nodes.iter().enumerate() {
            // Children come after their parent, so scoring a row always ends at a leaf.
            let ok = node.feature == BOOST_LEAF
                || ((node.feature as usize) < n_features
                    && node.left as usize > i
                    && node.right as usize > i
                    && (node.left as usize) < n_nodes
                    && (node.right as usize) < n_nodes);
            r.check(ok, || format!("node {i} points outside the tree"))?;
        }
        trees.push(nodes);
    }
    let model = Boosted {
        present,
        baseline,
        trees,
        n_features,
        n_classes,
    };
    r.check(
        model.trees.len().is_multiple_of(model.per_iteration()),
        || {
            format!(
                "{} trees are not whole iterations of {} trees",
                model.trees.len(),
                model.per_iteration()
            )
        },
    )?;
    Ok(model)
}
