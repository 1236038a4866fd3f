//! Cells in words, as the CLI and the report name them: their kind as the notebook JSON
//! spells it (`train`) and a label for people (``Train `course_network` ``).

use super::{CellSpec, Source};

/// The kind as the notebook's JSON names it (its `cell` field).
pub fn kind_key(spec: &CellSpec) -> &'static str {
    match spec {
        CellSpec::Source { .. } => "source",
        CellSpec::Prepare { .. } => "prepare",
        CellSpec::Explore { .. } => "explore",
        CellSpec::Chart { .. } => "chart",
        CellSpec::Train { .. } => "train",
        CellSpec::Evaluate { .. } => "evaluate",
        CellSpec::Predict { .. } => "predict",
        CellSpec::Markdown { .. } => "markdown",
        CellSpec::LoadRun { .. } => "load_run",
        CellSpec::Serve { .. } => "serve",
        CellSpec::Validate(_) => "validate",
        CellSpec::Drift(_) => "drift",
        CellSpec::Fairness(_) => "fairness",
        CellSpec::Explain(_) => "explain",
    }
}

/// Every kind key, for messages.
pub const KIND_KEYS: [&str; 14] = [
    "source", "prepare", "explore", "chart", "train", "evaluate", "predict", "markdown",
    "load_run", "serve", "validate", "drift", "fairness", "explain",
];

/// The cell in words: its kind as the app shows it and what it works on.
pub fn label(spec: &CellSpec) -> String {
    let kind = spec.kind();
    match spec {
        CellSpec::Source { source } => match source {
            Source::Demo { .. } => format!("{kind}: demo"),
            Source::File {
                name, file_name, ..
            } => format!("{kind} `{name}`: file {file_name}"),
            Source::Url { name, .. } => format!("{kind} `{name}`: URL"),
        },
        CellSpec::Prepare { output, .. } => format!("{kind} `{output}`"),
        CellSpec::Explore { input, query } => {
            let query = serde_json::to_value(query)
                .ok()
                .and_then(|v| v.get("query").and_then(|q| q.as_str()).map(str::to_string))
                .unwrap_or_default();
            format!("{kind} `{input}`: {}", query.replace('_', " "))
        }
        CellSpec::Chart { input, .. } => format!("{kind} of `{input}`"),
        CellSpec::Train { output, .. } | CellSpec::LoadRun { output, .. } => {
            format!("{kind} `{output}`")
        }
        CellSpec::Evaluate { model, .. }
        | CellSpec::Predict { model, .. }
        | CellSpec::Serve { model, .. } => format!("{kind} `{model}`"),
        CellSpec::Markdown { .. } => kind.to_string(),
        CellSpec::Validate(validate) => format!(
            "{kind} `{}` against {}",
            validate.input,
            validate.against.label()
        ),
        CellSpec::Drift(drift) => format!(
            "{kind}: `{}` against {}",
            drift.current,
            drift.reference.label()
        ),
        CellSpec::Fairness(fairness) => {
            format!("{kind} `{}` on `{}`", fairness.model, fairness.attribute)
        }
        CellSpec::Explain(explain) => format!(
            "{kind} `{}`: {} in {}",
            explain.model, explain.label, explain.country
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_keys_are_the_notebook_json_tags() {
        for cell in super::super::starter().cells {
            let json = serde_json::to_value(&cell.spec).unwrap();
            assert_eq!(json["cell"], kind_key(&cell.spec));
            assert!(KIND_KEYS.contains(&kind_key(&cell.spec)));
        }
    }

    #[test]
    fn labels_say_what_a_cell_works_on() {
        let labels: Vec<String> = super::super::starter()
            .cells
            .iter()
            .map(|c| label(&c.spec))
            .collect();
        assert!(
            labels.contains(&"Data source: demo".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"Train `course_network`".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"Explore `charts`: describe".to_string()),
            "{labels:?}"
        );
    }
}
