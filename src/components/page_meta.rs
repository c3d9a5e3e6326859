//! Per-page metadata for search engines and link previews: title, description, canonical
//! address, Open Graph and Twitter cards, and for articles schema.org `NewsArticle` JSON-LD.

use crate::api::models::{Article, Block};
use crate::format::safe_url;
use crate::shared::SharedData;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use serde_json::json;

/// How many characters of the body a description takes when the API gives none.
const DESCRIPTION_CHARS: usize = 120;

/// The tags for one page. `title` is the page's own title; the site name is added as
/// `title - 한가람일보`. Addresses are made absolute against the page's origin.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(optional, into)] description: Option<String>,
    /// The image for link previews (an API image address).
    #[prop(optional, into)]
    image: Option<String>,
    /// `article` for articles, `website` otherwise.
    #[prop(optional)]
    article: bool,
) -> impl IntoView {
    let site = SharedData::get().site;
    let site_name = move || site.get().and_then(Result::ok).map(|site| site.name);
    let full_title = {
        let title = title.clone();
        move || match site_name() {
            Some(name) if title.is_empty() => name,
            Some(name) => format!("{title} - {name}"),
            None => title.clone(),
        }
    };
    let description = description.map(|text| shorten(&text, DESCRIPTION_CHARS));
    let origin = window().location().origin().unwrap_or_default();
    let canonical = format!(
        "{origin}{}",
        window().location().pathname().unwrap_or_default()
    ) + &canonical_query();
    let image = image
        .as_deref()
        .and_then(safe_url)
        .map(|src| absolute(&origin, src));
    let og_title = if title.is_empty() { None } else { Some(title) };
    view! {
        <Title text=full_title/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content=if article { "article" } else { "website" }/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:locale" content="ko_KR"/>
        {move || site_name().map(|name| view! { <Meta property="og:site_name" content=name/> })}
        {og_title.map(|title| view! {
            <Meta property="og:title" content=title.clone()/>
            <Meta name="twitter:title" content=title/>
        })}
        {description.map(|text| view! {
            <Meta name="description" content=text.clone()/>
            <Meta property="og:description" content=text.clone()/>
            <Meta name="twitter:description" content=text/>
        })}
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" }/>
        {image.map(|src| view! {
            <Meta property="og:image" content=src.clone()/>
            <Meta name="twitter:image" content=src/>
        })}
    }
}

/// Keeps `?page=N` (a different page of a list); drops anything else from the address.
fn canonical_query() -> String {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find(|pair| pair.starts_with("page=") && pair != &"page=1")
        .map(|pair| format!("?{pair}"))
        .unwrap_or_default()
}

fn absolute(origin: &str, src: &str) -> String {
    if src.starts_with('/') {
        format!("{origin}{src}")
    } else {
        src.to_owned()
    }
}

/// At most `max` characters, cut at a space where possible, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// The article's description: its first subtitle, or the start of its first paragraph.
pub fn article_description(article: &Article) -> Option<String> {
    article.subtitles.first().cloned().or_else(|| {
        article.body.iter().find_map(|block| match block {
            Block::Paragraph { text } => Some(shorten(text, DESCRIPTION_CHARS)),
            _ => None,
        })
    })
}

/// The article's first photo, for previews and JSON-LD.
pub fn article_image(article: &Article) -> Option<String> {
    article.body.iter().find_map(|block| match block {
        Block::Image { image, .. } => safe_url(&image.src).map(str::to_owned),
        _ => None,
    })
}

/// schema.org `NewsArticle` for the article, built as a JSON value (never by pasting API text
/// into a string) and escaped so no text can close the `<script>` element.
pub fn news_article_json_ld(article: &Article, origin: &str, site_name: Option<&str>) -> String {
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published_at,
        "dateModified": article.updated_at.as_deref().unwrap_or(&article.published_at),
        "author": [{ "@type": "Person", "name": article.byline.reporter }],
        "publisher": { "@type": "Organization", "name": site_name.unwrap_or(&article.byline.outlet) },
    });
    if let Some(section) = &article.section {
        data["articleSection"] = json!(section.name);
    }
    if let Some(image) = article_image(article) {
        data["image"] = json!([absolute(origin, &image)]);
    }
    if let Some(description) = article_description(article) {
        data["description"] = json!(description);
    }
    data.to_string().replace('<', "\\u003c")
}

/// The JSON-LD `<script>` for an article page.
#[component]
pub fn ArticleJsonLd(article: Article) -> impl IntoView {
    let site = SharedData::get().site;
    let origin = window().location().origin().unwrap_or_default();
    move || {
        let name = site.get().and_then(Result::ok).map(|site| site.name);
        let json = news_article_json_ld(&article, &origin, name.as_deref());
        view! { <Script type_="application/ld+json" id="news-article-ld">{json}</Script> }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::decode;

    #[test]
    fn descriptions_are_cut_at_a_space() {
        assert_eq!(shorten("짧은 글", 10), "짧은 글");
        assert_eq!(shorten("가나다 라마바 사아자 차카타", 10), "가나다 라마바…");
        assert_eq!(shorten("가나다라마바사아자차카타", 5), "가나다라마…");
    }

    #[test]
    fn json_ld_is_valid_json_and_cannot_close_the_script() {
        let article: Article = decode(
            r#"{"id": "1", "title": "</script><script>alert(1)</script> \"따옴표\"",
                "section": {"slug": "s", "name": "경기"},
                "byline": {"outlet": "한가람일보", "reporter": "김기자"},
                "published_at": "2026-11-24T09:10:00+09:00",
                "body": [{"type": "paragraph", "text": "본문"},
                         {"type": "image", "image": {"src": "/img/a.webp", "alt": ""}}]}"#,
        )
        .unwrap();
        let text = news_article_json_ld(&article, "https://news.example", Some("한가람일보"));
        assert!(!text.contains("</script"), "{text}");
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["@type"], "NewsArticle");
        assert_eq!(parsed["headline"], article.title);
        assert_eq!(parsed["dateModified"], "2026-11-24T09:10:00+09:00");
        assert_eq!(parsed["author"][0]["name"], "김기자");
        assert_eq!(parsed["articleSection"], "경기");
        assert_eq!(parsed["image"][0], "https://news.example/img/a.webp");
        assert_eq!(parsed["publisher"]["name"], "한가람일보");
        assert_eq!(parsed["description"], "본문");
    }
}
