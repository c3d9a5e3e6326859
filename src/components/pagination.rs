//! The page numbers under a paged list (section and keyword pages), with 이전 and 다음.

use leptos::prelude::*;
use leptos_router::components::A;

/// Links to every page of a list: `href(n)` is page `n`'s address, `current` the one shown.
#[component]
pub fn Pagination(
    current: u32,
    total: u32,
    href: fn(&str, u32) -> String,
    key: String,
) -> impl IntoView {
    let page_href = move |n: u32| href(&key, n);
    let numbers = (1..=total)
        .map(|n| {
            let here = (n == current).then_some("page");
            view! { <li><a href=page_href(n) aria-current=here>{n}</a></li> }
        })
        .collect_view();
    // `exact`: page 1's address is the start of every other page's, and 이전 is not the page
    // the reader is on.
    let prev =
        (current > 1).then(|| view! { <A href=page_href(current - 1) exact=true>"이전"</A> });
    let next =
        (current < total).then(|| view! { <A href=page_href(current + 1) exact=true>"다음"</A> });
    view! {
        <nav class="pagination" aria-label="페이지">
            {prev}
            <ul class="pagination__pages">{numbers}</ul>
            {next}
        </nav>
    }
}
