//! `newsroom import wordpress` against a real WordPress (Debian's `wordpress` on MariaDB, with
//! PHP's built-in server), started by each test as plain processes on a loopback address of its
//! own and stopped when the test ends, pass or fail. Posts are stored through WordPress's own
//! functions with its HTML filters off, as an editor with `unfiltered_html` can
//! (`tests/wordpress/setup.php`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod native;
use native::{newsroom, prerender_command, repo};

/// A WordPress site on `host` (a loopback address of the test's own, so its configuration file
/// `/etc/wordpress/config-{host}.php` is its own too).
struct WordPress {
    root: PathBuf,
    host: String,
    port: u16,
    database: Child,
    php: Child,
}

impl WordPress {
    fn start(name: &str, host: &str, timezone: &str) -> Self {
        let root = std::env::temp_dir().join(format!("wp-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("wp-content/uploads")).unwrap();
        let data = root.join("db");
        let socket = root.join("db.sock");
        let installed = Command::new("mariadb-install-db")
            .args([
                "--user=root",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ])
            .arg(format!("--datadir={}", data.display()))
            .output()
            .expect("mariadb-install-db: scripts/setup --test installs mariadb-server");
        assert!(
            installed.status.success(),
            "{}",
            String::from_utf8_lossy(&installed.stderr)
        );
        let database = Command::new("mariadbd")
            .args(["--user=root", "--skip-networking", "--skip-grant-tables"])
            // A database the tests throw away: commits are not flushed to disk one by one.
            .arg("--innodb-flush-log-at-trx-commit=0")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--pid-file={}", root.join("db.pid").display()))
            .arg(format!("--log-error={}", root.join("db.log").display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut site = Self {
            root: root.clone(),
            host: host.to_owned(),
            port: 0,
            database,
            php: Command::new("true").spawn().unwrap(),
        };
        wait_for(|| socket.exists(), "MariaDB's socket");
        wait_for(
            || {
                Command::new("mariadb")
                    .arg(format!("--socket={}", socket.display()))
                    .args([
                        "-u",
                        "root",
                        "-e",
                        "CREATE DATABASE IF NOT EXISTS wordpress",
                    ])
                    .output()
                    .is_ok_and(|out| out.status.success())
            },
            "the database",
        );
        fs::create_dir_all("/etc/wordpress").unwrap();
        fs::write(
            site.config_file(),
            format!(
                "<?php\ndefine('DB_NAME', 'wordpress');\ndefine('DB_USER', 'root');\ndefine('DB_PASSWORD', '');\ndefine('DB_HOST', 'localhost:{}');\ndefine('WP_CONTENT_DIR', '{}');\ndefine('FS_METHOD', 'direct');\n// No internet here: no cron calling home, no update checks.\ndefine('DISABLE_WP_CRON', true);\ndefine('WP_HTTP_BLOCK_EXTERNAL', true);\ndefine('AUTOMATIC_UPDATER_DISABLED', true);\n",
                socket.display(),
                root.join("wp-content").display()
            ),
        )
        .unwrap();
        let port = TcpListener::bind((host, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        site.port = port;
        // One process (no PHP_CLI_SERVER_WORKERS): workers it forked would outlive a kill of it.
        site.php = Command::new("php")
            .env_remove("PHP_CLI_SERVER_WORKERS")
            .args([
                "-S",
                &format!("{host}:{port}"),
                "-t",
                "/usr/share/wordpress",
            ])
            .arg(repo("newsroom/tests/wordpress/router.php"))
            .stdout(Stdio::null())
            .stderr(fs::File::create(root.join("php.log")).unwrap())
            .spawn()
            .unwrap();
        wait_for(|| TcpStream::connect((host, port)).is_ok(), "PHP's server");
        site.change(&json!([{ "do": "install", "title": "한가람일보", "tagline": "경기·인천의 오늘", "timezone": timezone }]));
        site
    }

    fn config_file(&self) -> PathBuf {
        PathBuf::from(format!("/etc/wordpress/config-{}.php", self.host))
    }

    fn url(&self) -> String {
        format!("http://{}:{}", self.host, self.port)
    }

    /// Runs `actions` through `setup.php`; the ids it made, by key.
    fn change(&self, actions: &Value) -> Value {
        let file = self.root.join("actions.json");
        fs::write(&file, actions.to_string()).unwrap();
        let output = Command::new("php")
            .arg(repo("newsroom/tests/wordpress/setup.php"))
            .args([&self.host, &self.port.to_string()])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "setup.php: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8_lossy(&output.stdout);
        // WordPress may print notices before the JSON.
        let start = text.rfind('{').unwrap_or(0);
        serde_json::from_str(&text[start..]).unwrap_or_else(|_| json!({}))
    }
}

impl Drop for WordPress {
    fn drop(&mut self) {
        let _ = self.php.kill();
        let _ = self.php.wait();
        let _ = self.database.kill();
        let _ = self.database.wait();
        let _ = fs::remove_file(self.config_file());
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn wait_for(mut ready: impl FnMut() -> bool, what: &str) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what} did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn import(site_url: &str, api: &Path, extra: &[&str]) -> Output {
    newsroom("import")
        .args([
            "wordpress",
            "--url",
            site_url,
            "--api",
            api.to_str().unwrap(),
            "--json",
        ])
        .args(extra)
        .env("NEWSROOM_IMPORT_BACKOFF_MS", "50")
        .output()
        .unwrap()
}

fn imported(site_url: &str, api: &Path) -> Value {
    let output = import(site_url, api, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The publisher's command as `scripts/prerender` runs it, on `api` into `dist`, with the
/// search index renewed after the pages (`scripts/search-index`, Pagefind) as it does.
fn prerender(api: &Path, dist: &Path, extra: &[&str]) -> Output {
    prerender_command(extra)
        .arg("--index-with")
        .arg(repo("scripts/search-index"))
        .args([
            "--api",
            api.to_str().unwrap(),
            "--dist",
            dist.to_str().unwrap(),
        ])
        .args(["--site-url", "https://news.example"])
        .args(extra)
        .output()
        .unwrap()
}

/// What a reader's search can find in `dist`'s index (scripts/search-index.mjs): each page's
/// address and the text of its Pagefind fragment (title and words), from the recent shard and
/// from the cold shards less the pages `shards.json` hides.
fn searchable(dist: &Path) -> Vec<(String, String)> {
    use std::io::Read;
    let manifest = read(dist.join("pagefind/shards.json"));
    let hidden: Vec<&str> = manifest["hidden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|url| url.as_str().unwrap())
        .collect();
    let mut found = Vec::new();
    for shard in fs::read_dir(dist.join("pagefind")).unwrap().flatten() {
        let recent = shard.file_name() == "recent";
        let Ok(fragments) = fs::read_dir(shard.path().join("fragment")) else {
            continue;
        };
        for fragment in fragments.flatten() {
            let mut text = String::new();
            flate2::read::GzDecoder::new(fs::File::open(fragment.path()).unwrap())
                .read_to_string(&mut text)
                .unwrap();
            let page: Value =
                serde_json::from_str(text.strip_prefix("pagefind_dcd").unwrap()).unwrap();
            let url = page["url"]
                .as_str()
                .unwrap()
                .trim_end_matches(".html")
                .to_owned();
            if recent || !hidden.contains(&url.as_str()) {
                found.push((
                    url,
                    format!("{} {}", page["meta"]["title"], page["content"]),
                ));
            }
        }
    }
    found.sort();
    found
}

/// The searchable text of the page at `url`, or empty.
fn search_text(dist: &Path, url: &str) -> String {
    searchable(dist)
        .into_iter()
        .filter(|(found, _)| found == url)
        .map(|(_, text)| text)
        .collect()
}

fn read(file: PathBuf) -> Value {
    serde_json::from_str(
        &fs::read_to_string(&file).unwrap_or_else(|err| panic!("{}: {err}", file.display())),
    )
    .unwrap()
}

/// Every file under `folder`, as text, with its path.
fn texts_under(folder: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = fs::read_to_string(&path) {
                found.push((path.display().to_string(), text));
            }
        }
    }
    found
}

const SEED: &str = "<!-- wp:paragraph -->\n<p>고양시는 다음 달부터 시립 도서관 14곳의 평일 운영 시간을 오후 10시까지 늘린다고 21일 밝혔다.</p>\n<!-- /wp:paragraph -->\n\n<p>&nbsp;</p>\n\n<!-- wp:paragraph -->\n<p>시 관계자는 &#8220;퇴근 뒤에도 &#8216;책 읽는 저녁&#8217;을 누리도록 하겠다&#8221;고 말했다.</p>\n<!-- /wp:paragraph -->";

const HOSTILE: &str = "<p onclick=\"alert(1)\">본문<script>alert('x')</script></p><iframe src=\"https://evil.example/\"></iframe><p><a href=\"javascript:alert(1)\">링크</a></p><img src=\"x\" onerror=\"alert(1)\"><svg onload=\"alert(1)\"></svg><form action=\"https://evil.example\"><input></form><style>body{display:none}</style>";

const RICH: &str = r#"<h2 class="wp-block-heading">달라지는 점</h2>
<blockquote class="wp-block-quote"><p>밤에도 책을 읽을 수 있다.</p><cite>고양시 관계자</cite></blockquote>
<ul><li>평일 밤 10시</li><li>주말 6시</li></ul>
<figure class="wp-block-image"><img src="http://cms.example/wp-content/uploads/a.jpg" alt="도서관" width="1200" height="800" srcset="http://cms.example/wp-content/uploads/a-300x200.jpg 300w, http://cms.example/wp-content/uploads/a.jpg 1200w"><figcaption>밤의 도서관</figcaption></figure>
[caption id="attachment_9" align="aligncenter" width="640"]<img src="http://cms.example/wp-content/uploads/b.jpg" width="640" height="427" alt="성곽"> 수원 화성[/caption]
<figure class="wp-block-gallery"><figure class="wp-block-image"><img src="http://cms.example/g1.jpg" alt="하나"></figure><figure class="wp-block-image"><img src="http://cms.example/g2.jpg" alt="둘"></figure></figure>
<figure class="wp-block-table"><table><tr><td>요일</td><td>시간</td></tr><tr><td>평일</td><td>22시</td></tr></table></figure>
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abcDEF_123","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abcDEF_123
</div></figure>
<!-- /wp:embed -->
<p>시는 <strong>올해 처음</strong>으로 <em>야간</em> <a href="https://news.example/a">개방</a>을 늘린다.</p>"#;

#[test]
fn a_wordpress_site_is_imported_and_synced() {
    let site = WordPress::start("sync", "127.0.0.21", "Asia/Seoul");
    let made = site.change(&json!([
        { "do": "user", "login": "seoyeon", "name": "김서연", "slug": "seoyeon-kim" },
        { "do": "user", "login": "hostile", "name": "<script>alert(1)</script>기자", "slug": "기자" },
        { "do": "category", "key": "gyeonggi", "name": "경기", "slug": "gyeonggi" },
        { "do": "category", "key": "economy", "name": "경제 &amp; 산업", "slug": "경제" },
    ]));
    let (seoyeon, hostile_user) = (&made["user:seoyeon"], &made["user:hostile"]);
    let (gyeonggi, economy) = (&made["category:gyeonggi"], &made["category:economy"]);
    let posts = site.change(&json!([
        { "do": "post", "key": "seed", "title": "고양시 &#8216;도서관&#8217; 14곳 평일 밤 10시까지 문 연다", "content": SEED,
          "author": seoyeon, "categories": [gyeonggi], "tags": ["도서관", "고양"], "date": "2026-11-21 16:40:00",
          "image": { "url": "http://cms.example/wp-content/uploads/library.jpg", "file": "library.jpg", "alt": "밤의 도서관",
                     "width": 1200, "height": 800,
                     "sizes": { "medium": { "file": "library-300x200.jpg", "width": 300, "height": 200, "mime-type": "image/jpeg" } } } },
        { "do": "post", "key": "rich", "title": "풍부한 본문", "content": RICH, "author": seoyeon, "categories": [economy],
          "date": "2026-11-22 09:00:00", "sticky": true },
        { "do": "post", "key": "hostile", "title": "</title><script>alert(1)</script>제목", "content": HOSTILE,
          "author": hostile_user, "categories": [gyeonggi], "tags": ["<img src=x onerror=alert(1)>", "../x"], "date": "2026-11-23 10:00:00" },
        { "do": "post", "key": "draft", "title": "초안 SECRET-DRAFT", "content": "<p>SECRET-DRAFT</p>", "status": "draft", "categories": [gyeonggi] },
        { "do": "post", "key": "private", "title": "비공개 SECRET-PRIVATE", "content": "<p>SECRET-PRIVATE</p>", "status": "private", "categories": [gyeonggi] },
        { "do": "post", "key": "future", "title": "예약 SECRET-FUTURE", "content": "<p>SECRET-FUTURE</p>", "status": "future", "date": "2030-01-01 09:00:00", "categories": [gyeonggi] },
        { "do": "post", "key": "password", "title": "암호 SECRET-PASSWORD", "content": "<p>SECRET-PASSWORD</p>", "password": "1234", "categories": [gyeonggi] },
    ]));
    let id = |key: &str| posts[format!("post:{key}")].as_u64().unwrap().to_string();
    let work = std::env::temp_dir().join(format!("wp-import-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let api = work.join("api");

    let first = imported(&site.url(), &api);
    let mut added: Vec<String> = serde_json::from_value(first["added"].clone()).unwrap();
    added.sort();
    let mut expected = vec![id("seed"), id("rich"), id("hostile")];
    expected.sort();
    assert_eq!(added, expected, "{first}");

    // The seed as an editor pastes it: entities decoded, the &nbsp; paragraph gone, KST times.
    let seed = read(api.join(format!("articles/{}.json", id("seed"))));
    assert_eq!(seed["id"], id("seed"), "the post id is the article id");
    assert_eq!(
        seed["title"],
        "고양시 ‘도서관’ 14곳 평일 밤 10시까지 문 연다"
    );
    assert_eq!(seed["published_at"], "2026-11-21T16:40:00+09:00");
    assert_eq!(
        seed["section"],
        json!({ "slug": "gyeonggi", "name": "경기" })
    );
    assert_eq!(seed["byline"]["reporter"], "김서연");
    assert_eq!(seed["byline"]["outlet"], "한가람일보");
    assert_eq!(seed["byline"]["reporter_slug"], "seoyeon-kim");
    assert!(
        seed["byline"].get("email").is_none(),
        "WordPress gives no e-mail to the public"
    );
    let paragraphs: Vec<&str> = seed["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(paragraphs.len(), 2, "{seed}");
    assert!(paragraphs[1].contains("“퇴근 뒤에도 ‘책 읽는 저녁’을"));
    assert_eq!(seed["body"][0]["type"], "image", "the featured image leads");
    assert_eq!(seed["body"][0]["image"]["width"], 1200);
    assert_eq!(seed["tags"], json!(["고양", "도서관"]));

    // Rich content: every kind of block.
    let rich = read(api.join(format!("articles/{}.json", id("rich"))));
    let kinds: Vec<&str> = rich["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["type"].as_str().unwrap())
        .collect();
    for kind in ["heading", "quote", "list", "image", "paragraph"] {
        assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
    }
    let body = rich["body"].to_string();
    assert!(
        body.contains("고양시 관계자")
            && body.contains("밤의 도서관")
            && body.contains("수원 화성")
    );
    assert!(body.contains("https://www.youtube.com/watch?v=abcDEF_123"));
    assert!(body.contains("요일 · 시간"));
    assert!(
        body.contains(r#"{"bold":true,"text":"올해 처음"}"#),
        "{body}"
    );
    assert_eq!(rich["section"]["name"], "경제 & 산업");
    assert!(rich["section"]["slug"]
        .as_str()
        .unwrap()
        .starts_with("category-"));

    // Hostile content is inert; hostile names stay text; no file leaves the folder.
    let hostile = read(api.join(format!("articles/{}.json", id("hostile"))));
    let body = hostile["body"].to_string();
    for bad in [
        "<",
        "alert",
        "onclick",
        "onerror",
        "javascript:",
        "evil.example",
        "svg",
        "form",
    ] {
        assert!(!body.contains(bad), "{bad}: {body}");
    }
    assert_eq!(hostile["body"][0]["text"], "본문");
    // Markup in a title is markup, not text: only the text stays.
    assert_eq!(hostile["title"], "제목");
    // A keyword is text: markup in one leaves none of it (WordPress itself may map it to
    // another tag), and `../x` stays a keyword, which no file is named after.
    let tags = hostile["tags"].to_string();
    assert!(
        tags.contains("../x") && !tags.contains('<') && !tags.contains("onerror"),
        "{tags}"
    );
    assert_eq!(
        hostile["byline"]["reporter_slug"],
        format!("reporter-{}", hostile_user)
    );
    for (path, _) in texts_under(&work) {
        assert!(path.starts_with(api.to_str().unwrap()), "{path}");
    }

    // Nothing unpublished anywhere.
    for (path, text) in texts_under(&api) {
        for secret in [
            "SECRET-DRAFT",
            "SECRET-PRIVATE",
            "SECRET-FUTURE",
            "SECRET-PASSWORD",
        ] {
            assert!(!text.contains(secret), "{secret} in {path}");
        }
    }
    for key in ["draft", "private", "future", "password"] {
        assert!(
            !api.join(format!("articles/{}.json", id(key))).exists(),
            "{key}"
        );
    }

    // The lists, the front page and the rest: a whole site from a fresh import.
    let site_json = read(api.join("site.json"));
    assert_eq!(site_json["name"], "한가람일보");
    let section = read(api.join("sections/gyeonggi/1.json"));
    let listed: Vec<&str> = section["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [id("hostile"), id("seed")], "newest first");
    let home = read(api.join("home.json"));
    assert_eq!(home["lead"][0]["id"], id("rich"), "sticky first");
    assert_eq!(
        read(api.join("reporters/seoyeon-kim/1.json"))["reporter"]["name"],
        "김서연"
    );
    let keyword = read(api.join("tags/도서관/1.json"));
    assert!(keyword["articles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == id("seed")));
    assert_eq!(
        read(api.join("photo-news.json"))["items"][0]["article_id"],
        id("seed")
    );
    for file in [
        "banners.json",
        "sns-tv.json",
        "weather.json",
        "most-viewed.json",
    ] {
        assert!(api.join(file).is_file(), "{file}");
    }
    let check = newsroom("check")
        .args(["--api", api.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let redirects = fs::read_to_string(api.join(".wordpress/redirects.map")).unwrap();
    assert!(redirects.contains(&format!("\"/?p={0}\" \"/article/{0}\";", id("seed"))));
    assert!(redirects.contains("\"/2026/11/21/"), "{redirects}");
    let korean = rich["section"]["slug"].as_str().unwrap();
    assert!(
        redirects.contains(&format!(
            "\"/category/%ea%b2%bd%ec%a0%9c/\" \"/section/{korean}\";"
        )),
        "{redirects}"
    );
    assert!(redirects.contains("\"/category/gyeonggi/\" \"/section/gyeonggi\";"));
    assert!(
        redirects.contains(
            "\"/tag/%eb%8f%84%ec%84%9c%ea%b4%80/\" \"/tag/%EB%8F%84%EC%84%9C%EA%B4%80\";"
        ),
        "{redirects}"
    );
    assert!(
        !redirects.contains("<") && !redirects.contains("etc"),
        "{redirects}"
    );

    // The prerender builds a whole site from the fresh import, with nothing else.
    let dist = work.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo("index.html"), dist.join("app.html")).unwrap();
    fs::copy(repo("public/robots.txt"), dist.join("robots.txt")).unwrap();
    let build = prerender(&api, &dist, &[]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    for page in [
        format!("article/{}.html", id("seed")),
        "section/gyeonggi.html".into(),
        "reporter/seoyeon-kim.html".into(),
        "index.html".into(),
    ] {
        assert!(dist.join(&page).is_file(), "{page}");
    }
    let no_secrets = |folder: &Path| {
        for (path, text) in texts_under(folder) {
            for secret in [
                "SECRET-DRAFT",
                "SECRET-PRIVATE",
                "SECRET-FUTURE",
                "SECRET-PASSWORD",
                "onerror=alert",
                "<script>alert",
            ] {
                assert!(!text.contains(secret), "{secret} in {path}");
            }
        }
    };
    no_secrets(&dist);
    // The search finds every public post by its words, and nothing unpublished.
    let search = searchable(&dist);
    let urls: Vec<&str> = search.iter().map(|(url, _)| url.as_str()).collect();
    let mut public: Vec<String> = ["seed", "rich", "hostile"]
        .iter()
        .map(|key| format!("/article/{}", id(key)))
        .collect();
    public.sort();
    assert_eq!(urls, public, "{search:?}");
    let words = |key: &str| {
        let url = format!("/article/{}", id(key));
        search_text(&dist, &url)
    };
    assert!(words("seed").contains("책 읽는 저녁"), "{}", words("seed"));
    assert!(words("rich").contains("야간"), "{}", words("rich"));
    for (url, text) in &search {
        for secret in ["SECRET-", "alert(", "<script"] {
            assert!(
                !text.contains(secret),
                "{secret} searchable in {url}: {text}"
            );
        }
    }

    // Nothing changed: nothing to do.
    let again = imported(&site.url(), &api);
    assert_eq!(again["added"], json!([]), "{again}");
    assert_eq!(again["updated"], json!([]), "{again}");
    assert_eq!(again["removed"], json!([]), "{again}");

    // An edit, a trash, one made private, one given a password, a renamed category.
    std::thread::sleep(Duration::from_millis(1100));
    site.change(&json!([
        { "do": "update_post", "id": id("seed").parse::<u64>().unwrap(), "fields": { "post_title": "고양시 도서관 밤 11시까지로" } },
        { "do": "trash", "id": id("hostile").parse::<u64>().unwrap() },
        { "do": "status", "id": id("rich").parse::<u64>().unwrap(), "status": "private" },
        { "do": "rename_category", "id": gyeonggi, "name": "경기도" },
    ]));
    let sync = imported(&site.url(), &api);
    assert_eq!(sync["updated"], json!([id("seed")]), "{sync}");
    let mut removed: Vec<String> = serde_json::from_value(sync["removed"].clone()).unwrap();
    removed.sort();
    let mut gone = vec![id("hostile"), id("rich")];
    gone.sort();
    assert_eq!(removed, gone, "{sync}");
    assert_eq!(
        read(api.join(format!("articles/{}.json", id("seed"))))["title"],
        "고양시 도서관 밤 11시까지로"
    );
    assert_eq!(
        read(api.join(format!("articles/{}.json", id("seed"))))["section"]["name"],
        "경기도"
    );
    // Its keywords' lists, which nothing else changed, show the new title (the one page that
    // shows it is written again).
    assert_eq!(
        read(api.join("tags/도서관/1.json"))["articles"][0]["title"],
        "고양시 도서관 밤 11시까지로"
    );
    for key in ["hostile", "rich"] {
        assert!(
            !api.join(format!("articles/{}.json", id(key))).exists(),
            "{key}"
        );
        for (path, text) in texts_under(&api) {
            if path.contains(".wordpress") {
                continue;
            }
            assert!(
                !text.contains(&format!("\"id\": \"{}\"", id(key))),
                "{key} still in {path}"
            );
        }
    }
    assert_eq!(read(api.join("site.json"))["sections"][0]["name"], "경기도");
    // The redirect map no longer names the posts taken down.
    let redirects = fs::read_to_string(api.join(".wordpress/redirects.map")).unwrap();
    assert!(redirects.contains(&format!("\"/?p={0}\" \"/article/{0}\";", id("seed"))));
    for key in ["hostile", "rich"] {
        assert!(
            !redirects.contains(&format!("\"/?p={}\"", id(key))),
            "{key}: {redirects}"
        );
    }
    // The publish the CMS hook runs for exactly those: the pages agree with WordPress.
    let mut publish = vec!["--article".to_owned(), id("seed")];
    for id in &removed {
        publish.extend(["--remove".to_owned(), id.clone()]);
    }
    let publish: Vec<&str> = publish.iter().map(String::as_str).collect();
    let output = prerender(&api, &dist, &publish);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for key in ["hostile", "rich"] {
        assert!(
            !dist.join(format!("article/{}.html", id(key))).exists(),
            "{key}"
        );
    }
    let feed = fs::read_to_string(dist.join("rss/allArticle.xml")).unwrap();
    assert!(feed.contains("고양시 도서관 밤 11시까지로"));
    // The search agrees: the edit is found by its new title, the posts taken down are not.
    let search = searchable(&dist);
    let urls: Vec<&str> = search.iter().map(|(url, _)| url.as_str()).collect();
    assert_eq!(urls, [format!("/article/{}", id("seed"))], "{search:?}");
    assert!(
        search_text(&dist, &format!("/article/{}", id("seed"))).contains("밤 11시까지로"),
        "{search:?}"
    );
    assert!(!feed.contains(&format!("/article/{}<", id("hostile"))));

    // A password added later takes the article down too.
    site.change(&json!([{ "do": "password", "id": id("seed").parse::<u64>().unwrap(), "password": "secret" }]));
    let locked = imported(&site.url(), &api);
    assert_eq!(locked["removed"], json!([id("seed")]), "{locked}");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn a_site_outside_seouls_timezone_is_read_in_utc_and_written_in_kst() {
    let site = WordPress::start("utc", "127.0.0.22", "America/New_York");
    let posts = site.change(&json!([
        { "do": "post", "key": "a", "title": "뉴욕에서 쓴 기사", "content": "<p>본문</p>", "date": "2026-11-20 20:30:00" },
    ]));
    let id = posts["post:a"].as_u64().unwrap();
    let work = std::env::temp_dir().join(format!("wp-utc-import-{}", std::process::id()));
    let api = work.join("api");
    imported(&site.url(), &api);
    // 20:30 in New York (UTC-5 in November) is 01:30 UTC, 10:30 the next day in Seoul.
    assert_eq!(
        read(api.join(format!("articles/{id}.json")))["published_at"],
        "2026-11-21T10:30:00+09:00"
    );
    let _ = fs::remove_dir_all(&work);
}

/// Past a page of posts a later run finds what went by halving ranges of time whose counts
/// differ: posts trashed, made private or given a password go, a scheduled post that went out
/// (WordPress leaves its modified time as it was) comes, and one behind a password is not
/// looked for again. In New York's time, which the ranges are asked in.
#[test]
fn a_larger_site_finds_what_went_and_what_came_without_listing_every_post() {
    let site = WordPress::start("halves", "127.0.0.23", "America/New_York");
    let made = site.change(&json!([
        { "do": "bulk", "count": 320, "categories": 3, "authors": 4 },
        { "do": "post", "key": "later", "title": "예약 기사 나가다", "content": "<p>예약</p>", "status": "future", "date": "2030-01-01 09:00:00" },
    ]));
    let later = made["post:later"].as_u64().unwrap();
    let work = std::env::temp_dir().join(format!("wp-halves-import-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let api = work.join("api");
    let first = imported(&site.url(), &api);
    assert_eq!(first["added"].as_array().unwrap().len(), 320, "{first}");
    let mut ids: Vec<u64> = fs::read_dir(api.join("articles"))
        .unwrap()
        .filter_map(|entry| {
            entry
                .ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")?
                .parse()
                .ok()
        })
        .collect();
    ids.sort();
    let (trashed, private, locked) = (ids[17], ids[160], ids[301]);

    std::thread::sleep(Duration::from_millis(1100));
    site.change(&json!([
        { "do": "trash", "id": trashed },
        { "do": "status", "id": private, "status": "private" },
        { "do": "password", "id": locked, "password": "secret" },
        { "do": "publish_scheduled", "id": later },
    ]));
    let sync = imported(&site.url(), &api);
    let mut removed: Vec<u64> = sync["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().parse().unwrap())
        .collect();
    removed.sort();
    assert_eq!(removed, [trashed, private, locked], "{sync}");
    assert_eq!(sync["added"], json!([later.to_string()]), "{sync}");
    assert!(sync["gone_requests"].as_u64().unwrap() >= 1, "{sync}");
    for id in [trashed, private, locked] {
        assert!(!api.join(format!("articles/{id}.json")).exists(), "{id}");
    }
    assert_eq!(
        read(api.join(format!("articles/{later}.json")))["title"],
        "예약 기사 나가다"
    );

    // The post behind a password is counted as the site counts it: nothing more is asked.
    let again = imported(&site.url(), &api);
    assert_eq!(again["removed"], json!([]), "{again}");
    assert_eq!(again["added"], json!([]), "{again}");
    assert_eq!(again["gone_requests"], 0, "{again}");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn faults_leave_the_last_good_files() {
    let work = std::env::temp_dir().join(format!("wp-faults-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let api = work.join("api");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("site.json"), "{\"name\":\"전\"}").unwrap();
    // Nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let output = import(&format!("http://127.0.0.1:{port}"), &api, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing was written"));
    assert_eq!(
        fs::read_to_string(api.join("site.json")).unwrap(),
        "{\"name\":\"전\"}"
    );
    assert!(!api.join(".wordpress").exists(), "no high-water mark moved");
    let output = import("ftp://example", &api, &[]);
    assert_eq!(output.status.code(), Some(1));
    let _ = fs::remove_dir_all(&work);
}

type Answer = Box<dyn Fn(&str, usize) -> String + Send>;

/// A stand-in for a WordPress site in trouble: answers each request with what the answer in
/// force gives for its path and how many times that path was asked (counted afresh when the
/// answer changes), on a port of its own. Runs until the test ends.
fn troubled_site(answer: Answer) -> (String, std::sync::Arc<std::sync::Mutex<(Answer, u64)>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let shared = std::sync::Arc::new(std::sync::Mutex::new((answer, 0u64)));
    let current = shared.clone();
    std::thread::spawn(move || {
        let mut asked: std::collections::HashMap<String, usize> = Default::default();
        let mut generation = 0;
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                    break;
                }
            }
            let key = path.split('?').next().unwrap_or_default().to_owned();
            let guard = current.lock().unwrap();
            if guard.1 != generation {
                generation = guard.1;
                asked.clear();
            }
            let count = asked.entry(key.clone()).or_default();
            *count += 1;
            let response = (guard.0)(&path, *count);
            drop(guard);
            if response == "hang" {
                std::thread::sleep(Duration::from_secs(3));
                continue;
            }
            let mut stream = stream;
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (url, shared)
}

fn http(status: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    format!("{text}\r\n{body}")
}

/// A healthy answer of an empty WordPress, with one post on each page of `pages` posts pages.
fn healthy(path: &str, pages: u32) -> String {
    let json = ["content-type: application/json; charset=UTF-8"];
    if path.starts_with("/wp-json/?") || path == "/wp-json/" {
        return http("200 OK", &json, r#"{"name":"시험 신문","description":""}"#);
    }
    if path.starts_with("/wp-json/wp/v2/posts") && !path.contains("_fields=id") {
        let page: u32 = path
            .split("page=")
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        // A post added while paging: the second page says there is a third.
        let total = if page >= 2 { pages + 1 } else { pages };
        let post = format!(
            r#"[{{"id":{page},"author":7,"date_gmt":"2026-11-2{page}T01:00:00","modified":"2026-11-2{page}T10:00:00","status":"publish","title":{{"rendered":"기사 {page}"}},"content":{{"rendered":"<p>본문 {page}</p>","protected":false}},"excerpt":{{"rendered":"","protected":false}}}}]"#
        );
        let pages_header = format!("x-wp-totalpages: {total}");
        return http("200 OK", &[json[0], &pages_header], &post);
    }
    if path.contains("_fields=id") {
        let ids: Vec<String> = (1..=pages + 1)
            .map(|id| format!(r#"{{"id":{id}}}"#))
            .collect();
        let total = format!("x-wp-total: {}", pages + 1);
        return http(
            "200 OK",
            &[json[0], &total, "x-wp-totalpages: 1"],
            &format!("[{}]", ids.join(",")),
        );
    }
    // An author the users listed at the start did not hold (their first post was published
    // during the run): asked for by id.
    if path.starts_with("/wp-json/wp/v2/users") && path.contains("include=7") {
        let user = r#"[{"id":7,"name":"새 기자","slug":"new-reporter"}]"#;
        return http("200 OK", &[json[0], "x-wp-totalpages: 1"], user);
    }
    http("200 OK", &[json[0], "x-wp-totalpages: 1"], "[]")
}

#[test]
fn a_site_in_trouble_is_retried_or_said_so_and_the_last_good_files_stay() {
    let work = std::env::temp_dir().join(format!("wp-trouble-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let api = work.join("api");

    // A 500 and a 429 with Retry-After are tried again; posts added while paging are read too.
    let (url, site) = troubled_site(Box::new(|path, count| match (path, count) {
        (p, 1 | 2) if p.starts_with("/wp-json/?") || p == "/wp-json/" => {
            http("500 Internal Server Error", &[], "oops")
        }
        (p, 1) if p.contains("categories") => {
            http("429 Too Many Requests", &["retry-after: 1"], "")
        }
        _ => healthy(path, 2),
    }));
    let started = Instant::now();
    let done = imported(&url, &api);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    assert_eq!(done["added"], json!(["1", "2", "3"]), "{done}");
    let good = fs::read_to_string(api.join("articles/1.json")).unwrap();
    let byline = &serde_json::from_str::<Value>(&good).unwrap()["byline"];
    assert_eq!(byline["reporter"], "새 기자", "{good}");
    assert_eq!(byline["reporter_slug"], "new-reporter", "{good}");
    let state = fs::read(api.join(".wordpress/state.sqlite")).unwrap();

    // Then the site goes wrong in every way: each run says why, exits 1, and writes nothing.
    let cases: Vec<(&str, Answer)> = vec![
        (
            "an HTML page, not JSON",
            Box::new(|_: &str, _| {
                http(
                    "200 OK",
                    &["content-type: text/html"],
                    "<!DOCTYPE html><html><body>점검 중</body></html>",
                )
            }),
        ),
        (
            "REST API is switched off",
            Box::new(|_: &str, _| {
                http(
                    "404 Not Found",
                    &["content-type: application/json"],
                    r#"{"code":"rest_no_route","message":"No route"}"#,
                )
            }),
        ),
        (
            "longer than this run does",
            Box::new(|_: &str, _| http("429 Too Many Requests", &["retry-after: 3600"], "")),
        ),
        (
            "HTTP 500",
            Box::new(|_: &str, _| http("500 Internal Server Error", &[], "")),
        ),
        ("timed out", Box::new(|_: &str, _| "hang".to_owned())),
        (
            "posts/?",
            Box::new(|path: &str, _| {
                if path.contains("posts") {
                    http("500 Internal Server Error", &[], "")
                } else {
                    healthy(path, 1)
                }
            }),
        ),
    ];
    for (said, answer) in cases {
        {
            let mut current = site.lock().unwrap();
            *current = (answer, current.1 + 1);
        }
        let output = import(&url, &api, &["--timeout", "1"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{said}: {stderr}");
        assert!(
            stderr.contains(said) || said == "posts/?" && stderr.contains("/wp/v2/posts"),
            "{said}: {stderr}"
        );
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(
            fs::read_to_string(api.join("articles/1.json")).unwrap(),
            good
        );
        assert_eq!(
            fs::read(api.join(".wordpress/state.sqlite")).unwrap(),
            state,
            "the high-water mark stays"
        );
    }
    let _ = fs::remove_dir_all(&work);
}

/// Not a test: the figures `scripts/bench --wordpress N` prints. A first import of N posts from
/// a real WordPress (seconds, peak memory), an import with nothing changed, and one edited post
/// imported and published on the site prerendered from the import.
#[test]
#[ignore = "a benchmark: scripts/bench --wordpress N runs it"]
fn measure_an_import_from_wordpress() {
    let posts: usize = std::env::var("NEWSROOM_BENCH_POSTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let site = WordPress::start("bench", "127.0.0.29", "Asia/Seoul");
    let started = Instant::now();
    site.change(&json!([{ "do": "bulk", "count": posts, "categories": 8, "authors": 30 }]));
    eprintln!(
        "bench: {posts} posts stored in WordPress in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let work = std::env::temp_dir().join(format!("wp-measured-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let api = work.join("api");
    let timed = |what: &str, run: &dyn Fn() -> Output| -> Value {
        let started = Instant::now();
        let output = run();
        let log = fs::read_to_string(site.root.join("php.log")).unwrap_or_default()
            + &fs::read_to_string(site.root.join("db.log")).unwrap_or_default();
        let tail: String = log.lines().rev().take(20).collect::<Vec<_>>().join("\n");
        assert!(
            output.status.success(),
            "{what}: {}\n{tail}",
            String::from_utf8_lossy(&output.stderr)
        );
        let seconds = started.elapsed().as_secs_f64();
        let summary: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        let peak = summary["peak_memory_bytes"].as_u64().unwrap_or(0) as f64 / 1048576.0;
        eprintln!("bench: {what}: {seconds:.2} s, peak {peak:.0} MB");
        json!({ "seconds": seconds, "peak_mb": peak })
    };
    let first = timed("first import", &|| import(&site.url(), &api, &[]));
    let again = timed("import, nothing changed", &|| {
        import(&site.url(), &api, &[])
    });
    let dist = work.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo("index.html"), dist.join("app.html")).unwrap();
    let build = timed("whole site prerendered", &|| {
        prerender(&api, &dist, &["--json"])
    });
    std::thread::sleep(Duration::from_millis(1100));
    site.change(&json!([{ "do": "update_post", "id": posts as u64 / 2, "fields": { "post_title": "고친 제목" } }]));
    let started = Instant::now();
    let edited = import(&site.url(), &api, &[]);
    let imported = started.elapsed().as_secs_f64();
    let summary: Value = serde_json::from_slice(&edited.stdout).unwrap();
    let ids: Vec<String> = serde_json::from_value(summary["updated"].clone()).unwrap();
    let mut args = vec![];
    for id in &ids {
        args.extend(["--article", id.as_str()]);
    }
    let publish = prerender(&api, &dist, &args);
    assert!(publish.status.success());
    let edit = started.elapsed().as_secs_f64();
    eprintln!(
        "bench: one edited post, import + publish: {edit:.2} s (import {imported:.2} s; {ids:?})"
    );
    let out = json!({ "posts": posts, "first_import": first, "import_unchanged": again, "prerender_whole": build, "edit_import_and_publish_s": edit, "edit_import_s": imported });
    fs::create_dir_all(repo("target/bench")).unwrap();
    fs::write(
        repo("target/bench/wordpress.json"),
        serde_json::to_string_pretty(&out).unwrap(),
    )
    .unwrap();
    // For working on the figures: the site, its WordPress and the command's folders stay while
    // the file NEWSROOM_BENCH_HOLD names exists, so a rebuilt command can be timed against them.
    if let Ok(hold) = std::env::var("NEWSROOM_BENCH_HOLD") {
        fs::write(&hold, "").unwrap();
        eprintln!(
            "bench: holding while {hold} exists: WordPress {} (php newsroom/tests/wordpress/setup.php {} {} ACTIONS.json), api {}, dist {}",
            site.url(),
            site.host,
            site.port,
            api.display(),
            dist.display()
        );
        while Path::new(&hold).exists() {
            std::thread::sleep(Duration::from_secs(2));
        }
    }
    let _ = fs::remove_dir_all(&work);
}
