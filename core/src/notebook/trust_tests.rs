use super::*;
use crate::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook, Source, starter};
use crate::train::SongFeatures;

fn url_source(id: u64, url: &str) -> Cell {
    Cell::new(
        id,
        CellSpec::Source {
            source: Source::Url {
                name: format!("d{id}"),
                url: url.into(),
            },
        },
    )
}

fn serve(id: u64, base_url: &str) -> Cell {
    Cell::new(
        id,
        CellSpec::Serve {
            model: "m".into(),
            songs: "songs".into(),
            label: String::new(),
            song: SongFeatures::new(),
            base_url: base_url.into(),
            served_model: "jukebox".into(),
        },
    )
}

fn markdown(id: u64, text: &str) -> Cell {
    Cell::new(id, CellSpec::Markdown { text: text.into() })
}

fn notebook(cells: Vec<Cell>) -> Notebook {
    Notebook {
        version: NOTEBOOK_VERSION,
        title: "t".into(),
        cells,
    }
}

#[test]
fn the_host_of_a_url_is_its_authority_without_user_info() {
    assert_eq!(
        host_of("https://A.Example/x.csv").as_deref(),
        Some("a.example")
    );
    assert_eq!(
        host_of(" http://b.example:8080/v2").as_deref(),
        Some("b.example:8080")
    );
    assert_eq!(host_of("//c.example/img.png").as_deref(), Some("c.example"));
    assert_eq!(
        host_of("https://user:pw@d.example/").as_deref(),
        Some("d.example")
    );
    assert_eq!(
        host_of("https://e.example?x=1").as_deref(),
        Some("e.example")
    );
    assert_eq!(
        host_of("https://f.example\\@g.example/").as_deref(),
        Some("f.example")
    );
    for local in [
        "data/x.csv",
        "/x.csv",
        "#top",
        "data:image/png;base64,AA",
        "blob:x",
        "https://",
        "ftp://h/x",
    ] {
        assert_eq!(host_of(local), None, "{local}");
    }
}

#[test]
fn url_sources_served_models_and_remote_images_contact_hosts_and_nothing_else_does() {
    let nb = notebook(vec![
        url_source(1, "https://a.example/charts.csv"),
        serve(2, "http://b.example:8080"),
        markdown(
            3,
            "![logo](https://c.example/l.png) ![same](https://c.example/m.png) ![here](img/x.png) [a link](https://d.example/)",
        ),
        url_source(4, "data/local.csv"),
    ]);
    let uses = notebook_uses(&nb);
    let summary: Vec<(u64, Contact, &str)> = uses
        .iter()
        .map(|u| (u.cell, u.contact, u.host.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, Contact::FetchData, "a.example"),
            (2, Contact::SendSongs, "b.example:8080"),
            (3, Contact::LoadImage, "c.example"),
        ]
    );
    assert!(
        notebook_uses(&starter()).is_empty(),
        "the starter stays in the tab"
    );
    let waiting = Consent::untrusted().waiting(&uses);
    assert_eq!(
        question(&waiting).unwrap(),
        "This notebook wants to fetch data from `a.example`, send songs to `b.example:8080` and load images from `c.example`."
    );
    assert_eq!(question(&[]), None);
}

#[test]
fn consent_lets_a_cell_run_once_each_of_its_hosts_is_allowed() {
    let (fetch, send) = (
        url_source(1, "https://a.example/x.csv"),
        serve(2, "https://b.example"),
    );
    let mut consent = Consent::untrusted();
    assert!(!consent.lets_run(&fetch) && !consent.lets_run(&send));
    assert!(consent.lets_run(&markdown(3, "# text only")));
    consent.allow("A.EXAMPLE");
    assert!(consent.lets_run(&fetch) && !consent.lets_run(&send));
    assert!(Consent::Trusted.lets_run(&send));
    let uses = notebook_uses(&notebook(vec![fetch, send]));
    let waiting = consent.waiting(&uses);
    assert_eq!(
        question(&waiting).unwrap(),
        "This notebook wants to send songs to `b.example`."
    );
}

#[test]
fn a_saved_notebook_without_a_consent_is_the_users_own_and_trusted() {
    let saved = serde_json::json!({
        "id": "nb-1", "notebook": starter(), "created_ms": 1.0, "updated_ms": 2.0
    });
    let stored: crate::store::StoredNotebook = serde_json::from_value(saved).unwrap();
    assert_eq!(stored.consent, Consent::Trusted);
    let mut untrusted = stored.clone();
    untrusted.consent = Consent::untrusted();
    untrusted.consent.allow("a.example");
    let json = serde_json::to_string(&untrusted).unwrap();
    assert!(
        json.contains(r#""consent":{"trust":"untrusted","allowed":["a.example"]}"#),
        "{json}"
    );
    let back: crate::store::StoredNotebook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, untrusted);
}

#[test]
fn an_untrusted_notebooks_remote_image_is_a_placeholder_naming_its_host() {
    let text = "See ![the chart](https://c.example/chart.png) and ![ours](img/x.png).";
    let html = crate::markdown::render_with(text, &|host| host != "c.example");
    assert!(!html.contains("https://c.example"), "{html}");
    assert!(
        html.contains(r#"<span class="image-waiting" data-host="c.example""#),
        "{html}"
    );
    assert!(
        html.contains("Image from c.example: the chart</span>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<img src="img/x.png" alt="ours" />"#),
        "{html}"
    );
    // Allowed, a remote image is fetched by the page (the CSP lets images come only from the
    // app): no `src`, the URL in `data-remote-src`.
    let trusted = crate::markdown::render(text);
    assert!(
        trusted.contains(
            r#"<img class="remote-image" data-remote-src="https://c.example/chart.png" alt="the chart" />"#
        ),
        "{trusted}"
    );
}

#[test]
fn a_remote_images_alt_text_cannot_leave_its_attribute() {
    let html = crate::markdown::render(
        r#"![a" onerror="alert(1) *em* `code` [l](https://x.example)](https://c.example/x.png)"#,
    );
    assert!(!html.contains(r#"" onerror"#), "{html}");
    assert!(
        html.contains("a&quot; onerror=&quot;alert(1) em code l"),
        "{html}"
    );
    assert_eq!(
        html.matches('<').count(),
        3,
        "only <p>, <img> and </p>: {html}"
    );
}
