//! Tolerant reading (`docs/api-extensions.md`, "Tolerant reading"): one test per variant real
//! CMSs send, and the rule's edge: what still makes an article unreadable.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use news_front::api::client::decode;
use news_front::api::models::*;
use news_front::api::ApiError;
use serde_json::{json, Value};

/// The seed's real article as a Korean CMS exports it (numbers for ids, no byline, times
/// without offset, an image without size, empty strings).
fn messy() -> Value {
    serde_json::from_str(include_str!("fixtures/messy-article.json")).unwrap()
}

fn article(value: &Value) -> Article {
    decode::<Article>(&value.to_string()).unwrap()
}

fn plain() -> Value {
    json!({
        "id": "1", "title": "제목", "byline": {"outlet": "신문", "reporter": "기자"},
        "published_at": "2026-11-24T09:10:00+09:00",
        "body": [{"type": "paragraph", "text": "문단"}]
    })
}

fn with(field: &str, value: Value) -> Value {
    let mut article = plain();
    article[field] = value;
    article
}

#[test]
fn the_messy_article_is_read_with_everything_that_can_be_read() {
    let read = article(&messy());
    assert_eq!(read.id, "8");
    assert_eq!(
        read.title,
        "고양연구원 '고양 바이오 클러스터 추진 킥오프 회의' 개최"
    );
    assert_eq!(read.byline, None);
    assert_eq!(
        read.published_at.as_deref(),
        Some("2025-10-27T10:00:00+09:00")
    );
    assert_eq!(
        read.updated_at.as_deref(),
        Some("2025-10-27T15:30:00+09:00")
    );
    assert_eq!(read.subtitles, ["시·연구기관·기업 30여 곳 참여", "2026"]);
    assert_eq!(read.tags, ["고양", "바이오"]);
    // The empty paragraph is not a block; the other six are.
    assert_eq!(read.body.len(), 6);
    let Block::Image { image, .. } = &read.body[1] else {
        panic!("{:?}", read.body[1])
    };
    assert_eq!((image.width, image.height), (None, None));
    let Block::Quote { cite, .. } = &read.body[3] else {
        panic!("{:?}", read.body[3])
    };
    assert_eq!(cite, &None);
    let Block::List { items } = &read.body[4] else {
        panic!("{:?}", read.body[4])
    };
    assert_eq!(items, &["1단계: 기업 수요 조사", "2단계: 부지 검토"]);
    // The related entry with a numeric id stays; the one with a blank id goes.
    assert_eq!(read.related.len(), 1);
    assert_eq!(read.related[0].id, "1065");
    assert_eq!(
        read.related[0].published_at.as_deref(),
        Some("2025-10-26T09:00:00+09:00")
    );
}

#[test]
fn a_numeric_id_is_read_as_its_digits() {
    assert_eq!(article(&with("id", json!(8))).id, "8");
    assert_eq!(
        article(&with("id", json!(1_234_567_890_123_u64))).id,
        "1234567890123"
    );
}

#[test]
fn a_null_or_empty_byline_is_no_byline_and_a_half_byline_shows_its_half() {
    assert_eq!(article(&with("byline", Value::Null)).byline, None);
    assert_eq!(article(&with("byline", json!({}))).byline, None);
    assert_eq!(
        article(&with("byline", json!({"outlet": "", "reporter": " "}))).byline,
        None
    );
    assert_eq!(article(&with("byline", json!("연합뉴스"))).byline, None);
    let half = article(&with(
        "byline",
        json!({"outlet": "연합뉴스", "reporter": null}),
    ));
    let byline = half.byline.unwrap();
    assert_eq!(
        (byline.outlet.as_deref(), byline.reporter),
        (Some("연합뉴스"), None)
    );
}

#[test]
fn times_without_an_offset_are_kst_and_unreadable_ones_are_left_out() {
    let at = |value: Value| article(&with("published_at", value)).published_at;
    assert_eq!(
        at(json!("2025-10-27 10:00:00")).as_deref(),
        Some("2025-10-27T10:00:00+09:00")
    );
    assert_eq!(
        at(json!("2025.10.27 10:00")).as_deref(),
        Some("2025-10-27T10:00:00+09:00")
    );
    assert_eq!(
        at(json!("2025-10-27T01:00:00Z")).as_deref(),
        Some("2025-10-27T01:00:00Z")
    );
    assert_eq!(at(json!("어제")), None);
    assert_eq!(at(json!("")), None);
    assert_eq!(at(json!(1_761_526_800)), None);
    assert_eq!(at(Value::Null), None);
}

#[test]
fn empty_strings_are_absent() {
    let read = article(&json!({
        "id": "1", "title": "제목", "subtitles": ["", "  "], "tags": [""],
        "body": [{"type": "paragraph", "text": ""}, {"type": "paragraph", "text": "문단"},
                 {"type": "heading", "text": " "}, {"type": "quote", "text": "인용", "cite": ""}],
        "section": {"slug": "", "name": "경기"}
    }));
    assert!(read.subtitles.is_empty() && read.tags.is_empty());
    assert_eq!(read.section, None);
    assert_eq!(
        read.body,
        [
            Block::Paragraph {
                text: "문단".into(),
                runs: Vec::new(),
            },
            Block::Quote {
                text: "인용".into(),
                cite: None
            }
        ]
    );
}

#[test]
fn images_without_a_size_stay_and_sizes_as_strings_are_numbers() {
    let image = |value: Value| serde_json::from_value::<Image>(value).unwrap();
    let bare = image(json!({"src": "/a.webp"}));
    assert_eq!(
        (bare.width, bare.height, bare.alt.as_str()),
        (None, None, "")
    );
    let strings = image(json!({"src": "/a.webp", "width": "1200", "height": " 800 ", "alt": 3}));
    assert_eq!(
        (strings.width, strings.height, strings.alt.as_str()),
        (Some(1200), Some(800), "3")
    );
    let odd = image(json!({"src": "/a.webp", "width": -1, "height": "넓게"}));
    assert_eq!((odd.width, odd.height), (None, None));
}

#[test]
fn numbers_as_strings_on_every_endpoint() {
    let page: SectionPage = decode(
        &json!({"section": {"slug": "gyeonggi", "name": "경기"}, "page": "2", "total_pages": "7",
                "articles": [{"id": 5, "title": "기사"}, {"id": "6", "title": ""}]})
        .to_string(),
    )
    .unwrap();
    assert_eq!((page.page, page.total_pages), (2, 7));
    assert_eq!(page.articles.len(), 1);
    assert_eq!(page.articles[0].id, "5");

    let weather: Weather = decode(
        &json!({"date": "2025-10-27", "cities": [
            {"name": "서울", "temp_c": "16.5"}, {"name": "부산", "temp_c": "18℃"},
            {"name": "대구", "temp_c": "따뜻함"}, {"name": "", "temp_c": 3}]})
        .to_string(),
    )
    .unwrap();
    let temps: Vec<(String, f64)> = weather
        .cities
        .into_iter()
        .map(|c| (c.name, c.temp_c))
        .collect();
    assert_eq!(
        temps,
        [("서울".to_owned(), 16.5), ("부산".to_owned(), 18.0)]
    );

    let tv: SnsTv = decode(
        &json!({"items": [{"title": "영상", "url": "https://v.example/1", "duration_s": "95",
                 "thumbnail": {"src": "/t.webp"}}]})
        .to_string(),
    )
    .unwrap();
    assert_eq!(tv.items[0].duration_s, Some(95));

    let photos: PhotoNews = decode(
        &json!({"items": [{"article_id": 1065, "title": "사진", "image": {"src": "/p.webp"}}]})
            .to_string(),
    )
    .unwrap();
    assert_eq!(photos.items[0].article_id.as_deref(), Some("1065"));
}

#[test]
fn a_site_without_a_readable_footer_keeps_its_menu() {
    let site: Site = decode(
        &json!({"name": "한가람일보", "sections": [{"slug": "gyeonggi", "name": "경기"}],
                "footer": {"copyright": "ⓒ"}})
        .to_string(),
    )
    .unwrap();
    assert_eq!(site.sections.len(), 1);
    assert_eq!(site.footer, None);
}

#[test]
fn an_article_is_unreadable_only_without_id_title_or_a_readable_block() {
    let unreadable = |value: Value| {
        matches!(
            decode::<Article>(&value.to_string()),
            Err(ApiError::Decode(_))
        )
    };
    assert!(unreadable(with("id", Value::Null)));
    assert!(unreadable(with("id", json!(""))));
    assert!(unreadable(with("title", json!("  "))));
    assert!(unreadable(with("title", Value::Null)));
    assert!(unreadable(with("body", json!([]))));
    assert!(unreadable(with(
        "body",
        json!([{"type": "paragraph", "text": ""}, {"type": "video"}])
    )));
    // Everything else can go and the article stays.
    let mut bare =
        json!({"id": 1, "title": "제목", "body": [{"type": "paragraph", "text": "문단"}]});
    assert_eq!(article(&bare).title, "제목");
    for (key, value) in [
        ("section", json!(3)),
        ("subtitles", json!("부제")),
        ("byline", json!([])),
        ("published_at", json!({})),
        ("tags", json!(7)),
        ("related", json!("없음")),
    ] {
        bare[key] = value;
        assert!(!unreadable(bare.clone()), "{key}");
    }
}

#[test]
fn a_document_without_the_list_it_is_for_is_an_error_not_an_empty_box() {
    let wrong_shape = r#"{"items": 5, "title": []}"#;
    assert!(decode::<Weather>(wrong_shape).is_err());
    assert!(decode::<MostViewed>(wrong_shape).is_err());
    assert!(decode::<Home>(wrong_shape).is_err());
    assert!(decode::<PhotoNews>(wrong_shape).is_err());
    assert!(decode::<SnsTv>(wrong_shape).is_err());
    // An empty list is a list: nothing to show, but nothing wrong either.
    assert!(decode::<PhotoNews>(r#"{"items": []}"#)
        .unwrap()
        .items
        .is_empty());
    assert!(decode::<Weather>(r#"{"cities": [{"name": 3}]}"#)
        .unwrap()
        .cities
        .is_empty());
}

/// `banners.json` with ad networks' units (`docs/api-extensions.md`): a unit reads with its
/// network, id and size; one that cannot be drawn safely is dropped alone, and the paper's own
/// banners beside it stay.
#[test]
fn network_units_read_and_unsafe_ones_are_dropped() {
    let banners = decode::<Banners>(
        &json!({"slots": {"sidebar": [
            {"network": "adfit", "unit": "DAN-abc123", "size": [300, 250], "label": "카카오 광고"},
            {"network": "gpt", "unit": "/1234/news/top", "size": ["728", 90], "phone_size": [320, 100]},
            {"network": "adsense", "unit": "987", "account": "ca-pub-1", "size": [336, 280], "phone_size": "big"},
            {"network": "AdFit", "unit": "x", "size": [300, 250]},
            {"network": "x\"><script>", "unit": "x", "size": [300, 250]},
            {"network": "adfit", "unit": "two words", "size": [300, 250]},
            {"network": "adfit", "unit": "u", "size": [300, 0]},
            {"network": "adfit", "unit": "u", "size": [5000, 250]},
            {"network": "adfit", "unit": "u", "size": [300]},
            {"network": "adfit", "unit": "u"},
            {"image": {"src": "/img/ad/a.webp", "width": 300, "height": 250}, "href": "https://ad.example/"}
        ]}})
        .to_string(),
    )
    .unwrap();
    let ads = &banners.slots["sidebar"].0;
    let units: Vec<&NetworkAd> = ads
        .iter()
        .filter_map(|ad| match ad {
            Ad::Network(unit) => Some(unit),
            Ad::House(_) => None,
        })
        .collect();
    assert_eq!(ads.len(), 3, "{ads:#?}");
    // The number that came as text does not read ("728"): that unit is dropped too.
    assert_eq!(
        units.iter().map(|u| u.network.as_str()).collect::<Vec<_>>(),
        ["adfit", "adsense"]
    );
    assert_eq!(
        units[0].size,
        AdSize {
            width: 300,
            height: 250
        }
    );
    assert_eq!(units[0].label.as_deref(), Some("카카오 광고"));
    // An unreadable phone size leaves the unit with its one size.
    assert_eq!(units[1].phone_size, None);
    assert_eq!(units[1].account.as_deref(), Some("ca-pub-1"));
    assert!(matches!(ads[2], Ad::House(_)));
}

/// The slot document's fragment: every part encoded, so a unit id cannot add a parameter.
#[test]
fn a_units_fragment_cannot_be_extended_by_its_id() {
    use news_front::components::banner_slot::frame_fragment;
    let unit = NetworkAd {
        network: "gpt".into(),
        unit: "/1234/top&network=evil#x".into(),
        account: Some("ca-pub-1&w=1".into()),
        size: AdSize {
            width: 970,
            height: 90,
        },
        phone_size: None,
        label: None,
    };
    assert_eq!(
        frame_fragment(&unit, unit.size),
        "network=gpt&unit=%2F1234%2Ftop%26network%3Devil%23x&account=ca-pub-1%26w%3D1&w=970&h=90"
    );
}
