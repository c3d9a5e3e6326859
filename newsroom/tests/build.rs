//! The prerender command on the demo API, on an API that fails during a run, and as a CMS's
//! publish hook (`--article`): files, feeds and sitemaps checked with real parsers.

// The helpers below are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod native;
use native::{copy_dir, newsroom, prerender_command, repo};

const SITE: &str = "https://news.example";

/// A fresh folder with a copy of the demo API and a dist/ holding the template.
fn workspace(name: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("prerender-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let api = root.join("api");
    let dist = root.join("dist");
    copy_dir(&repo("public/api"), &api);
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo("index.html"), dist.join("app.html")).unwrap();
    fs::copy(repo("public/robots.txt"), dist.join("robots.txt")).unwrap();
    (api, dist)
}

/// The command as `scripts/prerender` runs it: `publish` for an article or a takedown, else
/// `build`.
fn prerender(api: &Path, dist: &Path, extra: &[&str]) -> Output {
    prerender_command(extra)
        .args([
            "--api",
            api.to_str().unwrap(),
            "--dist",
            dist.to_str().unwrap(),
        ])
        .args(["--site-url", SITE, "--now", "2026-11-25T12:00:00+09:00"])
        .args(extra)
        .output()
        .unwrap()
}

fn read(file: PathBuf) -> String {
    fs::read_to_string(&file).unwrap_or_else(|err| panic!("{}: {err}", file.display()))
}

/// The file under `dist` that serves a site address (`https://news.example/article/1`).
fn file_of(dist: &Path, url: &str) -> PathBuf {
    let address = url.strip_prefix(SITE).expect("an address of the site");
    dist.join(news_front::routes::file_for(address).expect("a page address"))
}

/// The `<loc>` texts of a sitemap, read with quick-xml.
fn locations(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut found, mut in_loc) = (Vec::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(tag) if tag.name().as_ref() == b"loc" => in_loc = true,
            Event::End(tag) if tag.name().as_ref() == b"loc" => in_loc = false,
            Event::Text(text) if in_loc => found.push(text.decode().unwrap().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

#[test]
fn the_demo_site_is_written_whole_with_feeds_and_sitemaps() {
    let (api, dist) = workspace("demo");
    let output = prerender(&api, &dist, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    for file in [
        "index.html",
        "shell.html",
        "404.html",
        "photo.html",
        "tv.html",
        "policy/privacy.html",
        "policy/youth.html",
        "policy/email.html",
    ] {
        assert!(dist.join(file).is_file(), "{file}");
    }
    let article = read(dist.join("article/1065.html"));
    assert!(article.contains("<h1 data-page=\"/article/1065\" class=\"article__title\">"));
    assert!(article.contains(
        r#"<link data-prerendered rel="canonical" href="https://news.example/article/1065">"#
    ));

    // Feeds: RSS 2.0 read back by the rss crate; Korean text, KST dates, links to real pages.
    for feed in [
        "rss/allArticle.xml",
        "rss/clickTop.xml",
        "rss/section/gyeonggi.xml",
    ] {
        let channel = rss::Channel::read_from(read(dist.join(feed)).as_bytes())
            .unwrap_or_else(|err| panic!("{feed}: {err}"));
        assert!(!channel.items().is_empty(), "{feed}");
        assert_eq!(channel.language(), Some("ko"));
        for item in channel.items() {
            let link = item.link().unwrap();
            assert!(file_of(&dist, link).is_file(), "{feed}: {link}");
            assert!(
                item.pub_date().unwrap().ends_with("+0900"),
                "{:?}",
                item.pub_date()
            );
            assert!(item
                .title()
                .unwrap()
                .chars()
                .any(|c| ('가'..='힣').contains(&c)));
        }
    }
    let all = rss::Channel::read_from(read(dist.join("rss/allArticle.xml")).as_bytes()).unwrap();
    let dates: Vec<_> = all
        .items()
        .iter()
        .map(|item| chrono::DateTime::parse_from_rfc2822(item.pub_date().unwrap()).unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first"
    );

    // Sitemaps: every address is a page in dist/; the news sitemap holds the last 48 hours.
    let urls = locations(&read(dist.join("sitemap.xml")));
    assert!(urls.contains(&format!("{SITE}/article/1065")));
    assert!(urls.contains(&format!("{SITE}/section/gyeonggi/2")));
    // Keyword pages: files named by the decoded keyword, addresses encoded; every page of them.
    let keyword = news_front::routes::tag("수도권 교통", 1);
    assert!(urls.contains(&format!("{SITE}{keyword}")), "{keyword}");
    assert!(urls.contains(&format!("{SITE}{}", news_front::routes::tag("지역경제", 2))));
    let page = read(dist.join("tag/수도권 교통.html"));
    assert!(page.contains("#수도권 교통"));
    assert!(page.contains("href=\"/article/1055\""));
    assert!(dist.join("tag/지역경제/2.html").is_file());
    assert!(
        read(dist.join("article/1055.html")).contains(&format!("href=\"{keyword}\"")),
        "the article links its tags"
    );
    for url in &urls {
        assert!(file_of(&dist, url).is_file(), "{url}");
    }
    let news = locations(&read(dist.join("sitemap-news.xml")));
    assert!(!news.is_empty() && news.len() < urls.len());
    let robots = read(dist.join("robots.txt"));
    assert!(robots.contains(&format!("Sitemap: {SITE}/sitemap.xml\n")));
    assert!(robots.contains("User-agent: *"));
}

#[test]
fn a_failing_api_keeps_the_previous_files_and_says_why() {
    let (api, dist) = workspace("faults");
    assert!(prerender(&api, &dist, &[]).status.success());
    let kept = read(dist.join("article/1065.html"));
    fs::write(
        api.join("articles/1065.json"),
        r#"{"id": "1065", "title": "#,
    )
    .unwrap();
    fs::remove_file(api.join("articles/1066.json")).unwrap();
    // The other articles change, so it is seen that they are written again.
    let mut home: serde_json::Value = serde_json::from_str(&read(api.join("home.json"))).unwrap();
    home["lead"][0]["title"] = "새로 바뀐 제목".into();
    fs::write(api.join("home.json"), home.to_string()).unwrap();

    let output = prerender(&api, &dist, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/article/1065: ") && stderr.contains("malformed JSON"),
        "{stderr}"
    );
    // Listed, but the API has it no more: taken down, said as such, not as a failure.
    assert!(
        stderr.contains("/article/1066: the API no longer has it (404): taking it down"),
        "{stderr}"
    );
    assert!(!stderr.contains("/article/1066: api"), "{stderr}");
    assert!(!dist.join("article/1066.html").exists());
    assert_eq!(read(dist.join("article/1065.html")), kept);
    assert!(read(dist.join("index.html")).contains("새로 바뀐 제목"));
    // No temporary file is left behind.
    let leftovers: Vec<_> = fs::read_dir(dist.join("article"))
        .unwrap()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    // Without site.json nothing can be drawn: nothing is written, and the command says so.
    fs::remove_file(api.join("site.json")).unwrap();
    let output = prerender(&api, &dist, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("site.json"));
    assert!(read(dist.join("index.html")).contains("새로 바뀐 제목"));
}

#[test]
fn publishing_an_article_updates_what_lists_it() {
    let (api, dist) = workspace("publish");
    assert!(prerender(&api, &dist, &[]).status.success());
    let sitemap_before = read(dist.join("sitemap.xml"));
    let untouched = fs::metadata(dist.join("article/1051.html"))
        .unwrap()
        .modified()
        .unwrap();

    let title = "고양시, 새 도서관 문 연다";
    let mut article: serde_json::Value =
        serde_json::from_str(&read(api.join("articles/1065.json"))).unwrap();
    article["id"] = "1071".into();
    article["title"] = title.into();
    article["section"] = serde_json::json!({"slug": "gyeonggi", "name": "경기"});
    article["published_at"] = "2026-11-25T11:00:00+09:00".into();
    article["tags"] = serde_json::json!(["도서관", "수도권 교통"]);
    fs::write(api.join("articles/1071.json"), article.to_string()).unwrap();
    let summary = serde_json::json!({"id": "1071", "title": title,
        "section": {"slug": "gyeonggi", "name": "경기"}, "published_at": "2026-11-25T11:00:00+09:00"});
    for file in [
        "home.json",
        "sections/gyeonggi/1.json",
        "tags/수도권 교통/1.json",
    ] {
        let mut list: serde_json::Value = serde_json::from_str(&read(api.join(file))).unwrap();
        let key = if file == "home.json" {
            "lead"
        } else {
            "articles"
        };
        list[key].as_array_mut().unwrap().insert(0, summary.clone());
        fs::write(api.join(file), list.to_string()).unwrap();
    }

    let output = prerender(&api, &dist, &["--article", "1071"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(read(dist.join("article/1071.html")).contains(title));
    assert!(read(dist.join("index.html")).contains(title));
    assert!(read(dist.join("section/gyeonggi.html")).contains(title));
    assert!(read(dist.join("tag/수도권 교통.html")).contains(title));
    let urls = locations(&read(dist.join("sitemap.xml")));
    assert!(
        urls.contains(&format!("{SITE}{}", news_front::routes::tag("지역경제", 2))),
        "keyword pages stay listed"
    );
    assert!(read(dist.join("rss/allArticle.xml")).contains(title));
    assert!(read(dist.join("rss/section/gyeonggi.xml")).contains(title));
    let urls = locations(&read(dist.join("sitemap.xml")));
    assert!(urls.contains(&format!("{SITE}/article/1071")));
    assert!(
        urls.contains(&format!("{SITE}/article/1051")),
        "older pages stay listed"
    );
    // Every page the whole run listed stays, of every kind (reporters' too), with its time.
    let sitemap = read(dist.join("sitemap.xml"));
    let blocks = |xml: &str| -> Vec<String> {
        xml.split("<url>")
            .skip(1)
            .map(|block| block.split("</url>").next().unwrap().to_owned())
            .collect()
    };
    let after = blocks(&sitemap);
    let before = blocks(&sitemap_before);
    assert!(before.iter().any(|block| block.contains("/reporter/")));
    for block in &before {
        let rewritten = ["/</loc>", "/section/gyeonggi</loc>", "/tag/"]
            .iter()
            .any(|page| block.contains(page));
        assert!(
            rewritten || after.contains(block),
            "{block} is gone from {sitemap}"
        );
    }
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        locations(&read(dist.join("sitemap-news.xml"))).contains(&format!("{SITE}/article/1071"))
    );
    let after = fs::metadata(dist.join("article/1051.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        untouched, after,
        "an article nobody changed is not written again"
    );
}

#[test]
fn a_messy_article_is_prerendered_as_the_app_reads_it() {
    let (api, dist) = workspace("messy");
    fs::copy(
        repo("tests/fixtures/messy-article.json"),
        api.join("articles/8.json"),
    )
    .unwrap();
    let mut list: serde_json::Value =
        serde_json::from_str(&read(api.join("sections/gyeonggi/1.json"))).unwrap();
    let summary =
        serde_json::json!({"id": 8, "title": "킥오프 회의", "published_at": "2025-10-27 10:00:00"});
    list["articles"].as_array_mut().unwrap().insert(0, summary);
    fs::write(api.join("sections/gyeonggi/1.json"), list.to_string()).unwrap();

    let output = prerender(&api, &dist, &["--article", "8"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = read(dist.join("article/8.html"));
    assert!(
        page.contains(
            r#"class="article__title">고양연구원 '고양 바이오 클러스터 추진 킥오프 회의' 개최</h1>"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"<time datetime="2025-10-27T10:00:00+09:00" data-pagefind-meta="published[datetime]">2025.10.27 10:00</time>"#),
        "{page}"
    );
    assert!(page.contains(r#"<meta data-prerendered property="article:published_time" content="2025-10-27T10:00:00+09:00">"#), "{page}");
    assert!(!page.contains("byline__who"));
    assert!(page.contains(r#"class="picture--unsized""#));
    assert!(!page.contains("error-notice"));
    // The section's page lists it by the id's digits.
    assert!(read(dist.join("section/gyeonggi.html")).contains(r#"href="/article/8""#));
}

#[test]
fn usage_errors_exit_with_2() {
    let output = newsroom("build").arg("--api").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// Serves `api` over HTTP on a free port, with faults: `articles/1052.json` answers after the
/// 10 s timeout, `1053` with a 500, `1054` drops the connection. Runs until the tests end.
fn serve_with_faults(api: PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let api = api.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let path = request.split(' ').nth(1).unwrap_or("/").to_owned();
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let respond = |mut stream: &std::net::TcpStream, status: &str, body: &[u8]| {
                    let head = format!(
                        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(body);
                };
                match path.as_str() {
                    "/articles/1052.json" => {
                        std::thread::sleep(std::time::Duration::from_secs(12));
                        respond(&stream, "200 OK", b"{}");
                    }
                    "/articles/1053.json" => respond(&stream, "500 Internal Server Error", b"oops"),
                    "/articles/1054.json" => {} // closed with no answer
                    _ => match fs::read(api.join(path.trim_start_matches('/'))) {
                        Ok(body) => respond(&stream, "200 OK", &body),
                        Err(_) => respond(&stream, "404 Not Found", b"{}"),
                    },
                }
            });
        }
    });
    address
}

#[test]
fn an_api_over_http_is_read_with_the_apps_timeout_and_errors() {
    let (api, dist) = workspace("http");
    let base = serve_with_faults(api);
    let started = std::time::Instant::now();
    let output = prerender(Path::new(&base), &dist, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "/article/1052: {base}/articles/1052.json: request timed out"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "/article/1053: {base}/articles/1053.json: HTTP status 500"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("/article/1054: "), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(read(dist.join("article/1065.html")).contains("인천대교"));
    assert!(!dist.join("article/1052.html").exists());
}

#[test]
fn hostile_footer_and_policy_text_is_written_as_text() {
    let (api, dist) = workspace("hostile-policy");
    let hostile = "</title><script>window.__pwned=1</script><img src=x onerror=alert(1)>";
    let mut site: serde_json::Value = serde_json::from_str(&read(api.join("site.json"))).unwrap();
    site["footer"]["issuer"] = hostile.into();
    site["footer"]["policies"] = serde_json::json!([
        {"slug": "privacy", "title": hostile},
        {"slug": "../../escaped", "title": "밖"},
        {"slug": "a b", "title": "빈칸"}
    ]);
    fs::write(api.join("site.json"), site.to_string()).unwrap();
    fs::write(
        api.join("policies/privacy.json"),
        serde_json::json!({"title": hostile, "body": [{"type": "paragraph", "text": hostile}]})
            .to_string(),
    )
    .unwrap();
    let output = prerender(&api, &dist, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for file in ["policy/privacy.html", "index.html"] {
        let page = read(dist.join(file));
        assert!(!page.contains("<script>window.__pwned"), "{file}");
        assert!(!page.contains("<img src=x"), "{file}");
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{file}"
        );
        assert_eq!(page.matches("<title").count(), 1, "{file}");
    }
    // Only the plain slug is written; the others open through the shell, inside dist/.
    let mut written: Vec<String> = fs::read_dir(dist.join("policy"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["privacy.html"]);
    assert!(!dist.parent().unwrap().join("escaped.html").exists());
}

/// The address of `<meta property=NAME>` in a written page.
fn meta_property(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!(r#"property="{name}" content=""#))?;
    let rest = &html[at + name.len() + r#"property="" content=""#.len()..];
    Some(rest[..rest.find('"')?].replace("&amp;", "&"))
}

/// The file under `dist` that holds an image address of the site.
fn image_file(dist: &Path, url: &str) -> PathBuf {
    let path = url.strip_prefix(SITE).expect("an image of the site");
    dist.join(path.trim_start_matches('/'))
}

/// How much of `picture` is near white: the card's title and name.
fn white_share(picture: &image::RgbImage) -> f64 {
    let white = picture
        .pixels()
        .filter(|p| p.0.iter().all(|c| *c > 200))
        .count();
    white as f64 / f64::from(picture.width() * picture.height())
}

#[test]
fn every_page_previews_with_a_jpeg_or_png_of_1200_by_630() {
    let (api, dist) = workspace("previews");
    copy_dir(&repo("public/img"), &dist.join("img"));
    // A photo-less article with a 300-character headline that tries to be markup.
    let file = api.join("articles/1054.json");
    let mut article: serde_json::Value = serde_json::from_str(&read(file.clone())).unwrap();
    let hostile = format!("</title><script>alert(1)</script>{}", "긴 제목 ".repeat(60));
    article["title"] = serde_json::json!(hostile);
    fs::write(&file, article.to_string()).unwrap();
    let output = prerender(&api, &dist, &[]);
    assert!(output.status.success(), "{output:?}");

    let pages = [
        "/",
        "/section/gyeonggi",
        "/section/gyeonggi/2",
        "/article/1065",
        "/article/1054",
        "/tag/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C",
        "/policy/privacy",
        "/photo",
        "/tv",
    ];
    let mut cards = Vec::new();
    for page in pages {
        let html = read(file_of(&dist, &format!("{SITE}{page}")));
        let src = meta_property(&html, "og:image").unwrap_or_else(|| panic!("{page}: no og:image"));
        assert_eq!(
            meta_property(&html, "og:image:width").as_deref(),
            Some("1200")
        );
        assert_eq!(
            meta_property(&html, "og:image:height").as_deref(),
            Some("630")
        );
        assert!(meta_property(&html, "og:image:alt").is_some(), "{page}");
        assert!(
            html.contains(&format!(r#"name="twitter:image" content="{src}""#)),
            "{page}"
        );
        let format = image::ImageFormat::from_path(&src).unwrap();
        assert!(
            matches!(format, image::ImageFormat::Jpeg | image::ImageFormat::Png),
            "{page}: {src}"
        );
        let picture = image::open(image_file(&dist, &src)).unwrap().to_rgb8();
        assert_eq!(picture.dimensions(), (1200, 630), "{page}");
        if src.contains("/card-") {
            // Drawn: the paper's name and the title stand out in white on navy.
            let share = white_share(&picture);
            assert!(share > 0.002 && share < 0.5, "{page}: {share}");
            cards.push(src);
        }
    }
    // Every page without a photo has a card of its own (its title differs), but a list's
    // later pages share its first page's.
    assert_eq!(cards.len(), 8);
    assert_eq!(
        cards[1], cards[2],
        "/section/gyeonggi/2 has the first page's card"
    );
    let mut distinct = cards.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), cards.len() - 1);
    // The long headline fills the card more than a section's two letters.
    let card = |page: &str| {
        let html = read(file_of(&dist, &format!("{SITE}{page}")));
        let src = meta_property(&html, "og:image").unwrap();
        image::open(image_file(&dist, &src)).unwrap().to_rgb8()
    };
    assert!(white_share(&card("/article/1054")) > 2.0 * white_share(&card("/section/gyeonggi")));

    // The article with a photo: its crop previews, and its structured data has three shapes.
    let html = read(dist.join("article/1065.html"));
    let start = html.find(r#"type="application/ld+json""#).unwrap();
    let json = &html[html[start..].find('>').unwrap() + start + 1..];
    let json: serde_json::Value =
        serde_json::from_str(&json[..json.find("</script>").unwrap()]).unwrap();
    let images = json["@graph"][0]["image"].as_array().unwrap();
    let shapes: Vec<(u32, u32)> = images
        .iter()
        .map(|src| image::image_dimensions(image_file(&dist, src.as_str().unwrap())).unwrap())
        .collect();
    assert_eq!(shapes, [(800, 450), (800, 600), (600, 600)]);
    assert!(meta_property(&html, "og:image")
        .unwrap()
        .contains("/preview/photo-"));

    // A second run draws nothing again; a changed headline gets a card of its own.
    let before: Vec<_> = fs::read_dir(dist.join("preview"))
        .unwrap()
        .map(|entry| {
            (
                entry.as_ref().unwrap().path(),
                entry.unwrap().metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    article["title"] = serde_json::json!("바뀐 제목");
    fs::write(&file, article.to_string()).unwrap();
    assert!(prerender(&api, &dist, &[]).status.success());
    for (path, modified) in &before {
        assert_eq!(
            &fs::metadata(path).unwrap().modified().unwrap(),
            modified,
            "{}",
            path.display()
        );
    }
    let html = read(dist.join("article/1054.html"));
    let src = meta_property(&html, "og:image").unwrap();
    assert!(!before
        .iter()
        .any(|(path, _)| *path == image_file(&dist, &src)));
}

/// Leaves the article `id` out of every list of the API in `api` (as a CMS does once it took
/// the article down), and deletes its answer.
fn drop_from_api(api: &Path, id: &str) {
    fn strip(value: &mut serde_json::Value, id: &str) {
        match value {
            serde_json::Value::Array(items) => {
                items.retain(|item| {
                    let named = item.get("id").or_else(|| item.get("article_id"));
                    named.and_then(|v| v.as_str()) != Some(id)
                });
                items.iter_mut().for_each(|item| strip(item, id));
            }
            serde_json::Value::Object(members) => {
                members.values_mut().for_each(|member| strip(member, id))
            }
            _ => {}
        }
    }
    fn walk(folder: &Path, id: &str) {
        for entry in fs::read_dir(folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, id);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                let mut value: serde_json::Value =
                    serde_json::from_str(&read(path.clone())).unwrap();
                strip(&mut value, id);
                fs::write(&path, value.to_string()).unwrap();
            }
        }
    }
    walk(api, id);
    fs::remove_file(api.join(format!("articles/{id}.json"))).unwrap();
}

/// The files of the bundle, but for the article pages (another article may still link to one
/// taken down, as related) and the search index, that name `/article/{id}`: the lists, feeds
/// and sitemaps that show it.
fn lists_naming(dist: &Path, id: &str) -> Vec<String> {
    let link = format!("/article/{id}\"");
    let xml = format!("/article/{id}<");
    let mut found: Vec<String> = files_under(dist)
        .into_iter()
        .filter_map(|file| {
            let relative = Path::new(&file)
                .strip_prefix(dist)
                .ok()?
                .display()
                .to_string();
            let skipped = relative.starts_with("article/") || relative.starts_with("pagefind/");
            let text = fs::read_to_string(&file).ok()?;
            (!skipped && (text.contains(&link) || text.contains(&xml))).then_some(relative)
        })
        .collect();
    found.sort();
    found
}

fn removed_ids(dist: &Path) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(&read(dist.join("removed.json"))).unwrap();
    value["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn help_goes_to_stdout_and_names_every_option() {
    let output = newsroom("publish").arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    for option in [
        "--api",
        "--dist",
        "--article",
        "--remove",
        "--site-url",
        "--jobs",
        "--now",
        "--card-font",
        "--index-with",
        "--json",
        "Exit status",
    ] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
    assert!(output.stderr.is_empty());
}

#[test]
fn the_index_subcommand_renews_a_bundles_search_index_alone() {
    let (api, dist) = workspace("index");
    assert!(prerender(&api, &dist, &[]).status.success());
    assert!(!dist.join("pagefind").exists(), "built without an index");
    let index = |with: &Path| {
        newsroom("index")
            .args(["--dist", dist.to_str().unwrap(), "--whole", "--json"])
            .arg("--with")
            .arg(with)
            .args(["--now", "2026-11-25T12:00:00+09:00"])
            .output()
            .unwrap()
    };
    let output = index(&repo("scripts/search-index"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["whole"], true);
    assert_eq!(summary["failures"], serde_json::json!([]));
    let shards = read(dist.join("pagefind/shards.json"));
    assert!(shards.contains(r#""name":"2026-11""#), "{shards}");
    // An indexer that fails: said, and exit status 1.
    let output = index(Path::new("/bin/false"));
    assert_eq!(output.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        summary["failures"].as_array().unwrap().len(),
        1,
        "{summary}"
    );
}

#[test]
fn an_article_taken_down_leaves_every_page_feed_and_sitemap() {
    let (api, dist) = workspace("remove");
    assert!(prerender(&api, &dist, &[]).status.success());
    let listed = lists_naming(&dist, "1065");
    assert!(listed.len() > 5, "the demo lists it: {listed:?}");
    let record = dist.join(".search-records/1065.json");
    assert!(
        record.is_file(),
        "its search record is written beside its page"
    );
    // Each record written is noted for the search index, with the month it replaced (none);
    // a run that changes no record notes nothing.
    let journal = dist.join(".search-records/journal");
    let noted = read(journal.clone());
    assert!(noted.lines().any(|line| line == "1065\t"), "{noted}");
    assert!(prerender(&api, &dist, &[]).status.success());
    assert_eq!(read(journal.clone()), noted);
    let untouched = fs::metadata(dist.join("article/1051.html"))
        .unwrap()
        .modified()
        .unwrap();

    // The CMS's lists still name it (they lag behind the takedown): it goes all the same.
    let output = prerender(&api, &dist, &["--remove", "1065", "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["mode"], "publish");
    assert_eq!(summary["removed"], serde_json::json!(["1065"]));
    assert_eq!(summary["failures"], serde_json::json!([]));
    assert!(!record.exists(), "its search record goes with its page");
    assert_eq!(
        read(journal).strip_prefix(noted.as_str()),
        Some("1065\t2026-11\n"),
        "its takedown is noted for the search index, with its month"
    );
    let stages: Vec<&str> = summary["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|stage| stage["name"].as_str().unwrap())
        .collect();
    for stage in ["plan", "answers", "render", "feeds", "sitemap"] {
        assert!(stages.contains(&stage), "{stages:?}");
    }
    assert!(!dist.join("article/1065.html").exists());
    // No list, feed or sitemap names it.
    assert_eq!(lists_naming(&dist, "1065"), Vec::<String>::new());
    assert!(read(dist.join("section/incheon.html")).contains("href=\"/article/1066\""));
    assert_eq!(removed_ids(&dist), ["1065"]);
    assert_eq!(
        fs::metadata(dist.join("article/1051.html"))
            .unwrap()
            .modified()
            .unwrap(),
        untouched,
        "no other article is written again"
    );

    // Published again: it is back everywhere, and no longer named as removed.
    let output = prerender(&api, &dist, &["--article", "1065"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dist.join("article/1065.html").exists());
    assert!(read(dist.join("section/incheon.html")).contains("href=\"/article/1065\""));
    assert!(read(dist.join("rss/allArticle.xml")).contains("/article/1065<"));
    assert_eq!(removed_ids(&dist), Vec::<String>::new());
}

#[test]
fn an_article_the_api_answers_404_for_is_taken_down_by_a_publish_and_a_whole_run() {
    let (api, dist) = workspace("gone");
    assert!(prerender(&api, &dist, &[]).status.success());

    drop_from_api(&api, "1066");
    let output = prerender(&api, &dist, &["--article", "1066"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("/article/1066: the API no longer has it (404)"),
        "{stderr}"
    );
    assert!(!dist.join("article/1066.html").exists());
    assert_eq!(lists_naming(&dist, "1066"), Vec::<String>::new());

    // An article without a photo: the card drawn of its title goes with it.
    let page = read(dist.join("article/1054.html"));
    let card = meta_property(&page, "og:image").unwrap();
    assert!(card.contains("/preview/card-"), "{card}");
    let card_file = image_file(&dist, &card);
    assert!(card_file.is_file());
    let output = prerender(&api, &dist, &["--remove", "1054"]);
    assert!(output.status.success());
    assert!(!card_file.exists(), "{}", card_file.display());

    // A whole run after the API dropped another one, without a publish hook being called.
    drop_from_api(&api, "1067");
    let output = prerender(&api, &dist, &["--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["stale_deleted"], 1);
    assert!(!dist.join("article/1067.html").exists());
    assert!(dist.join("article/1065.html").exists());
    assert_eq!(lists_naming(&dist, "1067"), Vec::<String>::new());
    assert_eq!(removed_ids(&dist), ["1054", "1066", "1067"]);
}

#[test]
fn a_whole_run_that_cannot_read_a_list_deletes_no_page() {
    let (api, dist) = workspace("no-list");
    assert!(prerender(&api, &dist, &[]).status.success());
    let before = fs::read_dir(dist.join("article")).unwrap().count();
    fs::write(api.join("sections/incheon/1.json"), "{ not json").unwrap();
    let output = prerender(&api, &dist, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("no page of an unlisted article is deleted"));
    assert_eq!(fs::read_dir(dist.join("article")).unwrap().count(), before);
}

#[test]
fn ids_that_try_to_leave_the_folder_are_refused() {
    let (api, dist) = workspace("hostile-ids");
    assert!(prerender(&api, &dist, &[]).status.success());
    fs::write(dist.join("secret.html"), "keep").unwrap();
    for id in ["../secret", "..", "%2e%2e", "a/b", "", "1065 ", "１０６５"] {
        let output = prerender(&api, &dist, &["--remove", id]);
        assert_eq!(output.status.code(), Some(1), "{id:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("not an id this command writes"));
    }
    assert_eq!(read(dist.join("secret.html")), "keep");
    assert!(dist.join("index.html").exists() && dist.join("article/1065.html").exists());
}

/// Two editors' articles, each listed first in its section and on the front page.
fn add_articles(api: &Path, ids: &[&str]) {
    for (n, id) in ids.iter().enumerate() {
        let mut article: serde_json::Value =
            serde_json::from_str(&read(api.join("articles/1065.json"))).unwrap();
        let title = format!("동시 발행 기사 {id}");
        let published = format!("2026-11-25T11:0{n}:00+09:00");
        article["id"] = (*id).into();
        article["title"] = title.clone().into();
        article["published_at"] = published.clone().into();
        fs::write(api.join(format!("articles/{id}.json")), article.to_string()).unwrap();
        let summary = serde_json::json!({"id": id, "title": title,
            "section": {"slug": "incheon", "name": "인천"}, "published_at": published});
        for (file, key) in [
            ("home.json", "lead"),
            ("sections/incheon/1.json", "articles"),
        ] {
            let mut list: serde_json::Value = serde_json::from_str(&read(api.join(file))).unwrap();
            list[key].as_array_mut().unwrap().insert(0, summary.clone());
            fs::write(api.join(file), list.to_string()).unwrap();
        }
    }
}

#[test]
fn two_publishes_at_once_both_land() {
    let (api, dist) = workspace("concurrent");
    assert!(prerender(&api, &dist, &[]).status.success());
    add_articles(&api, &["2001", "2002"]);
    let start = |id: &str| {
        newsroom("publish")
            .args([
                "--api",
                api.to_str().unwrap(),
                "--dist",
                dist.to_str().unwrap(),
            ])
            .args([
                "--site-url",
                SITE,
                "--now",
                "2026-11-25T12:00:00+09:00",
                "--article",
                id,
            ])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (start("2001"), start("2002"));
    for run in [first, second] {
        let output = run.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for id in ["2001", "2002"] {
        assert!(dist.join(format!("article/{id}.html")).exists());
        let address = format!("/article/{id}");
        assert!(read(dist.join("index.html")).contains(&format!("href=\"{address}\"")));
        assert!(read(dist.join("rss/allArticle.xml")).contains(&format!("{address}<")));
        assert!(locations(&read(dist.join("sitemap.xml"))).contains(&format!("{SITE}{address}")));
    }
    // No temporary file is left behind.
    let leftovers: Vec<String> = files_under(&dist)
        .into_iter()
        .filter(|file| file.ends_with(".tmp") || file.contains(".tmp."))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

fn files_under(dist: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dist.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn a_run_waits_while_another_holds_the_bundle() {
    let (api, dist) = workspace("lock");
    assert!(prerender(&api, &dist, &[]).status.success());
    let held = fs::File::options()
        .write(true)
        .open(dist.join(".prerender.lock"))
        .unwrap();
    held.lock().unwrap();
    let mut run = newsroom("publish")
        .args([
            "--api",
            api.to_str().unwrap(),
            "--dist",
            dist.to_str().unwrap(),
        ])
        .args(["--site-url", SITE, "--article", "1065"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        run.try_wait().unwrap().is_none(),
        "it did not wait for the lock"
    );
    held.unlock().unwrap();
    let output = run.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("another run is writing"));
}

#[test]
fn a_takedown_that_shortens_a_list_deletes_its_pages_past_the_end() {
    let (api, dist) = workspace("shorter");
    assert!(prerender(&api, &dist, &[]).status.success());
    assert!(dist.join("section/economy/2.html").is_file());
    // The CMS took 1062 down: economy's list is one page now.
    drop_from_api(&api, "1062");
    let mut first: serde_json::Value =
        serde_json::from_str(&read(api.join("sections/economy/1.json"))).unwrap();
    first["total_pages"] = 1.into();
    fs::write(api.join("sections/economy/1.json"), first.to_string()).unwrap();
    fs::remove_file(api.join("sections/economy/2.json")).unwrap();

    let output = prerender(&api, &dist, &["--remove", "1062"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!dist.join("section/economy/2.html").exists());
    assert!(dist.join("section/economy.html").is_file());
    assert!(
        !locations(&read(dist.join("sitemap.xml"))).contains(&format!("{SITE}/section/economy/2"))
    );
}

/// `banners.json`, which every page now carries as its ad slots' layout: hostile text stays
/// inert JSON, units that cannot be drawn safely are left out of the boxes, and a file that
/// is too large, broken or missing is left out of the pages without failing the run.
#[test]
fn banners_go_into_every_page_inert_and_only_when_they_read() {
    let (api, dist) = workspace("banners");
    let hostile = "</script><script>window.__pwned=1</script>";
    let banners = serde_json::json!({"slots": {
        "sidebar": [
            {"network": "adfit", "unit": "DAN-1", "size": [300, 250], "label": hostile},
            {"network": "x\"><script>", "unit": "u", "size": [300, 250]},
            {"network": "adfit", "unit": "u\" onload=\"x", "size": [300, 250]}
        ],
        "top": [{"image": {"src": "/img/ad/top.webp", "alt": hostile}, "href": "https://ad.example/"}]
    }});
    fs::write(api.join("banners.json"), banners.to_string()).unwrap();
    let output = prerender(&api, &dist, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = read(dist.join("article/1065.html"));
    assert!(
        page.contains("\"banners.json\""),
        "the page does not carry banners.json"
    );
    assert!(!page.contains("<script>window.__pwned"));
    assert!(page.contains(r"\u003c/script\u003e\u003cscript\u003ewindow.__pwned=1"));
    // The one safe unit has its box; the others none; the label is an attribute's text.
    assert_eq!(page.matches("class=\"ad-unit\"").count(), 1, "{page}");
    assert!(page.contains("data-ad=\"network=adfit&amp;unit=DAN-1&amp;w=300&amp;h=250\""));
    assert!(page
        .contains("data-title=\"&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;\""));

    for (answer, said) in [
        (
            format!("{{\"slots\": {{\"top\": \"{}\"}}}}", "x".repeat(70 * 1024)),
            "larger than",
        ),
        ("{\"slots\": ".to_owned(), "banners.json"),
    ] {
        fs::write(api.join("banners.json"), answer).unwrap();
        let output = prerender(&api, &dist, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
        let page = read(dist.join("article/1065.html"));
        assert!(
            !page.contains("\"banners.json\""),
            "the pages still carry banners.json"
        );
        assert!(!page.contains("class=\"ad-unit\""));
    }
    fs::remove_file(api.join("banners.json")).unwrap();
    assert!(prerender(&api, &dist, &[]).status.success());
}

/// The pages of a reporter's list in `dist` (`reporter/{slug}.html`, `reporter/{slug}/N.html`).
fn reporter_pages(dist: &Path, slug: &str) -> Vec<String> {
    let mut pages = vec![read(dist.join(format!("reporter/{slug}.html")))];
    for n in 2.. {
        let Ok(page) = fs::read_to_string(dist.join(format!("reporter/{slug}/{n}.html"))) else {
            break;
        };
        pages.push(page);
    }
    pages
}

#[test]
fn reporters_have_pages_and_feeds_that_their_bylines_link_to() {
    let (api, dist) = workspace("reporters");
    let output = prerender(&api, &dist, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Every article whose byline names 김서연's page is on her pages, in the API's order.
    let hers: Vec<String> = fs::read_dir(api.join("articles"))
        .unwrap()
        .flatten()
        .filter_map(|entry| {
            let article: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(entry.path()).ok()?).ok()?;
            (article["byline"]["reporter_slug"] == "seoyeon-kim")
                .then(|| article["id"].as_str().unwrap().to_owned())
        })
        .collect();
    assert!(hers.len() >= 2, "{hers:?}");
    let pages = reporter_pages(&dist, "seoyeon-kim").concat();
    for id in &hers {
        assert!(pages.contains(&format!("href=\"/article/{id}\"")), "{id}");
        let article = read(dist.join(format!("article/{id}.html")));
        assert!(
            article.contains(r#"href="/reporter/seoyeon-kim""#),
            "{id}: the byline links"
        );
        assert!(
            article.contains(r#""url":"https://news.example/reporter/seoyeon-kim""#),
            "{id}: NewsArticle author.url"
        );
    }
    let first = read(dist.join("reporter/seoyeon-kim.html"));
    assert!(first.contains("김서연 기자"));
    assert!(first.contains(
        r#"rel="alternate" type="application/rss+xml" title="김서연 기자의 기사" href="https://news.example/rss/reporter/seoyeon-kim.xml""#
    ));
    assert!(first.contains(r#"<link data-prerendered rel="canonical" href="https://news.example/reporter/seoyeon-kim">"#));

    // 기자 구독: the feed reads, names itself, and links only to pages there are.
    let channel =
        rss::Channel::read_from(read(dist.join("rss/reporter/seoyeon-kim.xml")).as_bytes())
            .unwrap();
    assert!(channel.title().contains("김서연 기자"));
    assert!(!channel.items().is_empty());
    for item in channel.items() {
        assert!(file_of(&dist, item.link().unwrap()).is_file());
    }
    let urls = locations(&read(dist.join("sitemap.xml")));
    assert!(urls.contains(&format!("{SITE}/reporter/seoyeon-kim")));

    // A takedown leaves her pages and her feed; a publish of a new article puts it on them.
    let gone = hers[0].clone();
    drop_from_api(&api, &gone);
    assert!(prerender(&api, &dist, &["--remove", &gone])
        .status
        .success());
    assert!(!reporter_pages(&dist, "seoyeon-kim")
        .concat()
        .contains(&format!("href=\"/article/{gone}\"")));
    assert!(!read(dist.join("rss/reporter/seoyeon-kim.xml")).contains(&format!("/article/{gone}<")));
}

#[test]
fn hostile_reporter_slugs_get_no_page_and_no_link() {
    let (api, dist) = workspace("reporter-hostile");
    let file = api.join("articles/1065.json");
    let mut article: serde_json::Value = serde_json::from_str(&read(file.clone())).unwrap();
    for slug in [
        "../../etc",
        "<script>alert(1)</script>",
        "a\"onmouseover=\"x",
        "",
    ] {
        article["byline"]["reporter_slug"] = slug.into();
        fs::write(&file, article.to_string()).unwrap();
        let output = prerender(&api, &dist, &["--article", "1065"]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let page = read(dist.join("article/1065.html"));
        assert!(!page.contains("href=\"/reporter/"), "{slug}: no link");
        assert!(!page.contains("<script>alert(1)"), "{slug}");
    }
    // Nothing was written outside the bundle's reporter folder.
    let outside: Vec<String> = files_under(&dist)
        .into_iter()
        .filter(|file| file.contains("etc") || file.contains("script"))
        .collect();
    assert_eq!(outside, Vec::<String>::new());

    // An API without the extension: no reporter pages and no feed, and the run still succeeds.
    let (api, dist) = workspace("reporter-none");
    fs::remove_dir_all(api.join("reporters")).unwrap();
    let output = prerender(&api, &dist, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!dist.join("reporter").exists());
    assert!(!dist.join("rss/reporter").exists());
}
