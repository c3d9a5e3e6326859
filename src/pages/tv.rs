//! `/tv`: every SNS TV video.

use crate::components::page_grid::ListPage;
use crate::components::sns_tv::VideoList;
use crate::components::widget::loaded;
use crate::shared::SharedData;
use leptos::prelude::*;

/// All videos, from the shared data the SNS TV block already loaded.
#[component]
pub fn TvPage() -> impl IntoView {
    let tv = SharedData::get().sns_tv;
    view! {
        <ListPage title="SNS TV" description="영상으로 보는 경기·인천 소식">
            {loaded(tv, "SNS TV", || view! { <div class="page-loading" aria-busy="true"></div> }.into_any(), |tv| view! { <VideoList videos=tv.items/> })}
        </ListPage>
    }
}
