//! Where the API lives and where the site lives. Deployers set
//! `<meta name="news-api-base" content="…">` and `<meta name="site-url" content="…">` in
//! `index.html`; the values are read once, and no rebuild is needed. The prerender command
//! reads the same tags from the built `index.html` and sets them here with [`set_page_meta`].

use std::sync::OnceLock;

/// The base used when `index.html` has no `news-api-base` tag: the demo files in `public/api/`.
pub const DEFAULT_API_BASE: &str = "/api";

static API_BASE: OnceLock<String> = OnceLock::new();

/// The API base from the meta tag, or [`DEFAULT_API_BASE`].
pub fn api_base() -> &'static str {
    API_BASE
        .get_or_init(|| read_meta("news-api-base").unwrap_or_else(|| DEFAULT_API_BASE.to_owned()))
}

/// `base` as an absolute address ending in `/`, for telling the API's addresses from others
/// (the service worker does the same with the base it is registered with): `/api` on
/// `https://news.example` is `https://news.example/api/`; an absolute base stays as it is.
pub fn absolute_api_base(base: &str, origin: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    if base.starts_with("https://") || base.starts_with("http://") {
        format!("{base}/")
    } else {
        format!("{origin}/{}/", base.trim_start_matches('/'))
    }
}

static SEARCH: OnceLock<Option<String>> = OnceLock::new();

/// The publisher's search endpoint from `<meta name="news-search" content="https://…/search">`,
/// if the page names one; without it the site searches its static index (`dist/pagefind/`).
pub fn search_endpoint() -> Option<&'static str> {
    SEARCH
        .get_or_init(|| {
            read_meta("news-search").filter(|url| crate::format::safe_url(url).is_some())
        })
        .as_deref()
}

static SITE_NAME: OnceLock<Option<String>> = OnceLock::new();
static SITE_URL: OnceLock<Option<String>> = OnceLock::new();

/// The paper's name from `<meta name="application-name">`, for the header until `site.json`
/// has loaded.
pub fn site_name() -> Option<&'static str> {
    SITE_NAME
        .get_or_init(|| read_meta("application-name"))
        .as_deref()
}

/// The site's own address (`https://news.example`, no trailing `/`) for canonical addresses,
/// link previews and feeds: `<meta name="site-url">`, else the address the page was loaded from.
pub fn site_origin() -> String {
    let configured = SITE_URL
        .get_or_init(|| read_meta("site-url").map(|url| url.trim_end_matches('/').to_owned()));
    match configured {
        Some(url) => url.clone(),
        None if cfg!(target_arch = "wasm32") => leptos::prelude::window()
            .location()
            .origin()
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// What the page's tags say, for the prerender command: it renders outside a browser, where
/// there are no tags to read. Must be called before the first page is rendered.
pub fn set_page_meta(site_name: Option<String>, site_url: Option<String>) {
    let _ = SITE_NAME.set(site_name);
    let _ = SITE_URL.set(site_url.map(|url| url.trim_end_matches('/').to_owned()));
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
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    let content = meta.get_attribute("content")?;
    let content = content.trim();
    (!content.is_empty()).then(|| content.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn api_bases_become_absolute_with_one_trailing_slash() {
        use super::absolute_api_base as abs;
        let origin = "https://news.example";
        assert_eq!(abs("/api", origin), "https://news.example/api/");
        assert_eq!(abs("/cms/v1/", origin), "https://news.example/cms/v1/");
        assert_eq!(abs("api", origin), "https://news.example/api/");
        assert_eq!(
            abs(" https://cms.example/news ", origin),
            "https://cms.example/news/"
        );
        assert_eq!(abs("http://cms.example/", origin), "http://cms.example/");
    }
}
