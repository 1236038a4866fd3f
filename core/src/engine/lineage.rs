//! Where each dataset came from: its fingerprint and those of the datasets it was made from,
//! so a training can name the data it read and a saved run can tell whether it is back.

use polars_core::prelude::DataFrame;

use super::Engine;
use crate::prepare::PrepareStep;
use crate::runs::DatasetFingerprint;
use crate::runs::fingerprint::{self, with_sources};

/// A dataset's fingerprint and those of the datasets it was made from.
#[derive(Debug, Clone)]
pub(super) struct Lineage {
    pub fingerprint: DatasetFingerprint,
    pub sources: Vec<DatasetFingerprint>,
}

impl Engine {
    /// The lineage of table `output` that `steps` made from `input` (and the tables they
    /// join): a hash of theirs and the steps; their own fingerprints and sources as sources.
    pub(super) fn prepared_lineage(
        &self,
        output: &str,
        input: &str,
        steps: &[PrepareStep],
        df: &DataFrame,
    ) -> Lineage {
        let mut names = vec![input];
        names.extend(fingerprint::step_inputs(steps));
        let inputs: Vec<&Lineage> = names.iter().filter_map(|n| self.lineage.get(*n)).collect();
        let fingerprints: Vec<&DatasetFingerprint> =
            inputs.iter().map(|l| &l.fingerprint).collect();
        let mut sources = Vec::new();
        for l in &inputs {
            for f in with_sources(&l.fingerprint, &l.sources) {
                if !sources.contains(&f) {
                    sources.push(f);
                }
            }
        }
        Lineage {
            fingerprint: fingerprint::prepared(output, &fingerprints, steps, df),
            sources,
        }
    }

    /// Dataset `name`'s fingerprint, then those of the sources it was made from (empty when
    /// no such dataset is loaded).
    pub fn datasets_of(&self, name: &str) -> Vec<DatasetFingerprint> {
        self.lineage
            .get(name)
            .map(|l| with_sources(&l.fingerprint, &l.sources))
            .unwrap_or_default()
    }
}
