//! `newsroom`: the publisher's command. A thin entry point: the arguments are parsed in `cli`,
//! and each subcommand is a call into its module, which prints what it did and says how it
//! ended (0 done, 1 not all done, 2 a wrong command line, from clap).

#![recursion_limit = "256"]

mod build;
mod check;
mod cli;
mod deploy;
mod import;
mod most_viewed;
mod source;
mod system;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(bundle) => build::main(&bundle, &[], &[]),
        Command::Publish { bundle, articles } => {
            build::main(&bundle, &articles.articles, &articles.removals)
        }
        Command::Remove { bundle, ids } => build::main(&bundle, &[], &ids),
        Command::Check(options) => check::main(&options),
        Command::Import(cli::Import::Wordpress(options)) => import::wordpress::main(&options),
        Command::Import(cli::Import::Weather(options)) => import::weather::main(&options),
        Command::Import(cli::Import::Youtube(options)) => import::youtube::main(&options),
        Command::Deploy(options) => deploy::main(&options),
        Command::MostViewed(options) => most_viewed::main(&options),
        Command::Index(options) => build::index::main(&options),
    }
}
