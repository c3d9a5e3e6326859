//! Data that every page shows, loaded once per visit and shared through context, so moving
//! between pages never fetches it again.

use crate::api::client::paths;
use crate::api::client::{
    fetch_banners, fetch_most_viewed, fetch_photo_news, fetch_site, fetch_sns_tv, fetch_weather,
};
use crate::api::models::{Banners, MostViewed, PhotoNews, Site, SnsTv, Weather};
use crate::api::{preload, ApiResource};
use leptos::prelude::*;
use serde::Deserialize;

/// The shared resources. Each fails alone: a widget whose endpoint fails shows its own notice.
#[derive(Clone, Copy)]
pub struct SharedData {
    pub site: ApiResource<Site>,
    pub weather: ApiResource<Weather>,
    pub most_viewed: ApiResource<MostViewed>,
    pub photo_news: ApiResource<PhotoNews>,
    pub sns_tv: ApiResource<SnsTv>,
    pub banners: ApiResource<Banners>,
    /// The `banners.json` a prerendered page was drawn with: the slots' layout until `banners`
    /// has loaded (a page's ads are never taken from it, they may have changed since).
    pub banner_layout: StoredValue<Option<Banners>, LocalStorage>,
}

impl SharedData {
    /// Starts the requests and provides the resources to the components below. The client
    /// sends them after the page's own request (see `get_value` in `api/client.rs`).
    pub fn provide() -> Self {
        // Before `banners` is made, which would take the page's copy as its answer.
        let banner_layout = StoredValue::new_local(banner_layout());
        let shared = Self {
            site: ApiResource::new(fetch_site),
            weather: ApiResource::new(fetch_weather),
            most_viewed: ApiResource::new(fetch_most_viewed),
            photo_news: ApiResource::new(fetch_photo_news),
            sns_tv: ApiResource::new(fetch_sns_tv),
            banners: ApiResource::new(fetch_banners),
            banner_layout,
        };
        provide_context(shared);
        shared
    }

    /// The resources provided by [`SharedData::provide`] above this component.
    pub fn get() -> Self {
        expect_context()
    }
}

/// The page's own copy of `banners.json`, taken out of its data so that `banners` itself asks
/// the API (in the prerender command, it stays loading and the page is drawn with the layout).
fn banner_layout() -> Option<Banners> {
    preload::take(paths::BANNERS).and_then(|value| Banners::deserialize(value).ok())
}
