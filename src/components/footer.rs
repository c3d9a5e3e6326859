//! The footer with the publisher's details that Korean law asks news sites to show.

use crate::components::banner_slot::BannerSlot;
use crate::state::SharedData;
use leptos::prelude::*;

/// Publisher, address, phone, registration number and copyright from `site.json`.
/// It shows nothing but its frame when `site.json` is unavailable (the header offers the retry).
#[component]
pub fn Footer() -> impl IntoView {
    let site = SharedData::get().site;
    let details = move || {
        site.get().and_then(Result::ok).map(|site| {
            let footer = site.footer;
            let line = |label: &'static str, value: Option<String>| {
                value
                    .map(|value| view! { <span class="site-footer__item">{label}" "{value}</span> })
            };
            view! {
                <p class="site-footer__name">{site.name}</p>
                <p class="site-footer__details">
                    <span class="site-footer__item">"발행 "{footer.publisher}</span>
                    {line("주소", footer.address)}
                    {line("전화", footer.phone)}
                    {line("등록번호", footer.registration)}
                </p>
                <p class="site-footer__copyright">{footer.copyright}</p>
            }
        })
    };
    view! {
        <footer class="site-footer">
            <BannerSlot name="footer"/>
            <div class="site-footer__inner">{details}</div>
        </footer>
    }
}
