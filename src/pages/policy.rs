//! `/policy/:slug`: a policy the footer links to (청소년보호정책, 개인정보처리방침,
//! 이메일무단수집거부), its text from `policies/{slug}.json` (an extension of the contract).

use crate::api::client::fetch_policy;
use crate::api::models::Policy;
use crate::api::ApiResource;
use crate::components::article_body::ArticleBody;
use crate::components::loaded::{Loaded, Missing};
use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::format::kst_datetime;
use crate::navigation::PageHeading;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Loads the policy in the URL; one the API does not have is the not-found page.
#[component]
pub fn PolicyPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let policy = ApiResource::new(move || {
        let slug = slug();
        async move { fetch_policy(&slug).await }
    });
    view! {
        <PageGrid>
            <Loaded resource=policy what="안내문" missing=Missing::NotFoundPage let:policy>
                {policy_view(policy, slug())}
            </Loaded>
        </PageGrid>
    }
}

fn policy_view(policy: Policy, slug: String) -> impl IntoView {
    let updated = policy
        .updated_at
        .as_deref()
        .and_then(kst_datetime)
        // The day alone: `2025.03.01`, not its midnight.
        .and_then(|when| when.split(' ').next().map(str::to_owned))
        .map(|day| view! { <p class="policy__updated">"시행 "{day}</p> });
    view! {
        <PageMeta
            title=policy.title.clone()
            description=crate::seo::body_description(&policy.body).unwrap_or_default()
            address=routes::policy(&slug)
        />
        <article class="policy">
            <PageHeading class="policy__title">{policy.title}</PageHeading>
            {updated}
            <ArticleBody blocks=policy.body/>
        </article>
    }
}
