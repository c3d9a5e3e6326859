//! The reader's own settings, kept in `localStorage`: article text size and light or dark
//! theme. `js/preferences.js` (inlined into the page) applies both before the first paint, so the
//! page never jumps; these functions change them afterwards.

use leptos::prelude::*;

/// How many text sizes there are (`data-text-size` 0 to 6 in `style/main.css`).
pub const TEXT_SIZES: usize = 7;
/// The size a reader starts with.
pub const DEFAULT_TEXT_SIZE: usize = 2;

/// The `localStorage` keys (`js/preferences.js` reads them before the first paint).
pub const TEXT_SIZE_KEY: &str = "text-size";
/// See [`TEXT_SIZE_KEY`].
pub const THEME_KEY: &str = "theme";

/// A stored text size, or the default for anything else.
pub fn parse_text_size(stored: Option<&str>) -> usize {
    stored
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|step| *step < TEXT_SIZES)
        .unwrap_or(DEFAULT_TEXT_SIZE)
}

/// One step smaller or larger, staying within the sizes there are.
pub fn step_text_size(current: usize, larger: bool) -> usize {
    if larger {
        (current + 1).min(TEXT_SIZES - 1)
    } else {
        current.saturating_sub(1)
    }
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The stored value and the `data-theme` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    window().local_storage().ok().flatten()
}

fn root() -> Option<web_sys::Element> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    document().document_element()
}

/// The text size in use.
pub fn text_size() -> usize {
    parse_text_size(
        storage()
            .and_then(|s| s.get_item(TEXT_SIZE_KEY).ok().flatten())
            .as_deref(),
    )
}

/// Applies and remembers a text size.
pub fn set_text_size(step: usize) {
    let step = step.min(TEXT_SIZES - 1).to_string();
    if let Some(root) = root() {
        let _ = root.set_attribute("data-text-size", &step);
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(TEXT_SIZE_KEY, &step);
    }
}

/// The theme in use: the reader's choice, else the system's.
pub fn theme() -> Theme {
    let chosen = root().and_then(|root| root.get_attribute("data-theme"));
    match chosen.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ if !cfg!(target_arch = "wasm32") => Theme::Light,
        _ => {
            let dark = window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|query| query.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// Applies and remembers a theme.
pub fn set_theme(theme: Theme) {
    if let Some(root) = root() {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(THEME_KEY, theme.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_sizes_stay_in_range() {
        assert_eq!(parse_text_size(None), DEFAULT_TEXT_SIZE);
        assert_eq!(parse_text_size(Some("0")), 0);
        assert_eq!(parse_text_size(Some("6")), 6);
        assert_eq!(parse_text_size(Some("7")), DEFAULT_TEXT_SIZE);
        assert_eq!(parse_text_size(Some("-1")), DEFAULT_TEXT_SIZE);
        assert_eq!(parse_text_size(Some("큰")), DEFAULT_TEXT_SIZE);
        assert_eq!(step_text_size(2, true), 3);
        assert_eq!(step_text_size(6, true), 6);
        assert_eq!(step_text_size(1, false), 0);
        assert_eq!(step_text_size(0, false), 0);
    }
}
