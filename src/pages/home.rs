//! The front page: lead stories, then each section's latest articles.

use crate::api::client::fetch_home;
use crate::api::models::{Home, Summary};
use crate::api::ApiResource;
use crate::components::article_list::ArticleList;
use crate::components::loaded::Loaded;
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::components::photo_carousel::PhotoCarousel;
use crate::components::picture::Picture;
use crate::navigation::PageHeading;
use crate::routes;
use crate::state::SharedData;
use leptos::prelude::*;
use leptos_router::components::A;

/// `/`: the front page from `home.json`.
#[component]
pub fn HomePage() -> impl IntoView {
    crate::pages::legacy::follow_wordpress_short_link();
    let home = ApiResource::new(fetch_home);
    let site = SharedData::get().site;
    let meta = move || {
        let tagline = site
            .get()
            .and_then(Result::ok)
            .and_then(|site| site.tagline);
        view! { <PageMeta title="" description=tagline.unwrap_or_default()/> }
    };
    view! {
        {meta}
        <PageGrid>
            <Loaded resource=home what="주요 기사" let:home>{home_view(home)}</Loaded>
        </PageGrid>
    }
}

fn home_view(home: Home) -> impl IntoView {
    let mut lead = home.lead.into_iter();
    let top = lead.next().map(lead_story);
    let rest: Vec<Summary> = lead.collect();
    let sections = home
        .sections
        .into_iter()
        .map(|block| {
            let href = routes::section(&block.section.slug, 1);
            view! {
                <section class="home-section">
                    <h2 class="home-section__title"><A href=href>{block.section.name}</A></h2>
                    <ArticleList articles=block.articles detailed=true/>
                </section>
            }
        })
        .collect_view();
    view! {
        <PageHeading class="visually-hidden">"주요 뉴스"</PageHeading>
        <div class="home-lead">
            {top}
            <ArticleList articles=rest detailed=true/>
        </div>
        <PhotoCarousel/>
        <div class="home-sections">{sections}</div>
    }
}

fn lead_story(article: Summary) -> impl IntoView {
    let href = routes::article(&article.id);
    view! {
        <article class="lead-story">
            <A href=href>
                {article.thumbnail.map(|image| view! {
                    <Picture image=image priority=true sizes="(min-width: 1024px) 640px, 100vw"/>
                })}
                <h2 class="lead-story__title">{article.title}</h2>
            </A>
            {article.summary.map(|text| view! { <p class="lead-story__summary">{text}</p> })}
        </article>
    }
}
