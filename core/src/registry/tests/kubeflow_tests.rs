//! Kubeflow Model Registry pushes against the in-memory fake, and every body checked
//! against the registry's OpenAPI spec.

use serde_json::json;

use super::fake::FakeKubeflow;
use super::spec::{errors, request_schema, spec_document};
use super::*;
use crate::registry::kubeflow::body::{custom_properties, next_free_name};

const URI: &str = "s3://models/mlp/model.onnx";

fn options(version_name: &str) -> PushOptions {
    PushOptions {
        version_name: version_name.into(),
        artifact_uri: URI.into(),
        author: "Ada".into(),
        license: "MIT".into(),
        description: "Course network".into(),
        ..default_options(&run_record())
    }
}

fn start(version_name: &str, resume: Option<PushProgress>) -> PushJob {
    start_record(&run_record(), version_name, resume)
}

fn start_record(record: &RunRecord, version_name: &str, resume: Option<PushProgress>) -> PushJob {
    let endpoint = endpoint(RegistryKind::Kubeflow);
    PushJob::start(
        &endpoint,
        record,
        options(version_name),
        files(),
        resume,
        9.0,
    )
}

#[test]
fn a_first_push_creates_model_version_and_artifact_with_get_and_post_only() {
    let mut server = FakeKubeflow::default();
    let mut job = start("", None);
    let (sent, end) = drive(&mut job, |r| server.handle(r));
    let api = "http://127.0.0.1:5000/api/model_registry/v1alpha3";
    let calls: Vec<String> = sent
        .iter()
        .map(|r| format!("{:?} {}", r.method, r.url))
        .collect();
    assert_eq!(
        calls,
        vec![
            format!("Get {api}/registered_model?name=mlp"),
            format!("Post {api}/registered_models"),
            format!("Get {api}/registered_models/1/versions?pageSize=100"),
            format!("Post {api}/model_versions"),
            format!(
                "Get {api}/model_versions/1/artifacts?artifactType=model-artifact&pageSize=100"
            ),
            format!("Post {api}/model_versions/1/artifacts"),
        ]
    );
    let Body::Json(version) = &sent[3].body else {
        panic!("JSON")
    };
    assert_eq!(version["name"], "1");
    assert_eq!(version["registeredModelId"], "1");
    assert_eq!(version["author"], "Ada");
    let props = &version["customProperties"];
    assert_eq!(
        props["run_id"],
        json!({"metadataType": "MetadataStringValue", "string_value": "run-lmn0p-123456"})
    );
    assert_eq!(
        props["test_accuracy"],
        json!({"metadataType": "MetadataDoubleValue", "double_value": 0.75})
    );
    assert_eq!(
        props["dataset.charts.sha256"]["string_value"],
        "ab".repeat(32)
    );
    assert_eq!(
        props["dataset.charts.rows"],
        json!({"metadataType": "MetadataIntValue", "int_value": "20"})
    );
    assert_eq!(props["license"]["string_value"], "MIT");
    let Body::Json(artifact) = &sent[5].body else {
        panic!("JSON")
    };
    assert_eq!(artifact["artifactType"], "model-artifact");
    assert_eq!(artifact["uri"], URI);
    assert_eq!(
        (
            artifact["modelFormatName"].as_str(),
            artifact["modelFormatVersion"].as_str()
        ),
        (Some("onnx"), Some("1"))
    );
    let PushAction::Done(registration) = end else {
        panic!("{end:?}")
    };
    assert_eq!(registration.version, "1");
    assert_eq!(registration.url, format!("{api}/model_versions/1"));
    assert_eq!(registration.artifact_uri, URI);
}

#[test]
fn versions_are_numbered_on_from_the_highest_and_other_runs_keep_theirs() {
    let mut server = FakeKubeflow {
        page_size: 2,
        ..FakeKubeflow::default()
    };
    let mut other = run_record();
    for id in ["run-a", "run-b", "run-c"] {
        other.id = id.into();
        drive(&mut start_record(&other, "", None), |r| server.handle(r));
    }
    let (_, end) = drive(&mut start("", None), |r| server.handle(r));
    let PushAction::Done(registration) = end else {
        panic!("{end:?}")
    };
    assert_eq!(
        registration.version, "4",
        "three versions over two pages before it"
    );
    let names: Vec<&str> = server.versions.iter().map(|v| v.1.as_str()).collect();
    assert_eq!(names, ["1", "2", "3", "4"]);
}

#[test]
fn a_version_name_taken_by_another_run_is_refused_with_the_next_free_name() {
    let mut server = FakeKubeflow::default();
    let mut other = run_record();
    other.id = "run-other".into();
    drive(&mut start_record(&other, "v1", None), |r| server.handle(r));
    let (sent, end) = drive(&mut start("v1", None), |r| server.handle(r));
    let PushAction::Failed { step, message } = end else {
        panic!("{end:?}")
    };
    assert_eq!(step, StepKind::KfModelVersion);
    assert_eq!(
        message,
        "version 'v1' of model 'mlp' exists (run run-other); the next free name is 'v1-2'."
    );
    assert!(
        !sent.iter().any(|r| r.url.ends_with("/model_versions")),
        "nothing created"
    );
    assert_eq!(server.versions.len(), 1);
}

#[test]
fn next_free_name_counts_numbers_on_and_suffixes_other_names() {
    let taken: Vec<String> = ["1", "3", "v1", "v1-2"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    assert_eq!(next_free_name("", &taken), "4");
    assert_eq!(next_free_name("3", &taken), "4");
    assert_eq!(next_free_name("v1", &taken), "v1-3");
    assert_eq!(next_free_name("", &[]), "1");
}

#[test]
fn a_second_push_of_the_same_run_reuses_its_version_and_artifact() {
    let mut server = FakeKubeflow::default();
    drive(&mut start("", None), |r| server.handle(r));
    let (sent, end) = drive(&mut start("", None), |r| server.handle(r));
    assert!(
        sent.iter().all(|r| r.method == Method::Get),
        "only lookups: {sent:?}"
    );
    let PushAction::Done(registration) = end else {
        panic!("{end:?}")
    };
    assert_eq!(registration.version, "1");
    assert_eq!((server.versions.len(), server.artifacts.len()), (1, 1));
}

#[test]
fn a_failure_at_any_kubeflow_step_resumes_and_creates_nothing_twice() {
    for fail_at in 0..6 {
        let mut server = FakeKubeflow {
            fail_at: Some(fail_at),
            ..FakeKubeflow::default()
        };
        let mut job = start("", None);
        let (_, end) = drive(&mut job, |r| server.handle(r));
        let PushAction::Failed { message, .. } = end else {
            panic!("request {fail_at} should fail")
        };
        assert!(
            message.contains("HTTP 503 (503: service unavailable)"),
            "{message}"
        );
        let mut again = start("", Some(job.progress().clone()));
        let (_, end) = drive(&mut again, |r| server.handle(r));
        assert!(matches!(end, PushAction::Done(_)), "{end:?}");
        let counts = (
            server.models.len(),
            server.versions.len(),
            server.artifacts.len(),
        );
        assert_eq!(counts, (1, 1, 1), "failing request {fail_at}");
    }
}

#[test]
fn an_empty_artifact_uri_is_refused_before_any_request() {
    let endpoint = endpoint(RegistryKind::Kubeflow);
    let options = PushOptions {
        artifact_uri: "  ".into(),
        ..options("")
    };
    let mut job = PushJob::start(&endpoint, &run_record(), options, files(), None, 0.0);
    let PushAction::Failed { step, message } = job.next(None) else {
        panic!("refused")
    };
    assert_eq!(step, StepKind::KfRegisteredModel);
    assert!(
        message.starts_with("Give the model's artifact URI"),
        "{message}"
    );
}

#[test]
fn every_body_a_push_posts_follows_the_registry_spec() {
    let document = spec_document();
    let mut server = FakeKubeflow::default();
    drive(&mut start("", None), |r| server.handle(r));
    assert_eq!(server.posted.len(), 3);
    for (path, body) in &server.posted {
        let schema = request_schema(&document, path);
        assert_eq!(
            errors(&document, &schema, body),
            Vec::<String>::new(),
            "POST {path} as {schema}"
        );
    }
    let schemas: Vec<String> = server
        .posted
        .iter()
        .map(|(p, _)| request_schema(&document, p))
        .collect();
    assert_eq!(
        schemas,
        ["RegisteredModelCreate", "ModelVersionCreate", "Artifact"]
    );
}

#[test]
fn the_spec_check_rejects_a_body_that_breaks_the_spec() {
    let document = spec_document();
    let mut server = FakeKubeflow::default();
    drive(&mut start("", None), |r| server.handle(r));
    let (_, mut version) = server.posted[1].clone();
    // A custom property without its `metadataType`, and a model id that is not a number.
    version["customProperties"]["run_id"] = json!({"string_value": "run-1"});
    version["registeredModelId"] = json!("model-one");
    let found = errors(&document, "ModelVersionCreate", &version);
    assert!(found.len() >= 2, "{found:?}");
    let (_, mut artifact) = server.posted[2].clone();
    artifact["artifactType"] = json!("onnx-file");
    assert!(
        !errors(&document, "Artifact", &artifact).is_empty(),
        "unknown artifact type accepted"
    );
}

#[test]
fn row_counts_are_typed_integers_up_to_the_specs_nine_digits_and_exact_strings_beyond() {
    let document = spec_document();
    let mut record = run_record();
    for (rows, expected) in [
        (
            1_150_000,
            json!({"metadataType": "MetadataIntValue", "int_value": "1150000"}),
        ),
        (
            999_999_999,
            json!({"metadataType": "MetadataIntValue", "int_value": "999999999"}),
        ),
        (
            1_000_000_000,
            json!({"metadataType": "MetadataStringValue", "string_value": "1000000000"}),
        ),
    ] {
        record.datasets[0].rows = rows;
        let props = custom_properties(&record, "", "abc");
        let value = &props["dataset.charts.rows"];
        assert_eq!(value, &expected, "{rows} rows");
        assert_eq!(
            errors(&document, "MetadataValue", value),
            Vec::<String>::new(),
            "{rows} rows"
        );
    }
}
