//! Tests of the explanations: SHAP against shap's exact and kernel explainers, permutation
//! importance against scikit-learn (`../fixtures/explain_reference.json`, written by
//! `scripts/explain_reference.py`), and the counterfactual search's promises.

mod counterfactual;
mod fixture;
mod kernel;
mod permutation;
mod shap;
