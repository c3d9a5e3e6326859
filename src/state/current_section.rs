//! Which section the reader is in while reading an article, for the menu to mark.

use leptos::prelude::*;

/// The section of the article being read, so the menu can mark it: set by the article page,
/// cleared when it goes.
#[derive(Clone, Copy)]
pub struct CurrentSection(RwSignal<Option<String>>);

impl CurrentSection {
    /// Provides the (empty) current section to the components below, unless one is provided
    /// already: the prerender command sets the article's section before the header is drawn,
    /// which the article page's effect would do only after.
    pub fn provide() {
        if use_context::<Self>().is_none() {
            provide_context(Self::new(None));
        }
    }

    /// A current section of its own, set to `slug`.
    pub fn new(slug: Option<String>) -> Self {
        Self(RwSignal::new(slug))
    }

    /// The one provided above this component.
    pub fn get() -> Self {
        expect_context()
    }

    /// Marks `slug` (or nothing) as the section being read.
    pub fn set(self, slug: Option<String>) {
        if self.0.get_untracked() != slug {
            self.0.set(slug);
        }
    }

    /// Whether `slug` is the section being read (reactive).
    pub fn is(self, slug: &str) -> bool {
        self.0.with(|current| current.as_deref() == Some(slug))
    }
}
