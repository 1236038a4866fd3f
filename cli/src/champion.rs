//! The champion a `--gate "test_accuracy>=champion"` compares with, read from the registry
//! with the core's lookup (`jukebox_core::registry::ChampionLookup`) over the push's HTTP
//! client.

use jukebox_core::registry::{Champion, ChampionAction, ChampionLookup, ChampionQuery};

use crate::args::RunArgs;
use crate::error::{CliError, Result};
use crate::push::{agent, perform, registry_kind, token};

/// Checks before the run that a champion gate has a registry to ask.
pub fn check_args(args: &RunArgs) -> Result<()> {
    match (&args.registry, &args.registry_url) {
        (Some(kind), Some(_)) => registry_kind(kind).map(|_| ()),
        _ => Err(CliError::Argument {
            arg: "--gate …champion".into(),
            problem: "a gate on the champion needs the registry that holds it: add --registry \
                      mlflow|kubeflow --registry-url URL (and --registry-model NAME if the \
                      model is registered under another name)"
                .into(),
        }),
    }
}

/// Reads the champion of `model` (the last run's model name unless `--registry-model`).
///
/// # Errors
/// [`CliError::Registry`] (exit 4) when the registry has no champion or cannot be reached.
pub fn fetch(args: &RunArgs, default_model: &str) -> Result<Champion> {
    check_args(args)?;
    let (Some(kind), Some(url)) = (&args.registry, &args.registry_url) else {
        unreachable!("checked above");
    };
    let kind = registry_kind(kind)?;
    let model = args
        .registry_model
        .clone()
        .unwrap_or_else(|| default_model.to_string());
    let alias = args.champion.clone().unwrap_or_else(|| match kind {
        jukebox_core::registry::RegistryKind::Mlflow => "champion".into(),
        jukebox_core::registry::RegistryKind::Kubeflow => String::new(),
    });
    let mut lookup = ChampionLookup::new(ChampionQuery {
        kind,
        base_url: url.clone(),
        model,
        alias,
    });
    let (agent, token) = (agent(), token());
    let mut action = lookup.next(None);
    loop {
        match action {
            ChampionAction::Send(request) => {
                let reply = perform(&agent, &request, token.as_deref(), &[], &[]);
                action = lookup.next(Some(&reply));
            }
            ChampionAction::Found(champion) => return Ok(champion),
            ChampionAction::Failed(message) => {
                return Err(CliError::Champion {
                    registry: format!("{} at {url}", kind.label()),
                    message,
                });
            }
        }
    }
}
