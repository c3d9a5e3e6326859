//! The router, the page frame and the data shared by every page.

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::offline_notice::OfflineNotice;
use crate::components::skip_link::SkipLink;
use crate::library::Library;
use crate::navigation::use_page_navigation;
use crate::offline::register_service_worker;
use crate::pages::article::ArticlePage;
use crate::pages::home::HomePage;
use crate::pages::legacy::{LegacyArticle, LegacyCategory};
use crate::pages::not_found::NotFound;
use crate::pages::photos::PhotosPage;
use crate::pages::policy::PolicyPage;
use crate::pages::reporter::ReporterPage;
use crate::pages::saved::SavedPage;
use crate::pages::search::SearchPage;
use crate::pages::section::SectionPage;
use crate::pages::tag::TagPage;
use crate::pages::tv::TvPage;
use crate::state::CurrentSection;
use crate::state::SharedData;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app: shared data, the page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    CurrentSection::provide();
    let shared = SharedData::provide();
    Library::provide();
    register_service_worker(shared);
    let main = NodeRef::new();
    view! {
        <Router>
            <NavigationEffects/>
            <SkipLink target=main/>
            <Header/>
            <main node_ref=main id="main" class="site-main" tabindex="-1">
                <OfflineNotice/>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/article/:id") view=ArticlePage/>
                    <Route path=path!("/section/:slug") view=SectionPage/>
                    <Route path=path!("/section/:slug/:page") view=SectionPage/>
                    <Route path=path!("/tag/:keyword") view=TagPage/>
                    <Route path=path!("/tag/:keyword/:page") view=TagPage/>
                    <Route path=path!("/reporter/:slug") view=ReporterPage/>
                    <Route path=path!("/reporter/:slug/:page") view=ReporterPage/>
                    <Route path=path!("/policy/:slug") view=PolicyPage/>
                    <Route path=path!("/photo") view=PhotosPage/>
                    <Route path=path!("/tv") view=TvPage/>
                    <Route path=path!("/search") view=SearchPage/>
                    <Route path=path!("/saved") view=SavedPage/>
                    <Route path=path!("/news/articleView.html") view=LegacyArticle/>
                    <Route path=path!("/category/:slug") view=LegacyCategory/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// Scroll restoration and heading focus; lives inside the router, renders nothing.
#[component]
fn NavigationEffects() -> impl IntoView {
    use_page_navigation();
}
