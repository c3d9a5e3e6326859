//! 가장 많이 본 뉴스: the ranked most-viewed list, one tab per period.

use crate::api::models::{self, MostViewedPeriod};
use crate::components::loaded::Loaded;
use crate::components::widget::Widget;
use crate::cycle;
use crate::format::aria_bool;
use crate::routes;
use crate::state::SharedData;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

/// The most-viewed block from the shared `most-viewed.json`.
#[component]
pub fn MostViewed() -> impl IntoView {
    let data = SharedData::get().most_viewed;
    view! {
        <Widget title="가장 많이 본 뉴스" id="most-viewed" class="most-viewed">
            <Loaded resource=data what="많이 본 뉴스" placeholder=placeholder let:data>
                <MostViewedTabs data=data/>
            </Loaded>
        </Widget>
    }
}

/// The list's exact shape while it loads: the tab row and ten two-line rows.
fn placeholder() -> AnyView {
    let rows = (1..=10)
        .map(|rank| {
            view! {
                <li class="ranked__item">
                    <span class="ranked__rank">{rank}</span>
                    <span class="ranked__space"></span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="most-viewed__loading" aria-hidden="true">
            <div class="most-viewed__tabs-space"></div>
            <ol class="ranked">{rows}</ol>
        </div>
    }
    .into_any()
}

/// The periods as an accessible tab list (arrow keys, Home and End move between tabs); a
/// single period shows its list without tabs. Each list is ranked from 1, and the article
/// being read carries `aria-current="page"` (set by the router's link).
#[component]
pub fn MostViewedTabs(data: models::MostViewed) -> impl IntoView {
    let periods: Vec<MostViewedPeriod> = data
        .periods
        .into_iter()
        .filter(|period| !period.articles.is_empty())
        .collect();
    let count = periods.len();
    if count < 2 {
        return periods.into_iter().next().map(ranked_list).into_any();
    }

    let selected = RwSignal::new(0usize);
    let buttons: Vec<NodeRef<html::Button>> = (0..count).map(|_| NodeRef::new()).collect();
    let buttons = StoredValue::new(buttons);
    let select = move |index: usize, focus: bool| {
        selected.set(index);
        if focus {
            if let Some(tab) = buttons.with_value(|all| all.get(index).and_then(NodeRef::get)) {
                let _ = tab.focus();
            }
        }
    };
    let tabs = periods
        .iter()
        .enumerate()
        .map(|(i, period)| {
            let is_selected = move || selected.get() == i;
            view! {
                <button
                    node_ref=buttons.with_value(|all| all[i])
                    type="button"
                    role="tab"
                    id=tab_id(i)
                    class="most-viewed__tab"
                    aria-selected=move || aria_bool(is_selected())
                    aria-controls=panel_id(i)
                    tabindex=move || if is_selected() { "0" } else { "-1" }
                    on:click=move |_| select(i, false)
                >
                    {period.label.clone()}
                </button>
            }
        })
        .collect_view();
    let panels = periods
        .into_iter()
        .enumerate()
        .map(|(i, period)| {
            view! {
                <div
                    role="tabpanel"
                    id=panel_id(i)
                    aria-labelledby=tab_id(i)
                    hidden=move || selected.get() != i
                >
                    {ranked_list(period)}
                </div>
            }
        })
        .collect_view();
    view! {
        <div
            class="most-viewed__tabs"
            role="tablist"
            aria-label="기간"
            on:keydown=move |ev| {
                if let Some(step) = cycle::key_step(&ev.key(), true) {
                    ev.prevent_default();
                    select(cycle::apply(step, selected.get_untracked(), count), true);
                }
            }
        >
            {tabs}
        </div>
        {panels}
    }
    .into_any()
}

fn tab_id(index: usize) -> String {
    format!("most-viewed-tab-{index}")
}

fn panel_id(index: usize) -> String {
    format!("most-viewed-panel-{index}")
}

fn ranked_list(period: MostViewedPeriod) -> impl IntoView {
    let items = period
        .articles
        .into_iter()
        .enumerate()
        .map(|(i, article)| {
            view! {
                <li class="ranked__item">
                    <span class="ranked__rank" aria-hidden="true">{i + 1}</span>
                    <A href=routes::article(&article.id) exact=true>{article.title}</A>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="ranked" aria-label=format!("{} 순위", period.label)>{items}</ol> }
}
