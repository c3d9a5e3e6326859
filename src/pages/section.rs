//! `/section/:slug?page=N`: one page of a section's articles.

use crate::api::client::fetch_section_page;
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
use leptos_router::hooks::{use_params_map, use_query_map};

/// Loads the section page in the URL; an unknown section or page is the not-found page.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let listing = ApiResource::new(move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let page = routes::page_number(
            params.read().get("page").as_deref(),
            query.read().get("page").as_deref(),
        );
        async move {
            // A page past the last is not there, like an unknown section.
            fetch_section_page(&slug, page).await.and_then(|listing| {
                match listing.page > listing.total_pages {
                    true => Err(ApiError::NotFound),
                    false => Ok(listing),
                }
            })
        }
    });
    view! {
        <PageGrid>
            <Loaded resource=listing what="기사 목록" missing=Missing::NotFoundPage let:page>
                {section_view(page)}
            </Loaded>
        </PageGrid>
    }
}

fn section_view(page: models::SectionPage) -> impl IntoView {
    view! {
        <PageMeta
            title=crate::seo::paged_title(&page.section.name, page.page)
            description=format!("{} 분야의 최신 기사", page.section.name)
            address=routes::section(&page.section.slug, page.page)
            feed=routes::section_feed(&page.section.slug)
                .map(|feed| (format!("{} 최신 기사", page.section.name), feed))
        />
        <section class="section-page">
            <PageHeading class="section-page__title">{page.section.name}</PageHeading>
            <ArticleList articles=page.articles detailed=true/>
            <Pagination
                current=page.page
                total=page.total_pages
                href=routes::section
                key=page.section.slug
            />
        </section>
    }
}
