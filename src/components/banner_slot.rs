//! Ad slots: top of page, beside the header, under the article, sidebar, footer.
//!
//! A slot shows the ads `banners.json` lists for it, in order: the paper's own banners (an
//! image with a link) and ad networks' units. A network's unit is a box of the declared size
//! (a blank `<canvas>` holds it, sized by its attributes, as the page's policy allows no inline
//! style): `js/ad-frames.js` puts the sandboxed frame of the slot document
//! (`public/ad-slot.html`, where the network's script runs) into it once the page has loaded,
//! the slot is settled and the box nears the viewport. The page never runs a network's script,
//! and its HTML holds no frame: a frame in the markup lets the browser paint the page half-read.

use crate::api::models::{Ad, AdSize, Banner, Banners, NetworkAd};
use crate::components::picture::Picture;
use crate::format::{encode_path_segment, safe_url};
use crate::state::SharedData;
use leptos::prelude::*;

/// The ads of the named slot. While `banners.json` loads, a prerendered page's own copy of it
/// (the layout it was drawn with) keeps each network unit's box and each banner's space in
/// place, so the page does not move when the answer arrives; without that copy the slot keeps
/// the standard size of its kind (see `style/main.css`). An empty, failing or unsafe slot takes
/// no space at all. Ads are marked 광고, outside the frame; banners link with
/// `rel="sponsored noopener"`.
#[component]
pub fn BannerSlot(name: &'static str) -> impl IntoView {
    let shared = SharedData::get();
    let class = format!("banner-slot banner-slot--{}", name.replace('_', "-"));
    move || match shared.banners.get() {
        Some(Ok(banners)) => {
            let ads = slot_ads(&banners, name);
            (!ads.is_empty()).then(|| {
                view! {
                    <div class=format!("{class} banner-slot--settled")>
                        {ads.into_iter().map(ad_view).collect_view()}
                    </div>
                }
                .into_any()
            })
        }
        Some(Err(_)) => None,
        None => {
            let layout = shared
                .banner_layout
                .with_value(|layout| layout.as_ref().map(|banners| slot_ads(banners, name)));
            let pending = format!("{class} banner-slot--pending");
            match layout {
                None => Some(
                    view! {
                        <div class=pending aria-hidden="true">
                            <div class="banner-slot__space"></div>
                        </div>
                    }
                    .into_any(),
                ),
                Some(ads) if ads.is_empty() => None,
                Some(ads) => Some(
                    view! {
                        <div class=pending aria-hidden="true">
                            {ads.into_iter().map(waiting_view).collect_view()}
                        </div>
                    }
                    .into_any(),
                ),
            }
        }
    }
}

/// The slot's ads that can be drawn: banners with safe addresses, and network units.
fn slot_ads(banners: &Banners, name: &str) -> Vec<Ad> {
    banners
        .slots
        .get(name)
        .map(|list| list.0.iter().filter(|ad| is_safe(ad)).cloned().collect())
        .unwrap_or_default()
}

fn is_safe(ad: &Ad) -> bool {
    match ad {
        Ad::House(banner) => {
            safe_url(&banner.href).is_some() && safe_url(&banner.image.src).is_some()
        }
        Ad::Network(_) => true,
    }
}

fn ad_view(ad: Ad) -> AnyView {
    match ad {
        Ad::House(banner) => house_banner(banner).into_any(),
        Ad::Network(unit) => network_unit(unit).into_any(),
    }
}

/// An ad as it stands while `banners.json` loads: a network unit's box as it will be, a
/// banner's standard space.
fn waiting_view(ad: Ad) -> AnyView {
    match ad {
        Ad::House(_) => view! { <div class="banner-slot__space"></div> }.into_any(),
        Ad::Network(unit) => network_unit(unit).into_any(),
    }
}

fn house_banner(ad: Banner) -> impl IntoView {
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

/// A network's unit: the 광고 label, then one box of the declared size, or two (the phone size
/// under 768 px and the other above; CSS shows one, and only a shown box is filled).
fn network_unit(ad: NetworkAd) -> impl IntoView {
    let title = ad.label.clone().unwrap_or_else(|| "광고".to_owned());
    let wide_class = match ad.phone_size {
        Some(_) => "ad-unit__box ad-unit__box--wide",
        None => "ad-unit__box",
    };
    let unit_box = |size: AdSize, class: &'static str| {
        view! {
            <div class=class data-ad=frame_fragment(&ad, size) data-title=title.clone()>
                <canvas class="ad-unit__space" width=size.width height=size.height aria-hidden="true"></canvas>
            </div>
        }
    };
    let wide = unit_box(ad.size, wide_class);
    let phone = ad
        .phone_size
        .map(|size| unit_box(size, "ad-unit__box ad-unit__box--phone"));
    view! {
        <div class="ad-unit">
            <span class="ad-unit__label">"광고"</span>
            {wide}
            {phone}
        </div>
    }
}

/// What the slot document reads from its address's fragment: the network, the unit, the
/// account if any, and the size of this frame.
pub fn frame_fragment(ad: &NetworkAd, size: AdSize) -> String {
    let mut fragment = format!(
        "network={}&unit={}",
        encode_path_segment(&ad.network),
        encode_path_segment(&ad.unit)
    );
    if let Some(account) = &ad.account {
        fragment.push_str("&account=");
        fragment.push_str(&encode_path_segment(account));
    }
    fragment.push_str(&format!("&w={}&h={}", size.width, size.height));
    fragment
}
