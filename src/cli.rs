//! Command-line definitions (clap) only: no behaviour here.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "sinew", version, about = "Build a cross-linked educational site about bodies, from Markdown")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// One command is parsed per run: the handout's many options make its variant the largest, at no cost.
#[allow(clippy::large_enum_variant)]
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
        /// Include entries scheduled for a later day (`publish: 2027-01-15`), which are otherwise left out
        /// until that day
        #[arg(long)]
        future: bool,
        /// Publish nothing while an editorial warning remains: placeholder text left by `sinew init` or
        /// `sinew new`, an overdue review, a word a therapist may not use, an entry nothing links to, a red
        /// flag that repeats the site's (for CI)
        #[arg(long)]
        strict: bool,
    },
    /// Check everything a build would, plus editorial lints; writes nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also visit the http(s) links in the Markdown and site.yaml (answers are kept for a day in
        /// .sinew-cache/external-links.json); broken ones are warnings
        #[arg(long)]
        external: bool,
        /// With --external: seconds to wait for each link
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0, requires = "external")]
        timeout: f64,
        /// Check drafts too (`draft: true`), which are otherwise left out as the build leaves them out
        #[arg(long)]
        drafts: bool,
        /// Editorial warnings (placeholder text, overdue reviews, risky words, unlinked entries, repeated red
        /// flags), missing and out-of-date translations, and with --external broken external links, are errors
        #[arg(long)]
        strict: bool,
        /// With --external: ask for every link again, whatever the cache holds
        #[arg(long, requires = "external")]
        recheck: bool,
        /// How to print problems: for people (with the source line and a caret), or one JSON object per
        /// line on standard output (`file`, `line`, `column`, `end_column`, `severity`, `message`, `help`)
        #[arg(long, value_enum, default_value = "human")]
        format: DiagnosticFormat,
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
    /// Preview the site while you write: build it (drafts and scheduled entries included), serve it, and
    /// rebuild and reload the browser on every save
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; default: 4004, or the next free one
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on; anything other than 127.0.0.1 shows the preview (and drafts) to your network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in the default browser
        #[arg(long)]
        open: bool,
        /// Look for changes every 0.3 s instead of being told by the system (for network drives and shared
        /// folders, or when the system has no file watches left; sinew falls back to this by itself then)
        #[arg(long)]
        poll: bool,
        /// Allow editing pages in the browser while listening on a network address (--bind); on loopback,
        /// editing is always on. Either way, only the browser that opened the printed address can edit.
        #[arg(long)]
        edit: bool,
    },
    /// List each collection's entries (id and title) and the site's handouts: what a handout's --stretches
    /// and a link by id can name
    List {
        /// One collection only, e.g. stretches (or handouts)
        collection: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Titles in this language, one of site.yaml's `languages:` (e.g. es)
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
    },
    /// Create a new site in DIR, ready to build
    Init { dir: PathBuf },
    /// Make a one-off handout for a client (PDF or HTML), written only to -o; content/ and public/ are not touched
    Handout(HandoutArgs),
}

#[derive(Debug, clap::Args)]
pub struct HandoutArgs {
    /// Stretch ids, in order, separated by commas: figure-four,childs-pose,glute-bridge
    #[arg(long, value_name = "IDS")]
    pub stretches: String,
    /// The client's name, printed on the sheet
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
    /// A note for the client, printed at the top (Markdown); or, as ID=TEXT, a note printed with one stretch:
    /// --note figure-four="left side only" (repeatable)
    #[arg(long, value_name = "TEXT")]
    pub note: Vec<String>,
    /// An exercise that is not on the site, printed after the stretches: --extra "Walk 10 minutes after
    /// lunch" (repeatable; Markdown)
    #[arg(long, value_name = "TEXT")]
    pub extra: Vec<String>,
    /// The sheet's heading; default: "Your home exercises", in the sheet's language
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The sheet's language, one of the site's (`es`); default: the site's default language
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// With --lang: print a stretch that has no translation in the default language, saying so, instead of
    /// refusing the sheet
    #[arg(long)]
    pub fallback: bool,
    /// Hold time in seconds for one stretch, replacing its own: --hold figure-four=45 (repeatable)
    #[arg(long, value_name = "ID=SECONDS")]
    pub hold: Vec<String>,
    /// Repetitions for one stretch: --reps glute-bridge=12 (repeatable)
    #[arg(long, value_name = "ID=N")]
    pub reps: Vec<String>,
    /// Sets for one stretch: --sets glute-bridge=2 (repeatable)
    #[arg(long, value_name = "ID=N")]
    pub sets: Vec<String>,
    /// Paper size; default: site.yaml's `paper`
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Large print: at least 14 pt type, with more space, for a client who finds small print hard to read
    #[arg(long)]
    pub large: bool,
    /// A week of tick boxes after the exercises (days across, exercises down), for the client to tick off
    #[arg(long)]
    pub week_grid: bool,
    /// When the client is to come back, after the sheet's date: --review-in 2w (weeks) or 10d (days);
    /// printed as "Check back with me on <date>."
    #[arg(long, value_name = "WHEN")]
    pub review_in: Option<String>,
    /// The date printed on the sheet, YYYY-MM-DD; default: today
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// What to write; default: from -o's extension, else pdf (html when sinew has no PDF support).
    /// json writes the sheet's data, for working on the handout template with the typst command
    #[arg(long, value_enum)]
    pub format: Option<HandoutFormat>,
    /// The file to write; default: handout.pdf (or .html, .json) in the current folder
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The site's folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnosticFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HandoutFormat {
    Pdf,
    Html,
    Json,
}
