//! The `report` stage: what a run did, stage by stage, for the terminal and (`--json`) for a
//! CMS's log.

use serde::Serialize;
use std::time::Instant;

#[derive(Serialize, Default)]
pub struct Report {
    /// `site` (the whole site) or `publish` (`--article`/`--remove`).
    pub mode: &'static str,
    /// Pages written.
    pub written: usize,
    /// Articles published or updated on the command line, and taken down.
    pub published: Vec<String>,
    pub removed: Vec<String>,
    /// Pages of articles the API no longer lists, deleted by a whole-site run.
    pub stale_deleted: usize,
    /// What could not be done, each with its address or file and the reason.
    pub failures: Vec<String>,
    /// Each named stage and how long it took.
    pub stages: Vec<Stage>,
    pub seconds: f64,
    /// The peak memory of the run, in bytes, where the system says it.
    pub peak_memory_bytes: Option<u64>,
}

#[derive(Serialize)]
pub struct Stage {
    pub name: &'static str,
    pub seconds: f64,
}

impl Report {
    /// Records that stage `name` ran from `started` until now (a stage that runs again adds
    /// to its time), and returns now, when the next stage starts.
    pub fn stage(&mut self, name: &'static str, started: Instant) -> Instant {
        add_stage(&mut self.stages, name, started)
    }
}

/// Records in `stages` that stage `name` ran from `started` until now (a stage that runs again
/// adds to its time), and returns now, when the next stage starts.
pub fn add_stage(stages: &mut Vec<Stage>, name: &'static str, started: Instant) -> Instant {
    let seconds = started.elapsed().as_secs_f64();
    match stages.iter_mut().find(|stage| stage.name == name) {
        Some(stage) => stage.seconds += seconds,
        None => stages.push(Stage { name, seconds }),
    }
    Instant::now()
}

impl Report {
    /// Closes the run: its time and peak memory, and the line a terminal shows.
    pub fn finish(&mut self, started: Instant) {
        self.seconds = started.elapsed().as_secs_f64();
        self.peak_memory_bytes = crate::system::peak_memory();
        let render_seconds: f64 = self
            .stages
            .iter()
            .filter(|stage| stage.name == "render")
            .map(|stage| stage.seconds)
            .sum();
        eprintln!(
            "prerender: {} page(s) written in {:.2} s ({:.0} pages/s rendering, {:.0} pages/s overall), {} removed, {} failed",
            self.written,
            self.seconds,
            self.written as f64 / render_seconds.max(1e-9),
            self.written as f64 / self.seconds.max(1e-9),
            self.removed.len() + self.stale_deleted,
            self.failures.len()
        );
    }
}
