//! `/section/:slug?page=N`: one page of a section's articles.

use crate::api::client::fetch_section_page;
use crate::api::models::SectionPage;
use crate::api::{ApiError, ApiResource};
use crate::components::article_list::ArticleList;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::navigation::PageHeading;
use crate::pages::not_found::NotFound;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Loads the section page in the URL; an unknown section or page is the not-found page.
#[component]
pub fn SectionPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let listing = ApiResource::new(move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let page = routes::page_number(
            params.read().get("page").as_deref(),
            query.read().get("page").as_deref(),
        );
        async move { fetch_section_page(&slug, page).await }
    });
    let main = move || match listing.get() {
        None => {
            view! { <div class="page-loading" aria-busy="true">"기사를 불러오는 중입니다"</div> }
                .into_any()
        }
        Some(Ok(page)) if page.page > page.total_pages => view! { <NotFound/> }.into_any(),
        Some(Ok(page)) => section_view(page).into_any(),
        Some(Err(ApiError::NotFound)) => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorNotice error=error what="기사 목록" on_retry=move || listing.refetch()/>
        }
        .into_any(),
    };
    view! {
        <PageGrid>{main}</PageGrid>
    }
}

fn section_view(page: SectionPage) -> impl IntoView {
    let slug = page.section.slug.clone();
    let page_href = move |n: u32| routes::section(&slug, n);
    let numbers = (1..=page.total_pages)
        .map(|n| {
            let current = (n == page.page).then_some("page");
            view! { <li><a href=page_href(n) aria-current=current>{n}</a></li> }
        })
        .collect_view();
    let prev = (page.page > 1).then(|| view! { <A href=page_href(page.page - 1)>"이전"</A> });
    let next = (page.page < page.total_pages)
        .then(|| view! { <A href=page_href(page.page + 1)>"다음"</A> });
    view! {
        <PageMeta
            title={
                if page.page > 1 {
                    format!("{} ({}쪽)", page.section.name, page.page)
                } else {
                    page.section.name.clone()
                }
            }
            description=format!("{} 분야의 최신 기사", page.section.name)
            address=routes::section(&page.section.slug, page.page)
        />
        <section class="section-page">
            <PageHeading class="section-page__title">{page.section.name}</PageHeading>
            <ArticleList articles=page.articles detailed=true/>
            <nav class="pagination" aria-label="페이지">
                {prev}
                <ul class="pagination__pages">{numbers}</ul>
                {next}
            </nav>
        </section>
    }
}
