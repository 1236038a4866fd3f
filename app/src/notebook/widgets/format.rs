//! Text and colour of output values: float columns printed the way pandas prints them, nulls
//! named by dtype, and matplotlib's `RdYlBu` scale for correlations — the core's
//! (`jukebox_core::format`), tested natively against pandas.

pub use jukebox_core::format::{
    CellKind, CellText, PANDAS_PRECISION, cell_text, format_float_column, format_page, null_text,
    rdylbu_hex, rdylbu_rgb,
};
