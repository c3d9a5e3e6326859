//! `newsroom check` (`scripts/check-api`): reads a news API as the site does and tells its developers, per endpoint, what
//! is wrong (a reader loses something: a document that cannot be read, a list entry or a date
//! left out) and what is merely tolerated (read, but not in the contract's shape), with the
//! path, the value seen and what was expected.
//!
//! ```text
//! scripts/check-api --api <base URL or folder> [--articles N] [--section-pages N]
//! ```
//!
//! It reads `site.json` and every shared endpoint, then follows the lists: each section's
//! first pages (`--section-pages`, default 3) and the articles they, the front page, the
//! rankings and the photo news name (`--articles`, default 200), and their related articles;
//! the policy pages the footer names; then the first keyword pages of those articles' tags
//! (an extension of the contract: an API that has none of them does not offer it, which is
//! not wrong).
//! It exits 0 only when nothing is wrong.
//!
//! The reading is the app's own (`api::tolerant` in check mode), so what it reports is what a
//! reader would get. Everything it prints from the API is escaped: control and bidirectional
//! characters as `\u{…}`, long values cut.

use crate::cli::Check;
use crate::source::Source;
use news_front::api::client::paths;
use news_front::api::models::{
    Article, Banners, Home, MostViewed, PhotoNews, Policy, ReporterPage, SectionPage, Site, SnsTv,
    Summary, TagPage, Weather,
};
use news_front::api::tolerant::{check, Finding, PathPart};
use news_front::api::ApiError;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::ExitCode;

/// How many keywords' first pages are read.
const KEYWORDS: usize = 50;

/// What was found in one document.
#[derive(Default)]
struct Report {
    wrong: Vec<String>,
    tolerated: Vec<String>,
}

/// Every document read, in order, with its report.
struct Checker {
    source: Source,
    reports: Vec<(String, Report)>,
}

impl Checker {
    /// Reads `path` as a `T`, reporting what it found; the model when it could be read.
    fn read<T: DeserializeOwned>(&mut self, path: &str) -> Option<T> {
        let answer = self.source.get(path);
        self.judge(path, answer)
    }

    /// Reports what was found in the API's `answer` for `path`; the model when it could be read.
    fn judge<T: DeserializeOwned>(
        &mut self,
        path: &str,
        answer: Result<Value, ApiError>,
    ) -> Option<T> {
        let mut report = Report::default();
        let model = match answer {
            Err(error) => {
                report.wrong.push(format!("cannot be loaded: {error}"));
                None
            }
            Ok(document) => {
                let mut no_size = Vec::new();
                unsized_images(&document, &mut Vec::new(), &mut no_size);
                let checked = check::document::<T>(document);
                for (at, finding) in &checked.findings {
                    let line = finding_line(at, finding);
                    if finding.lost {
                        report.wrong.push(line);
                    } else {
                        report.tolerated.push(line);
                    }
                }
                report.tolerated.extend(no_size);
                match checked.model {
                    Ok(model) => Some(model),
                    Err(reason) => {
                        report.wrong.insert(0, format!("cannot be read: {reason}"));
                        None
                    }
                }
            }
        };
        self.reports.push((path.to_owned(), report));
        model
    }
}

/// `tolerated  id: a number, expected a string; read as text: "8"`
fn finding_line(at: &[PathPart], finding: &Finding) -> String {
    let place = match check::path_text(at) {
        place if place.is_empty() => "(document)".to_owned(),
        place => place,
    };
    let result = match &finding.patch {
        Some(patch) => format!(": {}", shown(patch)),
        None => String::new(),
    };
    format!(
        "{place}: {} seen, expected {}; {}{result}",
        shown(&finding.seen),
        finding.expected,
        finding.done
    )
}

/// Images with no size: the page reserves a 3:2 box, which may not be the photo's shape.
fn unsized_images(node: &Value, path: &mut Vec<PathPart>, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            let is_image = map.get("src").is_some_and(Value::is_string)
                && matches!(path.last(), Some(PathPart::Key(key)) if ["image", "thumbnail", "logo"].contains(&key.as_str()));
            // Read as the app reads them: a string of digits is a size too.
            let sized = ["width", "height"].iter().all(|side| match map.get(*side) {
                Some(Value::Number(number)) => number.as_u64().is_some(),
                Some(Value::String(text)) => text.trim().parse::<u32>().is_ok(),
                _ => false,
            });
            if is_image && !sized {
                out.push(format!(
                    "{}: no width and height, expected both; a 3:2 box is reserved for it",
                    check::path_text(path)
                ));
            }
            for (key, child) in map {
                path.push(PathPart::Key(key.clone()));
                unsized_images(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(PathPart::Index(index));
                unsized_images(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A JSON value as printed: JSON text (quotes and escapes included), cut at 80 characters.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// `text` safe for a terminal: control characters (escape sequences among them) and the
/// bidirectional and invisible formatting characters written as `\u{…}`.
fn safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            let formatting = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
            if c.is_control() || formatting {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Reads the API as `options` say, prints what it found, and says whether anything was wrong.
pub fn main(options: &Check) -> ExitCode {
    let mut checker = Checker {
        source: Source::new(&options.api),
        reports: Vec::new(),
    };
    let mut articles: Vec<String> = Vec::new();
    let mut add = |summaries: &[Summary]| {
        articles.extend(summaries.iter().map(|summary| summary.id.clone()));
    };

    let site = checker.read::<Site>(paths::SITE);
    checker.read::<Weather>(paths::WEATHER);
    checker.read::<Banners>(paths::BANNERS);
    checker.read::<SnsTv>(paths::SNS_TV);
    if let Some(home) = checker.read::<Home>(paths::HOME) {
        add(&home.lead);
        home.sections.iter().for_each(|block| add(&block.articles));
    }
    if let Some(ranked) = checker.read::<MostViewed>(paths::MOST_VIEWED) {
        ranked
            .periods
            .iter()
            .for_each(|period| add(&period.articles));
    }
    let mut photo_articles = Vec::new();
    if let Some(photos) = checker.read::<PhotoNews>(paths::PHOTO_NEWS) {
        photo_articles.extend(photos.items.into_iter().filter_map(|item| item.article_id));
    }
    let (sections, footer) = site
        .map(|site| (site.sections, site.footer))
        .unwrap_or_default();
    for policy in footer.map(|footer| footer.policies).unwrap_or_default() {
        checker.read::<Policy>(&paths::policy(&policy.slug));
    }
    for section in sections {
        let mut page = 1;
        while page <= options.section_pages {
            let Some(listing) =
                checker.read::<SectionPage>(&paths::section_page(&section.slug, page))
            else {
                break;
            };
            add(&listing.articles);
            if page >= listing.total_pages {
                break;
            }
            page += 1;
        }
    }
    articles.extend(photo_articles);

    // The articles, in the order met, each once; their related articles after them.
    let mut seen = BTreeSet::new();
    let mut keywords = BTreeSet::new();
    let mut reporters = BTreeSet::new();
    let mut next = 0;
    while next < articles.len() && seen.len() < options.articles {
        let id = articles[next].clone();
        next += 1;
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(article) = checker.read::<Article>(&paths::article(&id)) {
            articles.extend(article.related.iter().map(|summary| summary.id.clone()));
            articles.extend(article.reporter_articles.iter().map(|s| s.id.clone()));
            keywords.extend(article.tags);
            reporters.extend(article.byline.and_then(|byline| byline.reporter_slug));
        }
    }

    // Keyword pages, where the API offers them: when none of the keywords has one, the API
    // does not offer the extension, which is not wrong; otherwise a missing one is.
    let keywords: Vec<String> = keywords
        .into_iter()
        .filter(|keyword| news_front::format::is_path_segment(keyword))
        .take(KEYWORDS)
        .collect();
    // Each first page is asked for once: whether any is there decides how all are judged.
    let answers: Vec<(String, String, Result<Value, ApiError>)> = keywords
        .into_iter()
        .map(|keyword| {
            let path = paths::tag_page(&keyword, 1);
            let answer = checker.source.get(&path);
            (keyword, path, answer)
        })
        .collect();
    let offered = answers
        .iter()
        .any(|(_, _, answer)| !matches!(answer, Err(ApiError::NotFound)));
    let keywords_offered = offered || answers.is_empty();
    if !keywords_offered && !options.json {
        println!(
            "keyword pages (tags/{{keyword}}/{{page}}.json): none of {} keywords has one; not offered",
            answers.len()
        );
    }
    for (keyword, path, answer) in answers.into_iter().filter(|_| offered) {
        let listing = checker.judge::<TagPage>(&path, answer);
        if let (Some(listing), Some((_, report))) = (listing, checker.reports.last_mut()) {
            if listing.tag != keyword {
                report.wrong.push(format!(
                    "tag: {:?} seen, expected {keyword:?}; the page would show another keyword",
                    listing.tag
                ));
            }
        }
    }

    // Reporters' pages, where the bylines name them: a page a byline names must be there.
    for slug in reporters
        .into_iter()
        .filter(|slug| news_front::format::is_path_segment(slug))
        .take(KEYWORDS)
    {
        let path = paths::reporter_page(&slug, 1);
        let listing = checker.read::<ReporterPage>(&path);
        if let (Some(listing), Some((_, report))) = (listing, checker.reports.last_mut()) {
            if listing.reporter.slug != slug {
                report.wrong.push(format!(
                    "reporter.slug: {:?} seen, expected {slug:?}; the page would show another reporter",
                    listing.reporter.slug
                ));
            }
        }
    }

    let mut clean = 0;
    let mut tolerated_only = 0;
    let mut wrong = 0;
    for (path, report) in &checker.reports {
        let status = match (report.wrong.len(), report.tolerated.len()) {
            (0, 0) => {
                clean += 1;
                continue;
            }
            (0, tolerated) => {
                tolerated_only += 1;
                format!("{tolerated} tolerated")
            }
            (bad, tolerated) => {
                wrong += 1;
                format!("{bad} wrong, {tolerated} tolerated")
            }
        };
        if options.json {
            continue;
        }
        println!("{}: {status}", safe(&checker.source.describe(path)));
        for line in &report.wrong {
            println!("  wrong      {}", safe(line));
        }
        for line in &report.tolerated {
            println!("  tolerated  {}", safe(line));
        }
    }
    if options.json {
        // The API's own text made safe as for the lines (serde_json leaves bidirectional
        // controls such as U+202E raw, and a terminal would obey them).
        let lines = |lines: &[String]| lines.iter().map(|line| safe(line)).collect::<Vec<_>>();
        let reports: Vec<Value> = checker
            .reports
            .iter()
            .filter(|(_, report)| !report.wrong.is_empty() || !report.tolerated.is_empty())
            .map(|(path, report)| {
                serde_json::json!({
                    "document": safe(&checker.source.describe(path)),
                    "wrong": lines(&report.wrong),
                    "tolerated": lines(&report.tolerated),
                })
            })
            .collect();
        let summary = serde_json::json!({
            "documents": checker.reports.len(),
            "clean": clean,
            "tolerated_only": tolerated_only,
            "wrong": wrong,
            "keyword_pages_offered": keywords_offered,
            "reports": reports,
        });
        println!("{summary}");
    } else {
        println!(
            "check-api: {} documents: {clean} clean, {tolerated_only} with tolerated values only, {wrong} wrong",
            checker.reports.len()
        );
    }
    if wrong == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
