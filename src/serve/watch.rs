//! Watching the site's folders: notify with a short debouncer, then bursts (a `git checkout`, an editor's
//! write-rename-delete) gathered into one batch. A single save waits only `QUIET` after its last event; once
//! a batch holds more than a save's few files it is a burst, and it stays open until `BURST_QUIET` passes
//! without an event (a busy machine can pause a checkout for tens of milliseconds), up to `LONGEST_BURST`.

use notify::RecursiveMode;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};
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

/// How often a polling watcher looks at the site's files.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// The folders a site's sources live in (site.yaml is beside them).
const SOURCE_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// The debouncer and the watcher inside it, kept alive while watching.
enum Debouncer {
    // Never read: held so that the system keeps sending its events.
    #[allow(dead_code)]
    System(notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>),
    /// Polls only the source folders (a site folder also holds public/, .git and more, and polling reads every
    /// file it watches), so a source folder created later is added when it appears.
    Poll(notify_debouncer_full::Debouncer<notify::PollWatcher, notify_debouncer_full::NoCache>),
}

pub(crate) struct Watcher {
    root: PathBuf,
    events: Receiver<DebounceEventResult>,
    debouncer: Debouncer,
}

impl Watcher {
    /// Watches the site folder (so content/, templates/ or static/ created later are seen too): with the
    /// system's file events, or by polling when asked to or when the system has none left to give (inotify
    /// instances or watches used up by other programs: "Too many open files", "No space left on device").
    /// The second value says why it fell back to polling, for a warning.
    pub(crate) fn new(root: &Path, poll: bool) -> notify::Result<(Self, Option<String>)> {
        let (sender, events) = channel();
        let mut fallback = None;
        let debouncer = if poll {
            polling_watcher(root, sender)?
        } else {
            match system_watcher(root, sender.clone()) {
                Ok(debouncer) => debouncer,
                Err(error) if out_of_watches(&error) => {
                    fallback = Some(format!(
                        "the system has no file watches left ({error}), so sinew looks for changes every \
                         {} ms instead: saves show a little later (close other programs that watch files, or \
                         use --poll to choose this)",
                        POLL_INTERVAL.as_millis()
                    ));
                    polling_watcher(root, sender)?
                }
                Err(error) => return Err(error),
            }
        };
        Ok((Watcher { root: root.to_path_buf(), events, debouncer }, fallback))
    }

    /// Blocks until something relevant changed, then gathers the rest of the burst. `None` once the watcher
    /// has stopped.
    pub(crate) fn next(&mut self) -> Option<Changes> {
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
                self.follow_new_folders(&changes);
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

    /// A polling watcher starts polling a source folder created since it started (a new `templates/`).
    fn follow_new_folders(&mut self, changes: &Changes) {
        let Debouncer::Poll(debouncer) = &mut self.debouncer else { return };
        for name in SOURCE_FOLDERS {
            let folder = self.root.join(name);
            if (changes.rescan || changes.paths.contains(&folder)) && folder.is_dir() {
                // Watching a folder again replaces its watch; a folder gone again is seen at the next change.
                let _ = debouncer.watch(&folder, RecursiveMode::Recursive);
            }
        }
    }

    /// Site sources only: not editor leftovers, hidden files, or the usual output folder. In content/, only
    /// Markdown files and folders count: an editor's backup beside an entry (`figure-four.md3aZ.bck`) is not a
    /// change to the site.
    fn relevant(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else { return false };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let Some(first) = parts.next() else { return false };
        if !matches!(&*first, "content" | "templates" | "themes" | "static" | crate::config::CONFIG_FILE) {
            return false;
        }
        if rel.components().any(|c| crate::source::is_ignored(&c.as_os_str().to_string_lossy())) {
            return false;
        }
        // A name with an extension in content/ is a file (folders there are ids, which have none).
        first != "content" || rel.extension().is_none() || crate::source::is_markdown(rel)
    }
}

type Sender = std::sync::mpsc::Sender<DebounceEventResult>;

fn system_watcher(root: &Path, sender: Sender) -> notify::Result<Debouncer> {
    // Test-only, in debug builds: act as if the system had no inotify instances left.
    #[cfg(debug_assertions)]
    if std::env::var_os("SINEW_TEST_NO_INOTIFY").is_some() {
        return Err(notify::Error::io(std::io::Error::from_raw_os_error(24)));
    }
    let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 2), sender)?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    Ok(Debouncer::System(debouncer))
}

/// Polls site.yaml and the source folders. Contents are compared, not only times: notify's poller keeps
/// modification times in whole seconds, so a second save within the same second would go unseen.
fn polling_watcher(root: &Path, sender: Sender) -> notify::Result<Debouncer> {
    let config = notify::Config::default().with_poll_interval(POLL_INTERVAL).with_compare_contents(true);
    let mut debouncer = new_debouncer_opt::<_, notify::PollWatcher, _>(
        DEBOUNCE,
        Some(DEBOUNCE / 2),
        sender,
        notify_debouncer_full::NoCache,
        config,
    )?;
    // The root alone (not its subfolders): site.yaml, and source folders appearing.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for name in SOURCE_FOLDERS {
        let folder = root.join(name);
        if folder.is_dir() {
            debouncer.watch(&folder, RecursiveMode::Recursive)?;
        }
    }
    Ok(Debouncer::Poll(debouncer))
}

/// EMFILE (inotify instances used up) or ENOSPC (watches used up), as notify reports them.
fn out_of_watches(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::Io(io) => matches!(io.raw_os_error(), Some(24 | 28)),
        notify::ErrorKind::MaxFilesWatch => true,
        _ => false,
    }
}
