//! `/article/:id`: one article with its byline, body, tags and related articles, beside the
//! widgets every article carries.

use crate::api::client::fetch_article;
use crate::api::models::{Article, Summary};
use crate::api::ApiResource;
use crate::components::article_body::ArticleBody;
use crate::components::article_list::ArticleList;
use crate::components::banner_slot::BannerSlot;
use crate::components::byline::Byline;
use crate::components::loaded::{Loaded, Missing};
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::ArticleMeta;
use crate::components::photo_carousel::PhotoCarousel;
use crate::components::reader_tools::ReaderTools;
use crate::components::sns_tv::SnsTv;
use crate::library::{Entry, Library};
use crate::navigation::PageHeading;
use crate::page_names::{
    ARTICLE_HEADER_CLASS, ARTICLE_SECTION_CLASS, ARTICLE_SUBTITLES_CLASS, ARTICLE_TITLE_CLASS,
    NEWS_VIEW_GLOBAL,
};
use crate::routes;
use crate::state::CurrentSection;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Loads the article named in the URL. A 404 shows the not-found message; any other failure
/// shows the Korean error with a retry. Either way the widgets around it stay in place, and
/// they stay mounted (no refetch) when the reader moves on to another article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let article = ApiResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        async move { fetch_article(&id).await }
    });
    // The menu marks the article's section while it is read.
    let current_section = CurrentSection::get();
    // Each article shown here is one view for the count (`js/beacon.js`), once: not again
    // when the same article is drawn again (a retry, the data renewed).
    let counted = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let shown = article.with(|loaded| match loaded {
            Some(Ok(article)) => Some((
                article.id.clone(),
                article
                    .section
                    .as_ref()
                    .map(|section| (section.slug.clone(), section.name.clone())),
            )),
            _ => None,
        });
        let slug = shown
            .as_ref()
            .and_then(|(_, section)| section.as_ref().map(|(slug, _)| slug.clone()));
        current_section.set(slug);
        if let Some((id, section)) = shown {
            if counted.with_value(|counted| counted.as_deref() != Some(id.as_str())) {
                count_view(&id, section.as_ref().map(|(_, name)| name.as_str()));
                counted.set_value(Some(id));
            }
        }
    });
    on_cleanup(move || current_section.set(None));
    view! {
        <PageGrid>
            <Loaded
                resource=article
                what="기사"
                placeholder=article_skeleton
                missing=Missing::NotFoundPage
                let:article
            >
                {article_view(article)}
            </Loaded>
            <BannerSlot name="article_bottom"/>
            <SnsTv/>
            <PhotoCarousel/>
        </PageGrid>
    }
}

/// Tells `js/beacon.js` (`window.newsView`) that the reader is shown the article: it counts the
/// view where the page names a receiver, and skips the one it counted itself before the app
/// started.
fn count_view(id: &str, section: Option<&str>) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    use wasm_bindgen::{JsCast, JsValue};
    let window = window();
    let view = js_sys::Reflect::get(&window, &JsValue::from_str(NEWS_VIEW_GLOBAL)).ok();
    if let Some(view) = view.and_then(|view| view.dyn_into::<js_sys::Function>().ok()) {
        let section = section.map_or(JsValue::NULL, JsValue::from_str);
        let _ = view.call2(&JsValue::NULL, &JsValue::from_str(id), &section);
    }
}

/// The article's shape while it loads, so the page does not jump when it arrives.
fn article_skeleton() -> AnyView {
    view! {
        <article class="article article--loading" aria-busy="true">
            <p class="visually-hidden">"기사를 불러오는 중입니다"</p>
            <div class="skeleton skeleton--label"></div>
            <div class="skeleton skeleton--title"></div>
            <div class="skeleton skeleton--line"></div>
            <div class="skeleton skeleton--line"></div>
            <div class="skeleton skeleton--line skeleton--short"></div>
        </article>
    }
    .into_any()
}

/// What the search index holds of an article (`newsroom`'s search records, read by
/// `scripts/search-index.mjs`): the words its page's `<article data-pagefind-body>` shows, by
/// the same components (section, headline, subtitles, byline, body, keywords), its section and
/// time as Pagefind's metadata; not its tools, its links or its lists of other articles.
pub fn search_record(article: Article) -> impl IntoView {
    let section = article
        .section
        .map(|section| view! { <p data-pagefind-meta="section">{section.name}</p> });
    let tags = (!article.tags.is_empty()).then(|| {
        view! { <ul>{article.tags.into_iter().map(|tag| view! { <li>"#"{tag}</li> }).collect_view()}</ul> }
    });
    view! {
        <article data-pagefind-body>
            {section}
            <h1>{article.title}</h1>
            {subtitles(article.subtitles)}
            <Byline
                byline=article.byline
                published_at=article.published_at
                updated_at=article.updated_at
            />
            <ArticleBody blocks=article.body/>
            {tags}
        </article>
    }
}

/// The lines under an article's headline.
fn subtitles(lines: Vec<String>) -> Option<impl IntoView> {
    (!lines.is_empty()).then(|| {
        view! {
            <div class=ARTICLE_SUBTITLES_CLASS>
                {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
            </div>
        }
    })
}

fn article_view(article: Article) -> impl IntoView {
    let meta =
        view! { <ArticleMeta article=article.clone() address=routes::article(&article.id)/> };
    let share_title = article.title.clone();
    // As the reader's lists keep it: saved (the button) and read (now).
    let entry = Entry {
        id: article.id.clone(),
        title: article.title.clone(),
        section: article.section.as_ref().map(|section| section.name.clone()),
        published_at: article.published_at.clone(),
    };
    {
        let (library, entry) = (Library::get(), entry.clone());
        Effect::new(move |_| library.read(entry.clone()));
    }
    let reading_minutes = crate::format::reading_minutes(&article.body);
    let address = format!(
        "{}{}",
        crate::config::site_origin(),
        routes::article(&article.id)
    );
    let section = article.section.map(|section| {
        let href = routes::section(&section.slug, 1);
        view! {
            <p class=ARTICLE_SECTION_CLASS data-pagefind-meta="section">
                <A href=href>{section.name}</A>
            </p>
        }
    });
    let subtitles = subtitles(article.subtitles);
    let tags = (!article.tags.is_empty()).then(|| {
        view! {
            <ul class="article__tags" aria-label="태그">
                {article
                    .tags
                    .into_iter()
                    .map(|tag| view! { <li><A href=routes::tag(&tag, 1)>"#"{tag}</A></li> })
                    .collect_view()}
            </ul>
        }
    });
    // 이전 기사 / 다음 기사 in the article's section, when the API names them.
    let neighbours = (article.previous.is_some() || article.next.is_some()).then(|| {
        let link = |label: &'static str, class: &'static str, summary: Option<Summary>| {
            summary.map(|summary| {
                view! {
                    <A href=routes::article(&summary.id) attr:class=class>
                        <span class="article-nav__label">{label}</span>
                        <span class="article-nav__title">{summary.title}</span>
                    </A>
                }
            })
        };
        view! {
            <nav class="article-nav" aria-label="이전 기사와 다음 기사" data-pagefind-ignore>
                {link("이전 기사", "article-nav__previous", article.previous)}
                {link("다음 기사", "article-nav__next", article.next)}
            </nav>
        }
    });
    // In the article's column, not the sidebar: arriving with the article, it moves nothing.
    let related = (!article.related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-title" data-pagefind-ignore>
                <h2 id="related-title" class="widget-title">"관련 기사"</h2>
                <ArticleList articles=article.related/>
            </section>
        }
    });
    let reporter = article
        .byline
        .as_ref()
        .and_then(|byline| byline.reporter.clone());
    let reporter_articles = (!article.reporter_articles.is_empty()).then(|| {
        let heading = match reporter {
            Some(reporter) => format!("{reporter} 기자의 다른 기사"),
            None => "이 기자의 다른 기사".to_owned(),
        };
        view! {
            <section
                class="reporter-articles"
                aria-labelledby="reporter-articles-title"
                data-pagefind-ignore
            >
                <h2 id="reporter-articles-title" class="widget-title">
                    {heading}
                </h2>
                <ArticleList articles=article.reporter_articles/>
            </section>
        }
    });
    view! {
        {meta}
        // What the search index (Pagefind, `scripts/build`) reads of a page: the article alone,
        // without its tools and lists of other articles; its section and time as metadata.
        <article class="article" data-pagefind-body>
            // How far through the body the reader is: drawn by the stylesheet alone (a
            // scroll-driven animation), so it costs no script and never janks; not announced.
            <div class="reading-progress" aria-hidden="true"></div>
            <header class=ARTICLE_HEADER_CLASS>
                {section}
                <PageHeading class=ARTICLE_TITLE_CLASS>{article.title}</PageHeading>
                {subtitles}
                <Byline
                    byline=article.byline
                    published_at=article.published_at
                    updated_at=article.updated_at
                    reading_minutes=reading_minutes
                />
                <ReaderTools title=share_title address=address entry=entry/>
            </header>
            <ArticleBody blocks=article.body/>
            {tags}
            {neighbours}
            {related}
            {reporter_articles}
        </article>
    }
}
