//! The footer with the publisher's details that Korean law asks news sites to show.

use crate::api::models::Footer as Details;
use crate::components::banner_slot::BannerSlot;
use crate::routes;
use crate::state::SharedData;
use leptos::prelude::*;
use leptos_router::components::A;

/// The paper's name, the policy links, and the details an internet newspaper must show (신문법
/// 제9조, 청소년 보호법): 발행소, address, phone, 등록번호 and 등록일, 발행인, 편집인,
/// 청소년보호책임자; then the copyright. Each shows only when `site.json` has it. It shows
/// nothing but its frame when `site.json` is unavailable (the header offers the retry).
#[component]
pub fn Footer() -> impl IntoView {
    let site = SharedData::get().site;
    let details = move || {
        site.get().and_then(Result::ok).map(|site| {
            view! {
                <p class="site-footer__name">{site.name}</p>
                {site.footer.map(details)}
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

fn details(footer: Details) -> impl IntoView {
    let item = |label: &'static str, value: Option<String>| {
        value.map(|value| {
            view! {
                <div class="site-footer__item">
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
    };
    // 개인정보처리방침 is set in bold, as the privacy commission's guideline asks.
    let policies = (!footer.policies.is_empty()).then(|| {
        let links = footer
            .policies
            .into_iter()
            .map(|policy| {
                let class = if policy.slug == "privacy" {
                    "site-footer__policy site-footer__policy--privacy"
                } else {
                    "site-footer__policy"
                };
                view! { <li><A href=routes::policy(&policy.slug) attr:class=class>{policy.title}</A></li> }
            })
            .collect_view();
        view! {
            <nav class="site-footer__policies" aria-label="약관 및 정책">
                <ul>{links}</ul>
            </nav>
        }
    });
    view! {
        {policies}
        <dl class="site-footer__details">
            {item("발행소", Some(footer.publisher))}
            {item("주소", footer.address)}
            {item("전화", footer.phone)}
            {item("등록번호", footer.registration)}
            {item("등록일", footer.registered_on)}
            {item("발행인", footer.issuer)}
            {item("편집인", footer.editor)}
            {item("청소년보호책임자", footer.youth_officer)}
        </dl>
        {footer.copyright.map(|text| view! { <p class="site-footer__copyright">{text}</p> })}
    }
}
