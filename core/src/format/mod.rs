//! Values as text for people, the same in the page and in a terminal: numbers printed like
//! pandas (`pandas`), counts grouped by thousands (`count`), the correlation colour scale
//! (`colour`), and a table's `describe()` as pandas prints it (`describe`). No dataframes
//! here: these work on the explore module's values.

mod colour;
mod count;
mod describe;
mod pandas;
mod statistic;

#[cfg(test)]
mod tests;

pub use colour::{rdylbu_hex, rdylbu_rgb};
pub use count::{counted, grouped};
pub use describe::{DESCRIBE_STATS, describe_text, describe_texts};
pub use pandas::{
    CellKind, CellText, PANDAS_PRECISION, cell_text, format_float_column, format_page, null_text,
};
pub use statistic::{p_value, statistic};
