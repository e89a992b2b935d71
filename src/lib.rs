//! sinew: a static site generator for practitioners who teach their clients about their bodies.
//!
//! The pipeline reads as its stages, one module each, data flowing one way:
//! `source` (load) -> `model` (parse) -> `graph` (link) -> `render` -> `output` (write).
//! `build` owns the stages and their caches, and every command runs it: `cmd` holds one file per subcommand,
//! `serve` the live preview (watching, HTTP, live reload); `diag` carries problems to the user.

pub mod asset;
pub mod build;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod external;
pub mod fields;
pub mod graph;
pub mod handout;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod source;

pub use cmd::run;
