//! `jukebox monitor` as a pipeline calls it: the binary, its exit codes (0 clean, 5 on drift
//! or unfairness, 2 for bad input), `monitor.json` and `monitor.prom`; a run folder as the
//! reference (its model installed from the run, not trained again); and `jukebox run
//! --fail-on-alert`.

// Helpers outside `#[test]` functions unwrap too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jukebox_core::course::FEATURES;

fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "jukebox-monitor-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `n_rows` rows of the 13 features, uniform in [0, 1) (`tempo` shifted by `tempo_shift`).
fn features_csv(n_rows: usize, seed: u64, tempo_shift: f64) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut csv = format!("{}\n", FEATURES.join(","));
    for _ in 0..n_rows {
        let values: Vec<String> = FEATURES
            .iter()
            .map(|f| match *f {
                "tempo" => format!("{:.4}", 100.0 + 20.0 * next() + tempo_shift),
                "mode" | "is_explicit" => format!("{}", u8::from(next() < 0.5)),
                _ => format!("{:.4}", next()),
            })
            .collect();
        writeln!(csv, "{}", values.join(",")).unwrap();
    }
    csv
}

fn jukebox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_same_distribution_passes_and_a_shifted_tempo_exits_5_with_its_gauges() {
    let dir = temp_dir("tables");
    let reference = write(&dir, "reference.csv", &features_csv(800, 1, 0.0));
    let clean = write(&dir, "clean.csv", &features_csv(800, 1, 0.0));
    let drifted = write(&dir, "drifted.csv", &features_csv(800, 2, 8.0));
    let out = dir.join("clean-out");
    let run = jukebox(&[
        "monitor",
        "--reference",
        &reference,
        "--current",
        &clean,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("monitor.json")).unwrap()).unwrap();
    assert_eq!(json["alerts"].as_array().unwrap().len(), 0);
    assert_eq!(
        json["drift"][0]["report"]["features"]
            .as_array()
            .unwrap()
            .len(),
        13
    );

    let out = dir.join("drifted-out");
    let run = jukebox(&[
        "monitor",
        "--reference",
        &reference,
        "--current",
        &drifted,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(5), "{}", stderr(&run));
    assert!(stderr(&run).contains("tempo"), "{}", stderr(&run));
    let prom = std::fs::read_to_string(out.join("monitor.prom")).unwrap();
    let tempo = prom
        .lines()
        .find(|l| l.starts_with(r#"jukebox_drift_pvalue{feature="tempo",test="meanshift"}"#))
        .unwrap_or_else(|| panic!("no tempo p-value in\n{prom}"));
    let p: f64 = tempo.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(p < 0.05, "{tempo}");
    assert!(
        prom.contains("# TYPE jukebox_dataset_drift gauge"),
        "{prom}"
    );
}

#[test]
fn bad_arguments_exit_2_with_what_to_do() {
    let dir = temp_dir("bad");
    let table = write(&dir, "t.csv", &features_csv(50, 3, 0.0));
    let out = dir.join("out");
    let run = jukebox(&[
        "monitor",
        "--reference",
        &table,
        "--current",
        &table,
        "--out",
        out.to_str().unwrap(),
        "--test",
        "chisq",
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("--test chisq"), "{}", stderr(&run));
    let run = jukebox(&[
        "monitor",
        "--reference",
        &table,
        "--current",
        &table,
        "--out",
        out.to_str().unwrap(),
        "--fairness",
        "is_explicit",
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("fairness needs a model"),
        "{}",
        stderr(&run)
    );
    let run = jukebox(&[
        "monitor",
        "--reference",
        &table,
        "--current",
        "missing.csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("missing.csv"), "{}", stderr(&run));
}

#[test]
fn a_run_folder_is_the_reference_its_model_installed_from_the_run_and_fairness_alerts() {
    let dir = temp_dir("run");
    let out = dir.join("run");
    let run = jukebox(&[
        "run",
        "starter",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
        "--set",
        "train.epochs=1",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "alerts are reported, not failed, without --fail-on-alert: {}",
        stderr(&run)
    );
    assert!(out.join("monitor.prom").is_file());
    let run = jukebox(&[
        "run",
        "starter",
        "--out",
        dir.join("strict").to_str().unwrap(),
        "--quiet",
        "--set",
        "train.epochs=1",
        "--fail-on-alert",
    ]);
    assert_eq!(
        run.status.code(),
        Some(5),
        "the starter's drift alerts: {}",
        stderr(&run)
    );

    // The demo's training rows against rows the model never saw: a made-up table.
    let current = write(&dir, "current.csv", &features_csv(500, 4, 0.0));
    let watched = dir.join("watched");
    let monitor = jukebox(&[
        "monitor",
        "--reference",
        out.to_str().unwrap(),
        "--current",
        &current,
        "--out",
        watched.to_str().unwrap(),
        "--fairness",
        "is_explicit=1",
        "--country",
        "FR",
        "--threshold",
        "0.02",
    ]);
    let text = stderr(&monitor);
    assert_eq!(monitor.status.code(), Some(5), "{text}");
    assert!(
        !text.contains("trained again"),
        "the run's model is installed, not retrained: {text}"
    );
    assert!(
        text.contains("against training rows of `course_network`"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(watched.join("monitor.json")).unwrap()).unwrap();
    assert_eq!(
        json["fairness"][0]["report"]["classes"]
            .as_array()
            .unwrap()
            .len(),
        72
    );
    let prom = std::fs::read_to_string(watched.join("monitor.prom")).unwrap();
    assert!(
        prom.contains(r#"jukebox_spd{attribute="is_explicit",country="FR"}"#),
        "{prom}"
    );
}
