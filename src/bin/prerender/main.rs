//! `prerender`: writes every page of the site into the built bundle as HTML, from the app's own
//! components, so readers, link previews (KakaoTalk, Facebook, X), portals and search engines
//! get the article without running any script. Also the RSS feeds, the sitemaps and
//! `robots.txt`'s `Sitemap:` lines.
//!
//! ```text
//! scripts/prerender --api <base URL or folder> --dist <folder> [--article ID]...
//!                   [--site-url URL] [--jobs N] [--now RFC3339]
//! ```
//!
//! Without `--article` it writes the whole site. With it (a CMS's publish hook) it writes those
//! articles and what lists them: the front page, their sections' first pages, the feeds and
//! the sitemaps. A page whose data fails to load keeps its previous file, is reported with its
//! address and the reason, and makes the command exit non-zero; the others are still written.
//! Every file is written to a temporary name and renamed, so a reader never gets half a page.

#![recursion_limit = "256"]

mod feeds;
mod preview;
mod render;
mod source;

use chrono::{DateTime, FixedOffset, Utc};
use news_front::api::client::paths;
use news_front::api::models::{
    Article, Home, PhotoNews, Policy, SectionPage, Site, SnsTv, Summary, TagPage,
};
use news_front::api::ApiError;
use news_front::format::encode_path_segment;
use news_front::{config, routes, seo};
use render::{render, Template};
use serde::de::DeserializeOwned;
use source::Source;
use std::collections::{BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The most pages of one list (a section's, a keyword's) the command follows, so a broken
/// `total_pages` cannot make it run for ever.
const MAX_LIST_PAGES: u32 = 2_000;

const USAGE: &str = "usage: prerender --api <base URL or folder> --dist <folder> [--article ID]... [--site-url URL] [--jobs N] [--now RFC3339] [--card-font FILE]";

struct Options {
    api: String,
    dist: PathBuf,
    articles: Vec<String>,
    site_url: Option<String>,
    jobs: usize,
    now: Option<DateTime<FixedOffset>>,
    /// The Korean typeface the preview cards are drawn in.
    card_font: PathBuf,
}

fn parse_options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let (mut api, mut dist, mut articles, mut site_url, mut jobs, mut now) =
        (None, None, Vec::new(), None, 8, None);
    let mut card_font = PathBuf::from(preview::DEFAULT_FONT);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--api" => api = Some(value()?),
            "--dist" => dist = Some(PathBuf::from(value()?)),
            "--article" => articles.push(value()?),
            "--site-url" => site_url = Some(value()?),
            "--jobs" => {
                jobs = value()?
                    .parse::<usize>()
                    .ok()
                    .filter(|jobs| (1..=64).contains(jobs))
                    .ok_or("--jobs takes a number from 1 to 64")?;
            }
            "--now" => {
                now = Some(
                    DateTime::parse_from_rfc3339(&value()?)
                        .map_err(|err| format!("--now: {err}"))?,
                );
            }
            "--card-font" => card_font = PathBuf::from(value()?),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(Options {
        api: api.ok_or(USAGE)?,
        dist: dist.ok_or(USAGE)?,
        articles,
        site_url,
        jobs,
        now,
        card_font,
    })
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    match run(&options) {
        Ok(report) if report.failures.is_empty() => {}
        Ok(report) => {
            eprintln!(
                "prerender: {} page(s) not written (their previous files are kept):",
                report.failures.len()
            );
            for failure in &report.failures {
                eprintln!("  {failure}");
            }
            std::process::exit(1);
        }
        Err(message) => {
            eprintln!("prerender: {message}");
            std::process::exit(1);
        }
    }
}

/// What went wrong, page by page.
#[derive(Default)]
struct Report {
    failures: Vec<String>,
}

/// The API's answers for one run, fetched `jobs` at a time.
struct Answers {
    source: Source,
    jobs: usize,
    got: HashMap<String, Result<serde_json::Value, ApiError>>,
}

/// A paged list the command follows: a section's articles, a keyword's.
trait Paged: DeserializeOwned {
    /// This page's number and the number of pages, both counted from 1.
    fn pages(&self) -> (u32, u32);
}

impl Paged for SectionPage {
    fn pages(&self) -> (u32, u32) {
        (self.page, self.total_pages)
    }
}

impl Paged for TagPage {
    fn pages(&self) -> (u32, u32) {
        (self.page, self.total_pages)
    }
}

impl Answers {
    /// The pages of the lists named by `keys` (`path(key, page)` is a page's API path), each
    /// fetched: every first page, then with `all` the pages after it, up to
    /// [`MAX_LIST_PAGES`]. With `optional`, a list whose first page is not found is left out
    /// (an extension of the contract the API does not offer); otherwise it stays, so that its
    /// page is reported as failing.
    fn list_pages<T: Paged>(
        &mut self,
        keys: &[String],
        path: fn(&str, u32) -> String,
        all: bool,
        optional: bool,
    ) -> Vec<(String, u32)> {
        self.fetch(keys.iter().map(|key| path(key, 1)).collect());
        let mut pages = Vec::new();
        for key in keys {
            let first = path(key, 1);
            if optional && matches!(self.got.get(&first), Some(Err(ApiError::NotFound))) {
                continue;
            }
            pages.push((key.clone(), 1));
            if let (true, Ok((list, _))) = (all, self.model::<T>(&first)) {
                let last = list.pages().1.min(MAX_LIST_PAGES);
                pages.extend((2..=last).map(|page| (key.clone(), page)));
            }
        }
        self.fetch(pages.iter().map(|(key, page)| path(key, *page)).collect());
        pages
    }

    /// A list's page as the app reads it; a page past the last is not there (the app shows
    /// it as not found), so no file is written for it.
    fn list_page<T: Paged>(&self, path: &str) -> Result<serde_json::Value, String> {
        let (list, value) = self.model::<T>(path)?;
        match list.pages() {
            (page, total) if page > total => Err(format!(
                "{}: page {page} of {total}",
                self.source.describe(path)
            )),
            _ => Ok(value),
        }
    }

    fn fetch(&mut self, paths: Vec<String>) {
        let paths: Vec<String> = paths
            .into_iter()
            .filter(|path| !self.got.contains_key(path))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let next = AtomicUsize::new(0);
        let results = Mutex::new(Vec::with_capacity(paths.len()));
        let progress = Progress::new("fetching", paths.len());
        std::thread::scope(|scope| {
            for _ in 0..self.jobs.min(paths.len()) {
                scope.spawn(|| loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(index) else { break };
                    let answer = self.source.get(path);
                    if let Ok(mut results) = results.lock() {
                        results.push((path.clone(), answer));
                        progress.show(results.len());
                    }
                });
            }
        });
        progress.done();
        self.got.extend(results.into_inner().unwrap_or_default());
    }

    /// The answer for `path` read as the app reads it, or why it cannot be.
    fn model<T: DeserializeOwned>(&self, path: &str) -> Result<(T, serde_json::Value), String> {
        let reason = |error: &ApiError| format!("{}: {error}", self.source.describe(path));
        match self.got.get(path) {
            Some(Ok(value)) => T::deserialize(value)
                .map(|model| (model, value.clone()))
                .map_err(|err| reason(&ApiError::Decode(err.to_string()))),
            Some(Err(error)) => Err(reason(error)),
            None => Err(format!("{}: not requested", self.source.describe(path))),
        }
    }
}

/// A progress line on a terminal (nothing when the output is a file or a pipe).
struct Progress {
    what: &'static str,
    total: usize,
    shown: bool,
}

impl Progress {
    fn new(what: &'static str, total: usize) -> Self {
        let shown = std::io::stderr().is_terminal() && total > 20;
        Self { what, total, shown }
    }

    fn show(&self, done: usize) {
        if self.shown && (done.is_multiple_of(10) || done == self.total) {
            eprint!("\r{} {done}/{}", self.what, self.total);
            let _ = std::io::stderr().flush();
        }
    }

    fn done(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

/// One page to write: its address and the answers it is drawn from.
struct Page {
    address: String,
    paths: Vec<String>,
}

fn run(options: &Options) -> Result<Report, String> {
    let started = Instant::now();
    let dist = &options.dist;
    let template_file = dist.join("app.html");
    let template = std::fs::read_to_string(&template_file)
        .map_err(|err| format!("{}: {err} (build the site first)", template_file.display()))?;
    let template = Template::new(template)?;
    let site_url = options
        .site_url
        .clone()
        .or_else(|| template.meta("site-url"))
        .map(|url| url.trim_end_matches('/').to_owned())
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .ok_or("the site's address is unknown: pass --site-url https://… or set <meta name=\"site-url\"> in index.html")?;
    config::set_page_meta(template.meta("application-name"), Some(site_url.clone()));

    let mut answers = Answers {
        source: Source::new(&options.api),
        jobs: options.jobs,
        got: HashMap::new(),
    };
    let mut report = Report::default();

    // The site's name, menu and footer are on every page: without them nothing is written.
    answers.fetch(vec![paths::SITE.to_owned(), paths::HOME.to_owned()]);
    let (site, site_json) = answers.model::<Site>(paths::SITE)?;
    let full = options.articles.is_empty();

    // The articles named on the command line, first: their sections' lists change with them.
    let named: Vec<String> = options
        .articles
        .iter()
        .filter(|id| routes::is_plain(id))
        .cloned()
        .collect();
    for id in options.articles.iter().filter(|id| !routes::is_plain(id)) {
        report.failures.push(format!(
            "/article/{id}: not an id this command writes (letters, digits, - and _ only)"
        ));
    }
    answers.fetch(named.iter().map(|id| paths::article(id)).collect());
    let mut section_slugs: Vec<String> = if full {
        site.sections
            .iter()
            .map(|section| section.slug.clone())
            .collect()
    } else {
        named
            .iter()
            .filter_map(|id| answers.model::<Article>(&paths::article(id)).ok())
            .filter_map(|(article, _)| article.section.map(|section| section.slug))
            .collect()
    };
    // Each section once, in the order first named (a publish of articles in A, B, A writes A once).
    let mut seen_slugs = BTreeSet::new();
    section_slugs.retain(|slug| routes::is_plain(slug) && seen_slugs.insert(slug.clone()));

    // Every section's first page, then (whole site only) the pages after it.
    let section_pages =
        answers.list_pages::<SectionPage>(&section_slugs, paths::section_page, full, false);

    // What the lists show: the feeds' items and (whole site) the articles to write.
    let home = answers
        .model::<Home>(paths::HOME)
        .ok()
        .map(|(home, _)| home);
    let mut listed: Vec<Summary> = Vec::new();
    if let Some(home) = &home {
        listed.extend(home.lead.iter().cloned());
        listed.extend(
            home.sections
                .iter()
                .flat_map(|block| block.articles.iter().cloned()),
        );
    }
    for (slug, page) in &section_pages {
        if let Ok((list, _)) = answers.model::<SectionPage>(&paths::section_page(slug, *page)) {
            listed.extend(list.articles);
        }
    }
    let listed = feeds::newest_first(listed);
    let mut article_ids = named.clone();
    if full {
        article_ids.extend(
            listed
                .iter()
                .map(|summary| summary.id.clone())
                .filter(|id| routes::is_plain(id)),
        );
        answers.fetch(vec![
            paths::PHOTO_NEWS.to_owned(),
            paths::SNS_TV.to_owned(),
            paths::MOST_VIEWED.to_owned(),
        ]);
    } else {
        answers.fetch(vec![paths::MOST_VIEWED.to_owned()]);
    }
    let mut seen = BTreeSet::new();
    article_ids.retain(|id| seen.insert(id.clone()));
    answers.fetch(article_ids.iter().map(|id| paths::article(id)).collect());

    // The keyword pages of the articles written (an extension of the contract: an API without
    // it answers 404, and no keyword page is written). A publish run writes the first pages.
    let keywords: Vec<String> = article_ids
        .iter()
        .filter_map(|id| answers.model::<Article>(&paths::article(id)).ok())
        .flat_map(|(article, _)| article.tags)
        .filter(|keyword| routes::file_for(&routes::tag(keyword, 1)).is_some())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let tag_pages = answers.list_pages::<TagPage>(&keywords, paths::tag_page, full, true);

    // The pages, each with the answers it is drawn from.
    let mut pages = vec![Page {
        address: routes::HOME.to_owned(),
        paths: vec![paths::HOME.to_owned()],
    }];
    pages.extend(section_pages.iter().map(|(slug, page)| Page {
        address: routes::section(slug, *page),
        paths: vec![paths::section_page(slug, *page)],
    }));
    pages.extend(tag_pages.iter().map(|(keyword, page)| Page {
        address: routes::tag(keyword, *page),
        paths: vec![paths::tag_page(keyword, *page)],
    }));
    pages.extend(article_ids.iter().map(|id| Page {
        address: routes::article(id),
        paths: vec![paths::article(id)],
    }));
    if full {
        // The policy pages the footer links to (an extension of the contract).
        let policies: Vec<String> = site
            .footer
            .iter()
            .flat_map(|footer| footer.policies.iter())
            .map(|policy| policy.slug.clone())
            .filter(|slug| routes::is_plain(slug))
            .collect();
        answers.fetch(policies.iter().map(|slug| paths::policy(slug)).collect());
        pages.extend(policies.iter().map(|slug| Page {
            address: routes::policy(slug),
            paths: vec![paths::policy(slug)],
        }));
        pages.push(Page {
            address: routes::PHOTOS.to_owned(),
            paths: vec![paths::PHOTO_NEWS.to_owned()],
        });
        pages.push(Page {
            address: routes::VIDEOS.to_owned(),
            paths: vec![paths::SNS_TV.to_owned()],
        });
    }

    // The link-preview images: the lead photo's crops, else a card with the page's title.
    let (previews, font_warning) =
        preview::Previews::new(dist, &site.name, &site_url, &options.card_font);
    if let Some(warning) = font_warning {
        eprintln!("prerender: {warning}");
    }

    let rendering = Instant::now();
    let progress = Progress::new("rendering", pages.len());
    let mut written = 0usize;
    let mut sitemap_urls = Vec::new();
    for (done, page) in pages.iter().enumerate() {
        progress.show(done + 1);
        match page_data(&answers, &site_json, page) {
            Ok(PageData {
                data,
                lastmod,
                section,
            }) => {
                let answers_held: HashMap<String, serde_json::Value> = data
                    .iter()
                    .map(|(path, value)| (path.clone(), value.clone()))
                    .collect();
                let mut rendered = render(&page.address, answers_held, section);
                let (made, problem) = previews.make(
                    &seo::property(&rendered.head, "og:title").unwrap_or_default(),
                    seo::property(&rendered.head, "og:image").as_deref(),
                );
                if let Some(made) = made {
                    seo::with_preview(&mut rendered.head, &site_url, &made.src, &made.structured);
                }
                if let Some(problem) = problem {
                    eprintln!("prerender: {}: preview image: {problem}", page.address);
                }
                let html = template.page(&rendered, Some(&data), &site_url);
                let Some(file) = routes::file_for(&page.address) else {
                    continue;
                };
                match write_atomic(&dist.join(file), html.as_bytes()) {
                    Ok(()) => written += 1,
                    Err(err) => report.failures.push(format!("{}: {err}", page.address)),
                }
                sitemap_urls.push(feeds::SitemapUrl {
                    address: page.address.clone(),
                    lastmod,
                });
            }
            Err(reason) => report.failures.push(format!("{}: {reason}", page.address)),
        }
    }
    progress.done();
    let render_seconds = rendering.elapsed().as_secs_f64();

    // The shell: the frame of every page, for addresses that have no file (yet).
    if full {
        let site_only = HashMap::from([(paths::SITE.to_owned(), site_json.clone())]);
        let shell = render("/article/0", site_only.clone(), None);
        let html = template.page(&shell, None, &site_url);
        let html = render::with_article_head(html, &article_head(site_only));
        for file in [routes::SHELL_FILE, "404.html"] {
            if let Err(failure) = write_file(dist, file, &html) {
                report.failures.push(failure);
            }
        }
    }

    // Feeds, sitemaps and robots.txt.
    write_feeds(
        dist,
        &answers,
        &site,
        &site_url,
        &listed,
        home.is_some(),
        &keywords,
    )?;
    write_sitemaps(
        dist,
        &site_url,
        &site,
        &listed,
        sitemap_urls,
        full,
        options.now,
    )?;

    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "prerender: {written} page(s) written in {seconds:.2} s ({:.0} pages/s rendering, {:.0} pages/s overall), {} failed",
        written as f64 / render_seconds.max(1e-9),
        written as f64 / seconds.max(1e-9),
        report.failures.len()
    );
    Ok(report)
}

/// The answers a page is drawn from, each read as the app reads it first (a page the app would
/// show as an error is not written); for an article, its last change and its section.
struct PageData {
    data: serde_json::Map<String, serde_json::Value>,
    lastmod: Option<String>,
    section: Option<String>,
}

fn page_data(
    answers: &Answers,
    site_json: &serde_json::Value,
    page: &Page,
) -> Result<PageData, String> {
    let mut data = serde_json::Map::new();
    data.insert(paths::SITE.to_owned(), site_json.clone());
    let (mut lastmod, mut section) = (None, None);
    for path in &page.paths {
        let value = if path == paths::HOME {
            answers.model::<Home>(path)?.1
        } else if path.starts_with("sections/") {
            answers.list_page::<SectionPage>(path)?
        } else if path.starts_with("tags/") {
            answers.list_page::<TagPage>(path)?
        } else if path.starts_with("policies/") {
            answers.model::<Policy>(path)?.1
        } else if path.starts_with("articles/") {
            let (article, value) = answers.model::<Article>(path)?;
            lastmod = article.updated_at.or(article.published_at);
            section = article.section.map(|section| section.slug);
            value
        } else if path == paths::PHOTO_NEWS {
            answers.model::<PhotoNews>(path)?.1
        } else {
            answers.model::<SnsTv>(path)?.1
        };
        data.insert(path.clone(), value);
    }
    Ok(PageData {
        data,
        lastmod,
        section,
    })
}

fn write_feeds(
    dist: &Path,
    answers: &Answers,
    site: &Site,
    origin: &str,
    listed: &[Summary],
    have_home: bool,
    keywords: &[String],
) -> Result<(), String> {
    let write = |feed: &str, title: &str, link: &str, description: &str, articles: &[Summary]| {
        let Some(file) = routes::feed_file(feed) else {
            return Ok(());
        };
        let xml = feeds::rss(site, origin, feed, title, link, description, articles);
        write_file(dist, &file, &xml)
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
    if let Ok((most_viewed, _)) =
        answers.model::<news_front::api::models::MostViewed>(paths::MOST_VIEWED)
    {
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
    Ok(())
}

fn write_sitemaps(
    dist: &Path,
    origin: &str,
    site: &Site,
    listed: &[Summary],
    mut urls: Vec<feeds::SitemapUrl>,
    full: bool,
    now: Option<DateTime<FixedOffset>>,
) -> Result<(), String> {
    let write = |file: &str, xml: String| write_file(dist, file, &xml);
    if !full {
        // A publish run writes a few pages: the sitemap still names every page in the bundle.
        let written: BTreeSet<String> = urls.iter().map(|url| url.address.clone()).collect();
        urls.extend(
            prerendered_addresses(dist)
                .into_iter()
                .filter(|address| !written.contains(address))
                .map(|address| feeds::SitemapUrl {
                    address,
                    lastmod: None,
                }),
        );
    }
    urls.sort_by(|a, b| a.address.cmp(&b.address));
    let documents = feeds::sitemaps(origin, &urls);
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
        write("sitemap.xml", feeds::sitemap_index(origin, &files))?;
    }
    let now = now.unwrap_or_else(|| {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|since| since.as_secs() as i64)
            .unwrap_or_default();
        DateTime::<Utc>::from_timestamp(seconds, 0)
            .unwrap_or_default()
            .fixed_offset()
    });
    write(
        "sitemap-news.xml",
        feeds::news_sitemap(origin, &site.name, listed, now),
    )?;
    let robots_file = dist.join("robots.txt");
    let existing = std::fs::read_to_string(&robots_file).unwrap_or_default();
    write(
        "robots.txt",
        feeds::robots(&existing, origin, &["sitemap.xml", "sitemap-news.xml"]),
    )
}

/// The addresses of the prerendered page files in `dist` (front page, sections, keywords,
/// articles).
fn prerendered_addresses(dist: &Path) -> Vec<String> {
    fn walk(folder: &Path, prefix: &str, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                walk(
                    &path,
                    &format!("{prefix}/{}", encode_path_segment(&name)),
                    found,
                );
            } else if let Some(stem) = name.strip_suffix(".html") {
                // Keyword files are named by the decoded keyword (`routes::file_for`).
                found.push(format!("{prefix}/{}", encode_path_segment(stem)));
            }
        }
    }
    let mut found = vec![routes::HOME.to_owned()];
    for folder in ["article", "section", "tag", "policy"] {
        walk(&dist.join(folder), &format!("/{folder}"), &mut found);
    }
    for page in [routes::PHOTOS, routes::VIDEOS] {
        if routes::file_for(page).is_some_and(|file| dist.join(file).is_file()) {
            found.push(page.to_owned());
        }
    }
    found
}

/// The top of an article page (section, headline, subtitles) as `ArticlePage` draws it, for the
/// shell: its inline script fills in the text of an article it fetched early, before the wasm
/// has loaded (`index.html`), so the markup is the app's, not a copy.
fn article_head(mut answers: HashMap<String, serde_json::Value>) -> String {
    let placeholder = serde_json::json!({
        "id": "0", "section": {"slug": "0", "name": "-"}, "title": "-", "subtitles": ["-"],
        "byline": {"outlet": "-", "reporter": "-"}, "published_at": "2000-01-01T00:00:00+09:00",
        "body": [{"type": "paragraph", "text": "-"}],
    });
    answers.insert(paths::article("0"), placeholder);
    let page = render("/article/0", answers, None).body;
    let start = page.find(r#"<header class="article__header">"#);
    let end = start.and_then(|start| page[start..].find("</header>").map(|end| start + end));
    match (start, end) {
        (Some(start), Some(end)) => page[start..end + "</header>".len()].to_owned(),
        _ => String::new(),
    }
}

/// Writes `text` to `file` under `dist` (see [`write_atomic`]); a failure names the file.
fn write_file(dist: &Path, file: &str, text: &str) -> Result<(), String> {
    write_atomic(&dist.join(file), text.as_bytes()).map_err(|err| format!("{file}: {err}"))
}

/// Writes `bytes` to a temporary file beside `file`, then renames it over `file`.
fn write_atomic(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let name = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = file.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}
