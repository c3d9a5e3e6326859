//! Property tests: whatever JSON the API sends, decoding never panics and always yields a
//! value or an error; any valid article survives unknown fields and null optionals; and any
//! JSON with an id, a title and one paragraph is read with that title and paragraph, whatever
//! else it holds (the rule of tolerant reading).
#![cfg(not(target_arch = "wasm32"))]

use news_front::api::client::decode;
use news_front::api::models::*;
use news_front::api::ApiError;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Arbitrary JSON values, nested a few levels, with the contract's field names mixed in so
/// that the decoders get past their first checks often.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("id".to_string()),
        Just("title".to_string()),
        Just("type".to_string()),
        Just("text".to_string()),
        Just("body".to_string()),
        Just("items".to_string()),
        Just("sky".to_string()),
        Just("src".to_string()),
        Just("cities".to_string()),
        Just("periods".to_string()),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("paragraph"),
            Just("image"),
            Just("quote"),
            Just("clear"),
            Just("")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Decodes `body` as every endpoint's type; only the absence of a panic is asserted here,
/// and that failures are decode errors.
fn decode_all(body: &str) {
    fn check<T: serde::de::DeserializeOwned>(body: &str) {
        if let Err(error) = decode::<T>(body) {
            assert!(matches!(error, ApiError::Decode(_)), "{error:?}");
        }
    }
    check::<Site>(body);
    check::<Weather>(body);
    check::<Home>(body);
    check::<SectionPage>(body);
    check::<Article>(body);
    check::<MostViewed>(body);
    check::<PhotoNews>(body);
    check::<SnsTv>(body);
    check::<Banners>(body);
}

fn valid_article() -> Value {
    json!({
        "id": "1", "title": "제목", "byline": {"outlet": "신문", "reporter": "기자"},
        "published_at": "2026-11-24T09:10:00+09:00",
        "body": [
            {"type": "paragraph", "text": "문단"},
            {"type": "quote", "text": "인용", "cite": "누구"},
            {"type": "image", "image": {"src": "/a.webp", "alt": "", "width": 1, "height": 1}},
            {"type": "list", "items": ["하나"]}
        ],
        "tags": ["태그"]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_json_value_decodes_or_errs(value in any_json()) {
        decode_all(&value.to_string());
    }

    #[test]
    fn any_text_decodes_or_errs(body in ".{0,200}") {
        decode_all(&body);
    }

    #[test]
    fn truncated_json_is_a_decode_error(cut in 1usize..200) {
        let text = valid_article().to_string();
        let cut = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(1).max(1);
        prop_assert!(matches!(decode::<Article>(&text[..cut]), Err(ApiError::Decode(_))));
    }

    /// Unknown fields anywhere and unknown block types never cost the article.
    #[test]
    fn unknown_fields_and_blocks_are_ignored(
        extra_key in "[a-z]{1,8}_x",
        extra in any_json(),
        unknown_block_type in "[a-z]{3,10}_new",
    ) {
        let mut article = valid_article();
        article[&extra_key] = extra.clone();
        article["byline"][&extra_key] = extra.clone();
        article["body"][0][&extra_key] = extra;
        article["body"].as_array_mut().unwrap().push(json!({"type": unknown_block_type, "x": 1}));
        let decoded = decode::<Article>(&article.to_string());
        prop_assert!(decoded.is_ok(), "{decoded:?}");
        let decoded = decoded.unwrap();
        prop_assert_eq!(decoded.body.len(), 5);
        prop_assert_eq!(decoded.body.last(), Some(&Block::Unknown));
    }

    /// A broken item in a list drops that item alone.
    #[test]
    fn one_bad_block_costs_one_block(bad in any_json(), position in 0usize..4) {
        let is_block = serde_json::from_value::<Block>(bad.clone()).is_ok();
        let mut article = valid_article();
        article["body"].as_array_mut().unwrap().insert(position, bad);
        let decoded = decode::<Article>(&article.to_string()).unwrap();
        prop_assert_eq!(decoded.body.len(), if is_block { 5 } else { 4 });
    }

    /// The rule of tolerant reading: an id, a non-blank title and one paragraph make an
    /// article, whatever the other fields and blocks hold.
    #[test]
    fn an_id_a_title_and_a_paragraph_are_an_article(
        id in prop_oneof![
            "[A-Za-z0-9_-]{1,12}".prop_map(Value::from),
            any::<u32>().prop_map(Value::from),
        ],
        title in "[^\\s]{1,3}( .{0,30})?",
        paragraph in "[^\\s]{1,3}( .{0,60})?",
        others in prop::collection::btree_map("[a-z_]{1,12}", any_json(), 0..8),
        blocks in prop::collection::vec(any_json(), 0..4),
        position in 0usize..4,
    ) {
        let mut article: serde_json::Map<String, Value> = others
            .into_iter()
            .filter(|(key, _)| !["id", "title", "body"].contains(&key.as_str()))
            .collect();
        let mut body = blocks;
        body.insert(position.min(body.len()), json!({"type": "paragraph", "text": paragraph}));
        article.insert("id".into(), id.clone());
        article.insert("title".into(), Value::from(title.clone()));
        article.insert("body".into(), Value::Array(body));
        let read = decode::<Article>(&Value::Object(article).to_string());
        prop_assert!(read.is_ok(), "{read:?}");
        let read = read.unwrap();
        let expected_id = id.as_str().map(str::to_owned).unwrap_or_else(|| id.to_string());
        prop_assert_eq!(read.id, expected_id);
        prop_assert_eq!(read.title, title);
        let wanted = Block::Paragraph {
            text: paragraph,
            runs: Vec::new(),
        };
        prop_assert!(read.body.contains(&wanted), "{:?}", read.body);
    }
}
