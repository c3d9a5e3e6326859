//! Ad banner slots: top of page, beside the header, under the article, sidebar, footer.

use crate::api::models::Banner;
use crate::components::picture::Picture;
use crate::format::safe_url;
use crate::state::SharedData;
use leptos::prelude::*;

/// The banners of the named slot from the shared `banners.json`. While loading, the slot
/// keeps the standard size of its kind (see `style/main.css`), so the page does not jump when
/// the ad arrives. An empty, failing or unsafe slot takes no space at all. Ads are marked 광고
/// and link with `rel="sponsored noopener"`.
#[component]
pub fn BannerSlot(name: &'static str) -> impl IntoView {
    let banners = SharedData::get().banners;
    let class = format!("banner-slot banner-slot--{}", name.replace('_', "-"));
    move || {
        let class = class.clone();
        match banners.get() {
            None => Some(
                view! {
                    <div class=format!("{class} banner-slot--pending") aria-hidden="true">
                        <div class="banner-slot__space"></div>
                    </div>
                }
                .into_any(),
            ),
            Some(Err(_)) => None,
            Some(Ok(banners)) => {
                let ads: Vec<Banner> = banners
                    .slots
                    .get(name)
                    .map(|list| list.0.iter().filter(|ad| is_safe(ad)).cloned().collect())
                    .unwrap_or_default();
                (!ads.is_empty()).then(|| {
                    view! {
                        <div class=class>
                            {ads.into_iter().map(banner).collect_view()}
                        </div>
                    }
                    .into_any()
                })
            }
        }
    }
}

fn is_safe(ad: &Banner) -> bool {
    safe_url(&ad.href).is_some() && safe_url(&ad.image.src).is_some()
}

fn banner(ad: Banner) -> impl IntoView {
    let mut image = ad.image;
    if image.alt.is_empty() {
        image.alt = ad.alt.unwrap_or_default();
    }
    view! {
        <a class="banner" href=ad.href target="_blank" rel="sponsored noopener">
            <span class="banner__label">"광고"</span>
            <Picture image=image/>
        </a>
    }
}
