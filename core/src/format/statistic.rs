//! Test results in a few characters, for tables of the monitoring cells: p-values in plain
//! decimals down to 0.001 and in scientific notation below (as scipy users read them), and
//! statistics with four significant digits.

/// `0.0421`, `0.000312` → `3.12e-4`, `0` → `< 1e-300`; `-` for an undefined value.
pub fn p_value(p: f64) -> String {
    if !p.is_finite() {
        return "-".into();
    }
    if p == 0.0 {
        return "< 1e-300".into();
    }
    if p >= 0.001 {
        format!("{p:.4}")
    } else {
        scientific(p)
    }
}

/// Four significant digits: `0.1234`, `12.35`, `1235`, `1.235e6`, `-0.04321`.
pub fn statistic(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    let magnitude = x.abs();
    if magnitude == 0.0 {
        "0".into()
    } else if !(1e-3..1e5).contains(&magnitude) {
        scientific(x)
    } else {
        // Digits after the point so that four significant digits show.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=6
        let decimals = (3 - magnitude.log10().floor() as i32).clamp(0, 6) as usize;
        format!("{x:.decimals$}")
    }
}

/// `3.12e-4` (three significant digits, no `+` or leading zeros in the exponent).
fn scientific(x: f64) -> String {
    let text = format!("{x:.2e}");
    text.replace("e-0", "e-").replace("e0", "")
}
