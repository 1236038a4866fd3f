//! What the Kubeflow steps send and read: a version's typed custom properties and body, the
//! names taken in a version list, and the next free name when the wanted one is taken.

use serde_json::{Map, Value, json};

use crate::registry::job::StepCtx;
use crate::runs::{MetricGroup, RunRecord};

/// A version in a list: its id, name and the Jukebox run it came from (if any).
pub(super) fn listed(item: &Value) -> (String, String, String) {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let run = item.pointer("/customProperties/run_id/string_value");
    (text(item.get("id")), text(item.get("name")), text(run))
}

/// The name a new version gets when `wanted` is taken (or empty): numbers count on from the
/// highest numeric name; other names get `-2`, `-3`…
pub(crate) fn next_free_name(wanted: &str, taken: &[String]) -> String {
    let is_taken = |n: &str| taken.iter().any(|t| t == n);
    if wanted.is_empty() || wanted.parse::<u64>().is_ok() {
        let highest = taken
            .iter()
            .filter_map(|t| t.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let start = wanted.parse::<u64>().unwrap_or(1).max(highest + 1);
        return start.to_string();
    }
    // One more than the names taken always holds a free one.
    (2..=taken.len() + 2)
        .map(|n| format!("{wanted}-{n}"))
        .find(|n| !is_taken(n))
        .unwrap_or_default()
}

/// Every name seen so far plus this page's, for a refusal's suggestion.
pub(super) fn names_with(names: &[String], page: &Value) -> Vec<String> {
    let mut all = names.to_vec();
    for item in page
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        all.push(listed(item).1);
    }
    all
}

pub(super) fn string_value(value: &str) -> Value {
    json!({ "metadataType": "MetadataStringValue", "string_value": value })
}

/// The largest `int_value` the spec's pattern takes (at most nine digits, inside int32).
const MAX_INT_VALUE: u64 = 999_999_999;

/// A count as `MetadataIntValue` (written as a decimal string, as the spec says); a larger
/// count stays exact as a string.
fn count_value(count: u64) -> Value {
    if count <= MAX_INT_VALUE {
        json!({ "metadataType": "MetadataIntValue", "int_value": count.to_string() })
    } else {
        string_value(&count.to_string())
    }
}

fn double_value(value: f64) -> Value {
    json!({ "metadataType": "MetadataDoubleValue", "double_value": value })
}

/// The version's typed custom properties: the run, its data and its scores.
pub(crate) fn custom_properties(
    record: &RunRecord,
    license: &str,
    onnx_sha256: &str,
) -> Map<String, Value> {
    let mut props = Map::new();
    let spec = &record.report.spec;
    props.insert("run_id".into(), string_value(&record.id));
    props.insert("app_version".into(), string_value(&record.app_version));
    props.insert(
        "features".into(),
        string_value(&serde_json::to_string(&spec.features).unwrap_or_default()),
    );
    props.insert("target".into(), string_value(&spec.target));
    props.insert("model_kind".into(), string_value(spec.model.label()));
    props.insert("onnx_sha256".into(), string_value(onnx_sha256));
    if !license.trim().is_empty() {
        props.insert("license".into(), string_value(license.trim()));
    }
    for dataset in &record.datasets {
        props.insert(
            format!("dataset.{}.sha256", dataset.name),
            string_value(&dataset.sha256),
        );
        props.insert(
            format!("dataset.{}.rows", dataset.name),
            count_value(dataset.rows),
        );
    }
    // The headline scores only ([`crate::runs::metrics`]), as typed doubles.
    for metric in crate::runs::metrics(record) {
        if metric.group == MetricGroup::Headline {
            props.insert(metric.name.into(), double_value(metric.value));
        }
    }
    props
}

pub(super) fn version_body(ctx: &StepCtx, name: &str) -> Value {
    let options = ctx.options;
    let mut body = json!({
        "registeredModelId": ctx.id("registered_model_id"),
        "name": name,
        "customProperties": custom_properties(ctx.record, &options.license, &ctx.files.onnx_sha256),
    });
    if !options.description.trim().is_empty() {
        body["description"] = json!(options.description.trim());
    }
    if !options.author.trim().is_empty() {
        body["author"] = json!(options.author.trim());
    }
    body
}
