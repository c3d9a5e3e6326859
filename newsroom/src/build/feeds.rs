//! RSS 2.0 feeds and sitemaps, written with `rss` and `quick-xml` (never by pasting strings):
//! the whole site and each section (also at the addresses Korean CMS sites use, so existing
//! subscriptions and portal ingest keep working), a sitemap of every page and a news sitemap
//! of the last 48 hours.

use super::answers::Answers;
use chrono::{DateTime, FixedOffset};
use news_front::api::client::paths;
use news_front::api::models::{
    MostViewed, ReporterPage, Section, SectionPage, Site, Summary, TagPage,
};
use news_front::kst::parse_kst;
use news_front::routes;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ItemBuilder};
use std::collections::BTreeSet;
use std::path::Path;

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

/// The addresses the bundle's sitemaps name (`sitemap.xml`, and the `sitemap-N.xml` files its
/// index names), with their `lastmod`, as a whole run wrote them; `None` when there are none or
/// they name another origin (the site moved) or cannot be read.
pub fn read_sitemaps(dist: &Path, origin: &str) -> Option<Vec<SitemapUrl>> {
    use quick_xml::events::Event;
    fn parse(
        text: &str,
        origin: &str,
        found: &mut Vec<SitemapUrl>,
        files: &mut Vec<String>,
    ) -> Option<()> {
        let mut reader = quick_xml::Reader::from_str(text);
        let (mut inside, mut loc, mut lastmod) = (Vec::<String>::new(), None, None);
        loop {
            match reader.read_event().ok()? {
                Event::Start(start) => {
                    inside.push(String::from_utf8_lossy(start.local_name().as_ref()).into_owned());
                }
                Event::Text(text) => {
                    let text = text.xml_content().ok()?.trim().to_owned();
                    match inside.last().map(String::as_str) {
                        Some("loc") => loc = Some(text),
                        Some("lastmod") => lastmod = Some(text),
                        _ => {}
                    }
                }
                Event::End(_) => match inside.pop().as_deref() {
                    Some("url") => {
                        let address = loc.take()?.strip_prefix(origin)?.to_owned();
                        address.starts_with('/').then_some(())?;
                        found.push(SitemapUrl {
                            address,
                            lastmod: lastmod.take(),
                        });
                    }
                    Some("sitemap") => {
                        let file = loc
                            .take()?
                            .strip_prefix(origin)?
                            .strip_prefix('/')?
                            .to_owned();
                        // Only the sitemap files a run writes.
                        let number = file.strip_prefix("sitemap-")?.strip_suffix(".xml")?;
                        number.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
                        files.push(file);
                    }
                    _ => {}
                },
                // An entity in an address: not one a run writes.
                Event::GeneralRef(_) => return None,
                // Cut short (an element still open): not a whole sitemap.
                Event::Eof => return inside.is_empty().then_some(()),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    let mut files = Vec::new();
    parse(
        &std::fs::read_to_string(dist.join("sitemap.xml")).ok()?,
        origin,
        &mut found,
        &mut files,
    )?;
    for file in files {
        let mut none = Vec::new();
        parse(
            &std::fs::read_to_string(dist.join(&file)).ok()?,
            origin,
            &mut found,
            &mut none,
        )?;
    }
    (!found.is_empty()).then_some(found)
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

/// The most articles the news sitemap names (Google News reads at most 1,000).
pub const NEWS_MAX: usize = 1_000;

/// What the feeds and the news sitemap need of every list a run reads, and no more: the newest
/// [`FEED_ITEMS`] articles of all and of each section, and those of the last [`NEWS_HOURS`]
/// (at most [`NEWS_MAX`]). It stays this small whatever the size of the archive.
pub struct Newest {
    items: Vec<Summary>,
    now: DateTime<FixedOffset>,
}

impl Newest {
    pub fn new(now: DateTime<FixedOffset>) -> Self {
        Self {
            items: Vec::new(),
            now,
        }
    }

    pub fn add(&mut self, summaries: impl IntoIterator<Item = Summary>) {
        self.items.extend(summaries);
        if self.items.len() > 8 * (FEED_ITEMS + NEWS_MAX) {
            self.prune();
        }
    }

    fn prune(&mut self) {
        let (mut all, mut news) = (0, 0);
        let mut per_section = std::collections::HashMap::<String, usize>::new();
        let now = self.now;
        let items = newest_first(std::mem::take(&mut self.items));
        self.items = items
            .into_iter()
            .filter(|summary| {
                let slug = summary.section.as_ref().map(|s| s.slug.clone());
                let in_section = per_section.entry(slug.unwrap_or_default()).or_default();
                let recent = summary
                    .published_at
                    .as_deref()
                    .and_then(parse_kst)
                    .is_some_and(|at| now.signed_duration_since(at).num_hours() < NEWS_HOURS);
                let keep =
                    all < FEED_ITEMS || *in_section < FEED_ITEMS || (recent && news < NEWS_MAX);
                all += 1;
                *in_section += 1;
                news += usize::from(recent);
                keep
            })
            .collect();
    }

    /// Newest first, each article once.
    pub fn list(mut self) -> Vec<Summary> {
        self.prune();
        self.items
    }
}

/// The `feeds` stage: every feed, from the lists the run read (`listed`, newest first) and the
/// first pages it holds.
pub fn write_feeds(
    dist: &Path,
    answers: &Answers,
    site: &Site,
    origin: &str,
    listed: &[Summary],
    have_home: bool,
    (keywords, reporters): (&[String], &[String]),
) -> Result<(), String> {
    let write = |feed: &str, title: &str, link: &str, description: &str, articles: &[Summary]| {
        let Some(file) = routes::feed_file(feed) else {
            return Ok(());
        };
        let xml = rss(site, origin, feed, title, link, description, articles);
        super::output::write_file(dist, &file, &xml)
    };
    if have_home {
        let description = site
            .tagline
            .clone()
            .unwrap_or_else(|| format!("{} 최신 기사", site.name));
        write(
            routes::ALL_FEED,
            &site.name,
            routes::HOME,
            &description,
            listed,
        )?;
    }
    if let Ok((most_viewed, _)) = answers.model::<MostViewed>(paths::MOST_VIEWED) {
        if let Some(period) = most_viewed.periods.first() {
            write(
                routes::MOST_VIEWED_FEED,
                &format!("{} 가장 많이 본 뉴스", site.name),
                routes::HOME,
                &format!("{} 가장 많이 본 뉴스 ({})", site.name, period.label),
                &period.articles,
            )?;
        }
    }
    for section in &site.sections {
        let Some(feed) = routes::section_feed(&section.slug) else {
            continue;
        };
        let Ok((first, _)) = answers.model::<SectionPage>(&paths::section_page(&section.slug, 1))
        else {
            continue;
        };
        let articles: Vec<Summary> = listed
            .iter()
            .filter(|summary| {
                summary.section.as_ref().map(|s| s.slug.as_str()) == Some(section.slug.as_str())
                    || first.articles.iter().any(|item| item.id == summary.id)
            })
            .cloned()
            .collect();
        write(
            &feed,
            &format!("{} - {}", section.name, site.name),
            &routes::section(&section.slug, 1),
            &format!("{} 분야의 최신 기사", section.name),
            &articles,
        )?;
    }
    // A keyword's feed: the first page of its list, newest first as the API gives it.
    for keyword in keywords {
        let Some(feed) = routes::tag_feed(keyword) else {
            continue;
        };
        let Ok((first, _)) = answers.model::<TagPage>(&paths::tag_page(keyword, 1)) else {
            continue;
        };
        write(
            &feed,
            &format!("‘{keyword}’ 키워드 - {}", site.name),
            &routes::tag(keyword, 1),
            &format!("{} ‘{keyword}’ 키워드의 최신 기사", site.name),
            &first.articles,
        )?;
    }
    // A reporter's feed (기자 구독): the first page of their list.
    for slug in reporters {
        let Some(feed) = routes::reporter_feed(slug) else {
            continue;
        };
        let Ok((first, _)) = answers.model::<ReporterPage>(&paths::reporter_page(slug, 1)) else {
            continue;
        };
        let name = &first.reporter.name;
        write(
            &feed,
            &format!("{name} 기자 - {}", site.name),
            &routes::reporter(slug, 1),
            &format!("{} {name} 기자의 최신 기사", site.name),
            &first.articles,
        )?;
    }
    Ok(())
}

/// The `sitemap` stage: the sitemaps (one per 50,000 addresses, with an index) and the news
/// sitemap, and robots.txt naming them. A publish run names every page the bundle holds.
pub fn write_sitemaps(
    dist: &Path,
    origin: &str,
    site: &Site,
    listed: &[Summary],
    // The pages written, and those deleted (a publish's).
    (mut urls, deleted): (Vec<SitemapUrl>, &BTreeSet<String>),
    full: bool,
    now: DateTime<FixedOffset>,
) -> Result<(), String> {
    let write = |file: &str, xml: String| super::output::write_file(dist, file, &xml);
    if !full {
        // A publish run writes a few pages: the sitemap still names every page in the bundle,
        // each with the time the last run that wrote it gave (the sitemaps as they are, less
        // the pages this run deleted), or, with no sitemap yet, every page found.
        let written: BTreeSet<String> = urls.iter().map(|url| url.address.clone()).collect();
        let kept = read_sitemaps(dist, origin).unwrap_or_else(|| {
            super::output::prerendered_addresses(dist)
                .into_iter()
                .map(|address| SitemapUrl {
                    address,
                    lastmod: None,
                })
                .collect()
        });
        urls.extend(
            kept.into_iter()
                .filter(|url| !written.contains(&url.address) && !deleted.contains(&url.address)),
        );
    }
    urls.sort_by(|a, b| a.address.cmp(&b.address));
    let documents = sitemaps(origin, &urls);
    // A sitemap the site has outgrown the need for (it shrank) goes.
    let mut stale = if documents.len() == 1 {
        1
    } else {
        documents.len() + 1
    };
    while dist.join(format!("sitemap-{stale}.xml")).is_file() {
        let _ = std::fs::remove_file(dist.join(format!("sitemap-{stale}.xml")));
        stale += 1;
    }
    if documents.len() == 1 {
        write(
            "sitemap.xml",
            documents.into_iter().next().unwrap_or_default(),
        )?;
    } else {
        let mut files = Vec::new();
        for (n, document) in documents.into_iter().enumerate() {
            let file = format!("sitemap-{}.xml", n + 1);
            write(&file, document)?;
            files.push(file);
        }
        write("sitemap.xml", sitemap_index(origin, &files))?;
    }
    write(
        "sitemap-news.xml",
        news_sitemap(origin, &site.name, listed, now),
    )?;
    let robots_file = dist.join("robots.txt");
    let existing = std::fs::read_to_string(&robots_file).unwrap_or_default();
    write(
        "robots.txt",
        robots(&existing, origin, &["sitemap.xml", "sitemap-news.xml"]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_tampered_with_or_cut_short_is_not_read_back() {
        const SITE: &str = "https://news.example";
        let dist = std::env::temp_dir().join(format!("read-sitemaps-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let urlset = |urls: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>"#
            )
        };
        let index = |loc: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{loc}</loc></sitemap></sitemapindex>"#
            )
        };
        let read = |main: &str, part: Option<&str>| {
            std::fs::write(dist.join("sitemap.xml"), main).unwrap();
            let _ = std::fs::remove_file(dist.join("sitemap-1.xml"));
            if let Some(part) = part {
                std::fs::write(dist.join("sitemap-1.xml"), part).unwrap();
            }
            read_sitemaps(&dist, SITE).map(|urls| {
                urls.into_iter()
                    .map(|url| (url.address, url.lastmod))
                    .collect::<Vec<_>>()
            })
        };
        let page = r#"<url><loc>https://news.example/article/1065</loc><lastmod>2026-11-25T09:00:00+09:00</lastmod></url>"#;
        // What a run writes is read back, through an index too.
        let expected = Some(vec![(
            "/article/1065".to_owned(),
            Some("2026-11-25T09:00:00+09:00".to_owned()),
        )]);
        assert_eq!(read(&urlset(page), None), expected);
        assert_eq!(
            read(
                &index("https://news.example/sitemap-1.xml"),
                Some(&urlset(page))
            ),
            expected
        );
        // Anything else makes the whole reading fail (the caller walks the pages instead).
        for (main, part) in [
            // Another site's address, or none under the site.
            (
                urlset("<url><loc>https://evil.example/article/1</loc></url>"),
                None,
            ),
            (
                urlset("<url><loc>https://news.example.evil/x</loc></url>"),
                None,
            ),
            (urlset("<url><lastmod>2026-11-25</lastmod></url>"), None),
            // An entity, or a document cut short.
            (
                urlset("<url><loc>https://news.example/&amp;x</loc></url>"),
                None,
            ),
            (urlset(page).replace("</urlset>", "<url><loc>"), None),
            ("<urlset><url><loc>".to_owned(), None),
            ("\u{0}\u{1}not xml".to_owned(), None),
            // An index naming a file a run does not write, outside the bundle or elsewhere.
            (index("https://news.example/../../etc/passwd"), None),
            (index("https://news.example/sitemap-1.xml.gz"), None),
            (index("https://evil.example/sitemap-1.xml"), None),
            (index("https://news.example/sitemap-x.xml"), None),
            // An index naming a file that is missing, or tampered with in turn.
            (index("https://news.example/sitemap-1.xml"), None),
            (
                index("https://news.example/sitemap-1.xml"),
                Some(urlset("<url><loc>https://evil.example/</loc></url>")),
            ),
            // Nothing at all.
            (urlset(""), None),
        ] {
            assert_eq!(read(&main, part.as_deref()), None, "{main} / {part:?}");
        }
        std::fs::remove_dir_all(&dist).unwrap();
    }

    fn summary(n: usize, section: &str, at: DateTime<FixedOffset>) -> Summary {
        serde_json::from_value(serde_json::json!({
            "id": n.to_string(), "title": format!("기사 {n}"),
            "section": {"slug": section, "name": section},
            "published_at": (at - chrono::Duration::minutes(n as i64 * 10)).to_rfc3339(),
        }))
        .unwrap()
    }

    #[test]
    fn the_newest_keep_what_feeds_and_the_news_sitemap_need_and_no_more() {
        let now = DateTime::parse_from_rfc3339("2026-11-25T12:00:00+09:00").unwrap();
        let mut newest = Newest::new(now);
        // 40,000 articles, ten minutes apart, in a big section and a small one.
        for n in 0..40_000 {
            newest.add([summary(n, if n % 100 == 0 { "small" } else { "big" }, now)]);
            assert!(newest.items.len() <= 8 * (FEED_ITEMS + NEWS_MAX) + 1);
        }
        let list = newest.list();
        let ids = |section: &str| -> Vec<String> {
            list.iter()
                .filter(|s| s.section.as_ref().is_some_and(|s| s.slug == section))
                .map(|s| s.id.clone())
                .collect()
        };
        // The last 48 hours (288 articles), and the small section's newest 50.
        assert_eq!(ids("big").len(), 288 - 3);
        assert_eq!(ids("small").len(), FEED_ITEMS);
        assert_eq!(ids("small").last().unwrap(), "4900");
        assert_eq!(list.first().unwrap().id, "0");
    }
}
