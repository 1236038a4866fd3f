//! The infer request for one song and the probabilities in the answer.

use serde::Deserialize;
use serde_json::{Value, json};

use super::{ServedLayout, ServingError, malformed, protocol_error};

/// The infer request body for one song's model inputs `values` (run's feature order).
///
/// `values` are the scaled features as `f32`; each is written as the `f64` it widens to
/// exactly, so a server reading the JSON as doubles and narrowing to FP32 gets the very same
/// inputs as the browser's model.
pub fn infer_request(layout: &ServedLayout, values: &[f32]) -> Value {
    let inputs: Vec<Value> = match layout {
        ServedLayout::PerFeature { names } => names
            .iter()
            .zip(values)
            .map(|(name, value)| {
                json!({"name": name, "shape": [1, 1], "datatype": "FP32", "data": [value]})
            })
            .collect(),
        ServedLayout::Single { name, datatype } => vec![json!({
            "name": name,
            "shape": [1, values.len()],
            "datatype": datatype,
            "data": values,
        })],
    };
    json!({ "inputs": inputs })
}

#[derive(Deserialize)]
struct InferResponse {
    #[serde(default)]
    outputs: Vec<ResponseOutput>,
}

#[derive(Deserialize)]
struct ResponseOutput {
    name: String,
    data: Value,
}

/// The first output's probabilities from an infer response body (`$inference_response`),
/// checked to hold `n_classes` numbers.
pub fn parse_infer_response(text: &str, n_classes: usize) -> Result<Vec<f64>, ServingError> {
    const WHAT: &str = "infer response";
    if let Some(message) = protocol_error(text, WHAT)? {
        return Err(ServingError::Server(message));
    }
    let response: InferResponse = serde_json::from_str(text).map_err(|e| malformed(WHAT, &e))?;
    let Some(output) = response.outputs.first() else {
        return Err(ServingError::Malformed {
            what: WHAT,
            message: "it has no outputs".to_string(),
        });
    };
    let mut numbers = Vec::with_capacity(n_classes);
    flatten(&output.data, &mut numbers).map_err(|found| ServingError::Malformed {
        what: WHAT,
        message: format!(
            "output `{}` holds {found} where a number was expected",
            output.name
        ),
    })?;
    if numbers.len() != n_classes {
        return Err(ServingError::Mismatch(format!(
            "output `{}` holds {} numbers but the run has {n_classes} classes: is the served \
             model this run's?",
            output.name,
            numbers.len()
        )));
    }
    Ok(numbers)
}

/// Numbers of `data` in row-major order (a flat list, or nested lists as some servers send).
fn flatten(data: &Value, into: &mut Vec<f64>) -> Result<(), String> {
    match data {
        Value::Array(items) => items.iter().try_for_each(|item| flatten(item, into)),
        Value::Number(number) => {
            into.push(number.as_f64().ok_or_else(|| number.to_string())?);
            Ok(())
        }
        other => Err(match other {
            Value::String(s) => format!("the text \"{s}\""),
            other => format!("`{other}`"),
        }),
    }
}
