//! `newsroom import weather` and `import youtube` against local servers answering in 기상청's and
//! YouTube's documented formats (no real one is reachable here): the values written, errors as
//! XML under dataType=JSON, 03 NO_DATA, a refused key, a slow answer, a city that fails, and a
//! feed with hostile titles and addresses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

mod native;
use native::newsroom;

/// A server answering each request with what `answer` gives for its path and query.
fn serve(
    answer: impl Fn(&str, &HashMap<String, String>) -> (u16, String) + Send + 'static,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                    break;
                }
            }
            let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            let query: HashMap<String, String> = query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            let (status, body) = answer(path, &query);
            if status == 0 {
                std::thread::sleep(Duration::from_secs(12));
                continue;
            }
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn kma(code: &str, items: Value) -> String {
    json!({ "response": { "header": { "resultCode": code, "resultMsg": if code == "00" { "NORMAL_SERVICE" } else { "NO_DATA" } },
        "body": { "dataType": "JSON", "items": { "item": items }, "pageNo": 1, "numOfRows": 100, "totalCount": 8 } } }).to_string()
}

/// 기상청 as the guide documents it: 실황 with T1H and PTY (values as strings), 예보 with SKY
/// and PTY for the next hours; the grid point (nx, ny) decides the numbers.
fn weather_answer(path: &str, query: &HashMap<String, String>) -> (u16, String) {
    let nx: i32 = query.get("nx").and_then(|n| n.parse().ok()).unwrap_or(0);
    let time = query.get("base_time").cloned().unwrap_or_default();
    if path.ends_with("/getUltraSrtNcst") {
        let temp = format!("{:.1}", f64::from(nx) / 10.0);
        // 부산's grid (98): rain now.
        let pty = if nx == 98 { "1" } else { "0" };
        return (
            200,
            kma(
                "00",
                json!([
                    { "baseDate": "20261202", "baseTime": time, "category": "PTY", "nx": nx, "ny": 0, "obsrValue": pty },
                    { "baseDate": "20261202", "baseTime": time, "category": "T1H", "nx": nx, "ny": 0, "obsrValue": temp },
                ]),
            ),
        );
    }
    if path.ends_with("/getUltraSrtFcst") {
        let sky = match nx % 3 {
            0 => "1",
            1 => "3",
            _ => "4",
        };
        return (
            200,
            kma(
                "00",
                json!([
                    { "category": "SKY", "fcstDate": "20261202", "fcstTime": "1200", "fcstValue": "4" },
                    { "category": "SKY", "fcstDate": "20261202", "fcstTime": "1100", "fcstValue": sky },
                    { "category": "PTY", "fcstDate": "20261202", "fcstTime": "1100", "fcstValue": "0" },
                ]),
            ),
        );
    }
    (404, String::new())
}

fn weather(url: &str, api: &Path, key: &str, extra: &[&str]) -> Output {
    newsroom("import")
        .args([
            "weather",
            "--kma-url",
            url,
            "--kma-key",
            key,
            "--api",
            api.to_str().unwrap(),
        ])
        .args(["--now", "2026-12-02T10:50:00+09:00"])
        .args(extra)
        .env_remove("KMA_KEY")
        .output()
        .unwrap()
}

fn folder(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("sources-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&path);
    fs::create_dir_all(&path).unwrap();
    path
}

#[test]
fn the_strip_is_written_from_kmas_answers_for_every_city_in_order() {
    let url = serve(weather_answer);
    let api = folder("weather");
    let output = weather(&url, &api, "SECRET-KEY-1234567890", &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("SECRET-KEY"));
    let written: Value =
        serde_json::from_str(&fs::read_to_string(api.join("weather.json")).unwrap()).unwrap();
    assert_eq!(written["provider"], "기상청");
    assert_eq!(written["date"], "2026-12-02");
    // 10:50: 실황 of 10:00.
    assert_eq!(written["observed_at"], "2026-12-02T10:00:00+09:00");
    let names: Vec<&str> = written["cities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 17);
    assert_eq!(names[0], "서울");
    assert_eq!(names[16], "백령도");
    let seoul = &written["cities"][0];
    assert_eq!(seoul["temp_c"], 6.0, "nx 60: 6.0");
    assert_eq!(
        seoul["sky"], "clear",
        "60 % 3 == 0: SKY 1, the first hour's"
    );
    let busan = written["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "부산")
        .unwrap();
    assert_eq!(busan["sky"], "rain", "PTY wins");
    // The app reads it as it reads the contract.
    let check = newsroom("check")
        .args(["--api", api.to_str().unwrap()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        !report.contains("weather.json: ") || !report.contains("wrong"),
        "{report}"
    );
}

#[test]
fn no_data_steps_back_an_hour_and_a_failing_city_keeps_its_last_value() {
    let url = serve(|path, query| {
        let nx = query.get("nx").map(String::as_str).unwrap_or_default();
        // Not published yet for 10:00: 03 NO_DATA; 09:00 is there.
        if path.ends_with("/getUltraSrtNcst")
            && query.get("base_time").map(String::as_str) == Some("1000")
        {
            return (200, kma("03", json!([])));
        }
        // 인천 (nx 55) fails every time, as XML under dataType=JSON.
        if nx == "55" {
            return (200, "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>HTTP_ERROR</returnAuthMsg><returnReasonCode>04</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>".into());
        }
        // 수원 (60, 121) is slow, past the timeout: it fails on its own.
        if nx == "60" && query.get("ny").map(String::as_str) == Some("121") {
            return (0, String::new());
        }
        weather_answer(path, query)
    });
    let api = folder("weather-faults");
    fs::write(
        api.join("weather.json"),
        json!({
            "date": "2026-12-02", "observed_at": "2026-12-02T08:00:00+09:00", "provider": "기상청",
            "cities": [{ "name": "인천", "sky": "cloudy", "temp_c": 3.5 }],
        })
        .to_string(),
    )
    .unwrap();
    let output = weather(&url, &api, "key-of-realistic-length-1234", &["--json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("인천") && stderr.contains("HTTP_ERROR"),
        "{stderr}"
    );
    // --json: the same, for cron's log.
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["cities"], 17, "{summary}");
    assert_eq!(summary["observed_at"], "2026-12-02T09:00:00+09:00");
    let failed: Vec<&str> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 2, "{summary}");
    assert!(failed.iter().any(|f| f.starts_with("인천: ")), "{summary}");
    assert!(failed.iter().any(|f| f.starts_with("수원: ")), "{summary}");
    assert!(
        stderr.contains("수원") && stderr.contains("timed out"),
        "{stderr}"
    );
    let written: Value =
        serde_json::from_str(&fs::read_to_string(api.join("weather.json")).unwrap()).unwrap();
    assert_eq!(
        written["observed_at"], "2026-12-02T09:00:00+09:00",
        "stepped back on 03 NO_DATA"
    );
    let incheon = written["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "인천")
        .unwrap();
    assert_eq!(incheon["temp_c"], 3.5, "its last value");
    assert_eq!(
        incheon["observed_at"], "2026-12-02T08:00:00+09:00",
        "with its own time"
    );
    assert!(
        written["cities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["name"] != "수원"),
        "no last value: left out"
    );
    assert_eq!(written["cities"].as_array().unwrap().len(), 16);
}

#[test]
fn a_refused_key_or_every_city_failing_leaves_the_file() {
    let api = folder("weather-refused");
    fs::write(api.join("weather.json"), "{\"cities\": []}").unwrap();
    let refused = serve(|_, _| {
        (200, "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>".into())
    });
    let output = weather(&refused, &api, "SECRET-KEY-1234567890", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("SERVICE_KEY_IS_NOT_REGISTERED_ERROR") && stderr.contains("--kma-key"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("SECRET-KEY"),
        "the key is never printed: {stderr}"
    );
    assert_eq!(
        fs::read_to_string(api.join("weather.json")).unwrap(),
        "{\"cities\": []}"
    );
    let broken = serve(|_, _| (500, "oops".into()));
    let output = weather(&broken, &api, "SECRET-KEY-1234567890", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("every city failed"), "{stderr}");
    assert!(!stderr.contains("SECRET-KEY"));
    assert_eq!(
        fs::read_to_string(api.join("weather.json")).unwrap(),
        "{\"cities\": []}"
    );
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <title>한가람TV</title>
 <entry>
  <yt:videoId>abcDEF_1234</yt:videoId>
  <title>&lt;script&gt;alert(1)&lt;/script&gt; 수원 화성</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=abcDEF_1234"/>
  <published>2026-11-24T01:30:00+00:00</published>
  <media:group><media:thumbnail url="https://i2.ytimg.com/vi/abcDEF_1234/hqdefault.jpg" width="480" height="360"/></media:group>
 </entry>
 <entry>
  <title>자바스크립트</title>
  <link rel="alternate" href="javascript:alert(1)"/>
  <media:group><media:thumbnail url="https://i2.ytimg.com/vi/x/hqdefault.jpg" width="480" height="360"/></media:group>
 </entry>
 <entry>
  <yt:videoId>zzzzzzzzzz1</yt:videoId>
  <title>썸네일이 다른 곳</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=zzzzzzzzzz1"/>
  <media:group><media:thumbnail url="javascript:alert(1)" width="480" height="360"/></media:group>
 </entry>
</feed>"#;

#[test]
fn a_channel_feed_becomes_sns_tv_and_a_broken_one_leaves_it() {
    let url = serve(|path, _| {
        if path == "/feeds/videos.xml" {
            (200, FEED.to_owned())
        } else {
            (200, "<html>점검 중</html>".to_owned())
        }
    });
    let api = folder("youtube");
    let run = |feed: &str| {
        newsroom("import")
            .args(["youtube", "--feed", feed, "--api", api.to_str().unwrap()])
            .arg("--json")
            .output()
            .unwrap()
    };
    let output = run(&format!("{url}/feeds/videos.xml?channel_id=UC"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["videos"], 1, "{summary}");
    let entries = FEED.matches("<entry>").count() as u64;
    assert_eq!(summary["left_out"], entries - 1, "{summary}");
    let written = fs::read_to_string(api.join("sns-tv.json")).unwrap();
    let tv: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(tv["items"].as_array().unwrap().len(), 1, "{tv}");
    assert_eq!(
        tv["items"][0]["title"], "<script>alert(1)</script> 수원 화성",
        "text, shown as text"
    );
    assert_eq!(
        tv["items"][0]["url"],
        "https://www.youtube.com/watch?v=abcDEF_1234"
    );
    assert!(!written.contains("javascript"));
    for broken in [format!("{url}/other"), format!("{url}/missing.xml")] {
        let output = run(&broken);
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("left as it was"));
        assert_eq!(
            fs::read_to_string(api.join("sns-tv.json")).unwrap(),
            written
        );
    }
    let nowhere = newsroom("import")
        .args([
            "youtube",
            "--channel",
            "../../etc",
            "--api",
            api.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(nowhere.status.code(), Some(1));
}
