//! Data that every page shows, loaded once per visit and shared through context, so moving
//! between pages never fetches it again.

use crate::api::client::{
    fetch_banners, fetch_most_viewed, fetch_photo_news, fetch_site, fetch_sns_tv, fetch_weather,
};
use crate::api::models::{Banners, MostViewed, PhotoNews, Site, SnsTv, Weather};
use crate::api::ApiError;
use leptos::prelude::*;

/// One endpoint's data as the page sees it: loading (`None`), failed, or loaded.
pub type Shared<T> = LocalResource<Result<T, ApiError>>;

/// The shared resources. Each fails alone: a widget whose endpoint fails shows its own notice.
#[derive(Clone, Copy)]
pub struct SharedData {
    pub site: Shared<Site>,
    pub weather: Shared<Weather>,
    pub most_viewed: Shared<MostViewed>,
    pub photo_news: Shared<PhotoNews>,
    pub sns_tv: Shared<SnsTv>,
    pub banners: Shared<Banners>,
}

impl SharedData {
    /// Starts every request at once and provides the resources to the components below.
    pub fn provide() -> Self {
        let shared = Self {
            site: LocalResource::new(fetch_site),
            weather: LocalResource::new(fetch_weather),
            most_viewed: LocalResource::new(fetch_most_viewed),
            photo_news: LocalResource::new(fetch_photo_news),
            sns_tv: LocalResource::new(fetch_sns_tv),
            banners: LocalResource::new(fetch_banners),
        };
        provide_context(shared);
        shared
    }

    /// The resources provided by [`SharedData::provide`] above this component.
    pub fn get() -> Self {
        expect_context()
    }
}
