//! Little-endian writing and bounds-checked reading of the codec's numbers and arrays. The
//! reader checks every count against the bytes left before it allocates, so a hostile count
//! fails with [`CodecError::Truncated`] instead of reserving gigabytes.

use super::CodecError;

/// Appends numbers to a byte buffer, little-endian. Lengths are written as `u64` so that no
/// size is ever cut short.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub fn u16(&mut self, v: u16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub fn len(&mut self, n: usize) {
        self.bytes.extend_from_slice(&(n as u64).to_le_bytes());
    }

    pub fn f32s(&mut self, values: &[f32]) {
        self.len(values.len());
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn f64s(&mut self, values: &[f64]) {
        self.len(values.len());
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for v in values {
            self.u32(*v);
        }
    }
}

/// Reads what a [`Writer`] wrote; every read fails cleanly past the end.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// What is being read, for the error ("layer 2 weights").
    pub what: String,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            what: "the header".to_string(),
        }
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        if n > self.remaining() {
            return Err(CodecError::Truncated {
                what: self.what.clone(),
                offset: self.pos,
                needed: n,
                left: self.remaining(),
            });
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], CodecError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub fn u8(&mut self) -> Result<u8, CodecError> {
        Ok(self.array::<1>()?[0])
    }

    pub fn u16(&mut self) -> Result<u16, CodecError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    pub fn u32(&mut self) -> Result<u32, CodecError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub fn f32(&mut self) -> Result<f32, CodecError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    pub fn f64(&mut self) -> Result<f64, CodecError> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    /// A length or count, checked to fit this machine's `usize`.
    pub fn len(&mut self) -> Result<usize, CodecError> {
        let n = u64::from_le_bytes(self.array()?);
        usize::try_from(n).map_err(|_| self.invalid(format!("a count of {n} is too large")))
    }

    /// A count of items of `item_bytes` each, checked against the bytes left before anything
    /// is allocated for them.
    fn counted(&mut self, item_bytes: usize) -> Result<usize, CodecError> {
        let n = self.len()?;
        let needed = n.saturating_mul(item_bytes);
        if needed > self.remaining() {
            return Err(CodecError::Truncated {
                what: self.what.clone(),
                offset: self.pos,
                needed,
                left: self.remaining(),
            });
        }
        Ok(n)
    }

    pub fn f32s(&mut self) -> Result<Vec<f32>, CodecError> {
        let n = self.counted(4)?;
        let raw = self.take(n * 4)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    pub fn f64s(&mut self) -> Result<Vec<f64>, CodecError> {
        let n = self.counted(8)?;
        let raw = self.take(n * 8)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>, CodecError> {
        let n = self.counted(4)?;
        let raw = self.take(n * 4)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// How many items of `item_bytes` each follow, checked like the arrays' counts; for
    /// lists read item by item.
    pub fn count(&mut self, item_bytes: usize) -> Result<usize, CodecError> {
        self.counted(item_bytes.max(1))
    }

    /// Fails unless every byte was read.
    pub fn finish(&self) -> Result<(), CodecError> {
        if self.remaining() == 0 {
            Ok(())
        } else {
            Err(self.invalid(format!(
                "{} bytes are left over after the model",
                self.remaining()
            )))
        }
    }

    /// The model's content makes no sense (`problem`), at what is being read.
    pub fn invalid(&self, problem: String) -> CodecError {
        CodecError::Invalid {
            what: self.what.clone(),
            problem,
        }
    }

    /// Fails with `problem` unless `ok`.
    pub fn check(&self, ok: bool, problem: impl FnOnce() -> String) -> Result<(), CodecError> {
        if ok {
            Ok(())
        } else {
            Err(self.invalid(problem()))
        }
    }
}
