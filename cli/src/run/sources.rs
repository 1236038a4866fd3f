//! A Data source cell: the demo generated, files read, URLs downloaded, each sent to the
//! engine as the app's request for that source (`LoadDemo`, `LoadFile`, `LoadUrl`).

use jukebox_core::hash::sha256_hex;
use jukebox_core::notebook::{CellSpec, Source};
use jukebox_core::protocol::RequestBody;

use super::{CellOutcome, Runner, output_of};
use crate::data::{self, DataInput};
use crate::fetch;

impl Runner<'_> {
    pub(super) fn source(&mut self, index: usize, source: &Source) -> CellOutcome {
        let loads = match data::loads(index, source, self.inputs.data, self.inputs.base_dir) {
            Ok(loads) => loads,
            Err(error) => return CellOutcome::failed(error.to_string()),
        };
        let mut outputs = Vec::new();
        let mut as_read = Vec::new();
        for load in loads {
            let (source, bytes) = match read(load.source, load.from.as_ref()) {
                Ok(read) => read,
                Err(message) => return CellOutcome::failed(message),
            };
            let spec = CellSpec::Source { source };
            let Some(body) = RequestBody::for_cell(spec.clone()) else {
                continue;
            };
            match output_of(self.request(body, bytes.as_deref())) {
                Ok(output) => outputs.push(output),
                Err(message) => return CellOutcome::failed(message),
            }
            as_read.push(spec);
        }
        let mut outcome = CellOutcome::done(outputs);
        // A file or URL source is kept as read; a demo source stays the demo (tables given
        // with --data are noted in the report).
        if let [CellSpec::Source { source }] = as_read.as_slice()
            && !matches!(source, Source::Demo { .. })
        {
            outcome.source_as_read = as_read.pop();
        }
        outcome
    }
}

/// The bytes of a load, and its source with what was read (a file's name, size and hash).
fn read(source: Source, from: Option<&DataInput>) -> Result<(Source, Option<Vec<u8>>), String> {
    match from {
        None => Ok((source, None)),
        Some(DataInput::Path(path)) => {
            let bytes = std::fs::read(path).map_err(|e| {
                format!(
                    "the file {} could not be read: {e}. Check the path given with --data",
                    path.display()
                )
            })?;
            let source = match source {
                Source::File {
                    name, file_name, ..
                } => Source::File {
                    name,
                    file_name,
                    size: bytes.len() as u64,
                    sha256: sha256_hex(&bytes),
                },
                other => other,
            };
            Ok((source, Some(bytes)))
        }
        Some(DataInput::Url(url)) => {
            let bytes = fetch::download(url).map_err(|e| e.to_string())?;
            Ok((source, Some(bytes)))
        }
    }
}
