//! `prerender`: writes every page of the site into the built bundle as HTML, from the app's own
//! components, so readers, link previews (KakaoTalk, Facebook, X), portals and search engines
//! get the article without running any script. Also the RSS feeds, the sitemaps and
//! `robots.txt`'s `Sitemap:` lines. `prerender --help` says how to call it.
//!
//! A run goes through named, timed stages, each in its module: `cli` (the arguments), `plan`
//! (the kinds of page), `answers` (fetching), `render` and its `template`, `preview`, `output`
//! (the files, the lock), `feeds` (feeds and sitemaps), `report`.
//!
//! The whole site is written in batches: a batch's answers are fetched, its pages rendered on
//! every core and written, and its answers dropped, so the memory a run needs does not grow
//! with the archive; the feeds and sitemaps keep only the little they need ([`feeds::Newest`],
//! an address per page).

#![recursion_limit = "256"]

mod answers;
mod cli;
mod feeds;
mod output;
mod plan;
mod preview;
mod render;
mod report;
mod source;

use answers::Answers;
use anyhow::{anyhow, Context};
use chrono::{DateTime, FixedOffset, Utc};
use clap::Parser;
use news_front::api::client::paths;
use news_front::api::models::{Article, Banners, Home, Site};
use news_front::{config, routes, seo};
use plan::{Drawn, PageKind};
use rayon::prelude::*;
use render::{render, Template};
use report::Report;
use source::Source;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The most pages of one list (a section's, a keyword's) the command follows, so a broken
/// `total_pages` cannot make it run for ever.
const MAX_LIST_PAGES: u32 = 20_000;

/// How many pages a whole-site run holds the answers of at once.
const BATCH: usize = 512;

fn main() -> ExitCode {
    let options = cli::Options::parse();
    let report = run(&options).unwrap_or_else(|error| Report {
        failures: vec![format!("{error:#}")],
        ..Report::default()
    });
    if options.json {
        println!("{}", serde_json::to_string(&report).unwrap_or_default());
    }
    if report.failures.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "prerender: {} thing(s) not done (the previous files are kept):",
        report.failures.len()
    );
    for failure in &report.failures {
        eprintln!("  {failure}");
    }
    ExitCode::FAILURE
}

/// What every page of a run is drawn with.
struct Renderer<'a> {
    dist: &'a Path,
    template: Template,
    site_url: String,
    site_json: serde_json::Value,
    /// `banners.json`, the layout of the ad slots every page is drawn with.
    banners_json: Option<serde_json::Value>,
    previews: preview::Previews,
}

/// A page that was written, with what its answer said; or why it was not.
struct Outcome {
    page: PageKind,
    drawn: Result<Drawn, String>,
}

impl Renderer<'_> {
    /// Renders and writes `pages` on every core.
    fn write(&self, answers: &Answers, pages: &[PageKind]) -> Vec<Outcome> {
        pages
            .par_iter()
            .map(|page| Outcome {
                page: page.clone(),
                drawn: self.write_one(answers, page),
            })
            .collect()
    }

    fn write_one(&self, answers: &Answers, page: &PageKind) -> Result<Drawn, String> {
        let address = page.address();
        let file = routes::file_for(&address).ok_or("not an address a file can serve")?;
        let mut drawn = page.read(answers)?;
        let mut data = serde_json::Map::new();
        data.insert(paths::SITE.to_owned(), self.site_json.clone());
        if let Some(banners) = &self.banners_json {
            data.insert(paths::BANNERS.to_owned(), banners.clone());
        }
        data.insert(page.api_path(), std::mem::take(&mut drawn.value));
        let held: HashMap<String, serde_json::Value> = data
            .iter()
            .map(|(path, value)| (path.clone(), value.clone()))
            .collect();
        let mut rendered = render(&address, held, drawn.section.clone());
        let (made, problem) = self.previews.make(
            &seo::property(&rendered.head, "og:title").unwrap_or_default(),
            seo::property(&rendered.head, "og:image").as_deref(),
        );
        if let Some(made) = made {
            seo::with_preview(
                &mut rendered.head,
                &self.site_url,
                &made.src,
                &made.structured,
            );
        }
        if let Some(problem) = problem {
            eprintln!("prerender: {address}: preview image: {problem}");
        }
        let html = self.template.page(&rendered, Some(&data), &self.site_url);
        output::write_atomic(&self.dist.join(file), html.as_bytes())
            .map_err(|err| err.to_string())?;
        Ok(drawn)
    }
}

/// What a run gathers from the pages it writes, for the feeds and the sitemaps.
struct Gathered {
    listed: feeds::Newest,
    sitemap: Vec<feeds::SitemapUrl>,
    keywords: BTreeSet<String>,
    articles: Vec<String>,
    seen_articles: HashSet<String>,
    /// Articles listed that the API answers 404 for.
    gone: Vec<String>,
    /// Whether every list page was read: only then may a whole-site run delete the pages of
    /// articles no list names.
    lists_whole: bool,
}

impl Gathered {
    /// Takes what the run needs of each page written (nothing more is kept of it), and the
    /// reasons of those that were not.
    fn take(&mut self, outcomes: Vec<Outcome>, report: &mut Report) {
        for Outcome { page, drawn } in outcomes {
            match drawn {
                Ok(drawn) => {
                    report.written += 1;
                    let address = page.address();
                    self.keywords.extend(drawn.tags);
                    for summary in &drawn.listed {
                        if routes::is_plain(&summary.id)
                            && self.seen_articles.insert(summary.id.clone())
                        {
                            self.articles.push(summary.id.clone());
                        }
                    }
                    self.listed.add(drawn.listed);
                    self.sitemap.push(feeds::SitemapUrl {
                        address,
                        lastmod: drawn.lastmod,
                    });
                }
                Err(reason) => {
                    if matches!(
                        page,
                        PageKind::Home | PageKind::Section { .. } | PageKind::Tag { .. }
                    ) {
                        self.lists_whole = false;
                    }
                    report
                        .failures
                        .push(format!("{}: {reason}", page.address()));
                }
            }
        }
    }
}

/// The answers a run keeps between batches: the site, the front page, the rankings, and each
/// list's first page (the feeds are made of them).
fn kept(path: &str) -> bool {
    [paths::SITE, paths::HOME, paths::MOST_VIEWED].contains(&path)
        || ((path.starts_with("sections/") || path.starts_with("tags/"))
            && path.ends_with("/1.json"))
}

/// The largest `banners.json` every page carries (its ad slots' layout): a larger one is left
/// out of the pages, whose slots then keep their standard size until the app has read it.
const BANNERS_MAX_BYTES: usize = 64 * 1024;

/// `banners.json` as every page carries it, if it reads and is not too large to repeat.
fn banner_layout(answers: &Answers) -> Option<serde_json::Value> {
    match answers.model::<Banners>(paths::BANNERS) {
        Ok((_, json)) if json.to_string().len() <= BANNERS_MAX_BYTES => Some(json),
        Ok(_) => {
            eprintln!(
                "prerender: {}: larger than {BANNERS_MAX_BYTES} bytes, not written into the pages (the ad slots keep their standard size until the app has read it)",
                paths::BANNERS
            );
            None
        }
        Err(reason) => {
            eprintln!("prerender: {reason} (the ad slots keep their standard size)");
            None
        }
    }
}

fn run(options: &cli::Options) -> anyhow::Result<Report> {
    let started = Instant::now();
    let dist = options.dist.as_path();
    let whole = options.articles.is_empty() && options.removals.is_empty();
    let mut report = Report {
        mode: if whole { "site" } else { "publish" },
        ..Report::default()
    };
    let _lock = output::lock(dist)?;

    let stage = Instant::now();
    let template_file = dist.join("app.html");
    let template = std::fs::read_to_string(&template_file)
        .with_context(|| format!("{} (build the site first)", template_file.display()))?;
    let template = Template::new(template).map_err(|err| anyhow!("{err}"))?;
    let site_url = options
        .site_url
        .clone()
        .or_else(|| template.meta("site-url"))
        .map(|url| url.trim_end_matches('/').to_owned())
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .ok_or_else(|| anyhow!("the site's address is unknown: pass --site-url https://… or set <meta name=\"site-url\"> in index.html"))?;
    config::set_page_meta(template.meta("application-name"), Some(site_url.clone()));
    let now = options.now.unwrap_or_else(system_now);

    let mut answers = Answers::new(Source::new(&options.api), options.jobs.into());
    // The site's name, menu and footer are on every page: without them nothing is written.
    answers
        .fetch([paths::SITE, paths::HOME, paths::MOST_VIEWED, paths::BANNERS].map(str::to_owned));
    let (site, site_json) = answers
        .model::<Site>(paths::SITE)
        .map_err(|err| anyhow!("{err}"))?;
    let banners_json = banner_layout(&answers);

    // The articles named: plain ids only (a file name cannot be made of others).
    let plain = |ids: &[String], report: &mut Report| -> Vec<String> {
        let mut seen = BTreeSet::new();
        ids.iter()
            .filter(|id| {
                let ok = routes::is_plain(id);
                if !ok {
                    report.failures.push(format!(
                        "/article/{id}: not an id this command writes (letters, digits, - and _ only)"
                    ));
                }
                ok && seen.insert(id.to_string())
            })
            .cloned()
            .collect()
    };
    let mut removals = plain(&options.removals, &mut report);
    let mut named = plain(&options.articles, &mut report);
    named.retain(|id| !removals.contains(id));
    answers.fetch(named.iter().map(|id| paths::article(id)));
    // An article the API answers 404 for has been taken down there: so it is here.
    for id in named
        .iter()
        .filter(|id| answers.not_found(&paths::article(id)))
    {
        eprintln!("prerender: /article/{id}: the API no longer has it (404): taking it down");
        removals.push(id.clone());
    }
    named.retain(|id| !removals.contains(id));
    let mut removed = output::read_removed(dist);
    let removed_before = removed.clone();
    removed.extend(removals.iter().cloned());
    for id in &named {
        // Published again: it may be listed again.
        if answers.model::<Article>(&paths::article(id)).is_ok() {
            removed.remove(id);
        }
    }
    answers.leave_out(&removed);

    let (previews, font_warning) =
        preview::Previews::new(dist, &site.name, &site_url, &options.card_font);
    if let Some(warning) = font_warning {
        eprintln!("prerender: {warning}");
    }
    let renderer = Renderer {
        dist,
        template,
        site_url: site_url.clone(),
        site_json: site_json.clone(),
        banners_json,
        previews,
    };
    let mut gathered = Gathered {
        listed: feeds::Newest::new(now),
        sitemap: Vec::new(),
        keywords: BTreeSet::new(),
        articles: Vec::new(),
        seen_articles: HashSet::new(),
        gone: Vec::new(),
        lists_whole: true,
    };
    report.stage("plan", stage);

    if whole {
        whole_site(&renderer, &mut answers, &site, &mut gathered, &mut report);
        // The shell: the frame of every page, for addresses that have no file (yet).
        let stage = Instant::now();
        let site_only = HashMap::from([(paths::SITE.to_owned(), site_json.clone())]);
        let shell = render("/article/0", site_only.clone(), None);
        let html = renderer.template.page(&shell, None, &site_url);
        let html = render::with_article_head(html, &render::article_head(site_only));
        for file in [routes::SHELL_FILE, "404.html"] {
            if let Err(failure) = output::write_file(dist, file, &html) {
                report.failures.push(failure);
            }
        }
        report.stage("render", stage);
        // Pages of articles the API no longer lists (or that were taken down) go.
        let stage = Instant::now();
        // A list's name for an article the API answers 404 for is a takedown; many at once
        // is an API in trouble (a CDN answering 404 for everything), and nothing is deleted.
        let gone_limit = (gathered.seen_articles.len() / 10).max(20);
        if gathered.gone.len() > gone_limit {
            report.failures.push(format!(
                "{} listed articles answered 404 (more than {gone_limit}): none is taken down; check the API",
                gathered.gone.len()
            ));
            gathered.lists_whole = false;
        } else {
            for id in &gathered.gone {
                eprintln!(
                    "prerender: /article/{id}: the API no longer has it (404): taking it down"
                );
            }
        }
        if gathered.lists_whole {
            output::delete_other_keywords(dist, &gathered.keywords);
            for id in output::article_files(dist) {
                let gone = gathered.gone.contains(&id);
                if !gathered.seen_articles.contains(&id) || removed.contains(&id) || gone {
                    // Named in removed.json too, so readers' browsers forget it.
                    match output::delete_article(dist, &id) {
                        Ok(deleted) => {
                            report.stale_deleted += usize::from(deleted);
                            removed.insert(id);
                        }
                        Err(failure) => report.failures.push(failure),
                    }
                }
            }
        } else {
            eprintln!("prerender: a list could not be read: no page of an unlisted article is deleted this run");
        }
        report.stage("remove", stage);
    } else {
        publish(
            &renderer,
            &mut answers,
            &named,
            &removals,
            &mut gathered,
            &mut report,
        );
    }

    let stage = Instant::now();
    let listed = std::mem::replace(&mut gathered.listed, feeds::Newest::new(now)).list();
    let keywords: Vec<String> = gathered.keywords.iter().cloned().collect();
    let home_ok = answers.model::<Home>(paths::HOME).is_ok();
    feeds::write_feeds(
        dist, &answers, &site, &site_url, &listed, home_ok, &keywords,
    )
    .unwrap_or_else(|failure| report.failures.push(failure));
    report.stage("feeds", stage);
    let stage = Instant::now();
    feeds::write_sitemaps(
        dist,
        &site_url,
        &site,
        &listed,
        std::mem::take(&mut gathered.sitemap),
        whole,
        now,
    )
    .unwrap_or_else(|failure| report.failures.push(failure));
    if removed != removed_before || whole {
        output::write_removed(dist, &removed)
            .unwrap_or_else(|failure| report.failures.push(failure));
    }
    report.stage("sitemap", stage);

    if let Some(program) = &options.index_with {
        let stage = Instant::now();
        let mut index = std::process::Command::new(program);
        index.arg(dist);
        if whole {
            index.arg("--whole");
        }
        if let Some(now) = options.now {
            index.args(["--now", &now.to_rfc3339()]);
        }
        match index.status() {
            Ok(status) if status.success() => {}
            Ok(status) => report
                .failures
                .push(format!("search index ({}): {status}", program.display())),
            Err(err) => report
                .failures
                .push(format!("search index ({}): {err}", program.display())),
        }
        report.stage("search index", stage);
    }

    report.seconds = started.elapsed().as_secs_f64();
    report.peak_memory_bytes = report::peak_memory();
    let render_seconds: f64 = report
        .stages
        .iter()
        .filter(|stage| stage.name == "render")
        .map(|stage| stage.seconds)
        .sum();
    eprintln!(
        "prerender: {} page(s) written in {:.2} s ({:.0} pages/s rendering, {:.0} pages/s overall), {} removed, {} failed",
        report.written,
        report.seconds,
        report.written as f64 / render_seconds.max(1e-9),
        report.written as f64 / report.seconds.max(1e-9),
        report.removed.len() + report.stale_deleted,
        report.failures.len()
    );
    Ok(report)
}

/// The time now (chrono is built without its clock here).
fn system_now() -> DateTime<FixedOffset> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_secs() as i64)
        .unwrap_or_default();
    DateTime::<Utc>::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// Fetches, renders and writes `pages` in batches, dropping each batch's answers after.
fn write_in_batches(
    renderer: &Renderer,
    answers: &mut Answers,
    pages: &[PageKind],
    gathered: &mut Gathered,
    report: &mut Report,
) {
    for batch in pages.chunks(BATCH) {
        let stage = Instant::now();
        answers.fetch(batch.iter().map(PageKind::api_path));
        report.stage("answers", stage);
        let stage = Instant::now();
        let mut outcomes = renderer.write(answers, batch);
        // An article a list names but the API answers 404 for has been taken down there.
        outcomes.retain(|outcome| match (&outcome.page, &outcome.drawn) {
            (PageKind::Article { id }, Err(_)) if answers.not_found(&outcome.page.api_path()) => {
                gathered.gone.push(id.clone());
                false
            }
            _ => true,
        });
        gathered.take(outcomes, report);
        answers.forget(kept);
        report.stage("render", stage);
    }
}

fn whole_site(
    renderer: &Renderer,
    answers: &mut Answers,
    site: &Site,
    gathered: &mut Gathered,
    report: &mut Report,
) {
    write_in_batches(renderer, answers, &[PageKind::Home], gathered, report);

    // Every section's pages; their entries are the articles to write.
    let mut seen = BTreeSet::new();
    let slugs: Vec<String> = site
        .sections
        .iter()
        .map(|section| section.slug.clone())
        .filter(|slug| routes::is_plain(slug) && seen.insert(slug.clone()))
        .collect();
    let stage = Instant::now();
    answers.fetch(slugs.iter().map(|slug| paths::section_page(slug, 1)));
    report.stage("answers", stage);
    let sections: Vec<PageKind> = slugs
        .iter()
        .flat_map(|slug| {
            let first = PageKind::Section {
                slug: slug.clone(),
                page: 1,
            };
            first.whole_list(answers, MAX_LIST_PAGES)
        })
        .collect();
    write_in_batches(renderer, answers, &sections, gathered, report);

    // The articles, in batches; their keywords are gathered on the way.
    let articles: Vec<PageKind> = gathered
        .articles
        .iter()
        .map(|id| PageKind::Article { id: id.clone() })
        .collect();
    write_in_batches(renderer, answers, &articles, gathered, report);

    // The keyword pages of the articles written (an extension of the contract: an API without
    // it answers 404, and no keyword page is written).
    let keywords: Vec<String> = gathered
        .keywords
        .iter()
        .filter(|keyword| routes::file_for(&routes::tag(keyword, 1)).is_some())
        .cloned()
        .collect();
    let stage = Instant::now();
    answers.fetch(keywords.iter().map(|keyword| paths::tag_page(keyword, 1)));
    report.stage("answers", stage);
    let tags: Vec<PageKind> = keywords
        .iter()
        .filter(|keyword| !answers.not_found(&paths::tag_page(keyword, 1)))
        .flat_map(|keyword| {
            let first = PageKind::Tag {
                keyword: keyword.clone(),
                page: 1,
            };
            first.whole_list(answers, MAX_LIST_PAGES)
        })
        .collect();
    gathered.keywords = keywords
        .into_iter()
        .filter(|keyword| !answers.not_found(&paths::tag_page(keyword, 1)))
        .collect();
    write_in_batches(renderer, answers, &tags, gathered, report);

    // The policy pages the footer links to (an extension of the contract), photos, videos.
    let mut others: Vec<PageKind> = site
        .footer
        .iter()
        .flat_map(|footer| footer.policies.iter())
        .map(|policy| policy.slug.clone())
        .filter(|slug| routes::is_plain(slug))
        .map(|slug| PageKind::Policy { slug })
        .collect();
    others.extend([PageKind::Photos, PageKind::Videos]);
    write_in_batches(renderer, answers, &others, gathered, report);
}

/// A publish run: the articles named, the articles taken down, and the pages that list them.
fn publish(
    renderer: &Renderer,
    answers: &mut Answers,
    named: &[String],
    removals: &[String],
    gathered: &mut Gathered,
    report: &mut Report,
) {
    let dist = renderer.dist;
    let stage = Instant::now();
    let mut pages = BTreeSet::from([PageKind::Home]);
    let mut keywords = BTreeSet::new();
    let mut sections = BTreeSet::new();
    for id in named {
        // Its section and keywords now, and (an update may move it) as its page had them.
        if let Ok((article, _)) = answers.model::<Article>(&paths::article(id)) {
            sections.extend(article.section.map(|section| section.slug));
            keywords.extend(article.tags);
        }
        if let Some((section, tags)) = output::page_article(dist, id) {
            sections.extend(section);
            keywords.extend(tags);
        }
        pages.insert(PageKind::Article { id: id.clone() });
        report.published.push(id.clone());
    }
    // An article taken down: its page goes, and every list page of its section and keywords
    // that showed it is written again from the API (which no longer lists it).
    let mut linking = Vec::new();
    for id in removals {
        let (section, tags) = output::page_article(dist, id).unwrap_or_default();
        let lists = section
            .iter()
            .map(|slug| PageKind::Section {
                slug: slug.clone(),
                page: 1,
            })
            .chain(tags.iter().map(|keyword| PageKind::Tag {
                keyword: keyword.clone(),
                page: 1,
            }));
        for first in lists {
            let Some(folder) = first.list_folder() else {
                continue;
            };
            linking.extend(
                output::pages_linking(dist, &folder, id)
                    .into_iter()
                    .filter_map(|page| first.at_page(page)),
            );
        }
        for page in [PageKind::Photos, PageKind::Videos] {
            let file = routes::file_for(&page.address());
            if file.is_some_and(|file| output::links_to(&dist.join(file), id)) {
                linking.push(page);
            }
        }
        sections.extend(section);
        keywords.extend(tags);
        match output::delete_article(dist, id) {
            Ok(_) => report.removed.push(id.clone()),
            Err(failure) => report.failures.push(failure),
        }
    }
    pages.extend(
        sections
            .iter()
            .filter(|slug| routes::is_plain(slug))
            .map(|slug| PageKind::Section {
                slug: slug.clone(),
                page: 1,
            }),
    );
    let keywords: Vec<String> = keywords
        .into_iter()
        .filter(|keyword| routes::file_for(&routes::tag(keyword, 1)).is_some())
        .collect();
    answers.fetch(keywords.iter().map(|keyword| paths::tag_page(keyword, 1)));
    // A keyword the API has no list for (the contract's extension not offered) has no page.
    let keywords: Vec<String> = keywords
        .into_iter()
        .filter(|keyword| !answers.not_found(&paths::tag_page(keyword, 1)))
        .collect();
    pages.extend(keywords.iter().map(|keyword| PageKind::Tag {
        keyword: keyword.clone(),
        page: 1,
    }));
    pages.extend(linking);
    answers.fetch(pages.iter().map(PageKind::api_path));
    report.stage("answers", stage);

    // A list page past the list's new end (a takedown shortened it) is deleted, not failed.
    let pages: Vec<PageKind> = pages
        .into_iter()
        .filter(|page| {
            let Some(number) = page.page_number().filter(|number| *number > 1) else {
                return true;
            };
            let last = page.list_length(answers, MAX_LIST_PAGES);
            if number <= last {
                return true;
            }
            if let Some(folder) = page.list_folder() {
                output::delete_list_pages_from(dist, &folder, last + 1);
            }
            false
        })
        .collect();
    let stage = Instant::now();
    let outcomes = renderer.write(answers, &pages);
    gathered.take(outcomes, report);
    gathered.keywords = keywords.into_iter().collect();
    report.stage("render", stage);
}
