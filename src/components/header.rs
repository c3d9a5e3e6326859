//! The site header: the paper's name or logo, and the section menu from `site.json`.

use crate::components::banner_slot::BannerSlot;
use crate::components::error_notice::ErrorNotice;
use crate::components::picture::Picture;
use crate::components::search_box::HeaderSearch;
use crate::components::weather_strip::WeatherStrip;
use crate::config;
use crate::format::aria_bool;
use crate::page_names::OPEN_CLASS;
use crate::preferences::{set_theme, theme, Theme};
use crate::routes;
use crate::state::{CurrentSection, SharedData};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The header shown on every page: the date and weather strip, the top ad, the paper's name and
/// the section menu, all inside the page's banner landmark. Until `site.json` arrives it keeps
/// its final height, and if it fails the reader still gets a link home and a retry for the menu.
#[component]
pub fn Header() -> impl IntoView {
    let site = SharedData::get().site;
    let brand = move || match site.get() {
        Some(Ok(site)) => match site.logo {
            Some(logo) => view! { <Picture image=logo priority=true/> }.into_any(),
            None => view! { <span class="site-header__name">{site.name}</span> }.into_any(),
        },
        _ => view! { <span class="site-header__name">{config::site_name().unwrap_or("홈")}</span> }
            .into_any(),
    };
    let tagline = move || {
        site.get()
            .and_then(Result::ok)
            .and_then(|site| site.tagline)
            .map(|tagline| view! { <p class="site-header__tagline">{tagline}</p> })
    };
    let location = use_location();
    let current_section = CurrentSection::get();
    let menu = move || match site.get() {
        None => {
            view! { <li class="section-menu__loading">"메뉴를 불러오는 중입니다"</li> }.into_any()
        }
        Some(Ok(site)) => site
            .sections
            .into_iter()
            .map(|section| {
                let href = routes::section(&section.slug, 1);
                // "page" on the section's own pages; "true" on an article of that section.
                // A plain link: the router takes over clicks on every same-site link.
                let current = {
                    let href = href.clone();
                    move || {
                        if location.pathname.get() == href {
                            Some("page")
                        } else if current_section.is(&section.slug) {
                            Some("true")
                        } else {
                            None
                        }
                    }
                };
                view! { <li><a href=href aria-current=current>{section.name}</a></li> }
            })
            .collect_view()
            .into_any(),
        Some(Err(error)) => view! {
            <li><ErrorNotice error=error what="메뉴" on_retry=move || site.refetch()/></li>
        }
        .into_any(),
    };
    // On phones the menu folds behind a button; it closes again when the reader moves on.
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        // `get`, not `track`: a memo nobody has read does not reliably wake the effect.
        let _ = location.pathname.get();
        menu_open.set(false);
    });
    view! {
        <header class="site-header">
            <WeatherStrip/>
            <BannerSlot name="top"/>
            <div class="site-header__inner">
                <A href=routes::HOME exact=true attr:class="site-header__brand">{brand}</A>
                {tagline}
                <BannerSlot name="header_side"/>
                <HeaderSearch/>
                // On phones the star alone; its words stay for screen readers (style/main.css).
                <A href=routes::SAVED attr:class="header-saved">
                    <span aria-hidden="true">"★"</span>
                    <span class="header-saved__text">"저장한 기사"</span>
                </A>
                <ThemeToggle/>
            </div>
            <nav class="section-menu" aria-label="섹션">
                <button
                    type="button"
                    class="section-menu__toggle"
                    aria-expanded=move || aria_bool(menu_open.get())
                    aria-controls="section-menu-list"
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">"☰ "</span>"전체 메뉴"
                </button>
                <ul
                    class="section-menu__list"
                    id="section-menu-list"
                    class=(OPEN_CLASS, move || menu_open.get())
                >
                    <li><A href=routes::HOME exact=true>"홈"</A></li>
                    {menu}
                </ul>
            </nav>
        </header>
    }
}

/// 다크 모드: follows the system until the reader chooses, then remembers the choice.
#[component]
fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(theme() == Theme::Dark);
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || aria_bool(dark.get())
            on:click=move |_| {
                let next = !dark.get_untracked();
                set_theme(if next { Theme::Dark } else { Theme::Light });
                dark.set(next);
            }
        >
            <span aria-hidden="true">{move || if dark.get() { "☀" } else { "☾" }}</span>
            <span class="theme-toggle__text">"다크 모드"</span>
        </button>
    }
}
