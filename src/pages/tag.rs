//! `/tag/:keyword` and `/tag/:keyword/:page`: one page of a keyword's articles, newest first
//! (`tags/{keyword}/{page}.json`, an extension of the contract).

use crate::api::client::fetch_tag_page;
use crate::api::models;
use crate::api::{ApiError, ApiResource};
use crate::components::article_list::ArticleList;
use crate::components::loaded::{Loaded, Missing};
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::navigation::PageHeading;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Loads the keyword page in the URL. A keyword the API has no list for (a CMS without the
/// extension, a keyword no article carries any more) offers a search for it instead; a page
/// past the last is the not-found page.
#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let listing = ApiResource::new(move || {
        let keyword = params.read().get("keyword").unwrap_or_default();
        let page = routes::page_number(params.read().get("page").as_deref(), None);
        async move {
            match fetch_tag_page(&keyword, page).await {
                Ok(listing) if listing.page > listing.total_pages => Err(ApiError::NotFound),
                Ok(listing) => Ok(Ok(listing)),
                // The keyword travels with the answer, so the page never names another one.
                Err(ApiError::NotFound) if page == 1 && !keyword.trim().is_empty() => {
                    Ok(Err(keyword))
                }
                Err(error) => Err(error),
            }
        }
    });
    view! {
        <PageGrid>
            <Loaded resource=listing what="기사 목록" missing=Missing::NotFoundPage let:page>
                {match page {
                    Ok(page) => tag_view(page).into_any(),
                    Err(keyword) => no_list(keyword).into_any(),
                }}
            </Loaded>
        </PageGrid>
    }
}

fn tag_view(page: models::TagPage) -> impl IntoView {
    let title = crate::seo::paged_title(&format!("#{} 관련 기사", page.tag), page.page);
    let description = format!("‘{}’ 키워드의 최신 기사", page.tag);
    let address = routes::tag(&page.tag, page.page);
    let heading = format!("#{}", page.tag);
    let feed =
        routes::tag_feed(&page.tag).map(|feed| (format!("‘{}’ 키워드 기사", page.tag), feed));
    view! {
        <PageMeta title=title description=description address=address feed=feed/>
        <section class="section-page">
            <p class="section-page__kind">"키워드"</p>
            <PageHeading class="section-page__title">{heading}</PageHeading>
            <ArticleList articles=page.articles detailed=true/>
            <Pagination current=page.page total=page.total_pages href=routes::tag key=page.tag/>
        </section>
    }
}

/// The keyword has no list: say so, and offer the search for it.
fn no_list(keyword: String) -> impl IntoView {
    let (title, address, search) = (
        format!("#{keyword}"),
        routes::tag(&keyword, 1),
        routes::search(&keyword),
    );
    let heading = format!("#{keyword}");
    view! {
        <PageMeta title=title address=address/>
        <section class="section-page">
            <p class="section-page__kind">"키워드"</p>
            <PageHeading class="section-page__title">{heading}</PageHeading>
            <p class="section-page__empty">"이 키워드의 기사 목록이 없습니다."</p>
            <p>
                <A href=search>"‘"{keyword}"’ 검색 결과 보기"</A>
            </p>
        </section>
    }
}
