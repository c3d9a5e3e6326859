//! Whether the reader is attending to a part of the page: pointing at it or with keyboard
//! focus inside it. Whatever moves by itself (the weather strip, the photo carousel) holds
//! still while they are.

use leptos::attr::Attribute;
use leptos::prelude::*;

/// The reader's attention on one element; spread [`Attention::listeners`] onto it.
///
/// ```ignore
/// let attention = use_attention();
/// use_rotation(current, len, period, Signal::derive(move || attention.held()));
/// view! { <div class="carousel" {..attention.listeners()}>…</div> }
/// ```
#[derive(Clone, Copy)]
pub struct Attention {
    hovered: RwSignal<bool>,
    focused: RwSignal<bool>,
}

/// A new [`Attention`], owned by the calling component.
pub fn use_attention() -> Attention {
    Attention {
        hovered: RwSignal::new(false),
        focused: RwSignal::new(false),
    }
}

impl Attention {
    /// Whether the pointer is over the element or focus is inside it (reactive).
    pub fn held(self) -> bool {
        self.hovered.get() || self.focused.get()
    }

    /// The four listeners that keep [`Attention::held`] true.
    pub fn listeners(self) -> impl Attribute {
        let Self { hovered, focused } = self;
        view! {
            <{..}
                on:mouseenter=move |_| hovered.set(true)
                on:mouseleave=move |_| hovered.set(false)
                on:focusin=move |_| focused.set(true)
                on:focusout=move |_| focused.set(false)
            />
        }
    }
}
