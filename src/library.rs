//! 저장한 기사 and 최근 본 기사: the reader's own lists, kept on the device (`localStorage`), with
//! no account. The lists are read tolerantly: an entry that cannot be read is left out and the
//! others are kept, and what could not be read is kept aside (under `…-backup`) before the list
//! is written again. A write the browser refuses (a full quota, storage turned off) changes
//! nothing and is said in Korean. Another tab's changes arrive through the `storage` event.
//!
//! The pure list logic is here and tested natively; [`Library`] holds the lists as signals.
//! When prerendering there is no storage: the lists render empty.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The `localStorage` key of the saved articles, newest first.
pub const SAVED_KEY: &str = "saved-articles";
/// The `localStorage` key of the articles read, most recent first.
pub const RECENT_KEY: &str = "recent-articles";
/// How many articles read are remembered.
pub const RECENT_MAX: usize = 50;
/// How many articles can be saved (a few hundred bytes each: far within any quota).
pub const SAVED_MAX: usize = 500;

/// One article in a list: enough to show and open it without the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
}

/// A list as read from storage: its readable entries, and whether anything was not readable.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stored {
    pub entries: Vec<Entry>,
    pub damaged: bool,
}

/// Reads a stored list. Nothing stored is an empty list; text that is not a JSON list, or
/// entries without an id or title, make the list `damaged`, and the readable entries stay.
pub fn parse(raw: Option<&str>) -> Stored {
    let Some(raw) = raw.filter(|raw| !raw.trim().is_empty()) else {
        return Stored::default();
    };
    let Ok(serde_json::Value::Array(values)) = serde_json::from_str(raw) else {
        return Stored {
            entries: Vec::new(),
            damaged: true,
        };
    };
    let mut stored = Stored::default();
    for value in values {
        match Entry::deserialize(value) {
            Ok(entry)
                if crate::format::is_path_segment(&entry.id) && !entry.title.trim().is_empty() =>
            {
                if !stored.entries.iter().any(|kept| kept.id == entry.id) {
                    stored.entries.push(entry);
                }
            }
            _ => stored.damaged = true,
        }
    }
    stored
}

/// The list with `entry` first (once), cut to `max` entries.
pub fn with_first(list: &[Entry], entry: Entry, max: usize) -> Vec<Entry> {
    let mut next = Vec::with_capacity(list.len() + 1);
    let rest = list.iter().filter(|kept| kept.id != entry.id).cloned();
    next.push(entry.clone());
    next.extend(rest);
    next.truncate(max);
    next
}

/// The list without the article `id`.
pub fn without(list: &[Entry], id: &str) -> Vec<Entry> {
    list.iter().filter(|kept| kept.id != id).cloned().collect()
}

/// How long after the app starts it asks which articles were taken down.
const FORGET_AFTER_MS: u32 = 1_500;

/// The ids the site's `removed.json` names (written by the prerender command beside the pages;
/// `docs/api-extensions.md`); none when it cannot be read. Read through the browser's own JSON
/// parser: this runs on every visit, and needs no more of the app's code than that.
async fn fetch_removed() -> Vec<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Ok(response) = JsFuture::from(window().fetch_with_str(REMOVED_FILE)).await else {
        return Vec::new();
    };
    let Some(json) = response
        .dyn_into::<web_sys::Response>()
        .ok()
        .filter(web_sys::Response::ok)
        .and_then(|response| response.json().ok())
    else {
        return Vec::new();
    };
    let Ok(answer) = JsFuture::from(json).await else {
        return Vec::new();
    };
    let articles = js_sys::Reflect::get(&answer, &"articles".into()).unwrap_or_default();
    if !js_sys::Array::is_array(&articles) {
        return Vec::new();
    }
    js_sys::Array::from(&articles)
        .iter()
        .filter_map(|id| id.as_string())
        .collect()
}

/// Where the site names the articles taken down.
pub const REMOVED_FILE: &str = "/removed.json";

const DAMAGED: &str =
    "저장한 기사 목록의 일부를 읽지 못했습니다. 읽을 수 있는 기사는 그대로 남아 있습니다.";
const FULL: &str = "기기의 저장 공간이 부족하거나 저장이 막혀 있어 목록을 바꾸지 못했습니다. 저장한 기사는 그대로입니다.";

/// The browser's `localStorage`; none when prerendering, so the lists render empty there.
fn storage() -> Option<web_sys::Storage> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    window().local_storage().ok().flatten()
}

/// Reads `key`; a damaged list's text is kept under `{key}-backup` (once) before any write.
fn load(key: &str) -> Stored {
    let raw = storage().and_then(|s| s.get_item(key).ok().flatten());
    let stored = parse(raw.as_deref());
    if stored.damaged {
        if let (Some(storage), Some(raw)) = (storage(), raw) {
            let backup = format!("{key}-backup");
            if storage.get_item(&backup).ok().flatten().is_none() {
                let _ = storage.set_item(&backup, &raw);
            }
        }
    }
    stored
}

/// Writes a list; `false` when the browser refused it.
fn store(key: &str, list: &[Entry]) -> bool {
    let Ok(text) = serde_json::to_string(list) else {
        return false;
    };
    storage().is_some_and(|storage| storage.set_item(key, &text).is_ok())
}

/// The reader's lists as signals, kept equal to `localStorage` across tabs.
#[derive(Clone, Copy)]
pub struct Library {
    pub saved: RwSignal<Vec<Entry>>,
    pub recent: RwSignal<Vec<Entry>>,
    /// What went wrong last, in Korean, for the reader.
    pub problem: RwSignal<Option<&'static str>>,
}

impl Library {
    /// Reads both lists and follows other tabs' changes; provided to the whole app.
    pub fn provide() -> Self {
        let saved = load(SAVED_KEY);
        let recent = load(RECENT_KEY);
        let library = Self {
            saved: RwSignal::new(saved.entries),
            recent: RwSignal::new(recent.entries),
            problem: RwSignal::new((saved.damaged || recent.damaged).then_some(DAMAGED)),
        };
        if cfg!(target_arch = "wasm32") {
            library.follow_other_tabs();
            library.forget_removed();
        }
        provide_context(library);
        library
    }

    /// Reads the lists again when another tab changes them.
    fn follow_other_tabs(self) {
        use wasm_bindgen::JsCast;
        let on_storage = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(
            move |event: web_sys::StorageEvent| {
                let key = event.key();
                if key.is_none() || key.as_deref() == Some(SAVED_KEY) {
                    self.saved.set(load(SAVED_KEY).entries);
                }
                if key.is_none() || key.as_deref() == Some(RECENT_KEY) {
                    self.recent.set(load(RECENT_KEY).entries);
                }
            },
        );
        let _ = window()
            .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        on_storage.forget(); // lives as long as the page
    }

    /// Forgets the articles the paper took down (`removed.json`): off both lists, and their
    /// saved copies let go (the service worker drops its own copies as the file passes). Asked
    /// once per page load, a while after the page has drawn, so it never competes with it.
    fn forget_removed(self) {
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(FORGET_AFTER_MS).await;
            let removed = fetch_removed().await;
            if removed.is_empty() {
                return;
            }
            for (key, list) in [(SAVED_KEY, self.saved), (RECENT_KEY, self.recent)] {
                let current = load(key).entries;
                let (gone, kept): (Vec<Entry>, Vec<Entry>) = current
                    .into_iter()
                    .partition(|entry| removed.contains(&entry.id));
                if !gone.is_empty() && store(key, &kept) {
                    list.set(kept);
                    if key == SAVED_KEY {
                        gone.iter()
                            .for_each(|entry| crate::offline::keep_saved(&entry.id, false));
                    }
                }
            }
        });
    }

    /// The library the app provided.
    pub fn get() -> Self {
        use_context().unwrap_or_else(Self::provide)
    }

    /// Whether the article is saved (tracked).
    pub fn is_saved(&self, id: &str) -> bool {
        self.saved
            .with(|saved| saved.iter().any(|entry| entry.id == id))
    }

    /// Saves the article, or takes it off the list; the service worker keeps or lets go
    /// of its page, data and images for reading offline. Whether it is saved now, or the
    /// Korean message when the browser refused the change (the list is then unchanged).
    pub fn toggle_saved(&self, entry: Entry) -> Result<bool, &'static str> {
        // The list as stored now: another tab may have changed it.
        let current = load(SAVED_KEY).entries;
        let id = entry.id.clone();
        let saving = !current.iter().any(|kept| kept.id == id);
        let next = if saving {
            with_first(&current, entry, SAVED_MAX)
        } else {
            without(&current, &id)
        };
        self.write_saved(current, next, &id, saving)
    }

    /// Takes an article off the saved list.
    pub fn remove_saved(&self, id: &str) {
        let current = load(SAVED_KEY).entries;
        if current.iter().any(|kept| kept.id == id) {
            let next = without(&current, id);
            let _ = self.write_saved(current, next, id, false);
        } else {
            // Another tab took it off already.
            self.saved.set(current);
        }
    }

    /// Stores `next` in place of `current`, or keeps `current` and says why not.
    fn write_saved(
        &self,
        current: Vec<Entry>,
        next: Vec<Entry>,
        id: &str,
        saving: bool,
    ) -> Result<bool, &'static str> {
        if store(SAVED_KEY, &next) {
            self.saved.set(next);
            self.problem.set(None);
            crate::offline::keep_saved(id, saving);
            Ok(saving)
        } else {
            self.saved.set(current);
            self.problem.set(Some(FULL));
            Err(FULL)
        }
    }

    /// Remembers that the article was read. A refused write is not worth a message.
    pub fn read(&self, entry: Entry) {
        let next = with_first(&load(RECENT_KEY).entries, entry, RECENT_MAX);
        if store(RECENT_KEY, &next) {
            self.recent.set(next);
        }
    }

    /// Forgets every article read.
    pub fn clear_recent(&self) {
        if store(RECENT_KEY, &[]) {
            self.recent.set(Vec::new());
        } else {
            self.problem.set(Some(FULL));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Entry {
        Entry {
            id: id.to_owned(),
            title: format!("기사 {id}"),
            section: None,
            published_at: None,
        }
    }

    #[test]
    fn stored_lists_are_read_tolerantly() {
        assert_eq!(parse(None), Stored::default());
        assert_eq!(parse(Some("")), Stored::default());
        assert!(parse(Some("{not json")).damaged);
        assert!(parse(Some(r#"{"id": "1"}"#)).damaged);
        let stored = parse(Some(
            r#"[{"id": "1", "title": "하나"}, {"id": 2, "title": "둘"}, {"id": "../x", "title": "셋"},
                {"id": "4", "title": " "}, {"id": "1", "title": "다시 하나"}, {"id": "5", "title": "다섯", "extra": true}]"#,
        ));
        assert!(stored.damaged);
        let ids: Vec<&str> = stored.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["1", "5"]);
        assert_eq!(stored.entries[0].title, "하나");
    }

    #[test]
    fn lists_keep_one_entry_each_newest_first_within_their_bound() {
        let list: Vec<Entry> = (1..=3).map(|n| entry(&n.to_string())).collect();
        let next = with_first(&list, entry("2"), 50);
        let ids: Vec<&str> = next.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["2", "1", "3"]);
        let full: Vec<Entry> = (1..=RECENT_MAX).map(|n| entry(&n.to_string())).collect();
        let next = with_first(&full, entry("new"), RECENT_MAX);
        assert_eq!(next.len(), RECENT_MAX);
        assert_eq!(next[0].id, "new");
        assert!(!next.iter().any(|e| e.id == RECENT_MAX.to_string()));
        assert_eq!(without(&list, "2").len(), 2);
        // What is written reads back the same.
        let text = serde_json::to_string(&list).unwrap();
        assert_eq!(parse(Some(&text)).entries, list);
    }
}
