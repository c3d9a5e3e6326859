//! What a multi-page site gives readers for free and a single-page app must do itself: scroll
//! position restored on back and forward, focus on the new page's heading for screen-reader
//! users, and a skip link that moves focus.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long to wait for a page's content to arrive before giving up restoring or focusing.
const SETTLE_TRIES: u32 = 60;
const SETTLE_STEP: Duration = Duration::from_millis(50);

/// Installs scroll restoration and heading focus for the router this is called inside.
pub fn use_page_navigation() {
    if !cfg!(target_arch = "wasm32") {
        return; // prerendering: there is no browser to scroll or focus
    }
    let location = use_location();
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    // The scroll position of each address, remembered as the reader scrolls.
    let positions = StoredValue::new_local(HashMap::<String, f64>::new());
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        let y = window().scroll_y().unwrap_or_default();
        positions.update_value(|map| {
            map.insert(browser_address(), y);
        });
    });
    // On back or forward the browser is already at the destination: take its position now,
    // before the router's scroll to the top is recorded over it.
    let restore_to = StoredValue::new_local(None::<f64>);
    let on_popstate = window_event_listener(ev::popstate, move |_| {
        let saved = positions.with_value(|map| map.get(&browser_address()).copied());
        restore_to.set_value(saved);
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_popstate.remove();
    });

    let navigation = StoredValue::new_local(0u64);
    Effect::new(move |previous: Option<()>| {
        // `get`, not `track`: a memo nobody has read does not reliably wake the effect.
        let address = address_of(&location.pathname.get(), &location.search.get());
        if previous.is_none() {
            return; // the first page: the browser already put the reader where they belong
        }
        navigation.update_value(|n| *n += 1);
        let mine = navigation.get_value();
        // On back/forward this effect runs in the microtask right after the router's popstate
        // listener, before ours has taken the saved position: start settling on the next task.
        set_timeout(
            move || settle(address, restore_to, navigation, mine, 0),
            Duration::ZERO,
        );
    });
}

/// The address a page is rendered for, put on its `<h1>` as `data-page` (see [`page_address`]).
pub const PAGE_ATTRIBUTE: &str = "data-page";

/// `/section/gyeonggi?page=2`: path and query, as one string in one form.
fn address_of(path: &str, search: &str) -> String {
    match search.trim_start_matches('?') {
        "" => path.to_owned(),
        query => format!("{path}?{query}"),
    }
}

/// The address the router is showing. Pages mark their heading with it when they render
/// their content, so navigation knows when the new page (not the previous one, still on
/// screen while the next loads) is there; Leptos may patch the old heading in place, so node
/// identity cannot tell. Call it inside the router.
pub fn page_address() -> String {
    let location = use_location();
    address_of(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    )
}

/// A page's `<h1>`, marked with the address it is rendered for ([`PAGE_ATTRIBUTE`]), so that
/// focus and scroll restoration find it. Every page's heading is one of these.
#[component]
pub fn PageHeading(
    /// The heading's class, for its page's styles.
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! { <h1 class=class data-page=page_address()>{children()}</h1> }
}

/// The address in the browser's bar; it lags the router's during a navigation.
fn browser_address() -> String {
    let location = window().location();
    address_of(
        &location.pathname().unwrap_or_default(),
        &location.search().unwrap_or_default(),
    )
}

/// Once the page for `address` has rendered its heading, focuses it and, on back or forward,
/// scrolls to where the reader was. Gives up when a newer navigation (`navigation` moved past
/// `mine`) has started, or when the page never arrives.
fn settle(
    address: String,
    restore_to: StoredValue<Option<f64>, LocalStorage>,
    navigation: StoredValue<u64, LocalStorage>,
    mine: u64,
    tries: u32,
) {
    if navigation.try_get_value() != Some(mine) {
        return;
    }
    let heading = main_heading().filter(|heading| {
        heading.get_attribute(PAGE_ATTRIBUTE).as_deref() == Some(address.as_str())
    });
    match heading {
        Some(heading) => {
            let _ = heading.set_attribute("tabindex", "-1");
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = heading.focus_with_options(&options);
            if let Some(y) = restore_to.try_update_value(Option::take).flatten() {
                window().scroll_to_with_x_and_y(0.0, y);
            }
        }
        None if tries < SETTLE_TRIES => {
            set_timeout(
                move || settle(address, restore_to, navigation, mine, tries + 1),
                SETTLE_STEP,
            );
        }
        None => {}
    }
}

fn main_heading() -> Option<web_sys::HtmlElement> {
    document()
        .query_selector("#main h1")
        .ok()
        .flatten()
        .and_then(|heading| heading.dyn_into().ok())
}
