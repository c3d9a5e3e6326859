//! Who wrote the article and when it was published and updated.

use crate::api::models;
use crate::format::{kst_datetime, mailto};
use crate::routes;
use leptos::prelude::*;

/// Outlet, reporter (linked to their page, and their address to a `mailto:`, where the API
/// gives them) and the 입력/수정
/// times in KST, the way Korean readers expect: `입력 2025.10.27 18:20`.
#[component]
pub fn Byline(
    /// Absent for a press release or a wire story: only the times are shown.
    byline: Option<models::Byline>,
    published_at: Option<String>,
    updated_at: Option<String>,
    /// 읽는 데 약 N분, when known.
    #[prop(optional)]
    reading_minutes: Option<usize>,
) -> impl IntoView {
    let who = byline.map(|byline| {
        let email = byline.email.as_deref().and_then(mailto).map(|href| {
            let address = byline.email.clone().unwrap_or_default();
            view! { <a class="byline__email" href=href>{address}</a> }
        });
        let outlet = byline
            .outlet
            .map(|outlet| view! { <span class="byline__outlet">{outlet}</span> });
        // The name links to the reporter's page where the API names one (a plain slug).
        let page = byline
            .reporter_slug
            .filter(|slug| routes::is_plain(slug))
            .map(|slug| routes::reporter(&slug, 1));
        let reporter = byline.reporter.map(|reporter| match page {
            Some(href) => view! {
                <span class="byline__reporter">
                    <a class="byline__reporter-link" href=href>{reporter}" 기자"</a>
                </span>
            }
            .into_any(),
            None => view! { <span class="byline__reporter">{reporter}" 기자"</span> }.into_any(),
        });
        // The spaces keep the words apart for the search index and text readers (the flex
        // layout does not draw them).
        view! { <p class="byline__who">{outlet}" "{reporter}" "{email}</p> }
    });
    let published = published_at.and_then(|published_at| {
        kst_datetime(&published_at).map(|shown| {
            view! {
                <span class="byline__time">
                    "입력 "
                    <time datetime=published_at data-pagefind-meta="published[datetime]">
                        {shown}
                    </time>
                </span>
            }
        })
    });
    let updated = updated_at.and_then(|updated_at| {
        kst_datetime(&updated_at).map(|shown| {
            view! {
                <span class="byline__time">"수정 "<time datetime=updated_at>{shown}</time></span>
            }
        })
    });
    view! {
        <div class="byline">
            {who}
            <p class="byline__times">
                {published}" "{updated}" "
                {reading_minutes.map(|minutes| view! {
                    // Not part of the article for the search index.
                    <span class="byline__time byline__reading" data-pagefind-ignore>
                        {format!("읽는 데 약 {minutes}분")}
                    </span>
                })}
            </p>
        </div>
    }
}
