//! The names the page's own scripts (`js/`) and stylesheet rely on, declared once: the ids,
//! classes, attributes and globals that the Rust side writes (the app's components, the
//! prerendered page) and the scripts look up. Rust uses these constants; the scripts cannot
//! import them, so `tests/inline_scripts.rs` writes them into the table the Node tests read
//! (`tests/js/rust-side.json`, `page_names`), with the files that use each, and
//! `tests/js/names.test.mjs` fails when one of those files no longer says the name. A rename
//! is then one change here and one in each file the test names.

/// The element that holds a prerendered page until the app has drawn its own copy beside it
/// (`js/takeover.js`, `js/shell.js`, `js/beacon.js`; the stylesheet hides what follows it).
pub const PRERENDERED_ID: &str = "prerendered";

/// On `<html>` while the page is the prerendered one, and on the head tags the prerender wrote
/// (the takeover drops those for the app's own).
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";

/// The shell's `<template>` of an article page's top, which `js/shell.js` fills from the
/// article it fetched early.
pub const ARTICLE_HEAD_ID: &str = "article-head";

/// The parts of an article's top that `js/shell.js` fills in, and that 본문 듣기 reads.
pub const ARTICLE_HEADER_CLASS: &str = "article__header";
pub const ARTICLE_SECTION_CLASS: &str = "article__section";
pub const ARTICLE_TITLE_CLASS: &str = "article__title";
pub const ARTICLE_SUBTITLES_CLASS: &str = "article__subtitles";

/// A menu or the search row opened: the app's toggles and, before the app, `js/takeover.js`'s.
pub const OPEN_CLASS: &str = "is-open";

/// A part of the page that failed, with its Korean message (the takeover waits for the app's
/// headline or one of these).
pub const ERROR_NOTICE_CLASS: &str = "error-notice";

/// Set by `js/shell.js` when it has painted the headline of an article it fetched early: the
/// takeover then waits for the app's own headline.
pub const EARLY_PAINTED_GLOBAL: &str = "__newsEarlyPainted";

/// The request `js/shell.js` starts for the page's own data before the wasm has loaded, which
/// the app's first fetch of the same address takes over.
pub const EARLY_FETCH_GLOBAL: &str = "__newsEarly";

/// `js/beacon.js`'s function the app calls for each article it shows (the view count).
pub const NEWS_VIEW_GLOBAL: &str = "newsView";

/// What `js/takeover.js`'s reports on the console start with (a part of the page or a control
/// it could not pair; the e2e tests fail on one), by which the prerender also tells that script
/// from the page's other inline ones, to move it after a prerendered page's markup.
pub const TAKEOVER_REPORT: &str = "takeover:";

/// Every name above, with the files of the page's scripts and stylesheet that rely on it: the
/// table `tests/inline_scripts.rs` keeps for the Node test.
pub const SHARED: &[(&str, &[&str])] = &[
    (
        PRERENDERED_ID,
        &[
            "js/takeover.js",
            "js/shell.js",
            "js/beacon.js",
            "style/main.css",
        ],
    ),
    (PRERENDERED_ATTRIBUTE, &["js/takeover.js", "js/shell.js"]),
    (ARTICLE_HEAD_ID, &["js/shell.js"]),
    (ARTICLE_SECTION_CLASS, &["js/shell.js", "style/main.css"]),
    (ARTICLE_TITLE_CLASS, &["js/shell.js", "style/main.css"]),
    (ARTICLE_SUBTITLES_CLASS, &["js/shell.js", "style/main.css"]),
    (ARTICLE_HEADER_CLASS, &["style/main.css"]),
    (OPEN_CLASS, &["js/takeover.js", "style/main.css"]),
    (ERROR_NOTICE_CLASS, &["js/takeover.js", "style/main.css"]),
    (EARLY_PAINTED_GLOBAL, &["js/takeover.js", "js/shell.js"]),
    (EARLY_FETCH_GLOBAL, &["js/shell.js"]),
    (NEWS_VIEW_GLOBAL, &["js/beacon.js"]),
    (TAKEOVER_REPORT, &["js/takeover.js"]),
];
