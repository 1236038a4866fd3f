//! A notebook from a share link or a URL contacts no host its runner did not allow, as in the
//! app (`jukebox_core::notebook::trust`): before anything runs, every host its URL data
//! sources and Served model cells name must be allowed with `--allow-host HOST`, or all of
//! them with `--trust`. A data source replaced with `--data` no longer counts (its data comes
//! from where the runner said); remote images in Markdown are never loaded here.

use jukebox_core::notebook::trust::{Consent, Contact, HostUse, notebook_uses, question};
use jukebox_core::notebook::{CellSpec, Source};

use crate::data::DataOverride;
use crate::error::{CliError, Result};
use crate::source::LoadedNotebook;

/// Refuses `loaded` when it is untrusted and would contact a host not in `allowed`.
pub fn check(
    loaded: &LoadedNotebook,
    overrides: &[DataOverride],
    trust_all: bool,
    allowed: &[String],
) -> Result<()> {
    if loaded.trusted || trust_all {
        return Ok(());
    }
    let uses: Vec<HostUse> = notebook_uses(&loaded.notebook)
        .into_iter()
        .filter(|u| u.contact != Contact::LoadImage && !replaced(loaded, u.cell, overrides))
        .collect();
    let mut consent = Consent::untrusted();
    for host in allowed {
        consent.allow(host.trim());
    }
    let waiting = consent.waiting(&uses);
    let Some(question) = question(&waiting) else {
        return Ok(());
    };
    let mut hosts: Vec<&str> = waiting.iter().map(|u| u.host.as_str()).collect();
    hosts.sort_unstable();
    hosts.dedup();
    Err(CliError::Untrusted {
        origin: loaded.origin.clone(),
        question,
        flags: hosts
            .iter()
            .map(|h| format!("--allow-host {h}"))
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// Whether cell `id` is a URL data source whose dataset `--data` replaces.
fn replaced(loaded: &LoadedNotebook, id: u64, overrides: &[DataOverride]) -> bool {
    loaded.notebook.cells.iter().any(|cell| {
        cell.id == id
            && matches!(&cell.spec, CellSpec::Source { source: Source::Url { name, .. } }
                if overrides.iter().any(|o| o.name == *name))
    })
}

#[cfg(test)]
mod tests {
    use jukebox_core::notebook::{Cell, NOTEBOOK_VERSION, Notebook};
    use jukebox_core::train::SongFeatures;

    use super::*;

    fn from_a_link() -> LoadedNotebook {
        let cells = vec![
            Cell::new(
                1,
                CellSpec::Source {
                    source: Source::Url {
                        name: "charts".into(),
                        url: "https://a.example/charts.csv".into(),
                    },
                },
            ),
            Cell::new(
                2,
                CellSpec::Serve {
                    model: "m".into(),
                    songs: "charts".into(),
                    label: String::new(),
                    song: SongFeatures::new(),
                    base_url: "http://b.example:8080".into(),
                    served_model: "jukebox".into(),
                },
            ),
            Cell::new(
                3,
                CellSpec::Markdown {
                    text: "![x](https://c.example/x.png)".into(),
                },
            ),
        ];
        LoadedNotebook {
            notebook: Notebook {
                version: NOTEBOOK_VERSION,
                title: "t".into(),
                cells,
            },
            origin: "a share link".into(),
            base_dir: None,
            trusted: false,
        }
    }

    #[test]
    fn a_strangers_notebook_names_its_hosts_and_the_flags_that_allow_them() {
        let error = check(&from_a_link(), &[], false, &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "This notebook wants to fetch data from `a.example` and send songs to `b.example:8080`. It came from a share link, so nothing was run or contacted. Allow them with --allow-host a.example --allow-host b.example:8080, or every host it names with --trust"
        );
        assert_eq!(error.exit_code(), crate::error::exit::BAD_INPUT);
        let partly = check(&from_a_link(), &[], false, &["A.example".into()]).unwrap_err();
        assert!(
            partly
                .to_string()
                .starts_with("This notebook wants to send songs to `b.example:8080`.")
        );
    }

    #[test]
    fn allowed_hosts_trust_or_replaced_data_let_it_run() {
        let both = ["a.example".to_string(), "b.example:8080".to_string()];
        check(&from_a_link(), &[], false, &both).unwrap();
        check(&from_a_link(), &[], true, &[]).unwrap();
        let data = crate::data::parse("charts=local.csv").unwrap();
        check(&from_a_link(), &[data], false, &["b.example:8080".into()]).unwrap();
        let mut own = from_a_link();
        own.trusted = true;
        check(&own, &[], false, &[]).unwrap();
    }
}
