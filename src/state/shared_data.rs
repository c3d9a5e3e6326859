//! Data that every page shows, loaded once per visit and shared through context, so moving
//! between pages never fetches it again.

use crate::api::client::{
    fetch_banners, fetch_most_viewed, fetch_photo_news, fetch_site, fetch_sns_tv, fetch_weather,
};
use crate::api::models::{Banners, MostViewed, PhotoNews, Site, SnsTv, Weather};
use crate::api::ApiResource;
use leptos::prelude::*;

/// The shared resources. Each fails alone: a widget whose endpoint fails shows its own notice.
#[derive(Clone, Copy)]
pub struct SharedData {
    pub site: ApiResource<Site>,
    pub weather: ApiResource<Weather>,
    pub most_viewed: ApiResource<MostViewed>,
    pub photo_news: ApiResource<PhotoNews>,
    pub sns_tv: ApiResource<SnsTv>,
    pub banners: ApiResource<Banners>,
}

impl SharedData {
    /// Starts the requests and provides the resources to the components below. The client
    /// sends them after the page's own request (see `get_value` in `api/client.rs`).
    pub fn provide() -> Self {
        let shared = Self {
            site: ApiResource::new(fetch_site),
            weather: ApiResource::new(fetch_weather),
            most_viewed: ApiResource::new(fetch_most_viewed),
            photo_news: ApiResource::new(fetch_photo_news),
            sns_tv: ApiResource::new(fetch_sns_tv),
            banners: ApiResource::new(fetch_banners),
        };
        provide_context(shared);
        shared
    }

    /// The resources provided by [`SharedData::provide`] above this component.
    pub fn get() -> Self {
        expect_context()
    }
}
