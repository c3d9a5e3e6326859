//! `/tv`: every SNS TV video.

use crate::components::page_meta::PageMeta;
use crate::components::sns_tv::VideoList;
use crate::components::widget::loaded;
use crate::navigation::page_address;
use crate::shared::SharedData;
use leptos::prelude::*;

/// All videos, from the shared data the SNS TV block already loaded.
#[component]
pub fn TvPage() -> impl IntoView {
    let tv = SharedData::get().sns_tv;
    view! {
        <PageMeta title="SNS TV" description="영상으로 보는 경기·인천 소식"/>
        <section class="list-page">
            <h1 class="list-page__title" data-page=page_address()>"SNS TV"</h1>
            {loaded(tv, "SNS TV", || view! { <div class="page-loading" aria-busy="true"></div> }.into_any(), |tv| view! { <VideoList videos=tv.items/> })}
        </section>
    }
}
