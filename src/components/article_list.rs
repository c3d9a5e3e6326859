//! A list of article summaries linking to their pages: home blocks, related articles.

use crate::api::models::Summary;
use crate::components::picture::Picture;
use crate::format::kst_datetime;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// Article summaries as a list of links, optionally with thumbnail, summary and time.
#[component]
pub fn ArticleList(
    articles: Vec<Summary>,
    /// Show thumbnails and summaries (section and home blocks) or titles only (related).
    #[prop(optional)]
    detailed: bool,
) -> impl IntoView {
    let items = articles
        .into_iter()
        .map(|article| {
            let href = routes::article(&article.id);
            let time = article
                .published_at
                .as_deref()
                .and_then(kst_datetime)
                .map(|shown| view! { <span class="article-list__time">{shown}</span> });
            let thumbnail = article
                .thumbnail
                .filter(|_| detailed)
                .map(|image| view! { <Picture image=image sizes="160px"/> });
            let summary = article
                .summary
                .filter(|_| detailed)
                .map(|text| view! { <p class="article-list__summary">{text}</p> });
            view! {
                <li class="article-list__item">
                    <A href=href>
                        {thumbnail}
                        <span class="article-list__title">{article.title}</span>
                    </A>
                    {summary}
                    {time}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="article-list" class:article-list--detailed=detailed>{items}</ul> }
}
