//! Old addresses that keep working: an entry or page's `redirect_from` (`[old-id, /old/address/]`) gives each
//! old address a small page that sends the reader on (a meta refresh, with a link for browsers that do not
//! follow it, the new page as its canonical address, and `noindex`), and `_redirects` lists them all for hosts
//! that read one (Netlify, Cloudflare Pages), which answer with a real 301 instead.
//!
//! An old address is written as the entry's old id (its page in the same collection and language) or as a
//! path inside the site, starting with `/` (`/stretches/old-name/`, `/old-page.html`).

use crate::config::{SiteConfig, file_of};
use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap};
use crate::fields::schema::REDIRECT_FROM;
use crate::graph::LinkedSite;
use crate::markdown::escape_html;
use crate::output::OutputTree;
use crate::source::{ContentKind, SourceFile};
use std::fmt::Write as _;

/// One old address and where it now leads.
pub(crate) struct Redirect {
    /// The file made at the old address (`stretches/old-name/index.html`).
    pub file: String,
    /// The old address with the base path, as a host's `_redirects` matches it.
    from_url: String,
    to_url: String,
    to_permalink: String,
    title: String,
    lang: String,
    dir: &'static str,
    moved: String,
    /// The file that lists it, and which of its `redirect_from` items it is.
    source: SourceFile,
    item: usize,
}

/// Every redirect of the site, in every language; an address that cannot be one is reported.
pub(crate) fn redirects(site: &LinkedSite, mut problems: Option<&mut Diagnostics>) -> Vec<Redirect> {
    let mut found = Vec::new();
    for (v, view) in std::iter::once(site).chain(site.translations.iter().map(|t| &**t)).enumerate() {
        let config = &view.config;
        // A view's own files only: an untranslated entry shown in another language is the original's.
        let own =
            |language: Option<&str>| if v == 0 { language.is_none() } else { language == Some(&*config.language) };
        let entries = view
            .entries
            .iter()
            .filter(|e| own(e.language.as_deref()))
            .map(|e| (&e.source, e.fields.redirect_from(), Some(e.collection), e.path(config), e.fields.title()));
        let pages = view.pages.iter().filter(|p| own(p.language.as_deref())).filter_map(|p| match &p.kind {
            ContentKind::Page { url_path } => {
                Some((&p.source, p.fields.redirect_from(), None, url_path.clone(), p.fields.title()))
            }
            _ => None,
        });
        for (source, old, collection, to, title) in entries.chain(pages) {
            for (item, written) in old.iter().enumerate() {
                match old_path(written, config, collection) {
                    Ok(path) => found.push(Redirect {
                        file: if path.ends_with('/') || path.is_empty() { file_of(&path) } else { path.clone() },
                        from_url: config.url(&path),
                        to_url: config.url(&to),
                        to_permalink: config.permalink(&to),
                        title: title.to_string(),
                        lang: config.language.clone(),
                        dir: config.dir,
                        moved: view.strings.get("redirect.moved"),
                        source: source.clone(),
                        item,
                    }),
                    Err(why) => {
                        if let Some(problems) = problems.as_deref_mut() {
                            problems.push(
                                Diagnostic::error(Kind::Field, format!("`{written}` cannot be an old address: {why}"))
                                    .at(item_location(source, item))
                                    .help("write the old id (`old-name`) or the old address inside the site, starting with / (`/stretches/old-name/`)"),
                            );
                        }
                    }
                }
            }
        }
    }
    found
}

/// The site path an old address stands for: `stretches/old-name/`, `old-page.html`.
fn old_path(written: &str, config: &SiteConfig, collection: Option<usize>) -> Result<String, &'static str> {
    let written = written.trim();
    let path = if let Some(path) = written.strip_prefix('/') {
        // Written with the site's base path (`/clinic/old/`) or without it (`/old/`): the same address.
        let base = config.base_path.trim_start_matches('/');
        path.strip_prefix(base).filter(|_| !base.is_empty()).unwrap_or(path).to_string()
    } else if written.contains('/') {
        return Err("an address starts with /");
    } else {
        let Some(collection) = collection else { return Err("a page's old address starts with /") };
        format!("{}{written}/", config.collection_path(collection))
    };
    let segments: Vec<&str> = path.split('/').collect();
    let (last, folders) = segments.split_last().unwrap_or((&"", &[]));
    if folders.iter().any(|s| s.is_empty() || *s == "." || *s == "..") || *last == "." || *last == ".." {
        return Err("it has an empty, `.` or `..` part");
    }
    if path
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '?' | '#' | '\\' | '%' | ':' | '"' | '<' | '>'))
    {
        return Err("addresses here are plain paths, without spaces, `?`, `#` or `%`");
    }
    let extension = last.rsplit_once('.').map(|(_, extension)| extension);
    if last.is_empty() || extension.is_some_and(|e| e.eq_ignore_ascii_case("html")) {
        Ok(path)
    } else if extension.is_some() {
        Err("a redirect is a web page: end the address with / or .html")
    } else {
        Ok(format!("{path}/"))
    }
}

/// The page at an old address.
pub(crate) fn page(redirect: &Redirect) -> String {
    let (to, title) = (escape_attribute(&redirect.to_url), escape_html(&redirect.title));
    let link = format!("<a href=\"{to}\">{title}</a>");
    let moved = escape_html(&redirect.moved).replace("{page}", &link);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<main>\n<p>{moved}</p>\n</main>\n\
         </body>\n</html>\n",
        escape_attribute(&redirect.lang),
        redirect.dir,
        escape_attribute(&redirect.to_permalink),
    );
    html
}

/// `_redirects`: one `from to 301` line per old address, the format Netlify and Cloudflare Pages read.
pub(crate) fn redirects_file(redirects: &[Redirect]) -> String {
    let mut text = String::from("# Old addresses of renamed pages (their redirect_from), made by sinew.\n");
    for redirect in redirects {
        let _ = writeln!(text, "{} {} 301", redirect.from_url, redirect.to_url);
    }
    text
}

/// The build's check of its redirects: each old address is a page of no other, and is claimed once.
pub(crate) fn check(site: &LinkedSite, tree: &OutputTree, diagnostics: &mut Diagnostics) {
    let mut claimed: std::collections::HashMap<&str, &Redirect> = std::collections::HashMap::new();
    let redirects = redirects(site, Some(diagnostics));
    for redirect in &redirects {
        let at = item_location(&redirect.source, redirect.item);
        if let Some(first) = claimed.insert(&redirect.file, redirect) {
            diagnostics.push(
                Diagnostic::error(Kind::Field, format!("{} is the old address of two pages", redirect.from_url))
                    .at(at)
                    .help(format!("{} names it too; keep it in one of them", first.source.path.display())),
            );
            continue;
        }
        if let Some(there) = tree.get(&redirect.file).filter(|f| f.origin != origin(redirect)) {
            diagnostics.push(
                Diagnostic::error(
                    Kind::Field,
                    format!("{} is an old address of this page, but {} is there", redirect.from_url, there.origin),
                )
                .at(at)
                .help("a redirect cannot replace a page that exists: remove this old address, or rename that page"),
            );
        }
    }
}

/// What made a redirect's file, as the output tree tells files apart.
pub(crate) fn origin(redirect: &Redirect) -> String {
    format!("the redirect_from of {}", redirect.source.path.display())
}

/// Where the `item`th address of a file's `redirect_from` is written, from the YAML parser's spans.
fn item_location(source: &SourceFile, item: usize) -> Location {
    let map = SourceMap::new(&source.text);
    let span = crate::source::split(&source.path, &source.text).ok().and_then(|split| {
        let root = crate::fields::yaml::spans::read(split.front_matter)?;
        let (_, key, list) = root.entries.iter().find(|(k, _, _)| k == REDIRECT_FROM)?;
        let span = list.items.get(item).map_or(key, |node| &node.span);
        Some(split.front_matter_offset + span.start..split.front_matter_offset + span.end)
    });
    match span {
        Some(span) => Location::at(&source.path, &map, span.start, span.len()),
        None => Location::file(&source.path),
    }
}

fn escape_attribute(text: &str) -> String {
    escape_html(text).replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::old_path;

    fn config(base_url: &str) -> crate::config::SiteConfig {
        let yaml = format!(
            "title: T\nbase_url: {base_url}\ncollections:\n  stretches:\n    title: S\n    singular: stretch\n    schema: exercise\n"
        );
        crate::config::parse(std::path::Path::new("site.yaml"), &yaml).0.unwrap()
    }

    #[test]
    fn an_old_id_is_its_collections_address_and_a_path_is_inside_the_site() {
        let site = config("https://clinic.example/care/");
        assert_eq!(old_path("figure-4", &site, Some(0)).unwrap(), "stretches/figure-4/");
        assert_eq!(old_path("/old/stretch", &site, None).unwrap(), "old/stretch/");
        assert_eq!(old_path("/care/old/", &site, None).unwrap(), "old/", "the base path may be written");
        assert_eq!(old_path("/old.html", &site, None).unwrap(), "old.html");
        assert!(old_path("figure-4", &site, None).is_err(), "a page has no collection");
        for bad in ["/../etc/", "/a//b/", "/old.pdf", "/a b/", "/a?x=1", "old/one"] {
            assert!(old_path(bad, &site, Some(0)).is_err(), "{bad}");
        }
    }
}
