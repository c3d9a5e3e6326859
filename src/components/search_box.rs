//! 기사 검색 in the header (a button that opens it on a phone) and on the search page.

use crate::format::aria_bool;
use crate::page_names::OPEN_CLASS;
use crate::routes;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// The longest query, in characters; longer text is cut before it is searched.
pub const MAX_QUERY_CHARS: usize = 200;

/// A search form: the query and a 검색 button. Sending it goes to `/search?q=…` through the
/// router (a plain GET to the same address without the app). An empty query goes nowhere.
#[component]
pub fn SearchForm(
    /// The input's id (the label points at it); one per form on the page.
    id: &'static str,
    /// The query to show, for the search page (follows the address).
    #[prop(optional, into)]
    initial: Signal<String>,
    /// The input, for whoever opens the form to focus it.
    #[prop(optional)]
    input: Option<NodeRef<html::Input>>,
) -> impl IntoView {
    let input = input.unwrap_or_default();
    let navigate = use_navigate();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(field) = input.get() else { return };
        let query = field.value();
        if query.trim().is_empty() {
            let _ = field.focus();
            return;
        }
        // Kept short enough for any server to take the address back (a reload, a shared link).
        let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
        navigate(&routes::search(&query), Default::default());
    };
    view! {
        <form class="search-form" role="search" action=routes::SEARCH method="get" on:submit=submit>
            <label class="visually-hidden" for=id>"기사 검색"</label>
            <input
                node_ref=input
                id=id
                class="search-form__input"
                type="search"
                name="q"
                placeholder="기사 검색"
                autocomplete="off"
                enterkeyhint="search"
                maxlength=MAX_QUERY_CHARS
                prop:value=move || initial.get()
                on:focus=move |_| crate::api::search::warm()
            />
            <button type="submit" class="search-form__button">"검색"</button>
        </form>
    }
}

/// The header's search: the form in the header row on wide screens; on phones a 검색 button
/// that opens it below the row (and moves focus into it), closed again on every new page.
#[component]
pub fn HeaderSearch() -> impl IntoView {
    let open = RwSignal::new(false);
    let input = NodeRef::<html::Input>::new();
    let location = use_location();
    Effect::new(move |_| {
        let _ = location.pathname.get();
        let _ = location.search.get();
        open.set(false);
    });
    let toggle = move |_| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            request_animation_frame(move || {
                if let Some(field) = input.get_untracked() {
                    let _ = field.focus();
                }
            });
        }
    };
    view! {
        <button
            type="button"
            class="header-search__toggle"
            aria-expanded=move || aria_bool(open.get())
            aria-controls="header-search"
            on:click=toggle
        >
            "검색"
        </button>
        <div id="header-search" class="header-search" class=(OPEN_CLASS, move || open.get())>
            <SearchForm id="header-search-query" input=input/>
        </div>
    }
}
