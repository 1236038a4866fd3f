//! The protobuf wire format of the few ONNX messages the export writes, by hand: varints,
//! length-delimited fields, little-endian `f32` tensors. Field numbers are `onnx.proto`'s.
//! Writing is all the app needs; [`read`] (tests only) reads the bytes back.

/// Wire types of protobuf fields.
const VARINT: u8 = 0;
const LEN: u8 = 2;

/// `TensorProto.DataType.FLOAT`.
pub const FLOAT: i64 = 1;

/// `AttributeProto.AttributeType`.
const ATTR_INT: i64 = 2;

/// One message being written: its fields in the order added.
#[derive(Debug, Default, Clone)]
pub struct Message {
    bytes: Vec<u8>,
}

impl Message {
    pub fn new() -> Message {
        Message::default()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn key(&mut self, field: u32, wire_type: u8) {
        varint(
            &mut self.bytes,
            (u64::from(field) << 3) | u64::from(wire_type),
        );
    }

    /// An `int64`/`int32`/enum field; negative values take ten bytes, as protobuf's.
    pub fn int(mut self, field: u32, value: i64) -> Message {
        self.key(field, VARINT);
        // Two's complement reinterpretation is exactly protobuf's encoding of negatives.
        #[allow(clippy::cast_sign_loss)]
        varint(&mut self.bytes, value as u64);
        self
    }

    pub fn bytes(mut self, field: u32, value: &[u8]) -> Message {
        self.key(field, LEN);
        varint(&mut self.bytes, value.len() as u64);
        self.bytes.extend_from_slice(value);
        self
    }

    pub fn string(self, field: u32, value: &str) -> Message {
        self.bytes(field, value.as_bytes())
    }

    pub fn message(self, field: u32, value: Message) -> Message {
        self.bytes(field, &value.bytes)
    }

    /// A repeated message field, one entry per item.
    pub fn messages(self, field: u32, values: impl IntoIterator<Item = Message>) -> Message {
        values.into_iter().fold(self, |m, v| m.message(field, v))
    }
}

/// Base-128 varint, low groups first.
fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        // The low seven bits, with the continuation bit set.
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    // Below 0x80 here, so the cast keeps every bit.
    #[allow(clippy::cast_possible_truncation)]
    out.push(value as u8);
}

/// A dimension of a tensor's shape: fixed, or named (the batch, `N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim<'a> {
    Fixed(usize),
    Named(&'a str),
}

/// `TensorProto`: a named float tensor of shape `dims`, data row-major in `raw_data`.
pub fn float_tensor(name: &str, dims: &[usize], values: &[f32]) -> Message {
    let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    let with_dims = dims
        .iter()
        .fold(Message::new(), |m, &d| m.int(1, dim_i64(d)));
    with_dims.int(2, FLOAT).string(8, name).bytes(9, &raw)
}

/// `ValueInfoProto` of a float tensor: name, `TypeProto.tensor_type` with `elem_type` and shape.
pub fn float_value_info(name: &str, dims: &[Dim]) -> Message {
    let shape = Message::new().messages(
        1,
        dims.iter().map(|d| match d {
            Dim::Fixed(n) => Message::new().int(1, dim_i64(*n)),
            Dim::Named(s) => Message::new().string(2, s),
        }),
    );
    let tensor = Message::new().int(1, FLOAT).message(2, shape);
    let type_proto = Message::new().message(1, tensor);
    Message::new().string(1, name).message(2, type_proto)
}

/// `AttributeProto` holding one integer.
pub fn int_attribute(name: &str, value: i64) -> Message {
    Message::new()
        .string(1, name)
        .int(3, value)
        .int(20, ATTR_INT)
}

/// `NodeProto` of a core (`ai.onnx`, empty domain) operator.
pub fn node(
    op_type: &str,
    name: &str,
    inputs: &[&str],
    outputs: &[&str],
    attributes: Vec<Message>,
) -> Message {
    let m = inputs.iter().fold(Message::new(), |m, i| m.string(1, i));
    let m = outputs.iter().fold(m, |m, o| m.string(2, o));
    m.string(3, name).string(4, op_type).messages(5, attributes)
}

/// `StringStringEntryProto`.
pub fn entry(key: &str, value: &str) -> Message {
    Message::new().string(1, key).string(2, value)
}

/// `OperatorSetIdProto`.
pub fn opset(domain: &str, version: i64) -> Message {
    Message::new().string(1, domain).int(2, version)
}

/// Shapes hold at most a few thousand per dimension, far below `i64::MAX`.
fn dim_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Reading the bytes back: each field of a message as (number, value).
#[cfg(test)]
pub mod read {
    /// A field's value: a varint or the bytes of a length-delimited field.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Value<'a> {
        Int(u64),
        Bytes(&'a [u8]),
    }

    /// Every field of `bytes` in order; `None` for bytes that are not a message of varint
    /// and length-delimited fields.
    pub fn fields(mut bytes: &[u8]) -> Option<Vec<(u32, Value<'_>)>> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let key = varint(&mut bytes)?;
            let field = u32::try_from(key >> 3).ok()?;
            match key & 7 {
                0 => out.push((field, Value::Int(varint(&mut bytes)?))),
                2 => {
                    let len = usize::try_from(varint(&mut bytes)?).ok()?;
                    let (value, rest) = (bytes.get(..len)?, bytes.get(len..)?);
                    out.push((field, Value::Bytes(value)));
                    bytes = rest;
                }
                _ => return None,
            }
        }
        Some(out)
    }

    fn varint(bytes: &mut &[u8]) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = bytes.split_first()?;
            *bytes = rest;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(value);
            }
        }
        None
    }

    /// The length-delimited values of field `number`, as text.
    pub fn strings<'a>(fields: &[(u32, Value<'a>)], number: u32) -> Vec<&'a str> {
        messages(fields, number)
            .into_iter()
            .filter_map(|b| std::str::from_utf8(b).ok())
            .collect()
    }

    /// The length-delimited values of field `number`.
    pub fn messages<'a>(fields: &[(u32, Value<'a>)], number: u32) -> Vec<&'a [u8]> {
        fields
            .iter()
            .filter_map(|(n, v)| match v {
                Value::Bytes(b) if *n == number => Some(*b),
                _ => None,
            })
            .collect()
    }

    /// The varint values of field `number`.
    pub fn ints(fields: &[(u32, Value<'_>)], number: u32) -> Vec<u64> {
        fields
            .iter()
            .filter_map(|(n, v)| match v {
                Value::Int(i) if *n == number => Some(*i),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::read::{Value, fields, ints, strings};
    use super::*;

    #[test]
    fn varints_match_the_protobuf_documentation_examples() {
        // protobuf.dev's encoding guide: 1 → 01, 150 → 96 01; -1 as int64 takes ten bytes.
        let m = Message::new().int(1, 150).into_bytes();
        assert_eq!(m, vec![0x08, 0x96, 0x01]);
        let m = Message::new().int(1, -1).into_bytes();
        assert_eq!(m.len(), 11);
        assert_eq!(fields(&m).unwrap(), vec![(1, Value::Int(u64::MAX))]);
        let m = Message::new().string(2, "testing").into_bytes();
        assert_eq!(m, b"\x12\x07testing");
    }

    #[test]
    fn a_float_tensor_keeps_its_dims_type_name_and_little_endian_data() {
        let bytes = float_tensor("w", &[2, 1], &[1.5, -2.0]).into_bytes();
        let f = fields(&bytes).unwrap();
        assert_eq!(ints(&f, 1), vec![2, 1]);
        assert_eq!(ints(&f, 2), vec![1]);
        assert_eq!(strings(&f, 8), vec!["w"]);
        let raw = super::read::messages(&f, 9)[0];
        assert_eq!(
            raw,
            [1.5f32.to_le_bytes(), (-2.0f32).to_le_bytes()].concat()
        );
    }
}
