//! `/tv`: every SNS TV video.

use crate::components::sns_tv::VideoList;
use crate::components::widget::loaded;
use crate::shared::SharedData;
use leptos::prelude::*;
use leptos_meta::Title;

/// All videos, from the shared data the SNS TV block already loaded.
#[component]
pub fn TvPage() -> impl IntoView {
    let tv = SharedData::get().sns_tv;
    view! {
        <Title text="SNS TV"/>
        <section class="list-page">
            <h1 class="list-page__title">"SNS TV"</h1>
            {loaded(tv, "SNS TV", || view! { <div class="page-loading" aria-busy="true"></div> }.into_any(), |tv| view! { <VideoList videos=tv.items/> })}
        </section>
    }
}
