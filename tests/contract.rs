//! Native tests of the API contract: every demo file decodes against the models, and partial,
//! hostile or malformed JSON decodes the way the contract asks (or fails with a clear error).
#![cfg(not(target_arch = "wasm32"))]

use news_front::api::client::{decode, paths, status_error};
use news_front::api::models::*;
use news_front::api::ApiError;
use news_front::config::join_url;
use std::path::{Path, PathBuf};

fn api_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/api")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(api_dir().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn demo<T: serde::de::DeserializeOwned>(relative: &str) -> T {
    decode(&read(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn demo_site_has_sections_and_footer() {
    let site: Site = demo(paths::SITE);
    assert!(site.sections.len() >= 6, "{} sections", site.sections.len());
    let footer = site.footer.expect("the demo footer");
    assert!(!footer.publisher.is_empty());
    assert!(footer.copyright.is_some_and(|text| !text.is_empty()));
    // What the law asks a Korean internet newspaper to show, and the policies it links to.
    for (field, value) in [
        ("registration", &footer.registration),
        ("registered_on", &footer.registered_on),
        ("issuer", &footer.issuer),
        ("editor", &footer.editor),
        ("youth_officer", &footer.youth_officer),
        ("address", &footer.address),
        ("phone", &footer.phone),
    ] {
        assert!(value.as_ref().is_some_and(|v| !v.is_empty()), "{field}");
    }
    let titles: Vec<&str> = footer.policies.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        ["청소년보호정책", "개인정보처리방침", "이메일무단수집거부"]
    );
    for policy in &footer.policies {
        let text: Policy = demo(&paths::policy(&policy.slug));
        assert_eq!(text.title, policy.title);
        assert!(!text.body.is_empty());
    }
}

#[test]
fn demo_weather_has_17_cities_one_without_sky() {
    let weather: Weather = demo(paths::WEATHER);
    assert_eq!(weather.cities.len(), 17);
    assert_eq!(weather.cities.iter().filter(|c| c.sky.is_none()).count(), 1);
    assert!(weather.cities.iter().all(|c| c.sky != Some(Sky::Unknown)));
    assert_eq!(weather.provider.as_deref(), Some("기상청"));
}

#[test]
fn every_demo_file_decodes_and_every_link_resolves() {
    let site: Site = demo(paths::SITE);
    let home: Home = demo(paths::HOME);
    let most_viewed: MostViewed = demo(paths::MOST_VIEWED);
    let photos: PhotoNews = demo(paths::PHOTO_NEWS);
    let tv: SnsTv = demo(paths::SNS_TV);
    let banners: Banners = demo(paths::BANNERS);

    // Every summary anywhere points at an article file that exists and decodes.
    let mut ids: Vec<String> = home.lead.iter().map(|s| s.id.clone()).collect();
    ids.extend(
        home.sections
            .iter()
            .flat_map(|b| b.articles.iter().map(|s| s.id.clone())),
    );
    ids.extend(
        most_viewed
            .periods
            .iter()
            .flat_map(|p| p.articles.iter().map(|s| s.id.clone())),
    );
    ids.extend(photos.items.iter().filter_map(|p| p.article_id.clone()));

    let mut sections_with_pages = 0;
    for section in &site.sections {
        let first: SectionPage = demo(&paths::section_page(&section.slug, 1));
        assert_eq!(first.section.slug, section.slug);
        for page in 1..=first.total_pages {
            let listing: SectionPage = demo(&paths::section_page(&section.slug, page));
            assert_eq!(listing.page, page);
            ids.extend(listing.articles.iter().map(|s| s.id.clone()));
        }
        if first.total_pages >= 2 {
            sections_with_pages += 1;
        }
    }
    assert!(
        sections_with_pages >= 3,
        "{sections_with_pages} sections have 2+ pages"
    );

    ids.sort();
    ids.dedup();
    for id in &ids {
        let article: Article = demo(&paths::article(id));
        assert_eq!(&article.id, id);
        for related in &article.related {
            let _: Article = demo(&paths::article(&related.id));
        }
    }

    assert_eq!(most_viewed.periods.len(), 2);
    assert!(most_viewed.periods.iter().all(|p| p.articles.len() == 10));
    assert!(photos.items.len() >= 6);
    assert!(tv.items.len() >= 4);
    for slot in ["top", "header_side", "article_bottom", "sidebar", "footer"] {
        assert!(!banners.slots[slot].0.is_empty(), "banner slot {slot}");
    }
}

/// Every tag of every demo article has its keyword pages (`docs/api-extensions.md`), newest
/// first, listing that article; the files are named by the decoded keyword, as a web server
/// looks them up.
#[test]
fn every_demo_tag_has_pages_that_list_its_articles() {
    let mut with_pages = 0;
    let mut tags = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(api_dir().join("articles")).unwrap() {
        let article: Article =
            decode(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        for tag in &article.tags {
            tags.insert(tag.clone());
            let first: TagPage = demo(&format!("tags/{tag}/1.json"));
            let mut listed = Vec::new();
            for page in 1..=first.total_pages {
                let listing: TagPage = demo(&format!("tags/{tag}/{page}.json"));
                assert_eq!((&listing.tag, listing.page), (tag, page));
                listed.extend(listing.articles);
            }
            assert!(
                listed.iter().any(|summary| summary.id == article.id),
                "{tag}"
            );
            let times: Vec<_> = listed.iter().map(|s| s.published_at.clone()).collect();
            assert!(
                times.windows(2).all(|w| w[0] >= w[1]),
                "{tag}: newest first"
            );
            if first.total_pages >= 2 {
                with_pages += 1;
            }
        }
    }
    assert!(with_pages >= 1, "a demo tag has 2+ pages");
    assert!(
        tags.iter().any(|tag| tag.contains(' ')),
        "a demo tag has a space"
    );
    assert_eq!(
        paths::tag_page("수도권 교통", 2),
        "tags/%EC%88%98%EB%8F%84%EA%B6%8C%20%EA%B5%90%ED%86%B5/2.json"
    );
    assert_eq!(paths::tag_page("../site", 1), "tags/..%2Fsite/1.json");
}

#[test]
fn demo_articles_use_every_block_type() {
    let mut articles = Vec::new();
    for entry in std::fs::read_dir(api_dir().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let article: Article = decode(&std::fs::read_to_string(&path).unwrap()).unwrap();
        articles.push(article);
    }
    assert!(articles.len() >= 12, "{} articles", articles.len());
    let blocks: Vec<&Block> = articles.iter().flat_map(|a| &a.body).collect();
    assert!(blocks.iter().any(|b| matches!(b, Block::Paragraph { .. })));
    assert!(blocks.iter().any(|b| matches!(b, Block::Heading { .. })));
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Quote { cite: Some(_), .. })));
    assert!(blocks.iter().any(|b| matches!(
        b,
        Block::Image {
            caption: Some(_),
            ..
        }
    )));
    assert!(blocks.iter().any(|b| matches!(b, Block::List { .. })));
    assert!(!blocks.iter().any(|b| matches!(b, Block::Unknown)));
    let with_photos = articles
        .iter()
        .filter(|a| a.body.iter().any(|b| matches!(b, Block::Image { .. })))
        .count();
    assert!(with_photos >= 5, "{with_photos} articles with photos");
}

#[test]
fn demo_images_exist_on_disk() {
    let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let mut checked = 0;
    for file in [
        "photo-news.json",
        "sns-tv.json",
        "banners.json",
        "home.json",
    ] {
        let text = read(file);
        for src in text.split("\"src\": \"").skip(1) {
            let src = &src[..src.find('"').unwrap()];
            assert!(
                public.join(src.trim_start_matches('/')).is_file(),
                "{file}: missing {src}"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} image paths checked");
}

const MINIMAL_ARTICLE: &str = r#"{
    "id": "1", "title": "제목", "byline": {"outlet": "신문", "reporter": "기자"},
    "published_at": "2025-10-27T18:20:00+09:00", "body": [{"type": "paragraph", "text": "문단"}]
}"#;

#[test]
fn missing_and_null_optionals_decode() {
    let article: Article = decode(MINIMAL_ARTICLE).unwrap();
    assert!(article.section.is_none() && article.updated_at.is_none());
    assert!(article.subtitles.is_empty() && article.tags.is_empty() && article.related.is_empty());
    assert!(article.reporter_articles.is_empty());
    assert!(article.byline.expect("a byline").email.is_none());

    let with_nulls: Article = decode(
        r#"{"id": "1", "title": "t", "byline": {"outlet": "o", "reporter": "r", "email": null},
            "published_at": "2025-10-27T18:20:00+09:00", "updated_at": null, "section": null,
            "subtitles": null, "tags": null, "related": null,
            "body": [{"type": "paragraph", "text": "문단"}] }"#,
    )
    .unwrap();
    let email = with_nulls.byline.expect("a byline").email;
    assert!(email.is_none() && with_nulls.tags.is_empty());
}

#[test]
fn unknown_fields_blocks_and_sky_do_not_fail() {
    let article: Article = decode(
        r#"{"id": "1", "title": "t", "byline": {"outlet": "o", "reporter": "r"},
            "published_at": "2025-10-27T18:20:00+09:00", "brand_new_field": {"x": 1},
            "body": [
              {"type": "paragraph", "text": "첫 문단"},
              {"type": "video", "url": "https://v.example/1", "text": "?"},
              {"type": "paragraph"},
              {"type": "heading", "text": "소제목", "level": 3},
              "not even an object",
              {"type": "list", "items": ["하나", 2, "셋"]}
            ]}"#,
    )
    .unwrap();
    assert_eq!(
        article.body,
        vec![
            Block::Paragraph {
                text: "첫 문단".into(),
                runs: Vec::new(),
            },
            Block::Unknown,
            Block::Heading {
                text: "소제목".into()
            },
            Block::List {
                // A number where the contract has text is read as its digits.
                items: vec!["하나".into(), "2".into(), "셋".into()]
            },
        ]
    );

    let weather: Weather = decode(
        r#"{"date": "2025-10-27", "cities": [
              {"name": "서울", "sky": "clear", "temp_c": 16.5},
              {"name": "독도", "sky": "volcanic_ash", "temp_c": 12},
              {"name": "백령도", "temp_c": -1.5},
              {"name": "오류", "sky": "rain"}
            ]}"#,
    )
    .unwrap();
    let skies: Vec<Option<Sky>> = weather.cities.iter().map(|c| c.sky).collect();
    assert_eq!(skies, vec![Some(Sky::Clear), Some(Sky::Unknown), None]);
}

#[test]
fn hostile_text_stays_text() {
    let article: Article = decode(
        r#"{"id": "1", "title": "<script>alert(1)</script>",
            "byline": {"outlet": "<b>o</b>", "reporter": "r"},
            "published_at": "2025-10-27T18:20:00+09:00",
            "body": [{"type": "paragraph", "text": "<img src=x onerror=alert(1)>"}]}"#,
    )
    .unwrap();
    assert_eq!(article.title, "<script>alert(1)</script>");
    assert_eq!(
        article.body[0],
        Block::Paragraph {
            text: "<img src=x onerror=alert(1)>".into(),
            runs: Vec::new(),
        }
    );
}

#[test]
fn paragraph_runs_are_read_only_when_they_are_the_paragraph_and_links_are_safe() {
    let paragraph = |runs: &str| -> Block {
        let json = format!(
            r#"{{"id": "1", "title": "t", "published_at": "2025-10-27T18:20:00+09:00",
                "body": [{{"type": "paragraph", "text": "시는 올해 처음으로 개방", "runs": {runs}}}]}}"#
        );
        decode::<Article>(&json).unwrap().body.remove(0)
    };
    let run = |text: &str, bold, italic, href: Option<&str>| Run {
        text: text.into(),
        bold,
        italic,
        href: href.map(Into::into),
    };
    // Marks and a site link, as the WordPress import writes them.
    let Block::Paragraph { runs, .. } = paragraph(
        r#"[{"text": "시는 "}, {"text": "올해 처음", "bold": true, "italic": true},
            {"text": "으로 "}, {"text": "개방", "href": "/article/7"}]"#,
    ) else {
        panic!("not a paragraph")
    };
    assert_eq!(
        runs,
        [
            run("시는 ", false, false, None),
            run("올해 처음", true, true, None),
            run("으로 ", false, false, None),
            run("개방", false, false, Some("/article/7")),
        ]
    );
    // A link the contract does not allow loses its address, never its words.
    for hostile in [
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        " https://a",
    ] {
        let Block::Paragraph { runs, .. } = paragraph(&format!(
            r#"[{{"text": "시는 올해 처음으로 "}}, {{"text": "개방", "href": {}}}]"#,
            serde_json::to_string(hostile).unwrap()
        )) else {
            panic!("not a paragraph")
        };
        assert_eq!(runs[1], run("개방", false, false, None), "{hostile}");
    }
    // Runs that are not the paragraph's text, or out of shape, are left out: the text shows.
    for odd in [
        r#"[{"text": "시는 올해 처음으로 개방"}, {"text": "<script>"}]"#,
        r#"[{"text": "다른 말"}]"#,
        r#"[{"bold": true}]"#,
        r#""<b>시는</b>""#,
        r#"[{"text": 5}]"#,
        "null",
    ] {
        assert_eq!(
            paragraph(odd),
            Block::Paragraph {
                text: "시는 올해 처음으로 개방".into(),
                runs: Vec::new(),
            },
            "{odd}"
        );
    }
}

#[test]
fn wrong_types_give_a_clear_decode_error() {
    let cases = [
        (r#"{"id": 1065, "title": "t"}"#, "missing field `body`"),
        (
            r#"{"id": [1065], "title": "t"}"#,
            "expected non-blank text, got a list",
        ),
        (r#"{"name": "n", "sections": "정치", "footer": {}}"#, ""),
        ("<!DOCTYPE html><html></html>", "expected value"),
        ("", "EOF"),
        (r#"{"id": "1", "title": "#, "EOF"),
    ];
    for (body, expected) in cases {
        match decode::<Article>(body) {
            Err(ApiError::Decode(message)) => {
                assert!(message.contains(expected), "{body:?}: {message}")
            }
            other => panic!("{body:?} decoded as {other:?}"),
        }
    }
    // A required top-level field of the wrong type fails the response, saying what was wrong.
    match decode::<Site>(r#"{"name": 3.5e400, "sections": [], "footer": 3}"#) {
        Err(ApiError::Decode(message)) => {
            assert!(message.contains("number out of range"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    match decode::<Site>(r#"{"name": {"ko": "한가람"}, "sections": []}"#) {
        Err(ApiError::Decode(message)) => {
            assert!(
                message.contains("expected non-blank text, got an object"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn statuses_map_to_errors() {
    assert_eq!(status_error(200), None);
    assert_eq!(status_error(204), None);
    assert_eq!(status_error(404), Some(ApiError::NotFound));
    assert_eq!(status_error(500), Some(ApiError::Http(500)));
    assert_eq!(status_error(503), Some(ApiError::Http(503)));
    for error in [
        ApiError::NotFound,
        ApiError::Http(500),
        ApiError::Decode("x".into()),
        ApiError::Network,
        ApiError::Timeout,
    ] {
        let message = error.korean_message();
        assert!(
            message.chars().any(|c| ('가'..='힣').contains(&c)),
            "{message}"
        );
        assert!(
            !message.contains('x') || matches!(error, ApiError::Http(_)),
            "{message}"
        );
    }
}

#[test]
fn endpoint_paths_stay_under_the_base() {
    assert_eq!(paths::article("1065"), "articles/1065.json");
    assert_eq!(paths::article("../site"), "articles/..%2Fsite.json");
    assert_eq!(paths::article("a/../../b"), "articles/a%2F..%2F..%2Fb.json");
    assert_eq!(
        paths::section_page("gyeonggi", 2),
        "sections/gyeonggi/2.json"
    );
    assert_eq!(
        paths::section_page("경기", 1),
        "sections/%EA%B2%BD%EA%B8%B0/1.json"
    );
    assert_eq!(join_url("/api", "site.json"), "/api/site.json");
    assert_eq!(
        join_url("https://cms.example/news/", "/site.json"),
        "https://cms.example/news/site.json"
    );
}
