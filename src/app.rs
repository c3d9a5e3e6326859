//! The router, the page frame and the data shared by every page.

use crate::api::client::fetch_site;
use crate::api::models::Site;
use crate::api::ApiError;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::pages::article::ArticlePage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFound;
use crate::pages::section::SectionPageView;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// `site.json`, loaded once per visit and read by the header, footer and page titles.
#[derive(Clone, Copy)]
pub struct SiteData(pub LocalResource<Result<Site, ApiError>>);

/// The whole app: shared data, the page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = LocalResource::new(fetch_site);
    provide_context(SiteData(site));
    let site_name = move || {
        site.get()
            .and_then(Result::ok)
            .map(|site| site.name)
            .unwrap_or_default()
    };
    view! {
        <Title text=site_name/>
        <Router>
            <a class="skip-link" href="#main">"본문 바로가기"</a>
            <Header/>
            <main id="main" class="site-main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/article/:id") view=ArticlePage/>
                    <Route path=path!("/section/:slug") view=SectionPageView/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
