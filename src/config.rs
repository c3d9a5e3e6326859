//! Where the API lives. Deployers set `<meta name="news-api-base" content="…">` in
//! `index.html`; the value is read once, at the first request, and no rebuild is needed.

use std::sync::OnceLock;

/// The base used when `index.html` has no `news-api-base` tag: the demo files in `public/api/`.
pub const DEFAULT_API_BASE: &str = "/api";

static API_BASE: OnceLock<String> = OnceLock::new();

/// The API base from the meta tag, or [`DEFAULT_API_BASE`].
pub fn api_base() -> &'static str {
    API_BASE
        .get_or_init(|| read_meta("news-api-base").unwrap_or_else(|| DEFAULT_API_BASE.to_owned()))
}

/// The paper's name from `<meta name="application-name">`, for the header until `site.json`
/// has loaded (the boot shell in `index.html` shows the same).
pub fn site_name() -> Option<&'static str> {
    static SITE_NAME: OnceLock<Option<String>> = OnceLock::new();
    SITE_NAME
        .get_or_init(|| read_meta("application-name"))
        .as_deref()
}

/// The full URL of an endpoint path under the configured base.
pub fn api_url(path: &str) -> String {
    join_url(api_base(), path)
}

/// Joins a base and a relative path with exactly one `/` between them.
pub fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

fn read_meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    let content = meta.get_attribute("content")?;
    let content = content.trim();
    (!content.is_empty()).then(|| content.to_owned())
}
