//! The command line: one binary, a subcommand a job, each with its `--help` from the same
//! declarations (clap's derive, as Zola's `src/cli.rs`). The subcommands are the stages of a
//! publisher's day: `build` the whole site, `publish` what an editor changed, `remove` what was
//! taken down, `check` what the CMS sends.

use crate::build::preview;
use chrono::{DateTime, FixedOffset};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const BUILD_HELP: &str = "\
It writes the whole site and deletes the pages of articles the API no longer lists.

A page whose data fails to load keeps its previous file and is reported with its address and the
reason. Every file is written to a temporary name and renamed, so a reader never gets half a
page. One run at a time writes a bundle: a second run started meanwhile waits for the first.

Exit status: 0 when every page was written, 1 when some were not (the others were), 2 for a
wrong command line.";

const PUBLISH_HELP: &str = "\
Without --article or --remove, scripts/prerender runs `newsroom build`, which writes the whole
site and deletes the pages of articles the API no longer lists. With them (a CMS's publish hook)
it writes those articles and what lists them: the front page, the pages of their sections and
keywords that show them, the feeds and the sitemaps.

A page whose data fails to load keeps its previous file and is reported with its address and the
reason. Every file is written to a temporary name and renamed, so a reader never gets half a
page. One run at a time writes a bundle: a second run started meanwhile waits for the first.

Exit status: 0 when every page was written, 1 when some were not (the others were), 2 for a
wrong command line.";

const CHECK_HELP: &str =
    "Exit status: 0 when nothing is wrong, 1 when something is, 2 for a wrong command line.";

/// The publisher's command: writes the site's pages into a built bundle from the app's own
/// components, with the feeds and sitemaps; publishes, updates and takes down articles; checks
/// a news API.
#[derive(Parser, Debug)]
#[command(name = "newsroom", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Writes every page of the site into a built bundle as HTML, with the RSS feeds, the
    /// sitemaps and robots.txt's Sitemap lines
    #[command(after_help = BUILD_HELP)]
    Build(Bundle),
    /// Publishes or updates articles, and takes articles down: those pages and every page,
    /// feed and sitemap that lists them (a CMS's publish hook)
    #[command(after_help = PUBLISH_HELP)]
    Publish {
        #[command(flatten)]
        bundle: Bundle,
        #[command(flatten)]
        articles: Articles,
    },
    /// Takes articles down: their pages are deleted and they leave every list page, feed,
    /// sitemap and the search index; removed.json names them, so readers' browsers forget them
    #[command(after_help = BUILD_HELP)]
    Remove {
        #[command(flatten)]
        bundle: Bundle,
        /// The articles to take down
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Reads a news API as the site does and says, per endpoint, what is wrong (a reader loses
    /// something) and what is merely tolerated (read, but not in the contract's shape)
    #[command(after_help = CHECK_HELP)]
    Check(Check),
    /// Writes the contract's files from a CMS a paper already runs
    #[command(subcommand)]
    Import(Import),
    /// Uploads the built bundle to an S3-compatible object store, only what changed, with the
    /// site's headers; deletes what went; tells the CDN (credentials from AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_REGION)
    #[command(after_help = DEPLOY_HELP)]
    Deploy(Deploy),
    /// 가장 많이 본 뉴스 from real counts: the view beacon's receiver, and most-viewed.json from
    /// its log (or nginx's)
    #[command(subcommand)]
    MostViewed(MostViewed),
    /// Renews the search index of a prerendered bundle from its article pages, as `build` and
    /// `publish` do after the pages (for a bundle built with --no-search, or an index lost)
    #[command(after_help = INDEX_HELP)]
    Index(Index),
}

const INDEX_HELP: &str = "\
Without --whole, only the recent shard is built again (what changed since the shards of earlier
months were built); with it, every shard whose articles changed. Runs under the bundle's lock,
so never beside a build or a publish of the same bundle.

Exit status: 0 when the index is renewed, 1 when it is not, 2 for a wrong command line.";

/// What `index` renews, and with what.
#[derive(Args, Debug)]
pub struct Index {
    /// The prerendered bundle (its article/ pages; the index goes to its pagefind/)
    #[arg(long, value_name = "FOLDER")]
    pub dist: PathBuf,
    /// The indexer (scripts/search-index, which runs scripts/search-index.mjs with Pagefind)
    #[arg(long, value_name = "PROGRAM", default_value = "scripts/search-index")]
    pub with: PathBuf,
    /// Every shard, not only the recent one
    #[arg(long)]
    pub whole: bool,
    /// The time the last twelve months count back from (default: now)
    #[arg(long, value_name = "RFC3339", value_parser = parse_time)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Say what was done as one JSON object on standard output
    #[arg(long)]
    pub json: bool,
}

/// `most-viewed`'s two jobs.
#[derive(Subcommand, Debug)]
pub enum MostViewed {
    /// Receives the article-view beacon (js/beacon.js) and appends each view to the log
    Serve(MostViewedServe),
    /// Writes most-viewed.json from the logs: the ten most viewed of the last day and week,
    /// each read from the API as the site reads it
    Build(MostViewedBuild),
}

/// What `most-viewed serve` listens on and writes.
#[derive(Args, Debug)]
pub struct MostViewedServe {
    /// The log each view is appended to
    #[arg(long, value_name = "FILE")]
    pub log: PathBuf,
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub host: String,
    /// The port (0: any free one, said on standard output)
    #[arg(long, value_name = "N", default_value_t = 8787)]
    pub port: u16,
}

/// What `most-viewed build` reads and writes.
#[derive(Args, Debug)]
pub struct MostViewedBuild {
    /// A log of views (repeatable): the receiver's, or nginx's news_beacon format
    #[arg(long, value_name = "FILE", required = true)]
    pub log: Vec<PathBuf>,
    /// The API the articles are read from: its base URL or a folder
    #[arg(long, value_name = "URL|FOLDER")]
    pub api: String,
    /// Where most-viewed.json goes
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// removed.json of the site: the articles it names are left out
    #[arg(long, value_name = "FILE")]
    pub removed: Option<PathBuf>,
    /// How many articles each period ranks
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// The time the periods count back from (default: now)
    #[arg(long, value_name = "RFC3339", value_parser = parse_time)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Say what was done as one JSON object on standard output
    #[arg(long)]
    pub json: bool,
}

const DEPLOY_HELP: &str = "\
Order: new assets, then pages, then lists, feeds and sitemaps, then deletions, removed.json and
the bucket's manifest (.newsroom/manifest.json, written last): no reader gets a page whose
assets are not there yet, and a deploy that fails half way is finished by the next run. Old
hashed assets stay for --grace-hours, so tabs still open keep loading. --json lists the
addresses whose content changed or went; --purge asks the CDN to drop them (Cloudflare:
CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN; CloudFront: CLOUDFRONT_DISTRIBUTION_ID).

Exit status: 0 when the bundle is deployed, 1 when it is not (the manifest is as it was), 2 for
a wrong command line.";

/// The CDNs a deploy can purge.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Cdn {
    Cloudflare,
    Cloudfront,
}

/// What `deploy` uploads, and where.
#[derive(Args, Debug)]
pub struct Deploy {
    /// The built bundle (dist/)
    #[arg(long, value_name = "FOLDER")]
    pub dist: PathBuf,
    /// The bucket, and a folder in it: s3://BUCKET[/PREFIX]
    #[arg(long, value_name = "S3_URL")]
    pub to: String,
    /// The store's address (https://s3.ap-northeast-2.amazonaws.com, https://kr.object.ncloudstorage.com, …)
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Ask this CDN to drop the addresses that changed or went
    #[arg(long, value_enum, value_name = "CDN")]
    pub purge: Option<Cdn>,
    /// The site's address, for the CDN's full addresses; else the bundle's <meta name="site-url">
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// How long an old hashed asset stays after it left the bundle
    #[arg(long, value_name = "HOURS", default_value_t = 48)]
    pub grace_hours: u64,
    /// How many uploads run at once
    #[arg(long, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..=128))]
    pub jobs: u16,
    /// How long one request may take
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Print what the run did as one JSON object on standard output
    #[arg(long)]
    pub json: bool,
}

/// Where `import` reads from.
#[derive(Subcommand, Debug)]
pub enum Import {
    /// A WordPress site's public REST API: posts, categories, tags, authors and images. A later
    /// run renews what changed since the last and takes down what is gone
    #[command(after_help = IMPORT_HELP)]
    Wordpress(ImportWordpress),
    /// The weather strip's cities from 기상청 단기예보 조회서비스 (초단기실황 and the first hour of
    /// 초단기예보) into weather.json
    #[command(after_help = WEATHER_HELP)]
    Weather(ImportWeather),
    /// SNS TV from the paper's YouTube channel (its public Atom feed) into sns-tv.json
    #[command(after_help = YOUTUBE_HELP)]
    Youtube(ImportYoutube),
}

const WEATHER_HELP: &str = "\
A city that fails keeps its last value, with the time it was observed; the others are still
written. A key 기상청 refuses, or every city failing: exit 1 with the cause, weather.json left as
it was. The key is never printed. Run it hourly at :45 (deploy/weather.cron).

Exit status: 0 when weather.json is written, 1 when it is not, 2 for a wrong command line.";

const YOUTUBE_HELP: &str = "\
Only YouTube watch and shorts addresses of real video ids are kept, with the feed's thumbnail;
titles are plain text. A feed that cannot be read leaves sns-tv.json as it was.

Exit status: 0 when sns-tv.json is written, 1 when it is not, 2 for a wrong command line.";

/// What `import weather` reads and writes.
#[derive(Args, Debug)]
pub struct ImportWeather {
    /// 단기예보 조회서비스's base address
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://apis.data.go.kr/1360000/VilageFcstInfoService_2.0"
    )]
    pub kma_url: String,
    /// The service key data.go.kr issued (never printed)
    #[arg(long, value_name = "KEY", hide_default_value = true, env = "KMA_KEY")]
    pub kma_key: String,
    /// The API folder weather.json goes into
    #[arg(long, value_name = "FOLDER")]
    pub api: PathBuf,
    /// The cities (name, nx/ny or lat/lon); default: the seed's 17, deploy/weather-cities.json
    #[arg(long, value_name = "FILE")]
    pub cities: Option<PathBuf>,
    /// The time to ask for (default: now)
    #[arg(long, value_name = "RFC3339", value_parser = parse_time)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Say what was done as one JSON object on standard output
    #[arg(long)]
    pub json: bool,
}

/// What `import youtube` reads and writes.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["channel", "feed"])))]
pub struct ImportYoutube {
    /// The channel's id (UC…): its feed is https://www.youtube.com/feeds/videos.xml?channel_id=ID
    #[arg(long, value_name = "ID")]
    pub channel: Option<String>,
    /// Or the feed's address, in YouTube's Atom format
    #[arg(long, value_name = "URL")]
    pub feed: Option<String>,
    /// The API folder sns-tv.json goes into
    #[arg(long, value_name = "FOLDER")]
    pub api: PathBuf,
    /// Say what was done as one JSON object on standard output
    #[arg(long)]
    pub json: bool,
}

const IMPORT_HELP: &str = "\
Only what the public API lists is published: drafts, private, scheduled and password-protected
posts never reach a file. Nothing is written until every answer has come; a run that fails
leaves the last good files. --json names the articles added, updated and taken down, for
`scripts/prerender --article … --remove …`.

Exit status: 0 when the import is written, 1 when it could not be (nothing was written), 2 for a
wrong command line.";

/// What `import wordpress` reads and writes.
#[derive(Args, Debug)]
pub struct ImportWordpress {
    /// The WordPress site (https://cms.example), its REST API under /wp-json/
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// The folder the contract's files go into (the API the site is built from)
    #[arg(long, value_name = "FOLDER")]
    pub api: PathBuf,
    /// Read every post again and list every public one, not only what changed since the last run
    #[arg(long)]
    pub full: bool,
    /// How long one request may take before it is tried again (up to 4 tries)
    #[arg(long, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=120))]
    pub timeout: u64,
    /// Print what the run did as one JSON object on standard output
    #[arg(long)]
    pub json: bool,
}

/// What every run that writes a bundle is told: where the API and the bundle are, and how.
#[derive(Args, Debug)]
pub struct Bundle {
    /// The API: its base URL (https://cms.example/api/) or a folder holding its JSON files
    #[arg(long, value_name = "URL|FOLDER")]
    pub api: String,

    /// The built bundle to write into (trunk build's dist/, holding app.html)
    #[arg(long, value_name = "FOLDER")]
    pub dist: PathBuf,

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

/// The articles a publish run names.
#[derive(Args, Debug, Default)]
pub struct Articles {
    /// Publish or update this article (repeatable). An article the API answers 404 for is
    /// taken down, as with --remove
    #[arg(
        long = "article",
        value_name = "ID",
        required_unless_present = "removals"
    )]
    pub articles: Vec<String>,

    /// Take this article down (repeatable): its page is deleted and it leaves every list page,
    /// feed, sitemap and the search index; removed.json names it, so readers' browsers forget
    /// it too
    #[arg(long = "remove", value_name = "ID")]
    pub removals: Vec<String>,
}

/// What `check` reads.
#[derive(Args, Debug)]
pub struct Check {
    /// The API: its base URL (https://cms.example/api/) or a folder holding its JSON files
    #[arg(long, value_name = "URL|FOLDER")]
    pub api: String,
    /// How many articles to read, of those the lists name
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub articles: usize,
    /// How many pages of each section's list to read
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub section_pages: u32,
    /// The reports as one JSON object on standard output (the documents read, and what is
    /// wrong or tolerated in each that is not clean), instead of the lines
    #[arg(long)]
    pub json: bool,
}

fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_declarations_hold_together() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_publish_names_an_article_or_a_takedown() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map(|cli| cli.command);
        let base = ["newsroom", "publish", "--api", "a", "--dist", "d"];
        assert!(parse(&base).is_err());
        let with = |extra: &[&'static str]| [&base[..], extra].concat();
        assert!(matches!(
            parse(&with(&["--remove", "7"])),
            Ok(Command::Publish { articles, .. }) if articles.removals == ["7"] && articles.articles.is_empty()
        ));
        assert!(matches!(
            parse(&with(&["--article", "8", "--article", "9"])),
            Ok(Command::Publish { articles, .. }) if articles.articles == ["8", "9"]
        ));
        assert!(parse(&["newsroom", "remove", "--api", "a", "--dist", "d"]).is_err());
    }
}
