//! `newsroom import wordpress`: a WordPress site's public REST API into the contract's files.
//!
//! A run is its stages: the site (`/wp-json/`: its name), its categories, tags and authors,
//! then the posts, 100 a page (`_embed` brings each post's featured image): every
//! post on a first run, those modified since the last run's high-water mark after it (with an
//! overlap); then the posts that are gone (trashed, unpublished, made private or protected)
//! when the site's count of public posts says some are; then the files. Only what the public
//! API lists is published, and a password-protected post (`content.protected`) is not: it is
//! taken down like a trashed one. Nothing public is written until every answer the run needs
//! has come: a run that fails leaves the last good files and its high-water mark as they were.
//! Each page of posts is converted as it comes and its articles staged on disk
//! (`{api}/.wordpress/staging/`), then moved into place at the end: the run holds one page of
//! posts at a time, not the archive.
//!
//! The state between runs (`{api}/.wordpress/state.sqlite`, [`store`]) holds each imported
//! post's place in the lists (its date, section, keywords, reporter, photo) and its summary, so
//! a later run renews only the articles that changed and the lists they are, or were, on; the
//! lists are written from it as they stream out of it, so no run holds the archive.

mod store;

use super::html;
use super::rest::Rest;
use crate::build::report::{add_stage, Stage};
use crate::cli::ImportWordpress;
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use news_front::routes;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use store::{Indexed, Members, SectionName, Store};

/// Entries on a list's page (sections, keywords, reporters).
const PAGE_SIZE: usize = 20;
/// The posts a request asks for (WordPress's most).
const PER_PAGE: u32 = 100;
/// How far before the last run's high-water mark a later run looks again, for posts saved in
/// the same second as the last one seen.
const OVERLAP_SECONDS: i64 = 120;
/// Lead stories on the front page, and articles per section there.
const LEAD: usize = 5;
const PER_SECTION_ON_HOME: usize = 4;
const PHOTO_NEWS: usize = 10;
const MOST_VIEWED: usize = 10;

/// What a run did, for a CMS's hook (`--json`).
#[derive(Serialize, Default)]
struct Summary {
    #[serde(serialize_with = "as_texts")]
    added: Vec<u64>,
    #[serde(serialize_with = "as_texts")]
    updated: Vec<u64>,
    #[serde(serialize_with = "as_texts")]
    removed: Vec<u64>,
    /// Files written (those whose content changed).
    written: usize,
    full: bool,
    /// Requests the run made to find the posts gone, past the one count (none when the
    /// site's count and the state's agreed).
    gone_requests: usize,
    seconds: f64,
    peak_memory_bytes: Option<u64>,
    /// Each stage of the run and how long it took.
    stages: Vec<Stage>,
}

/// Ids as the contract writes them: text.
fn as_texts<S: serde::Serializer>(ids: &[u64], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(ids.iter().map(u64::to_string))
}

/// The state as stops 34 and 35 kept it (`state.json`), read once to move it into the store.
#[derive(Deserialize, Default)]
struct LegacyState {
    url: String,
    high_water: Option<String>,
    posts: BTreeMap<String, LegacyIndexed>,
    sections: BTreeMap<u64, SectionName>,
    most_viewed_placeholder: Option<String>,
}

#[derive(Deserialize)]
struct LegacyIndexed {
    published: String,
    section: Option<String>,
    tags: Vec<String>,
    reporter: Option<String>,
    reporter_name: Option<String>,
    sticky: bool,
    photo: Option<Value>,
    summary: Value,
    permalink: Option<String>,
}

#[derive(Deserialize)]
struct SiteIndex {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
struct Term {
    id: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
}

#[derive(Deserialize)]
struct User {
    id: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
}

#[derive(Deserialize, Default)]
struct Rendered {
    #[serde(default)]
    rendered: String,
    #[serde(default)]
    protected: bool,
}

#[derive(Deserialize)]
struct Post {
    id: u64,
    #[serde(default)]
    date_gmt: Option<String>,
    #[serde(default)]
    modified: Option<String>,
    #[serde(default)]
    modified_gmt: Option<String>,
    #[serde(default)]
    status: String,
    #[serde(default)]
    link: String,
    #[serde(default)]
    title: Rendered,
    #[serde(default)]
    content: Rendered,
    #[serde(default)]
    excerpt: Rendered,
    #[serde(default)]
    author: u64,
    #[serde(default)]
    sticky: bool,
    #[serde(default)]
    categories: Vec<u64>,
    #[serde(default)]
    tags: Vec<u64>,
    #[serde(default, rename = "_embedded")]
    embedded: Value,
}

#[derive(Deserialize)]
struct IdOnly {
    id: u64,
}

/// Runs the import as `options` say, prints what it did and says how it ended.
pub fn main(options: &ImportWordpress) -> ExitCode {
    let started = Instant::now();
    match run(options) {
        Ok(mut summary) => {
            summary.seconds = started.elapsed().as_secs_f64();
            summary.peak_memory_bytes = crate::system::peak_memory();
            eprintln!(
                "import: {} added, {} updated, {} taken down, {} file(s) written in {:.2} s",
                summary.added.len(),
                summary.updated.len(),
                summary.removed.len(),
                summary.written,
                summary.seconds
            );
            if options.json {
                println!("{}", serde_json::to_string(&summary).unwrap_or_default());
            }
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("import: {reason}\nimport: nothing was written; the last good files stay");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &ImportWordpress) -> Result<Summary, String> {
    let api = options.api.as_path();
    let rest = Rest::new(
        &options.url,
        std::time::Duration::from_secs(options.timeout),
    )?;
    let state_file = api.join(".wordpress/state.sqlite");
    let legacy_file = api.join(".wordpress/state.json");
    let existing = Store::existing(&state_file)?;
    let mut legacy = match &existing {
        Some(store) if store.mark("url")?.is_some() => None,
        _ => read_legacy(&legacy_file)?,
    };
    let (url, high_water) = match (&existing, &legacy) {
        (_, Some(old)) => (Some(old.url.clone()), old.high_water.clone()),
        (Some(store), None) => (store.mark("url")?, store.mark("high_water")?),
        (None, None) => (None, None),
    };
    if let Some(url) = url.filter(|url| !url.is_empty() && *url != rest_url(&options.url)) {
        return Err(format!(
            "{} was imported from {url}, not {}: import into another folder",
            api.display(),
            options.url
        ));
    }
    let full = options.full || high_water.is_none();

    let mut stages = Vec::new();
    let stage = Instant::now();
    // Fetch: nothing is written until everything has come.
    let site: SiteIndex = rest.get("")?.items;
    let categories: Vec<Term> = all_pages(&rest, "wp/v2/categories?per_page=100&orderby=id")?;
    let tags: Vec<Term> = all_pages(&rest, "wp/v2/tags?per_page=100&orderby=id&hide_empty=true")?;
    let users: Vec<User> = all_pages(&rest, "wp/v2/users?per_page=100&orderby=id")?;
    let mut query =
        format!("wp/v2/posts?per_page={PER_PAGE}&orderby=id&order=asc&_embed=wp:featuredmedia");
    if let (false, Some(mark)) = (full, high_water.as_deref().and_then(overlap)) {
        query.push_str(&format!("&modified_after={mark}"));
    }

    let site_name = {
        let name = html::plain_text(&site.name);
        if name.is_empty() {
            "뉴스".to_owned()
        } else {
            name
        }
    };
    let sections = section_names(&categories);
    let keywords: HashMap<u64, String> = tags
        .iter()
        .map(|tag| (tag.id, html::plain_text(&tag.name)))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    let mut reporters: HashMap<u64, (String, String)> = users.iter().map(reporter).collect();
    let stage = add_stage(&mut stages, "site", stage);

    let store = match existing {
        Some(store) => store,
        None => Store::create(&state_file)?,
    };
    if let Some(old) = legacy.take() {
        migrate(&store, old)?;
    }
    let mut summary = Summary {
        full,
        ..Summary::default()
    };
    let mut staged = Staging::new(api)?;
    let mut gone: BTreeSet<u64> = BTreeSet::new();
    let mut touched_lists = Lists::default();
    let mut high_water = high_water;
    // Whether a post's old address came, changed or went (the redirect map is written again).
    let mut addresses_changed = full;
    let mut take_posts = |posts: Vec<Post>| -> Result<(), String> {
        // Authors are read from the users listed, not embedded in each post (which costs
        // WordPress about 40% of a page); one first published during the run is asked for.
        let unknown: BTreeSet<u64> = posts
            .iter()
            .map(|post| post.author)
            .filter(|author| *author != 0 && !reporters.contains_key(author))
            .collect();
        if !unknown.is_empty() {
            for query in by_ids(&format!("wp/v2/users?per_page={PER_PAGE}"), &unknown) {
                let found: Vec<User> = all_pages(&rest, &query)?;
                reporters.extend(found.iter().map(reporter));
            }
            for author in unknown {
                reporters.entry(author).or_default();
            }
        }
        for post in posts {
            let id = post.id;
            if let Some(modified) = &post.modified {
                if high_water
                    .as_deref()
                    .is_none_or(|mark| modified.as_str() > mark)
                {
                    high_water = Some(modified.clone());
                }
            }
            // Only what the public sees: a published post, not behind a password (which the
            // site still counts among its public posts).
            let protected = post.content.protected || post.excerpt.protected;
            let listed = (post.status == "publish" && protected).then(|| {
                let published = post.date_gmt.as_deref().and_then(kst_from_gmt);
                published.unwrap_or_default()
            });
            store.set_protected(id, listed.as_deref())?;
            if post.status != "publish" || protected {
                if store.has(id)? {
                    gone.insert(id);
                }
                continue;
            }
            let (article, indexed) = convert(&post, &site_name, &sections, &keywords, &reporters);
            let old = store.post(id)?;
            addresses_changed |= old
                .as_ref()
                .is_none_or(|old| old.permalink != indexed.permalink);
            if let Some(old) = old {
                if old != indexed || !api.join(format!("articles/{id}.json")).is_file() {
                    summary.updated.push(id);
                }
                if old.same_places(&indexed) {
                    // Its lists keep their order and length: only the page it is on changes.
                    touched_lists.in_place.insert(id);
                } else {
                    touched_lists.add(&old);
                    touched_lists.add(&indexed);
                }
            } else {
                summary.added.push(id);
                touched_lists.add(&indexed);
            }
            staged.put(id, &article)?;
            store.put(id, &indexed)?;
        }
        Ok(())
    };
    each_page(&rest, &query, &mut take_posts)?;

    let stage = add_stage(&mut stages, "posts", stage);

    // Gone posts: the site's count of public posts says whether any went. A first run lists
    // every public id (100 a request) and compares; a later one halves the ranges of time
    // whose counts differ down to a page of posts (a few requests for a post taken down,
    // whatever the size of the archive), which also finds a post that became public without
    // being modified (a scheduled post that went out).
    let count: crate::import::rest::Page<Vec<IdOnly>> =
        rest.get("wp/v2/posts?per_page=1&_fields=id")?;
    let mut taken_down = BTreeSet::new();
    let mut gone_requests = 0;
    if full {
        store.begin_public()?;
        each_page(
            &rest,
            &format!("wp/v2/posts?per_page={PER_PAGE}&orderby=id&order=asc&_fields=id"),
            |posts: Vec<IdOnly>| {
                gone_requests += 1;
                store.add_public(posts.into_iter().map(|post| post.id))
            },
        )?;
        taken_down.extend(store.not_public()?);
    } else if count.total != Some(store.count_published(None, None)? as u64) {
        let (missing, unknown) =
            differences(&rest, &store, count.total.unwrap_or(0), &mut gone_requests)?;
        for &id in &missing {
            store.set_protected(id, None)?;
        }
        taken_down = missing;
        let posts =
            format!("wp/v2/posts?per_page={PER_PAGE}&orderby=id&order=asc&_embed=wp:featuredmedia");
        for query in by_ids(&posts, &unknown) {
            each_page(&rest, &query, &mut take_posts)?;
        }
    }
    gone.extend(taken_down);
    summary.gone_requests = gone_requests;
    for &id in &gone {
        if let Some(old) = store.remove(id)? {
            addresses_changed = true;
            touched_lists.add(&old);
            summary.removed.push(id);
        }
        staged.drop(id)?;
        summary.added.retain(|added| *added != id);
        summary.updated.retain(|updated| *updated != id);
    }

    let stage = add_stage(&mut stages, "gone", stage);

    // A renamed category renames its section everywhere it is shown.
    let known = store.sections()?;
    for (category, section) in &sections {
        let Some(old_slug) = known
            .get(category)
            .filter(|old| *old != section)
            .map(|old| old.slug.clone())
        else {
            continue;
        };
        touched_lists.sections.insert(old_slug.clone());
        touched_lists.sections.insert(section.slug.clone());
        let named = json!({ "slug": section.slug, "name": section.name });
        for id in store.ids_in_section(&old_slug)? {
            let Some(mut indexed) = store.post(id)? else {
                continue;
            };
            indexed.section = Some(section.slug.clone());
            let mut listed: Value = serde_json::from_str(&indexed.summary).unwrap_or(Value::Null);
            listed["section"] = named.clone();
            indexed.summary = listed.to_string();
            store.put(id, &indexed)?;
            let file = match staged.has(id) {
                true => staged.file(id),
                false => api.join(format!("articles/{id}.json")),
            };
            if let Some(mut article) = read_json(&file) {
                article["section"] = named.clone();
                if !staged.has(id) {
                    summary.updated.push(id);
                }
                staged.put(id, &article)?;
            }
        }
    }
    store.set_sections(&sections)?;
    let stage = add_stage(&mut stages, "sections", stage);

    // Write: the articles, then the lists they are on, then the front page and the rest.
    let mut writer = Writer::new(api);
    staged.move_into(&mut writer)?;
    for id in &gone {
        writer.remove(&format!("articles/{id}.json"))?;
    }
    let stage = add_stage(&mut stages, "articles", stage);
    let menu = menu(&sections, &store)?;
    write_site(
        &mut writer,
        &site_name,
        &html::plain_text(&site.description),
        &menu,
    )?;
    let lists = if full {
        Lists::all(&store)?
    } else {
        touched_lists
    };
    write_lists(
        &mut writer,
        &store,
        &lists.with_menu(&menu, api),
        &menu,
        &site_name,
    )?;
    let stage = add_stage(&mut stages, "lists", stage);
    write_front(&mut writer, &store, &menu)?;
    write_defaults(&mut writer, &store)?;
    let stage = add_stage(&mut stages, "front", stage);
    // The map names every post: it is written again only when an address in it changed.
    let terms = term_redirects((&categories, &sections), &tags);
    if addresses_changed
        || store.mark("redirect_terms")?.as_deref() != Some(terms.as_str())
        || !api.join(REDIRECTS).is_file()
    {
        write_redirects(&mut writer, &store, &terms)?;
        store.set_mark("redirect_terms", Some(&terms))?;
    }
    let stage = add_stage(&mut stages, "redirects", stage);

    store.set_mark("url", Some(&rest_url(&options.url)))?;
    store.set_mark("high_water", high_water.as_deref())?;
    store.commit()?;
    writer.written += 1;
    // Moved into the store for good: the old state goes.
    if legacy_file.is_file() {
        std::fs::remove_file(&legacy_file)
            .map_err(|err| format!("{}: {err}", legacy_file.display()))?;
    }
    add_stage(&mut stages, "commit", stage);
    summary.written = writer.written;
    summary.stages = stages;
    Ok(summary)
}

/// The posts the store and the site disagree on: (imported, not public any more; public, not
/// imported). The counts of a range of publication times are compared, and a range whose counts
/// differ is halved at its middle post (the site counting the first half), down to a range of a
/// page of posts, whose ids are listed. A post found gone is asked for by id once more before it
/// is taken down.
fn differences(
    rest: &Rest,
    store: &Store,
    site_total: u64,
    requests: &mut usize,
) -> Result<(BTreeSet<u64>, BTreeSet<u64>), String> {
    let (mut missing, mut unknown) = (BTreeSet::new(), BTreeSet::new());
    // Each range (from, to: unbounded where None) with the site's count of it.
    let mut ranges: Vec<(Option<String>, Option<String>, u64)> = vec![(None, None, site_total)];
    while let Some((from, to, site)) = ranges.pop() {
        let (from_ref, to_ref) = (from.as_deref(), to.as_deref());
        let ours = store.count_published(from_ref, to_ref)?;
        if ours as u64 == site {
            continue;
        }
        let middle = match ours > PER_PAGE as usize {
            true => store.nth_published(from_ref, to_ref, ours / 2)?,
            false => None,
        }
        .filter(|middle| !middle.is_empty() && Some(middle) != from.as_ref());
        if let Some(middle) = middle {
            let first: crate::import::rest::Page<Vec<IdOnly>> = rest.get(&format!(
                "wp/v2/posts?per_page=1&_fields=id{}",
                time_range(from_ref, Some(&middle))
            ))?;
            *requests += 1;
            let first = first.total.unwrap_or(0);
            ranges.push((Some(middle.clone()), to, site.saturating_sub(first)));
            ranges.push((from, Some(middle), first));
            continue;
        }
        let mut listed = BTreeSet::new();
        each_page(
            rest,
            &format!(
                "wp/v2/posts?per_page={PER_PAGE}&orderby=id&order=asc&_fields=id{}",
                time_range(from_ref, to_ref)
            ),
            |posts: Vec<IdOnly>| {
                *requests += 1;
                listed.extend(posts.into_iter().map(|post| post.id));
                Ok(())
            },
        )?;
        let held = store.ids_published(from_ref, to_ref)?;
        missing.extend(held.difference(&listed));
        unknown.extend(listed.difference(&held));
    }
    // Asked for by id: one the site still lists (its time read differently) stays.
    for query in by_ids(
        &format!("wp/v2/posts?per_page={PER_PAGE}&_fields=id"),
        &missing,
    ) {
        *requests += 1;
        for post in all_pages::<IdOnly>(rest, &query)? {
            missing.remove(&post.id);
        }
    }
    Ok((missing, unknown))
}

/// `query` asking for `ids` by id: one request a page of them (`&include=…`).
fn by_ids(query: &str, ids: &BTreeSet<u64>) -> Vec<String> {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    ids.chunks(PER_PAGE as usize)
        .map(|chunk| format!("{query}&include={}", chunk.join(",")))
        .collect()
}

/// `&after=…&before=…` for the posts published from `from` (inclusive) to `to` (exclusive);
/// WordPress's `after` and `before` both exclude their time.
fn time_range(from: Option<&str>, to: Option<&str>) -> String {
    let mut query = String::new();
    let encode = |time: &str| time.replace('+', "%2B");
    if let Some(from) = from.and_then(|from| DateTime::parse_from_rfc3339(from).ok()) {
        let before = from - chrono::Duration::seconds(1);
        query.push_str(&format!("&after={}", encode(&before.to_rfc3339())));
    }
    if let Some(to) = to {
        query.push_str(&format!("&before={}", encode(to)));
    }
    query
}

/// The site's address as the state keeps it.
fn rest_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

/// Every page of a listing, by `X-WP-TotalPages`.
fn all_pages<T: serde::de::DeserializeOwned>(rest: &Rest, query: &str) -> Result<Vec<T>, String> {
    let mut all = Vec::new();
    each_page(rest, query, |items| {
        all.extend(items);
        Ok(())
    })?;
    Ok(all)
}

/// Every page of a listing, by `X-WP-TotalPages`, handed to `take` as it comes.
fn each_page<T: serde::de::DeserializeOwned>(
    rest: &Rest,
    query: &str,
    mut take: impl FnMut(Vec<T>) -> Result<(), String>,
) -> Result<(), String> {
    let mut page = 1;
    loop {
        let answer: crate::import::rest::Page<Vec<T>> =
            rest.get(&format!("{query}&page={page}"))?;
        let count = answer.items.len();
        take(answer.items)?;
        let last = answer.total_pages.unwrap_or(1);
        // Posts added while paging can add a page: it is read too, up to a bound.
        if page >= last || count == 0 || page >= 100_000 {
            break;
        }
        page += 1;
    }
    Ok(())
}

/// `mark` less the overlap, as WordPress reads a local time without offset.
fn overlap(mark: &str) -> Option<String> {
    let time = NaiveDateTime::parse_from_str(mark, "%Y-%m-%dT%H:%M:%S").ok()?;
    let earlier = time - chrono::Duration::seconds(OVERLAP_SECONDS);
    Some(earlier.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// A time WordPress gives in UTC without an offset (`date_gmt`), in KST with its offset.
fn kst_from_gmt(gmt: &str) -> Option<String> {
    let time = NaiveDateTime::parse_from_str(gmt.trim(), "%Y-%m-%dT%H:%M:%S").ok()?;
    let time: DateTime<FixedOffset> = time.and_utc().with_timezone(&news_front::kst::offset());
    Some(time.to_rfc3339())
}

/// A WordPress slug (percent-encoded where it is Korean) as a plain slug, else `None`.
fn plain_slug(slug: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(slug)
        .decode_utf8()
        .ok()?
        .to_string();
    routes::is_plain(&decoded).then_some(decoded)
}

/// A user as a reporter: their id, and their page key (their slug where it is plain, else
/// `reporter-{id}`) and name.
fn reporter(user: &User) -> (u64, (String, String)) {
    let slug = plain_slug(&user.slug).unwrap_or_else(|| format!("reporter-{}", user.id));
    (user.id, (slug, html::plain_text(&user.name)))
}

/// Sections from the categories: a plain slug where the category has one, else `category-{id}`
/// (Korean slugs are percent-encoded and name no file).
fn section_names(categories: &[Term]) -> BTreeMap<u64, SectionName> {
    categories
        .iter()
        .map(|category| {
            let slug =
                plain_slug(&category.slug).unwrap_or_else(|| format!("category-{}", category.id));
            let name = html::plain_text(&category.name);
            let name = if name.is_empty() { slug.clone() } else { name };
            (category.id, SectionName { slug, name })
        })
        .collect()
}

/// The menu: every section with an article, the fullest first (then by name).
fn menu(sections: &BTreeMap<u64, SectionName>, store: &Store) -> Result<Vec<SectionName>, String> {
    let counts = store.section_counts()?;
    let mut menu: Vec<SectionName> = sections
        .values()
        .filter(|section| counts.contains_key(section.slug.as_str()))
        .cloned()
        .collect();
    menu.sort_by(|a, b| {
        counts[b.slug.as_str()]
            .cmp(&counts[a.slug.as_str()])
            .then_with(|| a.name.cmp(&b.name))
    });
    menu.dedup_by(|a, b| a.slug == b.slug);
    Ok(menu)
}

/// A post as the contract's Article, and as the lists need it.
fn convert(
    post: &Post,
    site_name: &str,
    sections: &BTreeMap<u64, SectionName>,
    keywords: &HashMap<u64, String>,
    reporters: &HashMap<u64, (String, String)>,
) -> (Value, Indexed) {
    let id = post.id.to_string();
    let title = {
        let title = html::plain_text(&post.title.rendered);
        if title.is_empty() {
            "(제목 없음)".to_owned()
        } else {
            title
        }
    };
    let published = post.date_gmt.as_deref().and_then(kst_from_gmt);
    let updated = post
        .modified_gmt
        .as_deref()
        .and_then(kst_from_gmt)
        .filter(|updated| Some(updated) != published.as_ref());
    let section = post
        .categories
        .iter()
        .find_map(|category| sections.get(category))
        .cloned();
    let tags: Vec<String> = post
        .tags
        .iter()
        .filter_map(|tag| keywords.get(tag).cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (reporter_slug, reporter_name) = reporters.get(&post.author).cloned().unwrap_or_default();
    let photo = featured_image(&post.embedded["wp:featuredmedia"][0], &title);
    let mut body = html::blocks(&post.content.rendered);
    if let (Some(photo), false) = (&photo, body.iter().any(|block| block["type"] == "image")) {
        body.insert(0, json!({ "type": "image", "image": photo }));
    }
    if body.is_empty() {
        body.push(json!({ "type": "paragraph", "text": title }));
    }
    let excerpt = html::plain_text(&post.excerpt.rendered);
    let excerpt = excerpt
        .trim_end_matches("[&hellip;]")
        .trim_end_matches("[…]")
        .trim()
        .to_owned();
    let mut article = json!({
        "id": id,
        "title": title,
        "body": body,
        "tags": tags,
    });
    if let Some(section) = &section {
        article["section"] = json!({ "slug": section.slug, "name": section.name });
    }
    let mut byline = json!({ "outlet": site_name });
    if !reporter_name.is_empty() {
        byline["reporter"] = json!(reporter_name);
        byline["reporter_slug"] = json!(reporter_slug);
    }
    article["byline"] = byline;
    if let Some(published) = &published {
        article["published_at"] = json!(published);
    }
    if let Some(updated) = &updated {
        article["updated_at"] = json!(updated);
    }
    let mut summary = json!({ "id": id, "title": title });
    if let Some(section) = &section {
        summary["section"] = json!({ "slug": section.slug, "name": section.name });
    }
    if !excerpt.is_empty() {
        let cut: String = excerpt.chars().take(200).collect();
        summary["summary"] = json!(cut);
    }
    if let Some(photo) = &photo {
        summary["thumbnail"] = photo.clone();
    }
    if let Some(published) = &published {
        summary["published_at"] = json!(published);
    }
    let permalink = html::safe_address(&post.link)
        .and_then(|link| {
            let path = link.splitn(4, '/').nth(3).map(|rest| format!("/{rest}"))?;
            Some(path)
        })
        .filter(|path| path.len() > 1);
    let indexed = Indexed {
        published: published.unwrap_or_default(),
        section: section.map(|section| section.slug),
        tags,
        reporter: (!reporter_name.is_empty()).then_some(reporter_slug),
        reporter_name: (!reporter_name.is_empty()).then_some(reporter_name),
        sticky: post.sticky,
        photo: photo.as_ref().map(Value::to_string),
        summary: summary.to_string(),
        permalink,
    };
    (article, indexed)
}

/// The featured image (`_embedded["wp:featuredmedia"][0]`) as the contract's Image, with its
/// sizes as the srcset; `None` for a missing, private or unsafe one.
fn featured_image(media: &Value, title: &str) -> Option<Value> {
    let src = media["source_url"].as_str().and_then(html::safe_address)?;
    let details = &media["media_details"];
    let alt = media["alt_text"]
        .as_str()
        .map(html::plain_text)
        .filter(|alt| !alt.is_empty())
        .unwrap_or_else(|| title.to_owned());
    let mut image = json!({ "src": src, "alt": alt });
    let size = |value: &Value| value.as_u64().filter(|n| (1..=20_000).contains(n));
    if let (Some(width), Some(height)) = (size(&details["width"]), size(&details["height"])) {
        image["width"] = json!(width);
        image["height"] = json!(height);
    }
    let mut srcset: Vec<(u64, String)> = details["sizes"]
        .as_object()
        .into_iter()
        .flat_map(|sizes| sizes.values())
        .filter_map(|entry| {
            let src = entry["source_url"].as_str().and_then(html::safe_address)?;
            Some((size(&entry["width"])?, src))
        })
        .collect();
    srcset.sort();
    srcset.dedup_by_key(|(width, _)| *width);
    if !srcset.is_empty() {
        image["srcset"] = json!(srcset
            .into_iter()
            .map(|(width, src)| json!({ "src": src, "width": width }))
            .collect::<Vec<_>>());
    }
    Some(image)
}

/// The lists to write: by their keys, whole; and the posts changed in place, each on the one
/// page of each of its lists that shows it.
#[derive(Default)]
struct Lists {
    sections: BTreeSet<String>,
    keywords: BTreeSet<String>,
    reporters: BTreeSet<String>,
    in_place: BTreeSet<u64>,
}

impl Lists {
    fn add(&mut self, indexed: &Indexed) {
        self.sections.extend(indexed.section.clone());
        self.keywords.extend(indexed.tags.iter().cloned());
        self.reporters.extend(indexed.reporter.clone());
    }

    /// Every list some post is on.
    fn all(store: &Store) -> Result<Self, String> {
        let [sections, keywords, reporters] = store.list_keys()?;
        Ok(Self {
            sections,
            keywords,
            reporters,
            in_place: BTreeSet::new(),
        })
    }

    /// Every section of the menu has its first page: a section without one gets its pages
    /// (the others are renewed only when a post on them changed).
    fn with_menu(mut self, menu: &[SectionName], api: &Path) -> Self {
        self.sections.extend(
            menu.iter()
                .filter(|section| {
                    !api.join(format!("sections/{}/1.json", section.slug))
                        .is_file()
                })
                .map(|section| section.slug.clone()),
        );
        self
    }
}

/// A summary or a photo as the store keeps it (compact JSON), as a value again.
fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The summaries of the posts `members` names, newest first, `limit` at most.
fn newest(store: &Store, members: Members, limit: usize) -> Result<Vec<Value>, String> {
    let mut found = Vec::new();
    store.newest(members, Some(limit), |_, indexed| {
        found.push(value(&indexed.summary));
        Ok(())
    })?;
    Ok(found)
}

fn write_lists(
    writer: &mut Writer,
    store: &Store,
    lists: &Lists,
    menu: &[SectionName],
    outlet: &str,
) -> Result<(), String> {
    let names: HashMap<&str, &str> = menu
        .iter()
        .map(|section| (section.slug.as_str(), section.name.as_str()))
        .collect();
    let section_head = |slug: &str| {
        let name = names.get(slug).copied().unwrap_or(slug);
        json!({ "section": { "slug": slug, "name": name } })
    };
    let has_page = |keyword: &str| routes::file_for(&routes::tag(keyword, 1)).is_some();
    for slug in &lists.sections {
        let head = section_head(slug);
        write_pages(
            writer,
            store,
            "sections",
            slug,
            head,
            Members::Section(slug),
        )?;
    }
    for keyword in lists.keywords.iter().filter(|keyword| has_page(keyword)) {
        let head = json!({ "tag": keyword });
        write_pages(writer, store, "tags", keyword, head, Members::Tag(keyword))?;
    }
    for slug in &lists.reporters {
        let head = reporter_head(store, slug, outlet)?;
        write_pages(
            writer,
            store,
            "reporters",
            slug,
            head,
            Members::Reporter(slug),
        )?;
    }
    // A post changed in place: the page of each of its lists that shows it (unless the whole
    // list was written above).
    for &id in &lists.in_place {
        let Some(post) = store.post(id)? else {
            continue;
        };
        let showing = |writer: &mut Writer, folder, key, head, members| {
            write_page_showing(
                writer,
                store,
                (folder, key, head, members),
                &post.published,
                id,
            )
        };
        if let Some(slug) = post.section.as_deref() {
            if !lists.sections.contains(slug) {
                let head = section_head(slug);
                showing(writer, "sections", slug, head, Members::Section(slug))?;
            }
        }
        for keyword in &post.tags {
            if !lists.keywords.contains(keyword) && has_page(keyword) {
                let head = json!({ "tag": keyword });
                showing(writer, "tags", keyword, head, Members::Tag(keyword))?;
            }
        }
        if let Some(slug) = post.reporter.as_deref() {
            if !lists.reporters.contains(slug) {
                let head = reporter_head(store, slug, outlet)?;
                showing(writer, "reporters", slug, head, Members::Reporter(slug))?;
            }
        }
    }
    Ok(())
}

/// What heads each page of a reporter's list: the name their newest article gives (a post with
/// a reporter has their name).
fn reporter_head(store: &Store, slug: &str, outlet: &str) -> Result<Value, String> {
    let mut name = None;
    store.newest(Members::Reporter(slug), Some(1), |_, indexed| {
        name = indexed.reporter_name;
        Ok(())
    })?;
    let name = name.unwrap_or_else(|| slug.to_owned());
    Ok(json!({ "reporter": { "slug": slug, "name": name, "outlet": outlet } }))
}

/// A list's page `number` of `total`, `{folder}/{key}/{number}.json`.
fn write_page(
    writer: &mut Writer,
    (folder, key, head): (&str, &str, &Value),
    number: usize,
    total: usize,
    articles: Vec<Value>,
) -> Result<(), String> {
    let mut document = head.clone();
    document["page"] = json!(number);
    document["total_pages"] = json!(total);
    document["articles"] = json!(articles);
    writer.json(&format!("{folder}/{key}/{number}.json"), &document)
}

/// The one page of a list that shows the post (`published`, `id`).
fn write_page_showing(
    writer: &mut Writer,
    store: &Store,
    (folder, key, head, members): (&str, &str, Value, Members),
    published: &str,
    id: u64,
) -> Result<(), String> {
    let total = store.count(members)?.div_ceil(PAGE_SIZE).max(1);
    let number = store.place(members, published, id)? / PAGE_SIZE + 1;
    let mut articles = Vec::with_capacity(PAGE_SIZE);
    store.newest_from(
        members,
        (number - 1) * PAGE_SIZE,
        Some(PAGE_SIZE),
        |_, indexed| {
            articles.push(value(&indexed.summary));
            Ok(())
        },
    )?;
    write_page(writer, (folder, key, &head), number, total, articles)
}

/// A list's pages, `{folder}/{key}/{n}.json`, newest first, at least one, each written as its
/// members come from the store; pages past the new end are deleted.
fn write_pages(
    writer: &mut Writer,
    store: &Store,
    folder: &str,
    key: &str,
    head: Value,
    members: Members,
) -> Result<(), String> {
    let total = store.count(members)?.div_ceil(PAGE_SIZE).max(1);
    let list = (folder, key, &head);
    let mut page: Vec<Value> = Vec::with_capacity(PAGE_SIZE);
    let mut written = 0;
    store.newest(members, None, |_, indexed| {
        page.push(value(&indexed.summary));
        if page.len() == PAGE_SIZE {
            written += 1;
            write_page(writer, list, written, total, std::mem::take(&mut page))?;
        }
        Ok(())
    })?;
    // The last page, or the one empty page of an empty list.
    if !page.is_empty() || written == 0 {
        write_page(writer, list, written + 1, total, page)?;
    }
    let mut next = total + 1;
    while writer
        .api()
        .join(format!("{folder}/{key}/{next}.json"))
        .is_file()
    {
        writer.remove(&format!("{folder}/{key}/{next}.json"))?;
        next += 1;
    }
    Ok(())
}

fn write_site(
    writer: &mut Writer,
    name: &str,
    tagline: &str,
    menu: &[SectionName],
) -> Result<(), String> {
    // What the import does not know (the footer's legal details, a logo) stays as it was.
    let mut site = read_json(&writer.api().join("site.json")).unwrap_or_else(|| json!({}));
    if !site.is_object() {
        site = json!({});
    }
    site["name"] = json!(name);
    if !tagline.is_empty() {
        site["tagline"] = json!(tagline);
    }
    site["sections"] = json!(menu
        .iter()
        .map(|section| json!({ "slug": section.slug, "name": section.name }))
        .collect::<Vec<_>>());
    if !site["footer"].is_object() {
        site["footer"] = json!({ "publisher": name, "copyright": format!("© {name}. 무단 전재 및 재배포 금지.") });
    }
    writer.json("site.json", &site)
}

fn write_front(writer: &mut Writer, store: &Store, menu: &[SectionName]) -> Result<(), String> {
    // 톱기사: sticky posts first (all of them), then the newest.
    let mut lead = newest(store, Members::Sticky, usize::MAX)?;
    if lead.len() < LEAD {
        lead.extend(newest(store, Members::NotSticky, LEAD - lead.len())?);
    }
    let mut sections = Vec::new();
    for section in menu {
        let articles = newest(store, Members::Section(&section.slug), PER_SECTION_ON_HOME)?;
        sections.push(json!({ "section": { "slug": section.slug, "name": section.name }, "articles": articles }));
    }
    writer.json("home.json", &json!({ "lead": lead, "sections": sections }))?;
    let mut items = Vec::new();
    store.newest(Members::WithPhoto, Some(PHOTO_NEWS), |id, indexed| {
        let summary = value(&indexed.summary);
        let image = indexed.photo.as_deref().map_or(Value::Null, value);
        let mut item =
            json!({ "article_id": id.to_string(), "title": summary["title"], "image": image });
        if let Some(summary) = summary.get("summary") {
            item["summary"] = summary.clone();
        }
        items.push(item);
        Ok(())
    })?;
    writer.json("photo-news.json", &json!({ "items": items }))
}

/// The files the import does not make: left as they are when present; into an empty folder,
/// valid and empty, and most-viewed.json the newest articles until real counts come.
fn write_defaults(writer: &mut Writer, store: &Store) -> Result<(), String> {
    let api = writer.api().to_owned();
    let now = kst_now();
    for (file, empty) in [
        ("banners.json", json!({ "slots": {} })),
        ("sns-tv.json", json!({ "items": [] })),
        (
            "weather.json",
            json!({ "date": &now[..10], "observed_at": now, "provider": "기상청", "cities": [] }),
        ),
    ] {
        if !api.join(file).is_file() {
            writer.json(file, &empty)?;
        }
    }
    let ours = store.mark("most_viewed_placeholder")?;
    let present = std::fs::read_to_string(api.join("most-viewed.json")).ok();
    if present.is_none() || present == ours {
        let newest = newest(store, Members::All, MOST_VIEWED)?;
        let document = json!({
            "updated_at": now,
            "periods": [
                { "key": "day", "label": "일간", "articles": newest },
                { "key": "week", "label": "주간", "articles": newest },
            ],
        });
        let text = pretty(&document);
        if present.as_deref() != Some(text.as_str()) || ours.is_none() {
            writer.text("most-viewed.json", &text)?;
        }
        store.set_mark("most_viewed_placeholder", Some(&text))?;
    }
    Ok(())
}

/// The redirect map, for nginx (`map $request_uri $wordpress_new`, included by the server block).
const REDIRECTS: &str = ".wordpress/redirects.map";

/// Only addresses of plain characters and percent escapes go into the map: nothing that could
/// end its quotes, its line or its block.
fn mappable(path: &str) -> bool {
    path.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_%./?=&~+".contains(&b))
}

/// The map's lines for the categories' archives (to their sections) and the tags' (to their
/// keywords' pages).
fn term_redirects(
    (categories, sections): (&[Term], &BTreeMap<u64, SectionName>),
    tags: &[Term],
) -> String {
    use std::fmt::Write;
    // A slug is used as WordPress gave it only when it is a path segment of plain characters
    // and percent escapes.
    let raw = |slug: &str| {
        (!slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_%.".contains(&b)))
        .then(|| slug.to_owned())
    };
    let mut lines = String::new();
    for category in categories {
        if let (Some(old), Some(section)) = (raw(&category.slug), sections.get(&category.id)) {
            let new = routes::section(&section.slug, 1);
            let _ = writeln!(lines, "\"/category/{old}/\" \"{new}\";");
        }
    }
    for tag in tags {
        let name = html::plain_text(&tag.name);
        if let (Some(old), false) = (raw(&tag.slug), name.is_empty()) {
            if routes::file_for(&routes::tag(&name, 1)).is_some() {
                let new = routes::tag(&name, 1);
                let _ = writeln!(lines, "\"/tag/{old}/\" \"{new}\";");
            }
        }
    }
    lines
}

/// The old site's addresses (`REDIRECTS`): each post's permalink and `/?p=N` to its article,
/// then `terms` (`term_redirects`). Keys are as WordPress writes its addresses (Korean slugs
/// percent-encoded), as `$request_uri` holds them. Streamed from the store to the file.
fn write_redirects(writer: &mut Writer, store: &Store, terms: &str) -> Result<(), String> {
    use std::io::Write;
    writer.streamed(REDIRECTS, |out| {
        writeln!(
            out,
            "# Written by `newsroom import wordpress`: the old WordPress addresses and their new ones,\n\
             # for `map $request_uri $wordpress_new {{ include …/redirects.map; }}` (deploy/nginx.conf)."
        )
        .map_err(|err| err.to_string())?;
        store.permalinks(|id, permalink| {
            let article = routes::article(&id.to_string());
            writeln!(out, "\"/?p={id}\" \"{article}\";").map_err(|err| err.to_string())?;
            if let Some(path) = permalink.filter(|path| mappable(path)) {
                if !path.starts_with("/?p=") {
                    writeln!(out, "\"{path}\" \"{article}\";").map_err(|err| err.to_string())?;
                }
            }
            Ok(())
        })?;
        out.write_all(terms.as_bytes())
            .map_err(|err| err.to_string())
    })
}

/// The state as stops 34 and 35 kept it, if it is there (read as it streams from the file).
fn read_legacy(file: &Path) -> Result<Option<LegacyState>, String> {
    match std::fs::File::open(file) {
        Ok(opened) => serde_json::from_reader(std::io::BufReader::new(opened))
            .map(Some)
            .map_err(|err| {
                format!(
                    "{}: does not read ({err}); move it away to import afresh",
                    file.display()
                )
            }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(format!("{}: {err}", file.display())),
    }
}

/// The old state into the store, in the run's transaction: the same posts, summaries as the
/// same compact text a run makes now (so none reads as changed), the same marks.
fn migrate(store: &Store, old: LegacyState) -> Result<(), String> {
    for (id, post) in old.posts {
        let Ok(id) = id.parse::<u64>() else {
            continue;
        };
        let indexed = Indexed {
            published: post.published,
            section: post.section,
            tags: post.tags,
            reporter: post.reporter,
            reporter_name: post.reporter_name,
            sticky: post.sticky,
            photo: post.photo.as_ref().map(Value::to_string),
            summary: post.summary.to_string(),
            permalink: post.permalink,
        };
        store.put(id, &indexed)?;
    }
    store.set_sections(&old.sections)?;
    store.set_mark("url", Some(&old.url))?;
    store.set_mark("high_water", old.high_water.as_deref())?;
    store.set_mark(
        "most_viewed_placeholder",
        old.most_viewed_placeholder.as_deref(),
    )
}

fn read_json(file: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// Now in KST, RFC 3339.
fn kst_now() -> String {
    crate::system::now()
        .with_timezone(&news_front::kst::offset())
        .to_rfc3339()
}

/// The articles a run made, on disk until the run has everything
/// (`{api}/.wordpress/staging/{id}.json`): what a failed run staged is cleared by the next.
struct Staging {
    folder: PathBuf,
}

impl Staging {
    fn new(api: &Path) -> Result<Self, String> {
        let folder = api.join(".wordpress/staging");
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(format!("{}: {err}", folder.display())),
        }
        std::fs::create_dir_all(&folder).map_err(|err| format!("{}: {err}", folder.display()))?;
        Ok(Self { folder })
    }

    fn file(&self, id: u64) -> PathBuf {
        self.folder.join(format!("{id}.json"))
    }

    fn has(&self, id: u64) -> bool {
        self.file(id).is_file()
    }

    fn put(&mut self, id: u64, article: &Value) -> Result<(), String> {
        let file = self.file(id);
        std::fs::write(&file, pretty(article)).map_err(|err| format!("{}: {err}", file.display()))
    }

    fn drop(&mut self, id: u64) -> Result<(), String> {
        let file = self.file(id);
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(format!("{}: {err}", file.display())),
        }
    }

    /// Each staged article to `articles/{id}.json`, one at a time; then the folder goes.
    fn move_into(self, writer: &mut Writer) -> Result<(), String> {
        let failed = |err: std::io::Error| format!("{}: {err}", self.folder.display());
        for entry in std::fs::read_dir(&self.folder).map_err(failed)? {
            let file = entry.map_err(failed)?.path();
            let Some(name) = file.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            let text = std::fs::read_to_string(&file)
                .map_err(|err| format!("{}: {err}", file.display()))?;
            writer.text(&format!("articles/{name}"), &text)?;
        }
        std::fs::remove_dir_all(&self.folder).map_err(failed)
    }
}

/// Writes files into the API folder: each to a temporary name and renamed, and only when its
/// content changed (so a sync to a CDN sends nothing for it).
struct Writer {
    api: PathBuf,
    written: usize,
}

impl Writer {
    fn new(api: &Path) -> Self {
        Self {
            api: api.to_owned(),
            written: 0,
        }
    }

    fn api(&self) -> &Path {
        &self.api
    }

    fn json(&mut self, file: &str, value: &Value) -> Result<(), String> {
        self.text(file, &pretty(value))
    }

    fn text(&mut self, file: &str, text: &str) -> Result<(), String> {
        let path = self.api.join(file);
        let wrote = crate::build::output::write_atomic(&path, text.as_bytes())
            .map_err(|err| format!("{}: {err}", path.display()))?;
        self.written += usize::from(wrote);
        Ok(())
    }

    /// A file too large to hold whole, written by `write` as it goes.
    fn streamed(
        &mut self,
        file: &str,
        write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<(), String>,
    ) -> Result<(), String> {
        let path = self.api.join(file);
        let mut reason = None;
        let wrote = crate::build::output::write_streamed(&path, |out| {
            write(out).map_err(|err| {
                reason = Some(err);
                std::io::Error::other("the import's state")
            })
        });
        match (wrote, reason) {
            (_, Some(reason)) => Err(reason),
            (Ok(wrote), None) => {
                self.written += usize::from(wrote);
                Ok(())
            }
            (Err(err), None) => Err(format!("{}: {err}", path.display())),
        }
    }

    fn remove(&mut self, file: &str) -> Result<(), String> {
        let path = self.api.join(file);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                self.written += 1;
                Ok(())
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(format!("{}: {err}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_of_stops_34_and_35_moves_into_the_store_unchanged() {
        let summary = json!({ "id": "7", "title": "제목 \"인용\"\n줄",
            "thumbnail": { "src": "/a.jpg", "srcset": [{ "src": "/a-300.jpg", "width": 300 }] } });
        let photo = summary["thumbnail"].clone();
        // As stop 34 wrote it: pretty (stop 35: compact).
        let old = json!({ "url": "http://cms.example", "high_water": "2026-11-21T07:40:00",
            "sections": { "3": { "slug": "politics", "name": "정치" } },
            "most_viewed_placeholder": null,
            "posts": { "7": { "published": "2026-11-21T16:40:00+09:00", "section": "politics",
                "tags": ["선거"], "reporter": "kim", "reporter_name": "김기자", "sticky": false,
                "photo": photo, "summary": summary, "permalink": "/2026/11/21/a/" } } });
        let folder = std::env::temp_dir().join(format!("wp-legacy-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("state.json");
        std::fs::write(&file, serde_json::to_string_pretty(&old).unwrap()).unwrap();
        let legacy = read_legacy(&file).unwrap().unwrap();
        let store = Store::create(&folder.join("state.sqlite")).unwrap();
        migrate(&store, legacy).unwrap();
        let post = store.post(7).unwrap().unwrap();
        // The same text a run makes now, so no post reads as changed after the upgrade.
        assert_eq!(post.summary, summary.to_string());
        assert_eq!(post.photo, Some(photo.to_string()));
        assert_eq!(post.tags, ["선거"]);
        assert_eq!(post.permalink.as_deref(), Some("/2026/11/21/a/"));
        assert_eq!(store.sections().unwrap()[&3].name, "정치");
        assert_eq!(
            store.mark("high_water").unwrap().as_deref(),
            Some("2026-11-21T07:40:00")
        );
        assert_eq!(store.mark("most_viewed_placeholder").unwrap(), None);
        assert!(read_legacy(&folder.join("none.json")).unwrap().is_none());
        std::fs::write(&file, "{\"posts\": ").unwrap();
        assert!(read_legacy(&file).is_err_and(|err| err.contains("move it away")));
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn times_in_utc_without_an_offset_are_written_in_kst() {
        assert_eq!(
            kst_from_gmt("2026-11-24T21:30:00").as_deref(),
            Some("2026-11-25T06:30:00+09:00")
        );
        assert_eq!(kst_from_gmt("0000-00-00T00:00:00"), None);
        assert_eq!(kst_from_gmt("어제"), None);
        assert_eq!(
            overlap("2026-11-25T00:01:00").as_deref(),
            Some("2026-11-24T23:59:00")
        );
    }

    #[test]
    fn slugs_are_plain_or_made_so() {
        assert_eq!(plain_slug("gyeonggi").as_deref(), Some("gyeonggi"));
        assert_eq!(plain_slug("%ea%b2%bd%ec%a0%9c"), None);
        assert_eq!(plain_slug("..%2F..%2Fetc"), None);
        let terms = [Term {
            id: 7,
            name: "경제 &amp; 산업".into(),
            slug: "%ea%b2%bd%ec%a0%9c".into(),
        }];
        let sections = section_names(&terms);
        assert_eq!(sections[&7].slug, "category-7");
        assert_eq!(sections[&7].name, "경제 & 산업");
    }
}
