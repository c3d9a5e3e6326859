//! Every address the site has, built in one place: the links in the pages, the router's table
//! (`app.rs`), the prerender command's file names and the feeds all come from here, so no
//! address is ever formatted inline.
//!
//! Section pages after the first live at `/section/{slug}/{page}`, a path of their own, so a
//! static host can serve each one as a prerendered file (a query string cannot choose a file).
//! The older `/section/{slug}?page=N` still opens the same page.

use crate::format::encode_path_segment;

/// `/`
pub const HOME: &str = "/";
/// `/photo`: every photo-news item.
pub const PHOTOS: &str = "/photo";
/// `/tv`: every SNS TV video.
pub const VIDEOS: &str = "/tv";
/// `/saved`: 저장한 기사 and 최근 본 기사, the reader's own lists.
pub const SAVED: &str = "/saved";
/// `/search`: the search page; its query is `?q=` (see [`search`]).
pub const SEARCH: &str = "/search";
/// The address of the common Korean CMS's article pages, kept for old links.
pub const LEGACY_ARTICLE: &str = "/news/articleView.html";

/// The first segment of each kind of page that has a key (`/article/{id}`, `/section/{slug}`,
/// …), which is also the folder under `dist/` that holds those pages' files (`file_for`).
pub mod folder {
    pub const ARTICLE: &str = "article";
    pub const SECTION: &str = "section";
    pub const TAG: &str = "tag";
    pub const REPORTER: &str = "reporter";
    pub const POLICY: &str = "policy";
    /// Every folder of pages, for whatever walks the bundle's pages.
    pub const ALL: [&str; 5] = [ARTICLE, SECTION, TAG, REPORTER, POLICY];
}

/// `/article/{id}`
pub fn article(id: &str) -> String {
    format!("/{}/{}", folder::ARTICLE, encode_path_segment(id))
}

/// `/section/{slug}` for the first page, `/section/{slug}/{page}` after it.
pub fn section(slug: &str, page: u32) -> String {
    paged(folder::SECTION, slug, page)
}

/// `/tag/{keyword}` for the first page of a keyword's articles, `/tag/{keyword}/{page}` after
/// it; the keyword encoded whole (Hangul, spaces, `/`).
pub fn tag(keyword: &str, page: u32) -> String {
    paged(folder::TAG, keyword, page)
}

/// `/reporter/{slug}` for the first page of a reporter's articles, `/reporter/{slug}/{page}`
/// after it.
pub fn reporter(slug: &str, page: u32) -> String {
    paged(folder::REPORTER, slug, page)
}

/// `/{kind}/{key}` for a list's first page, `/{kind}/{key}/{page}` after it.
fn paged(kind: &str, key: &str, page: u32) -> String {
    let key = encode_path_segment(key);
    if page > 1 {
        format!("/{kind}/{key}/{page}")
    } else {
        format!("/{kind}/{key}")
    }
}

/// `/policy/{slug}`: a policy page named in the footer (청소년보호정책, 개인정보처리방침, …).
pub fn policy(slug: &str) -> String {
    format!("/{}/{}", folder::POLICY, encode_path_segment(slug))
}

/// `/search?q={query}`, the query encoded whole (Hangul, spaces, `&`, `%` and all).
pub fn search(query: &str) -> String {
    format!("{SEARCH}?q={}", encode_path_segment(query))
}

/// The page number in an address: the path's (`/section/x/2`), else the query's (`?page=2`),
/// else 1. Anything that is not a positive number is page 1.
pub fn page_number(path_page: Option<&str>, query_page: Option<&str>) -> u32 {
    path_page
        .or(query_page)
        .and_then(|page| page.trim().parse::<u32>().ok())
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

/// A page the prerender command writes, by its address, and the file under `dist/` that holds
/// it: `/` is `index.html`, `/article/1065` is `article/1065.html` (hosts serve `/x` from
/// `x.html`; `deploy/nginx.conf` does the same).
///
/// Servers look files up by the decoded path, so `/tag/%EA%B2%BD%EC%A0%9C` is held by
/// `tag/경제.html`. An address whose decoded segments could name another folder or no file
/// (`%2F`, `..`, `\`, control characters, a leading `.`) has no file: it opens through the shell.
pub fn file_for(address: &str) -> Option<String> {
    if address == HOME {
        return Some("index.html".to_owned());
    }
    let path = address.strip_prefix('/')?;
    let mut parts = Vec::new();
    for part in path.split('/') {
        let part = percent_encoding::percent_decode_str(part)
            .decode_utf8()
            .ok()?;
        let safe = !part.starts_with('.')
            && crate::format::is_path_segment(&part)
            && !part.contains(['?', '#', '%']);
        if !safe {
            return None;
        }
        parts.push(part);
    }
    Some(format!("{}.html", parts.join("/")))
}

/// Ids and slugs the prerender command writes files for: letters, digits, `-` and `_` (the same
/// the shell's early fetch accepts). Others still open through the shell.
pub fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `/rss/allArticle.xml`: the feed of the whole site, at the address Korean CMS sites use, so
/// subscriptions and portal ingest keep working.
pub const ALL_FEED: &str = "/rss/allArticle.xml";
/// `/rss/clickTop.xml`: the most viewed articles.
pub const MOST_VIEWED_FEED: &str = "/rss/clickTop.xml";

/// `/rss/section/{slug}.xml`: a section's feed; only plain slugs ([`is_plain`]) have one.
pub fn section_feed(slug: &str) -> Option<String> {
    is_plain(slug).then(|| format!("/rss/section/{slug}.xml"))
}

/// `/rss/tag/{keyword}.xml`: a keyword's feed, the keyword encoded whole; only keywords whose
/// pages have files (see [`file_for`]) have one.
pub fn tag_feed(keyword: &str) -> Option<String> {
    file_for(&tag(keyword, 1))?;
    Some(format!("/rss/tag/{}.xml", encode_path_segment(keyword)))
}

/// `/rss/reporter/{slug}.xml`: a reporter's feed (기자 구독); only plain slugs ([`is_plain`])
/// have one.
pub fn reporter_feed(slug: &str) -> Option<String> {
    is_plain(slug).then(|| format!("/rss/reporter/{slug}.xml"))
}

/// The file under `dist/` of a feed's address, decoded as [`file_for`] decodes a page's:
/// `/rss/tag/%EA%B2%BD%EC%A0%9C.xml` is `rss/tag/경제.xml`.
pub fn feed_file(address: &str) -> Option<String> {
    let page = file_for(address.strip_suffix(".xml")?)?;
    Some(format!("{}.xml", page.strip_suffix(".html")?))
}

/// The file of the app's shell: the page frame without any page's content, served for every
/// address that has no prerendered file (an article published after the last run, say).
pub const SHELL_FILE: &str = "shell.html";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(article("1065"), "/article/1065");
        assert_eq!(article("../site"), "/article/..%2Fsite");
        assert_eq!(section("gyeonggi", 1), "/section/gyeonggi");
        assert_eq!(section("gyeonggi", 2), "/section/gyeonggi/2");
        assert_eq!(section("경기", 1), "/section/%EA%B2%BD%EA%B8%B0");
        assert_eq!(
            search("고양시 도서관"),
            "/search?q=%EA%B3%A0%EC%96%91%EC%8B%9C%20%EB%8F%84%EC%84%9C%EA%B4%80"
        );
        assert_eq!(search("a&b=%zz#"), "/search?q=a%26b%3D%25zz%23");
        assert_eq!(
            tag("지역경제", 1),
            "/tag/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C"
        );
        assert_eq!(
            tag("수도권 교통", 2),
            "/tag/%EC%88%98%EB%8F%84%EA%B6%8C%20%EA%B5%90%ED%86%B5/2"
        );
        assert_eq!(tag("a/b", 1), "/tag/a%2Fb");
        assert_eq!(
            section_feed("gyeonggi").as_deref(),
            Some("/rss/section/gyeonggi.xml")
        );
        assert_eq!(section_feed("경기"), None);
        assert_eq!(
            tag_feed("수도권 교통").as_deref(),
            Some("/rss/tag/%EC%88%98%EB%8F%84%EA%B6%8C%20%EA%B5%90%ED%86%B5.xml")
        );
        assert_eq!(tag_feed("a/b"), None);
        assert_eq!(tag_feed(".."), None);
        assert_eq!(
            feed_file(&tag_feed("수도권 교통").unwrap()).as_deref(),
            Some("rss/tag/수도권 교통.xml")
        );
        assert_eq!(feed_file(ALL_FEED).as_deref(), Some("rss/allArticle.xml"));
        assert_eq!(reporter("seoyeon-kim", 1), "/reporter/seoyeon-kim");
        assert_eq!(reporter("seoyeon-kim", 3), "/reporter/seoyeon-kim/3");
        assert_eq!(reporter("../x", 1), "/reporter/..%2Fx");
        assert_eq!(
            reporter_feed("seoyeon-kim").as_deref(),
            Some("/rss/reporter/seoyeon-kim.xml")
        );
        assert_eq!(reporter_feed("김서연"), None);
        assert_eq!(reporter_feed("a/b"), None);
        assert_eq!(policy("privacy"), "/policy/privacy");
        assert_eq!(policy("../x"), "/policy/..%2Fx");
    }

    #[test]
    fn page_numbers_start_at_one() {
        assert_eq!(page_number(None, None), 1);
        assert_eq!(page_number(Some("2"), None), 2);
        assert_eq!(page_number(None, Some("3")), 3);
        assert_eq!(page_number(Some("2"), Some("3")), 2);
        assert_eq!(page_number(Some("0"), None), 1);
        assert_eq!(page_number(None, Some("-3")), 1);
        assert_eq!(page_number(None, Some("abc")), 1);
    }

    #[test]
    fn files_stay_inside_dist() {
        assert_eq!(file_for("/").as_deref(), Some("index.html"));
        assert_eq!(
            file_for("/article/1065").as_deref(),
            Some("article/1065.html")
        );
        assert_eq!(
            file_for("/section/gyeonggi/2").as_deref(),
            Some("section/gyeonggi/2.html")
        );
        assert_eq!(file_for("/article/../../etc"), None);
        assert_eq!(file_for("//x"), None);
        assert_eq!(file_for("/a\\b"), None);
        assert_eq!(file_for("relative"), None);
        assert_eq!(
            file_for(&tag("수도권 교통", 2)).as_deref(),
            Some("tag/수도권 교통/2.html")
        );
        for keyword in [
            "a/b",
            "..",
            ".hidden",
            "a\\b",
            "a?b",
            "50%",
            "\u{0}",
            "줄\n바꿈",
        ] {
            assert_eq!(file_for(&tag(keyword, 1)), None, "{keyword:?}");
        }
        assert_eq!(file_for("/tag/%FF"), None);
    }
}
