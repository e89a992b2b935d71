//! `sinew check --external`: the http(s) links written in the site's Markdown and in site.yaml, each asked
//! for once, a few at a time, with a timeout. Answers are kept in `.sinew-cache/external-links.json` in the
//! site's folder and reused while younger than a day, so a second run asks nothing. The only part of sinew
//! (apart from the preview server) that touches the network, and only when asked to.

mod http;

use crate::diag::{Diagnostic, Kind, Location, SourceMap};
use crate::graph::LinkedSite;
use http::{Answer, Client};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where answers are kept, under the site's folder.
pub(crate) const CACHE_FILE: &str = ".sinew-cache/external-links.json";
/// Answers younger than this are reused.
const FRESH_FOR: Duration = Duration::from_hours(24);
/// Requests at a time: enough to finish a site's few hundred links quickly, few enough to be polite.
const AT_ONCE: usize = 8;

pub(crate) struct Options {
    pub(crate) timeout: Duration,
    /// Broken links are errors rather than warnings.
    pub(crate) strict: bool,
    /// Ask again even for links the cache has an answer for.
    pub(crate) recheck: bool,
}

/// What the run did, for the summary line.
pub(crate) struct Summary {
    pub(crate) links: usize,
    pub(crate) asked: usize,
}

/// Where a link is written: a file, and its text for the line and column.
struct Place {
    file: PathBuf,
    text: Arc<str>,
    offset: usize,
    len: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    links: BTreeMap<String, Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    /// Seconds since 1970 when the link was asked for.
    checked: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Checks every external link of the site, and reports each broken one at every place it is written.
pub(crate) fn check(
    root: &Path,
    site: &LinkedSite,
    options: &Options,
    diagnostics: &mut crate::diag::Diagnostics,
) -> Summary {
    let places = collect(root, site);
    let cache_path = root.join(CACHE_FILE);
    let mut cache = read_cache(&cache_path);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let fresh = |cached: &Cached| !options.recheck && now.saturating_sub(cached.checked) < FRESH_FOR.as_secs();
    let to_ask: Vec<&str> =
        places.keys().map(String::as_str).filter(|url| !cache.links.get(*url).is_some_and(fresh)).collect();
    let answers = ask_all(&to_ask, options.timeout);
    for (url, answer) in to_ask.iter().zip(answers) {
        let (status, error) = match answer {
            Answer::Status(status) => (Some(status), None),
            Answer::Failed(error) => (None, Some(error)),
        };
        cache.links.insert((*url).to_string(), Cached { checked: now, status, error });
    }
    if !to_ask.is_empty()
        && let Err(error) = write_cache(&cache_path, &cache)
    {
        diagnostics.push(
            Diagnostic::warning(Kind::External, format!("cannot keep the answers in {CACHE_FILE}: {error}"))
                .help("the next run will ask for every link again"),
        );
    }
    for (url, places) in &places {
        let Some(cached) = cache.links.get(url) else { continue };
        let Some(problem) = problem(cached) else { continue };
        let asked_now = to_ask.contains(&url.as_str());
        for place in places {
            let message = format!("external link `{url}` is broken: {problem}");
            let diagnostic = if options.strict {
                Diagnostic::error(Kind::External, message)
            } else {
                Diagnostic::warning(Kind::External, message)
            };
            let map = SourceMap::new(&place.text);
            let diagnostic = diagnostic.at(Location::at(&place.file, &map, place.offset, place.len.min(80)));
            diagnostics.push(if asked_now {
                diagnostic
            } else {
                let minutes = now.saturating_sub(cached.checked) / 60;
                diagnostic
                    .help(format!("from the cache ({CACHE_FILE}), checked {minutes} min ago; --recheck asks again"))
            });
        }
    }
    Summary { links: places.len(), asked: to_ask.len() }
}

/// What is wrong with an answer, if anything: a status of 400 or more, or no status.
fn problem(cached: &Cached) -> Option<String> {
    match (cached.status, &cached.error) {
        (Some(status), _) if status >= 400 => Some(format!("HTTP {status}")),
        (Some(_), _) => None,
        (None, error) => Some(error.clone().unwrap_or_else(|| "no answer".into())),
    }
}

/// Every http(s) link in the bodies of entries and pages, and site.yaml's `booking_url`, by URL.
fn collect(root: &Path, site: &LinkedSite) -> BTreeMap<String, Vec<Place>> {
    let mut places: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let bodies = site
        .entries
        .iter()
        .map(|e| (&e.source, e.body_offset))
        .chain(site.pages.iter().map(|p| (&p.source, p.body_offset)));
    for (source, body_offset) in bodies {
        for link in crate::markdown::external_links(&source.text[body_offset..]) {
            places.entry(link.url).or_default().push(Place {
                file: source.path.clone(),
                text: source.text.clone(),
                offset: body_offset + link.range.start,
                len: link.range.len(),
            });
        }
    }
    if let Some(url) = &site.config.practitioner.booking_url {
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            // site.yaml was read and parsed before this runs; read again here only to point at the line.
            let text: Arc<str> = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default().into();
            let offset = text.find(url.as_str()).unwrap_or(0);
            places.entry(url.clone()).or_default().push(Place {
                file: PathBuf::from("site.yaml"),
                text,
                offset,
                len: url.len(),
            });
        }
    }
    places
}

/// Asks for each URL, `AT_ONCE` at a time; the answers are in the order of `urls`.
fn ask_all(urls: &[&str], timeout: Duration) -> Vec<Answer> {
    let client = Client::new(timeout);
    let next = AtomicUsize::new(0);
    let answers: Mutex<Vec<Option<Answer>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(urls.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let answer = client.ask(url);
                    answers.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(answer);
                }
            });
        }
    });
    let answers = answers.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    answers.into_iter().map(|a| a.unwrap_or_else(|| Answer::Failed("not asked".into()))).collect()
}

fn read_cache(path: &Path) -> Cache {
    // A missing or unreadable cache (an older format, a bad edit) is simply empty: the links are asked again.
    std::fs::read(path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
}

fn write_cache(path: &Path, cache: &Cache) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec_pretty(cache).map_err(std::io::Error::other)?;
    // Written beside, then renamed: an interrupted run leaves the old cache, not half a file.
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_from_400_and_failures_are_problems() {
        let at = |status, error: Option<&str>| Cached { checked: 0, status, error: error.map(str::to_string) };
        assert_eq!(problem(&at(Some(200), None)), None);
        assert_eq!(problem(&at(Some(301), None)), None);
        assert_eq!(problem(&at(Some(404), None)).as_deref(), Some("HTTP 404"));
        assert_eq!(problem(&at(None, Some("host not found"))).as_deref(), Some("host not found"));
    }
}
