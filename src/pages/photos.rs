//! `/photo`: every photo-news item in a grid.

use crate::api::models::PhotoItem;
use crate::components::loaded::{list_loading, Loaded};
use crate::components::page_grid::ListPage;
use crate::components::picture::Picture;
use crate::routes;
use crate::state::SharedData;
use leptos::prelude::*;
use leptos_router::components::A;

/// All photo news, from the shared data the carousel already loaded.
#[component]
pub fn PhotosPage() -> impl IntoView {
    let photos = SharedData::get().photo_news;
    view! {
        <ListPage title="포토뉴스" description="사진으로 보는 경기·인천 소식">
            <Loaded resource=photos what="포토뉴스" placeholder=list_loading let:photos>
                {photo_grid(photos.items)}
            </Loaded>
        </ListPage>
    }
}

fn photo_grid(items: Vec<PhotoItem>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|item| {
            let picture =
                view! { <Picture image=item.image sizes="(min-width: 768px) 360px, 100vw"/> };
            let title = view! { <h2 class="photo-grid__title">{item.title}</h2> };
            let linked = match item.article_id {
                Some(id) => view! { <A href=routes::article(&id)>{picture}{title}</A> }.into_any(),
                None => view! { {picture}{title} }.into_any(),
            };
            view! {
                <li class="photo-grid__item">
                    {linked}
                    {item.summary.map(|text| view! { <p class="photo-grid__summary">{text}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="photo-grid">{items}</ul> }
}
