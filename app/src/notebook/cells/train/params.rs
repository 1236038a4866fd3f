//! The model of a Train cell and its hyper-parameters: the fields change with the model.

use jukebox_core::train::{
    Activation, BoostingParams, ForestParams, ModelSpec, NetworkParams, SplitCriterion, TreeParams,
};
use leptos::prelude::*;

use super::checked::{
    BATCH, COUNT, CheckedField, DEPTH, EPOCHS, FEATURES, ITERATIONS, LEAVES, MAX_HIDDEN_LAYERS,
    MAX_LAYER, MIN_SPLIT, NEIGHBOURS, TREES, parse_alpha, parse_batch, parse_count, parse_depth,
    parse_epochs, parse_features, parse_hidden, parse_iterations, parse_learning_rate,
    parse_leaves, parse_min_split, parse_neighbours, parse_trees,
};
use super::settings::set_train;
use crate::notebook::cell_entry::CellEntry;
use crate::notebook::widgets::fields::SelectField;

pub const MODELS: [(&str, &str); 7] = [
    ("network", "Dense network (Keras, the course's)"),
    ("logistic_regression", "Logistic regression"),
    ("decision_tree", "Decision tree"),
    ("random_forest", "Random forest"),
    ("hist_gradient_boosting", "Gradient boosting (histogram)"),
    ("knn", "k-nearest neighbours"),
    ("gaussian_nb", "Gaussian naive Bayes"),
];

/// The model's kind, as [`MODELS`] names it (the core's JSON tag).
pub fn model_kind(model: &ModelSpec) -> &'static str {
    model.kind()
}

/// The model of `kind` with its default hyper-parameters (the core's).
pub fn default_model(kind: &str) -> ModelSpec {
    ModelSpec::with_defaults(kind)
}

/// Changes the model's parameters when it is of the expected kind.
fn set_model(entry: CellEntry, change: impl FnOnce(&mut ModelSpec) + 'static) {
    set_train(entry, |spec| change(&mut spec.model));
}

macro_rules! on_param {
    ($entry:expr, $variant:ident, |$p:ident, $v:ident: $t:ty| $body:expr) => {
        Callback::new(move |$v: $t| {
            set_model($entry, move |model| {
                if let ModelSpec::$variant($p) = model {
                    $body;
                }
            });
        })
    };
}

/// The model picker and, rebuilt when the model changes, its hyper-parameters.
#[component]
pub fn ModelFields(entry: CellEntry, #[prop(into)] model: Signal<ModelSpec>) -> impl IntoView {
    let kind = Memo::new(move |_| model_kind(&model.get()));
    view! {
        <SelectField label="Model" options=MODELS.to_vec() testid="train-model"
            value=Signal::derive(move || kind.get().to_string())
            on_change=Callback::new(move |kind: String| set_model(entry, move |m| *m = default_model(&kind)))/>
        {move || {
            kind.track();
            params_fields(entry, model.get_untracked())
        }}
    }
}

/// A checkbox for a yes/no parameter of the model; `set` writes it when the model is of the
/// expected kind.
fn param_check(
    entry: CellEntry,
    testid: &'static str,
    checked: bool,
    label: String,
    set: fn(&mut ModelSpec, bool),
) -> impl IntoView {
    view! {
        <label class="field field-check">
            <input type="checkbox" data-testid=testid prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    set_model(entry, move |m| set(m, on));
                }/>
            <span>{label}</span>
        </label>
    }
}

fn text<T: ToString>(value: T) -> Signal<String> {
    Signal::stored(value.to_string())
}

fn optional<T: ToString>(value: Option<T>) -> Signal<String> {
    Signal::stored(value.map(|v| v.to_string()).unwrap_or_default())
}

fn params_fields(entry: CellEntry, model: ModelSpec) -> AnyView {
    match model {
        ModelSpec::Network(p) => network_fields(entry, &p),
        ModelSpec::LogisticRegression(p) => view! {
            <CheckedField label="L2 penalty (alpha)" value=text(p.alpha) parse=parse_alpha testid="train-alpha"
                on_change=on_param!(entry, LogisticRegression, |p, v: f64| p.alpha = v)/>
        }
        .into_any(),
        ModelSpec::DecisionTree(p) => tree_fields(entry, &p),
        ModelSpec::RandomForest(p) => forest_fields(entry, &p),
        ModelSpec::HistGradientBoosting(p) => boosting_fields(entry, &p),
        ModelSpec::Knn(p) => view! {
            <CheckedField label="Neighbours (k)" value=text(p.k) parse=parse_neighbours range=NEIGHBOURS.range() testid="train-k"
                on_change=on_param!(entry, Knn, |p, v: usize| p.k = v)/>
            {param_check(entry, "train-weighted", p.distance_weighted, "weight by 1/distance".into(),
                |m, on| if let ModelSpec::Knn(p) = m { p.distance_weighted = on; })}
        }
        .into_any(),
        ModelSpec::GaussianNb => view! {
            <p class="field-note muted" data-testid="train-no-params">"Gaussian naive Bayes has no hyper-parameters."</p>
        }
        .into_any(),
    }
}

fn activation_name(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "relu",
        Activation::Tanh => "tanh",
        Activation::Sigmoid => "sigmoid",
    }
}

fn network_fields(entry: CellEntry, p: &NetworkParams) -> AnyView {
    let hidden = p
        .hidden
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <CheckedField label="Hidden layers" value=text(hidden) parse=parse_hidden testid="train-hidden"
            range=format!("1 to {MAX_HIDDEN_LAYERS} layers of 1 to {} units", jukebox_core::format::grouped(MAX_LAYER))
            placeholder="32, 64, 128, 256"
            on_change=on_param!(entry, Network, |p, v: Vec<usize>| p.hidden = v)/>
        <SelectField label="Activation" testid="train-activation"
            options=vec![("relu", "ReLU"), ("tanh", "tanh"), ("sigmoid", "sigmoid")]
            value=activation_name(p.activation).to_string()
            on_change=Callback::new(move |name: String| set_model(entry, move |m| {
                if let ModelSpec::Network(p) = m {
                    p.activation = match name.as_str() {
                        "tanh" => Activation::Tanh,
                        "sigmoid" => Activation::Sigmoid,
                        _ => Activation::Relu,
                    };
                }
            }))/>
        <CheckedField label="Batch size" value=text(p.batch_size) parse=parse_batch range=BATCH.range() testid="train-batch"
            on_change=on_param!(entry, Network, |p, v: usize| p.batch_size = v)/>
        <CheckedField label="Learning rate" value=text(p.learning_rate) parse=parse_learning_rate testid="train-lr"
            on_change=on_param!(entry, Network, |p, v: f64| p.learning_rate = v)/>
        <CheckedField label="Epochs" value=text(p.epochs) parse=parse_epochs range=EPOCHS.range() testid="train-epochs"
            on_change=on_param!(entry, Network, |p, v: usize| p.epochs = v)/>
    }
    .into_any()
}

fn tree_fields(entry: CellEntry, p: &TreeParams) -> AnyView {
    let criterion = match p.criterion {
        SplitCriterion::Gini => "gini",
        SplitCriterion::Entropy => "entropy",
    };
    view! {
        <CheckedField label="Max depth (empty: none)" value=optional(p.max_depth) parse=parse_depth range=DEPTH.range() testid="train-depth"
            on_change=on_param!(entry, DecisionTree, |p, v: Option<u16>| p.max_depth = v)/>
        <CheckedField label="Min samples to split" value=text(p.min_samples_split) parse=parse_min_split range=MIN_SPLIT.range() testid="train-min-split"
            on_change=on_param!(entry, DecisionTree, |p, v: usize| p.min_samples_split = v)/>
        <CheckedField label="Min samples per leaf" value=text(p.min_samples_leaf) parse=parse_count range=COUNT.range() testid="train-min-leaf"
            on_change=on_param!(entry, DecisionTree, |p, v: usize| p.min_samples_leaf = v)/>
        <SelectField label="Criterion" testid="train-criterion"
            options=vec![("gini", "Gini"), ("entropy", "entropy")] value=criterion.to_string()
            on_change=Callback::new(move |name: String| set_model(entry, move |m| {
                if let ModelSpec::DecisionTree(p) = m {
                    p.criterion = if name == "entropy" { SplitCriterion::Entropy } else { SplitCriterion::Gini };
                }
            }))/>
    }
    .into_any()
}

fn forest_fields(entry: CellEntry, p: &ForestParams) -> AnyView {
    view! {
        <CheckedField label="Trees" value=text(p.n_trees) parse=parse_trees range=TREES.range() testid="train-trees"
            on_change=on_param!(entry, RandomForest, |p, v: usize| p.n_trees = v)/>
        <CheckedField label="Max depth (empty: none)" value=optional(p.max_depth) parse=parse_depth range=DEPTH.range() testid="train-depth"
            on_change=on_param!(entry, RandomForest, |p, v: Option<u16>| p.max_depth = v)/>
        <CheckedField label="Min samples to split" value=text(p.min_samples_split) parse=parse_min_split range=MIN_SPLIT.range() testid="train-min-split"
            on_change=on_param!(entry, RandomForest, |p, v: usize| p.min_samples_split = v)/>
        <CheckedField label="Min samples per leaf" value=text(p.min_samples_leaf) parse=parse_count range=COUNT.range() testid="train-min-leaf"
            on_change=on_param!(entry, RandomForest, |p, v: usize| p.min_samples_leaf = v)/>
        <CheckedField label="Features per split (empty: √)" value=optional(p.max_features) parse=parse_features range=FEATURES.range()
            testid="train-max-features"
            on_change=on_param!(entry, RandomForest, |p, v: Option<usize>| p.max_features = v)/>
    }
    .into_any()
}

fn boosting_fields(entry: CellEntry, p: &BoostingParams) -> AnyView {
    view! {
        <CheckedField label="Learning rate" value=text(p.learning_rate) parse=parse_learning_rate testid="train-lr"
            on_change=on_param!(entry, HistGradientBoosting, |p, v: f64| p.learning_rate = v)/>
        <CheckedField label="Iterations (max)" value=text(p.max_iter) parse=parse_iterations range=ITERATIONS.range() testid="train-iterations"
            on_change=on_param!(entry, HistGradientBoosting, |p, v: usize| p.max_iter = v)/>
        <CheckedField label="Leaves per tree" value=text(p.max_leaf_nodes) parse=parse_leaves range=LEAVES.range() testid="train-leaves"
            on_change=on_param!(entry, HistGradientBoosting, |p, v: usize| p.max_leaf_nodes = v)/>
        <CheckedField label="Max depth (empty: none)" value=optional(p.max_depth) parse=parse_depth range=DEPTH.range() testid="train-depth"
            on_change=on_param!(entry, HistGradientBoosting, |p, v: Option<u16>| p.max_depth = v)/>
        <CheckedField label="Min samples per leaf" value=text(p.min_samples_leaf) parse=parse_count range=COUNT.range() testid="train-min-leaf"
            on_change=on_param!(entry, HistGradientBoosting, |p, v: usize| p.min_samples_leaf = v)/>
        <CheckedField label="L2 regularization" value=text(p.l2_regularization) parse=parse_alpha testid="train-l2"
            on_change=on_param!(entry, HistGradientBoosting, |p, v: f64| p.l2_regularization = v)/>
        {param_check(entry, "train-early-stopping", p.early_stopping,
            format!("stop early when the validation loss has not improved for {} iterations", p.n_iter_no_change),
            |m, on| if let ModelSpec::HistGradientBoosting(p) = m { p.early_stopping = on; })}
    }
    .into_any()
}
