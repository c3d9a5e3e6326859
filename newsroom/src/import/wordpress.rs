//! `newsroom import wordpress`: a WordPress site's public REST API into the contract's files.
//!
//! A run is its stages: the site (`/wp-json/`: its name), its categories, tags and authors,
//! then the posts, 100 a page (`_embed` brings each post's author and featured image): every
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
//! The state between runs (`{api}/.wordpress/state.json`) holds each imported post's place in
//! the lists (its date, section, keywords, reporter, photo) and its summary, so a later run
//! renews only the articles that changed and the lists they are, or were, on.

use super::html;
use super::rest::Rest;
use crate::cli::ImportWordpress;
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use news_front::routes;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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
    added: Vec<String>,
    updated: Vec<String>,
    removed: Vec<String>,
    /// Files written (those whose content changed).
    written: usize,
    full: bool,
    seconds: f64,
    peak_memory_bytes: Option<u64>,
}

/// A post as the lists need it.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct Indexed {
    /// `published_at`, RFC 3339 in KST, for ordering.
    published: String,
    section: Option<String>,
    tags: Vec<String>,
    reporter: Option<String>,
    /// The reporter's name, as their page shows it.
    reporter_name: Option<String>,
    sticky: bool,
    /// The featured image, for 포토뉴스.
    photo: Option<Json>,
    /// The contract's Summary of the article.
    summary: Json,
    /// The post's address on the old site (its permalink's path), for the redirects.
    permalink: Option<String>,
}

/// A JSON value the state keeps for every post, held as its compact text: parsed, a post's
/// summary and photo take about five times the memory of their text, and the state holds the
/// whole archive (at 10,000 posts, 96 MB parsed).
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
struct Json(Box<RawValue>);

impl Json {
    fn of(value: &Value) -> Self {
        match serde_json::value::to_raw_value(value) {
            Ok(raw) => Self(raw),
            // Only a map with keys that are not strings fails, and a Value has none.
            Err(_) => Self(RawValue::NULL.to_owned()),
        }
    }

    fn value(&self) -> Value {
        serde_json::from_str(self.0.get()).unwrap_or(Value::Null)
    }

    /// Compact again, if it was read from a state written pretty (before stop 35).
    fn compact(&mut self) {
        if self.0.get().contains('\n') {
            *self = Self::of(&self.value());
        }
    }
}

/// The same value: compact texts compare as values do.
impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

#[derive(Serialize, Deserialize, Default)]
struct State {
    url: String,
    /// The latest `modified` (the site's local time, as WordPress filters by it) of the posts
    /// seen, when the run succeeded.
    high_water: Option<String>,
    posts: BTreeMap<String, Indexed>,
    /// Sections by category id, so a renamed category renames its section.
    sections: BTreeMap<u64, SectionName>,
    /// What the importer last wrote as most-viewed.json (the newest, until real counts come).
    most_viewed_placeholder: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct SectionName {
    slug: String,
    name: String,
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
    let state_file = api.join(".wordpress/state.json");
    let mut state = read_state(&state_file)?;
    if !state.url.is_empty() && state.url != rest_url(&options.url) {
        return Err(format!(
            "{} was imported from {}, not {}: import into another folder",
            api.display(),
            state.url,
            options.url
        ));
    }
    let full = options.full || state.high_water.is_none();

    // Fetch: nothing is written until everything has come.
    let site: SiteIndex = rest.get("")?.items;
    let categories: Vec<Term> = all_pages(&rest, "wp/v2/categories?per_page=100&orderby=id")?;
    let tags: Vec<Term> = all_pages(&rest, "wp/v2/tags?per_page=100&orderby=id&hide_empty=true")?;
    let users: Vec<User> = all_pages(&rest, "wp/v2/users?per_page=100&orderby=id")?;
    let mut query = format!(
        "wp/v2/posts?per_page={PER_PAGE}&orderby=id&order=asc&_embed=author,wp:featuredmedia"
    );
    if let (false, Some(mark)) = (full, state.high_water.as_deref().and_then(overlap)) {
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
    let reporters: HashMap<u64, (String, String)> = users
        .iter()
        .map(|user| (user.id, (reporter_slug(user), html::plain_text(&user.name))))
        .collect();

    let mut summary = Summary {
        full,
        ..Summary::default()
    };
    let mut staged = Staging::new(api)?;
    let mut gone: BTreeSet<String> = BTreeSet::new();
    let mut touched_lists = Lists::default();
    let mut high_water = state.high_water.clone();
    each_page(&rest, &query, |posts: Vec<Post>| {
        for post in posts {
            let id = post.id.to_string();
            if let Some(modified) = &post.modified {
                if high_water
                    .as_deref()
                    .is_none_or(|mark| modified.as_str() > mark)
                {
                    high_water = Some(modified.clone());
                }
            }
            // Only what the public sees: a published post, not behind a password.
            if post.status != "publish" || post.content.protected || post.excerpt.protected {
                if state.posts.contains_key(&id) {
                    gone.insert(id);
                }
                continue;
            }
            let (article, indexed) = convert(&post, &site_name, &sections, &keywords, &reporters);
            if let Some(old) = state.posts.get(&id) {
                touched_lists.add(old);
                if old != &indexed || !api.join(format!("articles/{id}.json")).is_file() {
                    summary.updated.push(id.clone());
                }
            } else {
                summary.added.push(id.clone());
            }
            touched_lists.add(&indexed);
            staged.put(&id, &article)?;
            state.posts.insert(id, indexed);
        }
        Ok(())
    })?;

    // Gone posts: the site's count of public posts says whether any went; then every public
    // id is listed (100 a request) and compared.
    let count: crate::import::rest::Page<Vec<IdOnly>> =
        rest.get("wp/v2/posts?per_page=1&_fields=id")?;
    let expected = state.posts.len() - gone.len();
    if full || count.total != Some(expected as u64) {
        let public: BTreeSet<String> = all_pages::<IdOnly>(
            &rest,
            &format!("wp/v2/posts?per_page={PER_PAGE}&orderby=id&order=asc&_fields=id"),
        )?
        .into_iter()
        .map(|post| post.id.to_string())
        .collect();
        gone.extend(
            state
                .posts
                .keys()
                .filter(|id| !public.contains(*id))
                .cloned(),
        );
    }
    for id in &gone {
        if let Some(old) = state.posts.remove(id) {
            touched_lists.add(&old);
            summary.removed.push(id.clone());
        }
        staged.drop(id)?;
        summary.added.retain(|added| added != id);
        summary.updated.retain(|updated| updated != id);
    }

    // A renamed category renames its section everywhere it is shown.
    let renamed: BTreeSet<u64> = sections
        .iter()
        .filter(|(id, section)| state.sections.get(id).is_some_and(|old| old != *section))
        .map(|(id, _)| *id)
        .collect();
    for (category, section) in &sections {
        if renamed.contains(category) {
            let old_slug = state.sections.get(category).map(|old| old.slug.clone());
            for (id, indexed) in state.posts.iter_mut() {
                if indexed.section.is_some() && indexed.section == old_slug {
                    touched_lists.sections.extend(old_slug.clone());
                    indexed.section = Some(section.slug.clone());
                    let mut listed = indexed.summary.value();
                    listed["section"] = json!({ "slug": section.slug, "name": section.name });
                    indexed.summary = Json::of(&listed);
                    let file = match staged.has(id) {
                        true => staged.file(id),
                        false => api.join(format!("articles/{id}.json")),
                    };
                    if let Some(mut article) = read_json(&file) {
                        article["section"] = json!({ "slug": section.slug, "name": section.name });
                        if !staged.has(id) {
                            summary.updated.push(id.clone());
                        }
                        staged.put(id, &article)?;
                    }
                }
            }
            touched_lists.sections.insert(section.slug.clone());
        }
    }
    state.sections = sections.clone();

    // Write: the articles, then the lists they are on, then the front page and the rest.
    let mut writer = Writer::new(api);
    staged.move_into(&mut writer)?;
    for id in &gone {
        writer.remove(&format!("articles/{id}.json"))?;
    }
    let menu = menu(&sections, &state.posts);
    write_site(
        &mut writer,
        &site_name,
        &html::plain_text(&site.description),
        &menu,
    )?;
    let lists = if full {
        Lists::all(&state.posts, &menu)
    } else {
        touched_lists.with_menu(&menu)
    };
    write_lists(&mut writer, &state.posts, &lists, &menu, &site_name)?;
    write_front(&mut writer, &state.posts, &menu)?;
    write_defaults(&mut writer, &mut state)?;
    write_redirects(&mut writer, &state.posts, (&categories, &sections), &tags)?;

    state.url = rest_url(&options.url);
    state.high_water = high_water;
    write_state(&state_file, &state)?;
    writer.written += 1;
    summary.written = writer.written;
    Ok(summary)
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

/// A reporter's page key: their slug where it is plain, else `reporter-{id}`.
fn reporter_slug(user: &User) -> String {
    plain_slug(&user.slug).unwrap_or_else(|| format!("reporter-{}", user.id))
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
fn menu(
    sections: &BTreeMap<u64, SectionName>,
    posts: &BTreeMap<String, Indexed>,
) -> Vec<SectionName> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for indexed in posts.values() {
        if let Some(slug) = &indexed.section {
            *counts.entry(slug.as_str()).or_default() += 1;
        }
    }
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
    menu
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
    // The author's name and page: from the embedded author, else the users listed.
    let embedded_author = post.embedded["author"][0].clone();
    let (reporter_slug, reporter_name) = match (
        embedded_author["name"].as_str(),
        embedded_author["slug"].as_str(),
    ) {
        (Some(name), Some(slug)) => (
            plain_slug(slug).unwrap_or_else(|| format!("reporter-{}", post.author)),
            html::plain_text(name),
        ),
        _ => reporters.get(&post.author).cloned().unwrap_or_default(),
    };
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
        photo: photo.as_ref().map(Json::of),
        summary: Json::of(&summary),
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

/// The lists to write: by their keys.
#[derive(Default)]
struct Lists {
    sections: BTreeSet<String>,
    keywords: BTreeSet<String>,
    reporters: BTreeSet<String>,
}

impl Lists {
    fn add(&mut self, indexed: &Indexed) {
        self.sections.extend(indexed.section.clone());
        self.keywords.extend(indexed.tags.iter().cloned());
        self.reporters.extend(indexed.reporter.clone());
    }

    fn all(posts: &BTreeMap<String, Indexed>, menu: &[SectionName]) -> Self {
        let mut lists = Self::default();
        posts.values().for_each(|indexed| lists.add(indexed));
        lists.with_menu(menu)
    }

    /// Every section of the menu has its first page.
    fn with_menu(mut self, menu: &[SectionName]) -> Self {
        self.sections
            .extend(menu.iter().map(|section| section.slug.clone()));
        self
    }
}

/// The posts newest first (then by id, highest first).
fn newest<'a>(
    posts: impl Iterator<Item = (&'a String, &'a Indexed)>,
) -> Vec<(&'a String, &'a Indexed)> {
    let mut posts: Vec<_> = posts.collect();
    posts.sort_by(|(a_id, a), (b_id, b)| {
        b.published.cmp(&a.published).then_with(|| {
            b_id.parse::<u64>()
                .unwrap_or(0)
                .cmp(&a_id.parse::<u64>().unwrap_or(0))
        })
    });
    posts
}

fn write_lists(
    writer: &mut Writer,
    posts: &BTreeMap<String, Indexed>,
    lists: &Lists,
    menu: &[SectionName],
    outlet: &str,
) -> Result<(), String> {
    // One pass over the posts, gathering the members of every list to write.
    let mut sections: BTreeMap<&str, Vec<(&String, &Indexed)>> = BTreeMap::new();
    let mut keywords: BTreeMap<&str, Vec<(&String, &Indexed)>> = BTreeMap::new();
    let mut reporters: BTreeMap<&str, Vec<(&String, &Indexed)>> = BTreeMap::new();
    for key in &lists.sections {
        sections.entry(key).or_default();
    }
    for key in &lists.keywords {
        keywords.entry(key).or_default();
    }
    for key in &lists.reporters {
        reporters.entry(key).or_default();
    }
    for (id, indexed) in posts {
        if let Some(list) = indexed
            .section
            .as_deref()
            .and_then(|slug| sections.get_mut(slug))
        {
            list.push((id, indexed));
        }
        for tag in &indexed.tags {
            if let Some(list) = keywords.get_mut(tag.as_str()) {
                list.push((id, indexed));
            }
        }
        if let Some(list) = indexed
            .reporter
            .as_deref()
            .and_then(|slug| reporters.get_mut(slug))
        {
            list.push((id, indexed));
        }
    }
    let names: HashMap<&str, &str> = menu
        .iter()
        .map(|section| (section.slug.as_str(), section.name.as_str()))
        .collect();
    for (slug, members) in sections {
        let name = names.get(slug).copied().unwrap_or(slug);
        let head = json!({ "section": { "slug": slug, "name": name } });
        write_pages(writer, "sections", slug, head, members)?;
    }
    for (keyword, members) in keywords {
        if routes::file_for(&routes::tag(keyword, 1)).is_none() {
            continue;
        }
        write_pages(writer, "tags", keyword, json!({ "tag": keyword }), members)?;
    }
    for (slug, members) in reporters {
        // The name their newest article gives.
        let name = newest(members.iter().copied())
            .into_iter()
            .find_map(|(_, indexed)| indexed.reporter_name.clone())
            .unwrap_or_else(|| slug.to_owned());
        let reporter = json!({ "slug": slug, "name": name, "outlet": outlet });
        write_pages(
            writer,
            "reporters",
            slug,
            json!({ "reporter": reporter }),
            members,
        )?;
    }
    Ok(())
}

/// A list's pages, `{folder}/{key}/{n}.json`, newest first, at least one; pages past the new
/// end are deleted.
fn write_pages(
    writer: &mut Writer,
    folder: &str,
    key: &str,
    head: Value,
    members: Vec<(&String, &Indexed)>,
) -> Result<(), String> {
    let members = newest(members.into_iter());
    let pages: Vec<&[(&String, &Indexed)]> = if members.is_empty() {
        vec![&[]]
    } else {
        members.chunks(PAGE_SIZE).collect()
    };
    let total = pages.len();
    for (n, page) in pages.iter().enumerate() {
        let mut document = head.clone();
        document["page"] = json!(n + 1);
        document["total_pages"] = json!(total);
        document["articles"] = json!(page
            .iter()
            .map(|(_, indexed)| indexed.summary.value())
            .collect::<Vec<_>>());
        writer.json(&format!("{folder}/{key}/{}.json", n + 1), &document)?;
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

fn write_front(
    writer: &mut Writer,
    posts: &BTreeMap<String, Indexed>,
    menu: &[SectionName],
) -> Result<(), String> {
    let all = newest(posts.iter());
    // 톱기사: sticky posts first, then the newest.
    let mut lead: Vec<Value> = all
        .iter()
        .filter(|(_, indexed)| indexed.sticky)
        .map(|(_, indexed)| indexed.summary.value())
        .collect();
    for (_, indexed) in all.iter().filter(|(_, indexed)| !indexed.sticky) {
        if lead.len() >= LEAD {
            break;
        }
        lead.push(indexed.summary.value());
    }
    lead.truncate(LEAD.max(all.iter().filter(|(_, i)| i.sticky).count()));
    let sections: Vec<Value> = menu
        .iter()
        .map(|section| {
            let articles: Vec<Value> = all
                .iter()
                .filter(|(_, indexed)| indexed.section.as_deref() == Some(section.slug.as_str()))
                .take(PER_SECTION_ON_HOME)
                .map(|(_, indexed)| indexed.summary.value())
                .collect();
            json!({ "section": { "slug": section.slug, "name": section.name }, "articles": articles })
        })
        .collect();
    writer.json("home.json", &json!({ "lead": lead, "sections": sections }))?;
    let items: Vec<Value> = all
        .iter()
        .filter_map(|(id, indexed)| {
            let image = indexed.photo.as_ref()?.value();
            let summary = indexed.summary.value();
            let mut item = json!({ "article_id": id, "title": summary["title"], "image": image });
            if let Some(summary) = summary.get("summary") {
                item["summary"] = summary.clone();
            }
            Some(item)
        })
        .take(PHOTO_NEWS)
        .collect();
    writer.json("photo-news.json", &json!({ "items": items }))
}

/// The files the import does not make: left as they are when present; into an empty folder,
/// valid and empty, and most-viewed.json the newest articles until real counts come.
fn write_defaults(writer: &mut Writer, state: &mut State) -> Result<(), String> {
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
    let ours = state.most_viewed_placeholder.as_deref();
    let present = std::fs::read_to_string(api.join("most-viewed.json")).ok();
    if present.is_none() || present.as_deref() == ours {
        let newest: Vec<Value> = newest(state.posts.iter())
            .into_iter()
            .take(MOST_VIEWED)
            .map(|(_, indexed)| indexed.summary.value())
            .collect();
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
        state.most_viewed_placeholder = Some(text);
    }
    Ok(())
}

/// The old site's addresses, for nginx (`map $request_uri $wordpress_new`, included by the
/// server block): each post's permalink and `/?p=N` to its article, each category's archive to
/// its section, each tag's archive to its keyword's page. Keys are as WordPress writes its
/// addresses (Korean slugs percent-encoded), as `$request_uri` holds them.
fn write_redirects(
    writer: &mut Writer,
    posts: &BTreeMap<String, Indexed>,
    (categories, sections): (&[Term], &BTreeMap<u64, SectionName>),
    tags: &[Term],
) -> Result<(), String> {
    let mut lines = vec![
        "# Written by `newsroom import wordpress`: the old WordPress addresses and their new ones,"
            .to_owned(),
        "# for `map $request_uri $wordpress_new { include …/redirects.map; }` (deploy/nginx.conf)."
            .to_owned(),
    ];
    // Only addresses of plain characters and percent escapes go into the map: nothing that
    // could end its quotes, its line or its block.
    let mappable = |path: &str| {
        path.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_%./?=&~+".contains(&b))
    };
    for (id, indexed) in posts {
        let article = routes::article(id);
        lines.push(format!("\"/?p={id}\" \"{article}\";"));
        if let Some(path) = indexed.permalink.as_deref().filter(|path| mappable(path)) {
            if !path.starts_with("/?p=") {
                lines.push(format!("\"{path}\" \"{article}\";"));
            }
        }
    }
    // A slug is used as WordPress gave it only when it is a path segment of plain characters
    // and percent escapes (nothing that could end the map's quotes or line).
    let raw = |slug: &str| {
        (!slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_%.".contains(&b)))
        .then(|| slug.to_owned())
    };
    for category in categories {
        if let (Some(old), Some(section)) = (raw(&category.slug), sections.get(&category.id)) {
            lines.push(format!(
                "\"/category/{old}/\" \"{}\";",
                routes::section(&section.slug, 1)
            ));
        }
    }
    for tag in tags {
        let name = html::plain_text(&tag.name);
        if let (Some(old), false) = (raw(&tag.slug), name.is_empty()) {
            if routes::file_for(&routes::tag(&name, 1)).is_some() {
                lines.push(format!("\"/tag/{old}/\" \"{}\";", routes::tag(&name, 1)));
            }
        }
    }
    lines.push(String::new());
    writer.text(".wordpress/redirects.map", &lines.join("\n"))
}

/// The state, read as it streams from the file (at 100,000 posts it is about 100 MB of text,
/// which is never held whole).
fn read_state(file: &Path) -> Result<State, String> {
    match std::fs::File::open(file) {
        Ok(opened) => {
            let reader = std::io::BufReader::new(opened);
            let mut state: State = serde_json::from_reader(reader).map_err(|err| {
                format!(
                    "{}: does not read ({err}); move it away to import afresh",
                    file.display()
                )
            })?;
            for indexed in state.posts.values_mut() {
                indexed.summary.compact();
                indexed.photo.as_mut().map(Json::compact);
            }
            Ok(state)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
        Err(err) => Err(format!("{}: {err}", file.display())),
    }
}

/// The state, compact, streamed to its file (never built whole as one text).
fn write_state(file: &Path, state: &State) -> Result<(), String> {
    crate::build::output::write_streamed(file, |out| {
        serde_json::to_writer(out, state).map_err(std::io::Error::from)
    })
    .map_err(|err| format!("{}: {err}", file.display()))
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
    ids: BTreeSet<String>,
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
        Ok(Self {
            folder,
            ids: BTreeSet::new(),
        })
    }

    fn file(&self, id: &str) -> PathBuf {
        self.folder.join(format!("{id}.json"))
    }

    fn has(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    fn put(&mut self, id: &str, article: &Value) -> Result<(), String> {
        let file = self.file(id);
        std::fs::write(&file, pretty(article))
            .map_err(|err| format!("{}: {err}", file.display()))?;
        self.ids.insert(id.to_owned());
        Ok(())
    }

    fn drop(&mut self, id: &str) -> Result<(), String> {
        if self.ids.remove(id) {
            let file = self.file(id);
            std::fs::remove_file(&file).map_err(|err| format!("{}: {err}", file.display()))?;
        }
        Ok(())
    }

    /// Each staged article to `articles/{id}.json`, one at a time; then the folder goes.
    fn move_into(self, writer: &mut Writer) -> Result<(), String> {
        for id in &self.ids {
            let file = self.file(id);
            let text = std::fs::read_to_string(&file)
                .map_err(|err| format!("{}: {err}", file.display()))?;
            writer.text(&format!("articles/{id}.json"), &text)?;
        }
        std::fs::remove_dir_all(&self.folder)
            .map_err(|err| format!("{}: {err}", self.folder.display()))
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
    fn a_state_written_pretty_reads_back_as_the_same_compact_summaries() {
        let summary = json!({ "id": "7", "title": "제목 \"인용\"\n줄",
            "thumbnail": { "src": "/a.jpg", "srcset": [{ "src": "/a-300.jpg", "width": 300 }] } });
        let photo = summary["thumbnail"].clone();
        // As stop 34 wrote it: pretty.
        let old = json!({ "url": "http://cms.example", "high_water": null, "sections": {},
            "most_viewed_placeholder": null,
            "posts": { "7": { "published": "2026-11-21T16:40:00+09:00", "section": null, "tags": [],
                "reporter": null, "reporter_name": null, "sticky": false, "photo": photo,
                "summary": summary, "permalink": null } } });
        let folder = std::env::temp_dir().join(format!("wp-state-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("state.json");
        std::fs::write(&file, serde_json::to_string_pretty(&old).unwrap()).unwrap();
        let state = read_state(&file).unwrap();
        let post = &state.posts["7"];
        // The same as a run makes them now, so no post reads as changed after the upgrade.
        assert!(post.summary == Json::of(&summary));
        assert!(post.photo.as_ref() == Some(&Json::of(&photo)));
        assert_eq!(post.summary.value(), summary);
        // Written compact, and read back the same.
        std::fs::write(&file, serde_json::to_string(&state).unwrap()).unwrap();
        assert!(read_state(&file).unwrap().posts["7"].summary == Json::of(&summary));
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
