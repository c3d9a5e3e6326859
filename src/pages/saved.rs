//! `/saved`: 저장한 기사 and 최근 본 기사, kept on this device with no account
//! ([`crate::library`]). Saved articles open offline: the service worker keeps them.

use crate::components::page_grid::PageGrid;
use crate::components::page_meta::PageMeta;
use crate::format::kst_datetime;
use crate::library::{Entry, Library};
use crate::navigation::PageHeading;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// Both lists, each with a Korean empty state; 삭제 on each saved article, 기록 지우기 for
/// the articles read; what went wrong with the device's storage, said in Korean.
#[component]
pub fn SavedPage() -> impl IntoView {
    let library = Library::get();
    let saved = move || {
        let entries = library.saved.get();
        if entries.is_empty() {
            return view! {
                <p class="saved-page__empty">
                    "저장한 기사가 없습니다. 기사 위의 ‘☆ 저장’ 단추를 누르면 여기에 모이고, "
                    "인터넷 없이도 읽을 수 있습니다."
                </p>
            }
            .into_any();
        }
        let items = entries
            .into_iter()
            .map(|entry| {
                let id = entry.id.clone();
                let title = entry.title.clone();
                view! {
                    <li class="saved-list__item">
                        {entry_link(entry)}
                        // The name says which article; it starts with the word shown.
                        <button
                            type="button"
                            class="saved-list__remove"
                            aria-label=format!("삭제: {title}")
                            on:click=move |_| library.remove_saved(&id)
                        >
                            "삭제"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="saved-list saved-list--saved">{items}</ul> }.into_any()
    };
    let recent = move || {
        let entries = library.recent.get();
        if entries.is_empty() {
            return view! { <p class="saved-page__empty">"최근 본 기사가 없습니다."</p> }
                .into_any();
        }
        let items = entries
            .into_iter()
            .map(|entry| view! { <li class="saved-list__item">{entry_link(entry)}</li> })
            .collect_view();
        view! {
            <ul class="saved-list saved-list--recent">{items}</ul>
            <button
                type="button"
                class="reader-tools__button"
                on:click=move |_| library.clear_recent()
            >
                "기록 지우기"
            </button>
        }
        .into_any()
    };
    view! {
        <PageMeta title="저장한 기사" description="이 기기에 저장한 기사와 최근 본 기사"/>
        <PageGrid>
            <section class="saved-page">
                <PageHeading class="list-page__title">"저장한 기사"</PageHeading>
                <p class="saved-page__note">
                    "목록은 이 기기의 브라우저에만 저장되며 회사로 보내지지 않습니다."
                </p>
                <p class="saved-page__problem" role="alert">{move || library.problem.get()}</p>
                {saved}
                <h2 class="widget-title saved-page__recent">"최근 본 기사"</h2>
                {recent}
            </section>
        </PageGrid>
    }
}

fn entry_link(entry: Entry) -> impl IntoView {
    let meta = [
        entry.section,
        entry.published_at.as_deref().and_then(kst_datetime),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <A href=routes::article(&entry.id) attr:class="saved-list__link">
            <span class="article-list__title">{entry.title}</span>
            {(!meta.is_empty()).then(|| view! { <span class="article-list__time">{meta}</span> })}
        </A>
    }
}
