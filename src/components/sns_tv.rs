//! SNS TV: the paper's videos, played on their own platform in a new tab.

use crate::api::models::Video;
use crate::components::loaded::Loaded;
use crate::components::picture::Picture;
use crate::components::widget::Widget;
use crate::format::{duration, safe_url};
use crate::routes;
use crate::state::SharedData;
use leptos::prelude::*;

/// How many videos the block shows; 더보기 leads to all of them at `/tv`.
const SHOWN: usize = 4;

/// The SNS TV block from the shared `sns-tv.json`.
#[component]
pub fn SnsTv() -> impl IntoView {
    let tv = SharedData::get().sns_tv;
    view! {
        <Widget title="SNS TV" id="sns-tv" more=routes::VIDEOS class="sns-tv">
            <Loaded resource=tv what="SNS TV" placeholder=placeholder let:tv>
                <VideoList videos=tv.items limit=SHOWN/>
            </Loaded>
        </Widget>
    }
}

fn placeholder() -> AnyView {
    view! { <div class="video-list video-list--loading" aria-hidden="true"></div> }.into_any()
}

/// Video thumbnails with title and length (`3:25`). Each opens its `url` in a new tab
/// (`noopener noreferrer`); a video whose address is not allowed is left out.
#[component]
pub fn VideoList(videos: Vec<Video>, #[prop(optional)] limit: Option<usize>) -> impl IntoView {
    let items = videos
        .into_iter()
        .filter_map(|video| Some((safe_url(&video.url)?.to_owned(), video)))
        .take(limit.unwrap_or(usize::MAX))
        .map(|(href, video)| {
            let length = video.duration_s.map(|seconds| {
                view! {
                    <span class="video-list__duration">
                        <span class="visually-hidden">"재생 시간 "</span>{duration(seconds)}
                    </span>
                }
            });
            view! {
                <li class="video-list__item">
                    <a href=href target="_blank" rel="noopener noreferrer">
                        <span class="video-list__thumb">
                            <Picture image=video.thumbnail sizes="(min-width: 768px) 200px, 50vw"/>
                            {length}
                        </span>
                        <span class="video-list__title">{video.title}</span>
                        <span class="visually-hidden">" (새 창에서 열림)"</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="video-list">{items}</ul> }
}
