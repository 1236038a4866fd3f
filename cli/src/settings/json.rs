//! Setting one leaf of a cell's JSON from text, typed like the value it replaces.

use serde_json::{Map, Number, Value};

use super::{default_model, model_kinds};

/// Sets the leaf `field` (a key, or a dotted path's last keys) of `cell` to `text`.
pub(super) fn set(cell: &mut Value, field: &str, text: &str) -> Result<(), String> {
    let wanted: Vec<&str> = field.split('.').collect();
    let mut leaves = Vec::new();
    if let Value::Object(map) = &*cell {
        collect(map, &mut Vec::new(), &mut leaves);
    }
    leaves.retain(|path| path.as_slice() != ["cell"]);
    let matches: Vec<&Vec<String>> = leaves
        .iter()
        .filter(|p| p.ends_with_keys(&wanted))
        .collect();
    let path = match matches.as_slice() {
        [one] => (*one).clone(),
        [] => {
            let mut names: Vec<&str> = leaves
                .iter()
                .filter_map(|p| p.last().map(String::as_str))
                .collect();
            names.dedup();
            return Err(format!(
                "it has no field `{field}`. Its fields: {}",
                names.join(", ")
            ));
        }
        many => {
            let paths: Vec<String> = many.iter().map(|p| p.join(".")).collect();
            return Err(format!(
                "field `{field}` is ambiguous ({}): give the dotted path",
                paths.join(", ")
            ));
        }
    };
    if is_train_model(cell, &path) {
        let model = default_model(text).ok_or_else(|| {
            format!(
                "field `{field}`: `{text}` is not a model. Models: {}",
                model_kinds()
            )
        })?;
        *leaf(cell, &path[..path.len() - 1]) = model;
        return Ok(());
    }
    let slot = leaf(cell, &path);
    *slot = typed(slot, text).map_err(|problem| format!("field `{field}`: {problem}"))?;
    Ok(())
}

/// Paths of every non-object value under `map`.
fn collect(map: &Map<String, Value>, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    for (key, value) in map {
        prefix.push(key.clone());
        match value {
            Value::Object(inner) => collect(inner, prefix, out),
            _ => out.push(prefix.clone()),
        }
        prefix.pop();
    }
}

trait EndsWithKeys {
    fn ends_with_keys(&self, keys: &[&str]) -> bool;
}

impl EndsWithKeys for Vec<String> {
    fn ends_with_keys(&self, keys: &[&str]) -> bool {
        self.len() >= keys.len()
            && self[self.len() - keys.len()..]
                .iter()
                .zip(keys)
                .all(|(a, b)| a == b)
    }
}

/// A Train cell's model kind: `spec.model.model`.
fn is_train_model(cell: &Value, path: &[String]) -> bool {
    cell.get("cell").and_then(Value::as_str) == Some("train") && path == ["spec", "model", "model"]
}

/// The value at `path`, which `collect` found.
fn leaf<'a>(mut value: &'a mut Value, path: &[String]) -> &'a mut Value {
    for key in path {
        // The path was read from this very value: every key is there.
        value = match value {
            Value::Object(map) => map.entry(key.clone()).or_insert(Value::Null),
            other => return other,
        };
    }
    value
}

/// `text` as the kind of value `old` is.
fn typed(old: &Value, text: &str) -> Result<Value, String> {
    if matches!(text, "none" | "null") {
        return Ok(Value::Null);
    }
    match old {
        Value::Number(_) => number(text),
        Value::Bool(_) => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{text}` is not true or false")),
        },
        Value::String(_) => Ok(Value::String(text.to_string())),
        Value::Array(items) if !text.starts_with('[') => {
            // Items typed like the first one; in an empty list, numbers where they parse.
            let numbers = items.first().map(Value::is_number);
            text.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| match numbers {
                    Some(true) => number(t),
                    Some(false) => Ok(Value::String(t.to_string())),
                    None => Ok(number(t).unwrap_or_else(|_| Value::String(t.to_string()))),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        _ => Ok(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))),
    }
}

fn number(text: &str) -> Result<Value, String> {
    let cleaned = text.replace('_', "");
    if let Ok(n) = cleaned.parse::<u64>() {
        return Ok(Value::from(n));
    }
    if let Ok(n) = cleaned.parse::<i64>() {
        return Ok(Value::from(n));
    }
    cleaned
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| format!("`{text}` is not a number"))
}
