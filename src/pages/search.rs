//! `/search?q=…`: the results for a query, ten at a time, the query's words marked in each.
//! The query lives in the address, so back, forward, reload and shared links all work.

use crate::api::search::{search, SearchHit, SearchPage as ResultsPage};
use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::components::search_box::{SearchForm, MAX_QUERY_CHARS};
use crate::format::{highlight, kst_datetime, search_terms};
use crate::navigation::PageHeading;
use crate::routes;
use crate::state::SharedData;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// What the page has loaded for the query in the address.
#[derive(Clone, Default)]
struct Loaded {
    hits: Vec<SearchHit>,
    total: Option<usize>,
    more: bool,
    /// Pages loaded so far.
    pages: u32,
}

/// The search page: a form holding the query, the number of results, the results, 더 보기.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let typed = query_map.read().get("q").unwrap_or_default();
        typed
            .trim()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect::<String>()
    });
    let loaded = RwSignal::new(None::<Result<Loaded, ApiError>>);
    let loading_more = RwSignal::new(false);
    // Each load belongs to one query; a late answer for an older query is dropped.
    let generation = StoredValue::new(0u64);
    let load = move |page: u32| {
        let wanted = query.get_untracked();
        if wanted.is_empty() {
            return;
        }
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let answer = search(&wanted, page).await;
            if generation.get_value() != mine {
                return;
            }
            loading_more.set(false);
            match answer {
                Ok(ResultsPage { hits, total, more }) => loaded.update(|state| {
                    let mut next = match state.take() {
                        Some(Ok(previous)) if page > 1 => previous,
                        _ => Loaded::default(),
                    };
                    next.hits.extend(hits);
                    next.total = total;
                    next.more = more;
                    next.pages = page;
                    *state = Some(Ok(next));
                }),
                // The results so far stay, and 더 보기 with them, to try again.
                Err(_) if page > 1 => {}
                Err(error) => loaded.set(Some(Err(error))),
            }
        });
    };
    Effect::new(move |_| {
        let _ = query.get();
        generation.update_value(|n| *n += 1);
        loaded.set(None);
        load(1);
    });
    let list = NodeRef::<html::Ol>::new();
    // After 더 보기, keyboard focus goes to the first new result.
    let focus_from = StoredValue::new(None::<usize>);
    let more = move |_| {
        let (next, shown) = loaded.with_untracked(|state| match state {
            Some(Ok(state)) => (state.pages + 1, state.hits.len()),
            _ => (1, 0),
        });
        focus_from.set_value(Some(shown));
        loading_more.set(true);
        load(next);
    };

    let title = move || match query.get() {
        wanted if wanted.is_empty() => "검색".to_owned(),
        wanted => format!("‘{wanted}’ 검색 결과"),
    };
    let results = move || {
        let wanted = query.get();
        if wanted.is_empty() {
            return view! { <p class="search-page__hint">"찾을 낱말을 입력해 주세요."</p> }
                .into_any();
        }
        let terms = search_terms(&wanted);
        match loaded.get() {
            None => view! {
                <p class="search-page__count page-loading" aria-busy="true">"찾는 중입니다"</p>
            }
            .into_any(),
            Some(Err(error)) => view! {
                <ErrorNotice error=error what="검색" on_retry=move || load(1)/>
            }
            .into_any(),
            Some(Ok(state)) if state.hits.is_empty() => no_results().into_any(),
            Some(Ok(state)) => {
                let shown = state.hits.len();
                let count = match state.total {
                    Some(total) => format!("검색 결과 {total}건"),
                    None => format!("검색 결과 {shown}건 이상"),
                };
                let items = state
                    .hits
                    .into_iter()
                    .map(|hit| result_item(hit, &terms))
                    .collect_view();
                let more_button = state.more.then(|| {
                    view! {
                        <button
                            type="button"
                            class="search-page__more"
                            disabled=move || loading_more.get()
                            on:click=more
                        >
                            {move || if loading_more.get() { "불러오는 중…" } else { "검색 결과 더 보기" }}
                        </button>
                    }
                });
                view! {
                    <p class="search-page__count" role="status">{count}</p>
                    <ol class="search-results" node_ref=list>{items}</ol>
                    {more_button}
                }
                .into_any()
            }
        }
    };
    Effect::new(move |_| {
        let shown = loaded.with(|state| match state {
            Some(Ok(state)) => state.hits.len(),
            _ => 0,
        });
        let (Some(from), Some(list)) = (focus_from.get_value(), list.get()) else {
            return;
        };
        if shown <= from {
            return;
        }
        focus_from.set_value(None);
        let selector = format!("li:nth-child({}) a", from + 1);
        if let Ok(Some(link)) = list.query_selector(&selector) {
            use wasm_bindgen::JsCast;
            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                let _ = link.focus();
            }
        }
    });
    view! {
        <PageGrid>
            {move || view! { <PageMeta title=title() description="한가람일보 기사 검색"/> }}
            <section class="search-page">
                <PageHeading class="search-page__title">{title}</PageHeading>
                <SearchForm id="search-page-query" initial=query/>
                {results}
            </section>
        </PageGrid>
    }
}

/// One result: section and time, the headline (a link) and the words around the match, the
/// query's words marked (as text).
fn result_item(hit: SearchHit, terms: &[String]) -> impl IntoView {
    let marked = |text: &str| {
        highlight(text, terms)
            .into_iter()
            .map(|(run, on)| match on {
                true => view! { <mark>{run}</mark> }.into_any(),
                false => run.into_any(),
            })
            .collect_view()
    };
    let title = marked(&hit.title);
    let summary = hit
        .summary
        .as_deref()
        .map(|text| view! { <p class="search-results__summary">{marked(text)}</p> });
    let section = hit
        .section
        .map(|name| view! { <span class="search-results__section">{name}</span> });
    let time = hit.published_at.as_deref().and_then(|at| {
        kst_datetime(at).map(|shown| view! { <time datetime=at.to_owned()>{shown}</time> })
    });
    view! {
        <li class="search-results__item">
            <p class="search-results__where">{section}{time}</p>
            <A href=hit.href attr:class="search-results__title">{title}</A>
            {summary}
        </li>
    }
}

/// 검색 결과가 없습니다, with what to try and the sections to browse instead.
fn no_results() -> impl IntoView {
    let site = SharedData::get().site;
    let sections = move || {
        site.get().and_then(Result::ok).map(|site| {
            let links = site
                .sections
                .into_iter()
                .map(|section| {
                    view! { <li><A href=routes::section(&section.slug, 1)>{section.name}</A></li> }
                })
                .collect_view();
            view! {
                <p>"분야별 최신 기사를 둘러보세요."</p>
                <ul class="search-page__sections">{links}</ul>
            }
        })
    };
    view! {
        <div class="search-page__empty" role="status">
            <p class="search-page__count">"검색 결과가 없습니다."</p>
            <ul class="search-page__tips">
                <li>"낱말의 철자와 띄어쓰기를 확인해 주세요."</li>
                <li>"더 짧거나 일반적인 낱말로 찾아보세요. (예: ‘고양시 도서관’ → ‘도서관’)"</li>
                <li>"낱말 수를 줄여 보세요. 모든 낱말이 들어 있는 기사만 찾습니다."</li>
            </ul>
            {sections}
        </div>
    }
}
