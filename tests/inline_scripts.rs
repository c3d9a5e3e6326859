//! What the inline scripts in `js/` (and the search benchmark) must know of the Rust side, and the
//! names they share with it (`src/page_names.rs`),
//! written as a table (`tests/js/rust-side.json`) that `tests/js/inline.test.mjs` runs the
//! scripts against in Node. This test fails when the table no longer matches the Rust code; rerun it with
//! `UPDATE_JS_TABLE=1` to rewrite the table, then run the Node test to see whether the scripts
//! still agree.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use news_front::api::client::paths;
use news_front::config::DEFAULT_API_BASE;
use news_front::format::PARTICLES;
use news_front::page_names;
use news_front::preferences::{Theme, TEXT_SIZES, TEXT_SIZE_KEY, THEME_KEY};
use news_front::routes;
use serde_json::{json, Value};

const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/rust-side.json");

fn rust_side() -> Value {
    // Addresses the shell fetches the data of early, and the API path the app asks for there.
    let mut early = vec![(routes::HOME.to_owned(), paths::HOME.to_owned())];
    for id in ["1065", "abc_DEF-9"] {
        early.push((routes::article(id), paths::article(id)));
    }
    for (slug, page) in [("gyeonggi", 1), ("gyeonggi", 2), ("incheon-news", 120)] {
        early.push((routes::section(slug, page), paths::section_page(slug, page)));
    }
    // The older query form of a section page.
    early.push((
        format!("{}?page=3", routes::section("gyeonggi", 1)),
        paths::section_page("gyeonggi", 3),
    ));
    // Addresses with no early fetch: pages of shared data, the legacy redirect, and ids that
    // are not plain (the app encodes and asks for those itself).
    let none = [
        routes::PHOTOS.to_owned(),
        routes::VIDEOS.to_owned(),
        format!("{}?idxno=1065", routes::LEGACY_ARTICLE),
        routes::article("../site"),
        routes::article("기사"),
        routes::article(&"9".repeat(65)),
        format!("{}?page=abc", routes::section("gyeonggi", 1)),
        "/nowhere".to_owned(),
    ];
    json!({
        "default_api_base": DEFAULT_API_BASE,
        "early_fetch": early
            .into_iter()
            .map(|(address, api_path)| json!({ "address": address, "api_path": api_path }))
            .collect::<Vec<_>>(),
        "no_early_fetch": none,
        // For scripts/bench --search, which asks the index as the app does (format::index_query).
        "search_particles": PARTICLES,
        // The ids, classes, attributes and globals the page's scripts and stylesheet rely on
        // (src/page_names.rs), each with the files that must say it (tests/js/names.test.mjs).
        "page_names": page_names::SHARED
            .iter()
            .map(|(name, files)| json!({ "name": name, "files": files }))
            .collect::<Vec<_>>(),
        "preferences": {
            "theme_key": THEME_KEY,
            "themes": [Theme::Light.as_str(), Theme::Dark.as_str()],
            "text_size_key": TEXT_SIZE_KEY,
            "text_sizes": TEXT_SIZES,
        },
    })
}

#[test]
fn the_table_the_inline_scripts_are_tested_against_matches_the_rust_side() {
    let now = serde_json::to_string_pretty(&rust_side()).unwrap() + "\n";
    if std::env::var_os("UPDATE_JS_TABLE").is_some() {
        std::fs::write(TABLE, &now).unwrap();
    }
    let kept = std::fs::read_to_string(TABLE).unwrap_or_default();
    assert!(
        kept == now,
        "tests/js/rust-side.json is out of date: rerun with UPDATE_JS_TABLE=1, then \
         `node --test tests/js/`\n{now}"
    );
}
