//! `newsroom import`: the contract's files from the systems papers already run. Each source is
//! a module: `wordpress` (its REST API), `weather` (기상청's 단기예보 service), `youtube` (a
//! channel's feed). The HTML a CMS sends is read by `html`, and its HTTP faults handled by
//! `rest`.

pub mod html;
pub mod rest;
pub mod weather;
pub mod wordpress;
pub mod youtube;
