//! The model codec: real models of every kind (`JBXM` bytes), damaged, decoded with their
//! run's report (sometimes a changed one); a model that decodes is then asked for
//! probabilities, as installing and using it would.

use std::sync::Arc;

use serde_json::Value;

use jukebox_core::train::codec;
use jukebox_core::train::{Matrix, ModelSpec, TrainReport};

use crate::harness::{SplitMix, Verdict, campaign};
use crate::mutate::{self, Flavor};
use crate::{TIME_LIMIT, inputs, scaled};

/// A report and model bytes as one input: the report's JSON length (`u32`, little-endian),
/// the JSON, the bytes; so a saved failure holds both.
fn packed(report: &[u8], model: &[u8]) -> Vec<u8> {
    let len = u32::try_from(report.len()).expect("a report is small");
    let mut out = len.to_le_bytes().to_vec();
    out.extend_from_slice(report);
    out.extend_from_slice(model);
    out
}

fn unpacked(input: &[u8]) -> (TrainReport, &[u8]) {
    let len = u32::from_le_bytes(input[..4].try_into().expect("four bytes"));
    let len = usize::try_from(len).expect("a u32 fits usize");
    let report = serde_json::from_slice(&input[4..4 + len]).expect("the maker wrote a report");
    (report, &input[4 + len..])
}

/// `bytes` decoded with `report`, then used on a few rows of scaled values.
pub fn decode_and_use(bytes: &[u8], report: TrainReport) -> Verdict {
    let n_features = report.spec.features.len();
    let model = match codec::decode(bytes, report) {
        Ok(model) => model,
        Err(error) => return Verdict::Refused(error.to_string()),
    };
    let values = [0.0, 1.0, 0.5, -0.25, 1.5];
    let data = (0..5 * n_features)
        .map(|i| values[i % values.len()])
        .collect();
    let Some(rows) = Matrix::from_vec(5, n_features, data) else {
        return Verdict::Accepted;
    };
    match model.predict_proba_scaled(&rows) {
        Ok(_) => Verdict::Accepted,
        Err(error) => Verdict::Refused(error.to_string()),
    }
}

#[test]
fn damaged_models_never_panic_and_are_refused_in_words() {
    let models = inputs::models();
    let reports: Vec<Value> = models
        .iter()
        .map(|m| serde_json::to_value(&m.report).expect("a report is JSON"))
        .collect();
    for model in models {
        if let Verdict::Refused(message) = decode_and_use(&model.bytes, model.report.clone()) {
            panic!("{}: {message}", model.report.model);
        }
    }
    let make = Arc::new(move |rng: &mut SplitMix| {
        let mut recipe = Vec::new();
        let which = rng.below(models.len());
        recipe.push(format!(
            "model {which} ({})",
            models[which].report.spec.model.label()
        ));
        let mut report = reports[which].clone();
        if rng.one_in(6) {
            // A changed report that still reads as one (as a damaged run record could).
            let mut changed = report.clone();
            mutate::json(rng, &mut changed, &mut recipe);
            if serde_json::from_str::<TrainReport>(&changed.to_string()).is_ok() {
                report = changed;
            } else {
                recipe.push("(the changed report did not read: the real one)".into());
            }
        }
        let donors: Vec<&[u8]> = models.iter().map(|m| m.bytes.as_slice()).collect();
        let bytes = if rng.one_in(12) {
            recipe.push("the bytes as they were".into());
            models[which].bytes.clone()
        } else {
            mutate::bytes(
                rng,
                &models[which].bytes,
                &donors,
                Flavor::Binary,
                &mut recipe,
            )
        };
        (
            packed(report.to_string().as_bytes(), &bytes),
            recipe.join("; "),
        )
    });
    let read = Arc::new(|input: &[u8]| {
        let (report, bytes) = unpacked(input);
        decode_and_use(bytes, report)
    });
    let report = campaign(
        "model codec",
        0xB0DE,
        0..scaled(6_000),
        TIME_LIMIT,
        make,
        read,
    );
    report.print();
    report.assert_clean();
}

#[test]
fn the_knn_model_byte_that_overflowed_the_stack_is_refused_in_words() {
    // Found by this campaign (seed 0x580e8b545c19b936): the high byte of one training value
    // of the kNN model set to 0xf4 (about -8e31) made smartcore's cover tree (the kNN of
    // the time) recurse without end when decoding fitted the neighbours again.
    let knn = &inputs::models()[4];
    assert!(matches!(knn.report.spec.model, ModelSpec::Knn(_)));
    let mut bytes = knn.bytes.clone();
    bytes[2395] = 0xf4;
    let error = codec::decode(&bytes, knn.report.clone()).unwrap_err();
    assert!(error.to_string().contains("scale the features"), "{error}");
}
