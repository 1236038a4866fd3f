//! The command line (clap): `jukebox run NOTEBOOK --out DIR …`, `jukebox --version`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The exit codes, as `--help` shows them (a macro: `concat!` takes literals only).
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0  the notebook ran and every quality gate passed
  1  (reserved) the data contract failed
  2  bad input: arguments, the notebook, its data, a cell that failed, an output not written
  3  a quality gate failed
  4  (reserved) a registry push failed"
    };
}

pub const EXIT_CODES: &str = exit_codes!();

#[derive(Debug, Parser)]
#[command(
    name = "jukebox",
    version,
    about = "Jukebox headless: runs a notebook with the app's engine and writes its runs, model and report",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every cell of a notebook in order, write the outputs to DIR, check the gates
    Run(RunArgs),
}

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = EXIT_CODES, after_long_help = RUN_HELP)]
pub struct RunArgs {
    /// A notebook JSON file (.jukebox.json), a share link (…#nb=1.…), an http(s) URL of a
    /// notebook JSON, or `starter` (the built-in starter notebook)
    pub notebook: String,
    /// Folder for the outputs (created if needed; files of the same names are replaced)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Give the Data source that writes dataset NAME this file or URL instead (repeatable)
    #[arg(long = "data", value_name = "NAME=PATH|URL")]
    pub data: Vec<String>,
    /// Change a cell's setting before the run, e.g. train.epochs=3 (repeatable; --help for CELL)
    #[arg(long = "set", value_name = "CELL.FIELD=VALUE")]
    pub set: Vec<String>,
    /// A quality gate on metrics.json, e.g. `test_accuracy>=0.12` (repeatable; >= > <= < ==)
    #[arg(long = "gate", value_name = "EXPR")]
    pub gate: Vec<String>,
    /// Print errors only
    #[arg(long, conflicts_with = "json")]
    pub quiet: bool,
    /// Progress and results as JSON lines on stdout (errors still on stderr)
    #[arg(long)]
    pub json: bool,
}

const RUN_HELP: &str = concat!(
    "\
CELL names a cell by its position (1-based, as report.md numbers them), by its kind
(source, prepare, explore, chart, train, evaluate, predict, …) when only one cell is of that
kind, or by a name it writes (a model, a dataset). FIELD is a key of the cell's settings in
the notebook JSON (epochs, batch_size, learning_rate, hidden, seed, test_ratio, max_train_rows,
model, …); a dotted path (split.method) tells two keys of the same name apart.

Outputs in DIR: jukebox-export.json (the notebook and its runs: Settings → Import in the app),
model.onnx and model-card.json (dense network, logistic regression), metrics.json,
confusion_matrix.csv, explore-<n>.csv (the Explore cell at position n), report.md.

",
    exit_codes!()
);
