//! Serde types for every endpoint of the news API contract (`shared/api-contract.md`, v1).
//!
//! Decoding is tolerant, by the one rule of [`super::tolerant`]: unknown fields are ignored;
//! optional fields may be absent, `null`, blank or of another plausible shape (a number for
//! text, a string for a number, a time without offset); an entry of a list that cannot be read
//! is dropped on its own. Only what a page cannot do without fails it: an article without an
//! id, a non-blank title or any readable body block, a section page without its section.

use super::tolerant::{
    count, field, field_part, found, items, kind, list, opt_count, opt_part, opt_text, opt_time,
    read_opt_text, read_text, read_text_list, temperature, text, text_list, Read,
};
use serde::{Deserialize, Deserializer};

/// An image with its intrinsic size, so the page can reserve its box before it loads.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Image {
    #[serde(deserialize_with = "text")]
    pub src: String,
    #[serde(default, deserialize_with = "alt_text")]
    pub alt: String,
    /// Without a size the page reserves a 3:2 box (`Picture`), so nothing moves when it loads.
    #[serde(default, deserialize_with = "opt_count")]
    pub width: Option<u32>,
    #[serde(default, deserialize_with = "opt_count")]
    pub height: Option<u32>,
    #[serde(default, deserialize_with = "list")]
    pub srcset: Vec<SrcsetEntry>,
}

/// One smaller rendition of an [`Image`], for the browser to pick by screen width.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SrcsetEntry {
    #[serde(deserialize_with = "text")]
    pub src: String,
    #[serde(deserialize_with = "count")]
    pub width: u32,
}

/// A section of the paper, such as 경기 or 사회.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Section {
    #[serde(deserialize_with = "text")]
    pub slug: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
}

/// An article as it appears in lists: front page, section pages, related and most viewed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "opt_part")]
    pub section: Option<Section>,
    #[serde(default, deserialize_with = "opt_text")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "opt_part")]
    pub thumbnail: Option<Image>,
    #[serde(default, deserialize_with = "opt_time")]
    pub published_at: Option<String>,
}

/// `site.json`: the paper's name, menu and footer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Site {
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub tagline: Option<String>,
    #[serde(default, deserialize_with = "opt_part")]
    pub logo: Option<Image>,
    #[serde(default, deserialize_with = "list")]
    pub sections: Vec<Section>,
    /// Without a readable footer the page ends with the paper's name only.
    #[serde(default, deserialize_with = "opt_part")]
    pub footer: Option<Footer>,
}

/// The publisher's legal details that Korean news sites print at the foot of every page (신문 등의
/// 진흥에 관한 법률, 청소년 보호법). The contract has `publisher` (발행소), `address`, `phone`,
/// `registration` (등록번호) and `copyright`; the others are extensions of the contract
/// (`docs/api-extensions.md`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Footer {
    #[serde(deserialize_with = "text")]
    pub publisher: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub address: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub registration: Option<String>,
    /// 등록일, as the publisher writes it (`2012.03.02`) or as a date (`2012-03-02`).
    #[serde(default, deserialize_with = "opt_text")]
    pub registered_on: Option<String>,
    /// 발행인.
    #[serde(default, deserialize_with = "opt_text")]
    pub issuer: Option<String>,
    /// 편집인.
    #[serde(default, deserialize_with = "opt_text")]
    pub editor: Option<String>,
    /// 청소년보호책임자.
    #[serde(default, deserialize_with = "opt_text")]
    pub youth_officer: Option<String>,
    /// The policy pages linked from the footer (청소년보호정책, 개인정보처리방침, …).
    #[serde(default, deserialize_with = "list")]
    pub policies: Vec<PolicyLink>,
    #[serde(default, deserialize_with = "opt_text")]
    pub copyright: Option<String>,
}

/// A policy page named in the footer: `/policy/{slug}`, its text in `policies/{slug}.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PolicyLink {
    #[serde(deserialize_with = "text")]
    pub slug: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
}

/// `policies/{slug}.json` (an extension of the contract): a policy's text, in the article's
/// body blocks.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Policy {
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// When the text last changed (시행일).
    #[serde(default, deserialize_with = "opt_time")]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "body")]
    pub body: Vec<Block>,
}

/// `weather.json`: current conditions of the Korean cities, as observed by the provider.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Weather {
    #[serde(default, deserialize_with = "opt_text")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "opt_time")]
    pub observed_at: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub provider: Option<String>,
    #[serde(deserialize_with = "items")]
    pub cities: Vec<CityWeather>,
}

/// One city's observation; stations that report only a temperature have no sky.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CityWeather {
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default, deserialize_with = "opt_part")]
    pub sky: Option<Sky>,
    #[serde(deserialize_with = "temperature")]
    pub temp_c: f64,
}

/// The sky condition. A value newer than this build reads as [`Sky::Unknown`] and is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sky {
    Clear,
    PartlyCloudy,
    Cloudy,
    Overcast,
    Rain,
    Snow,
    RainSnow,
    Shower,
    #[serde(other)]
    Unknown,
}

/// `home.json`: lead stories, then the latest articles of each section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Home {
    #[serde(deserialize_with = "items")]
    pub lead: Vec<Summary>,
    #[serde(deserialize_with = "items")]
    pub sections: Vec<HomeSection>,
}

/// One section's block on the front page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HomeSection {
    pub section: Section,
    #[serde(default, deserialize_with = "list")]
    pub articles: Vec<Summary>,
}

/// `sections/{slug}/{page}.json`: one page of a section's article list, pages counted from 1.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SectionPage {
    pub section: Section,
    #[serde(deserialize_with = "count")]
    pub page: u32,
    #[serde(deserialize_with = "count")]
    pub total_pages: u32,
    #[serde(deserialize_with = "items")]
    pub articles: Vec<Summary>,
}

/// `tags/{keyword}/{page}.json` (an extension of the contract, `docs/api-extensions.md`): one
/// page of a keyword's articles, newest first, in the section-page shape with the keyword in
/// place of the section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TagPage {
    #[serde(deserialize_with = "text")]
    pub tag: String,
    #[serde(deserialize_with = "count")]
    pub page: u32,
    #[serde(deserialize_with = "count")]
    pub total_pages: u32,
    #[serde(deserialize_with = "items")]
    pub articles: Vec<Summary>,
}

/// `reporters/{slug}/{page}.json` (an extension of the contract, `docs/api-extensions.md`): one
/// page of a reporter's articles, newest first, in the section-page shape with the reporter in
/// place of the section. The byline's `reporter_slug` names it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReporterPage {
    pub reporter: Reporter,
    #[serde(deserialize_with = "count")]
    pub page: u32,
    #[serde(deserialize_with = "count")]
    pub total_pages: u32,
    #[serde(deserialize_with = "items")]
    pub articles: Vec<Summary>,
}

/// A reporter, as their page names them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Reporter {
    #[serde(deserialize_with = "text")]
    pub slug: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub outlet: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
}

/// One page of results from the publisher's search endpoint (an extension of the contract,
/// `docs/api-extensions.md`): the section-page list shape without the section, and the
/// number of all results when the CMS knows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SearchListing {
    #[serde(deserialize_with = "count")]
    pub page: u32,
    #[serde(deserialize_with = "count")]
    pub total_pages: u32,
    #[serde(default, deserialize_with = "opt_count")]
    pub total: Option<u32>,
    #[serde(default, deserialize_with = "list")]
    pub articles: Vec<Summary>,
}

/// `articles/{id}.json`: a whole article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Article {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(default, deserialize_with = "opt_part")]
    pub section: Option<Section>,
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "text_list")]
    pub subtitles: Vec<String>,
    /// Absent for a press release or a wire story: the page shows no byline.
    #[serde(default, deserialize_with = "opt_byline")]
    pub byline: Option<Byline>,
    #[serde(default, deserialize_with = "opt_time")]
    pub published_at: Option<String>,
    #[serde(default, deserialize_with = "opt_time")]
    pub updated_at: Option<String>,
    /// At least one block that can be shown, or the article cannot be read.
    #[serde(deserialize_with = "body")]
    pub body: Vec<Block>,
    #[serde(default, deserialize_with = "text_list")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    pub related: Vec<Summary>,
    /// Other articles by the same reporter: an extension of the contract, see
    /// `docs/api-extensions.md`.
    #[serde(default, deserialize_with = "list")]
    pub reporter_articles: Vec<Summary>,
    /// The older article of the same section (이전 기사): an extension of the contract.
    #[serde(default, deserialize_with = "opt_part")]
    pub previous: Option<Summary>,
    /// The newer article of the same section (다음 기사): an extension of the contract.
    #[serde(default, deserialize_with = "opt_part")]
    pub next: Option<Summary>,
}

/// Who wrote an article and for which outlet.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Byline {
    #[serde(default, deserialize_with = "opt_text")]
    pub outlet: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub reporter: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    /// The reporter's page (`/reporter/{slug}`, `reporters/{slug}/{page}.json`), an extension
    /// of the contract; without it the name links nowhere.
    #[serde(default, deserialize_with = "opt_text")]
    pub reporter_slug: Option<String>,
}

/// One block of an article body. A block type newer than this build reads as
/// [`Block::Unknown`] and is skipped when rendering.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `runs`, an extension of the contract: the paragraph's bold, italic and linked words.
    /// Empty when absent or unreadable, and then the plain `text` is shown.
    Paragraph {
        text: String,
        runs: Vec<Run>,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    Image {
        image: Image,
        caption: Option<String>,
    },
    List {
        items: Vec<String>,
    },
    Unknown,
}

/// Read by hand from the block's `type` rather than derived as an internally tagged enum:
/// serde would buffer every block in its own `Content` form and read every field a second
/// way, which cost the wasm several kilobytes.
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_block(serde_json::Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

fn read_block(value: serde_json::Value) -> Result<Block, String> {
    let serde_json::Value::Object(fields) = value else {
        return Err(format!(
            "expected a block (an object), got {}",
            kind(&value)
        ));
    };
    // Copied out rather than removed: removing from the map would bring the tree's rebalancing
    // code into the wasm for a few bytes of copying.
    let take = |key: &str| fields.get(key).cloned().unwrap_or(serde_json::Value::Null);
    let block_type = take("type");
    Ok(match block_type.as_str() {
        None => return Err("missing field `type`".to_owned()),
        Some("paragraph") => {
            let text = field(&take("text"), "text", read_text)?;
            let runs = field(&take("runs"), "runs", |runs| read_runs(runs, &text))?;
            Block::Paragraph { text, runs }
        }
        Some("heading") => Block::Heading {
            text: field(&take("text"), "text", read_text)?,
        },
        Some("quote") => Block::Quote {
            text: field(&take("text"), "text", read_text)?,
            cite: field(&take("cite"), "cite", read_opt_text)?,
        },
        Some("image") => Block::Image {
            image: field_part(take("image"), "image")?,
            caption: field(&take("caption"), "caption", read_opt_text)?,
        },
        Some("list") => {
            let items = field(&take("items"), "items", read_text_list)?;
            if items.is_empty() {
                return Err("items: expected a list of at least one text".to_owned());
            }
            Block::List { items }
        }
        Some(_) => Block::Unknown,
    })
}

/// Part of a paragraph with its marks (`docs/api-extensions.md`, "Inline runs"). `href` is
/// kept only when the contract allows the address ([`crate::format::safe_url`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub href: Option<String>,
}

/// A paragraph's runs: none when absent; none either (and a finding) when they are out of
/// shape or their texts joined are not the paragraph's `text`, so that a reader never sees
/// words the plain text does not have. A run's unsafe link is dropped, its words kept.
fn read_runs(value: &serde_json::Value, text: &str) -> Read<Vec<Run>> {
    let unread = |expected| Ok((Vec::new(), found(true, expected, "left out", value)));
    let items = match value {
        serde_json::Value::Null => return Ok((Vec::new(), None)),
        serde_json::Value::Array(items) => items,
        _ => return unread("a list of runs"),
    };
    let mut runs = Vec::with_capacity(items.len());
    let mut first = None;
    for item in items {
        let Some(run_text) = item.get("text").and_then(serde_json::Value::as_str) else {
            return unread("runs with a text each");
        };
        let mark = |key| item.get(key) == Some(&serde_json::Value::Bool(true));
        let href = item.get("href").and_then(serde_json::Value::as_str);
        let safe = href.and_then(crate::format::safe_url);
        if href.is_some() && safe.is_none() && first.is_none() {
            first = found(false, "a safe link", "link left out", item);
        }
        runs.push(Run {
            text: run_text.to_owned(),
            bold: mark("bold"),
            italic: mark("italic"),
            href: safe.map(str::to_owned),
        });
    }
    if runs.iter().map(|run| run.text.as_str()).collect::<String>() != text {
        return unread("runs whose texts joined are the paragraph's text");
    }
    Ok((runs, first))
}

/// `most-viewed.json`: ranked lists for each period (first article is #1).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MostViewed {
    #[serde(default, deserialize_with = "opt_time")]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "items")]
    pub periods: Vec<MostViewedPeriod>,
}

/// One period's ranking, such as 일간 (day) or 주간 (week).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MostViewedPeriod {
    #[serde(deserialize_with = "text")]
    pub key: String,
    #[serde(deserialize_with = "text")]
    pub label: String,
    #[serde(default, deserialize_with = "list")]
    pub articles: Vec<Summary>,
}

/// `photo-news.json`: the 포토뉴스 items.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PhotoNews {
    #[serde(deserialize_with = "items")]
    pub items: Vec<PhotoItem>,
}

/// One photo with its title; linked to an article when `article_id` is present.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PhotoItem {
    #[serde(default, deserialize_with = "opt_text")]
    pub article_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub summary: Option<String>,
    pub image: Image,
}

/// `sns-tv.json`: the SNS TV videos.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnsTv {
    #[serde(deserialize_with = "items")]
    pub items: Vec<Video>,
}

/// One video, played on its own platform (`url`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Video {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(deserialize_with = "text")]
    pub url: String,
    pub thumbnail: Image,
    #[serde(default, deserialize_with = "opt_count")]
    pub duration_s: Option<u32>,
}

/// `banners.json`: the ads for each named slot.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Banners {
    #[serde(default)]
    pub slots: std::collections::BTreeMap<String, BannerList>,
}

/// The ads of one slot; unreadable entries are dropped.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct BannerList(#[serde(deserialize_with = "list")] pub Vec<Ad>);

/// One ad of a slot: an ad network's unit (`docs/api-extensions.md`), drawn in a frame of its
/// own, or the paper's own banner, an image with a link.
#[derive(Debug, Clone, PartialEq)]
pub enum Ad {
    Network(NetworkAd),
    House(Banner),
}

/// An entry with a `network` is a network's unit, any other the paper's own banner. (Read by
/// hand: serde's untagged enums buffer every entry and cost the wasm 6 KB.)
impl<'de> Deserialize<'de> for Ad {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let read = match value.get("network") {
            Some(_) => NetworkAd::deserialize(value).map(Ad::Network),
            None => Banner::deserialize(value).map(Ad::House),
        };
        read.map_err(serde::de::Error::custom)
    }
}

/// An ad network's unit: the network's script runs in the slot document's frame, never in the
/// page, in a box of the declared size.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NetworkAd {
    /// The network, by its name in the slot document's table (`deploy/ad-networks.json`):
    /// lower-case letters, digits and `-`.
    #[serde(deserialize_with = "network_name")]
    pub network: String,
    /// The network's id of the unit (an AdFit `DAN-…`, an Ad Manager path, an AdSense slot).
    #[serde(deserialize_with = "unit_id")]
    pub unit: String,
    /// The publisher's account where the network asks for one (AdSense's `ca-pub-…`).
    #[serde(default, deserialize_with = "opt_unit_id")]
    pub account: Option<String>,
    /// The unit's size in CSS pixels, on screens from 768 px wide (and on phones without
    /// `phone_size`).
    #[serde(deserialize_with = "ad_size")]
    pub size: AdSize,
    /// The unit's size on screens narrower than 768 px.
    #[serde(default, deserialize_with = "opt_ad_size")]
    pub phone_size: Option<AdSize>,
    /// What the frame is called for screen readers (the visible label is always 광고).
    #[serde(default, deserialize_with = "opt_text")]
    pub label: Option<String>,
}

/// Width and height of an ad unit, in CSS pixels (1 to 1,200 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdSize {
    pub width: u32,
    pub height: u32,
}

/// The largest side an ad unit may declare: past it a slot would push the article away.
const AD_SIDE_MAX: u32 = 1200;

fn ad_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<AdSize, D::Error> {
    let sides: Vec<u32> = Deserialize::deserialize(deserializer)?;
    match sides[..] {
        [width, height]
            if (1..=AD_SIDE_MAX).contains(&width) && (1..=AD_SIDE_MAX).contains(&height) =>
        {
            Ok(AdSize { width, height })
        }
        _ => Err(serde::de::Error::custom(
            "expected [width, height] in CSS pixels, 1 to 1200 each",
        )),
    }
}

fn opt_ad_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<AdSize>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(ad_size(value).ok())
}

fn network_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let name = text(deserializer)?;
    let plain = name.len() <= 32
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    match plain {
        true => Ok(name),
        false => Err(serde::de::Error::custom(
            "expected a network name: lower-case letters, digits and -, at most 32",
        )),
    }
}

/// A unit id or account: printable, without spaces, at most 200 bytes.
fn unit_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let id = text(deserializer)?;
    match id.len() <= 200 && id.chars().all(|c| c.is_ascii_graphic()) {
        true => Ok(id),
        false => Err(serde::de::Error::custom(
            "expected a unit id: printable ASCII without spaces, at most 200",
        )),
    }
}

fn opt_unit_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(unit_id(value).ok())
}

/// One of the paper's own ads: an image that links to the advertiser.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Banner {
    pub image: Image,
    #[serde(deserialize_with = "text")]
    pub href: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub alt: Option<String>,
}

/// An image's `alt`: text, or empty when absent or unreadable (the image stays).
fn alt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    opt_text(deserializer).map(Option::unwrap_or_default)
}

/// A byline with neither outlet nor reporter is no byline.
fn opt_byline<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Byline>, D::Error> {
    let byline: Option<Byline> = opt_part(deserializer)?;
    Ok(byline.filter(|byline| byline.outlet.is_some() || byline.reporter.is_some()))
}

/// The article's body: its readable blocks, of which there must be one.
fn body<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Block>, D::Error> {
    let blocks: Vec<Block> = list(deserializer)?;
    if blocks.iter().all(|block| matches!(block, Block::Unknown)) {
        return Err(serde::de::Error::custom(
            "expected at least one readable body block (paragraph, heading, quote, image, list)",
        ));
    }
    Ok(blocks)
}
