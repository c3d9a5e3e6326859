//! One page rendered from the app's own components, and put into the built `index.html`.

use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use news_front::api::models::Article;
use news_front::api::preload;
use news_front::components::page_meta::HeadCollector;
use news_front::page_names::{
    ARTICLE_HEADER_CLASS, ARTICLE_HEAD_ID, PRERENDERED_ATTRIBUTE, PRERENDERED_ID, TAKEOVER_REPORT,
};
use news_front::seo::{self, HeadTag};
use news_front::state::CurrentSection;
use news_front::App;
use std::collections::HashMap;

/// A page's markup: what goes into `<head>` and what goes into `<body>`.
pub struct Rendered {
    pub head: Vec<HeadTag>,
    pub body: String,
}

/// Renders the app at `address` as its first pass in a browser would draw it, given the API
/// answers the page holds (by endpoint path). What it does not hold (weather, most viewed)
/// stays at its loading size, for the app to fill. `section` is the section the menu marks
/// (an article's).
pub fn render(
    address: &str,
    answers: HashMap<String, serde_json::Value>,
    section: Option<String>,
) -> Rendered {
    preload::set(answers);
    let collector = HeadCollector::default();
    let owner = Owner::new();
    let body = owner.with(|| {
        provide_context(RequestUrl::new(address));
        provide_context(collector.clone());
        provide_context(CurrentSection::new(section));
        view! { <App/> }.to_html()
    });
    drop(owner);
    preload::set(HashMap::new());
    let body = without_seams(&body);
    let head = collector
        .0
        .lock()
        .map(|tags| tags.clone())
        .unwrap_or_default();
    Rendered { head, body }
}

/// Leptos's server renderer marks the seams between neighbouring text nodes with `<!>`, for
/// hydration, which this design does not use (the app draws its own copy and takes over). HTML
/// checkers read each one as a bogus comment; the page reads the same without them. No API text
/// can hold one: Leptos escapes `<` in text and in attribute values.
fn without_seams(html: &str) -> String {
    html.replace("<!>", "")
}

/// An article's search record: the document Pagefind indexes for it (`search_record`, the words
/// its page shows), and the month it was published in, in KST (`2026-11`; `undated` without a
/// date it can read), which puts it in its shard.
pub fn search_record(article: Article) -> serde_json::Value {
    let month = article
        .published_at
        .as_deref()
        .and_then(news_front::kst::parse_kst)
        .map_or_else(
            || "undated".to_owned(),
            |time| time.format("%Y-%m").to_string(),
        );
    let owner = Owner::new();
    let body = owner.with(|| news_front::pages::article::search_record(article).to_html());
    drop(owner);
    let html = format!(
        "<!DOCTYPE html><html lang=\"ko\"><meta charset=\"utf-8\">{}",
        without_seams(&body)
    );
    serde_json::json!({ "month": month, "html": html })
}

/// The built `index.html` the pages are made from (kept by `scripts/hooks/csp.py` as `app.html`).
pub struct Template {
    html: String,
}

impl Template {
    pub fn new(html: String) -> Result<Self, String> {
        for needed in ["</head>", "<body>", "</body>", "<html"] {
            if !html.contains(needed) {
                return Err(format!("the template has no {needed}"));
            }
        }
        Ok(Self { html })
    }

    /// The content of `<meta name="…">` in the template.
    pub fn meta(&self, name: &str) -> Option<String> {
        let (start, end) = find_meta(&self.html, name)?;
        let tag = &self.html[start..end];
        let value = tag.split("content=").nth(1)?;
        let value = match value.chars().next()? {
            quote @ ('"' | '\'') => value[1..].split(quote).next()?,
            _ => value.split([' ', '>']).next()?,
        };
        let value = value.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// The whole page: the template with the page's head tags, its markup, and the API answers
    /// it was made from (for the app to take over without asking again). `data` is `None` for
    /// the shell, which keeps the template's `<noscript>` message.
    pub fn page(
        &self,
        page: &Rendered,
        data: Option<&serde_json::Map<String, serde_json::Value>>,
        site_url: &str,
    ) -> String {
        let mut html = self.html.clone();
        // The site's address, as the prerender used it, for the app's canonical addresses.
        if let Some((start, end)) = find_meta(&html, "site-url") {
            html.replace_range(
                start..end,
                &format!(
                    r#"<meta name="site-url" content="{}">"#,
                    seo::escape_attribute(site_url)
                ),
            );
        }
        let has_title = page.head.iter().any(|tag| matches!(tag, HeadTag::Title(_)));
        if has_title {
            if let (Some(start), Some(end)) = (html.find("<title"), html.find("</title>")) {
                html.replace_range(start..end + "</title>".len(), "");
            }
        }
        let head = seo::to_html(&page.head);
        let at = html.find("</head>").unwrap_or(html.len());
        html.insert_str(at, &head);
        if data.is_some() {
            if let (Some(start), Some(end)) = (html.find("<noscript>"), html.find("</noscript>")) {
                html.replace_range(start..end + "</noscript>".len(), "");
            }
            html = html.replacen("<html", &format!("<html {PRERENDERED_ATTRIBUTE}"), 1);
            drop_shell_script(&mut html);
        }
        let mut body = format!(r#"<div id="{PRERENDERED_ID}">{}</div>"#, page.body);
        if data.is_some() {
            // The takeover watches the document for the app's page: in the head it would be
            // parsed before the headline and called for every node the parser adds; after the
            // page it is neither, and is still there long before the app.
            body.push_str(&take_takeover_script(&mut html));
            // The page is all there already: its HTML goes first, and the app's code (the JS
            // glue and over 200 KB of wasm) is fetched after it rather than beside it. Module
            // scripts run after the document is parsed wherever they stand.
            body.push_str(&take_app_loader(&mut html));
        }
        if let Some(data) = data {
            body.push_str(&preload::script_element(data));
        }
        let at = html.rfind("</body>").unwrap_or(html.len());
        html.insert_str(at, &body);
        html
    }
}

/// The shell with the top of an article page in a `<template id="article-head">`, which the
/// shell's inline script fills from the article it fetched early (`index.html`).
pub fn with_article_head(mut html: String, head: &str) -> String {
    if !head.is_empty() {
        let at = html.rfind("</body>").unwrap_or(html.len());
        html.insert_str(
            at,
            &format!(r#"<template id="{ARTICLE_HEAD_ID}">{head}</template>"#),
        );
    }
    html
}

/// Drops the shell's own inline script (the early fetch and early headline, the one that reads
/// `news-api-base`) from a prerendered page, which holds its data. Its hash may stay in the
/// Content-Security-Policy: allowing a script that is not there changes nothing.
fn drop_shell_script(html: &mut String) {
    take_head_script(html, "news-api-base");
}

/// Takes the takeover's inline script (`js/takeover.js`, known by the `takeover:` its reports
/// start with) out of `<head>`.
fn take_takeover_script(html: &mut String) -> String {
    take_head_script(html, TAKEOVER_REPORT).unwrap_or_default()
}

/// Takes the first inline `<script>` of `<head>` that says `marker` out of it.
fn take_head_script(html: &mut String, marker: &str) -> Option<String> {
    let head_end = html.find("</head>").unwrap_or(html.len());
    let mut from = 0;
    while let Some((start, end)) = next_element(&html[..head_end], from, "<script>", "</script>") {
        if html[start..end].contains(marker) {
            let taken = html[start..end].to_owned();
            html.replace_range(start..end, "");
            return Some(taken);
        }
        from = end;
    }
    None
}

/// Takes Trunk's loader out of `<head>`: the `<link rel=modulepreload>` of the JS glue, the
/// `<link rel=preload>` of the wasm and the `<script type=module>` that starts the app.
fn take_app_loader(html: &mut String) -> String {
    let mut taken = String::new();
    let Some(head_end) = html.find("</head>") else {
        return taken;
    };
    let mut head = html[..head_end].to_owned();
    for (open, close) in [("<link", ">"), ("<script type=module", "</script>")] {
        let mut from = 0;
        while let Some((start, end)) = next_element(&head, from, open, close) {
            let tag = &head[start..end];
            let loader = open.starts_with("<script")
                || tag.contains("modulepreload")
                || (tag.contains("preload") && tag.contains(".wasm"));
            if loader {
                taken.push_str(tag);
                head.replace_range(start..end, "");
            } else {
                from = end;
            }
        }
    }
    html.replace_range(..head_end, &head);
    taken
}

/// Where `<meta name=NAME …>` stands in `html`, minified or not.
fn find_meta(html: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some((start, end)) = next_element(html, from, "<meta", ">") {
        let tag = &html[start..end];
        let named = [format!("name=\"{name}\""), format!("name='{name}'")]
            .iter()
            .any(|quoted| tag.contains(quoted.as_str()))
            || [" ", ">", "/"]
                .iter()
                .any(|after| tag.contains(&format!("name={name}{after}")));
        if named {
            return Some((start, end));
        }
        from = end;
    }
    None
}

/// Where the first element that starts with `open` and ends with `close`, at or after `from`,
/// stands in `html`.
fn next_element(html: &str, from: usize, open: &str, close: &str) -> Option<(usize, usize)> {
    let start = from + html[from..].find(open)?;
    let end = start + html[start..].find(close)? + close.len();
    Some((start, end))
}

/// The top of an article page (section, headline, subtitles) as `ArticlePage` draws it, for the
/// shell: its inline script fills in the text of an article it fetched early, before the wasm
/// has loaded (`index.html`), so the markup is the app's, not a copy.
pub fn article_head(mut answers: HashMap<String, serde_json::Value>) -> String {
    let placeholder = serde_json::json!({
        "id": "0", "section": {"slug": "0", "name": "-"}, "title": "-", "subtitles": ["-"],
        "byline": {"outlet": "-", "reporter": "-"}, "published_at": "2000-01-01T00:00:00+09:00",
        "body": [{"type": "paragraph", "text": "-"}],
    });
    answers.insert(news_front::api::client::paths::article("0"), placeholder);
    let page = render("/article/0", answers, None).body;
    let start = page.find(&format!(r#"<header class="{ARTICLE_HEADER_CLASS}">"#));
    let end = start.and_then(|start| page[start..].find("</header>").map(|end| start + end));
    match (start, end) {
        (Some(start), Some(end)) => page[start..end + "</header>".len()].to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_loader_moves_out_of_the_head() {
        let mut html = r#"<head><link href=/a.css rel=stylesheet><link crossorigin href=/app.js rel=modulepreload><link as=fetch href=/app_bg.wasm rel=preload><script type=module>import init from '/app.js';init('/app_bg.wasm')</script><script type="application/ld+json">{}</script></head><body></body>"#.to_owned();
        let loader = take_app_loader(&mut html);
        assert_eq!(
            html,
            r#"<head><link href=/a.css rel=stylesheet><script type="application/ld+json">{}</script></head><body></body>"#
        );
        assert_eq!(
            loader,
            r#"<link crossorigin href=/app.js rel=modulepreload><link as=fetch href=/app_bg.wasm rel=preload><script type=module>import init from '/app.js';init('/app_bg.wasm')</script>"#
        );
    }

    #[test]
    fn the_takeover_script_moves_out_of_the_head() {
        let mut html = r#"<head><script>theme()</script><script>console.error(`takeover: x`)</script><script type=module>init()</script></head><body><script>console.error(`takeover: y`)</script></body>"#.to_owned();
        let script = take_takeover_script(&mut html);
        assert_eq!(script, "<script>console.error(`takeover: x`)</script>");
        assert_eq!(
            html,
            "<head><script>theme()</script><script type=module>init()</script></head><body><script>console.error(`takeover: y`)</script></body>"
        );
        // Once it is out, nothing else in the head is taken.
        assert_eq!(take_takeover_script(&mut html), "");
    }

    #[test]
    fn a_prerendered_page_keeps_its_scripts_but_the_shells() {
        let mut html = r#"<head><script>theme()</script><script>takeOver()</script><script>fetch(document.querySelector('meta[name="news-api-base"]'))</script><script type=module>init()</script></head>"#.to_owned();
        drop_shell_script(&mut html);
        assert_eq!(
            html,
            "<head><script>theme()</script><script>takeOver()</script><script type=module>init()</script></head>"
        );
    }

    #[test]
    fn meta_tags_are_read_minified_or_not() {
        let template = Template::new(
            r#"<html><head><meta content=한가람일보 name=application-name><meta name="site-url" content="https://a.example/"><meta name=empty></head><body></body></html>"#
                .to_owned(),
        )
        .unwrap();
        assert_eq!(
            template.meta("application-name").as_deref(),
            Some("한가람일보")
        );
        assert_eq!(
            template.meta("site-url").as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(template.meta("news-api-base"), None);
        assert_eq!(template.meta("empty"), None);
        assert!(find_meta(&template.html, "empty").is_some());
    }

    #[test]
    fn a_search_record_is_the_articles_words_and_its_month_in_kst() {
        let article: Article = serde_json::from_value(serde_json::json!({
            "id": "7",
            "title": "<script>alert(1)</script> 도서관",
            "subtitles": ["밤 10시까지"],
            "section": {"slug": "society", "name": "사회<b>"},
            "byline": {"outlet": "한가람일보", "reporter": "김하늘"},
            "published_at": "2026-11-30T20:00:00Z",
            "body": [{"type": "paragraph", "text": "<img src=x onerror=alert(1)>"}],
            "tags": ["도서관"],
            "related": [{"id": "9", "title": "다른 기사의 제목"}],
        }))
        .unwrap();
        let record = search_record(article);
        // 20:00 UTC on the 30th is the 1st of December in Seoul.
        assert_eq!(record["month"], "2026-12");
        let html = record["html"].as_str().unwrap();
        assert!(
            html.starts_with(r#"<!DOCTYPE html><html lang="ko">"#),
            "{html}"
        );
        for shown in [
            "<h1>&lt;script&gt;alert(1)&lt;/script&gt; 도서관</h1>",
            r#"<p data-pagefind-meta="section">사회&lt;b&gt;</p>"#,
            "<p>밤 10시까지</p>",
            "김하늘",
            "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
            "#도서관",
            r#"data-pagefind-meta="published[datetime]""#,
        ] {
            assert!(html.contains(shown), "{shown} not in {html}");
        }
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            !html.contains("다른 기사의 제목"),
            "the lists of other articles stay out: {html}"
        );
    }

    /// Text as Leptos writes it into HTML.
    fn escaped(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// The rule of tolerant reading, through the app's own components: any JSON with an
        /// id, a title and one paragraph renders that title and paragraph, whatever else the
        /// article holds (messy fields, unreadable blocks, hostile text).
        #[test]
        fn an_id_a_title_and_a_paragraph_render(
            numeric in proptest::bool::ANY,
            title in "[가-힣a-z<>&]{1,3}( [가-힣a-z<>&\"']{0,20})?",
            paragraph in "[가-힣a-z<>&]{1,3}( [가-힣a-z<>&\"']{0,40})?",
            byline in proptest::prop_oneof![
                proptest::strategy::Just(serde_json::Value::Null),
                proptest::strategy::Just(serde_json::json!({"outlet": 3})),
                proptest::strategy::Just(serde_json::json!("기자")),
            ],
            published in proptest::prop_oneof![
                proptest::strategy::Just(serde_json::json!("2025-10-27 10:00:00")),
                proptest::strategy::Just(serde_json::json!("어제")),
                proptest::strategy::Just(serde_json::json!(20251027)),
            ],
        ) {
            let article = serde_json::json!({
                "id": if numeric { serde_json::json!(8) } else { serde_json::json!("8") },
                "title": title,
                "byline": byline,
                "published_at": published,
                "subtitles": ["", null, 1],
                "section": "경기",
                "body": [
                    {"type": "paragraph", "text": ""},
                    {"type": "image", "image": {"src": "/img/a.webp", "width": "넓게"}},
                    {"type": "paragraph", "text": paragraph},
                    {"type": "video"},
                ],
            });
            let model: Article = serde_json::from_value(article.clone()).unwrap();
            let answers = HashMap::from([("articles/8.json".to_owned(), article)]);
            let page = render("/article/8", answers, None);
            let heading = format!(">{}</h1>", escaped(&title));
            proptest::prop_assert!(page.body.contains(&heading), "{}", page.body);
            let text = format!("<p>{}</p>", escaped(&paragraph));
            proptest::prop_assert!(page.body.contains(&text), "{}", page.body);
            proptest::prop_assert!(!page.body.contains("error-notice"), "{}", page.body);
            // Its search record holds the same words, and a month only where the date reads.
            let record = search_record(model);
            let html = record["html"].as_str().unwrap();
            proptest::prop_assert!(html.contains(&heading), "{html}");
            proptest::prop_assert!(html.contains(&text), "{html}");
            let month = if published == "2025-10-27 10:00:00" { "2025-10" } else { "undated" };
            proptest::prop_assert_eq!(&record["month"], month);
        }
    }
}
