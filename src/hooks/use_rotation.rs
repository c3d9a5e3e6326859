//! Automatic rotation through a list (weather cities, carousel slides), done politely.

use crate::cycle;
use leptos::prelude::*;
use std::time::Duration;

/// Whether the reader asked the system for less motion; such readers get no rotation at all.
pub fn prefers_reduced_motion() -> bool {
    if !cfg!(target_arch = "wasm32") {
        return true; // prerendering: nothing moves in a file
    }
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

/// Advances `index` through `len` items every `period`, except while `paused` is true, while
/// the tab is hidden, or (never starting) when the reader prefers reduced motion.
/// The interval is owned by the calling component and cleared when it unmounts.
///
/// ```ignore
/// let current = RwSignal::new(0);
/// use_rotation(current, items.len(), Duration::from_secs(5), Signal::derive(move || hovered.get()));
/// ```
pub fn use_rotation(index: RwSignal<usize>, len: usize, period: Duration, paused: Signal<bool>) {
    if len < 2 || prefers_reduced_motion() {
        return;
    }
    let tick = move || {
        if !paused.get_untracked() && !document().hidden() {
            index.update(|i| *i = cycle::next(*i, len));
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, period) {
        on_cleanup(move || handle.clear());
    }
}
