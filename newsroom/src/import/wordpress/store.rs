//! The import's state between runs, in SQLite (`{api}/.wordpress/state.sqlite`): each imported
//! post's place in the lists (its date, section, keywords, reporter, photo), its summary and its
//! old address, the sections by category, and the run's marks. A run reads and writes it in one
//! transaction, committed only when the run has succeeded; the lists are written from queries
//! that stream their members in order, so a run holds a page of a list, never the archive.

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A post as the lists need it.
#[derive(Clone, PartialEq, Debug)]
pub struct Indexed {
    /// `published_at`, RFC 3339 in KST, for ordering.
    pub published: String,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub reporter: Option<String>,
    /// The reporter's name, as their page shows it.
    pub reporter_name: Option<String>,
    pub sticky: bool,
    /// The featured image, for 포토뉴스, as compact JSON.
    pub photo: Option<String>,
    /// The contract's Summary of the article, as compact JSON.
    pub summary: String,
    /// The post's address on the old site (its permalink's path), for the redirects.
    pub permalink: Option<String>,
}

impl Indexed {
    /// Whether `other` (the same post, changed) keeps its place in every list: the same time,
    /// section, keywords and reporter (whose name heads their list). Its lists then keep their
    /// order and length, and only the page of each that shows it changes.
    pub fn same_places(&self, other: &Indexed) -> bool {
        self.published == other.published
            && self.section == other.section
            && self.tags == other.tags
            && self.reporter == other.reporter
            && self.reporter_name == other.reporter_name
    }
}

#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct SectionName {
    pub slug: String,
    pub name: String,
}

/// Which posts a walk takes.
#[derive(Clone, Copy)]
pub enum Members<'a> {
    All,
    Sticky,
    NotSticky,
    WithPhoto,
    Section(&'a str),
    Tag(&'a str),
    Reporter(&'a str),
}

impl Members<'_> {
    /// The query's tables and condition, and its one parameter.
    fn clause(&self) -> (&'static str, Option<&str>) {
        match self {
            Self::All => ("posts p", None),
            Self::Sticky => ("posts p WHERE p.sticky = 1", None),
            Self::NotSticky => ("posts p WHERE p.sticky = 0", None),
            Self::WithPhoto => ("posts p WHERE p.photo IS NOT NULL", None),
            Self::Section(slug) => ("posts p WHERE p.section = ?1", Some(slug)),
            Self::Reporter(slug) => ("posts p WHERE p.reporter = ?1", Some(slug)),
            Self::Tag(tag) => (
                "post_tags t JOIN posts p ON p.id = t.id WHERE t.tag = ?1",
                Some(tag),
            ),
        }
    }

    /// The table whose `published` and `id` the list is ordered by: a keyword's list by its own
    /// copy of each post's time, which its index holds in order (the posts' own would be sorted
    /// on every query).
    fn ordered_by(&self) -> &'static str {
        match self {
            Self::All
            | Self::Sticky
            | Self::NotSticky
            | Self::WithPhoto
            | Self::Section(_)
            | Self::Reporter(_) => "p",
            Self::Tag(_) => "t",
        }
    }
}

const COLUMNS: &str = "p.id, p.published, p.section, p.tags, p.reporter, p.reporter_name, \
                       p.sticky, p.photo, p.summary, p.permalink";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS marks (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sections (
    category INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    published TEXT NOT NULL,
    section TEXT,
    tags TEXT NOT NULL,
    reporter TEXT,
    reporter_name TEXT,
    sticky INTEGER NOT NULL,
    photo TEXT,
    summary TEXT NOT NULL,
    permalink TEXT);
CREATE INDEX IF NOT EXISTS posts_newest ON posts (published, id);
CREATE INDEX IF NOT EXISTS posts_by_section ON posts (section, published, id);
CREATE INDEX IF NOT EXISTS posts_by_reporter ON posts (reporter, published, id);
-- The front page's sticky posts and 포토뉴스: found without reading every post (most have
-- neither).
CREATE INDEX IF NOT EXISTS posts_sticky ON posts (published, id) WHERE sticky = 1;
CREATE INDEX IF NOT EXISTS posts_with_photo ON posts (published, id) WHERE photo IS NOT NULL;
-- Each post's keywords, with its time again: a keyword's list comes from its index in order.
CREATE TABLE IF NOT EXISTS post_tags (
    id INTEGER NOT NULL, tag TEXT NOT NULL, published TEXT NOT NULL,
    PRIMARY KEY (id, tag)) WITHOUT ROWID;
-- The posts the site lists that are behind a password (never published here), by their time:
-- the site counts them among its public posts.
CREATE TABLE IF NOT EXISTS protected (id INTEGER PRIMARY KEY, published TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS protected_newest ON protected (published);
";

/// Made once `post_tags` has its `published` (see [`Store::open`]).
const TAG_INDEX: &str = "
DROP INDEX IF EXISTS post_tags_by_tag;
CREATE INDEX IF NOT EXISTS post_tags_newest ON post_tags (tag, published, id);
";

/// The state, with the run's transaction open: dropped without [`Store::commit`], everything
/// the run changed is rolled back.
pub struct Store {
    db: Connection,
}

type Result<T> = std::result::Result<T, String>;

fn failed(file: &Path) -> impl Fn(rusqlite::Error) -> String + '_ {
    move |err| format!("{}: {err}", file.display())
}

impl Store {
    /// The state at `file`, if there is one, read before the run asks the site anything.
    pub fn existing(file: &Path) -> Result<Option<Self>> {
        if !file.is_file() {
            return Ok(None);
        }
        Self::open(file, OpenFlags::SQLITE_OPEN_READ_WRITE).map(Some)
    }

    /// The state at `file`, made if there is none.
    pub fn create(file: &Path) -> Result<Self> {
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| format!("{}: {err}", parent.display()))?;
        }
        Self::open(
            file,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    fn open(file: &Path, flags: OpenFlags) -> Result<Self> {
        let db = Connection::open_with_flags(file, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(failed(file))?;
        // Two imports into one folder: the second waits for the first's transaction.
        db.busy_timeout(std::time::Duration::from_secs(600))
            .map_err(failed(file))?;
        db.execute_batch("BEGIN IMMEDIATE").map_err(failed(file))?;
        let unreadable = |err: rusqlite::Error| {
            format!(
                "{}: does not read ({err}); move it away to import afresh",
                file.display()
            )
        };
        db.execute_batch(SCHEMA).map_err(unreadable)?;
        // The state of stop 37 and before: its keywords without their posts' times (given
        // once, in this run's transaction).
        let dated: bool = db
            .query_row(
                "SELECT count(*) FROM pragma_table_info('post_tags') WHERE name = 'published'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|count| count > 0)
            .map_err(unreadable)?;
        if !dated {
            db.execute_batch(
                "ALTER TABLE post_tags ADD COLUMN published TEXT NOT NULL DEFAULT '';
                 UPDATE post_tags SET published =
                     (SELECT published FROM posts WHERE posts.id = post_tags.id);",
            )
            .map_err(unreadable)?;
        }
        db.execute_batch(TAG_INDEX).map_err(unreadable)?;
        Ok(Self { db })
    }

    /// Everything the run changed, kept.
    pub fn commit(self) -> Result<()> {
        self.db.execute_batch("COMMIT").map_err(sql)
    }

    pub fn mark(&self, key: &str) -> Result<Option<String>> {
        self.db
            .query_row("SELECT value FROM marks WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .map_err(sql)
    }

    pub fn set_mark(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(value) => self.db.execute(
                "INSERT INTO marks (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            ),
            None => self.db.execute("DELETE FROM marks WHERE key = ?1", [key]),
        }
        .map(drop)
        .map_err(sql)
    }

    pub fn sections(&self) -> Result<BTreeMap<u64, SectionName>> {
        let mut statement = self
            .db
            .prepare_cached("SELECT category, slug, name FROM sections")
            .map_err(sql)?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)? as u64,
                    SectionName {
                        slug: row.get(1)?,
                        name: row.get(2)?,
                    },
                ))
            })
            .map_err(sql)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sql)
    }

    pub fn set_sections(&self, sections: &BTreeMap<u64, SectionName>) -> Result<()> {
        self.db.execute("DELETE FROM sections", []).map_err(sql)?;
        for (category, section) in sections {
            self.db
                .execute(
                    "INSERT INTO sections (category, slug, name) VALUES (?1, ?2, ?3)",
                    params![*category as i64, section.slug, section.name],
                )
                .map_err(sql)?;
        }
        Ok(())
    }

    pub fn post(&self, id: u64) -> Result<Option<Indexed>> {
        let mut statement = self
            .db
            .prepare_cached(&format!("SELECT {COLUMNS} FROM posts p WHERE p.id = ?1"))
            .map_err(sql)?;
        statement
            .query_row([id as i64], indexed)
            .optional()
            .map(|found| found.map(|(_, indexed)| indexed))
            .map_err(sql)
    }

    pub fn has(&self, id: u64) -> Result<bool> {
        self.post(id).map(|post| post.is_some())
    }

    pub fn put(&self, id: u64, post: &Indexed) -> Result<()> {
        let tags = serde_json::to_string(&post.tags).unwrap_or_else(|_| "[]".to_owned());
        self.db
            .prepare_cached(
                "INSERT OR REPLACE INTO posts (id, published, section, tags, reporter, \
                 reporter_name, sticky, photo, summary, permalink) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut statement| {
                statement.execute(params![
                    id as i64,
                    post.published,
                    post.section,
                    tags,
                    post.reporter,
                    post.reporter_name,
                    post.sticky,
                    post.photo,
                    post.summary,
                    post.permalink,
                ])
            })
            .map_err(sql)?;
        self.db
            .prepare_cached("DELETE FROM post_tags WHERE id = ?1")
            .and_then(|mut statement| statement.execute([id as i64]))
            .map_err(sql)?;
        let mut insert = self
            .db
            .prepare_cached(
                "INSERT OR IGNORE INTO post_tags (id, tag, published) VALUES (?1, ?2, ?3)",
            )
            .map_err(sql)?;
        for tag in &post.tags {
            insert
                .execute(params![id as i64, tag, post.published])
                .map_err(sql)?;
        }
        Ok(())
    }

    /// Takes a post out, giving what it was.
    pub fn remove(&self, id: u64) -> Result<Option<Indexed>> {
        let old = self.post(id)?;
        if old.is_some() {
            self.db
                .execute("DELETE FROM posts WHERE id = ?1", [id as i64])
                .map_err(sql)?;
            self.db
                .execute("DELETE FROM post_tags WHERE id = ?1", [id as i64])
                .map_err(sql)?;
        }
        Ok(old)
    }

    pub fn count(&self, members: Members) -> Result<usize> {
        let (from, parameter) = members.clause();
        let query = format!("SELECT count(*) FROM {from}");
        let mut statement = self.db.prepare_cached(&query).map_err(sql)?;
        let count: i64 = match parameter {
            Some(parameter) => statement.query_row([parameter], |row| row.get(0)),
            None => statement.query_row([], |row| row.get(0)),
        }
        .map_err(sql)?;
        Ok(count.max(0) as usize)
    }

    /// Hands `take` the posts `members` names, newest first (then the highest id), as they
    /// come from the database, `limit` of them at most.
    pub fn newest(
        &self,
        members: Members,
        limit: Option<usize>,
        take: impl FnMut(u64, Indexed) -> Result<()>,
    ) -> Result<()> {
        self.newest_from(members, 0, limit, take)
    }

    /// As [`Store::newest`], from the `offset`-th post on (a list's later page).
    pub fn newest_from(
        &self,
        members: Members,
        offset: usize,
        limit: Option<usize>,
        take: impl FnMut(u64, Indexed) -> Result<()>,
    ) -> Result<()> {
        let (from, parameter) = members.clause();
        let limit = limit.map_or(-1, |limit| limit as i64);
        let by = members.ordered_by();
        let query = format!(
            "SELECT {COLUMNS} FROM {from} ORDER BY {by}.published DESC, {by}.id DESC \
             LIMIT {limit} OFFSET {offset}"
        );
        self.walk(&query, parameter, take)
    }

    /// How many of the posts `members` names come before the post (`published`, `id`), newest
    /// first: its place in the list, from 0.
    pub fn place(&self, members: Members, published: &str, id: u64) -> Result<usize> {
        let (from, parameter) = members.clause();
        let joiner = if from.contains(" WHERE ") {
            "AND"
        } else {
            "WHERE"
        };
        let by = members.ordered_by();
        let query =
            format!("SELECT count(*) FROM {from} {joiner} ({by}.published, {by}.id) > (?2, ?3)");
        let mut statement = self.db.prepare_cached(&query).map_err(sql)?;
        let count: i64 = statement
            .query_row(
                rusqlite::params![parameter.unwrap_or_default(), published, id as i64],
                |row| row.get(0),
            )
            .map_err(sql)?;
        Ok(count.max(0) as usize)
    }

    /// Hands `take` every post's id and WordPress permalink, by id (nothing else is read).
    pub fn permalinks(&self, mut take: impl FnMut(u64, Option<&str>) -> Result<()>) -> Result<()> {
        let mut statement = self
            .db
            .prepare_cached("SELECT id, permalink FROM posts ORDER BY id")
            .map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let id: i64 = row.get(0).map_err(sql)?;
            let permalink: Option<String> = row.get(1).map_err(sql)?;
            take(id as u64, permalink.as_deref())?;
        }
        Ok(())
    }

    fn walk(
        &self,
        query: &str,
        parameter: Option<&str>,
        mut take: impl FnMut(u64, Indexed) -> Result<()>,
    ) -> Result<()> {
        let mut statement = self.db.prepare_cached(query).map_err(sql)?;
        let mut rows = match parameter {
            Some(parameter) => statement.query([parameter]),
            None => statement.query([]),
        }
        .map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let (id, post) = indexed(row).map_err(sql)?;
            take(id, post)?;
        }
        Ok(())
    }

    /// The ids of the posts in a section.
    pub fn ids_in_section(&self, slug: &str) -> Result<Vec<u64>> {
        let mut statement = self
            .db
            .prepare_cached("SELECT id FROM posts WHERE section = ?1 ORDER BY id")
            .map_err(sql)?;
        let rows = statement
            .query_map([slug], |row| row.get::<_, i64>(0).map(|id| id as u64))
            .map_err(sql)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sql)
    }

    /// How many posts each section has.
    pub fn section_counts(&self) -> Result<HashMap<String, usize>> {
        let mut statement = self
            .db
            .prepare_cached(
                "SELECT section, count(*) FROM posts WHERE section IS NOT NULL GROUP BY section",
            )
            .map_err(sql)?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?.max(0) as usize,
                ))
            })
            .map_err(sql)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sql)
    }

    /// Every section, keyword and reporter some post is on.
    pub fn list_keys(&self) -> Result<[BTreeSet<String>; 3]> {
        let keys = |query: &str| -> Result<BTreeSet<String>> {
            let mut statement = self.db.prepare(query).map_err(sql)?;
            let rows = statement
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(sql)?;
            rows.collect::<rusqlite::Result<_>>().map_err(sql)
        };
        Ok([
            keys("SELECT DISTINCT section FROM posts WHERE section IS NOT NULL")?,
            keys("SELECT DISTINCT tag FROM post_tags")?,
            keys("SELECT DISTINCT reporter FROM posts WHERE reporter IS NOT NULL")?,
        ])
    }

    /// Notes that the site lists the post `id` (published at `published`) behind a password,
    /// or (`None`) not.
    pub fn set_protected(&self, id: u64, published: Option<&str>) -> Result<()> {
        match published {
            Some(published) => self
                .db
                .prepare_cached("INSERT OR REPLACE INTO protected (id, published) VALUES (?1, ?2)")
                .and_then(|mut statement| statement.execute(params![id as i64, published])),
            None => self
                .db
                .prepare_cached("DELETE FROM protected WHERE id = ?1")
                .and_then(|mut statement| statement.execute([id as i64])),
        }
        .map(drop)
        .map_err(sql)
    }

    /// How many posts the site should list as public published from `from` (inclusive) to
    /// `to` (exclusive), unbounded where `None`: those imported and those behind a password.
    pub fn count_published(&self, from: Option<&str>, to: Option<&str>) -> Result<usize> {
        let (from, to) = bounds(from, to);
        self.db
            .prepare_cached(
                "SELECT (SELECT count(*) FROM posts WHERE published >= ?1 AND published < ?2)
                      + (SELECT count(*) FROM protected r WHERE published >= ?1 AND published < ?2
                         AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = r.id))",
            )
            .and_then(|mut statement| statement.query_row([from, to], |row| row.get::<_, i64>(0)))
            .map(|count| count.max(0) as usize)
            .map_err(sql)
    }

    /// The time of the `n`-th post imported (from 0, oldest first) of those published from
    /// `from` to `to`.
    pub fn nth_published(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        n: usize,
    ) -> Result<Option<String>> {
        let (from, to) = bounds(from, to);
        self.db
            .prepare_cached(
                "SELECT published FROM posts WHERE published >= ?1 AND published < ?2
                 ORDER BY published LIMIT 1 OFFSET ?3",
            )
            .and_then(|mut statement| {
                statement
                    .query_row(params![from, to, n as i64], |row| row.get(0))
                    .optional()
            })
            .map_err(sql)
    }

    /// The ids [`Store::count_published`] counts.
    pub fn ids_published(&self, from: Option<&str>, to: Option<&str>) -> Result<BTreeSet<u64>> {
        let (from, to) = bounds(from, to);
        let mut statement = self
            .db
            .prepare_cached(
                "SELECT id FROM posts WHERE published >= ?1 AND published < ?2
                 UNION SELECT id FROM protected WHERE published >= ?1 AND published < ?2",
            )
            .map_err(sql)?;
        let rows = statement
            .query_map([from, to], |row| row.get::<_, i64>(0).map(|id| id as u64))
            .map_err(sql)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sql)
    }

    /// Starts a count of the ids the site lists as public (a table of this run only).
    pub fn begin_public(&self) -> Result<()> {
        self.db
            .execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS public (id INTEGER PRIMARY KEY);
                 DELETE FROM public;",
            )
            .map_err(sql)
    }

    pub fn add_public(&self, ids: impl IntoIterator<Item = u64>) -> Result<()> {
        let mut insert = self
            .db
            .prepare_cached("INSERT OR IGNORE INTO public (id) VALUES (?1)")
            .map_err(sql)?;
        for id in ids {
            insert.execute([id as i64]).map_err(sql)?;
        }
        Ok(())
    }

    /// The posts imported before that the site no longer lists as public (and those behind a
    /// password it no longer lists are forgotten).
    pub fn not_public(&self) -> Result<Vec<u64>> {
        self.db
            .execute(
                "DELETE FROM protected WHERE id NOT IN (SELECT id FROM public)",
                [],
            )
            .map_err(sql)?;
        let mut statement = self
            .db
            .prepare("SELECT id FROM posts WHERE id NOT IN (SELECT id FROM public) ORDER BY id")
            .map_err(sql)?;
        let rows = statement
            .query_map([], |row| row.get::<_, i64>(0).map(|id| id as u64))
            .map_err(sql)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sql)
    }
}

/// A range of times as the queries compare them: from the first to past the last.
fn bounds<'a>(from: Option<&'a str>, to: Option<&'a str>) -> (&'a str, &'a str) {
    (from.unwrap_or(""), to.unwrap_or("~"))
}

fn sql(err: rusqlite::Error) -> String {
    format!("the import's state (.wordpress/state.sqlite): {err}")
}

fn indexed(row: &Row) -> rusqlite::Result<(u64, Indexed)> {
    let tags: String = row.get(3)?;
    Ok((
        row.get::<_, i64>(0)? as u64,
        Indexed {
            published: row.get(1)?,
            section: row.get(2)?,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
            reporter: row.get(4)?,
            reporter_name: row.get(5)?,
            sticky: row.get(6)?,
            photo: row.get(7)?,
            summary: row.get(8)?,
            permalink: row.get(9)?,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(published: &str, section: Option<&str>, tags: &[&str]) -> Indexed {
        Indexed {
            published: published.to_owned(),
            section: section.map(str::to_owned),
            tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
            reporter: Some("kim".to_owned()),
            reporter_name: Some("김기자".to_owned()),
            sticky: false,
            photo: None,
            summary: format!("{{\"published_at\":\"{published}\"}}"),
            permalink: None,
        }
    }

    fn ids(store: &Store, members: Members, limit: Option<usize>) -> Vec<u64> {
        let mut found = Vec::new();
        store
            .newest(members, limit, |id, _| {
                found.push(id);
                Ok(())
            })
            .unwrap();
        found
    }

    #[test]
    fn lists_come_newest_first_and_a_run_not_committed_leaves_nothing() {
        let folder = std::env::temp_dir().join(format!("wp-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        let file = folder.join("state.sqlite");
        assert!(Store::existing(&file).unwrap().is_none());
        let store = Store::create(&file).unwrap();
        store
            .put(
                3,
                &post("2026-11-02T09:00:00+09:00", Some("politics"), &["선거"]),
            )
            .unwrap();
        store
            .put(
                10,
                &post("2026-11-02T09:00:00+09:00", Some("politics"), &[]),
            )
            .unwrap();
        store
            .put(
                2,
                &post(
                    "2026-11-03T09:00:00+09:00",
                    Some("economy"),
                    &["선거", "물가"],
                ),
            )
            .unwrap();
        store
            .set_mark("high_water", Some("2026-11-03T00:00:00"))
            .unwrap();
        // Newest first; the same time, the highest id first (10 before 3, not as text).
        assert_eq!(ids(&store, Members::All, None), [2, 10, 3]);
        assert_eq!(ids(&store, Members::All, Some(2)), [2, 10]);
        assert_eq!(ids(&store, Members::Section("politics"), None), [10, 3]);
        assert_eq!(ids(&store, Members::Tag("선거"), None), [2, 3]);
        assert_eq!(store.count(Members::Tag("물가")).unwrap(), 1);
        // A post's place in a list, and the list from a place on (a later page).
        let time = "2026-11-02T09:00:00+09:00";
        assert_eq!(store.place(Members::All, time, 10).unwrap(), 1);
        assert_eq!(store.place(Members::All, time, 3).unwrap(), 2);
        assert_eq!(store.place(Members::Tag("선거"), time, 3).unwrap(), 1);
        assert_eq!(
            store.place(Members::Section("politics"), time, 10).unwrap(),
            0
        );
        let mut later = Vec::new();
        store
            .newest_from(Members::All, 1, Some(1), |id, _| {
                later.push(id);
                Ok(())
            })
            .unwrap();
        assert_eq!(later, [10]);
        // A post moved off a keyword leaves its list.
        store
            .put(
                2,
                &post("2026-11-03T09:00:00+09:00", Some("economy"), &["물가"]),
            )
            .unwrap();
        assert_eq!(ids(&store, Members::Tag("선거"), None), [3]);
        store.commit().unwrap();

        // A run that fails after changing things changes nothing.
        let store = Store::existing(&file).unwrap().unwrap();
        assert_eq!(store.remove(3).unwrap().unwrap().tags, ["선거"]);
        store
            .set_mark("high_water", Some("2026-12-01T00:00:00"))
            .unwrap();
        drop(store);
        let store = Store::existing(&file).unwrap().unwrap();
        assert!(store.has(3).unwrap());
        assert_eq!(
            store.mark("high_water").unwrap().as_deref(),
            Some("2026-11-03T00:00:00")
        );
        // The posts the site no longer lists.
        store.begin_public().unwrap();
        store.add_public([2, 3]).unwrap();
        assert_eq!(store.not_public().unwrap(), [10]);
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_state_of_stop_37_gives_its_keywords_their_posts_times() {
        let folder = std::env::temp_dir().join(format!("wp-store-37-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("state.sqlite");
        let old = Connection::open(&file).unwrap();
        old.execute_batch(
            "CREATE TABLE posts (id INTEGER PRIMARY KEY, published TEXT NOT NULL, section TEXT,
                 tags TEXT NOT NULL, reporter TEXT, reporter_name TEXT, sticky INTEGER NOT NULL,
                 photo TEXT, summary TEXT NOT NULL, permalink TEXT);
             CREATE TABLE post_tags (id INTEGER NOT NULL, tag TEXT NOT NULL,
                 PRIMARY KEY (id, tag)) WITHOUT ROWID;
             CREATE INDEX post_tags_by_tag ON post_tags (tag, id);
             INSERT INTO posts VALUES
                 (1, '2026-11-03T09:00:00+09:00', NULL, '[\"선거\"]', NULL, NULL, 0, NULL, '{}', NULL),
                 (2, '2026-11-01T09:00:00+09:00', NULL, '[\"선거\"]', NULL, NULL, 0, NULL, '{}', NULL),
                 (3, '2026-11-02T09:00:00+09:00', NULL, '[\"선거\"]', NULL, NULL, 0, NULL, '{}', NULL);
             INSERT INTO post_tags VALUES (1, '선거'), (2, '선거'), (3, '선거');",
        )
        .unwrap();
        drop(old);
        let store = Store::existing(&file).unwrap().unwrap();
        assert_eq!(ids(&store, Members::Tag("선거"), None), [1, 3, 2]);
        assert_eq!(
            store
                .place(Members::Tag("선거"), "2026-11-02T09:00:00+09:00", 3)
                .unwrap(),
            1
        );
        store.commit().unwrap();
        let store = Store::existing(&file).unwrap().unwrap();
        assert_eq!(ids(&store, Members::Tag("선거"), Some(1)), [1]);
        let _ = std::fs::remove_dir_all(&folder);
    }
}
