//! Browser tests of the Fairness cell (wasm-bindgen-test in headless Chromium): its editor's
//! fields and help, its output — the chosen country's cards, every country as given with its
//! violation, small-group warnings, the alert banner exactly when the chosen country (or any,
//! with none chosen) is outside the bounds, a country code the model does not know. The
//! engine is not running here: outputs are built in `monitor_values`.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Values set here are read back unchanged: exact comparisons are right.
#![allow(clippy::float_cmp)]

use std::time::Duration;

use jukebox_app::notebook::cells::editor::CellEditor;
use jukebox_app::notebook::cells::fairness::FairnessEditor;
use jukebox_app::notebook::cells::fairness::output::FairnessView;
use jukebox_app::notebook::cells::output::CellOutputView;
use jukebox_app::notebook::{CellEntry, CellOutput};
use jukebox_core::monitor::fairness::{FAVOURABLE_HELP, FairnessBounds, Favourable};
use jukebox_core::monitor::fairness_cell::FairnessSpec;
use jukebox_core::notebook::{CellSpec, NewCell};
use jukebox_core::train::EvalSplit;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::monitor_values;
use common::{
    all, change, find, get, mount, notebook_in_context, sleep, testid, testid_text, text, value,
};
use monitor_values::{OTHER_ROWS, PRIVILEGED_ROWS, course_notebook, fairness_output};

fn mount_editor() -> (web_sys::HtmlElement, CellEntry) {
    let entry = StoredValue::new(None);
    let root = mount(move || {
        let document = notebook_in_context(course_notebook(&[NewCell::Fairness]));
        let cell = document.entry(3).unwrap();
        entry.set_value(Some(cell));
        view! { <FairnessEditor entry=cell/> }
    });
    (root, entry.get_value().unwrap())
}

fn fairness_spec(entry: CellEntry) -> FairnessSpec {
    match entry.spec.get_untracked() {
        CellSpec::Fairness(spec) => spec,
        other => panic!("not a Fairness cell: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_new_fairness_cell_measures_the_model_above_for_france_with_trustyais_bounds() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    let models: Vec<String> = all(&testid(&root, "fairness-model"), "option")
        .iter()
        .map(|o| text(o))
        .collect();
    assert_eq!(models, ["course_network"]);
    let fields = [
        ("fairness-model", "course_network"),
        ("fairness-split", "test"),
        ("fairness-attribute", "is_explicit"),
        ("fairness-privileged", "1"),
        ("fairness-country", "FR"),
        ("fairness-favourable", "top"),
        ("fairness-spd-bound", "0.1"),
        ("fairness-dir-lower", "0.8"),
        ("fairness-dir-upper", "1.2"),
        ("fairness-min-rows", "30"),
    ];
    for (id, shown) in fields {
        assert_eq!(value(&root, id), shown, "{id}");
    }
    assert!(
        find(&root, "[data-testid=fairness-threshold]").is_none(),
        "no threshold for the top prediction"
    );
    assert_eq!(testid_text(&root, "fairness-help"), FAVOURABLE_HELP);
    assert!(FAVOURABLE_HELP.contains("0.4999998"));
    let spec = fairness_spec(entry);
    assert_eq!(spec.favourable, Favourable::TopClass);
    assert_eq!(spec.bounds, FairnessBounds::default());
}

#[wasm_bindgen_test]
async fn each_fairness_field_changes_the_cell_and_the_threshold_shows_for_at_least() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    for (id, typed) in [
        ("fairness-attribute", " mode "),
        ("fairness-privileged", "0"),
        ("fairness-country", " de "),
        ("fairness-split", "validation"),
        ("fairness-spd-bound", "0.05"),
        ("fairness-favourable", "at_least"),
    ] {
        change(&testid(&root, id), typed);
        sleep(Duration::from_millis(30)).await;
    }
    let spec = fairness_spec(entry);
    assert_eq!(
        (
            spec.attribute.as_str(),
            spec.privileged,
            spec.country.as_str()
        ),
        ("mode", 0.0, "DE")
    );
    assert_eq!(spec.on, EvalSplit::Validation);
    assert_eq!(
        (spec.bounds.spd_lower, spec.bounds.spd_upper),
        (-0.05, 0.05)
    );
    assert_eq!(spec.favourable, Favourable::AtLeast { threshold: 0.05 });
    assert_eq!(value(&root, "fairness-country"), "DE", "shown as stored");
    // "At least" brings its threshold field, starting at the cell's threshold.
    assert_eq!(value(&root, "fairness-threshold"), "0.05");
    change(&testid(&root, "fairness-threshold"), "0.1");
    sleep(Duration::from_millis(30)).await;
    assert_eq!(
        fairness_spec(entry).favourable,
        Favourable::AtLeast { threshold: 0.1 }
    );
    // A probability threshold is in (0, 1]: anything else is ignored.
    for bad in ["0", "1.5", "-0.2"] {
        change(&testid(&root, "fairness-threshold"), bad);
        sleep(Duration::from_millis(30)).await;
        assert_eq!(
            fairness_spec(entry).favourable,
            Favourable::AtLeast { threshold: 0.1 },
            "{bad}"
        );
    }
    change(&testid(&root, "fairness-favourable"), "top");
    sleep(Duration::from_millis(30)).await;
    assert_eq!(fairness_spec(entry).favourable, Favourable::TopClass);
    assert!(find(&root, "[data-testid=fairness-threshold]").is_none());
}

fn mount_output(country: &str, rows: (usize, usize)) -> web_sys::HtmlElement {
    let output = fairness_output(country, rows);
    mount(move || view! { <FairnessView output=output/> })
}

const ROWS: (usize, usize) = (PRIVILEGED_ROWS, OTHER_ROWS);

#[wasm_bindgen_test]
fn the_chosen_country_gets_cards_and_every_country_is_listed_as_given() {
    let root = mount_output("FR", ROWS);
    assert_eq!(
        text(&get(&root, "h3")),
        "course_network on the test part · `is_explicit` = 1 is privileged (4,210 rows) · \
         others 18,960 rows"
    );
    let headline = testid(&root, "fairness-headline");
    assert_eq!(
        headline.get_attribute("data-country").as_deref(),
        Some("FR")
    );
    let cards: Vec<String> = all(&headline, ".metric-card")
        .iter()
        .map(|c| text(c))
        .collect();
    assert_eq!(
        cards,
        [
            "SPD · France-0.021",
            "DIR0.6053",
            "Privileged: 219 of 4,2105.2 %",
            "Others: 597 of 18,9603.1 %"
        ]
    );
    let spd: f64 = get(&headline, "[data-testid=fairness-spd]")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(spd, 597.0 / 18_960.0 - 219.0 / 4_210.0);
    let bad: Vec<bool> = all(&headline, ".metric-card")
        .iter()
        .map(|c| c.class_list().contains("metric-bad"))
        .collect();
    assert_eq!(bad, [false, true, false, false], "DIR 0.61 is under 0.8");

    let rows = all(&root, "[data-testid=fairness-row]");
    let order: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r.get_attribute("data-country").unwrap(),
                r.get_attribute("data-violation").unwrap(),
            )
        })
        .collect();
    let expected = [
        ("US", "true"),
        ("BR", "true"),
        ("FR", "true"),
        ("DE", "false"),
        ("JP", "false"),
    ]
    .map(|(c, v)| (c.to_string(), v.to_string()));
    assert_eq!(
        order, expected,
        "the largest |SPD| first, as the core sorted them"
    );
    let cells: Vec<String> = all(&rows[0], "th, td").iter().map(|c| text(c)).collect();
    assert_eq!(
        cells,
        [
            "US · United States",
            "-0.1072",
            "0.5535",
            "24.0 %",
            "13.3 %",
            "outside the bounds"
        ]
    );
    let japan: Vec<String> = all(&rows[4], "th, td").iter().map(|c| text(c)).collect();
    assert_eq!(
        japan,
        [
            "JP · Japan",
            "+0.0000",
            "undefined",
            "0.0 %",
            "0.0 %",
            "fair"
        ]
    );
    assert_eq!(
        testid_text(&root, "fairness-summary"),
        "3 of 5 countries outside SPD -0.1 … +0.1 or DIR 0.8 … 1.2"
    );
    assert!(find(&root, "[data-testid=fairness-warning]").is_none());
    assert!(find(&root, "[data-testid=fairness-unknown-country]").is_none());
    assert_eq!(
        testid_text(&root, "cell-alert"),
        "Unfair across `is_explicit` (privileged: 1) for FR: SPD -0.021 (fair within -0.1 … \
         +0.1), DIR 0.605 (fair within 0.8 … 1.2). Check the training data's balance across \
         the groups before using the model for them."
    );
}

#[wasm_bindgen_test]
fn a_fair_chosen_country_raises_no_alert_though_others_are_unfair() {
    let root = mount_output("DE", ROWS);
    assert!(find(&root, "[data-testid=cell-alert]").is_none());
    let headline = testid(&root, "fairness-headline");
    assert_eq!(
        headline.get_attribute("data-country").as_deref(),
        Some("DE")
    );
    assert!(find(&headline, ".metric-bad").is_none());
    let flagged = all(&root, "[data-testid=fairness-row][data-violation=true]");
    assert_eq!(
        flagged.len(),
        3,
        "the table still shows every country's verdict"
    );
}

#[wasm_bindgen_test]
fn without_a_chosen_country_any_violation_alerts() {
    let root = mount_output("", ROWS);
    assert!(find(&root, "[data-testid=fairness-headline]").is_none());
    assert!(find(&root, "[data-testid=fairness-unknown-country]").is_none());
    let alert = testid_text(&root, "cell-alert");
    assert!(
        alert.starts_with("Unfair across `is_explicit` (privileged: 1) for US, BR, FR: SPD -0.107"),
        "{alert}"
    );
}

#[wasm_bindgen_test]
fn a_country_the_model_does_not_know_is_said_so_rather_than_shown_fair() {
    let root = mount_output("FRA", ROWS);
    assert!(find(&root, "[data-testid=fairness-headline]").is_none());
    assert!(find(&root, "[data-testid=cell-alert]").is_none());
    assert_eq!(
        testid_text(&root, "fairness-unknown-country"),
        "`FRA` is not one of the model's 5 classes, so no country is headlined and none can \
         raise the alert. Use a class's code, such as `US`."
    );
}

#[wasm_bindgen_test]
fn small_groups_are_warned_about() {
    let root = mount_output("FR", (24, 1_180));
    let warnings = all(&root, "[data-testid=fairness-warning]");
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        text(&warnings[0]),
        "the privileged group has only 24 rows (fewer than 30): one row more or less moves its \
         rate by 4.2 points, so SPD and DIR may flag or miss bias by chance. Monitor a larger \
         sample"
    );
}

#[wasm_bindgen_test]
async fn in_the_notebook_the_editor_and_the_output_name_their_parts_apart() {
    let entry = StoredValue::new(None::<CellEntry>);
    let root = mount(move || {
        let document = notebook_in_context(course_notebook(&[NewCell::Fairness]));
        let cell = document.entry(3).unwrap();
        entry.set_value(Some(cell));
        view! { <CellEditor entry=cell/><CellOutputView entry=cell/> }
    });
    let output = fairness_output("FR", ROWS);
    entry
        .get_value()
        .unwrap()
        .output
        .set(Some(CellOutput::FairnessMeasured(Box::new(output))));
    sleep(Duration::from_millis(50)).await;
    // Every part a test or a person's tool looks up by its id is found once (table rows
    // repeat by design).
    let mut ids: Vec<String> = all(&root, "[data-testid]")
        .iter()
        .map(|e| e.get_attribute("data-testid").unwrap())
        .filter(|id| id != "fairness-row")
        .collect();
    ids.sort();
    let repeated: Vec<&String> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(repeated.is_empty(), "{repeated:?}");
    let card = testid(&root, "fairness-spd");
    assert!(
        card.has_attribute("data-value"),
        "the headline's SPD, not the bound"
    );
}
