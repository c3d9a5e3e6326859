//! The body of an article: paragraphs (with their bold, italic and linked words), headings,
//! quotes, photos and lists, as text nodes.

use crate::api::models::{Block, Run};
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
        Block::Paragraph { text, runs } if runs.is_empty() => view! { <p>{text}</p> }.into_any(),
        Block::Paragraph { runs, .. } => {
            view! { <p>{runs.into_iter().map(render_run).collect_view()}</p> }.into_any()
        }
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

/// One run of a paragraph: its text, inside `<strong>`, `<em>` and a link as it is marked. The
/// link's address was checked when the run was read.
fn render_run(run: Run) -> AnyView {
    let Run {
        text,
        bold,
        italic,
        href,
    } = run;
    let text = match italic {
        true => view! { <em>{text}</em> }.into_any(),
        false => text.into_any(),
    };
    let text = match bold {
        true => view! { <strong>{text}</strong> }.into_any(),
        false => text,
    };
    match href {
        Some(href) => view! { <a href=href>{text}</a> }.into_any(),
        None => text,
    }
}
