//! A responsive image whose box is reserved before it loads.

use crate::api::models::Image;
use crate::format::{safe_url, srcset};
use leptos::prelude::*;

/// Renders an API [`Image`] as `<img>` with `srcset`, `sizes`, width and height (so the
/// browser reserves its box and nothing below it jumps). An address outside the allow-list
/// renders nothing; an image without its size gets a reserved 3:2 box. Images load lazily unless `eager` (which may change, as for carousel
/// neighbours) or `priority` (the one image that is the page's largest paint) is set.
#[component]
pub fn Picture(
    image: Image,
    /// The `sizes` attribute: how wide the image is shown, for choosing from `srcset`.
    #[prop(optional)]
    sizes: Option<&'static str>,
    /// Load at once rather than when scrolled near.
    #[prop(optional, into)]
    eager: Signal<bool>,
    /// Load first of all, with `fetchpriority="high"`: the lead photo above the fold.
    #[prop(optional)]
    priority: bool,
) -> impl IntoView {
    let src = safe_url(&image.src)?.to_owned();
    let srcset = srcset(&image.srcset);
    let sizes = srcset.as_ref().and(sizes);
    // Without both sides the stylesheet reserves a 3:2 box (`picture--unsized`).
    let size_unknown =
        (image.width.is_none() || image.height.is_none()).then_some("picture--unsized");
    let loading = move || {
        if priority || eager.get() {
            "eager"
        } else {
            "lazy"
        }
    };
    Some(view! {
        <img
            class=size_unknown
            src=src
            srcset=srcset
            sizes=sizes
            alt=image.alt
            width=image.width
            height=image.height
            loading=loading
            fetchpriority=priority.then_some("high")
            decoding="async"
        />
    })
}
