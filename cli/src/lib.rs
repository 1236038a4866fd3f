//! `jukebox`, the command-line runner of Jukebox notebooks (the outer loop: CI pipelines).
//! It runs a notebook's cells with the engine the browser's worker uses (`jukebox-core`'s
//! `Engine`, same requests, same results) and writes what a pipeline keeps: the runs in the
//! app's export format, the ONNX model and its card, metrics, CSV tables and a report; then
//! it checks quality gates on the metrics.
//!
//! - [`args`]: the command line (clap) and the exit codes;
//! - [`source`]: the notebook — a file, a share link, a URL, or the starter;
//! - [`data`]: `--data NAME=PATH|URL`, a Data source's input replaced;
//! - [`settings`]: `--set CELL.FIELD=VALUE`, a cell's setting changed and checked;
//! - [`preflight`]: what is checked before anything runs;
//! - [`contract`]: data contracts — `jukebox contract`, `jukebox validate`, `--contract`;
//! - [`run`]: the cells run in order, trainings stepped and recorded as runs;
//! - [`outputs`]: the files written (`export`, ONNX, `metrics`, `csv`, `report`);
//! - [`gate`]: quality gates on `metrics.json`; [`champion`]: the registry's champion a
//!   gate can compare with;
//! - [`push`]: `jukebox push`, a run registered in MLflow or Kubeflow;
//! - [`monitor`]: `jukebox monitor`, drift and fairness of a run's model on new data;
//! - [`progress`]: progress on stderr (bar or plain lines), or JSON lines on stdout;
//! - [`fetch`]: `http(s)` downloads; [`cells`]: how cells are named; [`error`]: errors and exit codes.

pub mod args;
pub mod cells;
pub mod champion;
pub mod contract;
pub mod data;
pub mod error;
pub mod fetch;
pub mod gate;
pub mod monitor;
pub mod outputs;
pub mod preflight;
pub mod progress;
pub mod push;
pub mod run;
pub mod settings;
pub mod source;
pub mod trust;

use args::RunArgs;
use error::{CliError, Result};
use gate::GateResult;
use outputs::Written;
use progress::Reporter;
use run::NotebookRun;

/// The version `--version` prints (the app's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a finished run left: the notebook's run, the files and the gates' results.
#[derive(Debug)]
pub struct Outcome {
    pub run: NotebookRun,
    pub written: Written,
    pub gates: Vec<GateResult>,
}

/// `jukebox run`: checks the arguments and the notebook, runs it, writes the outputs, then
/// checks the gates. A failed cell is an error (exit 2) after the outputs so far are written;
/// a failed gate is [`CliError::GateFailed`] (exit 3).
pub fn run(args: &RunArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let gates = args
        .gate
        .iter()
        .map(|g| gate::parse(g))
        .collect::<Result<Vec<_>>>()?;
    let overrides = args
        .data
        .iter()
        .map(|d| data::parse(d))
        .collect::<Result<Vec<_>>>()?;
    let settings = args
        .set
        .iter()
        .map(|s| settings::parse(s))
        .collect::<Result<Vec<_>>>()?;
    let expected = args
        .contract
        .as_deref()
        .map(contract::read_contract)
        .transpose()?;
    if gate::needs_champion(&gates) {
        champion::check_args(args)?;
    }
    let mut loaded = source::load(&args.notebook)?;
    for setting in &settings {
        settings::apply(&mut loaded.notebook, setting)?;
    }
    let base_dir = loaded.base_dir.clone();
    preflight::check(&loaded.notebook, &overrides, base_dir.as_deref())?;
    trust::check(&loaded, &overrides, args.trust, &args.allow_host)?;
    reporter.start(
        &loaded.notebook.title,
        &loaded.origin,
        loaded.notebook.cells.len(),
    );
    let inputs = run::RunInputs {
        data: &overrides,
        base_dir: base_dir.as_deref(),
        contract: expected.as_ref(),
        saved: &[],
        cores: &run::Cores::new(args.threads),
    };
    let notebook_run = run::run_notebook(loaded, inputs, reporter);
    let mut written = outputs::write(&notebook_run, &args.out, reporter)?;
    for note in &written.notes {
        reporter.note(note);
    }
    let (champion, champion_error) = match champion_of(args, &gates, &notebook_run) {
        Some(Ok(found)) => (Some(found), None),
        Some(Err(error)) => (None, Some(error)),
        None => (None, None),
    };
    let results = gate::evaluate(&gates, &written.metrics, champion.as_ref());
    for result in &results {
        reporter.gate(result);
    }
    let (markdown, html) = outputs::report::render(&notebook_run, &written, &results);
    for (name, text) in [("report.md", markdown), ("report.html", html)] {
        let path = args.out.join(name);
        std::fs::write(&path, text).map_err(|e| CliError::writing(&path, e))?;
        reporter.wrote(&path);
        written.files.push(name.into());
    }
    reporter.wrote_all(&args.out, &written.files);
    run_verdict(&notebook_run, &args.out)?;
    if let Some(error) = champion_error {
        return Err(error);
    }
    gate::verdict(&results, &written.metrics)?;
    for (cell, alert) in notebook_run.alerts() {
        reporter.note(&format!("alert (cell {cell}): {alert}"));
    }
    if args.fail_on_alert {
        alert_verdict(&notebook_run, &args.out)?;
    }
    Ok(Outcome {
        run: notebook_run,
        written,
        gates: results,
    })
}

/// The champion a gate compares with, read from the registry when a gate asks for it and
/// the notebook ran.
fn champion_of(
    args: &RunArgs,
    gates: &[gate::Gate],
    notebook_run: &run::NotebookRun,
) -> Option<Result<jukebox_core::registry::Champion>> {
    if !gate::needs_champion(gates) || notebook_run.failed_cell().is_some() {
        return None;
    }
    let model = notebook_run
        .runs
        .last()
        .map_or("jukebox", |r| r.record.model_name.as_str());
    Some(champion::fetch(args, model))
}

/// The run's own verdict, after its outputs are written: a broken data contract (exit 1),
/// then a failed cell (exit 2).
fn run_verdict(notebook_run: &run::NotebookRun, out: &std::path::Path) -> Result<()> {
    if let Some(check) = notebook_run.failed_contract()
        && let Some(validation) = &check.validation
    {
        return Err(CliError::contract(
            format!("cell {}'s input `{}`", check.cell_index, validation.dataset),
            validation,
            format!(
                "Nothing was trained; {}/validation.json and report.md list every anomaly. Fix \
                 the data, or edit the contract's tolerances",
                out.display()
            ),
        ));
    }
    if let Some((index, validation)) = notebook_run.failed_validation() {
        return Err(CliError::contract(
            format!("cell {index}'s table `{}`", validation.dataset),
            validation,
            format!(
                "The cells after it did not run; report.md lists every anomaly. Fix the data, \
                 or the contract ({})",
                out.display()
            ),
        ));
    }
    if let Some(cell) = notebook_run.failed_cell() {
        let message = match &cell.status {
            run::Status::Failed(message) => message.as_str(),
            _ => "",
        };
        return Err(CliError::Cell {
            index: cell.index,
            label: cell.label.clone(),
            problem: format!(
                "{message}. What ran before it is in {}/report.md",
                out.display()
            ),
        });
    }
    Ok(())
}

/// With `--fail-on-alert`, exit 5 when a Drift or Fairness cell raised an alert (after the
/// gates: a model that fails its gates is the first thing to fix).
fn alert_verdict(run: &NotebookRun, out: &std::path::Path) -> Result<()> {
    let alerts = run.alerts();
    let Some((cell, first)) = alerts.first() else {
        return Ok(());
    };
    Err(CliError::Alert {
        count: alerts.len(),
        first: format!("cell {cell}: {first}"),
        hint: format!(
            "{}/monitor.json has every number and {}/monitor.prom the gauges for Prometheus",
            out.display(),
            out.display()
        ),
    })
}

/// The reporter for `args` (`--quiet`, `--json`, else people on stderr).
pub fn reporter_for(args: &RunArgs) -> Reporter {
    Reporter::new(if args.json {
        progress::Mode::Json
    } else if args.quiet {
        progress::Mode::Quiet
    } else {
        progress::Mode::Human
    })
}

/// The sentence a successful run ends with.
pub fn success_message(outcome: &Outcome) -> String {
    let n = outcome.gates.len();
    match n {
        0 => format!("Done: outputs in {}.", outcome.written.dir.display()),
        _ => format!(
            "Passed: {n} quality gate{}; outputs in {}.",
            if n == 1 { "" } else { "s" },
            outcome.written.dir.display()
        ),
    }
}
