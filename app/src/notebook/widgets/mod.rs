//! Views and helpers shared by several cell kinds (or by a kind and the Runs page):
//!
//! - [`fields`]: the editors' form fields (text, number, select, dataset, column list);
//!   [`aggregates`]: the aggregations offered (Explore, Chart);
//! - [`table`] with [`table_rows`], [`table_pager`], [`virtual_rows`] (geometry) and
//!   [`virtual_scroll`] (browser side): the virtualised table; [`format`]: numbers printed
//!   like pandas, colours like matplotlib's `RdYlBu`;
//! - [`curves`]: loss and accuracy curves (SVG), of a training and of compared runs;
//! - [`confusion`]: the confusion matrix heatmap (canvas, tooltip, zoom), [`confusion_grid`]
//!   its geometry;
//! - [`world_map`]: countries coloured by probability, [`world_atlas`]: the outlines, fetched
//!   once per page;
//! - [`sliders`]: a song's 13 features in their units; [`song_search`]: the song combobox;
//! - [`percent`], [`class_names`]: shares and classes in words.

pub mod aggregates;
pub mod class_names;
pub mod confusion;
pub mod confusion_grid;
pub mod curves;
pub mod fields;
pub mod format;
pub mod percent;
pub mod sliders;
pub mod song_search;
pub mod table;
pub mod table_pager;
pub mod table_rows;
pub mod virtual_rows;
pub mod virtual_scroll;
pub mod world_atlas;
pub mod world_map;
