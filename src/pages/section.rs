//! `/section/:slug?page=N`: one page of a section's articles.

use crate::api::client::fetch_section_page;
use crate::api::models::SectionPage;
use crate::api::{ApiError, ApiResource};
use crate::components::article_list::ArticleList;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::format::encode_path_segment;
use crate::navigation::page_address;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page number from `?page=`, 1 when absent or not a positive number.
pub fn page_number(query: Option<&str>) -> u32 {
    query
        .and_then(|page| page.trim().parse::<u32>().ok())
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

/// Loads the section page in the URL; an unknown section or page is the not-found page.
#[component]
pub fn SectionPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let listing = ApiResource::new(move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let page = page_number(query.read().get("page").as_deref());
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
    let base = format!("/section/{}", encode_path_segment(&page.section.slug));
    let page_href = move |n: u32| format!("{base}?page={n}");
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
        />
        <section class="section-page">
            <h1 class="section-page__title" data-page=page_address()>{page.section.name}</h1>
            <ArticleList articles=page.articles detailed=true/>
            <nav class="pagination" aria-label="페이지">
                {prev}
                <ul class="pagination__pages">{numbers}</ul>
                {next}
            </nav>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::page_number;

    #[test]
    fn page_numbers_start_at_one() {
        assert_eq!(page_number(None), 1);
        assert_eq!(page_number(Some("2")), 2);
        assert_eq!(page_number(Some("0")), 1);
        assert_eq!(page_number(Some("-3")), 1);
        assert_eq!(page_number(Some("abc")), 1);
    }
}
