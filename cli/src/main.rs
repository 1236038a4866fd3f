//! `jukebox`: parses the command line, runs it, maps the result to an exit code.

use clap::Parser;
use jukebox_cli::args::{Cli, Command};
use jukebox_cli::error::{CliError, exit};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run(args) => {
            let mut reporter = jukebox_cli::reporter_for(&args);
            match jukebox_cli::run(&args, &mut reporter) {
                Ok(outcome) => {
                    reporter.finished(exit::PASSED, &jukebox_cli::success_message(&outcome));
                    exit::PASSED
                }
                Err(error) => {
                    reporter.finished(error.exit_code(), &error.to_string());
                    error.exit_code()
                }
            }
        }
        Command::Validate(args) => validate(&args),
        Command::Push(args) => {
            match jukebox_cli::push::push(&args, &mut |line| eprintln!("{line}")) {
                Ok(registration) => {
                    eprintln!(
                        "Registered {} version {} in {} ({}).",
                        registration.model_name,
                        registration.version,
                        args.registry,
                        registration.url
                    );
                    exit::PASSED
                }
                Err(error) => fail(&error),
            }
        }
        Command::Monitor(args) => monitor(&args),
        Command::Contract(args) => {
            match jukebox_cli::contract::write_contract(&args.data, &args.out) {
                Ok(contract) => {
                    eprintln!(
                        "Wrote {}: the contract of {}.",
                        args.out.display(),
                        jukebox_cli::contract::describe(&contract)
                    );
                    exit::PASSED
                }
                Err(error) => fail(&error),
            }
        }
    };
    std::process::exit(code);
}

/// `jukebox validate`: the check printed (or as JSON), exit 1 when it failed.
fn validate(args: &jukebox_cli::args::ValidateArgs) -> i32 {
    let validation = match jukebox_cli::contract::validate_table(&args.data, &args.contract) {
        Ok(validation) => validation,
        Err(error) => return fail(&error),
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&validation).unwrap_or_default()
        );
    } else {
        eprintln!(
            "{} ({} rows) against the contract of `{}`: {}",
            args.data,
            validation.rows,
            validation.contract_dataset,
            validation.headline()
        );
        for anomaly in &validation.anomalies {
            eprintln!("{}", jukebox_cli::progress::anomaly_line(anomaly));
        }
    }
    if validation.passed() {
        return exit::PASSED;
    }
    fail(&CliError::contract(
        args.data.clone(),
        &validation,
        "Fix the data, or edit the contract's tolerances".to_string(),
    ))
}

/// `jukebox monitor`: the table of every feature's tests, the alerts, exit 5 on one.
fn monitor(args: &jukebox_cli::args::MonitorArgs) -> i32 {
    let mut reporter = jukebox_cli::progress::Reporter::new(if args.quiet {
        jukebox_cli::progress::Mode::Quiet
    } else {
        jukebox_cli::progress::Mode::Human
    });
    let monitored = match jukebox_cli::monitor::monitor(args, &mut reporter) {
        Ok(monitored) => monitored,
        Err(error) => return fail(&error),
    };
    if let Some(cell) = monitored.run.failed_cell() {
        let message = match &cell.status {
            jukebox_cli::run::Status::Failed(message) => message.clone(),
            _ => String::new(),
        };
        return fail(&CliError::Cell {
            index: cell.index,
            label: cell.label.clone(),
            problem: message,
        });
    }
    if !args.quiet {
        if monitored.retrained {
            eprintln!(
                "note: the run's data changed since the run, so its model was trained again on it (same settings)."
            );
        }
        for line in jukebox_cli::monitor::table(&monitored.run) {
            eprintln!("{line}");
        }
    }
    let alerts = monitored.run.alerts();
    if alerts.is_empty() {
        if !args.quiet {
            eprintln!("No alert: outputs in {}.", args.out.display());
        }
        return exit::PASSED;
    }
    if !args.quiet {
        for (cell, alert) in &alerts {
            eprintln!("alert (cell {cell}): {alert}");
        }
    }
    fail(&CliError::Alert {
        count: alerts.len(),
        first: alerts[0].1.clone(),
        hint: format!("{} has monitor.json and monitor.prom", args.out.display()),
    })
}

fn fail(error: &CliError) -> i32 {
    eprintln!("error: {error}");
    error.exit_code()
}
