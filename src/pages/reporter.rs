//! `/reporter/:slug` and `/reporter/:slug/:page`: one page of a reporter's articles, newest
//! first (`reporters/{slug}/{page}.json`, an extension of the contract), with the reporter's
//! feed (기자 구독). The byline links here.

use crate::api::client::fetch_reporter_page;
use crate::api::models;
use crate::api::{ApiError, ApiResource};
use crate::components::article_list::ArticleList;
use crate::components::loaded::{Loaded, Missing};
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::format::mailto;
use crate::navigation::PageHeading;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Loads the reporter's page in the URL; an unknown reporter, or a page past the last, is the
/// not-found page.
#[component]
pub fn ReporterPage() -> impl IntoView {
    let params = use_params_map();
    let listing = ApiResource::new(move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let page = routes::page_number(params.read().get("page").as_deref(), None);
        async move {
            match fetch_reporter_page(&slug, page).await {
                Ok(listing) if listing.page > listing.total_pages => Err(ApiError::NotFound),
                other => other,
            }
        }
    });
    view! {
        <PageGrid>
            <Loaded resource=listing what="기자의 기사 목록" missing=Missing::NotFoundPage let:page>
                {reporter_view(page)}
            </Loaded>
        </PageGrid>
    }
}

fn reporter_view(page: models::ReporterPage) -> impl IntoView {
    let reporter = page.reporter;
    let heading = format!("{} 기자", reporter.name);
    let title = crate::seo::paged_title(&heading, page.page);
    let description = match &reporter.outlet {
        Some(outlet) => format!("{outlet} {} 기자의 최신 기사", reporter.name),
        None => format!("{} 기자의 최신 기사", reporter.name),
    };
    // The page's own address names the slug the API gave, so a link never names another one.
    let address = routes::reporter(&reporter.slug, page.page);
    let feed = routes::reporter_feed(&reporter.slug)
        .map(|feed| (format!("{} 기자의 기사", reporter.name), feed));
    let subscribe = feed.clone().map(|(_, href)| {
        view! { <a class="reporter-page__feed" href=href>"기자 구독 (RSS)"</a> }
    });
    let email = reporter.email.as_deref().and_then(mailto).map(|href| {
        let shown = reporter.email.clone().unwrap_or_default();
        view! { <a class="reporter-page__email" href=href>{shown}</a> }
    });
    view! {
        <PageMeta title=title description=description address=address feed=feed/>
        <section class="section-page reporter-page">
            <p class="section-page__kind">{reporter.outlet.unwrap_or_else(|| "기자".to_owned())}</p>
            <PageHeading class="section-page__title">{heading}</PageHeading>
            <p class="reporter-page__links">{email}" "{subscribe}</p>
            <ArticleList articles=page.articles detailed=true/>
            <Pagination current=page.page total=page.total_pages href=routes::reporter key=reporter.slug/>
        </section>
    }
}
