#![recursion_limit = "256"]
//! Reader front end of a Korean online newspaper: a Leptos client-side app that shows what
//! the news JSON API (`shared/api-contract.md`) serves.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod cycle;
pub mod format;
pub mod hooks;
pub mod kst;
pub mod library;
pub mod navigation;
pub mod offline;
pub mod page_names;
pub mod pages;
pub mod preferences;
pub mod routes;
pub mod seo;
pub mod state;

pub use app::App;
