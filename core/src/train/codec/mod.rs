//! A trained model as bytes, to keep beside its run record and install again later.
//!
//! The format, little-endian: the magic `JBXM`, the format version (`u16`), the model kind
//! (`u8`), then the kind's parameters — a network's layers (sizes, `f32` weights and biases,
//! activation); logistic regression's present classes, weights and intercepts (`f64`); a
//! tree's or forest's flat nodes and sparse leaf shares; Gaussian NB's per-class prior,
//! means and variances. A kNN model is its training rows, labels and `k`: decoding builds its
//! search tree again on those rows (deterministic, so the probabilities are the same). Counts are `u64`, values keep their exact bits.
//!
//! The run's [`TrainReport`] (settings, classes, scaler) travels as JSON beside the bytes and
//! is given back to [`decode`], which checks the bytes against it: every count against the
//! bytes left, every index against the model's sizes — so damaged or hostile bytes give a
//! [`CodecError`], never a panic or a huge allocation.

#[cfg(test)]
mod tests;
mod wire;

use thiserror::Error;

use super::classic::ClassicModel;
use super::model::{ModelKind, TrainedModel};
use super::network::{Dense, Network};
use super::{Activation, ModelSpec, TrainReport};

pub(crate) use wire::{Reader, Writer};

/// The first bytes of every encoded model.
pub const MAGIC: &[u8; 4] = b"JBXM";
/// The newest format this build reads, and the one it writes.
pub const FORMAT_VERSION: u16 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodecError {
    #[error(
        "these bytes are not a Jukebox model (they do not start with `JBXM`); the stored model is damaged or something else was stored in its place"
    )]
    NotAModel,
    #[error(
        "the model was saved in format version {version}, newer than this app reads (up to {supported}); update Jukebox (reload the page) to open it"
    )]
    NewerVersion { version: u16, supported: u16 },
    #[error(
        "the model's bytes end early in {what} (at byte {offset}: {needed} more bytes needed, {left} left); the stored model is damaged: train it again"
    )]
    Truncated {
        what: String,
        offset: usize,
        needed: usize,
        left: usize,
    },
    #[error("the model's bytes are damaged in {what}: {problem}; train the model again")]
    Invalid { what: String, problem: String },
    #[error(
        "the bytes hold a {found} model but the run's settings say {expected}; the stored model belongs to another run"
    )]
    KindMismatch {
        found: &'static str,
        expected: &'static str,
    },
}

/// The kind tag of each model, in the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Network = 1,
    Logistic = 2,
    Tree = 3,
    Forest = 4,
    Knn = 5,
    GaussianNb = 6,
    Boosting = 7,
}

impl Kind {
    fn of_spec(spec: &ModelSpec) -> Kind {
        match spec {
            ModelSpec::Network(_) => Kind::Network,
            ModelSpec::LogisticRegression(_) => Kind::Logistic,
            ModelSpec::DecisionTree(_) => Kind::Tree,
            ModelSpec::RandomForest(_) => Kind::Forest,
            ModelSpec::Knn(_) => Kind::Knn,
            ModelSpec::GaussianNb => Kind::GaussianNb,
            ModelSpec::HistGradientBoosting(_) => Kind::Boosting,
        }
    }

    fn of_model(kind: &ModelKind) -> Kind {
        match kind {
            ModelKind::Network(_) => Kind::Network,
            ModelKind::Classic(ClassicModel::Logistic(_)) => Kind::Logistic,
            ModelKind::Classic(ClassicModel::Tree(_)) => Kind::Tree,
            ModelKind::Classic(ClassicModel::Forest(_)) => Kind::Forest,
            ModelKind::Classic(ClassicModel::Knn(_)) => Kind::Knn,
            ModelKind::Classic(ClassicModel::GaussianNb(_)) => Kind::GaussianNb,
            ModelKind::Classic(ClassicModel::Boosted(_)) => Kind::Boosting,
        }
    }

    fn from_tag(tag: u8) -> Option<Kind> {
        [
            Kind::Network,
            Kind::Logistic,
            Kind::Tree,
            Kind::Forest,
            Kind::Knn,
            Kind::GaussianNb,
            Kind::Boosting,
        ]
        .into_iter()
        .find(|k| *k as u8 == tag)
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Network => "dense network",
            Kind::Logistic => "logistic regression",
            Kind::Tree => "decision tree",
            Kind::Forest => "random forest",
            Kind::Knn => "k-nearest neighbours",
            Kind::GaussianNb => "Gaussian naive Bayes",
            Kind::Boosting => "gradient boosting",
        }
    }
}

/// The model's parameters as bytes (its report is kept separately).
pub fn encode(model: &TrainedModel) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.u16(FORMAT_VERSION);
    w.u8(Kind::of_model(&model.kind) as u8);
    match &model.kind {
        ModelKind::Network(network) => write_network(network, &mut w),
        ModelKind::Classic(classic) => super::classic::codec::write(classic, &mut w),
    }
    w.bytes
}

/// The model `bytes` hold, with `report` (its run's) as its report. The bytes must be of the
/// kind `report.spec.model` names and fit its features and classes.
pub fn decode(bytes: &[u8], report: TrainReport) -> Result<TrainedModel, CodecError> {
    let mut r = Reader::new(bytes);
    if r.take(MAGIC.len()).ok() != Some(MAGIC.as_slice()) {
        return Err(CodecError::NotAModel);
    }
    let version = r.u16()?;
    if version > FORMAT_VERSION {
        return Err(CodecError::NewerVersion {
            version,
            supported: FORMAT_VERSION,
        });
    }
    r.check(version > 0, || "format version 0 does not exist".into())?;
    let tag = r.u8()?;
    let found =
        Kind::from_tag(tag).ok_or_else(|| r.invalid(format!("unknown model kind {tag}")))?;
    let expected = Kind::of_spec(&report.spec.model);
    if found != expected {
        return Err(CodecError::KindMismatch {
            found: found.name(),
            expected: expected.name(),
        });
    }
    let sizes = Sizes {
        n_features: report.spec.features.len(),
        n_classes: report.classes.len(),
    };
    let kind = match found {
        Kind::Network => ModelKind::Network(read_network(&mut r, sizes)?),
        other => ModelKind::Classic(super::classic::codec::read(other, &mut r, sizes)?),
    };
    r.what = "the end of the model".into();
    r.finish()?;
    Ok(TrainedModel { report, kind })
}

/// What the report says the model takes and scores.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub n_features: usize,
    pub n_classes: usize,
}

fn write_network(network: &Network, w: &mut Writer) {
    w.u8(match network.activation {
        Activation::Relu => 0,
        Activation::Tanh => 1,
        Activation::Sigmoid => 2,
    });
    w.len(network.layers.len());
    for layer in &network.layers {
        w.len(layer.n_in);
        w.len(layer.n_out);
        w.f32s(&layer.weights);
        w.f32s(&layer.bias);
    }
}

fn read_network(r: &mut Reader, sizes: Sizes) -> Result<Network, CodecError> {
    r.what = "the network's activation".into();
    let activation = match r.u8()? {
        0 => Activation::Relu,
        1 => Activation::Tanh,
        2 => Activation::Sigmoid,
        other => return Err(r.invalid(format!("unknown activation {other}"))),
    };
    // A layer takes at least its two sizes and two array lengths.
    let n_layers = r.count(32)?;
    r.check(n_layers > 0, || "the network has no layers".into())?;
    let mut layers: Vec<Dense> = Vec::with_capacity(n_layers);
    let mut n_in_expected = sizes.n_features;
    for index in 0..n_layers {
        r.what = format!("layer {} of the network", index + 1);
        let (n_in, n_out) = (r.len()?, r.len()?);
        let weights = r.f32s()?;
        let bias = r.f32s()?;
        r.check(n_in == n_in_expected, || {
            format!("it takes {n_in} inputs where {n_in_expected} come in")
        })?;
        r.check(
            n_in.checked_mul(n_out) == Some(weights.len()) && bias.len() == n_out && n_out > 0,
            || {
                format!(
                    "{n_in}×{n_out} needs {} weights and {n_out} biases, the bytes hold {} and {}",
                    n_in.saturating_mul(n_out),
                    weights.len(),
                    bias.len()
                )
            },
        )?;
        n_in_expected = n_out;
        layers.push(Dense {
            n_in,
            n_out,
            weights,
            bias,
        });
    }
    r.check(n_in_expected == sizes.n_classes, || {
        format!(
            "the last layer scores {n_in_expected} classes, the run has {}",
            sizes.n_classes
        )
    })?;
    Ok(Network { layers, activation })
}
