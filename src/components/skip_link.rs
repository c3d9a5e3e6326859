//! 본문 바로가기: the first thing a keyboard reaches on every page.

use leptos::html;
use leptos::prelude::*;

/// 본문 바로가기: moves focus (not only the view) to the main content, as a skip link should.
#[component]
pub fn SkipLink(
    /// The page's `<main>`.
    target: NodeRef<html::Main>,
) -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href="#main"
            on:click=move |ev| {
                ev.prevent_default();
                if let Some(main) = target.get() {
                    let _ = main.focus();
                    main.scroll_into_view();
                }
            }
        >
            "본문 바로가기"
        </a>
    }
}
