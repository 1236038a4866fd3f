//! Built-in notebooks on the demo data: the course's exploration (notebook 1), cell for cell,
//! and the starter a first visit opens (load → model → prediction, with markdown).

use crate::chart::ChartSpec;
use crate::course::{FEATURES, JOIN_KEY};
use crate::demo::DemoConfig;
use crate::explain::explain_cell::{DEFAULT_BACKGROUND_ROWS, ExplainSpec};
use crate::explore::{Agg, ExploreQuery};
use crate::monitor::drift::DriftTest;
use crate::monitor::drift_cell::{DEFAULT_ALPHA, DriftReference, DriftSpec};
use crate::monitor::fairness::{FairnessBounds, Favourable};
use crate::monitor::fairness_cell::FairnessSpec;
use crate::prepare::{CompareOp, Condition, PrepareStep, Scalar};

use crate::train::songs::typical_presets;
use crate::train::{EvalSplit, TrainSpec};

use super::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook, Source};

/// Dataset names of the demo source (the course's file names).
pub const DEMO_PROPERTIES: &str = "song_properties";
pub const DEMO_RANKINGS: &str = "song_rankings";

/// The course's exploration on the demo data: merge, drop nulls, describe, correlations
/// with popularity, feature means per country, top songs of the last two weeks, charts.
pub fn course_exploration() -> Notebook {
    let merged = "charts".to_string();
    let specs = vec![
        demo_source(),
        course_merge(&merged),
        CellSpec::Explore {
            input: merged.clone(),
            query: ExploreQuery::Preview {
                offset: 0,
                limit: 100,
            },
        },
        CellSpec::Explore {
            input: merged.clone(),
            query: ExploreQuery::Describe,
        },
        CellSpec::Explore {
            input: merged.clone(),
            query: ExploreQuery::Correlation {
                target: "popularity".into(),
            },
        },
        CellSpec::Explore {
            input: merged.clone(),
            query: ExploreQuery::GroupBy {
                by: vec!["country".into()],
                columns: FEATURES.iter().map(|f| (*f).to_string()).collect(),
                agg: Agg::Mean,
            },
        },
        CellSpec::Explore {
            input: DEMO_RANKINGS.into(),
            query: ExploreQuery::TopN {
                key: vec![JOIN_KEY.into(), "name".into()],
                value: "popularity".into(),
                date_column: "snapshot_date".into(),
                start: "2024-06-17".into(),
                end: "2024-07-01".into(),
                n: 10,
            },
        },
        CellSpec::Chart {
            input: merged.clone(),
            chart: ChartSpec::Histogram {
                column: "tempo".into(),
                bins: 40,
            },
        },
        CellSpec::Chart {
            input: merged,
            chart: ChartSpec::Heatmap {
                columns: FEATURES
                    .iter()
                    .map(|f| (*f).to_string())
                    .chain(std::iter::once("popularity".to_string()))
                    .collect(),
            },
        },
    ];
    Notebook {
        version: NOTEBOOK_VERSION,
        title: "Course exploration (demo data)".into(),
        cells: specs
            .into_iter()
            .zip(1..)
            .map(|(spec, id)| Cell::new(id, spec))
            .collect(),
    }
}

/// The built-in demo data as a source cell.
fn demo_source() -> CellSpec {
    CellSpec::Source {
        source: Source::Demo {
            config: DemoConfig::default(),
        },
    }
}

/// The course's merge of the demo's rankings with the songs' properties, then `dropna()`.
fn course_merge(output: &str) -> CellSpec {
    CellSpec::Prepare {
        input: DEMO_RANKINGS.into(),
        steps: vec![
            PrepareStep::CourseMerge {
                properties: DEMO_PROPERTIES.into(),
            },
            PrepareStep::DropNulls {
                columns: Vec::new(),
            },
        ],
        output: output.to_string(),
    }
}

/// The starter notebook's title.
pub const STARTER_TITLE: &str = "Jukebox: from charts to a model";

/// The notebook new users land in: the course's inner loop on the built-in demo data —
/// load, join, clean, explore, chart, train the course network, evaluate, predict — with a
/// few words between the steps.
pub fn starter() -> Notebook {
    let merged = "charts".to_string();
    let model = "course_network".to_string();
    let text = |t: &str| CellSpec::Markdown {
        text: t.trim().to_string(),
    };
    let specs = vec![
        text(STARTER_INTRO),
        demo_source(),
        text(
            "## 1. Join and clean\nEach chart row gets its song's audio features (the course's merge on `spotify_id`); rows with a missing value are dropped.",
        ),
        course_merge(&merged),
        text(
            "## 2. Explore\n`df.describe().T`, then how each feature correlates with popularity, and the tempo's distribution.",
        ),
        CellSpec::Explore {
            input: merged.clone(),
            query: ExploreQuery::Describe,
        },
        CellSpec::Explore {
            input: merged.clone(),
            query: ExploreQuery::Correlation {
                target: "popularity".into(),
            },
        },
        CellSpec::Chart {
            input: merged.clone(),
            chart: ChartSpec::Histogram {
                column: "tempo".into(),
                bins: 40,
            },
        },
        text(STARTER_TRAIN),
        CellSpec::Train {
            input: merged,
            spec: TrainSpec {
                max_train_rows: Some(STARTER_SAMPLE_ROWS),
                ..TrainSpec::default()
            },
            output: model.clone(),
        },
        CellSpec::Evaluate {
            model: model.clone(),
            on: EvalSplit::Test,
        },
        text(
            "## 4. Predict\nWhich countries will like a song? Search a song of the table or move the sliders.",
        ),
        starter_prediction(model.clone()),
    ];
    let specs = specs
        .into_iter()
        .chain(starter_monitoring(&model))
        .collect::<Vec<_>>();
    Notebook {
        version: NOTEBOOK_VERSION,
        title: STARTER_TITLE.into(),
        cells: specs
            .into_iter()
            .zip(1..)
            .map(|(spec, id)| Cell::new(id, spec))
            .collect(),
    }
}

/// A Predict cell on the course's first example song ("Not Like Us"), typical values.
fn starter_prediction(model: String) -> CellSpec {
    let song = typical_presets().into_iter().next().unwrap_or_default();
    CellSpec::Predict {
        model,
        songs: DEMO_PROPERTIES.into(),
        label: format!("{} — {}", song.name, song.artists),
        song: song.features,
    }
}

/// "Is the model fair and stable?": the charts' last weeks against the training rows, the
/// model's fairness across explicit songs, and why it scores the preset song as it does.
fn starter_monitoring(model: &str) -> Vec<CellSpec> {
    let recent = "recent_charts".to_string();
    let song = typical_presets().into_iter().next().unwrap_or_default();
    vec![
        CellSpec::Markdown {
            text: STARTER_MONITOR.trim().to_string(),
        },
        CellSpec::Prepare {
            input: "charts".into(),
            steps: vec![PrepareStep::Filter {
                column: "snapshot_date".into(),
                condition: Condition::Compare {
                    op: CompareOp::Ge,
                    value: Scalar::Text(STARTER_RECENT_FROM.into()),
                },
            }],
            output: recent.clone(),
        },
        CellSpec::Drift(DriftSpec {
            reference: DriftReference::Training {
                model: model.to_string(),
            },
            current: recent,
            current_scaled: false,
            features: Vec::new(),
            test: DriftTest::MeanShift,
            alpha: DEFAULT_ALPHA,
        }),
        CellSpec::Fairness(FairnessSpec {
            model: model.to_string(),
            on: EvalSplit::Test,
            attribute: "is_explicit".into(),
            privileged: 1.0,
            country: "FR".into(),
            // Above chance (1/72 ≈ 1.4 %): with a weak model France is rarely the top
            // prediction of any row, and rates of almost nothing make DIR meaningless.
            favourable: Favourable::AtLeast {
                threshold: STARTER_FAVOURABLE_P,
            },
            bounds: FairnessBounds::default(),
        }),
        CellSpec::Explain(ExplainSpec {
            model: model.to_string(),
            songs: DEMO_PROPERTIES.into(),
            label: format!("{} — {}", song.name, song.artists),
            song: song.features,
            country: "FR".into(),
            background_rows: DEFAULT_BACKGROUND_ROWS,
            seed: 42,
            target_probability: None,
            global: false,
        }),
    ]
}

/// The starter's favourable outcome: P(France) at least this.
const STARTER_FAVOURABLE_P: f64 = 0.02;

/// The first day of the starter's "recent" window: the demo charts' last four weeks.
const STARTER_RECENT_FROM: &str = "2024-06-03";

const STARTER_MONITOR: &str = r"
## 5. Is the model fair and stable?
**Drift**: the charts' last four weeks against the rows the model learned from — each of the 13 features with TrustyAI's MeanShift, Welch, Kolmogorov–Smirnov, PSI and Evidently's rule side by side, and week by week. **Fairness**: does the model give explicit and clean songs a chance of at least 2 % in France equally often (statistical parity difference within ±0.1)? **Explain**: which features push the preset song towards France, and the smallest change that would make France its top country.
";

/// The starter trains on a sample so a first visit gets a model in seconds; the markdown
/// says how to train on everything.
const STARTER_SAMPLE_ROWS: usize = 20_000;

const STARTER_INTRO: &str = r"
# Jukebox: from charts to a model
Which countries will a song chart in? This notebook rebuilds the course's loop on **built-in demo data** (made-up songs with the course's exact columns): load the charts, join them with the songs' audio features, explore, train the course's dense network, evaluate it and ask it about a song.

Everything runs in this tab; nothing is uploaded. Edit any cell: it re-runs, with what depends on it. Your notebook is saved in this browser as you go, and every training is kept on the **Runs** page.
";

const STARTER_TRAIN: &str = r"
## 3. Train the course network
Dense 32 → 64 → 128 → 256 → softmax over the countries, Adam, 2 epochs, on the 13 audio features scaled to [0, 1]. The test part is the last 20 % of rows, as in the course. To start quickly it trains on a 20,000-row sample: clear *train on a sample* to use every row.
";
