//! What a page tells search engines, link-preview scrapers (KakaoTalk, Facebook, X, Band) and
//! feed readers about itself: title, description, canonical address, Open Graph and Twitter
//! cards, and for articles `article:*` tags and schema.org `NewsArticle` JSON-LD.
//!
//! [`head_tags`] is the one place these values are made. The app shows them through
//! leptos_meta (`components/page_meta.rs`); the prerender command writes them into each page's
//! `<head>` with [`to_html`], escaped, since leptos_meta's own server output leaves `<title>`
//! unescaped.

use crate::api::models::{Article, Block, Image};
use crate::format::safe_url;
use crate::page_names::PRERENDERED_ATTRIBUTE;
use serde_json::json;

/// How many characters of the body a description takes when the API gives none.
const DESCRIPTION_CHARS: usize = 120;

/// One tag of a page's `<head>`.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadTag {
    /// `<title>`
    Title(String),
    /// `<meta name=… content=…>`
    Name(&'static str, String),
    /// `<meta property=… content=…>` (Open Graph)
    Property(&'static str, String),
    /// `<link rel="canonical" href=…>`
    Canonical(String),
    /// `<link rel="alternate" type="application/rss+xml" title=… href=…>`: a feed, for feed
    /// readers and browsers to find.
    Feed(String, String),
    /// `<script type="application/ld+json">`, already safe inside a script element.
    JsonLd(String),
}

/// What a page says about itself; [`head_tags`] makes the tags from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageHead {
    /// The page's own title; the site name is added (`title - 한가람일보`). Empty on the front page.
    pub title: String,
    pub description: Option<String>,
    /// The image for link previews.
    pub image: Option<Image>,
    /// The page's address, path and query (`/section/gyeonggi/2`).
    pub address: String,
    /// Set on article pages.
    pub article: Option<Article>,
    /// The page's own feed beside the site's (a section's, a keyword's): its title and address.
    pub feed: Option<(String, String)>,
}

impl PageHead {
    /// An article page's head: its title, description and image come from the article.
    pub fn article(article: Article, address: String) -> Self {
        Self {
            title: article.title.clone(),
            description: article_description(&article),
            image: article_image(&article),
            address,
            article: Some(article),
            feed: None,
        }
    }
}

/// Every head tag of a page. `site_name` is the paper's name once known; `origin` the site's
/// address (`https://news.example`), which makes the addresses absolute.
pub fn head_tags(page: &PageHead, site_name: Option<&str>, origin: &str) -> Vec<HeadTag> {
    let mut tags = Vec::new();
    let full_title = match site_name {
        Some(name) if page.title.is_empty() => name.to_owned(),
        Some(name) => format!("{} - {name}", page.title),
        None => page.title.clone(),
    };
    tags.push(HeadTag::Title(full_title));
    let url = format!("{origin}{}", page.address);
    tags.push(HeadTag::Canonical(url.clone()));
    let description = page
        .description
        .as_deref()
        .map(|text| shorten(text, DESCRIPTION_CHARS))
        .filter(|text| !text.is_empty());
    if let Some(text) = &description {
        tags.push(HeadTag::Name("description", text.clone()));
    }
    let kind = if page.article.is_some() {
        "article"
    } else {
        "website"
    };
    tags.push(HeadTag::Property("og:type", kind.to_owned()));
    tags.push(HeadTag::Property("og:url", url));
    tags.push(HeadTag::Property("og:locale", "ko_KR".to_owned()));
    if let Some(name) = site_name {
        tags.push(HeadTag::Property("og:site_name", name.to_owned()));
    }
    let og_title = if page.title.is_empty() {
        site_name.map(str::to_owned)
    } else {
        Some(page.title.clone())
    };
    if let Some(title) = &og_title {
        tags.push(HeadTag::Property("og:title", title.clone()));
    }
    if let Some(text) = &description {
        tags.push(HeadTag::Property("og:description", text.clone()));
    }
    let image = page
        .image
        .as_ref()
        .and_then(|image| safe_url(&image.src).map(|src| (image, absolute(origin, src))));
    if let Some((image, src)) = &image {
        tags.push(HeadTag::Property("og:image", src.clone()));
        if let (Some(width), Some(height)) = (image.width, image.height) {
            tags.push(HeadTag::Property("og:image:width", width.to_string()));
            tags.push(HeadTag::Property("og:image:height", height.to_string()));
        }
        if !image.alt.trim().is_empty() {
            tags.push(HeadTag::Property("og:image:alt", image.alt.clone()));
        }
    }
    if let Some(article) = &page.article {
        if let Some(published) = &article.published_at {
            tags.push(HeadTag::Property(
                "article:published_time",
                published.clone(),
            ));
        }
        if let Some(modified) = article
            .updated_at
            .as_ref()
            .or(article.published_at.as_ref())
        {
            tags.push(HeadTag::Property("article:modified_time", modified.clone()));
        }
        if let Some(section) = &article.section {
            tags.push(HeadTag::Property("article:section", section.name.clone()));
        }
        for tag in &article.tags {
            tags.push(HeadTag::Property("article:tag", tag.clone()));
        }
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    tags.push(HeadTag::Name("twitter:card", card.to_owned()));
    if let Some(title) = og_title {
        tags.push(HeadTag::Name("twitter:title", title));
    }
    if let Some(text) = description {
        tags.push(HeadTag::Name("twitter:description", text));
    }
    if let Some((_, src)) = image {
        tags.push(HeadTag::Name("twitter:image", src));
    }
    let all_feed = match site_name {
        Some(name) => format!("{name} 전체기사"),
        None => "전체기사".to_owned(),
    };
    tags.push(HeadTag::Feed(
        all_feed,
        format!("{origin}{}", crate::routes::ALL_FEED),
    ));
    if let Some((title, address)) = &page.feed {
        tags.push(HeadTag::Feed(title.clone(), format!("{origin}{address}")));
    }
    if let Some(article) = &page.article {
        if let Some(reporter) = article.byline.as_ref().and_then(|b| b.reporter.as_ref()) {
            tags.push(HeadTag::Name("author", reporter.clone()));
        }
        tags.push(HeadTag::JsonLd(news_article_json_ld(
            article, origin, site_name,
        )));
    } else if page.address == crate::routes::HOME {
        tags.push(HeadTag::JsonLd(website_json_ld(origin, site_name)));
    }
    tags
}

/// A paged list's title: `경기` on its first page, `경기 (2쪽)` after it.
pub fn paged_title(title: &str, page: u32) -> String {
    if page > 1 {
        format!("{title} ({page}쪽)")
    } else {
        title.to_owned()
    }
}

/// The list a [`paged_title`] names, whatever its page: `경기 (2쪽)` is `경기`.
pub fn list_title(title: &str) -> &str {
    match title
        .strip_suffix("쪽)")
        .and_then(|rest| rest.rsplit_once(" ("))
    {
        Some((list, page)) if !page.is_empty() && page.bytes().all(|b| b.is_ascii_digit()) => list,
        _ => title,
    }
}

/// The size of the preview image the prerender command makes for every page (Facebook's
/// recommended 1.91:1, which Kakao crops to 2:1).
pub const PREVIEW_WIDTH: u32 = 1200;
pub const PREVIEW_HEIGHT: u32 = 630;

/// The value of the page's first `<meta property=…>` named `name` (`og:title`, `og:image`).
pub fn property(tags: &[HeadTag], name: &str) -> Option<String> {
    tags.iter().find_map(|tag| match tag {
        HeadTag::Property(key, value) if *key == name => Some(value.clone()),
        _ => None,
    })
}

/// Points the page's preview at an image the prerender command made (`src`, a JPEG or PNG of
/// [`PREVIEW_WIDTH`]×[`PREVIEW_HEIGHT`], a site path) in place of its own photo, and its structured data at `structured` (the
/// photo's 16:9, 4:3 and 1:1 crops, or the card).
pub fn with_preview(tags: &mut Vec<HeadTag>, origin: &str, src: &str, structured: &[String]) {
    let alt = property(tags, "og:image:alt").or_else(|| property(tags, "og:title"));
    tags.retain(|tag| {
        !matches!(tag, HeadTag::Property(key, _) if key.starts_with("og:image"))
            && !matches!(tag, HeadTag::Name(key, _) if key.starts_with("twitter:image") || *key == "twitter:card")
    });
    let image = absolute(origin, src);
    let kind = if src.ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    };
    let at = tags
        .iter()
        .position(|tag| matches!(tag, HeadTag::Property(key, _) if key.starts_with("article:")))
        .unwrap_or(tags.len());
    let mut added = vec![
        HeadTag::Property("og:image", image.clone()),
        HeadTag::Property("og:image:type", kind.to_owned()),
        HeadTag::Property("og:image:width", PREVIEW_WIDTH.to_string()),
        HeadTag::Property("og:image:height", PREVIEW_HEIGHT.to_string()),
    ];
    if let Some(alt) = alt.filter(|alt| !alt.trim().is_empty()) {
        added.push(HeadTag::Property("og:image:alt", alt));
    }
    tags.splice(at..at, added);
    tags.push(HeadTag::Name(
        "twitter:card",
        "summary_large_image".to_owned(),
    ));
    tags.push(HeadTag::Name("twitter:image", image));
    for tag in tags.iter_mut() {
        let HeadTag::JsonLd(json) = tag else { continue };
        let Ok(mut data) = serde_json::from_str::<serde_json::Value>(json) else {
            continue;
        };
        if let Some(article) = data
            .get_mut("@graph")
            .and_then(|graph| graph.get_mut(0))
            .filter(|node| node["@type"] == "NewsArticle")
        {
            article["image"] = json!(structured
                .iter()
                .map(|src| absolute(origin, src))
                .collect::<Vec<_>>());
            *json = crate::api::preload::escape_script_json(&data.to_string());
        }
    }
}

/// The tags as HTML for a page's `<head>`: text and attributes escaped, so no API string can
/// end an element or an attribute. Each is marked `data-prerendered`, so the app can drop them
/// when it takes over with its own (`index.html`).
pub fn to_html(tags: &[HeadTag]) -> String {
    let mut html = String::new();
    for tag in tags {
        match tag {
            HeadTag::Title(text) => {
                html.push_str(&format!("<title {PRERENDERED_ATTRIBUTE}>{}</title>", escape_text(text)));
            }
            HeadTag::Name(name, content) => html.push_str(&format!(
                r#"<meta {PRERENDERED_ATTRIBUTE} name="{name}" content="{}">"#,
                escape_attribute(content)
            )),
            HeadTag::Property(property, content) => html.push_str(&format!(
                r#"<meta {PRERENDERED_ATTRIBUTE} property="{property}" content="{}">"#,
                escape_attribute(content)
            )),
            HeadTag::Canonical(href) => html.push_str(&format!(
                r#"<link {PRERENDERED_ATTRIBUTE} rel="canonical" href="{}">"#,
                escape_attribute(href)
            )),
            HeadTag::Feed(title, href) => html.push_str(&format!(
                r#"<link {PRERENDERED_ATTRIBUTE} rel="alternate" type="application/rss+xml" title="{}" href="{}">"#,
                escape_attribute(title),
                escape_attribute(href)
            )),
            HeadTag::JsonLd(json) => html.push_str(&format!(
                r#"<script {PRERENDERED_ATTRIBUTE} type="application/ld+json" id="news-article-ld">{json}</script>"#
            )),
        }
    }
    html
}

/// Text for an HTML element's content.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text for a quoted HTML attribute value.
pub fn escape_attribute(text: &str) -> String {
    escape_text(text)
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `src` as an absolute address: site paths get the site's origin.
pub fn absolute(origin: &str, src: &str) -> String {
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
    article
        .subtitles
        .first()
        .cloned()
        .or_else(|| body_description(&article.body))
}

/// The start of the first paragraph of a body (an article's, a policy's), for its description.
pub fn body_description(body: &[Block]) -> Option<String> {
    body.iter().find_map(|block| match block {
        Block::Paragraph { text, .. } => Some(shorten(text, DESCRIPTION_CHARS)),
        _ => None,
    })
}

/// The article's first photo with an allowed address, for previews and JSON-LD.
pub fn article_image(article: &Article) -> Option<Image> {
    article.body.iter().find_map(|block| match block {
        Block::Image { image, .. } if safe_url(&image.src).is_some() => Some(image.clone()),
        _ => None,
    })
}

/// schema.org `NewsArticle` for the article, as Google documents it for articles, with a
/// `BreadcrumbList` (홈 › 섹션 › 기사) beside it in one `@graph`: built as a JSON value (never
/// by pasting API text into a string) and escaped so no text can close the `<script>` element.
pub fn news_article_json_ld(article: &Article, origin: &str, site_name: Option<&str>) -> String {
    let byline = article.byline.as_ref();
    let url = format!("{origin}{}", crate::routes::article(&article.id));
    let mut data = json!({
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "isAccessibleForFree": true,
        "inLanguage": "ko",
    });
    if let Some(published) = &article.published_at {
        data["datePublished"] = json!(published);
    }
    if let Some(modified) = article
        .updated_at
        .as_ref()
        .or(article.published_at.as_ref())
    {
        data["dateModified"] = json!(modified);
    }
    let section_url = article
        .section
        .as_ref()
        .map(|section| format!("{origin}{}", crate::routes::section(&section.slug, 1)));
    if let Some(reporter) = byline.and_then(|byline| byline.reporter.as_ref()) {
        // The reporter's own page where the API names one; else the section they write for
        // stands in. The e-mail where it is a plain address.
        let page = byline
            .and_then(|byline| byline.reporter_slug.as_deref())
            .filter(|slug| crate::routes::is_plain(slug))
            .map(|slug| format!("{origin}{}", crate::routes::reporter(slug, 1)));
        let url = page
            .or_else(|| section_url.clone())
            .unwrap_or_else(|| format!("{origin}/"));
        let mut person = json!({ "@type": "Person", "name": reporter, "url": url });
        if let Some(email) = byline
            .and_then(|byline| byline.email.as_deref())
            .filter(|email| crate::format::mailto(email).is_some())
        {
            person["email"] = json!(email.trim());
        }
        data["author"] = json!([person]);
    }
    let outlet = byline.and_then(|byline| byline.outlet.as_deref());
    if let Some(publisher) = site_name.or(outlet) {
        data["publisher"] = publisher_json(origin, publisher);
    }
    if let Some(section) = &article.section {
        data["articleSection"] = json!(section.name);
    }
    if let Some(image) = article_image(article) {
        data["image"] = json!([absolute(origin, &image.src)]);
    }
    if let Some(description) = article_description(article) {
        data["description"] = json!(description);
    }
    let mut crumbs = vec![json!({
        "@type": "ListItem", "position": 1, "name": "홈", "item": format!("{origin}/"),
    })];
    if let (Some(section), Some(section_url)) = (&article.section, &section_url) {
        crumbs.push(json!({
            "@type": "ListItem", "position": 2, "name": section.name, "item": section_url,
        }));
    }
    crumbs.push(json!({
        "@type": "ListItem", "position": crumbs.len() + 1, "name": article.title, "item": url,
    }));
    let graph = json!({
        "@context": "https://schema.org",
        "@graph": [data, { "@type": "BreadcrumbList", "itemListElement": crumbs }],
    });
    crate::api::preload::escape_script_json(&graph.to_string())
}

/// The paper as schema.org `NewsMediaOrganization`, with the site's icon as its logo.
fn publisher_json(origin: &str, name: &str) -> serde_json::Value {
    json!({
        "@type": "NewsMediaOrganization",
        "name": name,
        "url": format!("{origin}/"),
        "logo": {
            "@type": "ImageObject",
            "url": format!("{origin}{LOGO}"),
            "width": 512,
            "height": 512,
        },
    })
}

/// The publisher's logo in structured data: the site's own 512 px icon (`public/icons/`).
pub const LOGO: &str = "/icons/icon-512.png";

/// schema.org `WebSite` for the front page, with a `SearchAction` on the site's search page.
pub fn website_json_ld(origin: &str, site_name: Option<&str>) -> String {
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "url": format!("{origin}/"),
        "inLanguage": "ko",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{origin}{}?q={{search_term_string}}", crate::routes::SEARCH),
            },
            "query-input": "required name=search_term_string",
        },
    });
    if let Some(name) = site_name {
        data["name"] = json!(name);
        data["publisher"] = publisher_json(origin, name);
    }
    crate::api::preload::escape_script_json(&data.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::decode;

    fn hostile_article() -> Article {
        decode(
            r#"{"id": "1", "title": "</title><script>alert(1)</script> \"따옴표\" '홑'",
                "section": {"slug": "s", "name": "경기</script>"},
                "subtitles": ["<img src=x onerror=alert(1)>"],
                "byline": {"outlet": "한가람일보", "reporter": "김기자"},
                "published_at": "2026-11-24T09:10:00+09:00",
                "tags": ["\"><script>"],
                "body": [{"type": "paragraph", "text": "본문"},
                         {"type": "image", "image": {"src": "javascript:alert(1)", "alt": ""}},
                         {"type": "image", "image": {"src": "/img/a.webp", "alt": "사진\"", "width": 1200, "height": 800}}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_paged_title_names_its_list() {
        assert_eq!(paged_title("경기", 1), "경기");
        assert_eq!(
            paged_title("#지역경제 관련 기사", 3),
            "#지역경제 관련 기사 (3쪽)"
        );
        assert_eq!(list_title(&paged_title("경기", 12)), "경기");
        assert_eq!(list_title("경기"), "경기");
        assert_eq!(list_title("회의 (오전쪽)"), "회의 (오전쪽)");
        assert_eq!(list_title(" (쪽)"), " (쪽)");
    }

    #[test]
    fn descriptions_are_cut_at_a_space() {
        assert_eq!(shorten("짧은 글", 10), "짧은 글");
        assert_eq!(shorten("가나다 라마바 사아자 차카타", 10), "가나다 라마바…");
        assert_eq!(shorten("가나다라마바사아자차카타", 5), "가나다라마…");
    }

    #[test]
    fn json_ld_is_valid_json_and_cannot_close_the_script() {
        let article = hostile_article();
        let text = news_article_json_ld(&article, "https://news.example", Some("한가람일보"));
        assert!(!text.contains('<'), "{text}");
        let graph: serde_json::Value = serde_json::from_str(&text).unwrap();
        let parsed = &graph["@graph"][0];
        assert_eq!(parsed["@type"], "NewsArticle");
        assert_eq!(parsed["isAccessibleForFree"], true);
        assert_eq!(
            parsed["mainEntityOfPage"]["@id"],
            "https://news.example/article/1"
        );
        assert_eq!(parsed["author"][0]["url"], "https://news.example/section/s");
        assert_eq!(parsed["publisher"]["@type"], "NewsMediaOrganization");
        assert_eq!(
            parsed["publisher"]["logo"]["url"],
            "https://news.example/icons/icon-512.png"
        );
        let crumbs = &graph["@graph"][1];
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        assert_eq!(crumbs["itemListElement"][1]["name"], "경기</script>");
        assert_eq!(crumbs["itemListElement"][2]["position"], 3);
        assert_eq!(parsed["headline"], article.title);
        assert_eq!(parsed["dateModified"], "2026-11-24T09:10:00+09:00");
        assert_eq!(parsed["author"][0]["name"], "김기자");
        // With the reporter's page named (a plain slug), the author is that page.
        let mut named = article.clone();
        if let Some(byline) = named.byline.as_mut() {
            byline.reporter_slug = Some("kim-gija".to_owned());
        }
        let text = news_article_json_ld(&named, "https://news.example", Some("한가람일보"));
        let graph: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            graph["@graph"][0]["author"][0]["url"],
            "https://news.example/reporter/kim-gija"
        );
        if let Some(byline) = named.byline.as_mut() {
            byline.reporter_slug = Some("../x\"/><script>".to_owned());
        }
        let text = news_article_json_ld(&named, "https://news.example", Some("한가람일보"));
        let graph: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            graph["@graph"][0]["author"][0]["url"],
            "https://news.example/section/s"
        );
        assert_eq!(parsed["articleSection"], "경기</script>");
        assert_eq!(parsed["image"][0], "https://news.example/img/a.webp");
        assert_eq!(parsed["publisher"]["name"], "한가람일보");
        assert_eq!(parsed["description"], "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn an_article_has_every_preview_tag() {
        let article = hostile_article();
        let page = PageHead::article(article.clone(), "/article/1".to_owned());
        let tags = head_tags(&page, Some("한가람일보"), "https://news.example");
        let property = |key: &str| {
            tags.iter()
                .filter_map(|tag| match tag {
                    HeadTag::Property(k, v) if *k == key => Some(v.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(property("og:url"), ["https://news.example/article/1"]);
        assert_eq!(property("og:image"), ["https://news.example/img/a.webp"]);
        assert_eq!(property("og:image:width"), ["1200"]);
        assert_eq!(property("og:image:height"), ["800"]);
        assert_eq!(property("og:type"), ["article"]);
        assert_eq!(property("og:locale"), ["ko_KR"]);
        assert_eq!(property("article:section"), ["경기</script>"]);
        assert_eq!(property("article:tag"), ["\"><script>"]);
        assert_eq!(
            property("article:published_time"),
            ["2026-11-24T09:10:00+09:00"]
        );
        assert!(tags.contains(&HeadTag::Name(
            "twitter:card",
            "summary_large_image".to_owned()
        )));
        assert!(tags.contains(&HeadTag::Title(format!("{} - 한가람일보", article.title))));
    }

    #[test]
    fn a_made_preview_takes_the_photos_place_in_every_tag() {
        let page = PageHead::article(hostile_article(), "/article/1".to_owned());
        let mut tags = head_tags(&page, Some("한가람일보"), "https://news.example");
        let crops = [
            "/preview/a-16x9.jpg".to_owned(),
            "/preview/a-1x1.jpg".to_owned(),
        ];
        with_preview(&mut tags, "https://news.example", "/preview/a.jpg", &crops);
        let all = |key: &str| -> Vec<String> {
            tags.iter()
                .filter_map(|tag| match tag {
                    HeadTag::Property(k, v) | HeadTag::Name(k, v) if *k == key => Some(v.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(all("og:image"), ["https://news.example/preview/a.jpg"]);
        assert_eq!(all("og:image:type"), ["image/jpeg"]);
        assert_eq!(all("og:image:width"), ["1200"]);
        assert_eq!(all("og:image:height"), ["630"]);
        assert_eq!(all("og:image:alt"), ["사진\""]);
        assert_eq!(all("twitter:image"), ["https://news.example/preview/a.jpg"]);
        assert_eq!(all("twitter:card"), ["summary_large_image"]);
        let json = tags
            .iter()
            .find_map(|tag| match tag {
                HeadTag::JsonLd(json) => Some(json.clone()),
                _ => None,
            })
            .unwrap();
        assert!(!json.contains('<'), "{json}");
        let graph: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            graph["@graph"][0]["image"],
            json!([
                "https://news.example/preview/a-16x9.jpg",
                "https://news.example/preview/a-1x1.jpg"
            ])
        );
    }

    #[test]
    fn head_html_escapes_every_api_string() {
        let page = PageHead::article(hostile_article(), "/article/1".to_owned());
        let html = to_html(&head_tags(
            &page,
            Some("한가람일보"),
            "https://news.example",
        ));
        // One title element, one JSON-LD script, and no markup from the API.
        assert_eq!(html.matches("<title").count(), 1);
        assert_eq!(html.matches("</title>").count(), 1);
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains(r#"content="&quot;&gt;&lt;script&gt;""#));
        assert!(html.contains("&#39;홑&#39;"));
    }
}
