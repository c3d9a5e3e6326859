//! The body of an article: paragraphs, headings, quotes, photos and lists, as plain text nodes.

use crate::api::models::Block;
use crate::components::picture::Picture;
use leptos::prelude::*;

/// Renders the body blocks in order. API text always becomes text nodes (never HTML), and a
/// block type this build does not know is skipped.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    let blocks = blocks.into_iter().map(render_block).collect_view();
    view! { <div class="article-body">{blocks}</div> }
}

fn render_block(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::Heading { text } => {
            view! { <h2 class="article-body__heading">{text}</h2> }.into_any()
        }
        Block::Quote { text, cite } => view! {
            <figure class="article-body__quote">
                <blockquote><p>{text}</p></blockquote>
                {cite.map(|cite| view! { <figcaption>"— "<cite>{cite}</cite></figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Image { image, caption } => view! {
            <figure class="article-body__photo">
                <Picture image=image sizes="(min-width: 1024px) 680px, 100vw"/>
                {caption.map(|caption| view! { <figcaption>{caption}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { items } => view! {
            <ul class="article-body__list">
                {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Unknown => ().into_any(),
    }
}
