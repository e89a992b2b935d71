//! sinew: a static site generator for practitioners who teach their clients about their bodies.
//!
//! The pipeline reads as its stages, one module each, data flowing one way:
//! `source` (load) -> `model` (parse) -> `graph` (link) -> `render` -> `output` (write).
//! `build` owns the stages and their caches, and every command runs it: `cmd` holds one file per subcommand,
//! `serve` the live preview (watching, HTTP, live reload); `diag` carries problems to the user.

pub(crate) mod asset;
pub mod build;
pub mod cli;
pub(crate) mod cmd;
pub mod config;
pub mod diag;
pub(crate) mod edit;
pub(crate) mod external;
pub mod fields;
pub mod graph;
pub(crate) mod handout;
pub mod languages;
pub(crate) mod links;
pub(crate) mod lint;
pub mod markdown;
pub mod model;
pub(crate) mod output;
pub(crate) mod render;
pub(crate) mod search;
pub(crate) mod serve;
pub mod source;
pub mod strings;

pub use cmd::run;
