//! `newsroom check` (`scripts/check-api`) on the demo data (clean) and on messy, broken and hostile data: each problem
//! reported with its path, the value seen and what was expected; nothing crashes; what the API
//! sent is printed safely.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};

mod native;
use native::{copy_dir, newsroom, repo};

fn check(api: &Path) -> (i32, String) {
    check_with(api, &[])
}

fn check_with(api: &Path, extra: &[&str]) -> (i32, String) {
    let output = newsroom("check")
        .args(["--api", api.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.is_empty(), "{stderr}");
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn edit(file: PathBuf, change: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    change(&mut value);
    fs::write(file, value.to_string()).unwrap();
}

/// The report's lines about one document.
fn about<'a>(report: &'a str, document: &str) -> Vec<&'a str> {
    let mut lines = report.lines().skip_while(|line| {
        !line.ends_with(&format!("{document}: ")) && !line.contains(&format!("{document}: "))
    });
    let Some(first) = lines.next() else {
        return Vec::new();
    };
    std::iter::once(first)
        .chain(lines.take_while(|line| line.starts_with("  ")))
        .collect()
}

#[test]
fn the_demo_data_is_clean() {
    let (code, report) = check(&repo("public/api"));
    assert_eq!(code, 0, "{report}");
    let last = report.lines().last().unwrap();
    assert!(
        last.starts_with("check-api: ") && last.ends_with("0 with tolerated values only, 0 wrong"),
        "{report}"
    );
    // Every endpoint, every section's first pages and the articles they list were read.
    let documents: usize = last["check-api: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let keywords = fs::read_dir(repo("public/api/tags")).unwrap().count();
    assert!(documents >= 37 + keywords, "{report}");
    // The same as JSON.
    let (code, json) = check_with(&repo("public/api"), &["--json"]);
    assert_eq!(code, 0, "{json}");
    let summary: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["documents"], documents as u64, "{summary}");
    assert_eq!(summary["wrong"], 0);
    assert_eq!(summary["tolerated_only"], 0);
    assert_eq!(summary["reports"], json!([]));
    assert_eq!(summary["keyword_pages_offered"], true);
}

#[test]
fn keyword_pages_are_checked_where_the_api_offers_them() {
    let root = std::env::temp_dir().join(format!("check-api-tags-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let api = root.join("api");
    copy_dir(&repo("public/api"), &api);
    // One keyword's page missing, one naming another keyword.
    fs::remove_dir_all(api.join("tags/수도권 교통")).unwrap();
    edit(api.join("tags/지역경제/1.json"), |page| {
        page["tag"] = json!("경제")
    });
    let (code, report) = check(&api);
    assert_eq!(code, 1, "{report}");
    let missing = about(
        &report,
        "tags/%EC%88%98%EB%8F%84%EA%B6%8C%20%EA%B5%90%ED%86%B5/1.json",
    );
    assert!(missing.join("\n").contains("cannot be loaded"), "{report}");
    let other = about(&report, "tags/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C/1.json").join("\n");
    assert!(
        other.contains(r#"tag: "경제" seen, expected "지역경제""#),
        "{report}"
    );

    // An API without the extension is not wrong.
    fs::remove_dir_all(api.join("tags")).unwrap();
    let (code, report) = check(&api);
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("keyword pages (tags/{keyword}/{page}.json): none of"),
        "{report}"
    );
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn messy_broken_and_hostile_data_is_reported_and_nothing_crashes() {
    let root = std::env::temp_dir().join(format!("check-api-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let api = root.join("api");
    copy_dir(&repo("public/api"), &api);

    // The seed's real article, as a Korean CMS exports it, listed with a numeric id.
    fs::copy(
        repo("tests/fixtures/messy-article.json"),
        api.join("articles/8.json"),
    )
    .unwrap();
    edit(api.join("sections/gyeonggi/1.json"), |page| {
        page["articles"]
            .as_array_mut()
            .unwrap()
            .insert(0, json!({"id": 8, "title": "킥오프 회의"}));
        page["total_pages"] = json!("1");
    });
    // Weather: a temperature as text, a city without a name.
    edit(api.join("weather.json"), |weather| {
        weather["cities"][0]["temp_c"] = json!("16.5℃");
        weather["cities"][1]["name"] = json!("");
    });
    // An article that cannot be read, and one with hostile text in values and keys.
    edit(api.join("home.json"), |home| {
        let lead = home["lead"].as_array_mut().unwrap();
        lead.push(json!({"id": "900", "title": "본문 없는 기사"}));
        lead.push(json!({"id": "901", "title": "적대적인 기사"}));
    });
    fs::write(
        api.join("articles/900.json"),
        json!({"id": "900", "title": "본문 없는 기사", "body": [{"type": "paragraph", "text": " "}]}).to_string(),
    )
    .unwrap();
    let hostile = "\u{1b}[31m빨강\u{1b}[0m \u{202e}드러남\u{7}";
    fs::write(
        api.join("articles/901.json"),
        json!({"id": "901", "title": hostile, "body": [{"type": "paragraph", "text": "문단"}],
               "tags": [hostile, 5], "published_at": hostile,
               "related": [{"id": "1", "title": "x", hostile: 1, "section": {"slug": hostile}}]})
        .to_string(),
    )
    .unwrap();
    // Not JSON at all.
    fs::write(
        api.join("banners.json"),
        "<!DOCTYPE html><html>Gateway</html>",
    )
    .unwrap();

    let (code, report) = check(&api);
    assert_eq!(code, 1, "{report}");
    // Nothing the API sent reaches the terminal raw.
    for raw in ['\u{1b}', '\u{202e}', '\u{7}'] {
        assert!(!report.contains(raw), "{raw:?} printed raw:\n{report}");
    }

    let messy = about(&report, "articles/8.json").join("\n");
    for expected in [
        r#"id: 8 seen, expected a string; read as text: "8""#,
        r#"published_at: "2025-10-27 10:00:00" seen, expected an RFC 3339 time with offset (2025-10-27T10:00:00+09:00); read as KST (+09:00): "2025-10-27T10:00:00+09:00""#,
        r#"updated_at: "2025.10.27 15:30" seen"#,
        r#"tolerated  body[1]: {"text":"","type":"paragraph"} seen, expected a readable entry; empty entry, not drawn"#,
        "tolerated  body[2].image: no width and height, expected both; a 3:2 box is reserved for it",
        r#"tolerated  body[5].items[1]: "" seen"#,
        r#"subtitles[1]: "" seen, expected text or null; treated as absent"#,
        r#"related[0].id: 1065 seen, expected a string; read as text: "1065""#,
        r#"wrong      related[1]: {"id":"","title":"아이디가 빈 기사"} seen, expected a readable entry; entry left out (id: expected non-blank text"#,
        r#"subtitles[3]: 2026 seen, expected a string; read as text: "2026""#,
    ] {
        assert!(messy.contains(expected), "missing {expected:?} in:\n{messy}");
    }
    // A null byline is absent, as the contract allows optionals to be: not reported.
    assert!(!messy.contains("byline"), "{messy}");

    let listing = about(&report, "sections/gyeonggi/1.json").join("\n");
    assert!(
        listing.contains(
            r#"tolerated  total_pages: "1" seen, expected a number; read as a number: 1"#
        ),
        "{listing}"
    );
    assert!(
        listing.contains(r#"tolerated  articles[0].id: 8 seen"#),
        "{listing}"
    );

    let weather = about(&report, "weather.json").join("\n");
    assert!(weather.contains(r#"tolerated  cities[0].temp_c: "16.5℃" seen, expected a number; read as a number: 16.5"#), "{weather}");
    assert!(weather.contains("wrong      cities[1]: "), "{weather}");

    let unreadable = about(&report, "articles/900.json").join("\n");
    assert!(
        unreadable
            .contains("wrong      cannot be read: body: expected at least one readable body block"),
        "{unreadable}"
    );

    let banners = about(&report, "banners.json").join("\n");
    assert!(
        banners.contains("wrong      cannot be loaded: malformed JSON"),
        "{banners}"
    );

    let hostile_report = about(&report, "articles/901.json").join("\n");
    assert!(
        hostile_report.contains(r"\u001b[31m빨강\u001b[0m \u{202e}드러남\u0007"),
        "{hostile_report}"
    );
    assert!(
        hostile_report.contains(r"wrong      published_at: "),
        "{hostile_report}"
    );

    // --json: the same reports, the API's text escaped as JSON strings.
    let (code, json) = check_with(&api, &["--json"]);
    assert_eq!(code, 1, "{json}");
    for raw in ['\u{1b}', '\u{202e}', '\u{7}'] {
        assert!(!json.contains(raw), "{raw:?} printed raw:\n{json}");
    }
    let summary: Value = serde_json::from_str(&json).unwrap();
    let reports = summary["reports"].as_array().unwrap();
    let report_of = |document: &str| {
        reports
            .iter()
            .find(|report| report["document"].as_str().unwrap().ends_with(document))
            .unwrap_or_else(|| panic!("no report of {document}: {summary}"))
    };
    assert_eq!(
        report_of("articles/900.json")["wrong"][0],
        "cannot be read: body: expected at least one readable body block (paragraph, heading, quote, image, list)"
    );
    assert!(report_of("weather.json")["tolerated"][0]
        .as_str()
        .unwrap()
        .starts_with(r#"cities[0].temp_c: "16.5℃" seen"#));
    assert!(summary["wrong"].as_u64().unwrap() >= 3, "{summary}");
    assert_eq!(
        summary["wrong"].as_u64().unwrap() + summary["tolerated_only"].as_u64().unwrap(),
        reports.len() as u64
    );

    let _ = fs::remove_dir_all(&root);
}
