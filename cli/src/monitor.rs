//! `jukebox monitor`: the Drift (and Fairness) cells run headless on files — a reference
//! (a run's training rows, rebuilt from the folder `jukebox run --out` wrote, or any table)
//! against current rows (a table, or a served model's request log) — with `monitor.json`,
//! `monitor.prom` and exit code 5 on an alert.
//!
//! It is a notebook run like any other: the run's own notebook (its Train cell installs the
//! saved model with the same split instead of training, when the data is the run's), then
//! a Data source for the current rows and the monitoring cells.

use std::path::{Path, PathBuf};

use jukebox_core::archive;
use jukebox_core::monitor::drift::DriftTest;
use jukebox_core::monitor::drift_cell::{DriftReference, DriftSpec};
use jukebox_core::monitor::fairness::{FairnessBounds, Favourable};
use jukebox_core::monitor::fairness_cell::FairnessSpec;
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook, Source};
use jukebox_core::protocol::SavedModel;
use jukebox_core::train::EvalSplit;

use crate::args::MonitorArgs;
use crate::data::{DataInput, DataOverride};
use crate::error::{CliError, Result};
use crate::outputs::EXPORT_FILE;
use crate::progress::Reporter;
use crate::run::{NotebookRun, RunInputs, run_notebook};
use crate::source::LoadedNotebook;

/// The dataset names the added Data sources write (unusual enough not to replace one of the
/// run's own datasets).
const CURRENT: &str = "monitor_current";
const REFERENCE: &str = "monitor_reference";

/// What `monitor` found: the notebook's run and the files written.
#[derive(Debug)]
pub struct Monitored {
    pub run: NotebookRun,
    pub files: Vec<PathBuf>,
    /// Set when the run's data was not the run's: its model was trained again.
    pub retrained: bool,
}

/// Runs the monitoring; `Err` for bad input (exit 2), a failed cell, or alerts (exit 5 —
/// after the files are written).
pub fn monitor(args: &MonitorArgs, reporter: &mut Reporter) -> Result<Monitored> {
    let test = DriftTest::from_word(&args.test).map_err(|e| CliError::Argument {
        arg: format!("--test {}", args.test),
        problem: e.to_string(),
    })?;
    if !(args.alpha > 0.0 && args.alpha < 1.0) {
        return Err(CliError::Argument {
            arg: format!("--alpha {}", args.alpha),
            problem: "a significance level lies between 0 and 1, e.g. 0.05".into(),
        });
    }
    let mut overrides = args
        .data
        .iter()
        .map(|d| crate::data::parse(d))
        .collect::<Result<Vec<_>>>()?;
    overrides.push(data_override(CURRENT, &args.current));
    let run_dir = Path::new(&args.reference);
    let (mut notebook, saved, model) = if run_dir.is_dir() {
        let folder = run_folder(run_dir, args.model.as_deref())?;
        (folder.notebook, folder.saved, Some(folder.model))
    } else {
        overrides.push(data_override(REFERENCE, &args.reference));
        (data_notebook(), Vec::new(), None)
    };
    let reference = match &model {
        Some(model) => DriftReference::Training {
            model: model.clone(),
        },
        None => DriftReference::Dataset {
            name: REFERENCE.into(),
        },
    };
    let next = notebook.next_id();
    let mut cells = vec![source_cell(CURRENT, &args.current)];
    cells.push(CellSpec::Drift(DriftSpec {
        reference,
        current: CURRENT.into(),
        current_scaled: args.scaled,
        features: args.features.clone(),
        test,
        alpha: args.alpha,
    }));
    if let Some(fairness) = &args.fairness {
        let Some(model) = &model else {
            return Err(CliError::Argument {
                arg: format!("--fairness {fairness}"),
                problem:
                    "fairness needs a model: give --reference the folder `jukebox run --out` wrote"
                        .into(),
            });
        };
        cells.push(CellSpec::Fairness(fairness_spec(fairness, model, args)?));
    }
    notebook.cells.extend(
        cells
            .into_iter()
            .zip(next..)
            .map(|(spec, id)| Cell::new(id, spec)),
    );
    let loaded = LoadedNotebook {
        notebook,
        origin: format!("monitoring of {}", args.reference),
        base_dir: None,
        // Built here from the runner's own arguments.
        trusted: true,
    };
    reporter.start(
        &loaded.notebook.title,
        &loaded.origin,
        loaded.notebook.cells.len(),
    );
    let inputs = RunInputs {
        data: &overrides,
        base_dir: None,
        contract: None,
        saved: &saved,
        cores: &crate::run::Cores::new(args.threads),
    };
    let run = run_notebook(loaded, inputs, reporter);
    let retrained = model.is_some() && !run.runs.is_empty();
    let files = write(&run, &args.out, reporter)?;
    Ok(Monitored {
        run,
        files,
        retrained,
    })
}

fn data_override(name: &str, target: &str) -> DataOverride {
    DataOverride {
        name: name.into(),
        input: if crate::fetch::is_url(target) {
            DataInput::Url(target.to_string())
        } else {
            DataInput::Path(PathBuf::from(target))
        },
    }
}

/// A Data source writing `name`, read from `target` (given as `--data` too).
fn source_cell(name: &str, target: &str) -> CellSpec {
    let file_name = Path::new(target)
        .file_name()
        .map_or_else(|| target.to_string(), |f| f.to_string_lossy().into_owned());
    CellSpec::Source {
        source: Source::File {
            name: name.into(),
            file_name,
            size: 0,
            sha256: String::new(),
        },
    }
}

/// A notebook that only loads the reference table.
fn data_notebook() -> Notebook {
    Notebook {
        version: NOTEBOOK_VERSION,
        title: "Monitoring".into(),
        cells: vec![Cell::new(1, source_cell(REFERENCE, REFERENCE))],
    }
}

/// What a run folder holds for monitoring.
struct RunFolder {
    notebook: Notebook,
    /// Its runs as saved models, by the Train cell that made each.
    saved: Vec<(u64, SavedModel)>,
    /// The model watched (`--model`, else the last run's).
    model: String,
}

/// The run folder `dir`'s notebook, runs and watched model.
fn run_folder(dir: &Path, model: Option<&str>) -> Result<RunFolder> {
    let path = dir.join(EXPORT_FILE);
    let bytes = std::fs::read(&path).map_err(|e| CliError::reading(&path, e))?;
    let archive = archive::from_bytes(&bytes).map_err(|e| CliError::Notebook {
        origin: format!("in {}", path.display()),
        reason: e.to_string(),
    })?;
    let notebook = archive
        .notebooks
        .first()
        .map(|n| n.notebook.clone())
        .ok_or_else(|| CliError::Notebook {
            origin: format!("in {}", path.display()),
            reason: "the export holds no notebook: give the folder `jukebox run --out` wrote"
                .into(),
        })?;
    let names: Vec<String> = archive
        .runs
        .iter()
        .map(|r| r.record.model_name.clone())
        .collect();
    let watched = match model {
        Some(m) if names.iter().any(|n| n == m) => m.to_string(),
        Some(m) => {
            return Err(CliError::Argument {
                arg: format!("--model {m}"),
                problem: format!("{} has runs of {}", path.display(), names.join(", ")),
            });
        }
        None => names.last().cloned().ok_or_else(|| CliError::Notebook {
            origin: format!("in {}", path.display()),
            reason: "the export holds no run: run a notebook with a Train cell first".into(),
        })?,
    };
    let saved = archive
        .runs
        .into_iter()
        .map(|r| {
            (
                r.record.cell_id,
                SavedModel {
                    run_id: r.record.id,
                    report: r.record.report,
                    datasets: r.record.datasets,
                    model: r.model,
                },
            )
        })
        .collect();
    Ok(RunFolder {
        notebook,
        saved,
        model: watched,
    })
}

/// `--fairness ATTRIBUTE[=PRIVILEGED]` with `--country` and `--threshold`.
fn fairness_spec(arg: &str, model: &str, args: &MonitorArgs) -> Result<FairnessSpec> {
    let (attribute, privileged) = match arg.split_once('=') {
        Some((a, v)) => {
            let value = match v.trim() {
                "true" | "True" => 1.0,
                "false" | "False" => 0.0,
                other => other.parse::<f64>().map_err(|_| CliError::Argument {
                    arg: format!("--fairness {arg}"),
                    problem: "the privileged value is a number (or true/false), e.g. is_explicit=1"
                        .into(),
                })?,
            };
            (a.trim().to_string(), value)
        }
        None => (arg.trim().to_string(), 1.0),
    };
    Ok(FairnessSpec {
        model: model.to_string(),
        on: EvalSplit::Test,
        attribute,
        privileged,
        country: args.country.clone().unwrap_or_default(),
        favourable: args
            .threshold
            .map_or(Favourable::TopClass, |threshold| Favourable::AtLeast {
                threshold,
            }),
        bounds: FairnessBounds::default(),
    })
}

/// `monitor.json` and `monitor.prom` in `dir`.
fn write(run: &NotebookRun, dir: &Path, reporter: &mut Reporter) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| CliError::writing(dir, e))?;
    let Some((json, prom)) = crate::outputs::monitor::files(run, crate::run::unix_ms()) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for (name, text) in [("monitor.json", json), ("monitor.prom", prom)] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| CliError::writing(&path, e))?;
        reporter.wrote(&path);
        files.push(path);
    }
    Ok(files)
}

/// Every Drift cell's features as text rows (feature, means, each test's value, drift
/// marks), then every Fairness cell's flagged countries.
pub fn table(run: &NotebookRun) -> Vec<String> {
    let mut lines = Vec::new();
    for cell in &run.cells {
        for output in &cell.outputs {
            match output {
                crate::run::Output::Drifted(d) => {
                    lines.push(format!(
                        "Drift of {} ({} rows) against {} ({} rows); * = drift",
                        d.current_label, d.n_current, d.reference_label, d.n_reference
                    ));
                    lines.push(format!(
                        "{:<18} {:>12} {:>12} {:>11} {:>11} {:>11} {:>9} {:>14}",
                        "feature",
                        "ref mean",
                        "cur mean",
                        "meanshift p",
                        "welch p",
                        "ks p",
                        "psi",
                        "evidently"
                    ));
                    for f in &d.report.features {
                        let p = |test: DriftTest| {
                            let o = f.outcome(test);
                            let mark = if o.drifted { "*" } else { " " };
                            o.p_value.map_or_else(
                                || format!("{:.4}{mark}", o.statistic),
                                |p| format!("{p:.3e}{mark}"),
                            )
                        };
                        lines.push(format!(
                            "{:<18} {:>12.4} {:>12.4} {:>11} {:>11} {:>11} {:>9} {:>14}",
                            f.feature,
                            f.reference_mean,
                            f.current_mean,
                            p(DriftTest::MeanShift),
                            p(DriftTest::Welch),
                            p(DriftTest::KolmogorovSmirnov),
                            p(DriftTest::Psi),
                            p(DriftTest::Evidently),
                        ));
                    }
                    lines.push(format!(
                        "dataset drift: {} ({:.0} % of features, Evidently's rule)",
                        if d.report.dataset_drift { "yes" } else { "no" },
                        d.report.drifted_share * 100.0
                    ));
                }
                crate::run::Output::FairnessMeasured(f) => {
                    lines.push(format!(
                        "Fairness of `{}` across `{}` (privileged: {}): {} of {} countries outside the bounds",
                        f.model,
                        f.attribute,
                        f.privileged,
                        f.report.violations().count(),
                        f.report.classes.len()
                    ));
                    for c in f.report.classes.iter().take(5) {
                        lines.push(format!(
                            "  {:<4} SPD {:+.4}  DIR {}{}",
                            c.label,
                            c.spd,
                            c.dir
                                .map_or_else(|| "undefined".into(), |d| format!("{d:.4}")),
                            if c.violation { "  outside" } else { "" }
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    lines
}
