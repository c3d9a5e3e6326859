//! The `search index` stage: the program that renews the bundle's search index
//! (`scripts/search-index`), run under the run's lock after the pages are written.

use super::report::Report;
use chrono::{DateTime, FixedOffset};
use std::path::Path;

/// Runs `program` on `dist` (`--whole` after a whole-site run), recording a failure.
pub fn renew(
    program: &Path,
    dist: &Path,
    whole: bool,
    now: Option<DateTime<FixedOffset>>,
    report: &mut Report,
) {
    let mut index = std::process::Command::new(program);
    index.arg(dist);
    if whole {
        index.arg("--whole");
    }
    if let Some(now) = now {
        index.args(["--now", &now.to_rfc3339()]);
    }
    match index.status() {
        Ok(status) if status.success() => {}
        Ok(status) => report
            .failures
            .push(format!("search index ({}): {status}", program.display())),
        Err(err) => report
            .failures
            .push(format!("search index ({}): {err}", program.display())),
    }
}
