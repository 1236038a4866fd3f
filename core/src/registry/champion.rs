//! The champion: the model version a quality gate compares a new run with
//! (`jukebox run --gate "test_accuracy>=champion"`). Sans-IO like the push: the caller sends
//! each [`HttpRequest`] and hands back the reply.
//!
//! - MLflow: the version behind an alias of a registered model
//!   (`registered-models/alias`), then the metrics of the run that made it (`runs/get`);
//! - Kubeflow Model Registry, which has no aliases: the version of that name
//!   (`model_version?name=…&parentResourceId=…`), or the newest version when no name is
//!   given; its scores are the version's double custom properties (what a push writes).

use std::collections::BTreeMap;

use serde_json::Value;

use super::reply::{error_code, failure, is_ok, json, missing, text_at};
use super::{Body, HttpReply, HttpRequest, Method, RegistryKind};
use crate::endpoint_url::{encode, join};

/// Which version to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChampionQuery {
    pub kind: RegistryKind,
    pub base_url: String,
    /// The registered model's name.
    pub model: String,
    /// MLflow: the alias (`champion`). Kubeflow: a version's name; empty = the newest.
    pub alias: String,
}

/// The champion found: its version and its scores by the names `metrics.json` uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Champion {
    /// `version 3 of song-country (alias champion)`, for messages and the report.
    pub described: String,
    pub metrics: BTreeMap<String, f64>,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum ChampionAction {
    Send(HttpRequest),
    Found(Champion),
    /// Why there is no champion to compare with, and what to do.
    Failed(String),
}

/// The lookup's progress.
#[derive(Debug, Clone)]
pub struct ChampionLookup {
    query: ChampionQuery,
    phase: u8,
    version: String,
}

const MLFLOW: &str = "api/2.0/mlflow/";
const KUBEFLOW: &str = "api/model_registry/v1alpha3/";

impl ChampionLookup {
    pub fn new(query: ChampionQuery) -> Self {
        Self {
            query,
            phase: 0,
            version: String::new(),
        }
    }

    fn get(&mut self, phase: u8, path: &str) -> ChampionAction {
        self.phase = phase;
        ChampionAction::Send(HttpRequest {
            method: Method::Get,
            url: join(&self.query.base_url, path),
            body: Body::None,
        })
    }

    fn failed(&self, action: &str, reply: &HttpReply) -> ChampionAction {
        ChampionAction::Failed(failure(
            self.query.kind,
            &self.query.base_url,
            action,
            reply,
        ))
    }

    fn lacks(&self, action: &str, field: &str, reply: &HttpReply) -> ChampionAction {
        ChampionAction::Failed(missing(self.query.kind, action, field, reply))
    }

    /// The first request (`reply` = `None`), then one step per reply.
    pub fn next(&mut self, reply: Option<&HttpReply>) -> ChampionAction {
        match self.query.kind {
            RegistryKind::Mlflow => self.mlflow(reply),
            RegistryKind::Kubeflow => self.kubeflow(reply),
        }
    }

    fn mlflow(&mut self, reply: Option<&HttpReply>) -> ChampionAction {
        let (model, alias) = (
            self.query.model.clone(),
            self.query.alias.trim().to_string(),
        );
        let Some(reply) = reply else {
            if alias.is_empty() {
                return ChampionAction::Failed(
                    "MLflow's champion is the version behind an alias: give one with --champion \
                     (e.g. champion)"
                        .into(),
                );
            }
            let path = format!(
                "{MLFLOW}registered-models/alias?name={}&alias={}",
                encode(&model),
                encode(&alias)
            );
            return self.get(1, &path);
        };
        if self.phase == 1 {
            let action = format!("Finding the version behind alias '{alias}' of model '{model}'");
            if !is_ok(reply) {
                if reply.status == 404
                    || error_code(reply).as_deref() == Some("RESOURCE_DOES_NOT_EXIST")
                {
                    return ChampionAction::Failed(format!(
                        "MLflow at {} has no alias '{alias}' on a model '{model}': there is no \
                         champion to compare with yet. Push a first model with \
                         `jukebox push … --model {model} --alias {alias}`, or gate on a number",
                        self.query.base_url
                    ));
                }
                return self.failed(&action, reply);
            }
            let Some(version) = text_at(reply, "/model_version/version") else {
                return self.lacks(&action, "model_version.version", reply);
            };
            let Some(run_id) = text_at(reply, "/model_version/run_id") else {
                return ChampionAction::Failed(format!(
                    "Version {version} of model '{model}' (alias '{alias}') was registered \
                     without a run, so it has no metrics to compare with. Point the alias at a \
                     version that `jukebox push` or the app registered"
                ));
            };
            self.version = version;
            return self.get(2, &format!("{MLFLOW}runs/get?run_id={}", encode(&run_id)));
        }
        let action = format!(
            "Reading the metrics of model '{model}' version {}",
            self.version
        );
        if !is_ok(reply) {
            return self.failed(&action, reply);
        }
        let body = json(reply);
        let Some(list) = body.pointer("/run/data/metrics").and_then(Value::as_array) else {
            return self.lacks(&action, "run.data.metrics", reply);
        };
        let metrics = list
            .iter()
            .filter_map(|m| {
                Some((
                    m.get("key")?.as_str()?.to_string(),
                    m.get("value")?.as_f64()?,
                ))
            })
            .collect();
        ChampionAction::Found(Champion {
            described: format!("version {} of {model} (alias {alias})", self.version),
            metrics,
        })
    }

    fn kubeflow(&mut self, reply: Option<&HttpReply>) -> ChampionAction {
        let (model, name) = (
            self.query.model.clone(),
            self.query.alias.trim().to_string(),
        );
        let Some(reply) = reply else {
            return self.get(
                1,
                &format!("{KUBEFLOW}registered_model?name={}", encode(&model)),
            );
        };
        match self.phase {
            1 => {
                let action = format!("Finding the registered model '{model}'");
                if reply.status == 404 {
                    return ChampionAction::Failed(format!(
                        "The Kubeflow Model Registry at {} has no model '{model}': there is no \
                         champion to compare with yet. Push a first model with \
                         `jukebox push … --registry kubeflow --model {model}`, or gate on a number",
                        self.query.base_url
                    ));
                }
                if !is_ok(reply) {
                    return self.failed(&action, reply);
                }
                let Some(id) = text_at(reply, "/id") else {
                    return self.lacks(&action, "id", reply);
                };
                let Ok(id_segment) = crate::endpoint_url::segment(&id) else {
                    return self.lacks(&action, "id", reply);
                };
                if name.is_empty() {
                    let path = format!(
                        "{KUBEFLOW}registered_models/{id_segment}/versions?orderBy=CREATE_TIME&sortOrder=DESC&pageSize=1"
                    );
                    self.get(3, &path)
                } else {
                    let path = format!(
                        "{KUBEFLOW}model_version?name={}&parentResourceId={}",
                        encode(&name),
                        encode(&id)
                    );
                    self.get(2, &path)
                }
            }
            phase => {
                let action = format!("Finding the champion version of model '{model}'");
                if reply.status == 404 && phase == 2 {
                    return ChampionAction::Failed(format!(
                        "Model '{model}' has no version named '{name}' in the Kubeflow Model \
                         Registry at {}. Give an existing version's name with --champion, or \
                         none for the newest",
                        self.query.base_url
                    ));
                }
                if !is_ok(reply) {
                    return self.failed(&action, reply);
                }
                let body = json(reply);
                let version = if phase == 2 {
                    Some(&body)
                } else {
                    body.pointer("/items/0")
                };
                let Some(version) = version.filter(|v| v.is_object()) else {
                    return ChampionAction::Failed(format!(
                        "Model '{model}' has no version yet in the Kubeflow Model Registry at {}: \
                         there is no champion to compare with. Push a first model, or gate on a \
                         number",
                        self.query.base_url
                    ));
                };
                let label = version
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string();
                let metrics = version
                    .get("customProperties")
                    .and_then(Value::as_object)
                    .map(|props| {
                        props
                            .iter()
                            .filter_map(|(key, value)| {
                                Some((key.clone(), value.get("double_value")?.as_f64()?))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let how = if name.is_empty() {
                    "the newest"
                } else {
                    "by name"
                };
                ChampionAction::Found(Champion {
                    described: format!("version '{label}' of {model} ({how})"),
                    metrics,
                })
            }
        }
    }
}
