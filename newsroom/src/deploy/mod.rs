//! `newsroom deploy` (`scripts/deploy`): the built bundle to any S3-compatible object store,
//! uploading only what changed, with the headers of `deploy/headers.json`, and the CDN told
//! which addresses changed or went.
//!
//! A run is its stages: the bundle's files and their content hashes (`scan`: a file whose size
//! and time have not changed since the last deploy is not read again), the bucket's manifest of
//! what it holds (one object, written last: the bucket is never listed), the plan (what to
//! upload, what to delete), then the uploads in an order no reader can be hurt by (new assets,
//! then pages, then the lists, feeds and sitemaps that link to them), the deletions (a page taken
//! down at once; an old hashed asset only after a grace period, so tabs still open keep loading),
//! `removed.json`, the manifest, and the purge. A run that fails leaves the old manifest, so the
//! next run uploads again whatever this one could not confirm: it finishes the deploy.
//!
//! Client: `object_store` (Apache Arrow's): S3 with any endpoint (path-style), no checksum
//! headers a provider may refuse (it adds none unless asked), per-object Content-Type and
//! Cache-Control, and no listing needed for this design.

mod headers;
mod purge;

use crate::cli::{Cdn, Deploy};
use futures::stream::{self, StreamExt, TryStreamExt};
use headers::{is_hashed_asset, Rules};
use news_front::routes::folder;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, RetryConfig,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The bucket's record of what it holds.
const MANIFEST: &str = ".newsroom/manifest.json";
/// The bundle's record of the hashes it last read (so unchanged files are not read again).
const LOCAL_STATE: &str = ".deploy/local.json";

/// What the bucket holds, by path: each file's content hash; and the old hashed assets kept
/// for tabs still open, with the time they left the bundle.
#[derive(Serialize, Deserialize, Default)]
struct Manifest {
    files: BTreeMap<String, String>,
    #[serde(default)]
    retired: BTreeMap<String, u64>,
}

/// A file's hash as last read, with its size and time then.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct Seen {
    size: u64,
    modified_ns: u128,
    hash: String,
}

/// The order of uploads: a reader never gets a page whose assets are not there yet, nor a list
/// naming a page that is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Assets,
    Pages,
    Lists,
    Last,
}

fn phase(path: &str) -> Phase {
    let top = path.split('/').next().unwrap_or_default();
    if path == "removed.json" {
        return Phase::Last;
    }
    let list_page = matches!(
        top,
        folder::SECTION | folder::TAG | folder::REPORTER | "rss"
    ) || matches!(
        path,
        "index.html"
            | "shell.html"
            | "404.html"
            | "app.html"
            | "photo.html"
            | "tv.html"
            | "sw.js"
            | "robots.txt"
    ) || (path.starts_with("sitemap") && path.ends_with(".xml"))
        || (top == "pagefind" && path.matches('/').count() == 1 && path.ends_with(".json"));
    if list_page {
        Phase::Lists
    } else if path.ends_with(".html") {
        Phase::Pages
    } else {
        Phase::Assets
    }
}

/// What a run did, for a CMS's log (`--json`).
#[derive(Serialize, Default)]
struct Report {
    files: usize,
    uploaded: Vec<String>,
    deleted: Vec<String>,
    /// Old hashed assets kept until their grace period ends.
    retired_kept: usize,
    /// The site's addresses whose content changed or went (what a CDN must drop).
    changed_addresses: Vec<String>,
    purged: usize,
    bytes_uploaded: u64,
    seconds: f64,
    stages: BTreeMap<&'static str, f64>,
    peak_memory_bytes: Option<u64>,
}

/// Runs the deploy as `options` say, prints what it did and says how it ended.
pub fn main(options: &Deploy) -> ExitCode {
    let started = Instant::now();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("deploy: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(options)) {
        Ok(mut report) => {
            report.seconds = started.elapsed().as_secs_f64();
            report.peak_memory_bytes = crate::system::peak_memory();
            eprintln!(
                "deploy: {} file(s), {} uploaded ({:.1} MB), {} deleted, {} old asset(s) kept, {} address(es) changed, {} purged, in {:.2} s",
                report.files,
                report.uploaded.len(),
                report.bytes_uploaded as f64 / 1e6,
                report.deleted.len(),
                report.retired_kept,
                report.changed_addresses.len(),
                report.purged,
                report.seconds
            );
            if options.json {
                println!("{}", serde_json::to_string(&report).unwrap_or_default());
            }
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("deploy: {reason}\ndeploy: the bucket's manifest is as it was: the next run finishes the deploy");
            ExitCode::FAILURE
        }
    }
}

/// `s3://bucket/prefix` as the bucket and the prefix (without slashes at its ends).
fn target(to: &str) -> Result<(String, String), String> {
    let rest = to
        .strip_prefix("s3://")
        .ok_or_else(|| format!("--to {to}: not an s3://bucket[/prefix] address"))?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let valid = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !valid {
        return Err(format!("--to {to}: {bucket:?} is not a bucket name"));
    }
    Ok((bucket.to_owned(), prefix.trim_matches('/').to_owned()))
}

async fn run(options: &Deploy) -> Result<Report, String> {
    let mut report = Report::default();
    let (bucket, prefix) = target(&options.to)?;
    let key = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let (Some(access), Some(secret)) = (key("AWS_ACCESS_KEY_ID"), key("AWS_SECRET_ACCESS_KEY"))
    else {
        return Err("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set".to_owned());
    };
    let store = AmazonS3Builder::new()
        .with_bucket_name(&bucket)
        .with_endpoint(options.endpoint.trim_end_matches('/'))
        .with_virtual_hosted_style_request(false)
        .with_region(key("AWS_REGION").unwrap_or_else(|| "us-east-1".to_owned()))
        .with_access_key_id(access)
        .with_secret_access_key(secret)
        .with_client_options(
            // (The client's options hold whether plain http is allowed: set here, not before.)
            ClientOptions::new()
                .with_allow_http(options.endpoint.starts_with("http://"))
                .with_timeout(Duration::from_secs(options.timeout))
                .with_connect_timeout(Duration::from_secs(options.timeout.min(10))),
        )
        .with_retry(RetryConfig {
            max_retries: 2,
            retry_timeout: Duration::from_secs(options.timeout * 3),
            ..RetryConfig::default()
        })
        .build()
        .map_err(|err| format!("the store: {err}"))?;
    let object = |path: &str| {
        if prefix.is_empty() {
            ObjectPath::from(path)
        } else {
            ObjectPath::from(format!("{prefix}/{path}"))
        }
    };

    // Scan: the bundle's files and their hashes.
    let stage = Instant::now();
    let dist = options.dist.as_path();
    let local = scan(dist)?;
    report.files = local.len();
    report.stages.insert("scan", stage.elapsed().as_secs_f64());

    // The bucket's manifest (none: a first deploy, or an empty bucket).
    let stage = Instant::now();
    let manifest: Manifest = match store.get(&object(MANIFEST)).await {
        Ok(found) => {
            let bytes = found
                .bytes()
                .await
                .map_err(|err| said("the manifest", &err))?;
            serde_json::from_slice(&bytes).map_err(|err| format!("{MANIFEST} in the bucket does not read ({err}): delete it to upload everything again"))?
        }
        Err(object_store::Error::NotFound { .. }) => Manifest::default(),
        Err(err) => return Err(said("the bucket", &err)),
    };
    report
        .stages
        .insert("manifest", stage.elapsed().as_secs_f64());

    // Plan.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or_default();
    let mut uploads: Vec<(&String, &String)> = local
        .iter()
        .filter(|(path, hash)| manifest.files.get(*path) != Some(*hash))
        .collect();
    uploads.sort_by_key(|(path, _)| (phase(path), path.as_str()));
    let mut next = Manifest {
        files: local.clone(),
        retired: BTreeMap::new(),
    };
    let mut deletions = Vec::new();
    for (path, _) in manifest
        .files
        .iter()
        .filter(|(path, _)| !local.contains_key(*path))
    {
        let name = path.rsplit('/').next().unwrap_or(path);
        if is_hashed_asset(name) {
            next.retired.insert(path.clone(), now);
        } else {
            deletions.push(path.clone());
        }
    }
    for (path, since) in &manifest.retired {
        if local.contains_key(path) {
            continue;
        }
        if now.saturating_sub(*since) >= options.grace_hours * 3600 {
            deletions.push(path.clone());
        } else {
            next.retired.insert(path.clone(), *since);
        }
    }
    report.retired_kept = next.retired.len();

    // Upload, phase by phase: a phase starts when the one before it is in the bucket.
    let stage = Instant::now();
    let rules = Rules::new();
    for phase_now in [Phase::Assets, Phase::Pages, Phase::Lists] {
        let batch: Vec<&String> = uploads
            .iter()
            .filter(|(path, _)| phase(path) == phase_now)
            .map(|(path, _)| *path)
            .collect();
        let sizes: Vec<u64> = stream::iter(batch.iter().map(|path| {
            let store = &store;
            let rules = &rules;
            let location = object(path);
            async move {
                let bytes = tokio::fs::read(dist.join(path))
                    .await
                    .map_err(|err| format!("{path}: {err}"))?;
                let size = bytes.len() as u64;
                put(store, &location, bytes, &rules.for_path(path))
                    .await
                    .map_err(|err| said(path, &err))?;
                Ok::<u64, String>(size)
            }
        }))
        .buffer_unordered(options.jobs.into())
        .try_collect()
        .await?;
        report.bytes_uploaded += sizes.iter().sum::<u64>();
        report
            .uploaded
            .extend(batch.iter().map(|path| (*path).clone()));
    }
    report
        .stages
        .insert("upload", stage.elapsed().as_secs_f64());

    // Delete what went (taken down, outgrown, or old assets past their grace).
    let stage = Instant::now();
    stream::iter(deletions.iter().map(|path| {
        let store = &store;
        let location = object(path);
        async move {
            match store.delete(&location).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(err) => Err(said(path, &err)),
            }
        }
    }))
    .buffer_unordered(options.jobs.into())
    .try_collect::<Vec<()>>()
    .await?;
    report.deleted = deletions.clone();
    report
        .stages
        .insert("delete", stage.elapsed().as_secs_f64());

    // removed.json, then the manifest: the deploy is whole.
    let stage = Instant::now();
    let removed_changed = local
        .get("removed.json")
        .is_some_and(|hash| manifest.files.get("removed.json") != Some(hash));
    if removed_changed {
        let bytes = std::fs::read(dist.join("removed.json"))
            .map_err(|err| format!("removed.json: {err}"))?;
        report.bytes_uploaded += bytes.len() as u64;
        put(
            &store,
            &object("removed.json"),
            bytes,
            &rules.for_path("removed.json"),
        )
        .await
        .map_err(|err| said("removed.json", &err))?;
        report.uploaded.push("removed.json".to_owned());
    }
    let changed = !uploads.is_empty() || !deletions.is_empty() || next.retired != manifest.retired;
    if changed {
        let text = serde_json::to_vec(&next).map_err(|err| err.to_string())?;
        let headers = headers::Headers {
            content_type: "application/json; charset=utf-8".to_owned(),
            cache_control: "no-cache".to_owned(),
        };
        put(&store, &object(MANIFEST), text, &headers)
            .await
            .map_err(|err| said("the manifest", &err))?;
    }
    report
        .stages
        .insert("manifest write", stage.elapsed().as_secs_f64());

    // The CDN: every address whose content changed or went (new hashed assets have new names).
    report.changed_addresses = uploads
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| manifest.files.contains_key(*path))
        .chain(deletions.iter().map(String::as_str))
        .filter(|path| !is_hashed_asset(path.rsplit('/').next().unwrap_or(path)))
        .flat_map(addresses)
        .collect();
    report.changed_addresses.sort();
    report.changed_addresses.dedup();
    if let Some(cdn) = options.purge {
        let stage = Instant::now();
        report.purged = purge::purge(
            cdn,
            &report.changed_addresses,
            options.site_url.as_deref(),
            dist,
        )?;
        report.stages.insert("purge", stage.elapsed().as_secs_f64());
    }
    Ok(report)
}

/// Puts `bytes` at `location` with `headers`.
async fn put(
    store: &impl ObjectStore,
    location: &ObjectPath,
    bytes: Vec<u8>,
    headers: &headers::Headers,
) -> object_store::Result<()> {
    let mut attributes = Attributes::new();
    attributes.insert(Attribute::ContentType, headers.content_type.clone().into());
    attributes.insert(
        Attribute::CacheControl,
        headers.cache_control.clone().into(),
    );
    let options = PutOptions {
        attributes,
        ..PutOptions::default()
    };
    store
        .put_opts(location, bytes.into(), options)
        .await
        .map(|_| ())
}

/// A store's error as a publisher reads it.
fn said(what: &str, err: &object_store::Error) -> String {
    let text = err.to_string();
    let hint = if text.contains("InvalidAccessKeyId")
        || text.contains("SignatureDoesNotMatch")
        || text.contains("403")
    {
        ": the credentials are refused (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"
    } else if text.contains("NoSuchBucket") {
        ": there is no such bucket at that endpoint"
    } else if text.contains("onnect") || text.contains("timed out") || text.contains("timeout") {
        ": the store did not answer"
    } else {
        ""
    };
    format!("{what}: {text}{hint}")
}

/// The site's addresses of a file: `article/1065.html` is `/article/1065` (and the file's own
/// address), `index.html` is `/`.
fn addresses(path: &str) -> Vec<String> {
    match path.strip_suffix(".html") {
        Some("index") => vec!["/".to_owned(), "/index.html".to_owned()],
        Some(page) => vec![format!("/{page}"), format!("/{path}")],
        None => vec![format!("/{path}")],
    }
}

/// Every file of the bundle but the dotfiles (the commands' own bookkeeping), with its content
/// hash: read again only when its size or time changed since the last deploy.
fn scan(dist: &Path) -> Result<BTreeMap<String, String>, String> {
    let state_file = dist.join(LOCAL_STATE);
    let before: BTreeMap<String, Seen> = std::fs::read(&state_file)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let mut seen = BTreeMap::new();
    let mut files = BTreeMap::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(dist.join(&folder))
            .map_err(|err| format!("{}: {err}", dist.join(&folder).display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.contains(".tmp") {
                continue;
            }
            let relative = folder.join(&name);
            let meta = entry
                .metadata()
                .map_err(|err| format!("{}: {err}", relative.display()))?;
            if meta.is_dir() {
                folders.push(relative);
                continue;
            }
            let path = relative.to_string_lossy().replace('\\', "/");
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
                .map(|since| since.as_nanos())
                .unwrap_or_default();
            let hash = match before.get(&path) {
                Some(last) if last.size == meta.len() && last.modified_ns == modified_ns => {
                    last.hash.clone()
                }
                _ => {
                    let bytes =
                        std::fs::read(entry.path()).map_err(|err| format!("{path}: {err}"))?;
                    Sha256::digest(&bytes)[..16]
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect()
                }
            };
            seen.insert(
                path.clone(),
                Seen {
                    size: meta.len(),
                    modified_ns,
                    hash: hash.clone(),
                },
            );
            files.insert(path, hash);
        }
    }
    if seen != before {
        if let Some(folder) = state_file.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let _ = std::fs::write(&state_file, serde_json::to_vec(&seen).unwrap_or_default());
    }
    Ok(files)
}

/// The CDN a purge asks.
impl Cdn {
    pub fn name(self) -> &'static str {
        match self {
            Cdn::Cloudflare => "cloudflare",
            Cdn::Cloudfront => "cloudfront",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_go_assets_then_pages_then_lists() {
        assert_eq!(phase("news-front-2771f3a0a3e749d6_bg.wasm"), Phase::Assets);
        assert_eq!(phase("img/photo/a-640.webp"), Phase::Assets);
        assert_eq!(phase("api/articles/1065.json"), Phase::Assets);
        assert_eq!(phase("pagefind/fragment/ko_1.pf_fragment"), Phase::Assets);
        assert_eq!(phase("article/1065.html"), Phase::Pages);
        assert_eq!(phase("policy/privacy.html"), Phase::Pages);
        for list in [
            "index.html",
            "section/gyeonggi.html",
            "section/gyeonggi/2.html",
            "tag/경제.html",
            "reporter/a.html",
            "rss/allArticle.xml",
            "sitemap.xml",
            "sitemap-news.xml",
            "robots.txt",
            "sw.js",
            "pagefind/shards.json",
            "shell.html",
        ] {
            assert_eq!(phase(list), Phase::Lists, "{list}");
        }
        assert_eq!(phase("removed.json"), Phase::Last);
    }

    #[test]
    fn targets_and_addresses() {
        assert_eq!(
            target("s3://news-site").unwrap(),
            ("news-site".to_owned(), String::new())
        );
        assert_eq!(
            target("s3://news-site/www/").unwrap(),
            ("news-site".to_owned(), "www".to_owned())
        );
        assert!(target("https://x").is_err());
        assert!(target("s3://A_B").is_err());
        assert_eq!(addresses("index.html"), ["/", "/index.html"]);
        assert_eq!(
            addresses("article/1065.html"),
            ["/article/1065", "/article/1065.html"]
        );
        assert_eq!(addresses("rss/allArticle.xml"), ["/rss/allArticle.xml"]);
    }
}
