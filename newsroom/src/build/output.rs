//! The `output` stage: files written whole or not at all, the lock that lets one run at a time
//! write a bundle, what the bundle already holds, and the list of articles taken down.

use anyhow::Context;
use news_front::api::client::paths;
use news_front::api::preload;
use news_front::format::encode_path_segment;
use news_front::routes;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The file under the bundle that names the articles taken down (`docs/api-extensions.md`):
/// the app and its service worker read it to forget them.
pub const REMOVED_FILE: &str = "removed.json";

/// Where the search index reads an article from (`scripts/search-index.mjs`): its search
/// record, written beside its page from the same answer. A dot-folder: never deployed or
/// served.
pub const SEARCH_RECORDS: &str = ".search-records";

/// The search record of the article `id` (a plain id), under `dist`.
pub fn search_record(id: &str) -> String {
    format!("{SEARCH_RECORDS}/{id}.json")
}

/// The search index's journal (`.search-records/journal`): a line `{id}\t{month}` for each
/// search record a run wrote or deleted, with the month of the record it replaced (empty when
/// there was none), so that a publish's index renews only those (scripts/search-index.mjs
/// reads it, and empties it once they are in the index).
pub const SEARCH_JOURNAL: &str = ".search-records/journal";

/// Writes the search record of the article `id` (a plain id) under `dist`, noting it in the
/// journal when it changed.
pub fn write_search_record(dist: &Path, id: &str, record: &[u8]) -> std::io::Result<()> {
    let file = dist.join(search_record(id));
    // Read once: to leave an unchanged record as it is, and for the month it was filed under.
    let held = std::fs::read(&file).ok();
    if write_over(&file, record, held.as_deref())? {
        let before = held.as_deref().and_then(record_month);
        note_in_journal(dist, id, before.as_deref())?;
    }
    Ok(())
}

/// Deletes the search record of the article `id` (a plain id), noting it in the journal.
fn delete_search_record(dist: &Path, id: &str) -> std::io::Result<()> {
    let file = dist.join(search_record(id));
    let before = std::fs::read(&file).ok().as_deref().and_then(record_month);
    match std::fs::remove_file(&file) {
        Ok(()) => note_in_journal(dist, id, before.as_deref()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err),
    }
}

/// The month a search record (its bytes) was filed under (`YYYY-MM` or `undated`).
fn record_month(record: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Filed {
        month: String,
    }
    let filed: Filed = serde_json::from_slice(record).ok()?;
    filed
        .month
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        .then_some(filed.month)
}

/// Appends `{id}\t{month}` to the journal (one write, so runs' lines never mix).
fn note_in_journal(dist: &Path, id: &str, month: Option<&str>) -> std::io::Result<()> {
    let mut journal = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dist.join(SEARCH_JOURNAL))?;
    journal.write_all(format!("{id}\t{}\n", month.unwrap_or_default()).as_bytes())
}

/// The lock file: a run holds it from its first read of the bundle to its last write.
const LOCK_FILE: &str = ".prerender.lock";

/// Holds the bundle's lock until dropped. Two editors publishing at once take turns: the second
/// run waits, then reads the API and the bundle as the first left them.
pub struct Lock(#[allow(dead_code)] File);

pub fn lock(dist: &Path) -> anyhow::Result<Lock> {
    std::fs::create_dir_all(dist).with_context(|| format!("{}", dist.display()))?;
    let path = dist.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("{}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "prerender: another run is writing {}; waiting for it to end",
                dist.display()
            );
            file.lock()
                .with_context(|| format!("locking {}", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(err)) => {
            return Err(err).with_context(|| format!("locking {}", path.display()));
        }
    }
    Ok(Lock(file))
}

/// Writes `text` to `file` under `dist` (see [`write_atomic`]); a failure names the file.
pub fn write_file(dist: &Path, file: &str, text: &str) -> Result<(), String> {
    write_atomic(&dist.join(file), text.as_bytes())
        .map(drop)
        .map_err(|err| format!("{file}: {err}"))
}

/// A temporary name beside `file`, unique to this process and this call, so that threads (and
/// runs) writing the same file never share one.
pub fn temporary_beside(file: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    file.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `file`, then renames it over `file`: a reader gets
/// the old file or the new one, never half of one. A file that already holds `bytes` is left
/// as it is, so its time says when it last changed (the search index renews what changed by
/// it, and a sync to a CDN sends nothing for it). Says whether it wrote.
pub fn write_atomic(file: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    write_over(file, bytes, std::fs::read(file).ok().as_deref())
}

/// As [`write_atomic`], given what `file` holds now (`None`: nothing it can read).
fn write_over(file: &Path, bytes: &[u8], held: Option<&[u8]>) -> std::io::Result<bool> {
    if held == Some(bytes) {
        return Ok(false);
    }
    let temporary = write_beside(file, |out| out.write_all(bytes))?;
    rename_or_remove(&temporary, file)?;
    Ok(true)
}

/// Writes a file by `write` into a buffer over a temporary file beside `file`, then renames it
/// over `file` (see [`write_atomic`]), for what is too large to hold whole as one text; a file
/// that already holds the same bytes is left as it is. On a failure the temporary file goes and
/// `file` is as it was. Says whether it wrote.
pub fn write_streamed(
    file: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let temporary = write_beside(file, write)?;
    match same_bytes(&temporary, file) {
        Ok(true) => std::fs::remove_file(&temporary).map(|()| false),
        Ok(false) => rename_or_remove(&temporary, file).map(|()| true),
        Err(err) => {
            let _ = std::fs::remove_file(&temporary);
            Err(err)
        }
    }
}

/// `write` into a new temporary file beside `file` (its folder made if need be); gives its
/// path, or, on a failure, removes it.
fn write_beside(
    file: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = temporary_beside(file);
    File::create(&temporary)
        .and_then(|created| {
            let mut out = BufWriter::new(created);
            write(&mut out)?;
            out.flush()
        })
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })?;
    Ok(temporary)
}

/// The temporary file over `file`; on a failure the temporary file goes.
fn rename_or_remove(temporary: &Path, file: &Path) -> std::io::Result<()> {
    std::fs::rename(temporary, file).inspect_err(|_| {
        let _ = std::fs::remove_file(temporary);
    })
}

/// Whether two files hold the same bytes (a missing `b` holds none), read a buffer at a time.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::{BufRead, BufReader};
    let (Ok(a_len), Ok(b_len)) = (
        std::fs::metadata(a).map(|m| m.len()),
        std::fs::metadata(b).map(|m| m.len()),
    ) else {
        return Ok(false);
    };
    if a_len != b_len {
        return Ok(false);
    }
    let mut a = BufReader::new(File::open(a)?);
    let mut b = BufReader::new(File::open(b)?);
    loop {
        let (held_a, held_b) = (a.fill_buf()?, b.fill_buf()?);
        let length = held_a.len().min(held_b.len());
        if length == 0 {
            return Ok(held_a.len() == held_b.len());
        }
        if held_a[..length] != held_b[..length] {
            return Ok(false);
        }
        a.consume(length);
        b.consume(length);
    }
}

/// Writes `value` to `file` as pretty JSON (see [`write_atomic`]); a failure names the file.
pub fn write_json(file: &Path, value: &serde_json::Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    write_atomic(file, text.as_bytes())
        .map(drop)
        .map_err(|err| format!("{}: {err}", file.display()))
}

/// The addresses of the prerendered page files in `dist` (front page, sections, keywords,
/// reporters, articles, policies, photos, videos).
pub fn prerendered_addresses(dist: &Path) -> Vec<String> {
    fn walk(folder: &Path, prefix: &str, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
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
    for folder in routes::folder::ALL {
        walk(&dist.join(folder), &format!("/{folder}"), &mut found);
    }
    for page in [routes::PHOTOS, routes::VIDEOS] {
        if routes::file_for(page).is_some_and(|file| dist.join(file).is_file()) {
            found.push(page.to_owned());
        }
    }
    found
}

/// The ids of the articles whose pages the bundle holds.
pub fn article_files(dist: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dist.join(routes::folder::ARTICLE)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".html")?;
            routes::is_plain(id).then(|| id.to_owned())
        })
        .collect()
}

/// The articles taken down so far, as `removed.json` names them.
pub fn read_removed(dist: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(dist.join(REMOVED_FILE)).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    value["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|id| id.as_str())
        .filter(|id| routes::is_plain(id))
        .map(str::to_owned)
        .collect()
}

pub fn write_removed(dist: &Path, removed: &BTreeSet<String>) -> Result<(), String> {
    let text = serde_json::json!({ "articles": removed }).to_string();
    write_file(dist, REMOVED_FILE, &text)
}

/// The article as its page in the bundle holds it, read from the answers the page carries
/// (`preload::script_element`), so a takedown knows which lists showed it (its section, its
/// keywords, its reporter) even after the API has forgotten it.
pub fn page_article(dist: &Path, id: &str) -> Option<news_front::api::models::Article> {
    let html = std::fs::read_to_string(dist.join(routes::file_for(&routes::article(id))?)).ok()?;
    let start = format!(
        r#"<script type="application/json" id="{}">"#,
        preload::ELEMENT_ID
    );
    let from = html.find(&start)? + start.len();
    let to = from + html[from..].find("</script>")?;
    let answers: serde_json::Value = serde_json::from_str(&html[from..to]).ok()?;
    serde_json::from_value(answers.get(paths::article(id))?.clone()).ok()
}

/// The page files of a list (`section/gyeonggi`: its first page is `section/gyeonggi.html`
/// beside the folder, the others `section/gyeonggi/2.html` …), by page number.
fn list_page_files(dist: &Path, folder: &str) -> Vec<(u32, PathBuf)> {
    let mut files = vec![(1, dist.join(format!("{folder}.html")))];
    if let Ok(entries) = std::fs::read_dir(dist.join(folder)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let page = name
                .strip_suffix(".html")
                .and_then(|n| n.parse::<u32>().ok());
            if let Some(page) = page.filter(|page| *page >= 2) {
                files.push((page, entry.path()));
            }
        }
    }
    files.sort_unstable();
    files
}

/// Whether the page file `file` links to the article `id`.
pub fn links_to(file: &Path, id: &str) -> bool {
    let link = format!(r#"href="{}""#, routes::article(id));
    std::fs::read_to_string(file).is_ok_and(|html| html.contains(&link))
}

/// The pages of the list in `folder` (see [`list_page_files`]) whose files link to the article
/// `id`, by page number.
pub fn pages_linking(dist: &Path, folder: &str, id: &str) -> Vec<u32> {
    list_page_files(dist, folder)
        .into_iter()
        .filter(|(_, file)| links_to(file, id))
        .map(|(page, _)| page)
        .collect()
}

/// Deletes an article's page, and the preview card drawn of its title (a photo's crops may be
/// another page's too, and the photo is the CMS's). Whether there was a page.
pub fn delete_article(dist: &Path, id: &str) -> Result<bool, String> {
    let Some(file) = routes::file_for(&routes::article(id)) else {
        return Ok(false);
    };
    let html = std::fs::read_to_string(dist.join(&file)).unwrap_or_default();
    for (at, _) in html.match_indices("/preview/card-") {
        let name: String = html[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.'))
            .collect();
        if name.ends_with(".png") && !name.contains("..") {
            let _ = std::fs::remove_file(dist.join(name));
        }
    }
    if routes::is_plain(id) {
        delete_search_record(dist, id).map_err(|err| format!("{}: {err}", search_record(id)))?;
    }
    match std::fs::remove_file(dist.join(&file)) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(format!("{file}: {err}")),
    }
}

/// Deletes the pages and feeds of the lists under `folder` (`tag`, `reporter`) that no article
/// is on any more (a whole-site run's `keep`); `feed` names a list's feed. How many lists went.
pub fn delete_other_lists(
    dist: &Path,
    folder: &str,
    keep: &BTreeSet<String>,
    feed: fn(&str) -> Option<String>,
) -> usize {
    let Ok(entries) = std::fs::read_dir(dist.join(folder)) else {
        return 0;
    };
    let mut gone = BTreeSet::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let keyword = name.strip_suffix(".html").unwrap_or(&name).to_owned();
        if name.starts_with('.') || keep.contains(&keyword) {
            continue;
        }
        let path = entry.path();
        let _ = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        if let Some(feed) = feed(&keyword).and_then(|feed| routes::feed_file(&feed)) {
            let _ = std::fs::remove_file(dist.join(feed));
        }
        gone.insert(keyword);
    }
    gone.len()
}

/// Deletes a list's pages from `from` on (a list that became shorter); its first page stays.
pub fn delete_list_pages_from(dist: &Path, folder: &str, from: u32) -> Vec<u32> {
    let mut deleted = Vec::new();
    for (page, file) in list_page_files(dist, folder) {
        if page >= from.max(2) && std::fs::remove_file(file).is_ok() {
            deleted.push(page);
        }
    }
    deleted
}

#[cfg(test)]
mod tests {
    use super::super::plan::PageKind;
    use super::*;

    #[test]
    fn temporary_names_never_repeat() {
        let file = Path::new("/tmp/x/index.html");
        let (a, b) = (temporary_beside(file), temporary_beside(file));
        assert_ne!(a, b);
        assert_eq!(a.parent(), file.parent());
        assert!(a
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(".index.html.")));
    }

    /// A page of every kind the command writes. A new kind fails to compile in the match
    /// below until it is added here too.
    fn one_page_of_each_kind() -> Vec<PageKind> {
        let pages = vec![
            PageKind::Home,
            PageKind::Section {
                slug: "gyeonggi".into(),
                page: 2,
            },
            PageKind::Tag {
                keyword: "수원 화성".into(),
                page: 1,
            },
            PageKind::Reporter {
                slug: "yerin-kang".into(),
                page: 1,
            },
            PageKind::Article { id: "1065".into() },
            PageKind::Policy {
                slug: "privacy".into(),
            },
            PageKind::Photos,
            PageKind::Videos,
        ];
        for page in &pages {
            match page {
                PageKind::Home
                | PageKind::Section { .. }
                | PageKind::Tag { .. }
                | PageKind::Reporter { .. }
                | PageKind::Article { .. }
                | PageKind::Policy { .. }
                | PageKind::Photos
                | PageKind::Videos => {}
            }
        }
        pages
    }

    #[test]
    fn the_bundle_s_pages_are_found_again_whatever_their_kind() {
        let dist = std::env::temp_dir().join(format!("prerendered-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let mut written = Vec::new();
        for page in one_page_of_each_kind() {
            let address = page.address();
            let file = dist.join(routes::file_for(&address).unwrap());
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, "<!doctype html>").unwrap();
            written.push(address);
        }
        // Neither a file the run is still writing nor a non-page is a page.
        std::fs::write(dist.join("article/.1066.html.tmp"), "").unwrap();
        std::fs::write(dist.join("robots.txt"), "").unwrap();
        let mut found = prerendered_addresses(&dist);
        found.sort();
        written.sort();
        assert_eq!(found, written);
        assert_eq!(article_files(&dist), ["1065"]);
        let _ = std::fs::remove_dir_all(&dist);
    }
}
