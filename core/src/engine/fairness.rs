//! A Fairness cell's work: the model's probabilities on a part of its split, each row's
//! group from the protected attribute (unscaled to its raw value), SPD and DIR per country.

use super::Engine;
use crate::error::Result;
use crate::monitor::MonitorError;
use crate::monitor::fairness::GroupedPredictions;
use crate::monitor::fairness_cell::{FairnessOutput, FairnessSpec};
use crate::train::EvalSplit;

impl Engine {
    pub(super) fn fairness(&self, spec: &FairnessSpec) -> Result<FairnessOutput> {
        let kept = self.model(&spec.model)?;
        let model = &kept.run.model;
        let report = &model.report;
        if !spec.country.is_empty() && !report.classes.contains(&spec.country) {
            return Err(
                MonitorError::unknown_country(&spec.country, &spec.model, &report.classes).into(),
            );
        }
        let (x, _) = match spec.on {
            EvalSplit::Test => &kept.run.test,
            EvalSplit::Validation => &kept.run.validation,
            EvalSplit::Train => &kept.run.train,
        };
        if x.n_rows == 0 {
            return Err(MonitorError::NoSplitRows {
                model: spec.model.clone(),
            }
            .into());
        }
        let j = report
            .spec
            .features
            .iter()
            .position(|f| *f == spec.attribute)
            .ok_or_else(|| MonitorError::FeatureNotInModel {
                feature: spec.attribute.clone(),
                model: spec.model.clone(),
                features: report.spec.features.join(", "),
            })?;
        let (offset, factor) = (report.scaler.offset[j], report.scaler.factor[j]);
        // The raw value back from the model's f32 input: equal to the privileged value up to
        // the f32 rounding of scaling.
        let tolerance = 1e-4 * spec.privileged.abs().max(1.0);
        let privileged: Vec<bool> = (0..x.n_rows)
            .map(|i| {
                (f64::from(x.row(i)[j]) / factor + offset - spec.privileged).abs() <= tolerance
            })
            .collect();
        let proba = model.predict_proba_scaled(x)?;
        let grouped = GroupedPredictions::new(&proba, &report.classes, &privileged)
            .map_err(MonitorError::from)?;
        let fairness = grouped
            .all_classes(spec.favourable, &spec.bounds)
            .map_err(MonitorError::from)?;
        Ok(FairnessOutput {
            model: spec.model.clone(),
            on: spec.on,
            attribute: spec.attribute.clone(),
            privileged: spec.privileged,
            country: spec.country.clone(),
            report: fairness,
        })
    }
}
