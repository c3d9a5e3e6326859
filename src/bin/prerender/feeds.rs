//! RSS 2.0 feeds and sitemaps, written with `rss` and `quick-xml` (never by pasting strings):
//! the whole site and each section (also at the addresses Korean CMS sites use, so existing
//! subscriptions and portal ingest keep working), a sitemap of every page and a news sitemap
//! of the last 48 hours.

use chrono::{DateTime, FixedOffset};
use news_front::api::models::{Section, Site, Summary};
use news_front::format::parse_kst;
use news_front::routes;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ItemBuilder};

/// How many items a feed carries.
pub const FEED_ITEMS: usize = 50;
/// How many addresses one sitemap file may hold (the sitemaps.org limit).
pub const SITEMAP_URLS: usize = 50_000;
/// How far back the news sitemap reaches (Google News: two days).
pub const NEWS_HOURS: i64 = 48;

/// Newest first, each article once.
pub fn newest_first(summaries: impl IntoIterator<Item = Summary>) -> Vec<Summary> {
    let mut seen = std::collections::HashSet::new();
    let mut list: Vec<Summary> = summaries
        .into_iter()
        .filter(|summary| seen.insert(summary.id.clone()))
        .collect();
    list.sort_by_key(|summary| {
        std::cmp::Reverse(summary.published_at.as_deref().and_then(parse_kst))
    });
    list
}

/// An RSS 2.0 channel of `articles`, in the order given, that names its own address
/// (`feed`, a path under the site) with `atom:link rel="self"`, as feed validators ask.
pub fn rss(
    site: &Site,
    origin: &str,
    feed: &str,
    title: &str,
    link: &str,
    description: &str,
    articles: &[Summary],
) -> String {
    let items: Vec<rss::Item> = articles
        .iter()
        .take(FEED_ITEMS)
        .map(|article| {
            let url = format!("{origin}{}", routes::article(&article.id));
            let mut item = ItemBuilder::default();
            item.title(Some(article.title.clone()))
                .link(Some(url.clone()))
                .guid(Some(
                    GuidBuilder::default().value(url).permalink(true).build(),
                ))
                .description(article.summary.clone())
                .pub_date(
                    article
                        .published_at
                        .as_deref()
                        .and_then(parse_kst)
                        .map(|time| time.to_rfc2822()),
                );
            if let Some(Section { name, .. }) = &article.section {
                item.categories(vec![CategoryBuilder::default().name(name.clone()).build()]);
            }
            item.build()
        })
        .collect();
    let mut own = rss::extension::atom::Link::default();
    own.set_href(format!("{origin}{feed}"));
    own.set_rel("self");
    own.set_mime_type(Some("application/rss+xml".to_owned()));
    let mut atom = rss::extension::atom::AtomExtension::default();
    atom.set_links(vec![own]);
    let channel = ChannelBuilder::default()
        .atom_ext(Some(atom))
        .title(title.to_owned())
        .link(format!("{origin}{link}"))
        .description(description.to_owned())
        .language(Some("ko".to_owned()))
        .copyright(
            site.footer
                .as_ref()
                .and_then(|footer| footer.copyright.clone()),
        )
        .last_build_date(
            articles
                .first()
                .and_then(|article| article.published_at.as_deref())
                .and_then(parse_kst)
                .map(|time| time.to_rfc2822()),
        )
        .items(items)
        .build();
    channel.to_string()
}

/// One address of a sitemap, with the time it last changed where known.
pub struct SitemapUrl {
    pub address: String,
    pub lastmod: Option<String>,
}

/// `urlset` documents of at most [`SITEMAP_URLS`] addresses each.
pub fn sitemaps(origin: &str, urls: &[SitemapUrl]) -> Vec<String> {
    urls.chunks(SITEMAP_URLS)
        .map(|chunk| {
            xml(|writer| {
                let mut set = BytesStart::new("urlset");
                set.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
                writer.write_event(Event::Start(set))?;
                for url in chunk {
                    writer.write_event(Event::Start(BytesStart::new("url")))?;
                    element(writer, "loc", &format!("{origin}{}", url.address))?;
                    if let Some(lastmod) = &url.lastmod {
                        element(writer, "lastmod", lastmod)?;
                    }
                    writer.write_event(Event::End(BytesEnd::new("url")))?;
                }
                writer.write_event(Event::End(BytesEnd::new("urlset")))
            })
        })
        .collect()
}

/// A `sitemapindex` naming `files` (paths under the site).
pub fn sitemap_index(origin: &str, files: &[String]) -> String {
    xml(|writer| {
        let mut index = BytesStart::new("sitemapindex");
        index.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
        writer.write_event(Event::Start(index))?;
        for file in files {
            writer.write_event(Event::Start(BytesStart::new("sitemap")))?;
            element(writer, "loc", &format!("{origin}/{file}"))?;
            writer.write_event(Event::End(BytesEnd::new("sitemap")))?;
        }
        writer.write_event(Event::End(BytesEnd::new("sitemapindex")))
    })
}

/// The Google News sitemap: the articles published in the [`NEWS_HOURS`] before `now`.
pub fn news_sitemap(
    origin: &str,
    site_name: &str,
    articles: &[Summary],
    now: DateTime<FixedOffset>,
) -> String {
    let recent: Vec<(&Summary, DateTime<FixedOffset>)> = articles
        .iter()
        .filter_map(|article| {
            let published = article.published_at.as_deref().and_then(parse_kst)?;
            let age = now.signed_duration_since(published);
            (age.num_hours() < NEWS_HOURS && age.num_seconds() >= -3600)
                .then_some((article, published))
        })
        .collect();
    xml(|writer| {
        let mut set = BytesStart::new("urlset");
        set.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
        set.push_attribute((
            "xmlns:news",
            "http://www.google.com/schemas/sitemap-news/0.9",
        ));
        writer.write_event(Event::Start(set))?;
        for (article, published) in &recent {
            writer.write_event(Event::Start(BytesStart::new("url")))?;
            element(
                writer,
                "loc",
                &format!("{origin}{}", routes::article(&article.id)),
            )?;
            writer.write_event(Event::Start(BytesStart::new("news:news")))?;
            writer.write_event(Event::Start(BytesStart::new("news:publication")))?;
            element(writer, "news:name", site_name)?;
            element(writer, "news:language", "ko")?;
            writer.write_event(Event::End(BytesEnd::new("news:publication")))?;
            element(writer, "news:publication_date", &published.to_rfc3339())?;
            element(writer, "news:title", &article.title)?;
            writer.write_event(Event::End(BytesEnd::new("news:news")))?;
            writer.write_event(Event::End(BytesEnd::new("url")))?;
        }
        writer.write_event(Event::End(BytesEnd::new("urlset")))
    })
}

/// `robots.txt` with the sitemaps named (any earlier `Sitemap:` lines replaced).
pub fn robots(existing: &str, origin: &str, sitemaps: &[&str]) -> String {
    let mut text: String = existing
        .lines()
        .filter(|line| !line.to_ascii_lowercase().starts_with("sitemap:"))
        .map(|line| format!("{line}\n"))
        .collect();
    while text.ends_with("\n\n") {
        text.pop();
    }
    text.push('\n');
    for sitemap in sitemaps {
        text.push_str(&format!("Sitemap: {origin}/{sitemap}\n"));
    }
    text
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    writer.write_event(Event::Text(BytesText::new(text)))?;
    writer.write_event(Event::End(BytesEnd::new(name)))
}

fn xml(body: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    let written = writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut writer));
    // Writing into memory cannot fail.
    debug_assert!(written.is_ok());
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}
