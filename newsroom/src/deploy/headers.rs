//! The response headers of the site's files, from the one table every host follows
//! (`deploy/headers.json`; `deploy/nginx.conf` gives the same answers, and the nginx e2e test
//! holds the two together).

use serde::Deserialize;
use std::collections::HashMap;

const TABLE: &str = include_str!("../../../deploy/headers.json");

#[derive(Deserialize)]
struct Table {
    hashed_asset: Hashed,
    default_cache_control: String,
    feed_type: String,
    types: HashMap<String, String>,
    default_type: String,
}

#[derive(Deserialize)]
struct Hashed {
    cache_control: String,
}

/// The headers one file is served with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub content_type: String,
    pub cache_control: String,
}

/// The table, read once.
pub struct Rules(Table);

impl Rules {
    #[allow(
        clippy::expect_used,
        reason = "the table is compiled in, and a test reads it"
    )]
    pub fn new() -> Self {
        Self(serde_json::from_str(TABLE).expect("deploy/headers.json reads"))
    }

    /// The headers of the file at `path` (relative to the bundle, `/` separated).
    pub fn for_path(&self, path: &str) -> Headers {
        let name = path.rsplit('/').next().unwrap_or(path);
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let content_type = if path.starts_with("rss/") && extension == "xml" {
            self.0.feed_type.clone()
        } else {
            self.0
                .types
                .get(&extension)
                .cloned()
                .unwrap_or_else(|| self.0.default_type.clone())
        };
        let cache_control = if is_hashed_asset(name) {
            self.0.hashed_asset.cache_control.clone()
        } else {
            self.0.default_cache_control.clone()
        };
        Headers {
            content_type,
            cache_control,
        }
    }
}

/// Whether `name` is a hashed asset (`…-<8 to 16 hex digits>[_bg].js|wasm|css`), as
/// `deploy/headers.json`'s pattern says: its content never changes under that name.
pub fn is_hashed_asset(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(extension, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_file_has_its_headers() {
        let rules = Rules::new();
        let html = rules.for_path("article/1065.html");
        assert_eq!(html.content_type, "text/html; charset=utf-8");
        assert_eq!(html.cache_control, "no-cache");
        let wasm = rules.for_path("news-front-2771f3a0a3e749d6_bg.wasm");
        assert_eq!(wasm.content_type, "application/wasm");
        assert_eq!(wasm.cache_control, "public, max-age=31536000, immutable");
        assert_eq!(
            rules.for_path("rss/allArticle.xml").content_type,
            "application/rss+xml; charset=utf-8"
        );
        assert_eq!(
            rules.for_path("sitemap.xml").content_type,
            "text/xml; charset=utf-8"
        );
        assert_eq!(rules.for_path("sw.js").cache_control, "no-cache");
        assert_eq!(
            rules.for_path("sw.js").content_type,
            "application/javascript; charset=utf-8"
        );
        assert_eq!(
            rules
                .for_path("pagefind/fragment/ko_1.pf_fragment")
                .content_type,
            "application/octet-stream"
        );
        assert!(is_hashed_asset("main-0123456789abcdef.css"));
        // The glue's snippet has its hash in its folder's name, not its own: revalidated.
        assert_eq!(
            rules
                .for_path("snippets/news-front-3904147ba2b1513b/inline0.js")
                .cache_control,
            "no-cache"
        );
        assert!(!is_hashed_asset("ad-frames.js"));
        assert!(!is_hashed_asset("news-front-XYZ.js"));
    }
}
