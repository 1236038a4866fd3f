//! The Explore cell: pandas-style questions about a dataset (preview, `describe()`,
//! correlation, group by, value counts, top N in dates); its output is a virtualised table
//! (`widgets::table`), `describe().T` ([`describe`]) or correlation bars ([`correlations`]).

pub mod correlations;
pub mod describe;
pub mod editor;
pub mod output;

pub use correlations::CorrelationsView;
pub use describe::DescribeView;
pub use editor::ExploreEditor;
pub use output::{ExploreCellOutput, ExploreOutputView};
