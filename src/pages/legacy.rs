//! Old links of the common Korean news CMS form, `/news/articleView.html?idxno=1065`, kept
//! working for a site that moves to this front end.

use crate::pages::not_found::NotFound;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The article id in a legacy `idxno` parameter, if it is one.
pub fn legacy_article_id(idxno: Option<&str>) -> Option<&str> {
    idxno
        .map(str::trim)
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Replaces the legacy address with `/article/N` (no extra history entry); anything else
/// is the not-found page.
#[component]
pub fn LegacyArticle() -> impl IntoView {
    let idxno = use_query_map().get_untracked().get("idxno");
    let Some(id) = legacy_article_id(idxno.as_deref()).map(str::to_owned) else {
        return view! { <NotFound/> }.into_any();
    };
    let navigate = use_navigate();
    request_animation_frame(move || {
        navigate(
            &routes::article(&id),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
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
