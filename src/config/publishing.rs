//! What `base_url` means for publishing. Crawlers read robots.txt only at the root of a host
//! (`https://example.org/robots.txt`, RFC 9309 section 2.3), so a site published under a sub-path
//! (`https://example.org/clinic/`, as on a GitHub Pages project site) has no robots.txt they would read: the
//! build writes none, and `sinew check` says so at `base_url` with what to do instead. No I/O here.

use super::SiteConfig;
use crate::diag::{Diagnostic, Kind};

impl SiteConfig {
    /// Whether the site is published at the root of its host, the one place crawlers look for robots.txt.
    pub fn serves_robots_txt(&self) -> bool {
        self.base_path == "/"
    }

    /// `sinew check`'s warning for a site under a sub-path, at `base_url` in site.yaml.
    pub fn robots_txt_warning(&self) -> Option<Diagnostic> {
        if self.serves_robots_txt() {
            return None;
        }
        // `base_url` is the host's root followed by `base_path` (`config::base_path`).
        let root = &self.base_url[..self.base_url.len() + 1 - self.base_path.len()];
        let warning = Diagnostic::warning(
            Kind::Settings,
            format!("no robots.txt for a site under {}: crawlers read one only at {root}robots.txt", self.base_path),
        )
        .help(format!(
            "search engines still find the pages through their links; to give them the sitemap as well, submit \
             {} in Google Search Console, or publish the site at the root of an address of its own",
            self.permalink("sitemap.xml")
        ));
        Some(match &self.base_url_location {
            Some(location) => warning.at(location.clone()),
            None => warning.in_file(std::path::Path::new(super::CONFIG_FILE)),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use std::path::Path;

    fn config(base_url: &str) -> crate::config::SiteConfig {
        let text = format!("title: T\nbase_url: {base_url}\ncollections:\n  stretches: {{}}\n");
        parse(Path::new("site.yaml"), &text).0.unwrap()
    }

    #[test]
    fn only_a_site_under_a_sub_path_is_warned_about_at_its_base_url() {
        assert!(config("https://example.org").robots_txt_warning().is_none());
        let warning = config("https://example.org/clinic").robots_txt_warning().unwrap();
        assert!(warning.message.contains("https://example.org/robots.txt"), "{}", warning.message);
        assert!(warning.help.unwrap().contains("https://example.org/clinic/sitemap.xml"));
        let location = warning.location.unwrap();
        assert_eq!((location.line, location.column), (Some(2), 11));
    }
}
