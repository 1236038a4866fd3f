//! Which link and image URLs a markdown cell may keep. An allow-list of schemes, checked on
//! the URL as a browser would read its scheme: browsers drop ASCII tabs and newlines
//! anywhere in a URL and control characters and spaces around it, so `java\tscript:` is
//! `javascript:`. (Entities such as `&#106;` are already decoded by the markdown parser.)

/// Schemes a link or image may use.
const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether `url` is `http:`, `https:`, `mailto:`, relative (`docs/a.md`, `/x`, `//host/x`,
/// `?q`) or a `#fragment`. Anything with another scheme (`javascript:`, `vbscript:`,
/// `data:`, `file:`…), in any case or spelled with hidden characters, is not.
pub fn is_safe_url(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(scheme) => ALLOWED_SCHEMES
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
    }
}

/// Whether `url` leads to another site: `http:`, `https:` or protocol-relative `//host`.
pub(super) fn is_external(url: &str) -> bool {
    let squeezed = squeeze(url);
    squeezed.starts_with("//")
        || scheme(url)
            .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
}

/// The text before the first `:` when it comes before any `/`, `?` or `#` (so the URL is not
/// relative), after dropping what browsers ignore. It need not be a valid scheme name: an
/// odd one (`java%0ascript`) is simply not on the allow-list.
fn scheme(url: &str) -> Option<String> {
    let squeezed = squeeze(url);
    let end = squeezed.find([':', '/', '?', '#'])?;
    (squeezed.as_bytes()[end] == b':').then(|| squeezed[..end].to_string())
}

/// `url` without ASCII control characters and spaces: browsers strip them around a URL and
/// drop tabs and newlines inside it; dropping all of them can only make a scheme easier to
/// see, never hide one.
fn squeeze(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_ascii_control() && *c != ' ')
        .collect()
}
