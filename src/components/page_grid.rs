//! The frames pages are built in: two columns with the sidebar, and the plain list page.

use crate::components::banner_slot::BannerSlot;
use crate::components::most_viewed::MostViewed;
use crate::components::page_meta::PageMeta;
use crate::navigation::PageHeading;
use leptos::prelude::*;

/// The page's content, and beside it (below it on phones) the sidebar every reading page has:
/// most viewed and the sidebar ad. Nothing in it depends on the page's own data, so the
/// sidebar never moves when that data arrives.
#[component]
pub fn PageGrid(children: Children) -> impl IntoView {
    view! {
        <div class="page-grid">
            <div class="page-grid__main">{children()}</div>
            <aside class="page-grid__aside" aria-label="더 읽을거리">
                <MostViewed/>
                <BannerSlot name="sidebar"/>
            </aside>
        </div>
    }
}

/// A page that lists one kind of item (`/photo`, `/tv`): its metadata, heading and content.
#[component]
pub fn ListPage(
    title: &'static str,
    description: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <PageMeta title=title description=description/>
        <section class="list-page">
            <PageHeading class="list-page__title">{title}</PageHeading>
            {children()}
        </section>
    }
}
