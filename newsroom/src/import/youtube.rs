//! `newsroom import youtube`: SNS TV from the paper's YouTube channel, by its public Atom feed
//! (`https://www.youtube.com/feeds/videos.xml?channel_id=ID`, or any address of that format).
//!
//! Each entry becomes a video of `sns-tv.json`: its title as plain text (as the feed has it:
//! `<속보>` is words, not markup), its watch address (only a YouTube watch or shorts address of
//! a real video id; anything else is dropped), the thumbnail of `media:group` with its size,
//! and the time published, in KST. The feed is hostile until proven otherwise. A feed that
//! cannot be read leaves `sns-tv.json` as it was, and the run says why.

use crate::build::output::write_json;
use crate::cli::ImportYoutube;
use chrono::DateTime;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};
use std::process::ExitCode;

/// The most videos kept (YouTube's feed has 15).
const MAX_VIDEOS: usize = 15;

/// One `<entry>` as read, before it is checked.
#[derive(Default, Debug)]
struct Entry {
    video_id: Option<String>,
    title: String,
    link: Option<String>,
    published: Option<String>,
    thumbnail: Option<(String, Option<u32>, Option<u32>)>,
}

/// The watch address of a YouTube watch or shorts address (its video id 11 characters of
/// letters, digits, `-` and `_`), else `None`.
pub fn watch_address(address: &str) -> Option<String> {
    let rest = address.trim().strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    if !matches!(
        host,
        "www.youtube.com" | "youtube.com" | "m.youtube.com" | "youtu.be"
    ) {
        return None;
    }
    let id = if host == "youtu.be" {
        path.split(['?', '#']).next()?
    } else if let Some(shorts) = path.strip_prefix("shorts/") {
        shorts.split(['?', '#', '/']).next()?
    } else {
        let query = path.strip_prefix("watch?")?;
        query
            .split(['&', '#'])
            .find_map(|pair| pair.strip_prefix("v="))?
    };
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then(|| format!("https://www.youtube.com/watch?v={id}"))
}

/// Text from the feed as one line of plain text: white space folded, control and
/// bidirectional-override characters dropped, at most 200 characters.
fn one_line(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| {
            !c.is_control()
                && !('\u{202a}'..='\u{202e}').contains(c)
                && !('\u{2066}'..='\u{2069}').contains(c)
        })
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect()
}

/// The entries of an Atom feed.
fn entries(xml: &str) -> Result<Vec<Entry>, String> {
    let mut reader = Reader::from_str(xml);
    // White space is kept (a reference such as `&lt;` comes as an event of its own, between
    // texts) and folded afterwards.
    reader.config_mut().trim_text(false);
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    let mut text_of: Option<&'static str> = None;
    let mut saw_feed = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| format!("not a feed that reads: {err}"))?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let name = tag.name();
                let name = String::from_utf8_lossy(name.as_ref()).into_owned();
                let attribute = |key: &str| {
                    tag.attributes().flatten().find_map(|a| {
                        (a.key.as_ref() == key.as_bytes())
                            .then(|| a.unescape_value().map(|v| v.into_owned()).ok())
                            .flatten()
                    })
                };
                match (name.as_str(), current.as_mut()) {
                    ("feed", _) => saw_feed = true,
                    ("entry", _) => current = Some(Entry::default()),
                    ("yt:videoId", Some(_)) => text_of = Some("id"),
                    ("title", Some(_)) => text_of = Some("title"),
                    ("published", Some(_)) => text_of = Some("published"),
                    ("link", Some(entry))
                        if attribute("rel").is_none_or(|rel| rel == "alternate") =>
                    {
                        entry.link = attribute("href");
                    }
                    ("media:thumbnail", Some(entry)) => {
                        let size = |key: &str| attribute(key).and_then(|v| v.parse::<u32>().ok());
                        if let Some(url) = attribute("url") {
                            entry.thumbnail = Some((url, size("width"), size("height")));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let (Some(field), Some(entry)) = (text_of, current.as_mut()) {
                    let text = text
                        .decode()
                        .map_err(|err| format!("not a feed that reads: {err}"))?;
                    append(entry, field, &text);
                }
            }
            Event::GeneralRef(reference) => {
                if let (Some(field), Some(entry)) = (text_of, current.as_mut()) {
                    let name = reference
                        .decode()
                        .map_err(|err| format!("not a feed that reads: {err}"))?;
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&name)
                            .map(str::to_owned)
                            .unwrap_or_default(),
                    };
                    append(entry, field, &resolved);
                }
            }
            Event::CData(data) => {
                if let (Some("title"), Some(entry)) = (text_of, current.as_mut()) {
                    entry.title.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Event::End(ref tag) => {
                let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
                if name == "entry" {
                    entries.extend(current.take());
                }
                text_of = None;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_feed {
        return Err("not an Atom feed (no <feed>)".to_owned());
    }
    Ok(entries)
}

/// Adds text read inside `field` of an entry.
fn append(entry: &mut Entry, field: &str, text: &str) {
    let slot = match field {
        "id" => entry.video_id.get_or_insert_with(String::new),
        "title" => &mut entry.title,
        "published" => entry.published.get_or_insert_with(String::new),
        _ => return,
    };
    slot.push_str(text);
}

/// An entry as a video of `sns-tv.json`, or `None` when it is not a YouTube video.
fn video(entry: &Entry) -> Option<Value> {
    // The entry's address decides; only an entry with none is taken by its video id.
    let url = match &entry.link {
        Some(link) => watch_address(link)?,
        None => watch_address(&format!(
            "https://www.youtube.com/watch?v={}",
            entry.video_id.as_deref()?.trim()
        ))?,
    };
    let title = one_line(&entry.title);
    if title.is_empty() {
        return None;
    }
    let (src, width, height) = entry.thumbnail.clone()?;
    let src = src.trim();
    let host_ok = src.starts_with("https://i.ytimg.com/")
        || src.starts_with("https://i1.ytimg.com/")
        || src.starts_with("https://i2.ytimg.com/")
        || src.starts_with("https://i3.ytimg.com/")
        || src.starts_with("https://i4.ytimg.com/");
    if !host_ok
        || src
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c.is_control())
    {
        return None;
    }
    let mut thumbnail = json!({ "src": src, "alt": format!("{title} 영상 미리보기") });
    if let (Some(width), Some(height)) = (
        width.filter(|w| (1..=4000).contains(w)),
        height.filter(|h| (1..=4000).contains(h)),
    ) {
        thumbnail["width"] = json!(width);
        thumbnail["height"] = json!(height);
    }
    let mut video = json!({ "title": title, "url": url, "thumbnail": thumbnail });
    if let Some(published) = entry
        .published
        .as_deref()
        .and_then(|text| DateTime::parse_from_rfc3339(text.trim()).ok())
    {
        video["published_at"] = json!(published
            .with_timezone(&news_front::kst::offset())
            .to_rfc3339());
    }
    Some(video)
}

/// Runs the import as `options` say, prints what it did and says how it ended.
pub fn main(options: &ImportYoutube) -> ExitCode {
    match run(options) {
        Ok((videos, dropped)) => {
            eprintln!("import youtube: {videos} video(s) written to sns-tv.json");
            if options.json {
                let file = options.api.join("sns-tv.json");
                let summary = json!({ "videos": videos, "left_out": dropped, "written": file.display().to_string() });
                println!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("import youtube: {reason}\nimport youtube: sns-tv.json is left as it was");
            ExitCode::FAILURE
        }
    }
}

/// The videos written, and the entries left out (not a YouTube video with a title and a
/// thumbnail).
fn run(options: &ImportYoutube) -> Result<(usize, usize), String> {
    let address = match (&options.channel, &options.feed) {
        (Some(channel), None) => {
            let valid = channel.len() == 24
                && channel.starts_with("UC")
                && channel
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !valid {
                return Err(format!(
                    "--channel {channel:?}: not a channel id (UC and 22 letters)"
                ));
            }
            format!("https://www.youtube.com/feeds/videos.xml?channel_id={channel}")
        }
        (None, Some(feed)) if feed.starts_with("https://") || feed.starts_with("http://") => {
            feed.clone()
        }
        (None, Some(feed)) => return Err(format!("--feed {feed}: not an http(s) address")),
        _ => return Err("name the channel (--channel ID) or the feed (--feed URL)".to_owned()),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(&address)
        .call()
        .map_err(|err| format!("{address}: {err}"))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(format!("{address}: HTTP {status}"));
    }
    let xml = response
        .body_mut()
        .with_config()
        .limit(4 * 1024 * 1024)
        .read_to_string()
        .map_err(|err| format!("{address}: {err}"))?;
    let entries = entries(&xml).map_err(|err| format!("{address}: {err}"))?;
    let videos: Vec<Value> = entries.iter().filter_map(video).take(MAX_VIDEOS).collect();
    let dropped = entries.len().min(MAX_VIDEOS) - videos.len().min(entries.len());
    if dropped > 0 {
        eprintln!("import youtube: {dropped} entr(y/ies) left out: not a YouTube video with a title and a thumbnail");
    }
    write_json(
        &options.api.join("sns-tv.json"),
        &json!({ "items": videos }),
    )?;
    Ok((videos.len(), dropped))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <title>한가람TV</title>
 <entry>
  <id>yt:video:abcDEF_1234</id>
  <yt:videoId>abcDEF_1234</yt:videoId>
  <title>&lt;속보&gt; 수원 화성 야간 개방 &amp; 연장</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=abcDEF_1234"/>
  <published>2026-11-24T01:30:00+00:00</published>
  <media:group>
   <media:title>수원 화성</media:title>
   <media:thumbnail url="https://i2.ytimg.com/vi/abcDEF_1234/hqdefault.jpg" width="480" height="360"/>
  </media:group>
 </entry>
 <entry>
  <yt:videoId>short000001</yt:videoId>
  <title>쇼츠</title>
  <link rel="alternate" href="https://www.youtube.com/shorts/short000001"/>
  <media:group><media:thumbnail url="https://i1.ytimg.com/vi/short000001/hqdefault.jpg" width="480" height="360"/></media:group>
 </entry>
 <entry>
  <title>나쁜 주소</title>
  <link rel="alternate" href="javascript:alert(1)//https://www.youtube.com/watch?v=abcDEF_1234"/>
  <media:group><media:thumbnail url="https://i2.ytimg.com/vi/x/hqdefault.jpg" width="480" height="360"/></media:group>
 </entry>
 <entry>
  <title>다른 곳</title>
  <link rel="alternate" href="https://evil.example/watch?v=abcDEF_1234"/>
  <media:group><media:thumbnail url="https://evil.example/t.jpg" width="480" height="360"/></media:group>
 </entry>
</feed>"#;

    #[test]
    fn a_channel_feed_becomes_sns_tv() {
        let videos: Vec<Value> = entries(FEED).unwrap().iter().filter_map(video).collect();
        assert_eq!(videos.len(), 2, "{videos:?}");
        assert_eq!(videos[0]["title"], "<속보> 수원 화성 야간 개방 & 연장");
        assert_eq!(
            videos[0]["url"],
            "https://www.youtube.com/watch?v=abcDEF_1234"
        );
        assert_eq!(videos[0]["thumbnail"]["width"], 480);
        assert_eq!(videos[0]["published_at"], "2026-11-24T10:30:00+09:00");
        assert_eq!(
            videos[1]["url"],
            "https://www.youtube.com/watch?v=short000001"
        );
    }

    #[test]
    fn only_youtube_videos_are_kept() {
        for good in [
            "https://www.youtube.com/watch?v=abcDEF_1234",
            "https://youtube.com/watch?feature=x&v=abcDEF_1234",
            "https://www.youtube.com/shorts/abcDEF_1234",
            "https://youtu.be/abcDEF_1234",
        ] {
            assert_eq!(
                watch_address(good).as_deref(),
                Some("https://www.youtube.com/watch?v=abcDEF_1234"),
                "{good}"
            );
        }
        for bad in [
            "http://www.youtube.com/watch?v=abcDEF_1234",
            "https://www.youtube.com.evil.example/watch?v=abcDEF_1234",
            "https://www.youtube.com/watch?v=abc\"onmouseover",
            "https://www.youtube.com/watch?v=short",
            "javascript:alert(1)",
            "https://www.youtube.com/channel/UC123",
        ] {
            assert_eq!(watch_address(bad), None, "{bad}");
        }
    }

    #[test]
    fn what_is_not_a_feed_is_said_so() {
        assert!(entries("<html><body>점검 중</body></html>").is_err());
        assert!(entries("{\"items\": []}").is_err());
        assert!(
            entries("<feed><entry><title>끝나지 않은").is_err()
                || entries("<feed><entry><title>끝나지 않은")
                    .unwrap()
                    .is_empty()
        );
    }
}
