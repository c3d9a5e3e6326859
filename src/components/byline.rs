//! Who wrote the article and when it was published and updated.

use crate::api::models;
use crate::format::{kst_datetime, mailto};
use leptos::prelude::*;

/// Outlet, reporter (linked to a `mailto:` when the address is plain) and the 입력/수정
/// times in KST, the way Korean readers expect: `입력 2025.10.27 18:20`.
#[component]
pub fn Byline(
    byline: models::Byline,
    published_at: String,
    #[prop(optional)] updated_at: Option<String>,
) -> impl IntoView {
    let email = byline.email.as_deref().and_then(mailto).map(|href| {
        let address = byline.email.clone().unwrap_or_default();
        view! { <a class="byline__email" href=href>{address}</a> }
    });
    let published = kst_datetime(&published_at).map(|shown| {
        view! { <span class="byline__time">"입력 "<time datetime=published_at>{shown}</time></span> }
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
            <p class="byline__who">
                <span class="byline__outlet">{byline.outlet}</span>
                <span class="byline__reporter">{byline.reporter}" 기자"</span>
                {email}
            </p>
            <p class="byline__times">{published}{updated}</p>
        </div>
    }
}
