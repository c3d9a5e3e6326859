//! One endpoint's data in the four states a reader can meet it in: still loading, loaded,
//! not there (the not-found page, where the address named it) and failed (the Korean error
//! with a retry). Every page and every widget draws its data through [`Loaded`], so a new page
//! cannot forget a state.

use crate::api::{ApiError, ApiResource};
use crate::components::error_notice::ErrorNotice;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;

/// What a 404 from the resource means to the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Missing {
    /// A part of the page could not be loaded: the Korean error, with a retry.
    #[default]
    Error,
    /// The address named something that does not exist: the not-found page.
    NotFoundPage,
}

/// The page-sized loading line, for pages that have no shape of their own to show.
pub fn page_loading() -> AnyView {
    view! { <div class="page-loading" aria-busy="true">"기사를 불러오는 중입니다"</div> }.into_any()
}

/// A list page's space while the shared data it lists loads (the list has no fixed shape).
pub fn list_loading() -> AnyView {
    view! { <div class="page-loading" aria-busy="true"></div> }.into_any()
}

/// Draws `resource` with `children` once it has loaded (`let:data`), `placeholder` (already
/// the final size, so nothing jumps) until then, and the not-found page or the Korean error
/// with a retry if it failed.
#[component]
pub fn Loaded<T, F, V>(
    resource: ApiResource<T>,
    /// What failed, as the reader knows it (기사, 날씨, …), put before the error message.
    what: &'static str,
    /// Shown while loading; [`page_loading`] if not given.
    #[prop(optional)]
    placeholder: Option<fn() -> AnyView>,
    /// What a 404 means here.
    #[prop(optional)]
    missing: Missing,
    /// The data, drawn.
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let placeholder = placeholder.unwrap_or(page_loading);
    let retry = Callback::new(move |()| resource.refetch());
    // Only this line is made for each model: the states are drawn by one function.
    move || {
        let state = resource
            .get()
            .map(|loaded| loaded.map(|data| children(data).into_any()));
        draw(state, what, placeholder, missing, retry)
    }
}

fn draw(
    state: Option<Result<AnyView, ApiError>>,
    what: &'static str,
    placeholder: fn() -> AnyView,
    missing: Missing,
    retry: Callback<()>,
) -> AnyView {
    match state {
        None => placeholder(),
        Some(Ok(view)) => view,
        Some(Err(ApiError::NotFound)) if missing == Missing::NotFoundPage => {
            view! { <NotFound/> }.into_any()
        }
        Some(Err(error)) => {
            view! { <ErrorNotice error=error what=what on_retry=retry/> }.into_any()
        }
    }
}
