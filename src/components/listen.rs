//! 본문 듣기: the article read aloud by the browser's speech synthesis (Web Speech API) in a
//! Korean voice. The paragraph being read is marked and kept in view; a player fixed to the
//! bottom of the screen pauses, resumes and stops it; leaving the article stops it.
//!
//! The button has its place in the reader tools from the first paint, hidden until the browser
//! shows it has a Korean voice (voices often arrive after the page), so nothing moves when it
//! appears; where there is no Korean voice it stays hidden, out of the accessibility tree.
//! The player is fixed, so its arrival moves nothing either.

use leptos::prelude::*;

/// What the player shows: the part being read (from 1) of how many, and whether paused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Playing {
    at: usize,
    total: usize,
    paused: bool,
}

/// The 본문 듣기 button and, while reading, the player.
#[component]
pub fn Listen() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    let available: Signal<bool> = speech::korean_voice_present().into();
    #[cfg(not(target_arch = "wasm32"))]
    let available: Signal<bool> = Signal::stored(false);
    let playing = RwSignal::new(None::<Playing>);
    // `None`, not "": the prerender writes an empty text as a space, which the app does not draw.
    let announce = RwSignal::new(None::<&'static str>);
    let trigger = NodeRef::<leptos::html::Button>::new();
    let pause_button = NodeRef::<leptos::html::Button>::new();
    #[cfg(target_arch = "wasm32")]
    {
        // Leaving the article (another page, another article) stops the reading.
        on_cleanup(speech::stop_all);
    }
    let start = move |_| {
        #[cfg(target_arch = "wasm32")]
        if speech::start(playing) {
            announce.set(Some("본문 듣기를 시작합니다"));
            request_animation_frame(move || {
                if let Some(button) = pause_button.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    };
    let pause = move |_| {
        #[cfg(target_arch = "wasm32")]
        if let Some(now) = playing.get_untracked() {
            speech::pause(!now.paused);
            playing.set(Some(Playing {
                paused: !now.paused,
                ..now
            }));
            announce.set(Some(if now.paused {
                "다시 읽습니다"
            } else {
                "일시정지했습니다"
            }));
        }
    };
    let stop = move |_| {
        #[cfg(target_arch = "wasm32")]
        speech::stop(playing);
        announce.set(Some("본문 듣기를 멈췄습니다"));
        if let Some(button) = trigger.get_untracked() {
            let _ = button.focus();
        }
    };
    let player = move || {
        playing.get().map(|now| {
            view! {
                <div class="listen-player" role="region" aria-label="본문 듣기">
                    <p class="listen-player__where">
                        {if now.paused { "일시정지 · " } else { "읽는 중 · " }}
                        {format!("{}/{}", now.at, now.total)}
                    </p>
                    <button
                        type="button"
                        class="listen-player__button"
                        node_ref=pause_button
                        on:click=pause
                    >
                        <span aria-hidden="true">{if now.paused { "▶ " } else { "❚❚ " }}</span>
                        {if now.paused { "계속" } else { "일시정지" }}
                    </button>
                    <button type="button" class="listen-player__button" on:click=stop>
                        <span aria-hidden="true">"■ "</span>
                        "정지"
                    </button>
                </div>
            }
        })
    };
    view! {
        <button
            type="button"
            class="reader-tools__button reader-tools__listen"
            class:is-unavailable=move || !available.get()
            node_ref=trigger
            on:click=start
        >
            // A speaker drawn, not an emoji: not every system has an emoji font.
            <svg class="reader-tools__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <path d="M1.5 5.5h3l4-3v11l-4-3h-3z" fill="currentColor"/>
                <path
                    d="M11 5.5a3.5 3.5 0 0 1 0 5M12.8 3.2a6.5 6.5 0 0 1 0 9.6"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.5"
                />
            </svg>
            "본문 듣기"
        </button>
        <p class="visually-hidden" role="status">{move || announce.get()}</p>
        {player}
    }
}

#[cfg(target_arch = "wasm32")]
mod speech {
    use super::Playing;
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    /// The parts of the page read aloud, in order: the headline, then the body's paragraphs,
    /// headings, quotes, list items and captions.
    const READ: &str = ".article__title, .article-body > p, .article-body__heading, \
    .article-body__quote blockquote, .article-body__quote figcaption, .article-body__list > li, \
    .article-body__photo figcaption";

    thread_local! {
        /// Which reading the callbacks belong to: a stop or a new start makes older ones idle.
        static RUN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
        /// The elements being read, and the text of each.
        static PARTS: std::cell::RefCell<Vec<(web_sys::Element, String)>> =
            const { std::cell::RefCell::new(Vec::new()) };
        /// The Korean voice chosen when the reading started, for every part of it.
        static VOICE: std::cell::RefCell<Option<web_sys::SpeechSynthesisVoice>> =
            const { std::cell::RefCell::new(None) };
    }

    fn synthesis() -> Option<web_sys::SpeechSynthesis> {
        let window = window();
        let has = js_sys::Reflect::get(&window, &JsValue::from_str("speechSynthesis"))
            .ok()
            .is_some_and(|value| value.is_object());
        has.then(|| window.speech_synthesis().ok()).flatten()
    }

    /// The browser's Korean voice, if it has one.
    fn korean_voice() -> Option<web_sys::SpeechSynthesisVoice> {
        let voices = synthesis()?.get_voices();
        let voices: Vec<web_sys::SpeechSynthesisVoice> =
            voices.iter().map(|voice| voice.unchecked_into()).collect();
        let korean = |voice: &&web_sys::SpeechSynthesisVoice| {
            voice
                .lang()
                .to_ascii_lowercase()
                .replace('_', "-")
                .starts_with("ko")
        };
        let exact = voices
            .iter()
            .filter(korean)
            .find(|voice| voice.lang().eq_ignore_ascii_case("ko-KR"));
        exact.or_else(|| voices.iter().find(korean)).cloned()
    }

    /// Whether the browser has a Korean voice, kept current by one `voiceschanged` listener
    /// for the whole visit (not one per article shown).
    pub fn korean_voice_present() -> ArcRwSignal<bool> {
        thread_local! {
            static PRESENT: std::cell::OnceCell<ArcRwSignal<bool>> = const { std::cell::OnceCell::new() };
        }
        PRESENT.with(|present| {
            present
                .get_or_init(|| {
                    let present = ArcRwSignal::new(korean_voice().is_some());
                    if let Some(synthesis) = synthesis() {
                        let signal = present.clone();
                        let check = Closure::<dyn Fn()>::new(move || {
                            signal.set(korean_voice().is_some());
                        });
                        let _ = synthesis.add_event_listener_with_callback(
                            "voiceschanged",
                            check.as_ref().unchecked_ref(),
                        );
                        check.forget(); // once per visit
                    }
                    present
                })
                .clone()
        })
    }

    /// Starts reading the page from its headline; `false` if there is nothing to read with.
    pub fn start(playing: RwSignal<Option<Playing>>) -> bool {
        let (Some(synthesis), Some(voice)) = (synthesis(), korean_voice()) else {
            return false;
        };
        synthesis.cancel();
        let run = RUN.with(|run| {
            run.set(run.get().wrapping_add(1));
            run.get()
        });
        let parts: Vec<(web_sys::Element, String)> = document()
            .query_selector_all(READ)
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .filter_map(|element| {
                        let text = element.text_content()?.trim().to_owned();
                        (!text.is_empty()).then_some((element, text))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if parts.is_empty() {
            return false;
        }
        let total = parts.len();
        PARTS.with(|kept| *kept.borrow_mut() = parts);
        VOICE.with(|kept| *kept.borrow_mut() = Some(voice));
        speak(run, 0, total, playing);
        true
    }

    /// Reads part `at`, marks it and keeps it in view; the next follows when it ends.
    fn speak(run: u32, at: usize, total: usize, playing: RwSignal<Option<Playing>>) {
        if RUN.with(|current| current.get()) != run {
            return;
        }
        let part = PARTS.with(|parts| parts.borrow().get(at).cloned());
        let (Some((element, text)), Some(synthesis)) = (part, synthesis()) else {
            stop(playing);
            return;
        };
        mark(Some(&element));
        playing.try_set(Some(Playing {
            at: at + 1,
            total,
            paused: false,
        }));
        let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
            stop(playing);
            return;
        };
        utterance.set_lang("ko-KR");
        VOICE.with(|voice| utterance.set_voice(voice.borrow().as_ref()));
        let next = Closure::once_into_js(move || speak(run, at + 1, total, playing));
        utterance.set_onend(Some(next.unchecked_ref()));
        // A failed part (not one cut short by a stop) ends the reading.
        let failed = Closure::once_into_js(move || {
            if RUN.with(|current| current.get()) == run {
                stop(playing);
            }
        });
        utterance.set_onerror(Some(failed.unchecked_ref()));
        synthesis.speak(&utterance);
    }

    /// Marks the part being read (`None`: no part) and scrolls it into view.
    fn mark(element: Option<&web_sys::Element>) {
        if let Ok(marked) = document().query_selector_all(".is-speaking") {
            for i in 0..marked.length() {
                if let Some(old) = marked
                    .item(i)
                    .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = old.class_list().remove_1("is-speaking");
                }
            }
        }
        let Some(element) = element else { return };
        let _ = element.class_list().add_1("is-speaking");
        let still = window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches());
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(if still {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }

    pub fn pause(paused: bool) {
        if let Some(synthesis) = synthesis() {
            if paused {
                synthesis.pause();
            } else {
                synthesis.resume();
            }
        }
    }

    /// Stops reading, unmarks the page and closes the player.
    pub fn stop(playing: RwSignal<Option<Playing>>) {
        stop_all();
        playing.try_set(None);
    }

    /// Stops any reading and unmarks the page (also when the article is left).
    pub fn stop_all() {
        RUN.with(|run| run.set(run.get().wrapping_add(1)));
        PARTS.with(|parts| parts.borrow_mut().clear());
        VOICE.with(|voice| *voice.borrow_mut() = None);
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
        mark(None);
    }
}
