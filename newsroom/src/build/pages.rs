//! The `render` stage's machinery: pages rendered on every core and written, in batches whose
//! answers are dropped after them, and what the run keeps of each page for its feeds and
//! sitemaps.

use super::answers::Answers;
use super::plan::{Drawn, PageKind};
use super::render::{render, search_record, Template};
use super::report::Report;
use super::{feeds, output, preview, BATCH};
use news_front::api::client::paths;
use news_front::{routes, seo};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

/// What every page of a run is drawn with.
pub struct Renderer<'a> {
    pub dist: &'a Path,
    pub template: Template,
    pub site_url: String,
    pub site_json: serde_json::Value,
    /// `banners.json`, the layout of the ad slots every page is drawn with.
    pub banners_json: Option<serde_json::Value>,
    pub previews: preview::Previews,
}

/// A page that was written, with what its answer said; or why it was not.
pub struct Outcome {
    pub page: PageKind,
    pub drawn: Result<Drawn, String>,
}

impl Renderer<'_> {
    /// Renders and writes `pages` on every core.
    pub fn write(&self, answers: &Answers, pages: &[PageKind]) -> Vec<Outcome> {
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
            page.article_id().is_some(),
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
        // The search record first: a page is never in the bundle without its record.
        if let (Some(article), Some(id)) = (drawn.article.take(), page.article_id()) {
            let record = search_record(*article).to_string();
            output::write_search_record(self.dist, id, record.as_bytes())
                .map_err(|err| err.to_string())?;
        }
        output::write_atomic(&self.dist.join(file), html.as_bytes())
            .map_err(|err| err.to_string())?;
        Ok(drawn)
    }
}

/// What a run gathers from the pages it writes, for the feeds and the sitemaps.
pub struct Gathered {
    pub listed: feeds::Newest,
    pub sitemap: Vec<feeds::SitemapUrl>,
    /// The addresses whose pages a publish deleted (they leave the sitemap).
    pub deleted: BTreeSet<String>,
    pub keywords: BTreeSet<String>,
    /// The reporters whose pages list the articles written.
    pub reporters: BTreeSet<String>,
    pub articles: Vec<String>,
    pub seen_articles: HashSet<String>,
    /// Articles listed that the API answers 404 for.
    pub gone: Vec<String>,
    /// Whether every list page was read: only then may a whole-site run delete the pages of
    /// articles no list names.
    pub lists_whole: bool,
}

impl Gathered {
    /// Takes what the run needs of each page written (nothing more is kept of it), and the
    /// reasons of those that were not.
    pub fn take(&mut self, outcomes: Vec<Outcome>, report: &mut Report) {
        for Outcome { page, drawn } in outcomes {
            match drawn {
                Ok(drawn) => {
                    report.written += 1;
                    let address = page.address();
                    self.keywords.extend(drawn.tags);
                    self.reporters.extend(drawn.reporter);
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
                    if page.lists_articles() {
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
pub fn kept(path: &str) -> bool {
    [paths::SITE, paths::HOME, paths::MOST_VIEWED].contains(&path)
        || (["sections/", "tags/", "reporters/"]
            .iter()
            .any(|list| path.starts_with(list))
            && path.ends_with("/1.json"))
}

/// Fetches, renders and writes `pages` in batches, dropping each batch's answers after.
pub fn write_in_batches(
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
        outcomes.retain(|outcome| {
            let id = outcome.page.article_id();
            let gone = outcome.drawn.is_err() && answers.not_found(&outcome.page.api_path());
            match id.filter(|_| gone) {
                Some(id) => {
                    gathered.gone.push(id.to_owned());
                    false
                }
                None => true,
            }
        });
        gathered.take(outcomes, report);
        answers.forget(kept);
        report.stage("render", stage);
    }
}

impl Gathered {
    /// Nothing gathered yet; the feeds count back from `now`.
    pub fn new(now: chrono::DateTime<chrono::FixedOffset>) -> Self {
        Self {
            listed: feeds::Newest::new(now),
            sitemap: Vec::new(),
            deleted: BTreeSet::new(),
            keywords: BTreeSet::new(),
            reporters: BTreeSet::new(),
            articles: Vec::new(),
            seen_articles: HashSet::new(),
            gone: Vec::new(),
            lists_whole: true,
        }
    }
}
