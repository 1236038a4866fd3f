//! Runs a notebook's cells in order with the engine the worker uses: each cell's request is
//! the one the app sends (`RequestBody::for_cell`), answered by `Engine::handle`; a Train
//! cell's job is stepped in time slices as the worker steps it, with progress between
//! slices, and its training is recorded as a run the way the app records it. The first
//! failing cell stops the run; the cells after it are marked not run.

mod cores;
mod results;
mod sources;
mod training;

use std::path::Path;
use std::time::Instant;

use jukebox_core::contract::DataContract;
use jukebox_core::engine::Engine;
use jukebox_core::notebook::{Cell, CellSpec};
use jukebox_core::protocol::{Request, RequestBody, ResponseBody, SavedModel};

pub use cores::Cores;
pub use results::{CellResult, ContractCheck, NotebookRun, Output, RecordedRun, Status};

use crate::cells::{kind_key, label};
use crate::data::DataOverride;
use crate::progress::Reporter;
use crate::source::LoadedNotebook;

/// What the run needs besides the notebook.
#[derive(Debug, Clone, Copy)]
pub struct RunInputs<'a> {
    pub data: &'a [DataOverride],
    /// The notebook file's folder, where local data files are looked for.
    pub base_dir: Option<&'a Path>,
    /// `--contract`: what each Train cell's input must look like.
    pub contract: Option<&'a DataContract>,
    /// Saved runs by the id of the Train cell that made them: such a cell installs its run's
    /// model instead of training when its settings and data are the run's (`jukebox monitor`
    /// rebuilds a run's split this way, as the app's Evaluate does).
    pub saved: &'a [(u64, SavedModel)],
    /// The threads a forest's trees and a network's batches are split over (`--threads`).
    pub cores: &'a Cores,
}

/// The engine and what the cells share while a notebook runs.
struct Runner<'a> {
    engine: Engine,
    clock: Instant,
    next_request: u64,
    inputs: RunInputs<'a>,
    reporter: &'a mut Reporter,
    notebook_id: String,
    notebook_title: String,
}

/// What one cell gave.
struct CellOutcome {
    status: Status,
    outputs: Vec<Output>,
    run: Option<RecordedRun>,
    /// A data source's spec as read (the file's name, size and hash), for the export.
    source_as_read: Option<CellSpec>,
    /// A Train cell's input contract and its check.
    contract: Option<ContractCheck>,
}

impl CellOutcome {
    fn done(outputs: Vec<Output>) -> Self {
        Self {
            status: Status::Done,
            outputs,
            run: None,
            source_as_read: None,
            contract: None,
        }
    }

    fn failed(message: String) -> Self {
        Self {
            status: Status::Failed(message),
            ..Self::done(Vec::new())
        }
    }

    fn skipped(reason: &str) -> Self {
        Self {
            status: Status::Skipped(reason.to_string()),
            ..Self::done(Vec::new())
        }
    }
}

/// Runs every cell of `loaded` in order.
pub fn run_notebook(
    loaded: LoadedNotebook,
    inputs: RunInputs<'_>,
    reporter: &mut Reporter,
) -> NotebookRun {
    let started_ms = unix_ms();
    let clock = Instant::now();
    let mut notebook = loaded.notebook;
    let notebook_id = format!(
        "nb-{}",
        jukebox_core::runs::new_run_id(started_ms, random_u64()).trim_start_matches("run-")
    );
    let mut runner = Runner {
        engine: Engine::new(),
        clock,
        next_request: 0,
        inputs,
        reporter,
        notebook_id: notebook_id.clone(),
        notebook_title: notebook.title.clone(),
    };
    let total = notebook.cells.len();
    let mut cells: Vec<CellResult> = Vec::with_capacity(total);
    let mut runs = Vec::new();
    let mut contracts = Vec::new();
    for position in 0..total {
        let cell = notebook.cells[position].clone();
        let index = position + 1;
        let mut result = CellResult {
            index,
            id: cell.id,
            kind: kind_key(&cell.spec),
            label: cell_label(&cell.spec, inputs.data),
            status: Status::Done,
            elapsed_ms: None,
            outputs: Vec::new(),
        };
        if let Some(stop) = cells.iter().find_map(stops_the_run) {
            result.status = Status::Skipped(format!("not run: {stop}"));
            cells.push(result);
            continue;
        }
        runner.reporter.cell_started(index, total, &result.label);
        let started = Instant::now();
        let outcome = runner.cell(index, &cell);
        result.elapsed_ms = Some(started.elapsed().as_secs_f64() * 1000.0);
        result.status = outcome.status;
        result.outputs = outcome.outputs;
        if let Some(spec) = outcome.source_as_read {
            notebook.cells[position].spec = spec;
        }
        runs.extend(outcome.run);
        contracts.extend(outcome.contract);
        runner.reporter.cell_finished(&result, total);
        cells.push(result);
    }
    NotebookRun {
        notebook,
        origin: loaded.origin,
        notebook_id,
        cells,
        runs,
        contracts,
        started_ms,
        elapsed_ms: clock.elapsed().as_secs_f64() * 1000.0,
    }
}

impl Runner<'_> {
    fn cell(&mut self, index: usize, cell: &Cell) -> CellOutcome {
        match &cell.spec {
            CellSpec::Source { source } => self.source(index, source),
            CellSpec::Train {
                input,
                spec,
                output,
            } => self.train(index, cell.id, input, spec.clone(), output),
            CellSpec::Markdown { .. } => CellOutcome::done(Vec::new()),
            CellSpec::Serve { .. } => CellOutcome::skipped(
                "the CLI does not call served models yet; its Predict cells show the model's own answers",
            ),
            CellSpec::LoadRun { .. } => CellOutcome::failed(
                "a Model-from-run cell reads a run from a browser's storage, which the CLI cannot see. Replace it with the Train cell that made the run".into(),
            ),
            other => match RequestBody::for_cell(other.clone()) {
                Some(body) => match output_of(self.request(body, None)) {
                    Ok(output) => CellOutcome::done(vec![output]),
                    Err(message) => CellOutcome::failed(message),
                },
                None => CellOutcome::done(Vec::new()),
            },
        }
    }

    /// Sends one request to the engine, as the worker receives it.
    fn request(&mut self, body: RequestBody, bytes: Option<&[u8]>) -> ResponseBody {
        self.next_request += 1;
        let clock = self.clock;
        let now_ms = move || clock.elapsed().as_secs_f64() * 1000.0;
        let request = Request {
            id: self.next_request,
            body,
        };
        self.engine.handle(request, bytes, &now_ms).body
    }
}

/// Why no cell after `cell` runs: it failed, or its table broke a data contract (a pipeline
/// stops at its validation step).
fn stops_the_run(cell: &CellResult) -> Option<String> {
    if matches!(cell.status, Status::Failed(_)) {
        return Some(format!("cell {} failed", cell.index));
    }
    cell.outputs.iter().find_map(|output| match output {
        Output::Validated(v) if !v.passed() => Some(format!(
            "cell {}'s table `{}` breaks its data contract",
            cell.index, v.dataset
        )),
        _ => None,
    })
}

/// The cell's label; a demo source says which tables `--data` replaced.
fn cell_label(spec: &CellSpec, data: &[DataOverride]) -> String {
    match spec {
        CellSpec::Source { source } => match crate::data::replaced_demo_tables(source, data) {
            Some(tables) => format!("{} ({tables} from --data)", label(spec)),
            None => label(spec),
        },
        _ => label(spec),
    }
}

/// A reply as a cell's output, or the engine's message.
fn output_of(body: ResponseBody) -> Result<Output, String> {
    Ok(match body {
        ResponseBody::Loaded { summary } => Output::Loaded(summary),
        ResponseBody::Explored { output } => Output::Explored(output),
        ResponseBody::Charted { chart } => Output::Charted(chart),
        ResponseBody::Trained { report, .. } => Output::Trained(Box::new(report)),
        ResponseBody::Evaluated { evaluation } => Output::Evaluated(Box::new(evaluation)),
        ResponseBody::Predicted { prediction } => Output::Predicted(prediction),
        ResponseBody::Validated { output } => Output::Validated(output),
        ResponseBody::Drifted { output } => Output::Drifted(output),
        ResponseBody::FairnessMeasured { output } => Output::FairnessMeasured(output),
        ResponseBody::Explained { output } => Output::Explained(output),
        ResponseBody::Failed { message } => return Err(message),
        other => {
            let kind = serde_json::to_value(&other)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
                .unwrap_or_default();
            return Err(format!(
                "the engine answered `{kind}`, which no cell expects (a bug: please report it)"
            ));
        }
    })
}

/// Milliseconds since 1970 (UTC).
pub(crate) fn unix_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// A random number for ids (the standard library's per-process hash keys).
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(unix_ms().to_bits());
    hasher.finish()
}
