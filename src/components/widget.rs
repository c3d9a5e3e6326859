//! The frame every side widget shares: a heading, an optional 더보기 link, and its content in
//! one of three states (loading placeholder, Korean error with retry, or the data).

use crate::api::ApiResource;
use crate::components::error_notice::ErrorNotice;
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

/// Shows a shared resource: `placeholder` (already the final size) while it loads, the Korean
/// error with a retry if it failed, and `view` of the data once it is there.
pub fn loaded<T, V>(
    resource: ApiResource<T>,
    what: &'static str,
    placeholder: fn() -> AnyView,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => placeholder(),
        Some(Ok(data)) => view(data).into_any(),
        Some(Err(error)) => {
            view! { <ErrorNotice error=error what=what on_retry=move || resource.refetch()/> }
                .into_any()
        }
    }
}
