//! Serde types for every endpoint of the news API contract (`shared/api-contract.md`, v1).
//!
//! Decoding is forgiving where the contract asks for it: unknown fields are ignored, optional
//! fields may be absent or `null`, and an item of a list that cannot be read (an unknown body
//! block type, a city with a malformed entry) is dropped on its own instead of failing the
//! whole response. A response whose required top-level fields are wrong is still an error.

use serde::{de::DeserializeOwned, Deserialize, Deserializer};

/// Reads a JSON array item by item, keeping the items that decode and dropping the others, so
/// one bad entry from the CMS costs a reader one entry, not the page. `null` reads as empty.
fn lenient_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let values = Option::<Vec<serde_json::Value>>::deserialize(deserializer)?;
    Ok(values
        .unwrap_or_default()
        .into_iter()
        .filter_map(|value| serde_json::from_value(value).ok())
        .collect())
}

/// An image with its intrinsic size, so the page can reserve its box before it loads.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Image {
    pub src: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub srcset: Vec<SrcsetEntry>,
}

/// One smaller rendition of an [`Image`], for the browser to pick by screen width.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SrcsetEntry {
    pub src: String,
    pub width: u32,
}

/// A section of the paper, such as 경기 or 사회.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Section {
    pub slug: String,
    pub name: String,
}

/// An article as it appears in lists: front page, section pages, related and most viewed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub section: Option<Section>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub thumbnail: Option<Image>,
    #[serde(default)]
    pub published_at: Option<String>,
}

/// `site.json`: the paper's name, menu and footer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Site {
    pub name: String,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default)]
    pub logo: Option<Image>,
    #[serde(deserialize_with = "lenient_vec")]
    pub sections: Vec<Section>,
    pub footer: Footer,
}

/// The publisher's legal details that Korean news sites print at the foot of every page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Footer {
    pub publisher: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub registration: Option<String>,
    pub copyright: String,
}

/// `weather.json`: current conditions of the Korean cities, as observed by the provider.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Weather {
    pub date: String,
    #[serde(default)]
    pub observed_at: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(deserialize_with = "lenient_vec")]
    pub cities: Vec<CityWeather>,
}

/// One city's observation; stations that report only a temperature have no sky.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CityWeather {
    pub name: String,
    #[serde(default)]
    pub sky: Option<Sky>,
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
    #[serde(deserialize_with = "lenient_vec")]
    pub lead: Vec<Summary>,
    #[serde(deserialize_with = "lenient_vec")]
    pub sections: Vec<HomeSection>,
}

/// One section's block on the front page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HomeSection {
    pub section: Section,
    #[serde(deserialize_with = "lenient_vec")]
    pub articles: Vec<Summary>,
}

/// `sections/{slug}/{page}.json`: one page of a section's article list, pages counted from 1.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SectionPage {
    pub section: Section,
    pub page: u32,
    pub total_pages: u32,
    #[serde(deserialize_with = "lenient_vec")]
    pub articles: Vec<Summary>,
}

/// `articles/{id}.json`: a whole article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub section: Option<Section>,
    pub title: String,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub subtitles: Vec<String>,
    pub byline: Byline,
    pub published_at: String,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "lenient_vec")]
    pub body: Vec<Block>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub related: Vec<Summary>,
    /// Other articles by the same reporter: an extension of the contract, see
    /// `docs/api-extensions.md`.
    #[serde(default, deserialize_with = "lenient_vec")]
    pub reporter_articles: Vec<Summary>,
}

/// Who wrote an article and for which outlet.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Byline {
    pub outlet: String,
    pub reporter: String,
    #[serde(default)]
    pub email: Option<String>,
}

/// One block of an article body. A block type newer than this build reads as
/// [`Block::Unknown`] and is skipped when rendering.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default)]
        cite: Option<String>,
    },
    Image {
        image: Image,
        #[serde(default)]
        caption: Option<String>,
    },
    List {
        #[serde(deserialize_with = "lenient_vec")]
        items: Vec<String>,
    },
    #[serde(other)]
    Unknown,
}

/// `most-viewed.json`: ranked lists for each period (first article is #1).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MostViewed {
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "lenient_vec")]
    pub periods: Vec<MostViewedPeriod>,
}

/// One period's ranking, such as 일간 (day) or 주간 (week).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MostViewedPeriod {
    pub key: String,
    pub label: String,
    #[serde(deserialize_with = "lenient_vec")]
    pub articles: Vec<Summary>,
}

/// `photo-news.json`: the 포토뉴스 items.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PhotoNews {
    #[serde(deserialize_with = "lenient_vec")]
    pub items: Vec<PhotoItem>,
}

/// One photo with its title; linked to an article when `article_id` is present.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PhotoItem {
    #[serde(default)]
    pub article_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    pub image: Image,
}

/// `sns-tv.json`: the SNS TV videos.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnsTv {
    #[serde(deserialize_with = "lenient_vec")]
    pub items: Vec<Video>,
}

/// One video, played on its own platform (`url`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Video {
    pub title: String,
    pub url: String,
    pub thumbnail: Image,
    #[serde(default)]
    pub duration_s: Option<u32>,
}

/// `banners.json`: the ads for each named slot.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Banners {
    #[serde(default)]
    pub slots: std::collections::BTreeMap<String, BannerList>,
}

/// The banners of one slot; unreadable entries are dropped.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct BannerList(#[serde(deserialize_with = "lenient_vec")] pub Vec<Banner>);

/// One ad: an image that links to the advertiser.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Banner {
    pub image: Image,
    pub href: String,
    #[serde(default)]
    pub alt: Option<String>,
}
