//! `sinew serve`: the real binary on a free port, edited the ways editors and git edit files, checked over
//! HTTP. Every wait polls with a deadline; nothing sleeps a fixed time hoping a rebuild has happened.

use crate::fixture::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    /// Everything the server printed to stderr so far, a line each.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub(crate) fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts the server with these environment variables set.
    fn start_with(site: &Site, env: &[(&str, &str)]) -> Server {
        Server::start_args(site, env, &[])
    }

    /// Starts the server with these environment variables set and these arguments after the usual ones.
    pub(crate) fn start_args(site: &Site, env: &[(&str, &str)], args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sinew"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(args)
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("sinew serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut server = Server { child, port: 0, log };
        let line = server.wait_for_log(" at http://127.0.0.1:");
        let address = line.split(" at http://127.0.0.1:").nth(1).expect("the address is printed");
        server.port = address.split('/').next().unwrap().parse().expect("a port");
        server
    }

    pub(crate) fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub(crate) fn wait_for_log(&self, fragment: &str) -> String {
        wait(
            &format!("the server to print {fragment:?}"),
            || self.log().into_iter().find(|l| l.contains(fragment)),
            || self.log().join("\n"),
        )
    }

    pub(crate) fn request(&self, path: &str, host: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map_or(String::new(), |(_, b)| b.to_string());
        (status, body)
    }

    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        self.request(path, &format!("127.0.0.1:{}", self.port))
    }

    /// Polls `path` until its page contains `fragment`.
    pub(crate) fn wait_for_page(&self, path: &str, fragment: &str) -> String {
        wait(
            &format!("{path} to contain {fragment:?}"),
            || {
                let (status, body) = self.get(path);
                (status == 200 && body.contains(fragment)).then_some(body)
            },
            || format!("{:?}\n{}", self.get(path), self.log().join("\n")),
        )
    }

    fn wait_for_status(&self, path: &str, expected: u16) {
        wait(
            &format!("{path} to answer {expected}"),
            || (self.get(path).0 == expected).then_some(()),
            || self.log().join("\n"),
        );
    }

    /// The live-reload state open pages receive first: {generation, action, problems}.
    fn live_state(&self) -> serde_json::Value {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(stream, "GET /__sinew/live HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        loop {
            let n = stream.read(&mut buffer).expect("the event stream answers");
            assert!(n > 0, "the event stream closed");
            seen.extend_from_slice(&buffer[..n]);
            let text = String::from_utf8_lossy(&seen);
            if let Some(start) = text.find("data: ")
                && let Some(end) = text[start..].find('\n')
            {
                return serde_json::from_str(&text[start + 6..start + end]).expect("the event is JSON");
            }
        }
    }

    fn wait_for_problems(&self, fragment: &str) -> serde_json::Value {
        wait(
            &format!("the live state to report {fragment:?}"),
            || {
                let state = self.live_state();
                let problems = state["problems"].as_array().cloned().unwrap_or_default();
                problems.iter().any(|p| p.as_str().unwrap_or("").contains(fragment)).then_some(state)
            },
            || self.log().join("\n"),
        )
    }

    /// (status, body) of `path` with what differs between two servers of the same files taken out: the port
    /// (in the base URL) and the build number in the reload script.
    fn get_comparable(&self, path: &str) -> (u16, String) {
        let (status, body) = self.get(path);
        let body = body.replace(&format!("127.0.0.1:{}", self.port), "127.0.0.1:PORT");
        let body = match body.find(" data-generation=\"") {
            Some(at) => {
                let end = body[at + 18..].find('"').map_or(body.len(), |e| at + 18 + e + 1);
                format!("{}{}", &body[..at], &body[end..])
            }
            None => body,
        };
        (status, body)
    }

    fn problems(&self) -> Vec<serde_json::Value> {
        self.live_state()["problems"].as_array().cloned().unwrap_or_default()
    }

    fn rebuild_lines(&self) -> usize {
        self.log().iter().filter(|l| l.contains(" pages rendered") || l.contains("build failed")).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn wait<T>(what: &str, mut check: impl FnMut() -> Option<T>, context: impl Fn() -> String) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(started.elapsed() < DEADLINE, "timed out waiting for {what}\n{}", context());
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Writes a file the way editors that save atomically do: a temporary file beside it, renamed over it.
fn atomic_write(site: &Site, rel: &str, text: &str) {
    let target = site.path(rel);
    let temp = target.with_file_name(format!(".{}.tmp", target.file_name().unwrap().to_string_lossy()));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &target).unwrap();
}

#[test]
fn edits_in_place_and_atomic_saves_update_the_page_and_its_linked_pages() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/stretches/figure-four/", "Figure four");
    assert!(server.get("/stretches/figure-four/").1.contains("/__sinew/live.js"), "the reload script is injected");

    let text =
        site.read("content/stretches/figure-four.md").replace("title: Figure four", "title: Figure four, seated");
    site.write("content/stretches/figure-four.md", &text);
    server.wait_for_page("/stretches/figure-four/", "Figure four, seated");
    // The muscle page lists the stretch by title: it is re-rendered too.
    server.wait_for_page("/muscles/piriformis/", "Figure four, seated");
    server.wait_for_page("/stretches/", "Figure four, seated");

    atomic_write(&site, "content/stretches/figure-four.md", &text.replace("seated", "lying"));
    server.wait_for_page("/stretches/figure-four/", "Figure four, lying");
    assert!(server.wait_for_log("content/stretches/figure-four.md").contains("ms"));
    // The lists show each entry's card as the last build made it, unless the entry changed (render/cards.rs):
    // the edited entry's card is new everywhere, the others' are still there.
    server.wait_for_page("/muscles/piriformis/", "Figure four, lying");
    let listing = server.wait_for_page("/stretches/", "Figure four, lying");
    assert!(!listing.contains("Figure four, seated") && listing.contains(">Glute bridge</a>"), "{listing}");
    // A new card template makes every card again.
    let card = "templates/partials/card.html";
    site.write(card, "<li class=\"card\"><a href=\"{{ e.url }}\">{{ e.title }}</a> (new card)</li>\n");
    let listing = server.wait_for_page("/stretches/", "(new card)");
    assert!(!listing.contains("card-summary"), "a card of the old template is left:\n{listing}");
    server.wait_for_page("/muscles/piriformis/", "(new card)");
}

#[test]
fn a_page_linking_to_an_entry_follows_its_title_and_a_body_edit_elsewhere_renders_one_page() {
    // A plain page is made from its own text: only the links in it tie it to the entries.
    let site = Site::new();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [[figure-four]] and [the bridge](@/stretches/glute-bridge.md).\n",
    );
    let server = Server::start(&site);
    server.wait_for_page("/about/", ">Figure four</a>");

    let four = site.read("content/stretches/figure-four.md");
    site.write("content/stretches/figure-four.md", four.replace("title: Figure four", "title: Figure four, lying"));
    server.wait_for_page("/about/", ">Figure four, lying</a>");
    // A body edit elsewhere changes no link target: the about page is kept, one page is rendered.
    let bridge = site.read("content/stretches/glute-bridge.md");
    site.write("content/stretches/glute-bridge.md", format!("{bridge}\nSqueeze at the top.\n"));
    server.wait_for_page("/stretches/glute-bridge/", "Squeeze at the top.");
    let rebuilt = server.wait_for_log("content/stretches/glute-bridge.md:");
    assert!(rebuilt.contains(": 1 of "), "{rebuilt}");
    // The linked entry gone: the page's link is broken, as `sinew build` would say.
    site.remove("content/stretches/figure-four.md");
    server.wait_for_problems("figure-four");
}

#[test]
fn adding_renaming_and_deleting_entries_updates_links_everywhere() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/muscles/piriformis/", "Piriformis");

    site.write(
        "content/stretches/seated-twist.md",
        "---\ntitle: Seated twist\nkind: stretch\nmuscles: [piriformis]\n---\nTurn gently.\n",
    );
    server.wait_for_page("/stretches/seated-twist/", "Seated twist");
    server.wait_for_page("/muscles/piriformis/", "Seated twist");

    std::fs::rename(site.path("content/stretches/seated-twist.md"), site.path("content/stretches/chair-twist.md"))
        .unwrap();
    server.wait_for_page("/stretches/chair-twist/", "Seated twist");
    server.wait_for_status("/stretches/seated-twist/", 404);
    server.wait_for_page("/muscles/piriformis/", "/stretches/chair-twist/");

    // Deleting an entry others link to breaks their links: reported, and the last good build stays.
    site.remove("content/muscles/gluteus-maximus.md");
    let state = server.wait_for_problems("gluteus-maximus");
    assert_eq!(state["action"], "none");
    assert_eq!(server.get("/muscles/gluteus-maximus/").0, 200, "the last good build is still served");
    site.write("content/muscles/gluteus-maximus.md", "---\ntitle: Gluteus maximus\n---\nThe big one.\n");
    wait(
        "the problems to clear",
        || server.live_state()["problems"].as_array().unwrap().is_empty().then_some(()),
        || server.log().join("\n"),
    );
    server.wait_for_page("/muscles/gluteus-maximus/", "The big one.");
}

#[test]
fn a_broken_file_shows_its_problem_and_keeps_the_last_good_page_until_fixed() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/stretches/glute-bridge/", "Lift the hips.");
    let good = site.read("content/stretches/glute-bridge.md");

    site.write("content/stretches/glute-bridge.md", "---\ntitle: [Glute bridge\nkind: strengthen\n---\nLift.\n");
    let state = server.wait_for_problems("In content/stretches/glute-bridge.md, line ");
    assert_eq!(state["action"], "none");
    let (status, body) = server.get("/stretches/glute-bridge/");
    assert_eq!(status, 200);
    assert!(body.contains("Lift the hips."), "the last good page is still served");
    server.wait_for_log("still serving the last good build");

    site.write("content/stretches/glute-bridge.md", good.replace("Lift the hips.", "Lift the hips slowly."));
    server.wait_for_page("/stretches/glute-bridge/", "Lift the hips slowly.");
    assert!(server.live_state()["problems"].as_array().unwrap().is_empty(), "fixing the file clears the problems");
    assert_eq!(server.get("/").0, 200, "the server is still up");
}

#[test]
fn the_server_starts_on_a_failing_site_and_shows_the_error_page_until_fixed() {
    let site = Site::new();
    site.write(
        "content/causes/prolonged-sitting.md",
        "---\ntitle: Prolonged sitting\nmuscles: [glutes-maximus]\n---\n",
    );
    let server = Server::start(&site);
    let (status, body) = server.get("/");
    assert_eq!(status, 500);
    assert!(body.contains("content/causes/prolonged-sitting.md"), "{body}");
    assert!(body.contains("/__sinew/live.js"), "the error page reloads by itself when fixed");

    site.write(
        "content/causes/prolonged-sitting.md",
        "---\ntitle: Prolonged sitting\nmuscles: [gluteus-maximus]\n---\n",
    );
    server.wait_for_page("/causes/prolonged-sitting/", "Prolonged sitting");
}

#[test]
fn templates_and_styles_rebuild_what_depends_on_them() {
    let site = Site::new();
    site.write("templates/partials/.keep", "");
    site.write("static/extra.css", "body { color: black; }\n");
    let server = Server::start(&site);
    server.wait_for_page("/extra.css", "color: black");
    // The preview keeps stylesheets under their own names: live.js swaps them in place by address.
    let home = server.get("/").1;
    assert!(home.contains("href=\"/style.css\""), "{home}");
    site.write("static/style.css", "body { color: teal; }\n");
    server.wait_for_page("/style.css", "color: teal");
    wait("a styles-only event", || (server.live_state()["action"] == "css").then_some(()), || server.log().join("\n"));
    assert!(server.get("/").1.contains("href=\"/style.css\""));

    site.write("static/extra.css", "body { color: navy; }\n");
    server.wait_for_page("/extra.css", "color: navy");
    wait("a styles-only event", || (server.live_state()["action"] == "css").then_some(()), || server.log().join("\n"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Lost? Try the search.</p>{% endblock %}",
    );
    server.wait_for_status("/no-such-page/", 404);
    wait(
        "the new 404 template",
        || server.get("/no-such-page/").1.contains("Lost? Try the search.").then_some(()),
        || server.log().join("\n"),
    );
    wait(
        "a full reload event",
        || (server.live_state()["action"] == "reload").then_some(()),
        || server.log().join("\n"),
    );
}

#[test]
fn a_burst_of_two_hundred_writes_is_one_rebuild() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/stretches/", "Glute bridge");
    let before = server.rebuild_lines();
    let muscle = "---\ntitle: Muscle N\n---\nA muscle.\n";
    for n in 0..200 {
        site.write(&format!("content/muscles/m{n:03}.md"), muscle.replace('N', &n.to_string()));
    }
    server.wait_for_page("/muscles/m199/", "Muscle 199");
    server.wait_for_page("/muscles/", "Muscle 0");
    let rebuilds = server.rebuild_lines() - before;
    // A checkout writes its files within milliseconds: they arrive as one batch (two if the burst straddles
    // a rebuild), never one rebuild per file.
    assert!(rebuilds <= 2, "{rebuilds} rebuilds for one burst:\n{}", server.log().join("\n"));
}

#[test]
fn editor_leftovers_and_hidden_files_do_not_rebuild() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/", "Welcome");
    let before = server.rebuild_lines();
    // The last two: kate's backup beside the file, and a Chromium-based editor's save-in-progress file.
    for leftover in [
        ".figure-four.md.swp",
        "figure-four.md~",
        "4913",
        ".#figure-four.md",
        "#figure-four.md#",
        "figure-four.md3aZ.bck",
        "figure-four.md.crswap",
    ] {
        site.write(&format!("content/stretches/{leftover}"), "junk: [");
    }
    // Then a real edit: once it shows, every leftover event before it has been seen and ignored.
    site.write("content/_index.md", "---\ntitle: Welcome back\n---\nHello.\n");
    server.wait_for_page("/", "Welcome back");
    assert_eq!(server.rebuild_lines() - before, 1, "{}", server.log().join("\n"));
    assert!(server.live_state()["problems"].as_array().unwrap().is_empty());
}

#[test]
fn requests_for_other_hosts_or_outside_the_site_are_refused() {
    let site = Site::new();
    std::fs::write(site.root().join("secret.txt"), "do not serve").unwrap();
    let server = Server::start(&site);
    server.wait_for_page("/", "Welcome");
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/stretches/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/site.yaml",
        "/content/_index.md",
    ] {
        let (status, body) = server.get(path);
        assert!([400, 403, 404].contains(&status), "{path}: {status}");
        assert!(!body.contains("do not serve") && !body.contains("root:"), "{path} leaked a file");
    }
    let (status, _) = server.request("/", &format!("attacker.example:{}", server.port));
    assert_eq!(status, 403, "a rebound DNS name is refused");
    // Two Host headers: neither wins, the request is malformed (the second one here is the rebound name).
    let own = format!("127.0.0.1:{}", server.port);
    let (status, body) = server.request("/", &format!("{own}\r\nHost: attacker.example:{}", server.port));
    assert_eq!(status, 400, "two Host headers: {body}");
    let (status, _) = server.request("/", &format!("{own}\r\nHost: {own}"));
    assert_eq!(status, 400, "two Host headers, even the same one twice");
    assert_eq!(server.request("/", &format!("localhost:{}", server.port)).0, 200);
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = Site::new();
    let mut server = Server::start(&site);
    server.wait_for_page("/", "Welcome");
    // An open page's event stream must not keep the server from stopping.
    let mut open_page = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(open_page, "GET /__sinew/live HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port).unwrap();
    let pid = libc::pid_t::try_from(server.child.id()).unwrap();
    // SAFETY: kill(2) with a child's pid and SIGINT touches no memory of ours.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "{}", std::io::Error::last_os_error());
    let status = wait("the server to exit", || server.child.try_wait().unwrap(), String::new);
    assert!(status.success(), "{status:?}");
    server.wait_for_log("stopped");
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let site = Site::new();
    site.build().assert_ok();
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            assert!(!std::fs::read_to_string(entry.path()).unwrap().contains("__sinew"), "{}", entry.path().display());
        }
    }
}

#[test]
fn deleting_and_restoring_a_whole_folder_converges() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/muscles/piriformis/", "Piriformis");
    let saved = site.root().join("muscles-saved");
    std::fs::rename(site.path("content/muscles"), &saved).unwrap();
    // Every stretch and cause that names a muscle now points nowhere: reported, last good build kept.
    server.wait_for_problems("piriformis");
    assert_eq!(server.get("/muscles/piriformis/").0, 200);
    std::fs::rename(&saved, site.path("content/muscles")).unwrap();
    wait(
        "the problems to clear",
        || server.live_state()["problems"].as_array().unwrap().is_empty().then_some(()),
        || server.log().join("\n"),
    );
    server.wait_for_page("/muscles/gluteus-maximus/", "The big one.");
}

#[cfg(unix)]
#[test]
fn a_symlink_in_static_pointing_outside_the_site_is_not_served() {
    let site = Site::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "do not serve").unwrap();
    site.write("static/ok.txt", "fine");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), site.path("static/secret.txt")).unwrap();
    let server = Server::start(&site);
    server.wait_for_page("/ok.txt", "fine");
    let (status, body) = server.get("/secret.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("do not serve"));
}

/// A fingerprint in a published file's name (`style.b3e801d0.css`): eight hex digits between dots.
fn is_fingerprint(piece: &str) -> bool {
    piece.len() == 8 && piece.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Every path `sinew build --drafts` writes that the preview serves under the same name: pages, the search
/// index, static files (fingerprinted styles and scripts have other names in the preview; PDFs are left out
/// to keep the test quick).
fn served_paths(site: &Site) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    site.sinew(&["build", "--drafts", "--out", out.path().to_str().unwrap()]).assert_ok();
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(out.path()).into_iter().map(Result::unwrap) {
        let rel = entry.path().strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/");
        let name = entry.file_name().to_string_lossy();
        let fingerprinted = name.split('.').any(is_fingerprint);
        if entry.file_type().is_file() && !name.starts_with('.') && !fingerprinted && !name.ends_with(".pdf") {
            paths.push(format!("/{rel}"));
        }
    }
    paths.sort();
    paths
}

/// Waits until `server` serves every one of `paths` exactly as a server started afresh on the same files does.
fn assert_converges(site: &Site, server: &Server) {
    let paths = served_paths(site);
    assert!(paths.len() > 20, "{paths:?}");
    let fresh = Server::start(site);
    fresh.wait_for_page("/", "Welcome");
    wait(
        "the stressed server to serve what a fresh one serves",
        || {
            let differing: Vec<&String> =
                paths.iter().filter(|p| server.get_comparable(p) != fresh.get_comparable(p)).collect();
            differing.is_empty().then_some(())
        },
        || {
            let differing: Vec<&String> =
                paths.iter().filter(|p| server.get_comparable(p) != fresh.get_comparable(p)).collect();
            format!("{} of {} paths differ: {differing:?}\n{}", differing.len(), paths.len(), server.log().join("\n"))
        },
    );
    assert!(server.problems().is_empty(), "{:?}", server.problems());
}

#[test]
fn a_checkout_of_three_hundred_files_and_renamed_folders_during_rebuilds_converge() {
    let site = Site::new();
    site.write("static/docs/intake.txt", "Intake form");
    let server = Server::start(&site);
    server.wait_for_page("/muscles/piriformis/", "Piriformis");

    // A checkout: 300 files, new entries linking to each other and edits of an existing one, written with a
    // pause after every 50 longer than the watcher waits for a burst to end (80 ms): rebuilds start while it
    // goes on.
    let before = server.rebuild_lines();
    for n in 0..300 {
        let text = match n % 3 {
            0 => format!("---\ntitle: Muscle {n}\n---\nA muscle, version {n}.\n"),
            1 => format!("---\ntitle: Cause {n}\nmuscles: [m{:03}]\n---\nA cause.\n", n - 1),
            _ => format!("---\ntitle: Stretch {n}\nkind: stretch\ncauses: [c{:03}]\n---\nStretch gently.\n", n - 1),
        };
        let folder = ["muscles/m", "causes/c", "stretches/s"][n % 3];
        site.write(&format!("content/{folder}{n:03}.md"), text);
        if n % 50 == 49 {
            let edited = site.read("content/stretches/figure-four.md") + &format!("\nBatch {n}.\n");
            site.write("content/stretches/figure-four.md", edited);
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    // Folders renamed: a static folder for good, and a collection's folder away and back.
    std::fs::rename(site.path("static/docs"), site.path("static/forms")).unwrap();
    std::fs::rename(site.path("content/causes"), site.path("content/causes-moved")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::rename(site.path("content/causes-moved"), site.path("content/causes")).unwrap();

    server.wait_for_page("/forms/intake.txt", "Intake form");
    server.wait_for_status("/docs/intake.txt", 404);
    server.wait_for_page("/stretches/s299/", "Stretch 299");
    assert_converges(&site, &server);
    let rebuilds = server.rebuild_lines() - before;
    assert!(rebuilds >= 3, "{rebuilds} rebuilds: the checkout did not overlap rebuilds\n{}", server.log().join("\n"));
}

#[test]
fn a_panic_in_a_render_job_keeps_the_last_good_build_and_the_preview_recovers() {
    let site = Site::new();
    // Debug builds only: a render job panics on an entry containing this text (src/render/mod.rs).
    let server = Server::start_with(&site, &[("SINEW_TEST_PANIC", "PANIC-IN-RENDER")]);
    server.wait_for_page("/stretches/figure-four/", "Figure four");
    let before = server.get_comparable("/stretches/figure-four/");

    let text = site.read("content/stretches/figure-four.md");
    site.write("content/stretches/figure-four.md", format!("{text}\nPANIC-IN-RENDER\n"));
    let state = server.wait_for_problems("internal error");
    assert_eq!(state["action"], "none");
    assert!(state["problems"][0].as_str().unwrap().contains("bug in sinew"), "{state}");
    assert!(server.get_comparable("/stretches/figure-four/") == before, "the last good build is still served");

    // The server is still building: the next save shows, and the problem clears.
    site.write("content/stretches/figure-four.md", format!("{text}\nRecovered.\n"));
    server.wait_for_page("/stretches/figure-four/", "Recovered.");
    assert!(server.problems().is_empty());
    assert_converges(&site, &server);
}

/// Rebuilds still follow saves when the system gives no file events: asked for with `--poll`, or forced on sinew
/// when inotify is used up (the test hook makes the system watcher fail as with EMFILE, "Too many open files").
#[test]
fn without_file_events_the_preview_polls_and_still_follows_saves() {
    for (env, args) in [(vec![("SINEW_TEST_NO_INOTIFY", "1")], vec![]), (vec![], vec!["--poll"])] {
        let site = Site::new();
        let server = Server::start_args(&site, &env, &args);
        server.wait_for_page("/", "Welcome");
        if env.is_empty() {
            assert!(!server.log().iter().any(|l| l.contains("no file watches left")), "{:?}", server.log());
        } else {
            server.wait_for_log("the system has no file watches left");
        }
        // Within a second of the site's own writing: the poller compares contents, not whole-second times.
        site.write("content/_index.md", "---\ntitle: Welcome, polled\n---\nHello.\n");
        server.wait_for_page("/", "Welcome, polled");
        // A source folder that did not exist when the preview started is followed, and so are its files.
        assert!(!site.path("static").exists());
        site.write("static/hours.txt", "Open Monday");
        server.wait_for_page("/hours.txt", "Open Monday");
        site.write("static/hours.txt", "Open Tuesday");
        server.wait_for_page("/hours.txt", "Open Tuesday");
    }
}

/// `--bind 127.0.0.2` used to print (and `--open`) `http://127.0.0.1:…`, where nothing answers.
#[test]
fn the_address_printed_is_the_one_bound() {
    let site = Site::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sinew"))
        .args(["serve", "--port", "0", "--bind", "127.0.0.2", "--root"])
        .arg(site.root())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("sinew serve starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok);
    let line = lines.find(|l| l.contains(" at http://")).expect("the address is printed");
    let _ = child.kill();
    let _ = child.wait();
    let address = line.split(" at http://").nth(1).unwrap();
    assert!(address.starts_with("127.0.0.2:"), "{line}");
    let port: u16 = address.trim_start_matches("127.0.0.2:").split('/').next().unwrap().parse().unwrap();
    assert!(port > 0, "{line}");
}

/// `--bind 0.0.0.0` says which address a phone on the same Wi-Fi can open, and answers to this machine's
/// own name (`mylaptop.local`) as well as to its addresses; any other name is still refused.
#[test]
fn on_the_network_the_preview_prints_what_a_phone_can_open_and_answers_to_the_machines_name() {
    let site = Site::new();
    let server = Server::start_args(&site, &[], &["--bind", "0.0.0.0"]);
    server.wait_for_page("/", "Welcome");
    let line = server.wait_for_log("on a phone or tablet on the same network (Wi-Fi), open http://");
    let hosts: Vec<&str> = line.split("http://").skip(1).filter_map(|a| a.split(':').next()).collect();
    assert!(!hosts.is_empty(), "{line}");
    // A machine without a name of its own (named `localhost`) prints its address only.
    for host in hosts {
        assert_eq!(server.request("/", &format!("{host}:{}", server.port)).0, 200, "{host} from {line}");
        if let Some(bare) = host.strip_suffix(".local") {
            assert_eq!(server.request("/", &format!("{bare}:{}", server.port)).0, 200, "{bare}");
            assert_eq!(server.request("/", &format!("{host}.evil.example:{}", server.port)).0, 403);
            assert_eq!(server.request("/", &format!("evil-{host}:{}", server.port)).0, 403);
        }
    }
}

/// The preview makes every check `sinew build` makes: a link broken only in the output (the Markdown link is
/// well formed, nothing is published there) used to pass the preview and fail the build.
#[test]
fn a_broken_output_link_is_reported_by_the_preview_as_by_the_build() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/", "Welcome");
    assert!(server.live_state()["problems"].as_array().unwrap().is_empty());
    site.write("content/_index.md", "---\ntitle: Welcome, prices\n---\nSee [our prices](/prices/).\n");
    // The new page is served (the pages built) and the output check's error is shown over it.
    server.wait_for_page("/", "Welcome, prices");
    let state = server.wait_for_problems("nothing is published at /prices/");
    assert_eq!(state["action"], "check", "{state}");
    let problem = state["problems"][0].as_str().unwrap().to_string();
    // Laid out for the page: where, the line with the link underlined, and no unescaped text.
    assert!(problem.contains("In content/_index.md, line 4, column 5"), "{problem}");
    assert!(problem.contains("data-code=\"link\""), "{problem}");
    assert!(problem.contains(">[our prices](/prices/)</mark>"), "{problem}");
    let build = site.build();
    build.assert_failed().assert_reports("content/_index.md:4:", &["nothing is published at /prices/"]);
    // Fixed: the problem goes away without another kind of save.
    site.write("content/_index.md", "---\ntitle: Welcome, fixed\n---\nSee [[figure-four]].\n");
    server.wait_for_page("/", "Welcome, fixed");
    wait(
        "the problems to clear",
        || server.live_state()["problems"].as_array().unwrap().is_empty().then_some(()),
        || server.log().join("\n"),
    );
}

/// The preview and `sinew build` run one pipeline: after a series of edits, every page, search file and static
/// file the preview serves is what `sinew build --drafts` writes, byte for byte, but for what must differ:
/// the address it is served from, the reload script, and fingerprinted names of styles and scripts.
#[test]
fn after_edits_the_preview_serves_what_sinew_build_writes() {
    let site = Site::new();
    let server = Server::start(&site);
    server.wait_for_page("/", "Welcome");
    // A title (listings and related lists change), a body, a new entry, a relation, a deletion.
    let four = site.read("content/stretches/figure-four.md");
    site.write("content/stretches/figure-four.md", four.replace("title: Figure four", "title: Figure four, lying"));
    server.wait_for_page("/muscles/piriformis/", "Figure four, lying");
    atomic_write(&site, "content/muscles/piriformis.md", "---\ntitle: Piriformis\n---\nA small, deep muscle.\n");
    server.wait_for_page("/muscles/piriformis/", "A small, deep muscle.");
    site.write("content/stretches/pigeon.md", "---\ntitle: Pigeon\nkind: stretch\nmuscles: [piriformis]\n---\nDeep.\n");
    server.wait_for_page("/muscles/piriformis/", "Pigeon");
    site.remove("content/stretches/glute-bridge.md");
    server.wait_for_status("/stretches/glute-bridge/", 404);
    // A body map appears when a muscle names a region; a second one changes the counts on the home page,
    // which features other muscles (the first six by id), so only the counts tell it to render again.
    for letter in ["a", "b", "c", "d", "e", "f"] {
        site.write(
            &format!("content/muscles/adductor-{letter}.md"),
            format!("---\ntitle: Adductor {letter}\n---\nInner thigh.\n"),
        );
    }
    server.wait_for_page("/muscles/", "Adductor f");
    site.write(
        "content/muscles/gluteus-maximus.md",
        "---\ntitle: Gluteus maximus\nregions: [buttock]\n---\nThe big one.\n",
    );
    server.wait_for_page("/body-map/buttock/", "Gluteus maximus");
    atomic_write(
        &site,
        "content/muscles/piriformis.md",
        "---\ntitle: Piriformis\nregions: [buttock]\n---\nA small, deep muscle.\n",
    );
    server.wait_for_page("/body-map/buttock/", "Piriformis");
    // The search index and PDFs follow the pages: wait until the index knows the new entry.
    server.wait_for_page("/search/index/d/0.json", "Pigeon");

    let out = tempfile::tempdir().unwrap();
    site.sinew(&["build", "--drafts", "--out", out.path().to_str().unwrap()]).assert_ok();
    // `style.b3e801d0.css` -> `style.css`, wherever a name is written.
    let unfingerprint =
        |text: &str| text.split('.').filter(|piece| !is_fingerprint(piece)).collect::<Vec<_>>().join(".");
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(out.path()).into_iter().map(Result::unwrap) {
        let name = entry.file_name().to_string_lossy().to_string();
        let pdf = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !entry.file_type().is_file() || name.starts_with('.') || name.split('.').any(is_fingerprint) || pdf {
            continue;
        }
        let rel = entry.path().strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/");
        // Fonts and pictures are compared as the same bytes, each read as text with the same replacements.
        let built = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        let (status, body) = server.get_comparable(&format!("/{rel}"));
        assert_eq!(status, 200, "/{rel}");
        let previewed = body.replace("http://127.0.0.1:PORT/", "https://test-clinic.example/");
        // The preview's own script tag (naming the editor's address on an entry's page) is all that differs.
        let previewed = match previewed.find("<script src=\"/__sinew/live.js\"") {
            Some(at) => {
                let end = previewed[at..].find("</script>\n").map_or(previewed.len(), |e| at + e + 10);
                format!("{}{}", &previewed[..at], &previewed[end..])
            }
            None => previewed,
        };
        assert_eq!(
            unfingerprint(&previewed),
            unfingerprint(&built),
            "/{rel} differs between the preview and the build"
        );
        compared += 1;
    }
    assert!(compared > 20, "only {compared} files compared");
}

#[test]
fn a_title_edit_moves_its_entry_on_the_a_to_z_page_as_a_fresh_build_places_it() {
    let site = Site::new();
    // Past the size where the A–Z list has a page of its own, whose letters the preview keeps between builds.
    for n in 0..1000 {
        site.write(&format!("content/muscles/m{n:04}.md"), format!("---\ntitle: Muscle {n:04}\n---\nA muscle.\n"));
    }
    let server = Server::start(&site);
    server.wait_for_page("/search/a-z/", "Muscle 0999");
    // To a letter no entry had (a new part of the page), then within its own letter.
    site.write("content/muscles/m0500.md", "---\ntitle: Zygomatic 0500\n---\nA muscle.\n");
    let page = server.wait_for_page("/search/a-z/", "Zygomatic 0500");
    assert!(!page.contains("Muscle 0500"), "the old title is gone from the list");
    site.write("content/muscles/m0001.md", "---\ntitle: Muscle 0998a\n---\nA muscle.\n");
    let page = server.wait_for_page("/search/a-z/", "Muscle 0998a");
    assert!(page.find("Muscle 0998a") < page.find("Muscle 0999"), "the list is in title order");
    // A title that changes and stays in its place.
    site.write("content/muscles/m0002.md", "---\ntitle: Muscle 0002b\n---\nA muscle.\n");
    server.wait_for_page("/search/a-z/", "Muscle 0002b");
    let fresh = Server::start(&site);
    fresh.wait_for_page("/search/a-z/", "Muscle 0998a");
    assert_eq!(server.get_comparable("/search/a-z/"), fresh.get_comparable("/search/a-z/"));
}
