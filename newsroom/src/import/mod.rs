//! `newsroom import`: the contract's files from the systems papers already run. Each source is
//! a module: `wordpress` (its REST API). The HTML a CMS sends is read by `html`, and its HTTP
//! faults handled by `rest`.

pub mod html;
pub mod rest;
pub mod wordpress;
