//! sinew's integration tests: one binary, one module per capability. Each test writes a small site into a
//! temporary folder (see `fixture`), runs the real `sinew` binary on it and checks the files and messages.

mod assets;
mod browser;
mod build_errors;
mod carets;
mod deployment;
mod editor;
mod fixture;
mod handout_sheets;
mod handouts;
mod hostile;
mod languages;
mod links;
mod media;
mod minified;
mod misleading;
mod output_safety;
mod pagination;
mod pdf;
mod properties;
mod publishing;
mod readiness;
mod redirects;
mod sample_site;
mod scheduling;
mod schema;
mod search_index;
mod search_relevance;
mod serve;
mod shortcodes;
mod site_format;
mod snapshots;
mod subcommands;
