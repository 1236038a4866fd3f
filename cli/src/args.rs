//! The command line (clap): `jukebox run NOTEBOOK --out DIR …`, `jukebox --version`.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The exit codes, as `--help` shows them (a macro: `concat!` takes literals only).
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0  the notebook ran and every quality gate passed
  1  the data contract failed (--contract; jukebox validate)
  2  bad input: arguments, the notebook, its data, a cell that failed, an output not written
  3  a quality gate failed
  4  a registry error: a push failed (run it again to resume), or the champion could not be read
  5  monitoring raised an alert: drift, or unfairness (jukebox monitor; run --fail-on-alert)"
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
    /// Check a table (CSV or Parquet, a file or a URL) against a data contract
    Validate(ValidateArgs),
    /// Write a table's data contract (its columns, types, ranges, categories, rows, dates)
    Contract(ContractArgs),
    /// Register a run's model (from `jukebox run --out DIR`) in MLflow or a Kubeflow Model Registry
    Push(PushArgs),
    /// Watch a model: drift of new data against its training rows (or any table), and fairness
    Monitor(MonitorArgs),
}

#[derive(Debug, Clone, Args)]
#[command(after_help = EXIT_CODES, after_long_help = MONITOR_HELP)]
pub struct MonitorArgs {
    /// The reference: the folder `jukebox run --out` wrote (the model's training rows, rebuilt
    /// from its run), or a table (CSV, Parquet; a file or an http(s) URL)
    #[arg(long, value_name = "RUN_DIR|DATA")]
    pub reference: String,
    /// The current rows: a table, or a served model's request log (JSON lines of Open
    /// Inference Protocol v2 `infer` request bodies)
    #[arg(long, value_name = "DATA")]
    pub current: String,
    /// Folder for monitor.json and monitor.prom (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The current rows are the model's scaled inputs (a request log): unscale them with the
    /// run's scaler
    #[arg(long)]
    pub scaled: bool,
    /// With a run folder: the run's Data source NAME reads this file instead (repeatable), as
    /// `jukebox run --data`
    #[arg(long = "data", value_name = "NAME=PATH|URL")]
    pub data: Vec<String>,
    /// With a run folder: the model watched (default: the last one trained)
    #[arg(long, value_name = "NAME")]
    pub model: Option<String>,
    /// Features compared, comma-separated (default: the model's, else the course's 13)
    #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
    pub features: Vec<String>,
    /// The test that raises the drift alert: meanshift (`TrustyAI`), welch, ks, psi, evidently
    #[arg(long, value_name = "TEST", default_value = "meanshift")]
    pub test: String,
    /// Significance level of the p-value tests
    #[arg(long, value_name = "P", default_value_t = 0.05)]
    pub alpha: f64,
    /// Fairness of the run's model on its test rows across ATTRIBUTE (privileged rows: those
    /// equal to VALUE, default 1), e.g. `is_explicit=1`
    #[arg(long, value_name = "ATTRIBUTE[=VALUE]")]
    pub fairness: Option<String>,
    /// The country whose fairness alerts (default: any country)
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// Favourable outcome: P(country) ≥ T (default: the country is the top prediction)
    #[arg(long, value_name = "T")]
    pub threshold: Option<f64>,
    /// Threads a retrained forest's trees or network's batches are split over (default: one
    /// per core)
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
    /// Print errors only
    #[arg(long)]
    pub quiet: bool,
}

const MONITOR_HELP: &str = "\
Drift: per feature, TrustyAI's MeanShift (t with unequal variances, Student's t with
n_ref + n_cur - 2 degrees of freedom), Welch's t-test, two-sample Kolmogorov-Smirnov (as
scipy), PSI over the reference's deciles and Evidently's default rule (Wasserstein / Jensen-
Shannon above 1,000 reference rows, else KS / chi-square / Z), and dataset drift when at
least half of the features drift. --test decides the alert (drift when p <= --alpha).

Fairness: statistical parity difference and disparate impact ratio of the model's favourable
outcome between the privileged rows and the others, fair within SPD -0.1..0.1 and DIR
0.8..1.2 (TrustyAI's defaults), for every country.

Outputs: monitor.json (every number and the alerts) and monitor.prom (Prometheus gauges:
jukebox_drift_pvalue{feature,test}, jukebox_spd{attribute,country}, ...) for a node-exporter
textfile collector or a Pushgateway; pipelines/alerts.yaml fires on them. Exit 5 on an alert.";

#[derive(Debug, Clone, Args)]
#[command(after_help = EXIT_CODES, after_long_help = PUSH_HELP)]
pub struct PushArgs {
    /// The folder `jukebox run --out` wrote (jukebox-export.json, model.onnx, model-card.json)
    pub dir: PathBuf,
    /// mlflow or kubeflow
    #[arg(long, value_name = "KIND")]
    pub registry: String,
    /// The registry's base URL, e.g. `http://127.0.0.1:5000` (MLflow)
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// Which run of DIR (default: the last one trained)
    #[arg(long, value_name = "RUN_ID")]
    pub run: Option<String>,
    /// Registered model name (default: the run's model name)
    #[arg(long, value_name = "NAME")]
    pub model: Option<String>,
    /// MLflow: an alias to point at the new version, e.g. champion
    #[arg(long, value_name = "ALIAS")]
    pub alias: Option<String>,
    /// MLflow: the experiment (default: jukebox)
    #[arg(long, value_name = "NAME")]
    pub experiment: Option<String>,
    /// Kubeflow: the version's name (default: the next free number)
    #[arg(long = "version-name", value_name = "NAME")]
    pub version_name: Option<String>,
    /// Kubeflow: where the model's bytes are (s3://…, https://…); Kubeflow stores no bytes
    #[arg(long = "artifact-uri", value_name = "URI")]
    pub artifact_uri: Option<String>,
}

const PUSH_HELP: &str = "\
The bearer token, if the registry wants one, is read from JUKEBOX_REGISTRY_TOKEN (never from
the command line, where other users and shell histories could see it).

MLflow gets an experiment run with the run's parameters, metrics and tags, model.onnx and
model-card.json as artifacts, a registered model version and the alias. Kubeflow gets the
registered model, a version and a model artifact pointing at --artifact-uri.

The push's progress is kept in DIR/push-<registry>.json after every step: if it fails (exit
4), run the same command again and it resumes where it stopped. When it is done, the
registration is added to the run in DIR/jukebox-export.json.";

#[derive(Debug, Clone, Args)]
#[command(after_help = EXIT_CODES, after_long_help = CONTRACT_HELP)]
pub struct ValidateArgs {
    /// The table: a CSV or Parquet file, or an http(s) URL of one
    pub data: String,
    /// The contract file (from `jukebox contract`, or a run's data-contract.json)
    #[arg(long, value_name = "FILE")]
    pub contract: PathBuf,
    /// The check as JSON on stdout (anomalies with TFDV's names)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
#[command(after_long_help = CONTRACT_HELP)]
pub struct ContractArgs {
    /// The table: a CSV or Parquet file, or an http(s) URL of one
    pub data: String,
    /// Where to write the contract (JSON)
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: PathBuf,
}

const CONTRACT_HELP: &str = "\
A data contract records a table's columns and types, the share of rows where each is missing,
numeric ranges and 1 %/99 % quantiles, category sets (up to 1,000 distinct texts), the row
count, the dates it covers and its version (the SHA-256 of the file). Its `tolerances` are
yours to edit: min_rows, null_fraction_increase, range_slack (a share of each range),
stale_after_days, optional_columns.

A check reports anomalies with TensorFlow Data Validation's names: SCHEMA_MISSING_COLUMN,
SCHEMA_NEW_COLUMN, UNEXPECTED_DATA_TYPE, FLOAT_TYPE_SMALL_FLOAT / BIG_FLOAT,
INT_TYPE_SMALL_INT / BIG_INT, FEATURE_TYPE_LOW_FRACTION_PRESENT, DATASET_LOW_NUM_EXAMPLES,
ENUM_TYPE_UNEXPECTED_STRING_VALUES and DATASET_STALE. Errors fail it (exit 1); warnings
(a new column, older data, an optional column) are reported.";

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = EXIT_CODES, after_long_help = RUN_HELP)]
#[allow(clippy::struct_excessive_bools)] // independent command-line flags
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
    /// The registry a `…>=champion` gate reads the champion from: mlflow or kubeflow
    #[arg(long, value_name = "KIND", requires = "registry_url")]
    pub registry: Option<String>,
    /// That registry's base URL, e.g. `http://127.0.0.1:5000` (token: `JUKEBOX_REGISTRY_TOKEN`)
    #[arg(long = "registry-url", value_name = "URL", requires = "registry")]
    pub registry_url: Option<String>,
    /// The registered model holding the champion (default: the last Train cell's model name)
    #[arg(long = "registry-model", value_name = "NAME")]
    pub registry_model: Option<String>,
    /// MLflow: the champion's alias (default `champion`). Kubeflow: a version's name (default:
    /// the newest version)
    #[arg(long, value_name = "ALIAS")]
    pub champion: Option<String>,
    /// A data contract each Train cell's input must keep (else exit 1, nothing trained)
    #[arg(long, value_name = "FILE")]
    pub contract: Option<PathBuf>,
    /// Let a notebook from a share link or a URL contact HOST (a URL data source, a Served
    /// model cell); repeatable. Files and `starter` need none
    #[arg(long = "allow-host", value_name = "HOST")]
    pub allow_host: Vec<String>,
    /// Let a notebook from a share link or a URL contact every host it names
    #[arg(long)]
    pub trust: bool,
    /// Exit 5 when a Drift or Fairness cell raises an alert (they are reported either way)
    #[arg(long = "fail-on-alert")]
    pub fail_on_alert: bool,
    /// Threads a random forest's trees, or each network batch's rows and then its weights,
    /// are split over (default: one per core; the model is the same on any number)
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
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

A gate compares a metric with a number (test_accuracy>=0.12) or with the champion
(test_accuracy>=champion): the same metric of the model version behind an MLflow alias
(--champion, default champion) or of a Kubeflow version (by name, default the newest), read from
--registry KIND --registry-url URL for --registry-model (default the last Train cell's model).

Outputs in DIR: jukebox-export.json (the notebook and its runs: Settings → Import in the app),
model.onnx and model-card.json (dense network, logistic regression), metrics.json,
confusion_matrix.csv, data-contract.json (the first Train cell's input: pass it as --contract
to the next run), validation.json (with --contract), explore-<n>.csv (the Explore cell at
position n), chart-<n>.png (the Chart cell at position n), drift-<n>.png (a Drift cell's weeks),
validation-<n>.json (a Validate cell: the run stops there, exit 1, when its table breaks the
contract), report.md.

",
    exit_codes!()
);
