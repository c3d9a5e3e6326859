//! Index arithmetic shared by the photo carousel, the most-viewed tabs and the weather strip:
//! moving through `len` items with wrap-around, from buttons, arrow keys and swipes.

/// A move by one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Prev,
    Next,
    First,
    Last,
}

/// How far a finger must travel sideways, in CSS pixels, before a swipe changes the slide.
pub const SWIPE_THRESHOLD_PX: f64 = 50.0;

/// The item after `index`, wrapping from the last to the first. `0` for an empty list.
pub fn next(index: usize, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        (index + 1) % len
    }
}

/// The item before `index`, wrapping from the first to the last. `0` for an empty list.
pub fn prev(index: usize, len: usize) -> usize {
    match len {
        0 => 0,
        _ => (index.min(len - 1) + len - 1) % len,
    }
}

/// Where `step` leads from `index` in a list of `len` items.
pub fn apply(step: Step, index: usize, len: usize) -> usize {
    match step {
        Step::Prev => prev(index, len),
        Step::Next => next(index, len),
        Step::First => 0,
        Step::Last => len.saturating_sub(1),
    }
}

/// The step an arrow key asks for (WAI-ARIA carousel and tabs patterns); `Home`/`End` only
/// where `with_ends` (tabs).
pub fn key_step(key: &str, with_ends: bool) -> Option<Step> {
    match key {
        "ArrowLeft" => Some(Step::Prev),
        "ArrowRight" => Some(Step::Next),
        "Home" if with_ends => Some(Step::First),
        "End" if with_ends => Some(Step::Last),
        _ => None,
    }
}

/// The step a horizontal swipe of `dx` pixels asks for: a swipe to the left shows the next
/// item. Movements shorter than [`SWIPE_THRESHOLD_PX`] are taps or scrolls, not swipes.
pub fn swipe_step(dx: f64) -> Option<Step> {
    if dx <= -SWIPE_THRESHOLD_PX {
        Some(Step::Next)
    } else if dx >= SWIPE_THRESHOLD_PX {
        Some(Step::Prev)
    } else {
        None
    }
}

/// Whether item `index` is the current one or next to it (wrapping): those load their images
/// at once, the rest only when shown.
pub fn is_near(index: usize, current: usize, len: usize) -> bool {
    index == current || index == next(current, len) || index == prev(current, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_wrap_around() {
        assert_eq!(next(0, 3), 1);
        assert_eq!(next(2, 3), 0);
        assert_eq!(prev(0, 3), 2);
        assert_eq!(prev(2, 3), 1);
        assert_eq!(next(0, 1), 0);
        assert_eq!(prev(0, 1), 0);
        assert_eq!(next(0, 0), 0);
        assert_eq!(prev(0, 0), 0);
        // An index left over from a longer list still lands inside the new one.
        assert_eq!(prev(9, 3), 1);
        assert_eq!(next(9, 3), 1);
    }

    #[test]
    fn steps_from_keys_and_swipes() {
        assert_eq!(key_step("ArrowRight", false), Some(Step::Next));
        assert_eq!(key_step("ArrowLeft", false), Some(Step::Prev));
        assert_eq!(key_step("Home", false), None);
        assert_eq!(key_step("Home", true), Some(Step::First));
        assert_eq!(key_step("End", true), Some(Step::Last));
        assert_eq!(key_step("Enter", true), None);
        assert_eq!(apply(Step::Last, 0, 4), 3);
        assert_eq!(apply(Step::First, 3, 4), 0);
        assert_eq!(apply(Step::Last, 0, 0), 0);

        assert_eq!(swipe_step(-80.0), Some(Step::Next));
        assert_eq!(swipe_step(80.0), Some(Step::Prev));
        assert_eq!(swipe_step(-49.0), None);
        assert_eq!(swipe_step(SWIPE_THRESHOLD_PX), Some(Step::Prev));
        assert_eq!(swipe_step(0.0), None);
    }

    #[test]
    fn neighbours_wrap_too() {
        assert!(is_near(0, 0, 7));
        assert!(is_near(1, 0, 7));
        assert!(is_near(6, 0, 7));
        assert!(!is_near(3, 0, 7));
        assert!(is_near(0, 6, 7));
    }
}
