//! MLflow pushes against the in-memory fake.

use serde_json::json;

use super::fake::FakeMlflow;
use super::*;
use crate::registry::mlflow::data::{batches, metrics, params};

fn options(alias: &str) -> PushOptions {
    PushOptions {
        alias: alias.into(),
        ..default_options(&run_record())
    }
}

fn start(alias: &str, resume: Option<PushProgress>) -> PushJob {
    let endpoint = endpoint(RegistryKind::Mlflow);
    PushJob::start(
        &endpoint,
        &run_record(),
        options(alias),
        files(),
        resume,
        5.0,
    )
}

#[test]
fn a_first_push_creates_experiment_run_model_and_version_in_order() {
    let mut server = FakeMlflow::default();
    let mut job = start("champion", None);
    let (sent, end) = drive(&mut job, |r| server.handle(r));
    let calls: Vec<String> = sent
        .iter()
        .map(|r| format!("{:?} {}", r.method, r.url))
        .collect();
    let base = "http://127.0.0.1:5000/api/2.0/mlflow";
    assert_eq!(calls, vec![
        format!("Get {base}/experiments/get-by-name?experiment_name=jukebox"),
        format!("Post {base}/experiments/create"),
        format!("Post {base}/runs/search"),
        format!("Post {base}/runs/create"),
        format!("Post {base}/runs/log-batch"),
        "Put http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/0/r0/artifacts/model/model.onnx".into(),
        "Put http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/0/r0/artifacts/model/model-card.json".into(),
        format!("Post {base}/runs/update"),
        format!("Get {base}/registered-models/get?name=mlp"),
        format!("Post {base}/registered-models/create"),
        format!("Get {base}/model-versions/search?filter=name%3D%27mlp%27%20and%20run_id%3D%27r0%27"),
        format!("Post {base}/model-versions/create"),
        format!("Post {base}/registered-models/alias"),
    ]);
    assert_eq!(sent[5].body, Body::Onnx);
    assert_eq!(sent[6].body, Body::Card);
    let Body::Json(create) = &sent[3].body else {
        panic!("runs/create carries JSON")
    };
    assert_eq!(create["run_name"], "run-lmn0p-123456");
    assert_eq!(create["start_time"], 1_700_000_000_000_i64);
    let Body::Json(version) = &sent[11].body else {
        panic!("JSON")
    };
    assert_eq!(version["source"], "mlflow-artifacts:/0/r0/artifacts/model");
    assert_eq!(version["run_id"], "r0");
    let Body::Json(finish) = &sent[7].body else {
        panic!("JSON")
    };
    assert_eq!(
        finish,
        &json!({"run_id": "r0", "status": "FINISHED", "end_time": 1_700_000_060_000_i64})
    );
    let PushAction::Done(registration) = end else {
        panic!("push ended with {end:?}")
    };
    assert_eq!(registration.version, "1");
    assert_eq!(
        registration.url,
        "http://127.0.0.1:5000/#/models/mlp/versions/1"
    );
    assert_eq!(
        registration.artifact_uri,
        "mlflow-artifacts:/0/r0/artifacts/model"
    );
    assert_eq!(registration.registered_ms.to_bits(), 5.0_f64.to_bits());
    assert_eq!(
        server.aliases.get("champion").map(String::as_str),
        Some("1")
    );
    let details: Vec<_> = job
        .progress()
        .steps
        .iter()
        .map(|s| s.status.clone())
        .collect();
    assert_eq!(
        details[0],
        StepStatus::Done {
            detail: "experiment 0 (created)".into()
        }
    );
    assert_eq!(
        details[7],
        StepStatus::Done {
            detail: "version 1 (created)".into()
        }
    );
}

#[test]
fn log_batch_sends_settings_as_params_scores_and_epochs_as_metrics_and_fingerprints_as_tags() {
    let mut server = FakeMlflow::default();
    drive(&mut start("", None), |r| server.handle(r));
    let (_, _, tags, params, n_metrics) = &server.runs[0];
    assert_eq!(params["model"], "network");
    assert_eq!(params["model.hidden"], "[32,64,128,256]");
    assert_eq!(params["model.learning_rate"], "0.001");
    assert_eq!(params["scaler"], "min_max");
    assert_eq!(params["split.method"], "course");
    assert_eq!(params["split.test_ratio"], "0.2");
    assert_eq!(params["seed"], "42");
    assert_eq!(params["target"], "country");
    let features = serde_json::to_string(&run_record().report.spec.features).unwrap();
    assert_eq!(params["features"], features);
    assert!(features.contains("\"danceability\""), "{features}");
    assert_eq!(tags["jukebox.run_id"], "run-lmn0p-123456");
    assert_eq!(tags["jukebox.dataset.charts.sha256"], "ab".repeat(32));
    assert_eq!(tags["jukebox.dataset.charts.rows"], "20");
    assert_eq!(tags["jukebox.app_version"], crate::APP_VERSION);
    // 11 final scores + 4 curves × 2 epochs.
    assert_eq!(*n_metrics, 11 + 8);
    let history: Vec<_> = metrics(&run_record())
        .into_iter()
        .filter(|m| m.key == "val_accuracy")
        .collect();
    assert_eq!(
        history
            .iter()
            .map(|m| (m.step, m.value))
            .collect::<Vec<_>>(),
        vec![(1, 0.5), (2, 0.75)]
    );
    assert!(server.aliases.is_empty(), "no alias asked, none set");
}

#[test]
fn log_batch_splits_within_mlflows_limits_of_100_params_and_1000_entities() {
    let mut record = run_record();
    record.report.history = (1..=400)
        .map(|epoch| crate::train::EpochRecord {
            epoch,
            train_loss: 1.0 / epoch as f64,
            train_accuracy: 0.5,
            validation_loss: 1.0,
            validation_accuracy: 0.5,
        })
        .collect();
    record.report.spec.features = (0..150).map(|i| format!("feature_{i}")).collect();
    let all = batches(&record, &files(), "r0", 1);
    let count = |key: &str| {
        all.iter()
            .map(|b| b[key].as_array().unwrap().len())
            .collect::<Vec<_>>()
    };
    assert_eq!(all.len(), 2);
    assert!(count("params").iter().all(|&n| n <= 100));
    for batch in &all {
        let n: usize = ["params", "tags", "metrics"]
            .iter()
            .map(|k| batch[*k].as_array().unwrap().len())
            .sum();
        assert!(n <= 1000, "{n} entities in one call");
    }
    assert_eq!(count("metrics").iter().sum::<usize>(), 11 + 1600);
    assert_eq!(count("params").iter().sum::<usize>(), params(&record).len());
    // 150 feature names are one JSON parameter, far below MLflow's 6000 characters.
    assert!(
        params(&record)
            .iter()
            .all(|(_, v)| v.chars().count() <= 6000)
    );
}

#[test]
fn a_failure_at_any_step_resumes_there_and_creates_nothing_twice() {
    for fail_at in 0..13 {
        let mut server = FakeMlflow {
            fail_at: Some(fail_at),
            ..FakeMlflow::default()
        };
        let mut job = start("champion", None);
        let (_, end) = drive(&mut job, |r| server.handle(r));
        let PushAction::Failed { message, .. } = end else {
            panic!("request {fail_at} should fail")
        };
        assert!(
            message.contains("HTTP 500 (INTERNAL_ERROR: database is locked)"),
            "{message}"
        );
        let progress = job.progress().clone();
        let mut again = start("champion", Some(progress));
        let (_, end) = drive(&mut again, |r| server.handle(r));
        assert!(
            matches!(end, PushAction::Done(_)),
            "after failing request {fail_at}: {end:?}"
        );
        assert_eq!(server.experiments.len(), 1, "failing request {fail_at}");
        assert_eq!(server.runs.len(), 1, "failing request {fail_at}");
        assert_eq!(server.models.len(), 1, "failing request {fail_at}");
        assert_eq!(server.versions.len(), 1, "failing request {fail_at}");
        assert_eq!(
            server.runs[0].4, 19,
            "metrics logged once, failing request {fail_at}"
        );
    }
}

#[test]
fn pushing_a_run_again_without_progress_finds_its_mlflow_run_and_version() {
    let mut server = FakeMlflow::default();
    drive(&mut start("", None), |r| server.handle(r));
    let (sent, end) = drive(&mut start("", None), |r| server.handle(r));
    assert!(
        !sent
            .iter()
            .any(|r| r.url.ends_with("runs/create") || r.url.ends_with("model-versions/create"))
    );
    let PushAction::Done(registration) = end else {
        panic!("{end:?}")
    };
    assert_eq!((server.runs.len(), server.versions.len()), (1, 1));
    assert_eq!(registration.version, "1");
}

#[test]
fn a_resumed_push_skips_done_steps_and_other_options_start_over() {
    let mut server = FakeMlflow {
        fail_at: Some(11),
        ..FakeMlflow::default()
    };
    let mut job = start("", None);
    let (_, end) = drive(&mut job, |r| server.handle(r));
    assert!(matches!(
        end,
        PushAction::Failed {
            step: StepKind::ModelVersion,
            ..
        }
    ));
    let mut resumed = start("", Some(job.progress().clone()));
    let (sent, _) = drive(&mut resumed, |r| server.handle(r));
    assert_eq!(sent.len(), 2, "only the model version step again: {sent:?}");
    let mut other = start("best", Some(job.progress().clone()));
    let (sent, _) = drive(&mut other, |r| server.handle(r));
    // From the first step, finding (not creating) what exists, then setting the alias.
    assert_eq!(sent.len(), 9, "other options start over: {sent:?}");
    assert!(sent[0].url.contains("experiments/get-by-name"));
    assert!(sent.iter().all(|r| !r.url.ends_with("/create")));
    assert!(sent[8].url.ends_with("registered-models/alias"));
}

#[test]
fn a_network_error_says_no_answer_and_asks_about_the_server_and_cors() {
    let mut job = start("", None);
    let (_, end) = drive(&mut job, |_| reply(0, "TypeError: Failed to fetch"));
    let PushAction::Failed { step, message } = end else {
        panic!("{end:?}")
    };
    assert_eq!(step, StepKind::Experiment);
    assert_eq!(
        message,
        "Finding the experiment 'jukebox' failed: no answer from MLflow at http://127.0.0.1:5000/ \
         (TypeError: Failed to fetch). Is the server running, and is CORS set to allow this page?"
    );
    assert!(
        matches!(&job.progress().steps[0].status, StepStatus::Failed { message: m } if *m == message)
    );
}

#[test]
fn an_artifact_store_the_browser_cannot_reach_is_refused_in_words() {
    let mut server = FakeMlflow::default();
    let mut job = start("", None);
    let (_, end) = drive(&mut job, |r| {
        let mut answer = server.handle(r);
        answer.body = answer.body.replace(
            "mlflow-artifacts:/0/r0/artifacts",
            "s3://bucket/0/r0/artifacts",
        );
        answer
    });
    let PushAction::Failed { step, message } = end else {
        panic!("{end:?}")
    };
    assert_eq!(step, StepKind::UploadModel);
    assert!(
        message.contains("`s3://bucket/0/r0/artifacts`, which a browser cannot upload to"),
        "{message}"
    );
}

#[test]
fn a_deleted_experiment_is_explained_not_written_to() {
    let mut job = start("", None);
    let deleted = json!({"experiment": {"experiment_id": "3", "lifecycle_stage": "deleted"}});
    let (sent, end) = drive(&mut job, |_| reply(200, &deleted.to_string()));
    assert_eq!(sent.len(), 1);
    let PushAction::Failed { message, .. } = end else {
        panic!("{end:?}")
    };
    assert!(
        message.contains("'jukebox' is deleted in MLflow"),
        "{message}"
    );
}

#[test]
fn a_reply_without_the_expected_id_says_what_was_missing() {
    let mut job = start("", None);
    let (_, end) = drive(&mut job, |_| reply(200, "<html>MLflow UI</html>"));
    let PushAction::Failed { message, .. } = end else {
        panic!("{end:?}")
    };
    assert!(
        message.contains("without `/experiment/experiment_id`"),
        "{message}"
    );
    assert!(message.contains("<html>MLflow UI</html>"), "{message}");
}
