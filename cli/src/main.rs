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

fn fail(error: &CliError) -> i32 {
    eprintln!("error: {error}");
    error.exit_code()
}
