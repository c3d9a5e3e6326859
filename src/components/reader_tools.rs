//! The tools above an article: save, listen, text size, share and print.

use crate::components::listen::Listen;
use crate::format::{aria_bool, encode_path_segment};
use crate::library::{Entry, Library};
use crate::preferences::{set_text_size, step_text_size, text_size, TEXT_SIZES};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Share addresses that need no third-party script (the CSP allows none): the two Korean
/// readers use most (네이버 블로그, 밴드) first. KakaoTalk is reached through the device's
/// share sheet (공유).
pub fn share_links(url: &str, title: &str) -> [(&'static str, String); 5] {
    let url = encode_path_segment(url);
    let title = encode_path_segment(title);
    [
        (
            "네이버 블로그",
            format!("https://blog.naver.com/openapi/share?url={url}&title={title}"),
        ),
        (
            "밴드",
            format!("https://band.us/plugin/share?body={title}%0A{url}&route={url}"),
        ),
        (
            "페이스북",
            format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
        ),
        (
            "X",
            format!("https://twitter.com/intent/tweet?url={url}&text={title}"),
        ),
        (
            "카카오스토리",
            format!("https://story.kakao.com/share?url={url}"),
        ),
    ]
}

/// 저장 (the reader's saved articles, `/saved`), 글자 크기 (smaller/larger, remembered), 공유
/// (copy link, the device's share sheet where there is one, plain share links) and 인쇄.
#[component]
pub fn ReaderTools(
    title: String,
    /// The article's canonical address, shared where the page has no address bar (prerendering).
    address: String,
    /// The article as the saved list keeps it.
    entry: Entry,
) -> impl IntoView {
    let library = Library::get();
    let id = entry.id.clone();
    let saved = Memo::new(move |_| library.is_saved(&id));
    let size = RwSignal::new(text_size());
    let change = move |larger: bool| {
        let next = step_text_size(size.get_untracked(), larger);
        set_text_size(next);
        size.set(next);
    };
    let status = RwSignal::new(None::<&'static str>);
    let save = move |_| {
        status.set(Some(match library.toggle_saved(entry.clone()) {
            Ok(true) => "저장했습니다. 저장한 기사에서 인터넷 없이도 볼 수 있습니다",
            Ok(false) => "저장을 취소했습니다",
            Err(message) => message,
        }));
    };
    let fallback = RwSignal::new(None::<String>);
    let in_browser = cfg!(target_arch = "wasm32");
    let url = if in_browser {
        window().location().href().unwrap_or_default()
    } else {
        address
    };
    let has = |name: &str| {
        in_browser
            && js_sys::Reflect::has(&window().navigator(), &JsValue::from_str(name))
                .unwrap_or(false)
    };
    let can_share = has("share");
    let has_clipboard = has("clipboard");

    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            if !has_clipboard {
                fallback.set(Some(url));
                status.set(Some("아래 주소를 복사해 주세요"));
                return;
            }
            let promise = window().navigator().clipboard().write_text(&url);
            leptos::task::spawn_local(async move {
                if JsFuture::from(promise).await.is_ok() {
                    status.set(Some("링크를 복사했습니다"));
                } else {
                    fallback.set(Some(url));
                    status.set(Some("아래 주소를 복사해 주세요"));
                }
            });
        }
    };
    let share = {
        let (url, title) = (url.clone(), title.clone());
        move |_| {
            let data = web_sys::ShareData::new();
            data.set_title(&title);
            data.set_url(&url);
            let promise = window().navigator().share_with_data(&data);
            leptos::task::spawn_local(async move {
                let _ = JsFuture::from(promise).await; // a cancelled share is no error
            });
        }
    };
    let links = share_links(&url, &title)
        .into_iter()
        .map(|(name, href)| {
            view! {
                <li>
                    <a
                        href=href
                        target="_blank"
                        rel="noopener noreferrer"
                        class="reader-tools__link"
                    >
                        {name}<span class="visually-hidden">" 공유 (새 창)"</span>
                    </a>
                </li>
            }
        })
        .collect_view();

    view! {
        // Buttons and share links: not part of the article for the search index.
        <div class="reader-tools" data-pagefind-ignore>
            <button
                type="button"
                class="reader-tools__button reader-tools__save"
                aria-pressed=move || aria_bool(saved.get())
                on:click=save
            >
                <span aria-hidden="true">{move || if saved.get() { "★ " } else { "☆ " }}</span>
                "저장"
            </button>
            <Listen/>
            <div class="reader-tools__group" role="group" aria-label="글자 크기">
                <button
                    type="button"
                    class="reader-tools__button"
                    disabled=move || size.get() == 0
                    on:click=move |_| change(false)
                >
                    // The name ("글자 작게") holds the visible word, for voice control.
                    <span class="visually-hidden">"글자 "</span>
                    <span
                        class="reader-tools__glyph reader-tools__glyph--small"
                        aria-hidden="true"
                    >
                        "가"
                    </span>
                    "작게"
                </button>
                <button
                    type="button"
                    class="reader-tools__button"
                    disabled={move || size.get() + 1 >= TEXT_SIZES}
                    on:click=move |_| change(true)
                >
                    <span class="visually-hidden">"글자 "</span>
                    <span
                        class="reader-tools__glyph reader-tools__glyph--large"
                        aria-hidden="true"
                    >
                        "가"
                    </span>
                    "크게"
                </button>
            </div>
            <div class="reader-tools__group" role="group" aria-label="공유와 인쇄">
                <button type="button" class="reader-tools__button" on:click=copy>"링크 복사"</button>
                {can_share.then(|| view! {
                    <button type="button" class="reader-tools__button" on:click=share>"공유"</button>
                })}
                <button
                    type="button"
                    class="reader-tools__button"
                    on:click=move |_| {
                        let _ = window().print();
                    }
                >
                    "인쇄"
                </button>
            </div>
            <ul class="reader-tools__links" aria-label="SNS 공유">{links}</ul>
            <p class="reader-tools__status" role="status">{move || status.get()}</p>
            {move || fallback.get().map(|url| view! {
                <input
                    class="reader-tools__fallback"
                    type="text"
                    readonly
                    value=url
                    aria-label="기사 주소"
                    on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        let input = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        if let Some(input) = input {
                            input.select();
                        }
                    }
                />
            })}
        </div>
    }
}
