//! The page's `<head>` tags: made by [`crate::seo::head_tags`], shown through leptos_meta in the
//! browser, and handed to the prerender command's [`HeadCollector`] when it renders the page.

use crate::api::models::{Article, Image};
use crate::config;
use crate::seo::{head_tags, HeadTag, PageHead};
use crate::state::SharedData;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::sync::{Arc, Mutex};

/// The tags for one page. `title` is the page's own title; the site name is added as
/// `title - 한가람일보`.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(optional, into)] description: Option<String>,
    /// The image for link previews.
    #[prop(optional)]
    image: Option<Image>,
    /// The page's canonical address (path and query); the router's path when not given.
    #[prop(optional)]
    address: Option<String>,
    /// The page's own feed beside the site's (a section's, a keyword's): title and address.
    #[prop(default = None)]
    feed: Option<(String, String)>,
) -> impl IntoView {
    let address = address.unwrap_or_else(|| use_location().pathname.get_untracked());
    page_head(PageHead {
        title,
        description,
        image,
        address,
        article: None,
        feed,
    })
}

/// The tags of an article page, `article:*` and JSON-LD included.
#[component]
pub fn ArticleMeta(article: Article, address: String) -> impl IntoView {
    page_head(PageHead::article(article, address))
}

/// Where the prerender command collects the tags of the page it renders.
#[derive(Clone, Default)]
pub struct HeadCollector(pub Arc<Mutex<Vec<HeadTag>>>);

fn page_head(page: PageHead) -> impl IntoView {
    let site = SharedData::get().site;
    let origin = config::site_origin();
    let tags = move || {
        let name = site.with(|site| match site {
            Some(Ok(site)) => Some(site.name.clone()),
            _ => config::site_name().map(str::to_owned),
        });
        head_tags(&page, name.as_deref(), &origin)
    };
    if let Some(collector) = use_context::<HeadCollector>() {
        if let Ok(mut collected) = collector.0.lock() {
            collected.extend(tags());
        }
        return ().into_any();
    }
    client_tags(tags).into_any()
}

#[cfg(not(feature = "ssr"))]
fn client_tags(tags: impl Fn() -> Vec<HeadTag> + Send + Sync + 'static) -> impl IntoView {
    use leptos_meta::{Link, Meta, Script, Title};
    move || {
        tags()
            .into_iter()
            .map(|tag| match tag {
                HeadTag::Title(text) => view! { <Title text=text/> }.into_any(),
                HeadTag::Name(name, content) => {
                    view! { <Meta name=name content=content/> }.into_any()
                }
                HeadTag::Property(property, content) => {
                    view! { <Meta property=property content=content/> }.into_any()
                }
                HeadTag::Canonical(href) => view! { <Link rel="canonical" href=href/> }.into_any(),
                HeadTag::Feed(title, href) => view! {
                    <Link rel="alternate" type_="application/rss+xml" title=title href=href/>
                }
                .into_any(),
                HeadTag::JsonLd(json) => view! {
                    <Script type_="application/ld+json" id="news-article-ld">{json}</Script>
                }
                .into_any(),
            })
            .collect_view()
    }
}

/// The prerender command always provides a [`HeadCollector`]; there are no client tags.
#[cfg(feature = "ssr")]
fn client_tags(_tags: impl Fn() -> Vec<HeadTag> + Send + Sync + 'static) -> impl IntoView {}
