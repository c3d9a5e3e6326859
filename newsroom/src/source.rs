//! Where the prerender command reads the news API: a folder of the contract's files (the demo
//! data, a CMS export) or its base URL over HTTP(S).

use news_front::api::ApiError;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long one request may take, as in the app (`TIMEOUT_MS`).
const TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read, so a broken API cannot fill the memory.
const MAX_BODY: u64 = 32 * 1024 * 1024;

/// The API the pages are made from.
pub enum Source {
    Folder(PathBuf),
    Http { base: String, agent: ureq::Agent },
}

impl Source {
    /// A base URL (`http://…`, `https://…`) or a folder.
    pub fn new(api: &str) -> Self {
        if api.starts_with("http://") || api.starts_with("https://") {
            let agent = ureq::Agent::config_builder()
                .timeout_global(Some(TIMEOUT))
                .http_status_as_error(false)
                .build()
                .into();
            Self::Http {
                base: api.trim_end_matches('/').to_owned(),
                agent,
            }
        } else {
            Self::Folder(PathBuf::from(api))
        }
    }

    /// The address of `path` as a reader of the report would look it up.
    pub fn describe(&self, path: &str) -> String {
        match self {
            Self::Folder(folder) => folder.join(path).display().to_string(),
            Self::Http { base, .. } => format!("{base}/{path}"),
        }
    }

    /// The JSON at `path` (relative to the API base), or why there is none. The errors are the
    /// app's own, so a page fails here for the reasons it would fail for a reader.
    pub fn get(&self, path: &str) -> Result<serde_json::Value, ApiError> {
        let body = match self {
            Self::Folder(folder) => {
                // Paths come from `api::client::paths`, whose ids are percent-encoded into one
                // segment each; a folder holds them decoded.
                let file = file_under(folder, path).ok_or(ApiError::NotFound)?;
                match std::fs::read_to_string(file) {
                    Ok(body) => body,
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                        return Err(ApiError::NotFound)
                    }
                    Err(err) => return Err(ApiError::Decode(err.to_string())),
                }
            }
            Self::Http { base, agent } => {
                let url = format!("{base}/{path}");
                let mut response = agent.get(&url).call().map_err(|err| match err {
                    ureq::Error::Timeout(_) => ApiError::Timeout,
                    _ => ApiError::Network,
                })?;
                if let Some(error) =
                    news_front::api::client::status_error(response.status().as_u16())
                {
                    return Err(error);
                }
                response
                    .body_mut()
                    .with_config()
                    .limit(MAX_BODY)
                    .read_to_string()
                    .map_err(|err| match err {
                        ureq::Error::Timeout(_) => ApiError::Timeout,
                        other => ApiError::Decode(other.to_string()),
                    })?
            }
        };
        serde_json::from_str(&body).map_err(|err| ApiError::Decode(err.to_string()))
    }
}

/// The file under `folder` that a site or API path names, decoded segment by segment as a web
/// server looks it up (`tags/경제/1.json`); `None` for a path that could climb out of the
/// folder (`..`, `%2F`, `\\`, control characters) or has an empty segment.
pub fn file_under(folder: &Path, path: &str) -> Option<PathBuf> {
    let mut file = folder.to_owned();
    for part in path.split('/') {
        let part = percent_encoding::percent_decode_str(part)
            .decode_utf8()
            .ok()?;
        if !news_front::format::is_path_segment(&part) {
            return None;
        }
        file.push(part.as_ref());
    }
    Some(file)
}
