//! Telling the CDN which addresses changed or went, within each API's limits:
//! - Cloudflare (`CLOUDFLARE_ZONE_ID`, `CLOUDFLARE_API_TOKEN`): `purge_cache` with the full
//!   addresses, at most 100 a request.
//! - CloudFront (`CLOUDFRONT_DISTRIBUTION_ID`, the AWS keys): one `CreateInvalidation`, signed
//!   with SigV4. Its free tier is 1,000 paths a month and a wildcard counts as one, so where a
//!   folder has more than a few addresses (a list's pages, the feeds) it is purged as `/folder/*`.
//!
//! `CLOUDFLARE_API_URL` and `CLOUDFRONT_API_URL` move the APIs (the tests' stand-ins).

use super::Cdn;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Cloudflare takes at most this many addresses a request.
const CLOUDFLARE_BATCH: usize = 100;
/// A folder with more changed addresses than this is purged by a wildcard on CloudFront.
const WILDCARD_FROM: usize = 5;

/// Purges `addresses` (site paths) on `cdn`; how many requests' worth of addresses were sent.
pub fn purge(
    cdn: Cdn,
    addresses: &[String],
    site_url: Option<&str>,
    dist: &Path,
) -> Result<usize, String> {
    if addresses.is_empty() {
        return Ok(0);
    }
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .filter(|value| !value.is_empty())
            .ok_or_else(|| format!("--purge {}: {name} is not set", cdn.name()))
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(20)))
        .http_status_as_error(false)
        .build()
        .into();
    match cdn {
        Cdn::Cloudflare => {
            let zone = env("CLOUDFLARE_ZONE_ID")?;
            let token = env("CLOUDFLARE_API_TOKEN")?;
            let site = match site_url {
                Some(url) => url.trim_end_matches('/').to_owned(),
                None => site_url_of(dist)
                    .ok_or("--purge cloudflare: the site's address is unknown: pass --site-url")?,
            };
            let api = std::env::var("CLOUDFLARE_API_URL")
                .unwrap_or_else(|_| "https://api.cloudflare.com/client/v4".to_owned());
            let mut sent = 0;
            for batch in addresses.chunks(CLOUDFLARE_BATCH) {
                let files: Vec<String> = batch
                    .iter()
                    .map(|address| format!("{site}{address}"))
                    .collect();
                let body = serde_json::json!({ "files": files }).to_string();
                let mut response = agent
                    .post(&format!(
                        "{}/zones/{zone}/purge_cache",
                        api.trim_end_matches('/')
                    ))
                    .header("authorization", &format!("Bearer {token}"))
                    .header("content-type", "application/json")
                    .send(&body)
                    .map_err(|err| format!("cloudflare: {err}"))?;
                let status = response.status().as_u16();
                let answer = response.body_mut().read_to_string().unwrap_or_default();
                let ok = serde_json::from_str::<serde_json::Value>(&answer)
                    .map(|value| value["success"] == true)
                    .unwrap_or(false);
                if status != 200 || !ok {
                    return Err(format!(
                        "cloudflare purge_cache: HTTP {status}: {}",
                        answer.chars().take(200).collect::<String>()
                    ));
                }
                sent += files.len();
            }
            Ok(sent)
        }
        Cdn::Cloudfront => {
            let distribution = env("CLOUDFRONT_DISTRIBUTION_ID")?;
            let access = env("AWS_ACCESS_KEY_ID")?;
            let secret = env("AWS_SECRET_ACCESS_KEY")?;
            let paths = collapse(addresses);
            let api = std::env::var("CLOUDFRONT_API_URL")
                .unwrap_or_else(|_| "https://cloudfront.amazonaws.com".to_owned());
            let uri = format!("/2020-05-31/distribution/{distribution}/invalidation");
            let reference = format!("newsroom-{}", now_utc().0);
            let items: String = paths
                .iter()
                .map(|path| format!("<Path>{}</Path>", xml_escape(path)))
                .collect();
            let body = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InvalidationBatch xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Paths><Quantity>{}</Quantity><Items>{items}</Items></Paths><CallerReference>{reference}</CallerReference></InvalidationBatch>",
                paths.len()
            );
            let host = api
                .split("://")
                .nth(1)
                .unwrap_or_default()
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            let (amz_date, authorization) = sign_v4(
                ("POST", &uri, &host, &body),
                (&access, &secret),
                ("us-east-1", "cloudfront"),
            );
            let mut response = agent
                .post(&format!("{}{uri}", api.trim_end_matches('/')))
                .header("x-amz-date", &amz_date)
                .header("authorization", &authorization)
                .header("content-type", "text/xml")
                .send(&body)
                .map_err(|err| format!("cloudfront: {err}"))?;
            let status = response.status().as_u16();
            if status != 201 && status != 200 {
                let answer = response.body_mut().read_to_string().unwrap_or_default();
                return Err(format!(
                    "cloudfront CreateInvalidation: HTTP {status}: {}",
                    answer.chars().take(200).collect::<String>()
                ));
            }
            Ok(paths.len())
        }
    }
}

/// Addresses as CloudFront paths: a folder with more than a few is one wildcard.
pub fn collapse(addresses: &[String]) -> Vec<String> {
    let mut by_folder: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for address in addresses {
        let folder = address
            .trim_start_matches('/')
            .split_once('/')
            .map(|(top, _)| format!("/{top}/*"))
            .unwrap_or_default();
        by_folder.entry(folder).or_default().push(address);
    }
    let mut paths = Vec::new();
    for (folder, members) in by_folder {
        if !folder.is_empty() && members.len() > WILDCARD_FROM {
            paths.push(folder);
        } else {
            paths.extend(members.into_iter().cloned());
        }
    }
    paths
}

/// The site's address from the bundle's template (`<meta name="site-url">`).
fn site_url_of(dist: &Path) -> Option<String> {
    let html = std::fs::read_to_string(dist.join("app.html")).ok()?;
    let at = html.find("name=\"site-url\" content=\"")? + "name=\"site-url\" content=\"".len();
    let url = &html[at..at + html[at..].find('"')?];
    (url.starts_with("https://") || url.starts_with("http://"))
        .then(|| url.trim_end_matches('/').to_owned())
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Now, as SigV4 writes it: `20261202T054300Z` and `20261202`.
fn now_utc() -> (String, String) {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_secs() as i64)
        .unwrap_or_default();
    let time = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    (
        time.format("%Y%m%dT%H%M%SZ").to_string(),
        time.format("%Y%m%d").to_string(),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// AWS Signature Version 4 of a request without a query: its `x-amz-date` and its
/// `Authorization` header.
pub fn sign_v4(
    (method, uri, host, body): (&str, &str, &str, &str),
    (access, secret): (&str, &str),
    (region, service): (&str, &str),
) -> (String, String) {
    let (amz_date, date) = now_utc();
    sign_v4_at(
        (method, uri, host, body),
        (access, secret),
        (region, service),
        (&amz_date, &date),
    )
}

fn sign_v4_at(
    (method, uri, host, body): (&str, &str, &str, &str),
    (access, secret): (&str, &str),
    (region, service): (&str, &str),
    (amz_date, date): (&str, &str),
) -> (String, String) {
    let payload = hex(&Sha256::digest(body.as_bytes()));
    let canonical = format!(
        "{method}\n{uri}\n\nhost:{host}\nx-amz-date:{amz_date}\n\nhost;x-amz-date\n{payload}"
    );
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let key = hmac(
        &hmac(
            &hmac(&hmac(format!("AWS4{secret}").as_bytes(), date), region),
            service,
        ),
        "aws4_request",
    );
    let signature = hex(&hmac(&key, &to_sign));
    (
        amz_date.to_owned(),
        format!("AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders=host;x-amz-date, Signature={signature}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_with_many_addresses_become_one_wildcard() {
        let mut addresses: Vec<String> =
            (1..=8).map(|n| format!("/section/gyeonggi/{n}")).collect();
        addresses.push("/article/1065".into());
        addresses.push("/".into());
        let paths = collapse(&addresses);
        assert_eq!(paths, ["/", "/article/1065", "/section/*"]);
    }

    #[test]
    fn signatures_follow_sigv4() {
        // AWS's documented signing-key example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
        // 20120215, us-east-1, iam.
        let key = hmac(
            &hmac(
                &hmac(
                    &hmac(b"AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215"),
                    "us-east-1",
                ),
                "iam",
            ),
            "aws4_request",
        );
        assert_eq!(
            hex(&key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
        let (date, authorization) = sign_v4_at(
            (
                "POST",
                "/2020-05-31/distribution/E1/invalidation",
                "cloudfront.amazonaws.com",
                "<x/>",
            ),
            ("AKIDEXAMPLE", "secret"),
            ("us-east-1", "cloudfront"),
            ("20261202T054300Z", "20261202"),
        );
        assert_eq!(date, "20261202T054300Z");
        assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/us-east-1/cloudfront/aws4_request, SignedHeaders=host;x-amz-date, Signature="));
        assert_eq!(authorization.rsplit('=').next().unwrap().len(), 64);
    }
}
