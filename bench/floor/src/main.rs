//! The size floor: three routes, a title, and one article loaded from JSON.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use serde::Deserialize;

#[derive(Clone, Deserialize)]
struct Article {
    title: String,
    body: Vec<String>,
}

async fn fetch_article(id: String) -> Result<Article, String> {
    let response = gloo_net::http::Request::get(&format!("/api/articles/{id}.json"))
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let text = response.text().await.map_err(|err| err.to_string())?;
    serde_json::from_str(&text).map_err(|err| err.to_string())
}

#[component]
fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let article =
        LocalResource::new(move || fetch_article(params.read().get("id").unwrap_or_default()));
    move || match article.get() {
        None => view! { <p>"불러오는 중"</p> }.into_any(),
        Some(Ok(article)) => view! {
            <Title text=article.title.clone()/>
            <h1>{article.title}</h1>
            {article.body.into_iter().map(|text| view! { <p>{text}</p> }).collect_view()}
        }
        .into_any(),
        Some(Err(error)) => view! { <p>{error}</p> }.into_any(),
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <nav><A href="/">"홈"</A></nav>
            <main>
                <Routes fallback=|| "없음">
                    <Route path=path!("/") view=|| view! { <h1>"홈"</h1> }/>
                    <Route path=path!("/article/:id") view=ArticlePage/>
                    <Route path=path!("/section/:slug") view=|| view! { <h1>"섹션"</h1> }/>
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    mount_to_body(App);
}
