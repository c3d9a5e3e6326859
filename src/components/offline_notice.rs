//! "인터넷에 연결되어 있지 않습니다": the reader is told when the device goes offline (the
//! service worker, `src/offline.rs`, keeps what they read).

use leptos::ev;
use leptos::prelude::*;

/// "인터넷에 연결되어 있지 않습니다": shown while the device is offline.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let online = RwSignal::new(true);
    if cfg!(target_arch = "wasm32") {
        online.set(window().navigator().on_line());
        let went_online = window_event_listener(ev::online, move |_| online.set(true));
        let went_offline = window_event_listener(ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            went_online.remove();
            went_offline.remove();
        });
    }
    view! {
        <div role="status" class="offline-status">
            {move || (!online.get()).then(|| view! {
                <p class="offline-notice">
                    "인터넷에 연결되어 있지 않습니다. 저장해 둔 기사와 화면을 보여 드립니다."
                </p>
            })}
        </div>
    }
}
