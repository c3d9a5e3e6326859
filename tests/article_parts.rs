//! Components mounted in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! what a reader gets in the DOM for each kind of content, hostile text included.
#![cfg(target_arch = "wasm32")]
// Test helpers: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use leptos::prelude::*;
use news_front::api::models::{self, Block, Image, SrcsetEntry};
use news_front::api::ApiError;
use news_front::components::article_body::ArticleBody;
use news_front::components::byline::Byline;
use news_front::components::error_notice::ErrorNotice;
use news_front::components::picture::Picture;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;
use support::{attr, mount, texts};

wasm_bindgen_test_configure!(run_in_browser);

fn photo(src: &str) -> Image {
    Image {
        src: src.into(),
        alt: "다리 사진".into(),
        width: Some(1200),
        height: Some(800),
        srcset: vec![
            SrcsetEntry {
                src: "/img/a-640.webp".into(),
                width: 640,
            },
            SrcsetEntry {
                src: "/img/a-1200.webp".into(),
                width: 1200,
            },
        ],
    }
}

#[wasm_bindgen_test]
fn article_body_renders_every_block_type_in_order() {
    let blocks = vec![
        Block::Paragraph {
            text: "첫 문단입니다.".into(),
            runs: Vec::new(),
        },
        Block::Heading {
            text: "소제목".into(),
        },
        Block::Quote {
            text: "인용문".into(),
            cite: Some("시민".into()),
        },
        Block::Image {
            image: photo("/img/a-1200.webp"),
            caption: Some("사진 설명".into()),
        },
        Block::List {
            items: vec!["하나".into(), "둘".into()],
        },
        Block::Unknown,
        Block::Paragraph {
            text: "끝 문단.".into(),
            runs: Vec::new(),
        },
    ];
    let root = mount(move || view! { <ArticleBody blocks=blocks/> });

    let body = root.query_selector(".article-body").unwrap().unwrap();
    let tags: Vec<String> = (0..body.children().length())
        .map(|i| body.children().item(i).unwrap().tag_name().to_lowercase())
        .collect();
    assert_eq!(tags, ["p", "h2", "figure", "figure", "ul", "p"]);
    assert_eq!(
        texts(&root, ".article-body > p"),
        ["첫 문단입니다.", "끝 문단."]
    );
    assert_eq!(texts(&root, "h2"), ["소제목"]);
    assert_eq!(texts(&root, "blockquote"), ["인용문"]);
    assert_eq!(texts(&root, "cite"), ["시민"]);
    assert_eq!(
        texts(&root, ".article-body__photo figcaption"),
        ["사진 설명"]
    );
    assert_eq!(texts(&root, "li"), ["하나", "둘"]);
    assert_eq!(attr(&root, "img", "alt").as_deref(), Some("다리 사진"));
    assert_eq!(attr(&root, "img", "width").as_deref(), Some("1200"));
    assert_eq!(attr(&root, "img", "height").as_deref(), Some("800"));
    assert_eq!(
        attr(&root, "img", "srcset").as_deref(),
        Some("/img/a-640.webp 640w, /img/a-1200.webp 1200w")
    );
    assert_eq!(attr(&root, "img", "loading").as_deref(), Some("lazy"));
}

#[wasm_bindgen_test]
fn html_in_api_text_is_shown_as_text() {
    let hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";
    let blocks = vec![
        Block::Paragraph {
            text: hostile.into(),
            runs: Vec::new(),
        },
        Block::Quote {
            text: hostile.into(),
            cite: Some("<b>굵게</b>".into()),
        },
        Block::List {
            items: vec![hostile.into()],
        },
    ];
    let root = mount(move || view! { <ArticleBody blocks=blocks/> });

    assert_eq!(texts(&root, ".article-body > p"), [hostile]);
    assert_eq!(texts(&root, "cite"), ["<b>굵게</b>"]);
    assert_eq!(root.query_selector_all("script").unwrap().length(), 0);
    assert_eq!(root.query_selector_all("img").unwrap().length(), 0);
    assert_eq!(root.query_selector_all("b").unwrap().length(), 0);
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn a_paragraphs_runs_show_bold_italic_and_links_as_elements_with_their_text() {
    let run = |text: &str, bold, italic, href: Option<&str>| models::Run {
        text: text.into(),
        bold,
        italic,
        href: href.map(Into::into),
    };
    let blocks = vec![Block::Paragraph {
        text: "시는 <b>올해</b> 처음으로 개방".into(),
        runs: vec![
            run("시는 ", false, false, None),
            run("<b>올해</b>", true, false, None),
            run(" 처음", false, true, None),
            run("으로 ", true, true, Some("https://news.example/a")),
            run("개방", false, false, Some("/article/7")),
        ],
    }];
    let root = mount(move || view! { <ArticleBody blocks=blocks/> });

    assert_eq!(
        texts(&root, ".article-body > p"),
        ["시는 <b>올해</b> 처음으로 개방"]
    );
    assert_eq!(texts(&root, "p > strong"), ["<b>올해</b>"]);
    assert_eq!(texts(&root, "p > em"), [" 처음"]);
    assert_eq!(texts(&root, "p > a > strong > em"), ["으로 "]);
    assert_eq!(texts(&root, "p > a"), ["으로 ", "개방"]);
    let links = root.query_selector_all("p > a").unwrap();
    let href = |i| {
        links
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap()
            .get_attribute("href")
    };
    assert_eq!(href(0).as_deref(), Some("https://news.example/a"));
    assert_eq!(href(1).as_deref(), Some("/article/7"));
    assert_eq!(root.query_selector_all("b").unwrap().length(), 0);
}

#[wasm_bindgen_test]
fn images_with_unsafe_sources_are_dropped() {
    let root = mount(|| {
        view! {
            <Picture image=photo("javascript:alert(1)")/>
            <Picture image=Image { srcset: vec![], ..photo("data:image/svg+xml,<svg onload=alert(1)>") }/>
            <Picture image=photo("//evil.example/x.webp")/>
            <Picture image=photo("/img/lead.webp") priority=true sizes="100vw"/>
            <Picture image=photo("/img/next.webp") eager=true/>
        }
    });
    let images = root.query_selector_all("img").unwrap();
    assert_eq!(images.length(), 2);
    // The lead image: loaded first of all.
    assert_eq!(attr(&root, "img", "src").as_deref(), Some("/img/lead.webp"));
    assert_eq!(attr(&root, "img", "loading").as_deref(), Some("eager"));
    assert_eq!(attr(&root, "img", "fetchpriority").as_deref(), Some("high"));
    assert_eq!(attr(&root, "img", "sizes").as_deref(), Some("100vw"));
    // An eager one (a carousel neighbour): loaded now, but without jumping the queue.
    let next = "img[src='/img/next.webp']";
    assert_eq!(attr(&root, next, "loading").as_deref(), Some("eager"));
    assert_eq!(attr(&root, next, "fetchpriority"), None);
    assert_eq!(
        attr(&root, next, "sizes"),
        None,
        "no sizes attribute when none is given"
    );
}

#[wasm_bindgen_test]
fn byline_shows_reporter_mailto_and_kst_times() {
    let byline = models::Byline {
        outlet: Some("한가람일보".into()),
        reporter: Some("강예린".into()),
        email: Some("yerin.kang@hangaram.example".into()),
        reporter_slug: Some("yerin-kang".into()),
    };
    let root = mount(move || {
        view! {
            <Byline
                byline=Some(byline)
                published_at=Some("2025-10-27T09:20:00Z".to_string())
                updated_at=Some("2025-10-27T19:05:00+09:00".to_string())
            />
        }
    });
    assert_eq!(texts(&root, ".byline__outlet"), ["한가람일보"]);
    assert_eq!(texts(&root, ".byline__reporter"), ["강예린 기자"]);
    assert_eq!(
        attr(&root, ".byline__reporter a", "href").as_deref(),
        Some("/reporter/yerin-kang")
    );
    assert_eq!(
        attr(&root, ".byline__email", "href").as_deref(),
        Some("mailto:yerin.kang@hangaram.example")
    );
    assert_eq!(
        texts(&root, "time"),
        ["2025.10.27 18:20", "2025.10.27 19:05"]
    );
    assert_eq!(
        texts(&root, ".byline__time"),
        ["입력 2025.10.27 18:20", "수정 2025.10.27 19:05"]
    );
}

#[wasm_bindgen_test]
fn byline_drops_a_hostile_email() {
    let byline = models::Byline {
        outlet: Some("o".into()),
        reporter: Some("r".into()),
        email: Some("javascript:alert(1)//@x.example".into()),
        reporter_slug: Some("../../x\"onclick=alert(1)".into()),
    };
    let root = mount(move || {
        view! {
            <Byline byline=Some(byline) published_at=Some("bad date".to_string()) updated_at=None/>
        }
    });
    assert_eq!(root.query_selector_all("a").unwrap().length(), 0);
    assert_eq!(root.query_selector_all("time").unwrap().length(), 0);
}

#[wasm_bindgen_test]
fn error_notice_speaks_korean_and_retries() {
    let retries = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&retries);
    let root = mount(move || {
        view! {
            <ErrorNotice
                error=ApiError::Http(500)
                what="기사"
                on_retry=move || { counter.fetch_add(1, Ordering::SeqCst); }
            />
        }
    });
    assert_eq!(
        attr(&root, ".error-notice", "role").as_deref(),
        Some("alert")
    );
    let message = texts(&root, ".error-notice__message").join("");
    assert!(message.starts_with("기사: 서버에 문제가 생겨"), "{message}");
    assert!(message.contains("500"), "{message}");
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("다시 시도"));
    button.click();
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 2);
}
