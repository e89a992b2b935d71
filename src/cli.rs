//! Command-line definitions (clap) only: no behaviour here.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "sinew", version, about = "Build a cross-linked educational site about bodies, from Markdown")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into DIR/public (or --out)
    Build {
        /// The site's folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: ROOT/public
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include entries marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything a build would, plus editorial lints; writes nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a new entry with the fields its collection expects, and print its path
    New {
        /// The collection, e.g. stretches
        collection: String,
        /// The entry's title, e.g. "Figure four stretch"
        title: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site in DIR, ready to build
    Init { dir: PathBuf },
}
