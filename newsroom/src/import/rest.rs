//! WordPress's public REST API over HTTP(S): one GET at a time with the app's 10 s timeout, a
//! retry where it makes sense (a 5xx, a 429 after its `Retry-After`, a dropped connection), and
//! a clear message for what does not (REST switched off, an HTML page instead of JSON).

use serde::de::DeserializeOwned;
use std::time::Duration;

/// How many times a request is tried.
const TRIES: u32 = 4;
/// The longest `Retry-After` honoured; a longer one fails the run (it runs again from cron).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// The largest answer read.
const MAX_BODY: u64 = 32 * 1024 * 1024;

/// A WordPress site's REST API.
pub struct Rest {
    base: String,
    agent: ureq::Agent,
    /// Waits between tries (shortened by the tests).
    backoff: Duration,
}

/// One answer: its JSON and the paging headers.
pub struct Page<T> {
    pub items: T,
    pub total: Option<u64>,
    pub total_pages: Option<u32>,
}

impl Rest {
    /// The site at `url` (`https://cms.example`, its REST API under `/wp-json/`); a request
    /// may take `timeout`.
    pub fn new(url: &str, timeout: Duration) -> Result<Self, String> {
        let base = url.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!("--url {url}: not an http(s) address"));
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent("newsroom-import")
            .build()
            .into();
        let backoff = std::env::var("NEWSROOM_IMPORT_BACKOFF_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(2), Duration::from_millis);
        Ok(Self {
            base,
            agent,
            backoff,
        })
    }

    /// GETs `/wp-json/{path}` as a `T`, with its paging headers.
    pub fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Page<T>, String> {
        let url = format!("{}/wp-json/{path}", self.base);
        let mut last = String::new();
        for attempt in 1..=TRIES {
            match self.once(&url) {
                Ok(page) => return Ok(page),
                Err(Fault::Final(reason)) => return Err(reason),
                Err(Fault::Retry(reason, wait)) => {
                    last = reason;
                    if attempt < TRIES {
                        std::thread::sleep(wait.unwrap_or(self.backoff * attempt));
                    }
                }
            }
        }
        Err(format!("{last} (tried {TRIES} times)"))
    }

    fn once<T: DeserializeOwned>(&self, url: &str) -> Result<Page<T>, Fault> {
        let mut response = self
            .agent
            .get(url)
            .header("accept", "application/json")
            .call()
            .map_err(|err| Fault::Retry(format!("{url}: {}", said(&err)), None))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let total = header("x-wp-total").and_then(|n| n.trim().parse().ok());
        let total_pages = header("x-wp-totalpages").and_then(|n| n.trim().parse().ok());
        let retry_after = header("retry-after")
            .and_then(|seconds| seconds.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let kind = header("content-type").unwrap_or_default();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|err| Fault::Retry(format!("{url}: {}", said(&err)), None))?;
        if status == 429 {
            return match retry_after {
                Some(wait) if wait > MAX_RETRY_AFTER => Err(Fault::Final(format!(
                    "{url}: 429 Too Many Requests, Retry-After {} s: the site asks to wait longer than this run does",
                    wait.as_secs()
                ))),
                wait => Err(Fault::Retry(format!("{url}: 429 Too Many Requests"), wait)),
            };
        }
        if status >= 500 {
            return Err(Fault::Retry(
                format!("{url}: HTTP {status}{}", said_by(&body)),
                None,
            ));
        }
        let json: Result<serde_json::Value, _> = serde_json::from_str(&body);
        if status == 404 {
            let code = json
                .as_ref()
                .ok()
                .and_then(|value| value.get("code"))
                .and_then(|code| code.as_str())
                .unwrap_or_default();
            return Err(Fault::Final(if code == "rest_no_route" {
                format!("{url}: 404 rest_no_route: the site's REST API is switched off or this route is not offered")
            } else {
                format!("{url}: 404 Not Found: is this a WordPress site, with its REST API at /wp-json/?")
            }));
        }
        if status >= 400 {
            return Err(Fault::Final(format!("{url}: HTTP {status}")));
        }
        let json = json.map_err(|err| {
            let what = if kind.contains("html") || body.trim_start().starts_with('<') {
                "an HTML page, not JSON (a maintenance page, a login wall or a firewall)".to_owned()
            } else {
                format!("JSON that does not read ({err})")
            };
            Fault::Retry(format!("{url}: {what}"), None)
        })?;
        let items = serde_json::from_value(json).map_err(|err| {
            Fault::Final(format!("{url}: not the shape WordPress answers: {err}"))
        })?;
        Ok(Page {
            items,
            total,
            total_pages,
        })
    }
}

/// The start of what a failing site said, as plain printable text: tags and control characters
/// left out, at most 160 characters.
fn said_by(body: &str) -> String {
    let text = super::html::plain_text(body);
    let text: String = text.chars().filter(|c| !c.is_control()).take(160).collect();
    if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    }
}

/// A transport error as a publisher reads it.
fn said(err: &ureq::Error) -> String {
    match err {
        ureq::Error::Timeout(_) => "no answer in time (timed out)".to_owned(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: is the site up, at that address?".to_owned()
        }
        other => other.to_string(),
    }
}

enum Fault {
    /// Worth another try, after the wait given (else the backoff).
    Retry(String, Option<Duration>),
    Final(String),
}
