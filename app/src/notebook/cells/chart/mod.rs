//! The Chart cell: a dataset, a chart kind (histogram, scatter, bar, line, heatmap) and its
//! columns; its output is the chart, drawn with plotters on a canvas.

pub mod editor;
pub mod output;

pub use editor::ChartEditor;
pub use output::ChartCellOutput;
