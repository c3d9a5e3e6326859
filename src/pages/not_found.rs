//! The page for an address or article that does not exist.

use crate::components::page_meta::PageMeta;
use crate::navigation::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

/// Says in Korean that the page was not found and offers the way home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageMeta title="페이지를 찾을 수 없습니다"/>
        <section class="not-found">
            <PageHeading class="not-found__title">"페이지를 찾을 수 없습니다"</PageHeading>
            <p>"요청하신 기사나 페이지가 삭제되었거나 주소가 바뀌었을 수 있습니다."</p>
            <p><A href="/" attr:class="not-found__home">"홈으로 가기"</A></p>
        </section>
    }
}
