//! The `plan` stage's vocabulary: every kind of page the command writes, with its address, the
//! API answer it is drawn from and the model that answer must read as. A new kind of page is
//! one arm in each match below, and the compiler names the ones missing: no match on a kind
//! ends in a wildcard, and the rest of the run asks the kind (`lists_articles`, `at_page`,
//! `article_id`) rather than listing kinds.

use super::answers::{Answers, Paged};
use news_front::api::client::paths;
use news_front::api::models::{
    Article, Home, PhotoNews, Policy, ReporterPage, SectionPage, SnsTv, Summary, TagPage,
};
use news_front::routes;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    Section {
        slug: String,
        page: u32,
    },
    Tag {
        keyword: String,
        page: u32,
    },
    /// A reporter's articles (`/reporter/{slug}`), an extension of the contract.
    Reporter {
        slug: String,
        page: u32,
    },
    Article {
        id: String,
    },
    Policy {
        slug: String,
    },
    Photos,
    Videos,
}

/// The lists articles are on, by their keys: their sections, their keywords, their reporters.
#[derive(Default)]
pub struct OnLists {
    pub sections: BTreeSet<String>,
    pub keywords: BTreeSet<String>,
    pub reporters: BTreeSet<String>,
}

impl OnLists {
    /// Adds the lists `article` is on (those whose pages can have files).
    pub fn add(&mut self, article: &Article) {
        self.sections.extend(
            article
                .section
                .iter()
                .map(|section| section.slug.clone())
                .filter(|slug| routes::is_plain(slug)),
        );
        self.keywords.extend(
            article
                .tags
                .iter()
                .filter(|keyword| routes::file_for(&routes::tag(keyword, 1)).is_some())
                .cloned(),
        );
        self.reporters.extend(
            article
                .byline
                .as_ref()
                .and_then(|byline| byline.reporter_slug.clone())
                .filter(|slug| routes::is_plain(slug)),
        );
    }

    /// The first page of each list.
    pub fn first_pages(&self) -> Vec<PageKind> {
        let sections = self.sections.iter().map(|slug| PageKind::Section {
            slug: slug.clone(),
            page: 1,
        });
        let keywords = self.keywords.iter().map(|keyword| PageKind::Tag {
            keyword: keyword.clone(),
            page: 1,
        });
        let reporters = self.reporters.iter().map(|slug| PageKind::Reporter {
            slug: slug.clone(),
            page: 1,
        });
        sections.chain(keywords).chain(reporters).collect()
    }
}

/// What a page's answer says that the run needs beyond the page itself.
#[derive(Default)]
pub struct Drawn {
    /// The answer, as the app reads it first.
    pub value: serde_json::Value,
    /// An article's last change (for the sitemap) and its section (marked in the menu).
    pub lastmod: Option<String>,
    pub section: Option<String>,
    /// An article's keywords (their pages list it).
    pub tags: Vec<String>,
    /// An article's reporter, where the byline names their page (it lists the article).
    pub reporter: Option<String>,
    /// A list's entries.
    pub listed: Vec<Summary>,
    /// An article, as its search record is drawn from it.
    pub article: Option<Box<Article>>,
}

impl PageKind {
    /// The page's address on the site.
    pub fn address(&self) -> String {
        match self {
            Self::Home => routes::HOME.to_owned(),
            Self::Section { slug, page } => routes::section(slug, *page),
            Self::Tag { keyword, page } => routes::tag(keyword, *page),
            Self::Reporter { slug, page } => routes::reporter(slug, *page),
            Self::Article { id } => routes::article(id),
            Self::Policy { slug } => routes::policy(slug),
            Self::Photos => routes::PHOTOS.to_owned(),
            Self::Videos => routes::VIDEOS.to_owned(),
        }
    }

    /// The API answer the page is drawn from.
    pub fn api_path(&self) -> String {
        match self {
            Self::Home => paths::HOME.to_owned(),
            Self::Section { slug, page } => paths::section_page(slug, *page),
            Self::Tag { keyword, page } => paths::tag_page(keyword, *page),
            Self::Reporter { slug, page } => paths::reporter_page(slug, *page),
            Self::Article { id } => paths::article(id),
            Self::Policy { slug } => paths::policy(slug),
            Self::Photos => paths::PHOTO_NEWS.to_owned(),
            Self::Videos => paths::SNS_TV.to_owned(),
        }
    }

    /// For a list's page (a section's, a keyword's): its number, counted from 1.
    pub fn page_number(&self) -> Option<u32> {
        match self {
            Self::Section { page, .. } | Self::Tag { page, .. } | Self::Reporter { page, .. } => {
                Some(*page)
            }
            Self::Home
            | Self::Article { .. }
            | Self::Policy { .. }
            | Self::Photos
            | Self::Videos => None,
        }
    }

    /// For a list's page: the same list's page `page`.
    pub fn at_page(&self, page: u32) -> Option<Self> {
        match self {
            Self::Section { slug, .. } => Some(Self::Section {
                slug: slug.clone(),
                page,
            }),
            Self::Tag { keyword, .. } => Some(Self::Tag {
                keyword: keyword.clone(),
                page,
            }),
            Self::Reporter { slug, .. } => Some(Self::Reporter {
                slug: slug.clone(),
                page,
            }),
            Self::Home
            | Self::Article { .. }
            | Self::Policy { .. }
            | Self::Photos
            | Self::Videos => None,
        }
    }

    /// Whether the page lists articles the run then writes: a whole-site run that cannot read
    /// one of these must not delete the pages of articles it did not see listed.
    pub fn lists_articles(&self) -> bool {
        match self {
            Self::Home | Self::Section { .. } | Self::Tag { .. } | Self::Reporter { .. } => true,
            Self::Article { .. } | Self::Policy { .. } | Self::Photos | Self::Videos => false,
        }
    }

    /// Whether the page's answer is an extension of the contract an API may not offer (then a
    /// 404 means "not offered", and the page is not written), rather than a part every API has.
    pub fn is_extension(&self) -> bool {
        match self {
            Self::Tag { .. } | Self::Reporter { .. } | Self::Policy { .. } => true,
            Self::Home
            | Self::Section { .. }
            | Self::Article { .. }
            | Self::Photos
            | Self::Videos => false,
        }
    }

    /// For an article's page: its id.
    pub fn article_id(&self) -> Option<&str> {
        match self {
            Self::Article { id } => Some(id),
            Self::Home
            | Self::Section { .. }
            | Self::Tag { .. }
            | Self::Reporter { .. }
            | Self::Policy { .. }
            | Self::Photos
            | Self::Videos => None,
        }
    }

    /// For a list's page: how many pages the list has, as its first page (fetched) says, at
    /// most `max` and at least 1.
    pub fn list_length(&self, answers: &Answers, max: u32) -> u32 {
        fn pages<T: Paged>(answers: &Answers, path: &str) -> Option<u32> {
            answers
                .model::<T>(path)
                .ok()
                .map(|(list, _)| list.pages().1)
        }
        let Some(first) = self.at_page(1) else {
            return 1;
        };
        let total = match first {
            Self::Section { .. } => pages::<SectionPage>(answers, &first.api_path()),
            Self::Tag { .. } => pages::<TagPage>(answers, &first.api_path()),
            Self::Reporter { .. } => pages::<ReporterPage>(answers, &first.api_path()),
            Self::Home
            | Self::Article { .. }
            | Self::Policy { .. }
            | Self::Photos
            | Self::Videos => None,
        };
        total.unwrap_or(1).clamp(1, max)
    }

    /// For a list's page: every page of the list (see [`Self::list_length`]).
    pub fn whole_list(&self, answers: &Answers, max: u32) -> Vec<Self> {
        (1..=self.list_length(answers, max))
            .filter_map(|page| self.at_page(page))
            .collect()
    }

    /// The folder of a list's pages after the first (`section/gyeonggi`, `tag/도서관`).
    pub fn list_folder(&self) -> Option<String> {
        routes::file_for(&self.at_page(1)?.address())?
            .strip_suffix(".html")
            .map(str::to_owned)
    }

    /// The page's answer read as the app reads it (a page the app would show as an error is
    /// not written), or why it cannot be.
    pub fn read(&self, answers: &Answers) -> Result<Drawn, String> {
        let path = self.api_path();
        Ok(match self {
            Self::Home => {
                let (home, value) = answers.model::<Home>(&path)?;
                let mut listed = home.lead;
                listed.extend(home.sections.into_iter().flat_map(|block| block.articles));
                Drawn {
                    value,
                    listed,
                    ..Drawn::default()
                }
            }
            Self::Section { .. } => {
                let (list, value) = answers.list_page::<SectionPage>(&path)?;
                Drawn {
                    value,
                    listed: list.articles,
                    ..Drawn::default()
                }
            }
            Self::Tag { .. } => {
                let (list, value) = answers.list_page::<TagPage>(&path)?;
                Drawn {
                    value,
                    listed: list.articles,
                    ..Drawn::default()
                }
            }
            Self::Reporter { .. } => {
                let (list, value) = answers.list_page::<ReporterPage>(&path)?;
                Drawn {
                    value,
                    listed: list.articles,
                    ..Drawn::default()
                }
            }
            Self::Article { .. } => {
                let (article, value) = answers.model::<Article>(&path)?;
                Drawn {
                    value,
                    lastmod: article.updated_at.clone().or(article.published_at.clone()),
                    section: article.section.as_ref().map(|section| section.slug.clone()),
                    tags: article.tags.clone(),
                    reporter: article
                        .byline
                        .as_ref()
                        .and_then(|byline| byline.reporter_slug.clone())
                        .filter(|slug| routes::is_plain(slug)),
                    article: Some(Box::new(article)),
                    ..Drawn::default()
                }
            }
            Self::Policy { .. } => Drawn {
                value: answers.model::<Policy>(&path)?.1,
                ..Drawn::default()
            },
            Self::Photos => Drawn {
                value: answers.model::<PhotoNews>(&path)?.1,
                ..Drawn::default()
            },
            Self::Videos => Drawn {
                value: answers.model::<SnsTv>(&path)?.1,
                ..Drawn::default()
            },
        })
    }
}
