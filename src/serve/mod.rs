//! SERVE: `sinew serve`, the live preview. The site is built into memory (drafts and scheduled entries
//! included) and served from there; a watcher batches file events, the session rebuilds what they affect, and open pages hear about
//! each build through server-sent events: they reload, swap their styles, or show the build's problems over
//! the page. A failed build changes nothing that is served: the last good build stays until a good one
//! replaces it. Nothing here writes to disk.

mod address;
mod editor;
mod handout;
mod http;
mod picture;
mod priority;
mod rename;
mod repair;
mod site_files;
mod token;
mod watch;

use crate::build::{BuildOptions, ExtraFiles, Extras, Pending, Session};
use crate::diag::{Diagnostic, render_html};
use crate::output::OutputTree;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::watch as live;

pub(crate) struct ServeOptions {
    pub root: PathBuf,
    /// `None`: the default port, or the next free one.
    pub port: Option<u16>,
    pub bind: IpAddr,
    pub open: bool,
    /// Poll for changes instead of using the system's file events.
    pub poll: bool,
    /// Allow editing while listening on a network address (it is always on for loopback).
    pub edit: bool,
}

pub(crate) const DEFAULT_PORT: u16 = 4004;

/// What is served now: the last good build's pages (if any) and its latest search index and PDFs, and the
/// problems of the latest build.
struct Snapshot {
    tree: Option<Arc<OutputTree>>,
    extras: Arc<ExtraFiles>,
    problems: Arc<Vec<String>>,
    /// The latest build failed (its problems are `problems`): `tree` is the last good one.
    failed: bool,
    generation: u64,
    /// Each entry page's output path, with the editor's address for it.
    editable: Arc<std::collections::HashMap<String, String>>,
}

impl Snapshot {
    /// The same snapshot: its parts are shared, not copied.
    fn clone_shallow(&self) -> Snapshot {
        Snapshot {
            tree: self.tree.clone(),
            extras: self.extras.clone(),
            problems: self.problems.clone(),
            failed: self.failed,
            generation: self.generation,
            editable: self.editable.clone(),
        }
    }

    fn file(&self, path: &str) -> Option<&crate::output::OutputFile> {
        self.tree.as_ref()?.get(path).or_else(|| self.extras.get(path))
    }
}

/// What open pages are told after each build.
#[derive(Debug, Clone, Default)]
struct LiveState {
    generation: u64,
    /// "reload", "css" (styles only), "none" (a failed build: keep the page, show the problems) or "check" (the
    /// pages of this build are served, but its output check found problems `sinew build` would refuse).
    action: &'static str,
    problems: Arc<Vec<String>>,
    /// The server is stopping: end the event streams so Ctrl-C does not wait on open pages.
    stopping: bool,
}

impl LiveState {
    fn to_json(&self) -> String {
        serde_json::json!({ "generation": self.generation, "action": self.action, "problems": *self.problems })
            .to_string()
    }
}

struct Preview {
    /// The names requests may give as their Host.
    address: address::Address,
    base_path: String,
    current: RwLock<Arc<Snapshot>>,
    live: live::Sender<Arc<LiveState>>,
    editor: editor::Editor,
}

impl Preview {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.current.read().map_or_else(|poisoned| poisoned.into_inner().clone(), |s| s.clone())
    }

    /// Replaces what is served with what `change` makes of it, under the lock, so a build published meanwhile
    /// by the other thread is never overwritten with an older one; tells open pages when `change` gives an
    /// action.
    fn update(&self, change: impl FnOnce(&Snapshot) -> (Snapshot, Option<&'static str>)) {
        let mut current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (snapshot, action) = change(&current);
        let state = action.map(|action| LiveState {
            generation: snapshot.generation,
            action,
            problems: snapshot.problems.clone(),
            stopping: false,
        });
        *current = Arc::new(snapshot);
        // Told while the lock is held, so open pages hear of builds in the order they were served.
        if let Some(state) = state {
            self.live.send_replace(Arc::new(state));
        }
    }
}

pub(crate) fn run(options: &ServeOptions) -> bool {
    // Absolute, so the watcher's paths and the site's compare.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let Some(config_base_path) = base_path(&root) else {
        return false;
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the preview server: {error}");
            return false;
        }
    };
    let listener = match runtime.block_on(listen(options.bind, options.port)) {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            return false;
        }
    };
    let port = listener.local_addr().map_or(0, |a| a.port());
    // The address bound (127.0.0.2 is not 127.0.0.1); for "every interface", this machine's loopback.
    let address = format!("http://{}:{port}{config_base_path}", address::url_host(options.bind));
    let reachable = address::Address::new(options.bind, port);
    reachable.tell_the_network(options.bind, &config_base_path);

    let (sender, _) = live::channel(Arc::new(LiveState::default()));
    let build_options = BuildOptions { drafts: true, future: true, base_url: Some(address.clone()) };
    // Editing writes the author's files: on by itself only when nobody else can reach the server.
    let editing = options.bind.is_loopback() || options.edit;
    let preview = Arc::new(Preview {
        address: reachable,
        base_path: config_base_path.clone(),
        current: RwLock::new(Arc::new(Snapshot {
            tree: None,
            extras: Arc::default(),
            problems: Arc::default(),
            failed: false,
            generation: 0,
            editable: Arc::default(),
        })),
        live: sender,
        editor: editor::Editor::new(&root, Session::new(&root, build_options.clone()), editing),
    });
    let mut session = Session::new(&root, build_options);
    // Watch before the first build, so nothing saved during it is missed.
    let mut watcher = match watch::Watcher::new(&root, options.poll) {
        Ok((watcher, fallback)) => {
            if let Some(why) = fallback {
                eprintln!("warning: {why}");
            }
            watcher
        }
        Err(error) => {
            eprintln!("error: cannot watch {}: {error}", root.display());
            return false;
        }
    };
    let extras = spawn_extras(preview.clone());
    rebuild(&mut session, &preview, &root, None, &extras);
    eprintln!("serving {} at {address} (drafts and scheduled entries included); press Ctrl-C to stop", root.display());
    let opened = editing_address(&address, preview.editor.token());
    if options.open {
        open_browser(&opened);
    }

    let builder = preview.clone();
    let watch_root = root.clone();
    std::thread::Builder::new()
        .name("sinew-rebuild".into())
        .spawn(move || {
            while let Some(changes) = watcher.next() {
                rebuild(&mut session, &builder, &watch_root, Some(&changes), &extras);
            }
        })
        .ok();

    let app = http::router(preview.clone());
    let stopper = preview.clone();
    let served = runtime.block_on(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = tokio::signal::ctrl_c().await;
                stopper.live.send_modify(|state| {
                    let mut stopping = (**state).clone();
                    stopping.stopping = true;
                    *state = Arc::new(stopping);
                });
            })
            .await
    });
    match served {
        Ok(()) => {
            eprintln!("stopped");
            true
        }
        Err(error) => {
            eprintln!("error: the preview server stopped: {error}");
            false
        }
    }
}

/// Builds after a change (or the first time) and publishes the pages at once; the search index and PDFs
/// follow from the extras thread.
fn rebuild(
    session: &mut Session,
    preview: &Preview,
    root: &Path,
    changes: Option<&watch::Changes>,
    extras: &Sender<Pending>,
) {
    let started = Instant::now();
    if let Some(changes) = changes {
        let cache = session.read_cache();
        if changes.rescan {
            cache.forget_all();
        }
        for path in &changes.paths {
            cache.mark_changed(path);
        }
        preview.editor.changed(changes.rescan, &changes.paths);
    }
    let current = preview.snapshot();
    let generation = current.generation + 1;
    let what = changes.map_or_else(|| "first build".to_string(), |c| c.describe(root, 3));
    match session.pages() {
        Ok((pages, warnings)) => {
            let action = if changes.is_some_and(|c| c.only_styles(root)) { "css" } else { "reload" };
            let tree = Some(pages.tree);
            let editable = pages.editable;
            preview.update(|now| {
                let extras = now.extras.clone();
                let problems = Arc::default();
                (Snapshot { tree, extras, problems, failed: false, generation, editable }, Some(action))
            });
            let elapsed = started.elapsed().as_millis();
            print_problems(&warnings);
            eprintln!(
                "{what}: {} of {} pages rendered, {} entries, {elapsed} ms",
                pages.rendered, pages.total, pages.entries
            );
            let _ = extras.send(pages.pending);
        }
        Err(problems) => {
            print_problems(&problems);
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let tree = current.tree.clone();
            let serving = if tree.is_some() { "still serving the last good build" } else { "serving the error page" };
            eprintln!("{what}: build failed ({errors} error{}); {serving}", if errors == 1 { "" } else { "s" });
            // The file just saved first: its own error is usually the cause of the others (links to an
            // entry that no longer reads are broken everywhere).
            let saved = |p: &&Diagnostic| {
                let file = p.location.as_ref().map(|l| root.join(&l.file));
                changes.is_some_and(|c| file.is_some_and(|f| c.paths.contains(&f)))
            };
            let mut errors: Vec<&Diagnostic> = problems.iter().filter(|p| p.is_error()).collect();
            errors.sort_by_key(|p| !saved(p));
            let shown = errors.into_iter().map(render_html).collect();
            preview.update(|now| {
                let (extras, editable) = (now.extras.clone(), now.editable.clone());
                let problems = Arc::new(shown);
                (Snapshot { tree, extras, problems, failed: true, generation, editable }, Some("none"))
            });
        }
    }
}

/// How long the output check waits for a quiet moment: while saves come faster than this (typing with
/// autosave, a `git checkout`), only their pages and search index are made, and the check, which reads every
/// page, runs once they stop, instead of taking the core the next save's pages need.
const CHECK_AFTER_QUIET: Duration = Duration::from_millis(300);

/// The thread that makes the search index and PDFs of each build and checks its output's links, skipping to
/// the newest build when saves come faster than it; it swaps its files into whatever build is served by then,
/// and tells open pages what the check found.
fn spawn_extras(preview: Arc<Preview>) -> Sender<Pending> {
    let (sender, receiver) = channel::<Pending>();
    std::thread::Builder::new()
        .name("sinew-extras".into())
        .spawn(move || {
            priority::lower_this_thread();
            let mut extras = Extras::default();
            // One thread of its own, below the pages' priority: the next save's pages never wait for it.
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "sinew-extras".into())
                .start_handler(|_| priority::lower_this_thread())
                .build();
            let install = |work: &mut (dyn FnMut() + Send)| match &pool {
                Ok(pool) => pool.install(work),
                Err(_) => work(),
            };
            let mut next = receiver.recv().ok();
            while let Some(mut pending) = next.take() {
                while let Ok(newer) = receiver.try_recv() {
                    pending = newer;
                }
                let (mut files, mut problems) = (None, Vec::new());
                install(&mut || (files, problems) = extras.files(&pending));
                print_problems(&problems);
                let Some(files) = files else {
                    next = receiver.recv().ok();
                    continue;
                };
                let files = Arc::new(files);
                preview.update(|current| (Snapshot { extras: files.clone(), ..current.clone_shallow() }, None));
                match receiver.recv_timeout(CHECK_AFTER_QUIET) {
                    Ok(newer) => {
                        next = Some(newer);
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                    Err(RecvTimeoutError::Timeout) => {}
                }
                let mut checked = Vec::new();
                install(&mut || checked = extras.check(&pending, &files));
                print_problems(&checked);
                problems.extend(checked);
                let errors: Vec<String> = problems.iter().filter(|p| p.is_error()).map(render_html).collect();
                preview.update(|current| {
                    // A failed build's problems stay shown; else this check's, which open pages are told about.
                    let failed = current.failed;
                    let snapshot = Snapshot {
                        problems: if failed { current.problems.clone() } else { Arc::new(errors) },
                        ..current.clone_shallow()
                    };
                    let quiet = failed || snapshot.problems.is_empty() && current.problems.is_empty();
                    (snapshot, (!quiet).then_some("check"))
                });
                next = receiver.recv().ok();
            }
        })
        .ok();
    sender
}

/// Says how to edit, and gives the address to open: with the token in it, so the browser that opens it can
/// edit, and no other page can.
fn editing_address(address: &str, token: Option<&str>) -> String {
    if let Some(token) = token {
        eprintln!("to edit pages in the browser, open {address}?token={token}");
        format!("{address}?token={token}")
    } else {
        eprintln!("editing is off on a network address; start with --edit to allow it");
        address.to_string()
    }
}

/// JSON to embed in a page's `<script type="application/json">`: every `<` written as `\u003c` (the same
/// string to a JSON reader), so no text in it (an author's `</script>` or `<!--`) can end or bend the script.
fn embed_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn print_problems(problems: &[Diagnostic]) {
    let mut diagnostics = crate::diag::Diagnostics::default();
    diagnostics.extend(problems.iter().cloned());
    crate::diag::print(diagnostics);
}

/// The site's base path (`/` or `/clinic/`), read from site.yaml; `None` after printing why it cannot be read.
fn base_path(root: &Path) -> Option<String> {
    let file = match crate::source::read_config(root) {
        Ok(file) => file,
        Err(error) => {
            crate::diag::print_one(error);
            return None;
        }
    };
    let (config, problems) = crate::config::parse(&file.path, &file.text);
    // Problems in site.yaml are shown by the first build (and in the browser); the default path serves meanwhile.
    drop(problems);
    Some(config.map_or_else(|| "/".to_string(), |c| c.base_path))
}

async fn listen(bind: IpAddr, port: Option<u16>) -> Result<tokio::net::TcpListener, String> {
    let first = port.unwrap_or(DEFAULT_PORT);
    match tokio::net::TcpListener::bind(SocketAddr::new(bind, first)).await {
        Ok(listener) => return Ok(listener),
        Err(error) if port.is_some() => {
            return Err(format!("cannot listen on {bind}:{first}: {error} (leave out --port to pick a free one)"));
        }
        Err(_) => {}
    }
    // The default port is taken (another preview, say): the next free one, else any.
    for candidate in first.saturating_add(1)..first.saturating_add(20) {
        if let Ok(listener) = tokio::net::TcpListener::bind(SocketAddr::new(bind, candidate)).await {
            return Ok(listener);
        }
    }
    tokio::net::TcpListener::bind(SocketAddr::new(bind, 0)).await.map_err(|e| format!("cannot listen on {bind}: {e}"))
}

fn open_browser(address: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(command)
        .arg(address)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("note: could not open a browser ({command}: {error}); open {address} yourself");
    }
}
