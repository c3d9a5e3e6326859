//! The page's live parts mounted in headless Chromium: what they render, their Korean labels,
//! and the keyboard patterns of the carousel and the tabs.
#![cfg(target_arch = "wasm32")]
// Test helpers: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use leptos::prelude::*;
use leptos_router::components::Router;
use news_front::api::models::*;
use news_front::api::{ApiError, ApiResource};
use news_front::components::banner_slot::BannerSlot;
use news_front::components::most_viewed::MostViewedTabs;
use news_front::components::photo_carousel::PhotoCarouselView;
use news_front::components::sns_tv::VideoList;
use news_front::components::weather_strip::WeatherCities;
use news_front::state::SharedData;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;
use support::{all, mount, one, press, settle, texts};

wasm_bindgen_test_configure!(run_in_browser);

fn image(src: &str) -> Image {
    Image {
        src: src.into(),
        alt: "사진".into(),
        width: Some(1200),
        height: Some(800),
        srcset: vec![],
    }
}

fn summary(id: &str, title: &str) -> Summary {
    Summary {
        id: id.into(),
        title: title.into(),
        section: None,
        summary: None,
        thumbnail: None,
        published_at: None,
    }
}

fn photos(count: usize) -> Vec<PhotoItem> {
    (1..=count)
        .map(|n| PhotoItem {
            article_id: (n % 2 == 1).then(|| format!("{n}")),
            title: format!("사진 제목 {n}"),
            summary: Some(format!("사진 설명 {n}")),
            image: image(&format!("/img/p{n}.webp")),
        })
        .collect()
}

/// The index of the slide that is shown; exactly one must be.
fn shown_slide(root: &web_sys::HtmlElement) -> usize {
    let shown: Vec<usize> = all(root, ".carousel__slide")
        .iter()
        .enumerate()
        .filter(|(_, slide)| !slide.has_attribute("hidden"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(shown.len(), 1, "shown slides: {shown:?}");
    shown[0]
}

#[wasm_bindgen_test]
async fn carousel_follows_the_aria_carousel_pattern() {
    let root = mount(|| view! { <Router><PhotoCarouselView items=photos(5)/></Router> });
    settle().await;

    let carousel = one(&root, ".carousel");
    assert_eq!(
        carousel.get_attribute("aria-roledescription").as_deref(),
        Some("carousel")
    );
    let labels: Vec<String> = all(&root, ".carousel__slide")
        .iter()
        .map(|s| s.get_attribute("aria-label").unwrap())
        .collect();
    assert_eq!(labels, ["1 / 5", "2 / 5", "3 / 5", "4 / 5", "5 / 5"]);
    assert!(all(&root, ".carousel__slide")
        .iter()
        .all(|s| s.get_attribute("aria-roledescription").as_deref() == Some("slide")));
    assert_eq!(shown_slide(&root), 0);
    assert_eq!(texts(&root, ".carousel__title")[0], "사진 제목 1");
    // Odd items link to their article; even ones have no article_id and no link.
    assert_eq!(
        one(&root, ".carousel__slide a")
            .get_attribute("href")
            .as_deref(),
        Some("/article/1")
    );
    assert_eq!(all(&root, ".carousel__slide:nth-child(2) a").len(), 0);

    // Only the shown slide and its neighbours (wrapping) load their images now.
    let loading: Vec<String> = all(&root, ".carousel__slide img")
        .iter()
        .map(|img| img.get_attribute("loading").unwrap())
        .collect();
    assert_eq!(loading, ["eager", "eager", "lazy", "lazy", "eager"]);

    one(&root, ".carousel__next").click();
    settle().await;
    assert_eq!(shown_slide(&root), 1);
    assert_eq!(
        one(&root, ".carousel__next")
            .get_attribute("aria-label")
            .as_deref(),
        Some("다음 사진")
    );
    one(&root, ".carousel__prev").click();
    one(&root, ".carousel__prev").click();
    settle().await;
    assert_eq!(
        shown_slide(&root),
        4,
        "prev from the first wraps to the last"
    );

    press(&one(&root, ".carousel__next"), "ArrowRight");
    settle().await;
    assert_eq!(
        shown_slide(&root),
        0,
        "next from the last wraps to the first"
    );
    press(&one(&root, ".carousel__next"), "ArrowLeft");
    settle().await;
    assert_eq!(shown_slide(&root), 4);

    let dots = all(&root, ".carousel__dot");
    assert_eq!(dots.len(), 5);
    assert_eq!(
        dots[2].get_attribute("aria-label").as_deref(),
        Some("3번째 사진")
    );
    dots[2].unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(shown_slide(&root), 2);
    assert_eq!(
        dots[2].get_attribute("aria-current").as_deref(),
        Some("true")
    );
    assert_eq!(dots[0].get_attribute("aria-current"), None);

    let play = one(&root, ".carousel__play");
    assert_eq!(
        play.get_attribute("aria-label").as_deref(),
        Some("자동 넘김 멈추기")
    );
    play.click();
    settle().await;
    assert_eq!(
        play.get_attribute("aria-label").as_deref(),
        Some("자동 넘김 시작")
    );
    // Focus is inside and it is paused: the slides are announced politely.
    assert_eq!(
        one(&root, ".carousel__slides")
            .get_attribute("aria-live")
            .as_deref(),
        Some("polite")
    );
}

#[wasm_bindgen_test]
async fn a_single_photo_has_no_controls() {
    let root = mount(|| view! { <Router><PhotoCarouselView items=photos(1)/></Router> });
    settle().await;
    assert!(one(&root, ".carousel__controls").has_attribute("hidden"));
    assert!(one(&root, ".carousel__dots").has_attribute("hidden"));
    assert_eq!(shown_slide(&root), 0);
}

fn most_viewed(periods: &[(&str, &str, usize)]) -> MostViewed {
    MostViewed {
        updated_at: None,
        periods: periods
            .iter()
            .map(|(key, label, count)| MostViewedPeriod {
                key: key.to_string(),
                label: label.to_string(),
                articles: (1..=*count)
                    .map(|n| summary(&format!("{key}{n}"), &format!("{label} 기사 {n}")))
                    .collect(),
            })
            .collect(),
    }
}

#[wasm_bindgen_test]
async fn most_viewed_tabs_follow_the_aria_tabs_pattern() {
    let data = most_viewed(&[("day", "일간", 10), ("week", "주간", 10)]);
    let root = mount(move || view! { <Router><MostViewedTabs data=data/></Router> });
    settle().await;

    let tabs = all(&root, "[role=tab]");
    assert_eq!(texts(&root, "[role=tab]"), ["일간", "주간"]);
    assert_eq!(
        one(&root, "[role=tablist]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("기간")
    );
    let selected = || {
        all(&root, "[role=tab]")
            .iter()
            .map(|t| t.get_attribute("aria-selected").unwrap())
            .collect::<Vec<_>>()
    };
    let panels_hidden = || {
        all(&root, "[role=tabpanel]")
            .iter()
            .map(|p| p.has_attribute("hidden"))
            .collect::<Vec<_>>()
    };
    assert_eq!(selected(), ["true", "false"]);
    assert_eq!(panels_hidden(), [false, true]);
    assert_eq!(tabs[0].get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(tabs[1].get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(
        tabs[0].get_attribute("aria-controls"),
        all(&root, "[role=tabpanel]")[0].get_attribute("id")
    );

    // Ranked 1..10, in the API's order.
    let first_panel = &all(&root, "[role=tabpanel]")[0];
    let ranks: Vec<String> = (0..10)
        .map(|i| {
            first_panel
                .query_selector_all(".ranked__rank")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(ranks, (1..=10).map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(
        texts(&root, "[role=tabpanel]:not([hidden]) .ranked__item a")[0],
        "일간 기사 1"
    );

    tabs[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    press(&tabs[0], "ArrowRight");
    settle().await;
    assert_eq!(selected(), ["false", "true"]);
    assert_eq!(panels_hidden(), [true, false]);
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(focused.id(), tabs[1].id(), "focus follows the selected tab");
    press(&tabs[1], "ArrowRight");
    settle().await;
    assert_eq!(selected(), ["true", "false"], "ArrowRight wraps around");
    press(&tabs[0], "End");
    settle().await;
    assert_eq!(selected(), ["false", "true"]);
    press(&tabs[1], "Home");
    settle().await;
    assert_eq!(selected(), ["true", "false"]);

    tabs[1].unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(selected(), ["false", "true"]);
    assert_eq!(
        texts(&root, "[role=tabpanel]:not([hidden]) .ranked__item a")[0],
        "주간 기사 1"
    );
}

#[wasm_bindgen_test]
async fn one_period_shows_its_list_without_tabs() {
    let data = most_viewed(&[("day", "일간", 3), ("week", "주간", 0)]);
    let root = mount(move || view! { <Router><MostViewedTabs data=data/></Router> });
    settle().await;
    assert_eq!(all(&root, "[role=tab]").len(), 0);
    assert_eq!(
        texts(&root, ".ranked__item a"),
        ["일간 기사 1", "일간 기사 2", "일간 기사 3"]
    );
}

#[wasm_bindgen_test]
async fn weather_shows_korean_sky_and_temperatures() {
    let weather = Weather {
        date: Some("2026-11-24".into()),
        observed_at: Some("2026-11-24T10:00:00+09:00".into()),
        provider: Some("기상청".into()),
        cities: vec![
            CityWeather {
                name: "서울".into(),
                sky: Some(Sky::PartlyCloudy),
                temp_c: 8.4,
            },
            CityWeather {
                name: "제주".into(),
                sky: Some(Sky::Shower),
                temp_c: 16.5,
            },
            CityWeather {
                name: "백령도".into(),
                sky: None,
                temp_c: -2.0,
            },
            CityWeather {
                name: "독도".into(),
                sky: Some(Sky::Unknown),
                temp_c: 12.0,
            },
        ],
    };
    let root = mount(move || view! { <WeatherCities weather=weather/> });
    settle().await;
    assert_eq!(
        one(&root, ".weather__cities")
            .get_attribute("aria-label")
            .as_deref(),
        Some("전국 날씨")
    );
    assert_eq!(
        texts(&root, ".weather__name"),
        ["서울", "제주", "백령도", "독도"]
    );
    assert_eq!(texts(&root, ".weather__sky"), ["구름조금", "소나기"]);
    assert_eq!(
        texts(&root, ".weather__temp"),
        ["8.4℃", "16.5℃", "-2℃", "12℃"]
    );
    assert_eq!(all(&root, "svg[aria-hidden=true]").len(), 2);
    assert_eq!(
        texts(&root, ".weather__credit"),
        ["기상청 제공 · 10:00 기준"]
    );
    // One city is current at a time (the CSS shows only it on phones).
    assert_eq!(all(&root, ".weather__city.is-current").len(), 1);
}

#[wasm_bindgen_test]
async fn videos_open_in_a_new_tab_with_their_length() {
    let video = |title: &str, url: &str, seconds| Video {
        title: title.into(),
        url: url.into(),
        thumbnail: image("/img/tv.webp"),
        duration_s: seconds,
    };
    let videos = vec![
        video("첫 영상", "https://tv.example/1", Some(205)),
        video("나쁜 영상", "javascript:alert(1)", Some(10)),
        video("둘째 영상", "https://tv.example/2", None),
        video("셋째 영상", "https://tv.example/3", Some(3723)),
    ];
    let root = mount(move || view! { <VideoList videos=videos limit=2/> });
    settle().await;
    assert_eq!(texts(&root, ".video-list__title"), ["첫 영상", "둘째 영상"]);
    assert_eq!(texts(&root, ".video-list__duration"), ["재생 시간 3:25"]);
    for link in all(&root, "a") {
        assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
        assert_eq!(
            link.get_attribute("rel").as_deref(),
            Some("noopener noreferrer")
        );
        assert!(link
            .get_attribute("href")
            .unwrap()
            .starts_with("https://tv.example/"));
    }
}

/// Shared data whose banners are `banners` and whose other endpoints all fail.
fn shared_with_banners(banners: Option<Result<Banners, ApiError>>) -> SharedData {
    fn failing<T: Clone + 'static>() -> ApiResource<T> {
        ApiResource::new(|| async { Err(ApiError::Http(500)) })
    }
    let banners = ApiResource::new(move || {
        let banners = banners.clone();
        async move {
            match banners {
                Some(result) => result,
                // Never resolves: the slot stays in its loading state.
                None => std::future::pending().await,
            }
        }
    });
    let shared = SharedData {
        site: failing(),
        weather: failing(),
        most_viewed: failing(),
        photo_news: failing(),
        sns_tv: failing(),
        banners,
        banner_layout: StoredValue::new_local(None),
    };
    provide_context(shared);
    shared
}

fn banner(href: &str, src: &str) -> Ad {
    Ad::House(Banner {
        image: image(src),
        href: href.into(),
        alt: Some("광고 문구".into()),
    })
}

#[wasm_bindgen_test]
async fn banners_are_marked_sponsored_and_unsafe_ones_dropped() {
    let mut slots = BTreeMap::new();
    slots.insert(
        "sidebar".to_string(),
        BannerList(vec![
            banner("https://ad.example/a", "/img/ad/a.webp"),
            banner("javascript:alert(1)", "/img/ad/b.webp"),
            banner("https://ad.example/c", "data:image/png;base64,AAAA"),
            banner("/subscribe", "/img/ad/d.webp"),
        ]),
    );
    slots.insert(
        "top".to_string(),
        BannerList(vec![banner("javascript:x", "/img/x.webp")]),
    );
    let root = mount(move || {
        shared_with_banners(Some(Ok(Banners { slots })));
        view! {
            <BannerSlot name="sidebar"/>
            <BannerSlot name="top"/>
            <BannerSlot name="footer"/>
        }
    });
    settle().await;
    let links = all(&root, "a.banner");
    let hrefs: Vec<String> = links
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(hrefs, ["https://ad.example/a", "/subscribe"]);
    assert!(links
        .iter()
        .all(|a| a.get_attribute("rel").as_deref() == Some("sponsored noopener")));
    assert_eq!(texts(&root, ".banner__label"), ["광고", "광고"]);
    // A slot with nothing safe, and a slot the API does not have, take no space at all.
    assert_eq!(all(&root, ".banner-slot").len(), 1);
}

#[wasm_bindgen_test]
async fn banner_slots_reserve_space_while_loading_and_vanish_on_failure() {
    let root = mount(|| {
        shared_with_banners(None);
        view! { <BannerSlot name="sidebar"/> }
    });
    settle().await;
    assert_eq!(all(&root, ".banner-slot--pending").len(), 1);

    let failed = mount(|| {
        shared_with_banners(Some(Err(ApiError::Http(503))));
        view! { <BannerSlot name="sidebar"/> }
    });
    settle().await;
    assert_eq!(failed.children().length(), 0, "{}", failed.inner_html());
}

fn network_unit(unit: &str, phone: Option<AdSize>) -> Ad {
    Ad::Network(NetworkAd {
        network: "adfit".into(),
        unit: unit.into(),
        account: None,
        size: AdSize {
            width: 300,
            height: 250,
        },
        phone_size: phone,
        label: Some("카카오 광고".into()),
    })
}

#[wasm_bindgen_test]
async fn network_units_are_boxes_of_their_size_with_the_label_outside_and_no_frame() {
    let mut slots = BTreeMap::new();
    slots.insert(
        "sidebar".to_string(),
        BannerList(vec![
            network_unit(
                "DAN-1",
                Some(AdSize {
                    width: 320,
                    height: 100,
                }),
            ),
            banner("https://ad.example/a", "/img/ad/a.webp"),
        ]),
    );
    let root = mount(move || {
        shared_with_banners(Some(Ok(Banners { slots })));
        view! { <BannerSlot name="sidebar"/> }
    });
    settle().await;
    assert_eq!(all(&root, ".banner-slot--settled").len(), 1);
    // The page holds no frame of its own: js/ad-frames.js adds it.
    assert_eq!(all(&root, "iframe").len(), 0);
    assert_eq!(texts(&root, ".ad-unit > .ad-unit__label"), ["광고"]);
    let boxes = all(&root, ".ad-unit__box");
    assert_eq!(boxes.len(), 2);
    assert_eq!(
        boxes[0].get_attribute("data-ad").as_deref(),
        Some("network=adfit&unit=DAN-1&w=300&h=250")
    );
    assert_eq!(
        boxes[1].get_attribute("data-title").as_deref(),
        Some("카카오 광고")
    );
    let spaces = all(&root, ".ad-unit__space");
    let size = |i: usize| {
        (
            spaces[i].get_attribute("width").unwrap(),
            spaces[i].get_attribute("height").unwrap(),
        )
    };
    assert_eq!(size(0), ("300".into(), "250".into()));
    assert_eq!(size(1), ("320".into(), "100".into()));
    // No byline, no article look: the house banner beside it keeps its own label.
    assert_eq!(all(&root, ".byline").len(), 0);
    assert_eq!(all(&root, "a.banner").len(), 1);
}

#[wasm_bindgen_test]
async fn while_banners_load_a_prerendered_layout_keeps_each_units_box() {
    let mut slots = BTreeMap::new();
    slots.insert(
        "sidebar".to_string(),
        BannerList(vec![
            network_unit("DAN-1", None),
            banner("https://ad.example/a", "/img/ad/a.webp"),
        ]),
    );
    let root = mount(move || {
        let shared = shared_with_banners(None);
        shared.banner_layout.set_value(Some(Banners { slots }));
        view! {
            <BannerSlot name="sidebar"/>
            <BannerSlot name="top"/>
        }
    });
    settle().await;
    // Still loading: the unit's box and the banner's space, nothing to load yet; a slot the
    // layout does not have takes no space.
    assert_eq!(all(&root, ".banner-slot--pending").len(), 1);
    assert_eq!(all(&root, ".banner-slot--settled").len(), 0);
    assert_eq!(all(&root, ".ad-unit__space").len(), 1);
    assert_eq!(all(&root, ".banner-slot__space").len(), 1);
    assert_eq!(all(&root, "a.banner").len(), 0);
}
