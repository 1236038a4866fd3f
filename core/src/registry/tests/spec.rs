//! The Kubeflow Model Registry's OpenAPI spec (`../shared/specs/…yaml`) as JSON Schema
//! validators of request bodies: OpenAPI 3.0's `nullable` becomes a `null` type, and a
//! `oneOf` with a discriminator mapping picks its branch by the discriminator's value, as
//! OpenAPI tools do (plain `oneOf` would match several artifact kinds at once).

use std::path::PathBuf;

use serde_json::{Map, Value, json};

pub(super) const SPEC_FILE: &str = "kubeflow-model-registry-v1alpha3.yaml";

/// The spec, found in `shared/specs/` beside the workspace (or its parents).
pub(super) fn spec_path() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|dir| dir.join("shared/specs").join(SPEC_FILE))
        .find(|path| path.exists())
        .unwrap_or_else(|| panic!("no shared/specs/{SPEC_FILE} above {}", manifest.display()))
}

fn to_json_schema(node: &Value) -> Value {
    match node {
        Value::Array(items) => Value::Array(items.iter().map(to_json_schema).collect()),
        Value::Object(map) => {
            let mut out: Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), to_json_schema(v)))
                .collect();
            let nullable = out.remove("nullable") == Some(Value::Bool(true));
            if let (true, Some(Value::String(t))) = (nullable, out.get("type").cloned()) {
                out.insert("type".into(), json!([t, "null"]));
            }
            if let Some(mapping) = map.get("discriminator").and_then(|d| d.get("mapping")) {
                let property = map["discriminator"]["propertyName"].clone();
                let branches: Vec<Value> = mapping
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(value, target)| {
                        json!({
                            "if": {"properties": {property.as_str().unwrap(): {"const": value}}},
                            "then": {"$ref": target},
                        })
                    })
                    .collect();
                let values: Vec<&String> = mapping
                    .as_object()
                    .into_iter()
                    .flat_map(|m| m.keys())
                    .collect();
                out.remove("oneOf");
                out.remove("discriminator");
                out.insert("required".into(), json!([property]));
                out.insert(
                    "properties".into(),
                    json!({property.as_str().unwrap(): {"enum": values}}),
                );
                out.insert("allOf".into(), Value::Array(branches));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The spec as one JSON document (its `components` kept, so `#/components/schemas/X`
/// references resolve inside it).
pub(super) fn spec_document() -> Value {
    let text = std::fs::read_to_string(spec_path()).unwrap();
    let yaml: Value = serde_norway::from_str(&text).unwrap();
    to_json_schema(&yaml)
}

/// A validator of `#/components/schemas/{schema}`.
pub(super) fn validator(document: &Value, schema: &str) -> jsonschema::Validator {
    let mut root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{schema}"),
    });
    root["components"] = document["components"].clone();
    jsonschema::validator_for(&root).unwrap()
}

/// The schema a POST to `path` (below the API root) must follow, per the spec.
pub(super) fn request_schema(document: &Value, path: &str) -> String {
    let templated = |p: &str| -> bool {
        let (a, b): (Vec<&str>, Vec<&str>) = (p.split('/').collect(), path.split('/').collect());
        a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x == y || x.starts_with('{'))
    };
    let paths = document["paths"].as_object().unwrap();
    let (_, item) = paths
        .iter()
        .find(|(p, _)| templated(p.trim_start_matches("/api/model_registry/v1alpha3/")))
        .unwrap_or_else(|| panic!("the spec has no path like {path}"));
    let reference = item["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap_or_else(|| panic!("the spec has no POST body for {path}"));
    reference
        .trim_start_matches("#/components/schemas/")
        .to_string()
}

/// Every error of `body` against `schema`, as text (empty = valid).
pub(super) fn errors(document: &Value, schema: &str, body: &Value) -> Vec<String> {
    validator(document, schema)
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}
