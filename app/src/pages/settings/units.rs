//! Bytes and dates as people read them.

/// `1234567.0` → `1.2 MB` (decimal units, as browsers report quota).
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// `12.3 MB of 1.2 GB (1 %)`; what is known when the browser does not say all.
pub fn usage_line(usage_bytes: Option<f64>, quota_bytes: Option<f64>) -> String {
    match (usage_bytes, quota_bytes) {
        (Some(usage), Some(quota)) if quota > 0.0 => {
            let percent = usage / quota * 100.0;
            let percent = if percent > 0.0 && percent < 1.0 {
                "<1".to_owned()
            } else {
                format!("{percent:.0}")
            };
            format!(
                "{} of {} ({percent} %)",
                human_bytes(usage),
                human_bytes(quota)
            )
        }
        (Some(usage), _) => format!(
            "{} (this browser does not say its quota)",
            human_bytes(usage)
        ),
        _ => "unknown (this browser does not report storage use)".to_owned(),
    }
}

/// The local date of `ms` since 1970 as `YYYY-MM-DD`.
pub(crate) fn local_date(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}
