//! `/tv`: every SNS TV video.

use crate::components::loaded::{list_loading, Loaded};
use crate::components::page_grid::ListPage;
use crate::components::sns_tv::VideoList;
use crate::state::SharedData;
use leptos::prelude::*;

/// All videos, from the shared data the SNS TV block already loaded.
#[component]
pub fn TvPage() -> impl IntoView {
    let tv = SharedData::get().sns_tv;
    view! {
        <ListPage title="SNS TV" description="영상으로 보는 경기·인천 소식">
            <Loaded resource=tv what="SNS TV" placeholder=list_loading let:tv>
                <VideoList videos=tv.items/>
            </Loaded>
        </ListPage>
    }
}
