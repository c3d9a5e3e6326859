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
            let line = |label: &'static str, value: Option<String>| {
                value
                    .map(|value| view! { <span class="site-footer__item">{label}" "{value}</span> })
            };
            let footer = site.footer.map(|footer| {
                view! {
                    <p class="site-footer__details">
                        {line("발행", Some(footer.publisher))}
                        {line("주소", footer.address)}
                        {line("전화", footer.phone)}
                        {line("등록번호", footer.registration)}
                    </p>
                    {footer.copyright.map(|text| view! {
                        <p class="site-footer__copyright">{text}</p>
                    })}
                }
            });
            view! {
                <p class="site-footer__name">{site.name}</p>
                {footer}
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
