//! The notebook's parts. `output` renders what a cell computed.

pub mod output;
