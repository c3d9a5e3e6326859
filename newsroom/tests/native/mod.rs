//! Helpers shared by the native test files that run the publisher's command (`tests/build.rs`,
//! `tests/check.rs`, `tests/wordpress.rs`, `tests/sources.rs`).
// Test helpers: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Each test file uses some of these.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

/// Copies the folder `from` (the demo API, say) to `to`, whole.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A file or folder of the repository (the demo API, the template), wherever the tests run from.
pub fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// The publisher's command as `scripts/prerender` runs it for `args`: `publish` when they name
/// an article or a takedown, else `build`.
pub fn prerender_command(args: &[&str]) -> std::process::Command {
    let publish = args
        .iter()
        .any(|arg| ["--article", "--remove"].contains(arg));
    newsroom(if publish { "publish" } else { "build" })
}

/// The publisher's command, at `subcommand`.
pub fn newsroom(subcommand: &str) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_newsroom"));
    command.arg(subcommand);
    command
}
