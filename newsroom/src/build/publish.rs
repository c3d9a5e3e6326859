//! A publish run's pages: the articles named, the articles taken down, and the pages that list
//! them (a CMS's publish hook).

use super::answers::Answers;
use super::output;
use super::pages::{Gathered, Renderer};
use super::plan::PageKind;
use super::report::Report;
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
