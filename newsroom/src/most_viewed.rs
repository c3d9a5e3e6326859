//! `newsroom most-viewed` (`scripts/most-viewed`): 가장 많이 본 뉴스 from real counts. `serve` is
//! the reference receiver of the article-view beacon (`js/beacon.js`); `build` turns its log
//! (or nginx's, `log_format news_beacon '$time_iso8601 $args';`) into `most-viewed.json`,
//! reading each article through the app's own models, as the site does (a time without an
//! offset read as KST, a size that is no number left out), never copying the API through raw.
//!
//! A view is a POST (or GET) to `/beacon?article=ID&section=NAME&ref=KIND`, with no body, no
//! cookie and no Referer. `serve` answers 204 and appends one line per view to the log:
//! `2026-12-01T21:04:05+09:00 article=1065&section=%EC%9D%B8%EC%B2%9C&ref=portal`. The log holds
//! no address and no identifier. `build` reads the logs line by line (memory grows with the
//! articles viewed, not the views), counts the last 24 hours and the last 7 days, and writes
//! the ten most viewed of each; lines that do not read are skipped and counted.

use crate::cli::{MostViewed, MostViewedBuild, MostViewedServe};
use crate::source::Source;
use chrono::{DateTime, Duration, FixedOffset, SecondsFormat};
use news_front::api::models::{Article, Block};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// The referrer kinds `js/beacon.js` sends; anything else is `other`.
const REFS: [&str; 7] = [
    "portal",
    "messenger",
    "search",
    "social",
    "other",
    "direct",
    "internal",
];
/// The longest query read.
const QUERY_MAX: usize = 1024;
/// What a field's value keeps as it is in the log (the rest is percent-encoded).
const KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Runs `serve` or `build`.
pub fn main(options: &MostViewed) -> ExitCode {
    let done = match options {
        MostViewed::Serve(serve) => self::serve(serve),
        MostViewed::Build(build) => self::build(build),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("most-viewed: {reason}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `id` is an article id a view may name.
fn plain_id(id: &str) -> bool {
    news_front::routes::is_plain(id)
}

/// The fields of a query (`a=1&b=2`, `+` a space, percent escapes decoded).
fn fields(query: &str) -> HashMap<String, String> {
    let mut fields = HashMap::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text: &str| {
            percent_decode_str(&text.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        fields.entry(decode(key)).or_insert_with(|| decode(value));
    }
    fields
}

/// The log line of one view at `now`, or `None` when the query is not one.
pub fn view_line(query: &str, now: DateTime<FixedOffset>) -> Option<String> {
    if query.len() > QUERY_MAX {
        return None;
    }
    let fields = fields(query);
    let article = fields.get("article")?;
    if !plain_id(article) {
        return None;
    }
    let section: String = fields
        .get("section")
        .map(|s| s.chars().take(40).collect())
        .unwrap_or_default();
    let referrer = fields
        .get("ref")
        .map(String::as_str)
        .filter(|r| REFS.contains(r))
        .unwrap_or("other");
    Some(format!(
        "{} article={}&section={}&ref={referrer}\n",
        now.to_rfc3339_opts(SecondsFormat::Secs, false),
        utf8_percent_encode(article, KEEP),
        utf8_percent_encode(&section, KEEP),
    ))
}

/// Now in KST.
fn now() -> DateTime<FixedOffset> {
    crate::system::now().with_timezone(&news_front::kst::offset())
}

fn serve(options: &MostViewedServe) -> Result<(), String> {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&options.log)
        .map_err(|err| format!("{}: {err}", options.log.display()))?;
    let log = Arc::new(Mutex::new(log));
    let listener = TcpListener::bind((options.host.as_str(), options.port))
        .map_err(|err| format!("{}:{}: {err}", options.host, options.port))?;
    let address = listener.local_addr().map_err(|err| err.to_string())?;
    println!(
        "most-viewed: counting views at http://{address}/beacon into {}",
        options.log.display()
    );
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let log = log.clone();
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let Ok(reader) = stream.try_clone() else {
                return;
            };
            let mut reader = BufReader::new(reader.take(16 * 1024));
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                return;
            }
            // The headers are read and left: a beacon has nothing in them to keep.
            loop {
                let mut header = String::new();
                match reader.read_line(&mut header) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if header == "\r\n" || header == "\n" => break,
                    Ok(_) => {}
                }
            }
            let target = request.split_whitespace().nth(1).unwrap_or_default();
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            let status = if path == "/beacon" {
                if let Some(line) = view_line(query, now()) {
                    if let Ok(mut log) = log.lock() {
                        let _ = log.write_all(line.as_bytes()).and_then(|()| log.flush());
                    }
                }
                // 204 whatever came: a beacon has no one to tell.
                "204 No Content"
            } else {
                "404 Not Found"
            };
            let mut stream = stream;
            let _ = write!(stream, "HTTP/1.1 {status}\r\ncache-control: no-store\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        });
    }
    Ok(())
}

/// The views of each period by article, and each article's latest view (for ties).
struct Counts {
    day: HashMap<String, u64>,
    week: HashMap<String, u64>,
    latest: HashMap<String, DateTime<FixedOffset>>,
    skipped: usize,
}

fn read_logs(logs: &[std::path::PathBuf], now: DateTime<FixedOffset>) -> Result<Counts, String> {
    let mut counts = Counts {
        day: HashMap::new(),
        week: HashMap::new(),
        latest: HashMap::new(),
        skipped: 0,
    };
    for file in logs {
        let reader = BufReader::new(
            std::fs::File::open(file).map_err(|err| format!("{}: {err}", file.display()))?,
        );
        for line in reader.split(b'\n') {
            let line = line.map_err(|err| format!("{}: {err}", file.display()))?;
            let line = String::from_utf8_lossy(&line);
            let (at, query) = line.trim().split_once(' ').unwrap_or((line.trim(), ""));
            let when = DateTime::parse_from_rfc3339(at).ok();
            let query: String = query.chars().take(QUERY_MAX).collect();
            let article = fields(&query).remove("article").filter(|id| plain_id(id));
            let (Some(when), Some(article)) = (when, article) else {
                counts.skipped += 1;
                continue;
            };
            if when > now + Duration::minutes(5) {
                counts.skipped += 1;
                continue;
            }
            if when >= now - Duration::days(1) {
                *counts.day.entry(article.clone()).or_default() += 1;
            }
            if when >= now - Duration::days(7) {
                *counts.week.entry(article.clone()).or_default() += 1;
            }
            let latest = counts.latest.entry(article).or_insert(when);
            *latest = (*latest).max(when);
        }
    }
    Ok(counts)
}

/// The contract's Summary of an article, from the app's own model of it.
fn summary(article: Article) -> Value {
    let mut summary = json!({ "id": article.id, "title": article.title });
    if let Some(section) = article.section {
        summary["section"] = json!({ "slug": section.slug, "name": section.name });
    }
    if let Some(lead) = article.subtitles.into_iter().next() {
        summary["summary"] = json!(lead);
    }
    // The lead photo: the body's first image.
    if let Some(image) = article.body.into_iter().find_map(|block| match block {
        Block::Image { image, .. } => Some(image),
        Block::Paragraph { .. }
        | Block::Heading { .. }
        | Block::Quote { .. }
        | Block::List { .. }
        | Block::Unknown => None,
    }) {
        let mut thumbnail = json!({ "src": image.src, "alt": image.alt });
        if let (Some(width), Some(height)) = (image.width, image.height) {
            thumbnail["width"] = json!(width);
            thumbnail["height"] = json!(height);
        }
        summary["thumbnail"] = thumbnail;
    }
    if let Some(published) = article.published_at {
        summary["published_at"] = json!(published);
    }
    summary
}

fn build(options: &MostViewedBuild) -> Result<(), String> {
    let now = options
        .now
        .unwrap_or_else(now)
        .with_timezone(&news_front::kst::offset());
    let counts = read_logs(&options.log, now)?;
    let removed: BTreeSet<String> = match &options.removed {
        Some(file) if file.exists() => std::fs::read_to_string(file)
            .ok()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .and_then(|value| serde_json::from_value(value["articles"].clone()).ok())
            .unwrap_or_else(|| {
                eprintln!(
                    "most-viewed: {} does not read; nothing left out",
                    file.display()
                );
                BTreeSet::new()
            }),
        _ => BTreeSet::new(),
    };
    let source = Source::new(&options.api);
    let mut summaries: HashMap<String, Option<Value>> = HashMap::new();
    let mut summary_of = |id: &str| -> Option<Value> {
        summaries
            .entry(id.to_owned())
            .or_insert_with(|| {
                let value = source
                    .get(&news_front::api::client::paths::article(id))
                    .ok()?;
                let article: Article = serde_json::from_value(value).ok()?;
                (article.id == id).then(|| summary(article))
            })
            .clone()
    };
    let mut periods = Vec::new();
    for (key, label, views) in [("day", "일간", &counts.day), ("week", "주간", &counts.week)] {
        let mut ranked: Vec<&String> = views.keys().collect();
        ranked.sort_by(|a, b| {
            views[*b]
                .cmp(&views[*a])
                .then_with(|| counts.latest[*b].cmp(&counts.latest[*a]))
                .then_with(|| a.cmp(b))
        });
        let mut articles = Vec::new();
        for id in ranked {
            if articles.len() == options.top {
                break;
            }
            if removed.contains(id) {
                continue;
            }
            if let Some(found) = summary_of(id) {
                articles.push(found);
            }
        }
        periods.push(json!({ "key": key, "label": label, "articles": articles }));
    }
    let document = json!({
        "updated_at": now.to_rfc3339_opts(SecondsFormat::Secs, false),
        "periods": periods,
    });
    crate::build::output::write_json(&options.out, &document)?;
    let views = counts.week.values().sum::<u64>();
    if options.json {
        let summary = json!({
            "views_this_week": views,
            "articles_viewed": counts.week.len(),
            "lines_skipped": counts.skipped,
            "written": options.out.display().to_string(),
        });
        println!("{summary}");
    } else {
        println!(
            "most-viewed: {views} view(s) this week of {} article(s); {} line(s) skipped; {} written",
            counts.week.len(),
            counts.skipped,
            options.out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_view_is_cleaned_to_its_three_fields() {
        let now = at("2026-12-01T21:04:05+09:00");
        assert_eq!(
            view_line(
                "article=1065&section=%EC%9D%B8%EC%B2%9C&ref=portal&x=1",
                now
            )
            .as_deref(),
            Some("2026-12-01T21:04:05+09:00 article=1065&section=%EC%9D%B8%EC%B2%9C&ref=portal\n")
        );
        assert_eq!(view_line("article=../../etc/passwd&ref=direct", now), None);
        assert_eq!(view_line("article=&ref=direct", now), None);
        assert_eq!(view_line("nothing=at all", now), None);
        let hostile = view_line("article=1058&ref=%3Cscript%3E&section=a+b", now).unwrap();
        assert!(
            hostile.ends_with("article=1058&section=a%20b&ref=other\n"),
            "{hostile}"
        );
        let long = format!("article=1058&section={}", "가".repeat(600));
        assert_eq!(view_line(&long, now), None, "past the longest query");
    }

    #[test]
    fn an_article_is_summed_up_as_the_site_reads_it_never_copied_raw() {
        // A time without an offset and a size that is no number, as a CMS exports them.
        let article: Article = serde_json::from_value(json!({
            "id": 8, "title": "수원 화성", "subtitles": ["성곽길 야간 개방"],
            "section": {"slug": "gyeonggi", "name": "경기"},
            "published_at": "2026-11-24 09:10:00",
            "body": [
                {"type": "paragraph", "text": "본문"},
                {"type": "image", "image": {"src": "/img/a.webp", "alt": "성곽", "width": "넓게", "height": 800}},
            ],
        }))
        .unwrap();
        let summary = summary(article);
        assert_eq!(summary["id"], "8");
        assert_eq!(summary["title"], "수원 화성");
        assert_eq!(summary["published_at"], "2026-11-24T09:10:00+09:00");
        assert_eq!(summary["summary"], "성곽길 야간 개방");
        assert_eq!(
            summary["thumbnail"],
            json!({"src": "/img/a.webp", "alt": "성곽"})
        );
    }

    #[test]
    fn periods_count_back_from_now() {
        let dir = std::env::temp_dir().join(format!("most-viewed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("beacon.log");
        std::fs::write(
            &log,
            "2026-12-01T20:00:00+09:00 article=1&section=&ref=direct\n\
             2026-11-28T20:00:00+09:00 article=2&section=&ref=direct\n\
             2026-11-28T21:00:00+09:00 article=2&section=&ref=direct\n\
             2026-11-01T20:00:00+09:00 article=3&section=&ref=direct\n\
             2026-12-01 20:00:00 article=4\n\
             2026-12-09T20:00:00+09:00 article=5\n\
             garbage\n",
        )
        .unwrap();
        let counts = read_logs(&[log], at("2026-12-01T21:00:00+09:00")).unwrap();
        assert_eq!(counts.day.get("1"), Some(&1));
        assert_eq!(counts.day.get("2"), None);
        assert_eq!(counts.week.get("2"), Some(&2));
        assert_eq!(counts.week.get("3"), None);
        assert_eq!(counts.skipped, 3, "no offset, the future, garbage");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
