//! Watching the site's folders: notify with a short debouncer, then bursts (a `git checkout`, an editor's
//! write-rename-delete) gathered into one batch. A single save waits only `QUIET` after its last event; once
//! a batch holds more than a save's few files it is a burst, and it stays open until `BURST_QUIET` passes
//! without an event (a busy machine can pause a checkout for tens of milliseconds), up to `LONGEST_BURST`.

use notify::RecursiveMode;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long the debouncer waits after a path's last event before reporting it.
const DEBOUNCE: Duration = Duration::from_millis(5);
/// How long a batch waits for more events once one has arrived.
const QUIET: Duration = Duration::from_millis(8);
const BURST_QUIET: Duration = Duration::from_millis(80);
/// More changed paths than an atomic save touches (the file, its temporary, a backup).
const BURST_PATHS: usize = 3;
const LONGEST_BURST: Duration = Duration::from_secs(2);

/// What changed since the last batch, by the part of the site it touches.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Changed files and folders (absolute), content/ and elsewhere, without editor leftovers.
    pub(crate) paths: BTreeSet<PathBuf>,
    /// The watcher lost track (an event queue overflowed): everything is read again.
    pub(crate) rescan: bool,
}

impl Changes {
    /// Every changed file is a stylesheet under a static folder: the browser can swap styles without reloading.
    pub(crate) fn only_styles(&self, root: &Path) -> bool {
        !self.rescan
            && !self.paths.is_empty()
            && self.paths.iter().all(|p| {
                let rel = p.strip_prefix(root).unwrap_or(p);
                p.extension().is_some_and(|e| e == "css") && rel.components().any(|c| c.as_os_str() == "static")
            })
    }

    /// The changed paths relative to the site root, for the terminal: at most `n`, then a count.
    pub(crate) fn describe(&self, root: &Path, n: usize) -> String {
        if self.rescan {
            return "the whole site".into();
        }
        let shown: Vec<String> =
            self.paths.iter().take(n).map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string()).collect();
        let more = self.paths.len().saturating_sub(n);
        if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") }
    }
}

pub(crate) struct Watcher {
    root: PathBuf,
    events: Receiver<DebounceEventResult>,
    _debouncer: notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>,
}

impl Watcher {
    /// Watches the whole site folder (so content/, templates/ or static/ created later are seen too).
    pub(crate) fn new(root: &Path) -> notify::Result<Self> {
        let (sender, events) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 2), sender)?;
        debouncer.watch(root, RecursiveMode::Recursive)?;
        Ok(Watcher { root: root.to_path_buf(), events, _debouncer: debouncer })
    }

    /// Blocks until something relevant changed, then gathers the rest of the burst. `None` once the watcher
    /// has stopped.
    pub(crate) fn next(&self) -> Option<Changes> {
        loop {
            let mut changes = Changes::default();
            self.add(self.events.recv().ok()?, &mut changes);
            let started = Instant::now();
            while started.elapsed() < LONGEST_BURST {
                let quiet = if changes.paths.len() > BURST_PATHS { BURST_QUIET } else { QUIET };
                match self.events.recv_timeout(quiet) {
                    Ok(batch) => self.add(batch, &mut changes),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if changes.rescan || !changes.paths.is_empty() {
                return Some(changes);
            }
        }
    }

    fn add(&self, batch: DebounceEventResult, changes: &mut Changes) {
        match batch {
            Ok(events) => {
                for event in events {
                    changes.rescan |= event.need_rescan();
                    // Reading a file is an event too (sinew's own reads among them): only writes count.
                    if matches!(
                        event.kind,
                        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
                    ) {
                        continue;
                    }
                    for path in &event.paths {
                        if self.relevant(path) {
                            changes.paths.insert(path.clone());
                        }
                    }
                }
            }
            // A watch error (a folder vanished mid-walk, too many watches): read everything again.
            Err(_) => changes.rescan = true,
        }
    }

    /// Site sources only: not editor leftovers, hidden files, or the usual output folder.
    fn relevant(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else { return false };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let Some(first) = parts.next() else { return false };
        if !matches!(&*first, "content" | "templates" | "themes" | "static" | crate::config::CONFIG_FILE) {
            return false;
        }
        !rel.components().any(|c| crate::source::is_ignored(&c.as_os_str().to_string_lossy()))
    }
}
