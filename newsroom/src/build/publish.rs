//! A publish run's pages: the articles named, the articles taken down, and the pages that list
//! them (a CMS's publish hook).

use super::answers::Answers;
use super::output;
use super::pages::{Gathered, Renderer};
use super::plan::{OnLists, PageKind};
use super::report::Report;
use super::site::{reporter_list, tag_list};
use super::MAX_LIST_PAGES;
use news_front::api::client::paths;
use news_front::api::models::Article;
use news_front::routes;
use std::collections::BTreeSet;
use std::time::Instant;

/// A publish run: the articles named, the articles taken down, and the pages that list them.
pub fn pages(
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
    let mut lists = OnLists::default();
    for id in named {
        // The lists it is on now, and (an update may move it) those its page showed.
        if let Ok((article, _)) = answers.model::<Article>(&paths::article(id)) {
            lists.add(&article);
        }
        if let Some(article) = output::page_article(dist, id) {
            lists.add(&article);
        }
        pages.insert(PageKind::Article { id: id.clone() });
        report.published.push(id.clone());
    }
    // An article taken down: its page goes, and every page of the lists it was on (its
    // section's, its keywords', its reporter's) that showed it is written again from the API
    // (which no longer lists it).
    let mut linking = Vec::new();
    for id in removals {
        let mut was_on = OnLists::default();
        if let Some(article) = output::page_article(dist, id) {
            was_on.add(&article);
        }
        for first in was_on.first_pages() {
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
        lists.sections.extend(was_on.sections);
        lists.keywords.extend(was_on.keywords);
        lists.reporters.extend(was_on.reporters);
        match output::delete_article(dist, id) {
            Ok(_) => {
                gathered.deleted.insert(routes::article(id));
                report.removed.push(id.clone());
            }
            Err(failure) => report.failures.push(failure),
        }
    }
    // A keyword or a reporter the API has no list for (the contract's extension not offered)
    // has no page.
    let first_pages = lists.first_pages();
    answers.fetch(first_pages.iter().map(PageKind::api_path));
    let first_pages: Vec<PageKind> = first_pages
        .into_iter()
        .filter(|first| !answers.not_found(&first.api_path()) || !first.is_extension())
        .collect();
    lists
        .keywords
        .retain(|keyword| first_pages.contains(&tag_list(keyword)));
    lists
        .reporters
        .retain(|slug| first_pages.contains(&reporter_list(slug)));
    pages.extend(first_pages);
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
                let deleted = output::delete_list_pages_from(dist, &folder, last + 1);
                gathered.deleted.extend(
                    deleted
                        .into_iter()
                        .filter_map(|number| page.at_page(number))
                        .map(|gone| gone.address()),
                );
            }
            false
        })
        .collect();
    let stage = Instant::now();
    let outcomes = renderer.write(answers, &pages);
    gathered.take(outcomes, report);
    gathered.keywords = lists.keywords;
    gathered.reporters = lists.reporters;
    report.stage("render", stage);
}
