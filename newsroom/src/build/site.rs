//! A whole-site run's stages: every page the lists lead to (`pages`), the shell for every other
//! address (`shell`), and the pages of articles no list names any more (`remove_stale`).

use super::answers::Answers;
use super::output;
use super::pages::{write_in_batches, Gathered, Renderer};
use super::plan::PageKind;
use super::render::{self, render};
use super::report::Report;
use super::MAX_LIST_PAGES;
use news_front::api::client::paths;
use news_front::api::models::Site;
use news_front::routes;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

/// Every page: the front page, each section's pages, the articles they list, the keyword pages
/// of those articles, the policy pages, photos and videos.
pub fn pages(
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

    // The keyword pages and the reporters' pages of the articles written.
    let keywords: Vec<String> = gathered
        .keywords
        .iter()
        .filter(|keyword| routes::file_for(&routes::tag(keyword, 1)).is_some())
        .cloned()
        .collect();
    let (keywords, tags) = extension_lists(answers, keywords, tag_list, report);
    gathered.keywords = keywords.into_iter().collect();
    write_in_batches(renderer, answers, &tags, gathered, report);
    let reporters = gathered.reporters.iter().cloned().collect();
    let (reporters, pages) = extension_lists(answers, reporters, reporter_list, report);
    gathered.reporters = reporters.into_iter().collect();
    write_in_batches(renderer, answers, &pages, gathered, report);

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

/// A keyword's list, at its first page.
pub fn tag_list(keyword: &str) -> PageKind {
    PageKind::Tag {
        keyword: keyword.to_owned(),
        page: 1,
    }
}

/// A reporter's list, at its first page.
pub fn reporter_list(slug: &str) -> PageKind {
    PageKind::Reporter {
        slug: slug.to_owned(),
        page: 1,
    }
}

/// The lists of `keys` (keywords, reporters: extensions of the contract) whose first pages,
/// `first(key)`, the API has: those keys, and every page of their lists. An API without the
/// extension answers 404, and no page of it is written.
pub fn extension_lists(
    answers: &mut Answers,
    keys: Vec<String>,
    first: fn(&str) -> PageKind,
    report: &mut Report,
) -> (Vec<String>, Vec<PageKind>) {
    let stage = Instant::now();
    answers.fetch(keys.iter().map(|key| first(key).api_path()));
    report.stage("answers", stage);
    let found: Vec<String> = keys
        .into_iter()
        .filter(|key| !answers.not_found(&first(key).api_path()))
        .collect();
    let pages = found
        .iter()
        .flat_map(|key| first(key).whole_list(answers, MAX_LIST_PAGES))
        .collect();
    (found, pages)
}

/// The shell: the frame of every page, for addresses that have no file (yet), as `shell.html`
/// and `404.html`.
pub fn shell(renderer: &Renderer, site_json: &serde_json::Value, report: &mut Report) {
    let site_only = HashMap::from([(paths::SITE.to_owned(), site_json.clone())]);
    let shell = render("/article/0", site_only.clone(), None);
    let html = renderer.template.page(&shell, None, &renderer.site_url);
    let html = render::with_article_head(html, &render::article_head(site_only));
    for file in [routes::SHELL_FILE, "404.html"] {
        if let Err(failure) = output::write_file(renderer.dist, file, &html) {
            report.failures.push(failure);
        }
    }
}

/// Deletes the pages of articles the API no longer lists, was told to take down, or answers 404
/// for, and the keyword pages no article carries; each article deleted joins `removed`, so
/// readers' browsers forget it. Nothing is deleted when a list could not be read, or when so
/// many listed articles answer 404 that the API is in trouble rather than the newsroom busy.
pub fn remove_stale(
    dist: &Path,
    gathered: &mut Gathered,
    removed: &mut BTreeSet<String>,
    report: &mut Report,
) {
    let gone_limit = (gathered.seen_articles.len() / 10).max(20);
    if gathered.gone.len() > gone_limit {
        report.failures.push(format!(
            "{} listed articles answered 404 (more than {gone_limit}): none is taken down; check the API",
            gathered.gone.len()
        ));
        gathered.lists_whole = false;
    } else {
        for id in &gathered.gone {
            eprintln!("prerender: /article/{id}: the API no longer has it (404): taking it down");
        }
    }
    if !gathered.lists_whole {
        eprintln!("prerender: a list could not be read: no page of an unlisted article is deleted this run");
        return;
    }
    output::delete_other_lists(
        dist,
        routes::folder::TAG,
        &gathered.keywords,
        routes::tag_feed,
    );
    output::delete_other_lists(
        dist,
        routes::folder::REPORTER,
        &gathered.reporters,
        routes::reporter_feed,
    );
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
}
