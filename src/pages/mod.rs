//! One file per route. Pages fetch their data; components render it.

pub mod article;
pub mod home;
pub mod legacy;
pub mod not_found;
pub mod photos;
pub mod policy;
pub mod reporter;
pub mod saved;
pub mod search;
pub mod section;
pub mod tag;
pub mod tv;
