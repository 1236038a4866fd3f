//! Which hosts a notebook would contact, so that opening one from a stranger contacts none
//! until its reader agrees (as Jupyter's trusted notebooks do). A URL data source fetches from
//! its host, a Served model cell sends a song's features to its base URL's host, and a
//! Markdown cell's remote image loads from its host; every other cell stays in the tab.
//!
//! [`Consent`] is what the reader said, kept with the saved notebook: a notebook the user
//! built is [`Consent::Trusted`]; one opened from a link, a URL or a file starts
//! [`Consent::untrusted`], its hosts waiting until the reader runs them (or types a URL
//! into a cell: a host the user typed is allowed).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Cell, CellSpec, Notebook, Source};

/// How a cell would contact a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    /// A URL data source downloads a file.
    FetchData,
    /// A Served model cell sends a song's features (and reads the model's metadata).
    SendSongs,
    /// A Markdown cell shows an image from another site.
    LoadImage,
}

impl Contact {
    /// The verb phrase of the consent question: "fetch data from".
    pub fn phrase(self) -> &'static str {
        match self {
            Contact::FetchData => "fetch data from",
            Contact::SendSongs => "send songs to",
            Contact::LoadImage => "load images from",
        }
    }
}

/// One contact a cell would make.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HostUse {
    pub cell: u64,
    pub contact: Contact,
    /// `host` or `host:port`, lower-case, as a URL's authority names it (no user info).
    pub host: String,
}

/// The host a URL would contact: `Some("a.example:8080")` for `https://a.example:8080/x` or
/// `//a.example/x`; `None` for a relative URL (this site), a `data:`/`blob:` URL, or text that
/// is no URL at all.
pub fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = if let Some(rest) = url.strip_prefix("//") {
        rest
    } else {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        rest
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    // `user:password@host` contacts `host`.
    let host = authority.rsplit('@').next().unwrap_or_default();
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The hosts one cell would contact, in the order it would.
pub fn cell_uses(cell: &Cell) -> Vec<HostUse> {
    let use_of = |contact, url: &str| {
        host_of(url).map(|host| HostUse {
            cell: cell.id,
            contact,
            host,
        })
    };
    match &cell.spec {
        CellSpec::Source {
            source: Source::Url { url, .. },
        } => use_of(Contact::FetchData, url).into_iter().collect(),
        CellSpec::Serve { base_url, .. } => {
            use_of(Contact::SendSongs, base_url).into_iter().collect()
        }
        CellSpec::Markdown { text } => {
            let mut uses: Vec<HostUse> = crate::markdown::image_urls(text)
                .iter()
                .filter_map(|url| use_of(Contact::LoadImage, url))
                .collect();
            uses.sort();
            uses.dedup();
            uses
        }
        _ => Vec::new(),
    }
}

/// Every contact the notebook's cells would make, cell by cell.
pub fn notebook_uses(notebook: &Notebook) -> Vec<HostUse> {
    notebook.cells.iter().flat_map(cell_uses).collect()
}

/// What the reader has agreed to for one notebook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "trust", rename_all = "snake_case")]
pub enum Consent {
    /// The user's own notebook, or one whose hosts the reader agreed to: every cell runs.
    #[default]
    Trusted,
    /// Opened from a link, a URL or a file: only the hosts in `allowed` may be contacted.
    Untrusted { allowed: BTreeSet<String> },
}

impl Consent {
    /// A notebook from elsewhere, no host allowed yet.
    pub fn untrusted() -> Self {
        Consent::Untrusted {
            allowed: BTreeSet::new(),
        }
    }

    pub fn is_trusted(&self) -> bool {
        matches!(self, Consent::Trusted)
    }

    /// Whether `host` may be contacted.
    pub fn allows(&self, host: &str) -> bool {
        match self {
            Consent::Trusted => true,
            Consent::Untrusted { allowed } => allowed.contains(&host.to_ascii_lowercase()),
        }
    }

    /// Allows `host` from now on (the user typed it, or ran its cell).
    pub fn allow(&mut self, host: &str) {
        if let Consent::Untrusted { allowed } = self {
            allowed.insert(host.to_ascii_lowercase());
        }
    }

    /// The contacts of `uses` not allowed yet.
    pub fn waiting<'a>(&self, uses: &'a [HostUse]) -> Vec<&'a HostUse> {
        uses.iter().filter(|u| !self.allows(&u.host)).collect()
    }

    /// Whether `cell` may run: every host it would contact is allowed.
    pub fn lets_run(&self, cell: &Cell) -> bool {
        cell_uses(cell).iter().all(|u| self.allows(&u.host))
    }
}

/// The consent question for `uses`, or `None` when there are none: "This notebook wants to
/// fetch data from `a.example` and send songs to `b.example`."
pub fn question(uses: &[&HostUse]) -> Option<String> {
    if uses.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for contact in [Contact::FetchData, Contact::SendSongs, Contact::LoadImage] {
        let hosts: BTreeSet<&str> = uses
            .iter()
            .filter(|u| u.contact == contact)
            .map(|u| u.host.as_str())
            .collect();
        if !hosts.is_empty() {
            let hosts: Vec<String> = hosts.iter().map(|h| format!("`{h}`")).collect();
            parts.push(format!("{} {}", contact.phrase(), and_list(&hosts)));
        }
    }
    Some(format!("This notebook wants to {}.", and_list(&parts)))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[path = "trust_tests.rs"]
mod tests;
