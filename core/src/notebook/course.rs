//! The notebook a first visit opens: the course's exploration (notebook 1) on the built-in
//! demo data, cell for cell.

use crate::chart::ChartSpec;
use crate::course::{FEATURES, JOIN_KEY};
use crate::demo::DemoConfig;
use crate::explore::{Agg, ExploreQuery};
use crate::prepare::PrepareStep;

use super::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook, Source};

/// Dataset names of the demo source (the course's file names).
pub const DEMO_PROPERTIES: &str = "song_properties";
pub const DEMO_RANKINGS: &str = "song_rankings";

/// The course's exploration on the demo data: merge, drop nulls, describe, correlations
/// with popularity, feature means per country, top songs of the last two weeks, charts.
pub fn course_exploration() -> Notebook {
    let merged = "charts".to_string();
    let specs = vec![
        CellSpec::Source {
            source: Source::Demo {
                config: DemoConfig::default(),
            },
        },
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
            output: merged.clone(),
        },
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
            .map(|(spec, id)| Cell { id, spec })
            .collect(),
    }
}
