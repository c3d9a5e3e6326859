//! Old links kept working for a site that moves to this front end: the common Korean news CMS's
//! `/news/articleView.html?idxno=1065`, and WordPress's `/?p=1065` (an imported post keeps its
//! id) and `/category/{slug}/`. nginx answers these with a 301 (`deploy/nginx.conf`); on any
//! other host the app moves to the new address.

use crate::pages::not_found::NotFound;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

/// The article id in a legacy `idxno` parameter, if it is one.
pub fn legacy_article_id(idxno: Option<&str>) -> Option<&str> {
    idxno
        .map(str::trim)
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Goes to `address` in place of the old one (no extra history entry), once the page is drawn.
fn replace_with(address: String) {
    let navigate = use_navigate();
    request_animation_frame(move || {
        navigate(
            &address,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
}

/// On the front page: a WordPress short link, `/?p=N`, goes to its article.
pub fn follow_wordpress_short_link() {
    let p = use_query_map().get_untracked().get("p");
    if let Some(id) = legacy_article_id(p.as_deref()) {
        replace_with(routes::article(id));
    }
}

/// `/category/{slug}/`, a WordPress category's archive: its section, where the slug is one a
/// section can have; else the not-found page.
#[component]
pub fn LegacyCategory() -> impl IntoView {
    let slug = use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default();
    if !routes::is_plain(&slug) {
        return view! { <NotFound/> }.into_any();
    }
    replace_with(routes::section(&slug, 1));
    view! { <p class="page-loading">"섹션으로 이동하는 중입니다"</p> }.into_any()
}

/// Replaces the legacy address with `/article/N` (no extra history entry); anything else
/// is the not-found page.
#[component]
pub fn LegacyArticle() -> impl IntoView {
    let idxno = use_query_map().get_untracked().get("idxno");
    let Some(id) = legacy_article_id(idxno.as_deref()).map(str::to_owned) else {
        return view! { <NotFound/> }.into_any();
    };
    replace_with(routes::article(&id));
    view! { <p class="page-loading">"기사로 이동하는 중입니다"</p> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::legacy_article_id;

    #[test]
    fn only_numeric_idxno_is_an_article() {
        assert_eq!(legacy_article_id(Some("1065")), Some("1065"));
        assert_eq!(legacy_article_id(Some(" 1065 ")), Some("1065"));
        assert_eq!(legacy_article_id(Some("")), None);
        assert_eq!(legacy_article_id(Some("../site")), None);
        assert_eq!(legacy_article_id(Some("10a")), None);
        assert_eq!(legacy_article_id(None), None);
    }
}
