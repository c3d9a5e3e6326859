//! One file per visible part of the page. Components render what they are given; the pages
//! and the app shell fetch.

pub mod article_body;
pub mod article_list;
pub mod banner_slot;
pub mod byline;
pub mod error_notice;
pub mod footer;
pub mod header;
pub mod listen;
pub mod loaded;
pub mod most_viewed;
pub mod offline_notice;
pub mod page_grid;
pub mod page_meta;
pub mod pagination;
pub mod photo_carousel;
pub mod picture;
pub mod reader_tools;
pub mod search_box;
pub mod skip_link;
pub mod sns_tv;
pub mod weather_strip;
pub mod widget;
