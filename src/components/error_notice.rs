//! The Korean message and retry button shown where one part of the page failed to load.

use crate::api::ApiError;
use crate::page_names::ERROR_NOTICE_CLASS;
use leptos::prelude::*;

/// Tells the reader in Korean that this part could not be loaded, and offers a retry.
/// The rest of the page is untouched: every widget shows its own notice.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    /// Called when the reader presses 다시 시도.
    #[prop(into)]
    on_retry: Callback<()>,
    /// What failed, as the reader knows it (기사, 날씨, …), put before the message.
    #[prop(optional)]
    what: Option<&'static str>,
) -> impl IntoView {
    let message = match what {
        Some(what) => format!("{what}: {}", error.korean_message()),
        None => error.korean_message(),
    };
    view! {
        <div class=ERROR_NOTICE_CLASS role="alert" data-error=error.to_string()>
            <p class="error-notice__message">{message}</p>
            <button type="button" class="error-notice__retry" on:click=move |_| on_retry.run(())>
                "다시 시도"
            </button>
        </div>
    }
}
