//! API answers a page already holds, by endpoint path (`articles/1065.json`).
//!
//! A prerendered page carries the JSON it was drawn from in
//! `<script type="application/json" id="news-data">`, so the app takes over without asking the
//! API again and draws the very same page in its first pass. The prerender command fills the
//! same store before it renders a page. Each answer is used once: a later request for the path
//! (a retry, coming back to the page) goes to the API.

use std::cell::RefCell;
use std::collections::HashMap;

/// The id of the element that carries a prerendered page's data.
pub const ELEMENT_ID: &str = "news-data";

thread_local! {
    static STORE: RefCell<Option<HashMap<String, serde_json::Value>>> = const { RefCell::new(None) };
}

/// Replaces the store with `answers` (the prerender command, before each page).
pub fn set(answers: HashMap<String, serde_json::Value>) {
    STORE.with(|store| *store.borrow_mut() = Some(answers));
}

/// Takes the answer for `path`, if the page holds one.
pub fn take(path: &str) -> Option<serde_json::Value> {
    STORE.with(|store| {
        let mut store = store.borrow_mut();
        store.get_or_insert_with(read_page).remove(path)
    })
}

/// The answers embedded in the page; none outside a browser or on a page without them.
fn read_page() -> HashMap<String, serde_json::Value> {
    if !cfg!(target_arch = "wasm32") {
        return HashMap::new();
    }
    leptos::prelude::document()
        .get_element_by_id(ELEMENT_ID)
        .and_then(|element| element.text_content())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The `<script>` element that carries `answers` in a page: JSON that no string inside can end
/// early, since every `<` is written as `\u003c` (also `>` and `&`, for old parsers).
pub fn script_element(answers: &serde_json::Map<String, serde_json::Value>) -> String {
    let json = serde_json::Value::Object(answers.clone()).to_string();
    format!(
        r#"<script type="application/json" id="{ELEMENT_ID}">{}</script>"#,
        escape_script_json(&json)
    )
}

/// JSON text made safe to stand inside a `<script>` element.
pub fn escape_script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_taken_once() {
        set(HashMap::from([(
            "site.json".to_owned(),
            serde_json::json!({"name": "x"}),
        )]));
        assert_eq!(take("site.json"), Some(serde_json::json!({"name": "x"})));
        assert_eq!(take("site.json"), None);
    }

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let mut answers = serde_json::Map::new();
        answers.insert(
            "articles/1.json".to_owned(),
            serde_json::json!({"title": "</script><script>alert(1)</script>&amp;\u{2028}"}),
        );
        let element = script_element(&answers);
        let inner = element
            .strip_prefix(r#"<script type="application/json" id="news-data">"#)
            .and_then(|rest| rest.strip_suffix("</script>"))
            .unwrap();
        assert!(!inner.contains('<') && !inner.contains('>'), "{inner}");
        let parsed: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(
            parsed["articles/1.json"]["title"],
            "</script><script>alert(1)</script>&amp;\u{2028}"
        );
    }
}
