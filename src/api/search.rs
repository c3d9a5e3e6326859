//! Search, for the `/search` page: the publisher's own search endpoint when the page names one
//! (`<meta name="news-search">`, `docs/api-extensions.md`), else the static index that
//! `scripts/build` makes of the prerendered articles with Pagefind (`dist/pagefind/`, in shards
//! by period: `scripts/search-index.mjs`). The index's scripts are loaded the first time a
//! reader searches, never before.

use super::client::fetch_search_page;
use super::models::Summary;
use super::ApiError;
use crate::{config, routes};
use serde::Deserialize;

/// Results shown at a time; 더 보기 adds as many again.
pub const PAGE_SIZE: usize = 10;

/// One result as the search page shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SearchHit {
    /// The article's address on this site (`/article/1065`).
    pub href: String,
    pub title: String,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub published_at: Option<String>,
    /// Plain text around the matched words.
    #[serde(default)]
    pub summary: Option<String>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// How many results there are in all, when known.
    pub total: Option<usize>,
    /// Whether there is a next page.
    pub more: bool,
}

/// Page `page` (from 1) of the results for `query`.
pub async fn search(query: &str, page: u32) -> Result<SearchPage, ApiError> {
    match config::search_endpoint() {
        Some(endpoint) => {
            let listing = fetch_search_page(endpoint, query, page).await?;
            Ok(SearchPage {
                more: listing.page < listing.total_pages,
                total: listing.total.map(|total| total as usize),
                hits: listing.articles.into_iter().map(hit_of_summary).collect(),
            })
        }
        None => static_index(query, page).await,
    }
}

fn hit_of_summary(summary: Summary) -> SearchHit {
    SearchHit {
        href: routes::article(&summary.id),
        title: summary.title,
        section: summary.section.map(|section| section.name),
        published_at: summary.published_at,
        summary: summary.summary,
    }
}

/// What the Pagefind glue answers: one page of results, whether more follow, and how many
/// there are in all when it has counted them.
#[cfg(target_arch = "wasm32")]
#[derive(Deserialize)]
struct IndexAnswer {
    total: Option<usize>,
    more: bool,
    hits: Vec<SearchHit>,
}

#[cfg(target_arch = "wasm32")]
async fn static_index(query: &str, page: u32) -> Result<SearchPage, ApiError> {
    let from = (page.max(1) as usize - 1) * PAGE_SIZE;
    let asked = crate::format::index_query(query);
    let answer = glue::pagefind_search(&asked, from as u32, PAGE_SIZE as u32)
        .await
        .map_err(|_| ApiError::Network)?;
    let text = answer.as_string().ok_or(ApiError::Network)?;
    // Through `Value`, as every API answer: the wasm holds one JSON reader.
    let answer: IndexAnswer = super::client::decode(&text)?;
    Ok(SearchPage {
        more: answer.more,
        total: answer.total,
        hits: answer.hits,
    })
}

/// Starts loading the static index's newest shard (and the recent one) while the reader is
/// still typing, so that Enter waits for less: called when a search field gets focus. Nothing
/// with a publisher's search endpoint, and nothing twice.
pub fn warm() {
    #[cfg(target_arch = "wasm32")]
    if config::search_endpoint().is_none() {
        leptos::task::spawn_local(glue::pagefind_warm());
    }
}

/// Prerendering never searches: the search page is drawn by the app alone.
#[cfg(not(target_arch = "wasm32"))]
async fn static_index(_query: &str, _page: u32) -> Result<SearchPage, ApiError> {
    std::future::pending().await
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use wasm_bindgen::prelude::*;

    // The static index is in shards by period (scripts/search-index.mjs): pagefind/shards.json
    // names the periods, newest first, each with its shard, plus a "recent" shard of what
    // changed since those were built (searched period by period through a filter) and the
    // cold shards' pages to leave out. A search reads the periods newest first, most relevant
    // first within each, loading a period's shard only when the results reach it: the first
    // page of a search loads one or two shards, whatever the size of the archive. Past the
    // first period it reads 2, then 4, then 8 periods at once (a rare word's walk).
    // Each shard is its own Pagefind (its pagefind.js, loaded on the first search).
    // Pagefind matches words by their beginning and, for a word it does not know, by ever
    // shorter beginnings (착륙 would find 차), so each result is kept only if its text holds
    // every word asked: results are read in batches until the page is full, and counted
    // exactly when there are few. Its excerpt is HTML with <mark> around the matches: it is
    // read back as text in an inert document, and the page marks the words itself. Only
    // results under /article/ are articles.
    #[wasm_bindgen(inline_js = r#"
const engines = new Map();
let last = null;
const BATCH = 10;
const COUNT_ALL = 30;
const text = (html) => new DOMParser().parseFromString(html || '', 'text/html').body.textContent.trim();
async function once(cache, key, load) {
  if (!cache.has(key)) cache.set(key, load());
  try {
    return await cache.get(key);
  } catch (error) {
    cache.delete(key);
    throw error;
  }
}
const shards = () =>
  once(engines, 'shards.json', async () => {
    const response = await fetch('/pagefind/shards.json');
    if (!response.ok) throw new Error(`shards.json: ${response.status}`);
    const found = await response.json();
    const at = (p) => (typeof p === 'string' && /^\/pagefind\/[\w-]+\/$/.test(p) ? p : null);
    return {
      periods: (Array.isArray(found.periods) ? found.periods : [])
        .filter((p) => typeof p?.name === 'string')
        .map((p) => ({ name: p.name, path: at(p.path) })),
      recent: at(found.recent),
      hidden: new Set(Array.isArray(found.hidden) ? found.hidden : []),
    };
  });
const engine = (path) =>
  once(engines, path, async () => {
    const pagefind = await import(`${path}pagefind.js`);
    await pagefind.options({ excerptLength: 40 });
    await pagefind.init();
    return pagefind;
  });
// Pagefind (1.6) loads the part of a shard's index a word falls in, and no further: when the
// word is the last of one part, its longer forms (도서관 ending one, 도서관과 starting the next)
// are missed. So each word's end of range (the word and the highest character) is loaded too,
// in the same requests, before the search.
const LAST = '\u{10FFFF}';
async function searched(pagefind, query, options) {
  const words = query.split(/\s+/).filter(Boolean);
  await pagefind.preload([...words, ...words.map((word) => word + LAST)].join(' '), options);
  return pagefind.search(query, options);
}
async function period(index, query, { periods, recent }) {
  const { name, path } = periods[index];
  const [cold, hot] = await Promise.all([
    path ? engine(path).then((pagefind) => searched(pagefind, query)) : null,
    recent ? engine(recent).then((pagefind) => searched(pagefind, query, { filters: { period: name } })) : null,
  ]);
  const mark = (search, fromRecent) => (search?.results ?? []).map((result) => ({ result, fromRecent }));
  return [...mark(cold, false), ...mark(hot, true)].sort((a, b) => b.result.score - a.result.score);
}
export async function pagefind_warm() {
  try {
    const index = await shards();
    await Promise.all([index.periods[0]?.path, index.recent].filter(Boolean).map(engine));
  } catch {
    // The search itself will say what failed.
  }
}
export async function pagefind_search(query, from, count) {
  const index = await shards();
  if (last?.query !== query) last = { query, next: 0, pending: [], kept: [], done: false };
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const state = last;
  const all = () => state.next >= index.periods.length && state.pending.length <= COUNT_ALL;
  while (!state.done && (state.kept.length < from + count || all())) {
    if (!state.pending.length) {
      if (state.next >= index.periods.length) {
        state.done = true;
        break;
      }
      // One period first (most searches end there), then as many as read so far and one more
      // (2, 4, 8), up to eight: a word found in few articles does not wait for a hundred
      // shards one after another.
      const width = Math.min(state.next + 1, 8, index.periods.length - state.next);
      const read = Array.from({ length: width }, (_, n) => period(state.next + n, query, index));
      state.pending = (await Promise.all(read)).flat();
      state.next += width;
      continue;
    }
    const batch = state.pending.splice(0, BATCH);
    const pages = await Promise.all(batch.map(({ result }) => result.data().catch(() => null)));
    pages.forEach((page, n) => {
      const url = String(page?.url || '').replace(/\.html$/, '');
      // A cold shard's page that changed or was taken down since: the recent shard has it, or
      // nothing does.
      if (!page || (!batch[n].fromRecent && index.hidden.has(url))) return;
      const held = `${page.meta?.title ?? ''} ${page.content ?? ''}`.toLowerCase();
      if (url.startsWith('/article/') && page.meta?.title && words.every((word) => held.includes(word))) {
        state.kept.push({
          href: url,
          title: String(page.meta.title),
          section: page.meta.section || null,
          published_at: page.meta.published || null,
          summary: text(page.excerpt) || null,
        });
      }
    });
  }
  const hits = state.kept.slice(from, from + count);
  return JSON.stringify({
    total: state.done ? state.kept.length : null,
    more: !state.done || from + count < state.kept.length,
    hits,
  });
}
"#)]
    extern "C" {
        pub async fn pagefind_warm();
        #[wasm_bindgen(catch)]
        pub async fn pagefind_search(
            query: &str,
            from: u32,
            count: u32,
        ) -> Result<JsValue, JsValue>;
    }
}
