//! Reading offline: the service worker (`public/sw.js`) keeps the app and the articles a
//! reader opened; this registers it and tells readers in Korean when they are offline.

use crate::config;
use crate::state::SharedData;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Registers the service worker in release builds (never under `trunk serve`). Once it is
/// active and the shared data has arrived, hands it the data and images this page loaded
/// before it was in control, so the first article read is kept too.
pub fn register_service_worker(shared: SharedData) {
    if cfg!(debug_assertions) || !cfg!(target_arch = "wasm32") {
        return;
    }
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    // The worker tells data by its address: it learns the API base from its own.
    let registered = container.register(&format!(
        "/sw.js?api={}",
        String::from(js_sys::encode_uri_component(config::api_base()))
    ));
    leptos::task::spawn_local(async move {
        if JsFuture::from(registered).await.is_err() {
            return;
        }
        let Ok(ready) = container.ready() else { return };
        let Ok(registration) = JsFuture::from(ready).await else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        // What the page is still loading would be missed: let the shared data settle first.
        shared.site.settled().await;
        shared.weather.settled().await;
        shared.most_viewed.settled().await;
        shared.photo_news.settled().await;
        shared.sns_tv.settled().await;
        shared.banners.settled().await;
        if let Some(worker) = registration.active() {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str("keep"), &loaded_content());
            let _ = worker.post_message(&message);
        }
    });
}

/// The page itself (a prerendered page holds its own data) and the API and image addresses
/// it has loaded so far.
fn loaded_content() -> js_sys::Array {
    let location = window().location();
    let page = location.href().ok().map(JsValue::from);
    let origin = location.origin().unwrap_or_default();
    let api = config::absolute_api_base(config::api_base(), &origin);
    let images = format!("{origin}/img/");
    let Some(performance) = window().performance() else {
        return page.into_iter().collect();
    };
    let entries = performance.get_entries_by_type("resource");
    let loaded = entries
        .iter()
        .filter_map(|entry| entry.dyn_into::<web_sys::PerformanceEntry>().ok())
        .map(|entry| entry.name())
        .filter(|name| name.starts_with(&api) || name.starts_with(&images))
        .map(JsValue::from);
    page.into_iter().chain(loaded).collect()
}

/// Asks the service worker to keep the article `id` for reading offline, apart from the bounded
/// caches (its page, its data and the images this page loaded), or to let it go.
pub fn keep_saved(id: &str, keep: bool) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let Some(worker) = window().navigator().service_worker().controller() else {
        return;
    };
    let message = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
    };
    set("id", &JsValue::from_str(id));
    if keep {
        let origin = window().location().origin().unwrap_or_default();
        let urls: js_sys::Array = loaded_content()
            .iter()
            .filter(|url| {
                url.as_string()
                    .is_some_and(|url| url.starts_with(&format!("{origin}/img/")))
            })
            .collect();
        urls.push(&JsValue::from_str(&format!(
            "{origin}{}",
            crate::routes::article(id)
        )));
        let data = config::api_url(&crate::api::client::paths::article(id));
        urls.push(&JsValue::from_str(&data));
        set("save", &urls);
    } else {
        set("unsave", &JsValue::TRUE);
    }
    let _ = worker.post_message(&message);
}
