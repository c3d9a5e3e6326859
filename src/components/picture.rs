//! A responsive image whose box is reserved before it loads.

use crate::api::models::Image;
use crate::format::{safe_url, srcset};
use leptos::prelude::*;

/// Renders an API [`Image`] as `<img>` with `srcset`, `sizes`, width and height (so the
/// browser reserves its box and nothing below it jumps). An address outside the allow-list
/// renders nothing. Images load lazily unless `eager` is set for the one above the fold.
#[component]
pub fn Picture(
    image: Image,
    /// The `sizes` attribute: how wide the image is shown, for choosing from `srcset`.
    #[prop(optional)]
    sizes: Option<&'static str>,
    /// Load at once with high priority (the lead image); otherwise lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let src = safe_url(&image.src)?.to_owned();
    let srcset = srcset(&image.srcset);
    let sizes = srcset.as_ref().and(sizes);
    Some(view! {
        <img
            src=src
            srcset=srcset
            sizes=sizes
            alt=image.alt
            width=image.width
            height=image.height
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=eager.then_some("high")
            decoding="async"
        />
    })
}
