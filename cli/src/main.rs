//! `jukebox`: parses the command line, runs it, maps the result to an exit code.

use clap::Parser;
use jukebox_cli::args::{Cli, Command};
use jukebox_cli::error::exit;

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
    };
    std::process::exit(code);
}
