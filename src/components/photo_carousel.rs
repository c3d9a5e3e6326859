//! 포토뉴스: the photo-news carousel, after the WAI-ARIA Authoring Practices carousel pattern.

use crate::api::models::PhotoItem;
use crate::components::loaded::Loaded;
use crate::components::picture::Picture;
use crate::components::widget::Widget;
use crate::cycle::{self, Step};
use crate::hooks::{prefers_reduced_motion, use_attention, use_rotation};
use crate::routes;
use crate::state::SharedData;
use leptos::prelude::*;
use leptos_router::components::A;
use std::time::Duration;

/// How long each photo shows while the carousel rotates.
const SLIDE_PERIOD: Duration = Duration::from_secs(5);

/// The 포토뉴스 block with 더보기 to `/photo`, from the shared `photo-news.json`.
#[component]
pub fn PhotoCarousel() -> impl IntoView {
    let photos = SharedData::get().photo_news;
    view! {
        <Widget title="포토뉴스" id="photo-news" more=routes::PHOTOS class="photo-widget">
            <Loaded resource=photos what="포토뉴스" placeholder=placeholder let:photos>
                <PhotoCarouselView items=photos.items/>
            </Loaded>
        </Widget>
    }
}

fn placeholder() -> AnyView {
    view! { <div class="carousel carousel--loading" aria-hidden="true"></div> }.into_any()
}

/// The carousel itself. It rotates every five seconds unless the reader paused it, points at
/// it, or moved keyboard focus into it; it never rotates under `prefers-reduced-motion` or in
/// a hidden tab. Arrow keys, swipes, the previous/next buttons and the picker dots all move
/// it, wrapping around. Only the shown slide and its neighbours load their images.
#[component]
pub fn PhotoCarouselView(items: Vec<PhotoItem>) -> impl IntoView {
    let count = items.len();
    let current = RwSignal::new(0usize);
    let playing = RwSignal::new(count > 1 && !prefers_reduced_motion());
    let attention = use_attention();
    let rotating = Signal::derive(move || playing.get() && !attention.held());
    use_rotation(
        current,
        count,
        SLIDE_PERIOD,
        Signal::derive(move || !rotating.get()),
    );

    let go = move |step: Step| current.update(|i| *i = cycle::apply(step, *i, count));
    let swipe_from = StoredValue::new(None::<f64>);

    let slides = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let shown = Signal::derive(move || current.get() == i);
            let near = Signal::derive(move || cycle::is_near(i, current.get(), count));
            slide(item, i, count, shown, near)
        })
        .collect_view();
    let dots = (0..count)
        .map(|i| {
            view! {
                <button
                    type="button"
                    class="carousel__dot"
                    aria-label=format!("{}번째 사진", i + 1)
                    aria-current=move || (current.get() == i).then_some("true")
                    on:click=move |_| current.set(i)
                ></button>
            }
        })
        .collect_view();

    view! {
        <div
            class="carousel"
            role="group"
            aria-roledescription="carousel"
            aria-label="포토뉴스 사진"
            {..attention.listeners()}
            on:keydown=move |ev| {
                if let Some(step) = cycle::key_step(&ev.key(), false) {
                    ev.prevent_default();
                    go(step);
                }
            }
        >
            <div class="carousel__controls" hidden={count < 2}>
                <button
                    type="button"
                    class="carousel__play"
                    aria-label=move || if playing.get() { "자동 넘김 멈추기" } else { "자동 넘김 시작" }
                    on:click=move |_| playing.update(|on| *on = !*on)
                >
                    <span aria-hidden="true">{move || if playing.get() { "❚❚" } else { "▶" }}</span>
                </button>
                <button
                    type="button"
                    class="carousel__prev"
                    aria-label="이전 사진"
                    on:click=move |_| go(Step::Prev)
                >
                    <span aria-hidden="true">"‹"</span>
                </button>
                <button
                    type="button"
                    class="carousel__next"
                    aria-label="다음 사진"
                    on:click=move |_| go(Step::Next)
                >
                    <span aria-hidden="true">"›"</span>
                </button>
            </div>
            <div
                class="carousel__slides"
                aria-live=move || if rotating.get() { "off" } else { "polite" }
                on:pointerdown=move |ev| swipe_from.set_value(Some(f64::from(ev.client_x())))
                on:pointercancel=move |_| swipe_from.set_value(None)
                on:pointerup=move |ev| {
                    if let Some(start) = swipe_from.get_value() {
                        swipe_from.set_value(None);
                        if let Some(step) = cycle::swipe_step(f64::from(ev.client_x()) - start) {
                            go(step);
                        }
                    }
                }
            >
                {slides}
            </div>
            <div class="carousel__dots" role="group" aria-label="사진 고르기" hidden={count < 2}>
                {dots}
            </div>
        </div>
    }
}

fn slide(
    item: PhotoItem,
    index: usize,
    count: usize,
    shown: Signal<bool>,
    near: Signal<bool>,
) -> impl IntoView {
    let picture = view! {
        <Picture image=item.image eager=near sizes="(min-width: 768px) 760px, 100vw"/>
    };
    let title = view! { <h3 class="carousel__title">{item.title}</h3> };
    let body = match item.article_id {
        Some(id) => {
            view! { <A href=routes::article(&id) attr:class="carousel__link">{picture}{title}</A> }
                .into_any()
        }
        None => view! { <div class="carousel__link">{picture}{title}</div> }.into_any(),
    };
    view! {
        <div
            class="carousel__slide"
            role="group"
            aria-roledescription="slide"
            aria-label=format!("{} / {count}", index + 1)
            hidden=move || !shown.get()
        >
            {body}
            {item.summary.map(|text| view! { <p class="carousel__summary">{text}</p> })}
        </div>
    }
}
