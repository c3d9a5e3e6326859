//! The frame every side widget shares: a heading, an optional 더보기 link, and its content in
//! whatever state its data is in (see `loaded.rs`).

use leptos::prelude::*;
use leptos_router::components::A;

/// A titled block such as 가장 많이 본 뉴스 or SNS TV, with 더보기 when it has a list page.
#[component]
pub fn Widget(
    /// The heading readers see.
    title: &'static str,
    /// A short id for the heading, so the section is labelled by it.
    id: &'static str,
    /// The list page behind 더보기, if any.
    #[prop(optional)]
    more: Option<&'static str>,
    /// Extra class for the section, for the widget's own styles.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    view! {
        <section class=format!("widget {class}") aria-labelledby=labelled_by>
            <header class="widget__header">
                <h2 class="widget-title" id=heading_id>{title}</h2>
                {more.map(|href| view! {
                    <A href=href attr:class="widget__more" attr:aria-label=format!("{title} 더보기")>
                        "더보기"
                    </A>
                })}
            </header>
            {children()}
        </section>
    }
}
