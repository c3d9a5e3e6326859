//! The `search index` stage: the program that renews the bundle's search index
//! (`scripts/search-index`), run under the run's lock after the pages are written.

use super::report::Report;
use chrono::{DateTime, FixedOffset};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// `newsroom index`: the stage alone, under the bundle's lock.
pub fn main(options: &crate::cli::Index) -> ExitCode {
    let started = Instant::now();
    let _lock = match super::output::lock(&options.dist) {
        Ok(lock) => lock,
        Err(err) => {
            eprintln!("index: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let mut report = Report::default();
    renew(
        &options.with,
        &options.dist,
        options.whole,
        options.now,
        &mut report,
    );
    let seconds = started.elapsed().as_secs_f64();
    if options.json {
        let summary = serde_json::json!({
            "whole": options.whole,
            "seconds": seconds,
            "failures": report.failures,
        });
        println!("{summary}");
    }
    for failure in &report.failures {
        eprintln!("index: {failure}");
    }
    match report.failures.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    }
}

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
