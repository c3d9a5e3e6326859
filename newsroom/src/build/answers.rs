//! The `answers` stage: the API's answers for one run, fetched `jobs` at a time, read as the app
//! reads them, with the articles taken down left out of every list.

use crate::source::Source;
use news_front::api::ApiError;
use serde::de::DeserializeOwned;
use std::collections::{BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A paged list the command follows: a section's articles, a keyword's, a reporter's.
pub trait Paged: DeserializeOwned {
    /// This page's number and the number of pages, both counted from 1.
    fn pages(&self) -> (u32, u32);
}

impl Paged for news_front::api::models::SectionPage {
    fn pages(&self) -> (u32, u32) {
        (self.page, self.total_pages)
    }
}

impl Paged for news_front::api::models::TagPage {
    fn pages(&self) -> (u32, u32) {
        (self.page, self.total_pages)
    }
}

impl Paged for news_front::api::models::ReporterPage {
    fn pages(&self) -> (u32, u32) {
        (self.page, self.total_pages)
    }
}

pub struct Answers {
    source: Source,
    jobs: usize,
    got: HashMap<String, Result<serde_json::Value, ApiError>>,
    /// The ids of the articles taken down: no list the run writes names them, whatever the
    /// API still says (a CMS's lists may lag behind its takedown).
    removed: BTreeSet<String>,
}

impl Answers {
    pub fn new(source: Source, jobs: usize) -> Self {
        Self {
            source,
            jobs,
            got: HashMap::new(),
            removed: BTreeSet::new(),
        }
    }

    /// Leaves the articles `removed` out of every list already fetched and of those to come.
    pub fn leave_out(&mut self, removed: &BTreeSet<String>) {
        self.removed = removed.clone();
        for value in self.got.values_mut().flatten() {
            strip(value, &self.removed);
        }
    }

    /// Fetches the paths not fetched yet, `jobs` at a time.
    pub fn fetch(&mut self, paths: impl IntoIterator<Item = String>) {
        let paths: Vec<String> = paths
            .into_iter()
            .filter(|path| !self.got.contains_key(path))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if paths.is_empty() {
            return;
        }
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let progress = Progress::new("fetching", paths.len());
        let source = &self.source;
        // Each worker hands back what it fetched: no answer can be lost on the way.
        let fetched: Vec<(String, Result<serde_json::Value, ApiError>)> =
            std::thread::scope(|scope| {
                let workers: Vec<_> = (0..self.jobs.min(paths.len()))
                    .map(|_| {
                        scope.spawn(|| {
                            let mut mine = Vec::new();
                            loop {
                                let index = next.fetch_add(1, Ordering::Relaxed);
                                let Some(path) = paths.get(index) else { break };
                                mine.push((path.clone(), source.get(path)));
                                progress.show(done.fetch_add(1, Ordering::Relaxed) + 1);
                            }
                            mine
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|worker| {
                        // A worker that panicked took its answers with it: they are asked
                        // again, one by one, rather than silently missing.
                        worker.join().unwrap_or_default()
                    })
                    .collect()
            });
        progress.done();
        let mut fetched: HashMap<_, _> = fetched.into_iter().collect();
        for path in paths {
            let answer = fetched
                .remove(&path)
                .unwrap_or_else(|| self.source.get(&path));
            let answer = answer.map(|mut value| {
                strip(&mut value, &self.removed);
                value
            });
            self.got.insert(path, answer);
        }
    }

    /// Whether the API answered `path` with 404.
    pub fn not_found(&self, path: &str) -> bool {
        matches!(self.got.get(path), Some(Err(ApiError::NotFound)))
    }

    /// The answer for `path` read as the app reads it, or why it cannot be.
    pub fn model<T: DeserializeOwned>(&self, path: &str) -> Result<(T, serde_json::Value), String> {
        let reason = |error: &ApiError| format!("{}: {error}", self.source.describe(path));
        match self.got.get(path) {
            Some(Ok(value)) => T::deserialize(value)
                .map(|model| (model, value.clone()))
                .map_err(|err| reason(&ApiError::Decode(err.to_string()))),
            Some(Err(error)) => Err(reason(error)),
            None => Err(format!("{}: not requested", self.source.describe(path))),
        }
    }

    /// A list's page as the app reads it; a page past the last is not there (the app shows
    /// it as not found), so no file is written for it.
    pub fn list_page<T: Paged>(&self, path: &str) -> Result<(T, serde_json::Value), String> {
        let (list, value) = self.model::<T>(path)?;
        match list.pages() {
            (page, total) if page > total => Err(format!(
                "{}: page {page} of {total}",
                self.source.describe(path)
            )),
            _ => Ok((list, value)),
        }
    }

    /// Drops the answers that `keep` does not want any more, so a whole-site run holds one
    /// batch of pages at a time.
    pub fn forget(&mut self, keep: impl Fn(&str) -> bool) {
        self.got.retain(|path, _| keep(path));
    }
}

/// Leaves out of every list in `value` the entries that are articles in `removed` (an object
/// with an `id`, as a summary is; ids may come as numbers).
fn strip(value: &mut serde_json::Value, removed: &BTreeSet<String>) {
    if removed.is_empty() {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            items.retain(|item| {
                // A summary's `id`; a photo news item's `article_id`.
                let id = match item.get("id").or_else(|| item.get("article_id")) {
                    Some(serde_json::Value::String(id)) => id.trim().to_owned(),
                    Some(serde_json::Value::Number(id)) => id.to_string(),
                    _ => return true,
                };
                item.get("title").is_none() || !removed.contains(&id)
            });
            items.iter_mut().for_each(|item| strip(item, removed));
        }
        serde_json::Value::Object(members) => {
            members
                .values_mut()
                .for_each(|member| strip(member, removed));
        }
        _ => {}
    }
}

/// A progress line on a terminal (nothing when the output is a file or a pipe).
pub struct Progress {
    what: &'static str,
    total: usize,
    shown: bool,
}

impl Progress {
    pub fn new(what: &'static str, total: usize) -> Self {
        let shown = std::io::stderr().is_terminal() && total > 20;
        Self { what, total, shown }
    }

    pub fn show(&self, done: usize) {
        if self.shown && (done.is_multiple_of(10) || done == self.total) {
            eprint!("\r{} {done}/{}", self.what, self.total);
            let _ = std::io::stderr().flush();
        }
    }

    pub fn done(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_taken_down_leaves_every_list_but_nothing_else() {
        let removed = BTreeSet::from(["1065".to_owned()]);
        let mut home = serde_json::json!({
            "lead": [{"id": "1065", "title": "a"}, {"id": 1066, "title": "b"}],
            "sections": [{"articles": [{"id": 1065, "title": "a"}, {"id": " 1065 ", "title": "a"}]}],
            "body": [{"type": "image", "id": "1065"}],
            "items": [{"article_id": "1065", "title": "a"}],
        });
        strip(&mut home, &removed);
        assert_eq!(
            home,
            serde_json::json!({
                "lead": [{"id": 1066, "title": "b"}],
                "sections": [{"articles": []}],
                "body": [{"type": "image", "id": "1065"}],
                "items": [],
            })
        );
    }
}
