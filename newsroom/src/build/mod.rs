//! `newsroom build`, `publish` and `remove`: write every page of the site into the built bundle
//! as HTML, from the app's own components, so readers, link previews (KakaoTalk, Facebook, X),
//! portals and search engines get the article without running any script. Also the RSS feeds,
//! the sitemaps and `robots.txt`'s `Sitemap:` lines. `scripts/prerender` calls them.
//!
//! A run is a list of named, timed stage calls ([`run`] reads as the plan of the work): the
//! template and the articles named (`plan`), the answers every page needs (`answers`), what to
//! write and take down (`plan`), the pages (`site` for the whole site, `publish` for a CMS's
//! hook, both through `pages`, `render`, `preview` and `output`), the stale pages (`remove`),
//! the feeds and sitemaps (`feeds`), the search index (`index`), and the summary (`report`).
//! `plan` also holds the kinds of page.
//!
//! The whole site is written in batches: a batch's answers are fetched, its pages rendered on
//! every core and written, and its answers dropped, so the memory a run needs does not grow
//! with the archive; the feeds and sitemaps keep only the little they need ([`feeds::Newest`],
//! an address per page).

mod answers;
mod feeds;
pub mod index;
pub mod output;
mod pages;
mod plan;
pub mod preview;
mod publish;
mod render;
pub(crate) mod report;
mod site;

use crate::cli::Bundle;
use crate::source::Source;
use answers::Answers;
use anyhow::{anyhow, Context};
use news_front::api::client::paths;
use news_front::api::models::{Article, Banners, Home, Site};
use news_front::{config, routes};
use pages::{Gathered, Renderer};
use render::Template;
use report::Report;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The most pages of one list (a section's, a keyword's) the command follows, so a broken
/// `total_pages` cannot make it run for ever.
const MAX_LIST_PAGES: u32 = 20_000;

/// How many pages a whole-site run holds the answers of at once.
const BATCH: usize = 512;

/// Runs a build (no `articles` and no `removals`: the whole site) or a publish, prints what it
/// did (`--json`) and what it could not, and says how it ended.
pub fn main(bundle: &Bundle, articles: &[String], removals: &[String]) -> ExitCode {
    let report = run(bundle, articles, removals).unwrap_or_else(|error| Report {
        failures: vec![format!("{error:#}")],
        ..Report::default()
    });
    if bundle.json {
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

/// The largest `banners.json` every page carries (its ad slots' layout): a larger one is left
/// out of the pages, whose slots then keep their standard size until the app has read it.
const BANNERS_MAX_BYTES: usize = 64 * 1024;

/// One run, as its stages: each line calls one and records its time.
fn run(options: &Bundle, articles: &[String], removals: &[String]) -> anyhow::Result<Report> {
    let started = Instant::now();
    let dist = options.dist.as_path();
    let whole = articles.is_empty() && removals.is_empty();
    let mut report = Report {
        mode: if whole { "site" } else { "publish" },
        ..Report::default()
    };
    let _lock = output::lock(dist)?;
    let now = options.now.unwrap_or_else(crate::system::now);

    let stage = Instant::now();
    let (template, site_url) = template(options)?;
    let mut targets = Targets::new(articles, removals, &mut report);
    let stage = report.stage("plan", stage);
    let mut answers = Answers::new(Source::new(&options.api), options.jobs.into());
    let (site, site_json) = fetch_common(&mut answers, &targets)?;
    let stage = report.stage("answers", stage);
    let removed = targets.settle(&mut answers, dist);
    let renderer = renderer(options, template, site_url, &site, site_json, &answers);
    let mut gathered = Gathered::new(now);
    report.stage("plan", stage);

    // The pages (each batch timed as `answers` and `render`), then what goes.
    let mut removed_now = removed.now.clone();
    let stage = if whole {
        site::pages(&renderer, &mut answers, &site, &mut gathered, &mut report);
        let stage = Instant::now();
        site::shell(&renderer, &renderer.site_json, &mut report);
        let stage = report.stage("render", stage);
        site::remove_stale(dist, &mut gathered, &mut removed_now, &mut report);
        report.stage("remove", stage)
    } else {
        let (named, removals) = (&targets.named, &targets.removals);
        publish::pages(
            &renderer,
            &mut answers,
            named,
            removals,
            &mut gathered,
            &mut report,
        );
        Instant::now()
    };

    let listed = gathered.listed.list();
    let keywords: Vec<String> = gathered.keywords.into_iter().collect();
    let reporters: Vec<String> = gathered.reporters.into_iter().collect();
    let home_ok = answers.model::<Home>(paths::HOME).is_ok();
    let site_url = renderer.site_url.as_str();
    let lists = (keywords.as_slice(), reporters.as_slice());
    feeds::write_feeds(dist, &answers, &site, site_url, &listed, home_ok, lists)
        .unwrap_or_else(|failure| report.failures.push(failure));
    let stage = report.stage("feeds", stage);
    let sitemap = (gathered.sitemap, &gathered.deleted);
    feeds::write_sitemaps(dist, site_url, &site, &listed, sitemap, whole, now)
        .unwrap_or_else(|failure| report.failures.push(failure));
    if removed_now != removed.before || whole {
        output::write_removed(dist, &removed_now)
            .unwrap_or_else(|failure| report.failures.push(failure));
    }
    let stage = report.stage("sitemap", stage);
    if let Some(program) = &options.index_with {
        index::renew(program, dist, whole, options.now, &mut report);
        report.stage("search index", stage);
    }

    report.finish(started);
    Ok(report)
}

/// The built page every page is made from (`app.html`), and the site's address.
fn template(options: &Bundle) -> anyhow::Result<(Template, String)> {
    let template_file = options.dist.join("app.html");
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
    Ok((template, site_url))
}

/// Fetches what every page needs (the site's name, menu and footer: without them nothing is
/// written), what the feeds need, and the articles named.
fn fetch_common(
    answers: &mut Answers,
    targets: &Targets,
) -> anyhow::Result<(Site, serde_json::Value)> {
    answers
        .fetch([paths::SITE, paths::HOME, paths::MOST_VIEWED, paths::BANNERS].map(str::to_owned));
    let site = answers
        .model::<Site>(paths::SITE)
        .map_err(|err| anyhow!("{err}"))?;
    answers.fetch(targets.named.iter().map(|id| paths::article(id)));
    Ok(site)
}

/// What every page of the run is drawn with.
fn renderer<'a>(
    options: &'a Bundle,
    template: Template,
    site_url: String,
    site: &Site,
    site_json: serde_json::Value,
    answers: &Answers,
) -> Renderer<'a> {
    let dist = options.dist.as_path();
    let (previews, font_warning) =
        preview::Previews::new(dist, &site.name, &site_url, &options.card_font);
    if let Some(warning) = font_warning {
        eprintln!("prerender: {warning}");
    }
    Renderer {
        dist,
        template,
        site_url,
        site_json,
        banners_json: banner_layout(answers),
        previews,
    }
}

/// The articles a publish names and takes down.
struct Targets {
    named: Vec<String>,
    removals: Vec<String>,
}

/// `removed.json` as the run found it and as it stands once the run's takedowns are known.
struct Removed {
    before: BTreeSet<String>,
    now: BTreeSet<String>,
}

impl Targets {
    /// The articles named: plain ids only (a file name cannot be made of others), each once.
    fn new(articles: &[String], removals: &[String], report: &mut Report) -> Self {
        let mut plain = |ids: &[String]| -> Vec<String> {
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
        let removals = plain(removals);
        let mut named = plain(articles);
        named.retain(|id| !removals.contains(id));
        Self { named, removals }
    }

    /// Once the named articles are fetched: an article the API answers 404 for has been taken
    /// down there, so it is here; one published again may be listed again. Every list the run
    /// writes leaves out what is taken down.
    fn settle(&mut self, answers: &mut Answers, dist: &Path) -> Removed {
        for id in self
            .named
            .iter()
            .filter(|id| answers.not_found(&paths::article(id)))
        {
            eprintln!("prerender: /article/{id}: the API no longer has it (404): taking it down");
            self.removals.push(id.clone());
        }
        let removals = &self.removals;
        self.named.retain(|id| !removals.contains(id));
        let before = output::read_removed(dist);
        let mut now = before.clone();
        now.extend(self.removals.iter().cloned());
        for id in &self.named {
            if answers.model::<Article>(&paths::article(id)).is_ok() {
                now.remove(id);
            }
        }
        answers.leave_out(&now);
        Removed { before, now }
    }
}

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
