//! Polars columns built from field values once each column's type is known.

use polars_core::prelude::*;

use super::infer::{
    Kind, is_null_marker, parse_bool, parse_date, parse_datetime_ms, parse_float, parse_int,
    parse_us_date,
};

/// Collects one column's values in its inferred type.
pub(super) enum ColumnBuilder {
    Boolean(BooleanChunkedBuilder),
    Int(PrimitiveChunkedBuilder<Int64Type>),
    Float(PrimitiveChunkedBuilder<Float64Type>),
    Date(PrimitiveChunkedBuilder<Int32Type>, fn(&str) -> Option<i32>),
    Datetime(PrimitiveChunkedBuilder<Int64Type>),
    Text(StringChunkedBuilder),
}

impl ColumnBuilder {
    pub(super) fn new(kind: Kind, name: &str, n_rows: usize) -> Self {
        let name = PlSmallStr::from_str(name);
        match kind {
            Kind::Boolean => Self::Boolean(BooleanChunkedBuilder::new(name, n_rows)),
            Kind::Int => Self::Int(PrimitiveChunkedBuilder::new(name, n_rows)),
            Kind::Float => Self::Float(PrimitiveChunkedBuilder::new(name, n_rows)),
            Kind::Date => Self::Date(PrimitiveChunkedBuilder::new(name, n_rows), parse_date),
            Kind::UsDate => Self::Date(PrimitiveChunkedBuilder::new(name, n_rows), parse_us_date),
            Kind::Datetime => Self::Datetime(PrimitiveChunkedBuilder::new(name, n_rows)),
            Kind::Text => Self::Text(StringChunkedBuilder::new(name, n_rows)),
        }
    }

    /// Appends one raw field value. Values the column's type cannot read become null; the
    /// inference pass saw every value, so that only happens to null markers.
    pub(super) fn push(&mut self, value: &str) {
        if let Self::Text(builder) = self {
            if value.is_empty() {
                builder.append_null();
            } else {
                builder.append_value(value);
            }
            return;
        }
        let value = value.trim_ascii();
        let value = (!is_null_marker(value)).then_some(value);
        match self {
            Self::Boolean(builder) => builder.append_option(value.and_then(parse_bool)),
            Self::Int(builder) => builder.append_option(value.and_then(parse_int)),
            Self::Float(builder) => builder.append_option(value.and_then(parse_float_or_int)),
            Self::Date(builder, parse) => builder.append_option(value.and_then(*parse)),
            Self::Datetime(builder) => builder.append_option(value.and_then(parse_datetime_ms)),
            Self::Text(_) => {}
        }
    }

    pub(super) fn finish(self) -> Column {
        let series = match self {
            Self::Boolean(builder) => builder.finish().into_series(),
            Self::Int(builder) => builder.finish().into_series(),
            Self::Float(builder) => builder.finish().into_series(),
            Self::Date(builder, _) => builder.finish().into_date().into_series(),
            Self::Datetime(builder) => builder
                .finish()
                .into_datetime(TimeUnit::Milliseconds, None)
                .into_series(),
            Self::Text(builder) => builder.finish().into_series(),
        };
        series.into_column()
    }
}

/// A Float64 column also holds the values that were read as integers.
fn parse_float_or_int(value: &str) -> Option<f64> {
    // Int64 values beyond 2^53 round to the nearest float, as in pandas.
    parse_float(value).or_else(|| parse_int(value).map(|n| n as f64))
}
