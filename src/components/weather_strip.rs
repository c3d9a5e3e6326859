//! The strip at the very top: today's date in Korean and the weather of the Korean cities.

use crate::api::models::{CityWeather, Sky, Weather};
use crate::components::loaded::Loaded;
use crate::format::{korean_date, kst_time, parse_date, sky_label, temperature};
use crate::hooks::{use_attention, use_rotation};
use crate::kst::kst_date_from_millis;
use crate::state::SharedData;
use leptos::prelude::*;
use std::time::Duration;

/// How long each city shows on a phone before the next.
const CITY_PERIOD: Duration = Duration::from_secs(3);

/// `2025.10.27 (월)` and the cities' weather. If `weather.json` fails, the date (today in
/// KST) still shows, with a short notice and a retry in place of the cities.
#[component]
pub fn WeatherStrip() -> impl IntoView {
    let weather = SharedData::get().weather;
    let date = move || {
        weather
            .get()
            .and_then(Result::ok)
            .and_then(|weather| weather.date.as_deref().and_then(parse_date))
            // Today, in the browser only: a prerendered page must not keep a stale date.
            .or_else(|| {
                cfg!(target_arch = "wasm32")
                    .then(js_sys::Date::now)
                    .and_then(kst_date_from_millis)
            })
            .map(korean_date)
    };
    view! {
        <div class="weather-strip">
            <div class="weather-strip__inner">
                <p class="weather-strip__date">{date}</p>
                <Loaded resource=weather what="날씨" placeholder=placeholder let:weather>
                    <WeatherCities weather=weather/>
                </Loaded>
            </div>
        </div>
    }
}

fn placeholder() -> AnyView {
    view! { <div class="weather weather--loading" aria-hidden="true"></div> }.into_any()
}

/// The cities: all of them in a line on wide screens (as many as fit), one at a time on
/// phones, rotating unless hovered, focused, hidden or under reduced motion. Screen readers
/// read the whole list; nothing is announced as it rotates.
#[component]
pub fn WeatherCities(weather: Weather) -> impl IntoView {
    let count = weather.cities.len();
    let current = RwSignal::new(0usize);
    let attention = use_attention();
    use_rotation(
        current,
        count,
        CITY_PERIOD,
        Signal::derive(move || attention.held()),
    );
    let cities = weather
        .cities
        .into_iter()
        .enumerate()
        .map(|(i, city)| city_item(city, Signal::derive(move || current.get() == i)))
        .collect_view();
    let provider = weather.provider.unwrap_or_else(|| "기상청".to_owned());
    let observed = weather
        .observed_at
        .as_deref()
        .and_then(kst_time)
        .map(|time| format!(" · {time} 기준"));
    view! {
        <div class="weather" {..attention.listeners()}>
            <ul class="weather__cities" aria-label="전국 날씨" tabindex="0">{cities}</ul>
            <p class="weather__credit">{provider}" 제공"{observed}</p>
        </div>
    }
}

fn city_item(city: CityWeather, is_current: Signal<bool>) -> impl IntoView {
    let sky = city
        .sky
        .and_then(|sky| sky_label(sky).map(|label| (sky, label)));
    view! {
        <li class="weather__city" class:is-current=is_current>
            <span class="weather__name">{city.name}</span>
            {sky.map(|(sky, label)| view! {
                {sky_icon(sky)}
                <span class="weather__sky">{label}</span>
            })}
            <span class="weather__temp">{temperature(city.temp_c)}</span>
        </li>
    }
}

/// A small inline icon for the sky (no icon font to download). Decorative: the word is there.
fn sky_icon(sky: Sky) -> impl IntoView {
    const CLOUD: &str = "M7 19h10a4 4 0 0 0 .6-7.96A5.5 5.5 0 0 0 7.1 10 4.5 4.5 0 0 0 7 19z";
    let sun = matches!(sky, Sky::Clear | Sky::PartlyCloudy);
    let cloud = !matches!(sky, Sky::Clear);
    let rain = matches!(sky, Sky::Rain | Sky::Shower | Sky::RainSnow);
    let snow = matches!(sky, Sky::Snow | Sky::RainSnow);
    let cloud_fill = if matches!(sky, Sky::Overcast | Sky::Rain | Sky::Shower) {
        "#8a94a6"
    } else {
        "#b8c2d3"
    };
    // The sun sits up and left, behind the cloud, when there is one.
    let sun_at = if cloud { "9" } else { "12" };
    view! {
        <svg
            class="weather__icon"
            viewBox="0 0 24 24"
            width="18"
            height="18"
            aria-hidden="true"
            focusable="false"
        >
            {sun.then(|| view! { <circle cx=sun_at cy=sun_at r="5" fill="#f5a623"/> })}
            {cloud.then(|| view! { <path d=CLOUD fill=cloud_fill/> })}
            {rain.then(|| view! {
                <path
                    d="M9 21l-1 2M13 21l-1 2"
                    stroke="#2f7de1"
                    stroke-width="1.6"
                    stroke-linecap="round"
                />
            })}
            {snow.then(|| view! { <circle cx="16" cy="22" r="1.2" fill="#6aa7ff"/> })}
        </svg>
    }
}
