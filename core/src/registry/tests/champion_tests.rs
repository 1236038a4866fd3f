//! The champion lookup against canned replies shaped as MLflow's and Kubeflow's: the requests
//! in order, the scores read, and each way there is no champion said in words.

use serde_json::json;

use super::*;

const BASE: &str = "http://127.0.0.1:5000/";

fn query(kind: RegistryKind, alias: &str) -> ChampionQuery {
    ChampionQuery {
        kind,
        base_url: BASE.into(),
        model: "song country".into(),
        alias: alias.into(),
    }
}

fn reply(status: u16, body: serde_json::Value) -> HttpReply {
    HttpReply {
        status,
        body: body.to_string(),
    }
}

/// Drives the lookup with `answer`; the URLs asked and the end.
fn drive(
    query: ChampionQuery,
    mut answer: impl FnMut(&str) -> HttpReply,
) -> (Vec<String>, ChampionAction) {
    let mut lookup = ChampionLookup::new(query);
    let mut urls = Vec::new();
    let mut action = lookup.next(None);
    while let ChampionAction::Send(request) = &action {
        assert_eq!(request.method, Method::Get);
        urls.push(request.url.clone());
        let answered = answer(&request.url);
        action = lookup.next(Some(&answered));
    }
    (urls, action)
}

#[test]
fn mlflow_reads_the_run_behind_the_alias() {
    let (urls, end) = drive(query(RegistryKind::Mlflow, "champion"), |url| {
        if url.contains("registered-models/alias") {
            reply(
                200,
                json!({"model_version": {"name": "song country", "version": "3", "run_id": "abc"}}),
            )
        } else {
            reply(
                200,
                json!({"run": {"info": {"run_id": "abc"}, "data": {"metrics": [
                    {"key": "test_accuracy", "value": 0.25, "step": 0},
                    {"key": "test_macro_f1", "value": 0.125, "step": 0},
                    {"key": "odd", "value": "not a number"}
                ]}}}),
            )
        }
    });
    assert_eq!(
        urls,
        [
            "http://127.0.0.1:5000/api/2.0/mlflow/registered-models/alias?name=song%20country&alias=champion",
            "http://127.0.0.1:5000/api/2.0/mlflow/runs/get?run_id=abc",
        ]
    );
    let ChampionAction::Found(champion) = end else {
        panic!("{end:?}")
    };
    assert_eq!(
        champion.described,
        "version 3 of song country (alias champion)"
    );
    assert_eq!(
        champion.metrics.into_iter().collect::<Vec<_>>(),
        [
            ("test_accuracy".to_string(), 0.25),
            ("test_macro_f1".to_string(), 0.125)
        ]
    );
}

#[test]
fn mlflow_without_the_alias_says_how_to_make_a_first_champion() {
    let (_, end) = drive(query(RegistryKind::Mlflow, "champion"), |_| {
        reply(
            404,
            json!({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered model alias champion not found."}),
        )
    });
    let ChampionAction::Failed(message) = end else {
        panic!("{end:?}")
    };
    assert!(
        message.contains("has no alias 'champion' on a model 'song country'"),
        "{message}"
    );
    assert!(message.contains("--alias champion"), "{message}");
    let (urls, end) = drive(query(RegistryKind::Mlflow, " "), |_| unreachable!());
    assert!(urls.is_empty());
    assert!(matches!(end, ChampionAction::Failed(m) if m.contains("--champion")));
}

#[test]
fn an_unreachable_registry_is_said_with_its_address() {
    let (_, end) = drive(query(RegistryKind::Mlflow, "champion"), |_| HttpReply {
        status: 0,
        body: "connection refused".into(),
    });
    let ChampionAction::Failed(message) = end else {
        panic!("{end:?}")
    };
    assert!(
        message.contains("no answer from MLflow at http://127.0.0.1:5000/"),
        "{message}"
    );
}

#[test]
fn kubeflow_reads_a_named_version_or_the_newest() {
    let version = json!({"id": "7", "name": "v2", "customProperties": {
        "run_id": {"metadataType": "MetadataStringValue", "string_value": "run-1"},
        "test_accuracy": {"metadataType": "MetadataDoubleValue", "double_value": 0.5}
    }});
    let answered = |url: &str| {
        if url.contains("registered_model?") {
            reply(200, json!({"id": "4", "name": "song country"}))
        } else if url.contains("model_version?") {
            reply(200, version.clone())
        } else {
            reply(200, json!({"items": [version.clone()], "size": 1}))
        }
    };
    let (urls, end) = drive(query(RegistryKind::Kubeflow, "v2"), answered);
    let api = "http://127.0.0.1:5000/api/model_registry/v1alpha3";
    assert_eq!(
        urls,
        [
            format!("{api}/registered_model?name=song%20country"),
            format!("{api}/model_version?name=v2&parentResourceId=4"),
        ]
    );
    let ChampionAction::Found(champion) = end else {
        panic!("{end:?}")
    };
    assert_eq!(champion.described, "version 'v2' of song country (by name)");
    assert_eq!(champion.metrics.get("test_accuracy"), Some(&0.5));
    assert_eq!(champion.metrics.len(), 1, "only numbers are scores");
    let (urls, end) = drive(query(RegistryKind::Kubeflow, ""), answered);
    assert_eq!(
        urls[1],
        format!("{api}/registered_models/4/versions?orderBy=CREATE_TIME&sortOrder=DESC&pageSize=1")
    );
    assert!(matches!(end, ChampionAction::Found(c) if c.described.ends_with("(the newest)")));
}

#[test]
fn kubeflow_without_model_or_versions_says_there_is_no_champion_yet() {
    let (_, end) = drive(query(RegistryKind::Kubeflow, ""), |_| {
        reply(
            404,
            json!({"code": "404", "message": "no registered model found"}),
        )
    });
    assert!(
        matches!(&end, ChampionAction::Failed(m) if m.contains("has no model 'song country'")),
        "{end:?}"
    );
    let (_, end) = drive(query(RegistryKind::Kubeflow, ""), |url| {
        if url.contains("registered_model?") {
            reply(200, json!({"id": "4"}))
        } else {
            reply(200, json!({"items": [], "size": 0}))
        }
    });
    assert!(
        matches!(&end, ChampionAction::Failed(m) if m.contains("has no version yet")),
        "{end:?}"
    );
    let (_, end) = drive(query(RegistryKind::Kubeflow, "v9"), |url| {
        if url.contains("registered_model?") {
            reply(200, json!({"id": "4"}))
        } else {
            reply(
                404,
                json!({"code": "404", "message": "no model version found"}),
            )
        }
    });
    assert!(
        matches!(&end, ChampionAction::Failed(m) if m.contains("no version named 'v9'")),
        "{end:?}"
    );
}
