//! One fetch function per endpoint of the contract. Each returns typed data or an [`ApiError`].
//!
//! Requests run with a timeout: an `AbortController` cancels the fetch after [`TIMEOUT_MS`].
//! A request whose future is dropped (the reader navigated away) is aborted too.

use super::error::ApiError;
use super::models::{
    Article, Banners, Home, MostViewed, PhotoNews, Policy, ReporterPage, SearchListing,
    SectionPage, Site, SnsTv, TagPage, Weather,
};
use super::preload;
use crate::config;
use crate::format::{encode_path_segment, is_path_segment};
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;

/// How long a request may take, headers and body together, before it counts as timed out.
pub const TIMEOUT_MS: u32 = 10_000;

/// Decodes a response body, keeping serde's message for developers (line and column for
/// broken JSON; the expected and found types for JSON of the wrong shape).
///
/// The body is read into a `serde_json::Value` first and the models are read from that. The
/// lenient lists in the models read through `Value` anyway, so this way each model has one
/// deserializer in the wasm instead of two.
pub fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    decode_value(parse(body)?)
}

/// Parses a response body as JSON, without reading any model from it yet.
fn parse(body: &str) -> Result<serde_json::Value, ApiError> {
    serde_json::from_str(body).map_err(|err| ApiError::Decode(err.to_string()))
}

/// Maps an HTTP status to the error it stands for, or `None` for success.
pub fn status_error(status: u16) -> Option<ApiError> {
    match status {
        200..=299 => None,
        404 | 410 => Some(ApiError::NotFound),
        other => Some(ApiError::Http(other)),
    }
}

/// Paths of the endpoints, relative to the API base. Identifiers from URLs are percent-encoded
/// so that no id (`../site`, `a/b`, Hangul) can reach outside its folder.
pub mod paths {
    use super::encode_path_segment;

    pub const SITE: &str = "site.json";
    pub const WEATHER: &str = "weather.json";
    pub const HOME: &str = "home.json";
    pub const MOST_VIEWED: &str = "most-viewed.json";
    pub const PHOTO_NEWS: &str = "photo-news.json";
    pub const SNS_TV: &str = "sns-tv.json";
    pub const BANNERS: &str = "banners.json";

    /// `articles/{id}.json`
    pub fn article(id: &str) -> String {
        format!("articles/{}.json", encode_path_segment(id))
    }

    /// `sections/{slug}/{page}.json`, pages counted from 1.
    pub fn section_page(slug: &str, page: u32) -> String {
        format!("sections/{}/{page}.json", encode_path_segment(slug))
    }

    /// `policies/{slug}.json` (`docs/api-extensions.md`).
    pub fn policy(slug: &str) -> String {
        format!("policies/{}.json", encode_path_segment(slug))
    }

    /// `tags/{keyword}/{page}.json`, pages counted from 1 (`docs/api-extensions.md`).
    pub fn tag_page(keyword: &str, page: u32) -> String {
        format!("tags/{}/{page}.json", encode_path_segment(keyword))
    }

    /// `reporters/{slug}/{page}.json`, pages counted from 1 (`docs/api-extensions.md`).
    pub fn reporter_page(slug: &str, page: u32) -> String {
        format!("reporters/{}/{page}.json", encode_path_segment(slug))
    }
}

/// Aborts the request it guards when dropped: on timeout, and when the page no longer wants it.
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The request `index.html` started for the page's own data (the article, the front page, a
/// section page) before the wasm loaded, if it is for `url`: the fetch promise and its
/// `AbortController`. The first page fetch empties the slot, so a request for another address
/// is aborted and an old response is never used later.
fn take_early_request(url: &str) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(crate::page_names::EARLY_FETCH_GLOBAL);
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    if early.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let field = |name: &str| js_sys::Reflect::get(&early, &wasm_bindgen::JsValue::from_str(name));
    let controller = field("controller")
        .ok()?
        .dyn_into::<web_sys::AbortController>()
        .ok()?;
    if field("url").ok()?.as_string().as_deref() != Some(url) {
        controller.abort();
        return None;
    }
    let response = field("response").ok()?.dyn_into::<js_sys::Promise>().ok()?;
    Some((response, controller))
}

/// GETs `path` under the API base and decodes it as `T`.
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode_value(get_value(path, false).await?)
}

/// GETs a page's own data, taking over the request `index.html` started for it on a cold load.
async fn get_page_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode_value(get_value(path, true).await?)
}

/// Reads a model from an already parsed body.
fn decode_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    T::deserialize(value).map_err(|err| ApiError::Decode(err.to_string()))
}

/// GETs `path` and parses the body as JSON; with `page_data`, takes over the early request for
/// it when there is one. Not generic over the model, so the wasm holds this request code once
/// rather than once per endpoint.
async fn get_value(path: &str, page_data: bool) -> Result<serde_json::Value, ApiError> {
    // A prerendered page holds its own data, and the prerender command fills the same store.
    if let Some(value) = preload::take(path) {
        return Ok(value);
    }
    if !cfg!(target_arch = "wasm32") {
        // Prerendering: what the page was not given stays loading, for the app to fill.
        return std::future::pending().await;
    }
    if !page_data {
        // Shared data waits one timer tick, so the page's own request (the article, the front
        // page) goes out first: over HTTP/1.1 a browser opens six connections to a host, and
        // six slow widgets must not hold the article back.
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    fetch_url(&config::api_url(path), page_data).await
}

/// GETs `url` and parses the body as JSON, with the app's timeout and errors; with
/// `page_data`, takes over the early request for it when there is one.
async fn fetch_url(url: &str, page_data: bool) -> Result<serde_json::Value, ApiError> {
    let url = url.to_owned();
    let early = if page_data {
        take_early_request(&url)
    } else {
        None
    };
    let controller = match &early {
        Some((_, controller)) => controller.clone(),
        None => web_sys::AbortController::new().map_err(|_| ApiError::Network)?,
    };
    let signal = controller.signal();
    let guard = Rc::new(AbortOnDrop(controller));
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let guard = Rc::clone(&guard);
        let timed_out = Rc::clone(&timed_out);
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            guard.0.abort();
        })
    };
    let lost = || {
        if timed_out.get() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    };
    let failed = |_: gloo_net::Error| lost();

    let response = match early {
        // The response is often there already. Yield first, so drawing the article is a task
        // of its own rather than part of the app's start, and the page answers input between.
        Some((response, _)) => {
            gloo_timers::future::TimeoutFuture::new(0).await;
            wasm_bindgen_futures::JsFuture::from(response)
                .await
                .ok()
                .and_then(|raw| wasm_bindgen::JsCast::dyn_into::<web_sys::Response>(raw).ok())
                .map(gloo_net::http::Response::from)
                .ok_or_else(lost)?
        }
        None => gloo_net::http::Request::get(&url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(failed)?,
    };
    if let Some(error) = status_error(response.status()) {
        return Err(error);
    }
    let body = response.text().await.map_err(failed)?;
    parse(&body)
}

/// `site.json`
pub async fn fetch_site() -> Result<Site, ApiError> {
    get_json(paths::SITE).await
}

/// `weather.json`
pub async fn fetch_weather() -> Result<Weather, ApiError> {
    get_json(paths::WEATHER).await
}

/// `home.json`
pub async fn fetch_home() -> Result<Home, ApiError> {
    get_page_json(paths::HOME).await
}

/// `sections/{slug}/{page}.json`; a slug that is no single path segment is not found.
pub async fn fetch_section_page(slug: &str, page: u32) -> Result<SectionPage, ApiError> {
    if !is_path_segment(slug) {
        return Err(ApiError::NotFound);
    }
    get_page_json(&paths::section_page(slug, page)).await
}

/// `tags/{keyword}/{page}.json`; a keyword that is no single path segment is not found.
pub async fn fetch_tag_page(keyword: &str, page: u32) -> Result<TagPage, ApiError> {
    if !is_path_segment(keyword) {
        return Err(ApiError::NotFound);
    }
    get_page_json(&paths::tag_page(keyword, page)).await
}

/// `reporters/{slug}/{page}.json`; a slug that is no single path segment is not found.
pub async fn fetch_reporter_page(slug: &str, page: u32) -> Result<ReporterPage, ApiError> {
    if !is_path_segment(slug) {
        return Err(ApiError::NotFound);
    }
    get_page_json(&paths::reporter_page(slug, page)).await
}

/// `policies/{slug}.json`; a slug that is no single path segment is not found.
pub async fn fetch_policy(slug: &str) -> Result<Policy, ApiError> {
    if !is_path_segment(slug) {
        return Err(ApiError::NotFound);
    }
    get_page_json(&paths::policy(slug)).await
}

/// `articles/{id}.json`; an id that is no single path segment (`../site`) is not found.
pub async fn fetch_article(id: &str) -> Result<Article, ApiError> {
    if !is_path_segment(id) {
        return Err(ApiError::NotFound);
    }
    get_page_json(&paths::article(id)).await
}

/// `most-viewed.json`
pub async fn fetch_most_viewed() -> Result<MostViewed, ApiError> {
    get_json(paths::MOST_VIEWED).await
}

/// `photo-news.json`
pub async fn fetch_photo_news() -> Result<PhotoNews, ApiError> {
    get_json(paths::PHOTO_NEWS).await
}

/// `sns-tv.json`
pub async fn fetch_sns_tv() -> Result<SnsTv, ApiError> {
    get_json(paths::SNS_TV).await
}

/// `banners.json`
pub async fn fetch_banners() -> Result<Banners, ApiError> {
    get_json(paths::BANNERS).await
}

/// One page of results from the publisher's search endpoint (`<meta name="news-search">`,
/// `docs/api-extensions.md`): `{endpoint}?q={query}&page={page}`.
pub async fn fetch_search_page(
    endpoint: &str,
    query: &str,
    page: u32,
) -> Result<SearchListing, ApiError> {
    if !cfg!(target_arch = "wasm32") {
        return std::future::pending().await;
    }
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    let url = format!(
        "{endpoint}{separator}q={}&page={page}",
        encode_path_segment(query)
    );
    decode_value(fetch_url(&url, false).await?)
}
