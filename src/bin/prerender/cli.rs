//! The `cli` stage: the command's arguments, and its `--help`, from one declaration.

use crate::preview;
use chrono::{DateTime, FixedOffset};
use clap::Parser;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Without --article or --remove it writes the whole site and deletes the pages of articles the API
no longer lists. With them (a CMS's publish hook) it writes those articles and what lists them:
the front page, the pages of their sections and keywords that show them, the feeds and the
sitemaps.

A page whose data fails to load keeps its previous file and is reported with its address and the
reason. Every file is written to a temporary name and renamed, so a reader never gets half a
page. One run at a time writes a bundle: a second run started meanwhile waits for the first.

Exit status: 0 when every page was written, 1 when some were not (the others were), 2 for a
wrong command line.";

/// Writes the site's pages into a built bundle as HTML, from the app's own components, with the
/// RSS feeds, the sitemaps and robots.txt's Sitemap lines; publishes, updates and takes down
/// articles.
#[derive(Parser, Debug)]
#[command(name = "prerender", version, after_help = AFTER_HELP)]
pub struct Options {
    /// The API: its base URL (https://cms.example/api/) or a folder holding its JSON files
    #[arg(long, value_name = "URL|FOLDER")]
    pub api: String,

    /// The built bundle to write into (trunk build's dist/, holding app.html)
    #[arg(long, value_name = "FOLDER")]
    pub dist: PathBuf,

    /// Publish or update this article (repeatable). An article the API answers 404 for is
    /// taken down, as with --remove
    #[arg(long = "article", value_name = "ID")]
    pub articles: Vec<String>,

    /// Take this article down (repeatable): its page is deleted and it leaves every list page,
    /// feed, sitemap and the search index; removed.json names it, so readers' browsers forget
    /// it too
    #[arg(long = "remove", value_name = "ID")]
    pub removals: Vec<String>,

    /// The site's address; else the content of <meta name="site-url"> in the bundle's app.html
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,

    /// How many API requests run at once
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,

    /// The time the news sitemap counts back from (default: now)
    #[arg(long, value_name = "RFC3339", value_parser = parse_time)]
    pub now: Option<DateTime<FixedOffset>>,

    /// The Korean typeface the preview cards of pages without a photo are drawn in
    #[arg(long, value_name = "FILE", default_value = preview::DEFAULT_FONT)]
    pub card_font: PathBuf,

    /// After the pages, run PROGRAM with the bundle's folder as its argument to renew the search
    /// index (scripts/prerender passes scripts/search-index); it runs under the same lock
    #[arg(long, value_name = "PROGRAM")]
    pub index_with: Option<PathBuf>,

    /// Print a summary of the run on standard output as one JSON object, for a CMS to log
    #[arg(long)]
    pub json: bool,
}

fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|err| err.to_string())
}
