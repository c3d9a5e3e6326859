//! Pure helpers that turn API values into what a Korean reader sees, and that decide which
//! API strings may become links. No DOM here: everything is tested natively.

use crate::api::models::Sky;
use crate::kst::parse_kst;
use chrono::{Datelike, NaiveDate, Timelike, Weekday};

/// `2025.10.27 18:20`, the way Korean news sites print article times, in KST.
pub fn kst_datetime(rfc3339: &str) -> Option<String> {
    // Plain formatting rather than chrono's strftime: it keeps the format parser out of the wasm.
    parse_kst(rfc3339).map(|time| {
        format!(
            "{:04}.{:02}.{:02} {:02}:{:02}",
            time.year(),
            time.month(),
            time.day(),
            time.hour(),
            time.minute()
        )
    })
}

/// `10:00`: the time of day in KST, as in "10:00 기준" under the weather.
pub fn kst_time(rfc3339: &str) -> Option<String> {
    parse_kst(rfc3339).map(|time| format!("{:02}:{:02}", time.hour(), time.minute()))
}

/// The one-letter Korean weekday: 월 화 수 목 금 토 일.
pub fn korean_weekday(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "월",
        Weekday::Tue => "화",
        Weekday::Wed => "수",
        Weekday::Thu => "목",
        Weekday::Fri => "금",
        Weekday::Sat => "토",
        Weekday::Sun => "일",
    }
}

/// `2025.10.27 (월)`, for the date strip.
pub fn korean_date(date: NaiveDate) -> String {
    format!(
        "{:04}.{:02}.{:02} ({})",
        date.year(),
        date.month(),
        date.day(),
        korean_weekday(date.weekday())
    )
}

/// Parses a contract date (`YYYY-MM-DD`).
pub fn parse_date(date: &str) -> Option<NaiveDate> {
    let date = date.trim();
    let digits = |range: std::ops::Range<usize>| {
        let part = date.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse::<u32>().ok())?
    };
    if date.len() != 10 || date.get(4..5) != Some("-") || date.get(7..8) != Some("-") {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// The Korean word for a sky condition, as the 기상청 uses it; `None` for an unknown value.
pub fn sky_label(sky: Sky) -> Option<&'static str> {
    Some(match sky {
        Sky::Clear => "맑음",
        Sky::PartlyCloudy => "구름조금",
        Sky::Cloudy => "구름많음",
        Sky::Overcast => "흐림",
        Sky::Rain => "비",
        Sky::Snow => "눈",
        Sky::RainSnow => "비/눈",
        Sky::Shower => "소나기",
        Sky::Unknown => return None,
    })
}

/// `16.5℃`; whole degrees print without a decimal (`-3℃`). Integer arithmetic on tenths
/// keeps float formatting (about 11 KB) out of the wasm.
pub fn temperature(temp_c: f64) -> String {
    let tenths = (temp_c * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}℃")
    } else {
        format!("{sign}{whole}.{tenth}℃")
    }
}

/// `3:25` or `1:02:03` for a video length in seconds.
pub fn duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The link or image address the contract allows: `https:`, `http:` or a site path starting
/// with one `/`. Everything else (`javascript:`, `data:`, `vbscript:`, `//host`, `/\host`,
/// leading blanks that browsers would strip) gives `None`, and the caller drops the link.
pub fn safe_url(url: &str) -> Option<&str> {
    let bytes = url.as_bytes();
    let starts_with_ci = |prefix: &str| {
        bytes.len() > prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    let site_path = bytes.first() == Some(&b'/') && !matches!(bytes.get(1), Some(b'/' | b'\\'));
    let allowed = site_path || starts_with_ci("https://") || starts_with_ci("http://");
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && clean).then_some(url)
}

/// A `mailto:` link for a plain address, or `None` when it is not one (no header injection
/// through `?`, no extra schemes, no spaces).
pub fn mailto(email: &str) -> Option<String> {
    let email = email.trim();
    let (local, domain) = email.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
    };
    (plain(local) && plain(domain) && domain.contains('.')).then(|| format!("mailto:{email}"))
}

/// Whether an id or slug from the address bar can name one file of the API: not empty, not `.`
/// or `..`, and without `/`, `\` or control characters. The router decodes `%2F` (even
/// `%252F`) in parameters, and many servers decode it again, so encoding alone cannot keep
/// `../site` inside its folder: such ids are refused before any request.
pub fn is_path_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
}

/// Percent-encodes one path segment: only `A-Z a-z 0-9 - _ . ~` stay as they are, so `/`,
/// `%`, `?`, `#`, spaces and Hangul cannot change which file is requested.
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The `srcset` attribute for an image's renditions, keeping only allowed addresses.
pub fn srcset(entries: &[crate::api::models::SrcsetEntry]) -> Option<String> {
    let parts: Vec<String> = entries
        .iter()
        .filter_map(|entry| {
            safe_url(&entry.src)
                .filter(|src| !src.contains(','))
                .map(|src| format!("{src} {}w", entry.width))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Particles a Korean word takes (고양시가, 인천대교를, 도서관에서): a query word matches the
/// text without them too, so the words a reader typed are marked where the text has them.
pub const PARTICLES: [&str; 18] = [
    "에서는",
    "으로는",
    "에서",
    "으로",
    "까지",
    "부터",
    "에게",
    "이다",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
];

/// The query as the static index is asked: each word without a trailing particle, when two or
/// more letters remain. The index matches words by their beginning, so `고양시` finds 고양시는,
/// 고양시가 and 고양시에서 alike, where `고양시가` would find only itself.
pub fn index_query(query: &str) -> String {
    query
        .split_whitespace()
        .map(|word| stem(word).unwrap_or(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `word` without its trailing particle, if two or more letters remain.
fn stem(word: &str) -> Option<&str> {
    PARTICLES.iter().find_map(|particle| {
        word.strip_suffix(particle)
            .filter(|stem| stem.chars().count() >= 2)
    })
}

/// The query's words as they are marked in results: each word, and each word without a
/// trailing particle when two or more letters remain.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in query.split_whitespace() {
        let word = word.to_ascii_lowercase();
        for term in [stem(&word).map(str::to_owned), Some(word.clone())]
            .into_iter()
            .flatten()
        {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
    terms
}

/// `text` cut into runs, each marked when it is one of `terms` (ASCII letters matched in either
/// case): the search page draws the marked runs in `<mark>`, as text.
pub fn highlight(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let folded = text.to_ascii_lowercase();
    // Which bytes are in a match: overlapping matches make one run, and no sorting is needed.
    let mut on = vec![false; text.len()];
    for term in terms.iter().filter(|term| !term.is_empty()) {
        for (start, found) in folded.match_indices(term.as_str()) {
            on[start..start + found.len()].fill(true);
        }
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut start = 0;
    for (at, _) in text.char_indices().skip(1) {
        if on[at] != on[start] {
            runs.push((text[start..at].to_owned(), on[start]));
            start = at;
        }
    }
    if start < text.len() {
        runs.push((text[start..].to_owned(), on[start]));
    }
    runs
}

/// Korean adults' silent reading speed, in 어절 (space-separated words) a minute: 202.3 ± 88.4
/// in Song, Kim and Hyung, "Validity of Korean Version Reading Speed Application and
/// Measurement of Reading Speed", J Korean Ophthalmol Soc 2016;57(4):642–649,
/// doi:10.3341/jkos.2016.57.4.642 (normal-sighted adults reading silently).
pub const KOREAN_WORDS_PER_MINUTE: usize = 202;

/// 읽는 데 약 N분: the minutes an article's body takes at [`KOREAN_WORDS_PER_MINUTE`], counting
/// its words (paragraphs, headings, quotes, lists and captions), at least one.
pub fn reading_minutes(body: &[crate::api::models::Block]) -> usize {
    use crate::api::models::Block;
    let words: usize = body
        .iter()
        .map(|block| {
            let count = |text: &str| text.split_whitespace().count();
            match block {
                Block::Paragraph { text, .. } | Block::Heading { text } => count(text),
                Block::Quote { text, cite } => count(text) + cite.as_deref().map_or(0, count),
                Block::Image { caption, .. } => caption.as_deref().map_or(0, count),
                Block::List { items } => items.iter().map(|item| count(item)).sum(),
                Block::Unknown => 0,
            }
        })
        .sum();
    words.div_ceil(KOREAN_WORDS_PER_MINUTE).max(1)
}

/// An ARIA state (`aria-pressed`, `aria-expanded`, `aria-selected`) as the attribute wants it:
/// the words `true` and `false`, where a Rust `bool` would add or remove the attribute.
pub fn aria_bool(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reading_time_counts_words_at_the_cited_speed() {
        use crate::api::models::Block;
        let paragraph = |words: usize| Block::Paragraph {
            text: vec!["낱말"; words].join(" "),
            runs: Vec::new(),
        };
        assert_eq!(super::reading_minutes(&[]), 1);
        assert_eq!(super::reading_minutes(&[paragraph(202)]), 1);
        assert_eq!(super::reading_minutes(&[paragraph(203)]), 2);
        let mixed = [
            paragraph(300),
            Block::List {
                items: vec!["하나 둘".into(); 60],
            },
            Block::Quote {
                text: "셋 넷".into(),
                cite: Some("다섯".into()),
            },
            Block::Unknown,
        ];
        // 300 + 120 + 3 = 423 words: three minutes.
        assert_eq!(super::reading_minutes(&mixed), 3);
    }

    #[test]
    fn search_words_match_without_their_particles() {
        assert_eq!(
            super::search_terms("고양시가  인천대교를"),
            ["고양시", "고양시가", "인천대교", "인천대교를"]
        );
        assert_eq!(super::search_terms("KTX 역"), ["ktx", "역"]);
        // A one-letter stem is no stem: 이가 stays as typed.
        assert_eq!(super::search_terms("이가"), ["이가"]);
        assert!(super::search_terms("   ").is_empty());
    }

    #[test]
    fn the_index_is_asked_for_the_words_without_particles() {
        assert_eq!(
            super::index_query(" 도서관에서  인천대교를 "),
            "도서관 인천대교"
        );
        assert_eq!(super::index_query("고양시는 KTX 이가"), "고양시 KTX 이가");
        assert_eq!(super::index_query("어린이"), "어린");
    }

    #[test]
    fn highlights_are_runs_of_text() {
        let terms = super::search_terms("고양시가 ktx");
        let runs = super::highlight("고양시는 KTX 역을, 고양시 <b>", &terms);
        let marked: Vec<&str> = runs
            .iter()
            .filter(|(_, on)| *on)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, ["고양시", "KTX", "고양시"]);
        let whole: String = runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(whole, "고양시는 KTX 역을, 고양시 <b>");
        assert_eq!(
            super::highlight("없음", &terms),
            [("없음".to_owned(), false)]
        );
        // Overlapping words mark one run.
        let runs = super::highlight("인천대교를", &super::search_terms("인천대교를 대교"));
        assert_eq!(runs, [("인천대교를".to_owned(), true)]);
    }

    use super::*;

    #[test]
    fn article_times_are_shown_in_kst() {
        assert_eq!(
            kst_datetime("2025-10-27T18:20:00+09:00").as_deref(),
            Some("2025.10.27 18:20")
        );
        // 09:05 UTC is 18:05 in Seoul; 20:00 UTC crosses into the next day there.
        assert_eq!(
            kst_datetime("2025-10-27T09:05:00Z").as_deref(),
            Some("2025.10.27 18:05")
        );
        assert_eq!(
            kst_datetime("2025-12-31T20:00:00+00:00").as_deref(),
            Some("2026.01.01 05:00")
        );
        assert_eq!(kst_datetime("27 Oct 2025"), None);
        assert_eq!(kst_datetime(""), None);
    }

    #[test]
    fn observation_time_and_today_in_kst() {
        assert_eq!(kst_time("2026-11-24T01:00:00Z").as_deref(), Some("10:00"));
        assert_eq!(kst_time("nope"), None);
        // 2025-11-24 22:00 UTC is already 07:00 on the 25th in Seoul.
        let millis = 1_764_000_000_000.0 + 3_600_000.0 * 6.0;
        let today = crate::kst::kst_date_from_millis;
        assert_eq!(today(millis), parse_date("2025-11-25"));
        assert_eq!(today(0.0), parse_date("1970-01-01"));
    }

    #[test]
    fn dates_carry_the_korean_weekday() {
        let date = parse_date("2025-10-27").unwrap();
        assert_eq!(korean_date(date), "2025.10.27 (월)");
        assert_eq!(
            korean_date(parse_date("2025-11-02").unwrap()),
            "2025.11.02 (일)"
        );
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025-1-27"), None);
        assert_eq!(parse_date("2025/10/27"), None);
        assert_eq!(parse_date("２０２５-10-27"), None);
        assert_eq!(parse_date("abc가10-27"), None); // a multibyte char across byte 4
        assert_eq!(parse_date("2025-10-2가"), None);
    }

    #[test]
    fn every_sky_has_its_korean_word() {
        assert_eq!(sky_label(Sky::Clear), Some("맑음"));
        assert_eq!(sky_label(Sky::PartlyCloudy), Some("구름조금"));
        assert_eq!(sky_label(Sky::Cloudy), Some("구름많음"));
        assert_eq!(sky_label(Sky::Overcast), Some("흐림"));
        assert_eq!(sky_label(Sky::Rain), Some("비"));
        assert_eq!(sky_label(Sky::Snow), Some("눈"));
        assert_eq!(sky_label(Sky::RainSnow), Some("비/눈"));
        assert_eq!(sky_label(Sky::Shower), Some("소나기"));
        assert_eq!(sky_label(Sky::Unknown), None);
    }

    #[test]
    fn temperatures_and_durations() {
        assert_eq!(temperature(16.5), "16.5℃");
        assert_eq!(temperature(-3.0), "-3℃");
        assert_eq!(temperature(7.04), "7℃");
        assert_eq!(temperature(-0.4), "-0.4℃");
        assert_eq!(temperature(-0.04), "0℃");
        assert_eq!(temperature(0.0), "0℃");
        assert_eq!(temperature(-12.25), "-12.3℃");
        assert_eq!(duration(205), "3:25");
        assert_eq!(duration(59), "0:59");
        assert_eq!(duration(3723), "1:02:03");
    }

    #[test]
    fn only_web_and_site_links_pass() {
        for ok in [
            "https://example.com/a",
            "HTTP://example.com",
            "/article/1065",
            "/img/a.jpg",
        ] {
            assert_eq!(safe_url(ok), Some(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "/\\evil.example/x",
            "https:",
            "https://",
            "article/1",
            "",
            " /article/1",
            "https://a.example/\nb",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn mailto_only_for_plain_addresses() {
        assert_eq!(
            mailto("kim.reporter@gyeongin.example").as_deref(),
            Some("mailto:kim.reporter@gyeongin.example")
        );
        assert_eq!(mailto("javascript:alert(1)"), None);
        assert_eq!(mailto("a@b.example?bcc=all@x.example"), None);
        assert_eq!(mailto("a b@c.example"), None);
        assert_eq!(mailto("no-at-sign.example"), None);
        assert_eq!(mailto("a@localhost"), None);
    }

    #[test]
    fn ids_that_could_leave_their_folder_are_refused() {
        for ok in ["1065", "a b", "경기", "1065?x=1", "..a", "a..b", "%2F"] {
            assert!(is_path_segment(ok), "{ok:?}");
        }
        for bad in ["", ".", "..", "../site", "a/b", "..\\site", "a\nb", "/"] {
            assert!(!is_path_segment(bad), "{bad:?}");
        }
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(encode_path_segment("1065"), "1065");
        assert_eq!(encode_path_segment("../site"), "..%2Fsite");
        assert_eq!(encode_path_segment("a b%"), "a%20b%25");
        assert_eq!(encode_path_segment("?x#y"), "%3Fx%23y");
        assert_eq!(encode_path_segment("경기"), "%EA%B2%BD%EA%B8%B0");
    }

    #[test]
    fn srcset_keeps_only_safe_entries() {
        use crate::api::models::SrcsetEntry;
        let entries = vec![
            SrcsetEntry {
                src: "/img/a-600.jpg".into(),
                width: 600,
            },
            SrcsetEntry {
                src: "javascript:x".into(),
                width: 700,
            },
            SrcsetEntry {
                src: "https://cdn.example/a-1200.jpg".into(),
                width: 1200,
            },
        ];
        assert_eq!(
            srcset(&entries).as_deref(),
            Some("/img/a-600.jpg 600w, https://cdn.example/a-1200.jpg 1200w")
        );
        assert_eq!(srcset(&entries[1..2]), None);
    }
}
