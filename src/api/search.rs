//! Search, for the `/search` page: the publisher's own search endpoint when the page names one
//! (`<meta name="news-search">`, `docs/api-extensions.md`), else the static index that
//! `scripts/build` makes of the prerendered articles with Pagefind (`dist/pagefind/`). The
//! index's script is loaded the first time a reader searches, never before.

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

/// Prerendering never searches: the search page is drawn by the app alone.
#[cfg(not(target_arch = "wasm32"))]
async fn static_index(_query: &str, _page: u32) -> Result<SearchPage, ApiError> {
    std::future::pending().await
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use wasm_bindgen::prelude::*;

    // Pagefind's browser API, loaded on the first search. Pagefind matches words by their
    // beginning and, for a word it does not know, by ever shorter beginnings (착륙 would find
    // 차), so each result is kept only if its text holds every word asked: results are read
    // in batches until the page is full, and counted exactly when there are few. Its excerpt
    // is HTML with <mark> around the matches: it is read back as text in an inert document,
    // and the page marks the words itself. Only results under /article/ are articles.
    #[wasm_bindgen(inline_js = r#"
let loading = null;
let last = null;
const BATCH = 10;
const COUNT_ALL = 30;
const text = (html) => new DOMParser().parseFromString(html || '', 'text/html').body.textContent.trim();
async function index() {
  loading ??= import('/pagefind/pagefind.js').then(async (pagefind) => {
    await pagefind.options({ excerptLength: 40 });
    await pagefind.init();
    return pagefind;
  });
  try {
    return await loading;
  } catch (error) {
    loading = null;
    throw error;
  }
}
export async function pagefind_search(query, from, count) {
  const pagefind = await index();
  if (last?.query !== query) {
    const search = await pagefind.search(query);
    last = { query, results: search?.results ?? [], read: 0, kept: [] };
  }
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const state = last;
  const wanted = state.results.length <= COUNT_ALL ? state.results.length : from + count;
  while (state.kept.length < wanted && state.read < state.results.length) {
    const batch = state.results.slice(state.read, state.read + BATCH);
    state.read += batch.length;
    for (const page of await Promise.all(batch.map((result) => result.data()))) {
      const all = `${page.meta?.title ?? ''} ${page.content ?? ''}`.toLowerCase();
      const url = String(page.url || '').replace(/\.html$/, '');
      if (url.startsWith('/article/') && page.meta?.title && words.every((word) => all.includes(word))) {
        state.kept.push({
          href: url,
          title: String(page.meta.title),
          section: page.meta.section || null,
          published_at: page.meta.published || null,
          summary: text(page.excerpt) || null,
        });
      }
    }
  }
  const done = state.read >= state.results.length;
  const hits = state.kept.slice(from, from + count);
  return JSON.stringify({ total: done ? state.kept.length : null, more: !done || from + count < state.kept.length, hits });
}
"#)]
    extern "C" {
        #[wasm_bindgen(catch)]
        pub async fn pagefind_search(
            query: &str,
            from: u32,
            count: u32,
        ) -> Result<JsValue, JsValue>;
    }
}
