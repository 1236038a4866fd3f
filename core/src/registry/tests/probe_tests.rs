//! "Test connection": the probe request and the explanation of each outcome.

use super::*;
use crate::no_answer::NoAnswer;

const ORIGIN: &str = "https://jukebox.example";

fn explain_reply(kind: RegistryKind, status: u16, body: &str) -> Result<String, String> {
    explain(
        &endpoint(kind),
        ORIGIN,
        &ProbeOutcome::Reply(reply(status, body)),
    )
}

#[test]
fn the_probe_is_a_harmless_get_of_one_item() {
    let mlflow = probe(&endpoint(RegistryKind::Mlflow));
    assert_eq!((mlflow.method, mlflow.body), (Method::Get, Body::None));
    assert_eq!(
        mlflow.url,
        "http://127.0.0.1:5000/api/2.0/mlflow/experiments/search?max_results=1"
    );
    let kubeflow = probe(&endpoint(RegistryKind::Kubeflow));
    assert_eq!(
        kubeflow.url,
        "http://127.0.0.1:5000/api/model_registry/v1alpha3/registered_models?pageSize=1"
    );
}

#[test]
fn a_working_server_is_reported_with_what_it_shows() {
    let ok = explain_reply(
        RegistryKind::Mlflow,
        200,
        r#"{"experiments":[{"experiment_id":"0","name":"Default"}]}"#,
    );
    assert_eq!(
        ok,
        Ok("Connected to MLflow at http://127.0.0.1:5000/ (experiment 'Default' visible).".into())
    );
    let ok = explain_reply(
        RegistryKind::Kubeflow,
        200,
        r#"{"items":[],"size":0,"pageSize":1,"nextPageToken":""}"#,
    );
    assert_eq!(
        ok,
        Ok("Connected to the Kubeflow Model Registry at http://127.0.0.1:5000/.".into())
    );
}

#[test]
fn a_page_that_is_not_the_registrys_json_asks_for_the_root_url() {
    let err = explain_reply(
        RegistryKind::Mlflow,
        200,
        "<!doctype html><title>MLflow</title>",
    )
    .unwrap_err();
    assert!(err.contains("answered, but not as MLflow does"), "{err}");
    assert!(err.contains("such as http://127.0.0.1:5000"), "{err}");
}

#[test]
fn cors_refusals_say_the_server_answered_and_name_the_mlflow_flag_and_the_kubeflow_proxy() {
    let blocked = ProbeOutcome::NoAnswer(NoAnswer::CorsRefused);
    let mlflow = explain(&endpoint(RegistryKind::Mlflow), ORIGIN, &blocked).unwrap_err();
    assert!(
        mlflow.starts_with("The server at 127.0.0.1:5000 answered, but it sends no CORS header"),
        "{mlflow}"
    );
    assert!(
        mlflow.contains("`mlflow server --cors-allowed-origins https://jukebox.example …`"),
        "{mlflow}"
    );
    assert!(mlflow.contains("--allowed-hosts"), "{mlflow}");
    let kubeflow = explain(&endpoint(RegistryKind::Kubeflow), ORIGIN, &blocked).unwrap_err();
    assert!(kubeflow.contains("proxy in front of it"), "{kubeflow}");
    assert!(
        kubeflow.contains("allow the origin https://jukebox.example"),
        "{kubeflow}"
    );
}

#[test]
fn no_answer_at_all_says_check_the_url_and_mentions_mixed_content_for_remote_http() {
    let down = ProbeOutcome::NoAnswer(NoAnswer::Unreachable);
    let err = explain(&endpoint(RegistryKind::Mlflow), ORIGIN, &down).unwrap_err();
    assert!(
        err.starts_with("The server at 127.0.0.1:5000 could not be reached"),
        "{err}"
    );
    assert!(
        err.ends_with("Check the URL and start `mlflow server --host 127.0.0.1 --port 5000`."),
        "{err}"
    );
    // An https page may call http on this computer: no mixed content to mention.
    assert!(!err.contains("mixed content"), "{err}");
    let remote = Endpoint {
        base_url: "http://mlflow.example:5000".into(),
        ..endpoint(RegistryKind::Mlflow)
    };
    let err = explain(&remote, ORIGIN, &down).unwrap_err();
    assert!(err.contains("mixed content"), "{err}");
    let local = explain(&remote, "http://127.0.0.1:8080", &down).unwrap_err();
    assert!(!local.contains("mixed content"), "{local}");
}

#[test]
fn auth_and_path_failures_say_token_and_base_url() {
    let err = explain_reply(
        RegistryKind::Kubeflow,
        401,
        r#"{"code":"401","message":"missing bearer token"}"#,
    )
    .unwrap_err();
    assert!(err.contains("HTTP 401 (missing bearer token)"), "{err}");
    assert!(err.contains("access token"), "{err}");
    let err = explain_reply(RegistryKind::Kubeflow, 404, "404 page not found").unwrap_err();
    assert!(err.contains("HTTP 404"), "{err}");
    assert!(
        err.contains("Jukebox adds api/model_registry/v1alpha3/ itself"),
        "{err}"
    );
    let err = explain_reply(RegistryKind::Mlflow, 503, "").unwrap_err();
    assert_eq!(err, "MLflow at http://127.0.0.1:5000/ answered HTTP 503.");
}
