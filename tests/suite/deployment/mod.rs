//! Publishing a site (docs/publishing.md): the files `sinew init` writes for GitHub Pages, Netlify and
//! Cloudflare Pages, each checked against its host's documented format and against what `sinew build`
//! really writes; and robots.txt, written only where crawlers read it.

mod headers;

use crate::fixture::{SITE_YAML, Site, sinew_in, snapshot};
use std::path::{Path, PathBuf};

/// The starter files as sinew's source holds them (src/cmd/starter/).
fn starter(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cmd/starter").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A site made by `sinew init` in a temporary folder: the folder (kept alive) and the site's root.
fn initialised() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    sinew_in(dir.path(), &["init", "clinic"]).assert_ok();
    let root = dir.path().join("clinic");
    (dir, root)
}

#[test]
fn init_writes_the_files_hosts_read_and_keeps_any_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clinic");
    // A folder made by cloning a new GitHub repository: a README and a .gitignore of its own.
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join(".gitignore"), "target/\n").unwrap();
    std::fs::write(root.join("README.md"), "# My site\n").unwrap();
    let init = sinew_in(dir.path(), &["init", "clinic"]);
    init.assert_ok();
    for path in [".github/workflows/publish.yml", "netlify.toml", "static/_headers"] {
        assert_eq!(read(&root.join(path)), starter(path), "{path}");
        assert!(init.stdout.contains(path), "`{path}` missing from:\n{}", init.stdout);
    }
    assert_eq!(read(&root.join(".gitignore")), "target/\n", "a file already there was overwritten");
    assert!(init.stdout.contains("kept the .gitignore"), "{}", init.stdout);

    // A second init, over a site, changes nothing at all.
    let before = snapshot(&root);
    sinew_in(dir.path(), &["init", "clinic"]).assert_failed();
    assert_eq!(snapshot(&root), before);

    // Where there is none, sinew's own .gitignore keeps what sinew makes out of Git.
    let (_dir, fresh) = initialised();
    assert_eq!(read(&fresh.join(".gitignore")), starter("gitignore"));
    assert!(read(&fresh.join(".gitignore")).lines().any(|l| l == "/public/"));
}

/// The workflow has every part of GitHub's documented Pages workflow (actions/starter-workflows,
/// pages/*.yml), and uploads the folder `sinew build` writes.
#[test]
fn the_github_pages_workflow_has_the_parts_github_documents_and_uploads_the_built_site() {
    let (_dir, root) = initialised();
    sinew_in(&root, &["build"]).assert_ok();
    let text = read(&root.join(".github/workflows/publish.yml"));
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("not YAML: {e}"));
    let text_at = |value: &serde_yaml::Value| value.as_str().map(str::to_string);

    assert_eq!(text_at(&workflow["on"]["push"]["branches"][0]).as_deref(), Some("main"));
    assert!(workflow["on"].get("workflow_dispatch").is_some(), "no Run workflow button");
    let permissions = &workflow["permissions"];
    for (scope, level) in [("contents", "read"), ("pages", "write"), ("id-token", "write")] {
        assert_eq!(text_at(&permissions[scope]).as_deref(), Some(level), "permissions.{scope}");
    }
    assert_eq!(text_at(&workflow["concurrency"]["group"]).as_deref(), Some("pages"));
    assert_eq!(workflow["concurrency"]["cancel-in-progress"].as_bool(), Some(false));
    for name in ["SINEW_GIT", "SINEW_REF"] {
        assert!(text_at(&workflow["env"][name]).is_some_and(|v| v.contains("CHANGE-ME")), "env.{name}");
    }

    let build = &workflow["jobs"]["build"];
    assert_eq!(text_at(&build["runs-on"]).as_deref(), Some("ubuntu-latest"));
    let steps = build["steps"].as_sequence().expect("build.steps is a list");
    let position = |uses: &str| steps.iter().position(|s| text_at(&s["uses"]).is_some_and(|u| u.starts_with(uses)));
    let runs = |command: &str| steps.iter().position(|s| text_at(&s["run"]).is_some_and(|r| r.contains(command)));
    let checkout = position("actions/checkout@").expect("no checkout step");
    let install = runs("cargo install --locked --root ~/sinew --git \"$SINEW_GIT\" --rev \"$SINEW_REF\"")
        .expect("no step installs sinew");
    let building = runs("sinew build").expect("no step runs sinew build");
    let upload = position("actions/upload-pages-artifact@").expect("no upload-pages-artifact step");
    assert!(checkout < building && install < building && building < upload, "steps out of order");
    assert!(position("actions/configure-pages@").is_some_and(|at| at < upload));
    // `sinew build` with no --out writes public/, and public/ is what is uploaded.
    assert_eq!(text_at(&steps[building]["run"]).as_deref(), Some("sinew build"));
    let uploaded = text_at(&steps[upload]["with"]["path"]).expect("upload-pages-artifact has a path");
    assert!(root.join(&uploaded).join("index.html").is_file(), "`{uploaded}` is not the built site");
    // The step that skips installing on a cache hit names the cache step's id.
    let cache = position("actions/cache@").expect("sinew is not cached");
    assert_eq!(text_at(&steps[cache]["id"]).as_deref(), Some("sinew"));
    assert!(text_at(&steps[install]["if"]).is_some_and(|c| c.contains("steps.sinew.outputs.cache-hit")));

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(text_at(&deploy["needs"]).as_deref(), Some("build"));
    assert_eq!(text_at(&deploy["environment"]["name"]).as_deref(), Some("github-pages"));
    assert_eq!(text_at(&deploy["environment"]["url"]).as_deref(), Some("${{ steps.deployment.outputs.page_url }}"));
    let step = &deploy["steps"][0];
    assert!(text_at(&step["uses"]).is_some_and(|u| u.starts_with("actions/deploy-pages@")));
    assert_eq!(text_at(&step["id"]).as_deref(), Some("deployment"));

    // Every action is pinned to a major version, as GitHub's own workflows are.
    for job in ["build", "deploy"] {
        for step in workflow["jobs"][job]["steps"].as_sequence().unwrap() {
            if let Some(uses) = text_at(&step["uses"]) {
                let version = uses.split_once("@v").map_or("", |(_, v)| v);
                assert!(!version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()), "{uses}");
            }
        }
    }
}

/// netlify.toml as Netlify documents it (docs.netlify.com/build/configure-builds/file-based-configuration/):
/// `[build]` with `publish`, the folder `sinew build` writes, and a `command` that makes it.
#[test]
fn netlify_toml_publishes_the_folder_sinew_build_writes() {
    let (_dir, root) = initialised();
    sinew_in(&root, &["build"]).assert_ok();
    let config: toml::Table = toml::from_str(&read(&root.join("netlify.toml"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.keys().collect::<Vec<_>>(), ["build"]);
    let build = config["build"].as_table().expect("[build] is a table");
    let mut keys: Vec<&str> = build.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["command", "environment", "publish"]);
    let publish = build["publish"].as_str().unwrap();
    assert_eq!(publish, "public");
    assert!(root.join(publish).join("index.html").is_file());
    let command = build["command"].as_str().unwrap();
    assert!(!command.contains('\n'), "one shell line: {command:?}");
    assert!(command.ends_with("\"$HOME/sinew/bin/sinew\" build"), "{command}");
    assert!(command.contains("--git \"$SINEW_GIT\" --rev \"$SINEW_REF\""), "{command}");
    let environment = build["environment"].as_table().unwrap();
    for name in ["SINEW_GIT", "SINEW_REF"] {
        assert!(environment[name].as_str().is_some_and(|v| v.contains("CHANGE-ME")), "{name}");
    }
}

/// A published file's addresses: a page is asked for as its folder and as its file.
fn addresses(base_path: &str, rel: &str) -> Vec<String> {
    let mut found = vec![format!("{base_path}{rel}")];
    if let Some(folder) = rel.strip_suffix("index.html") {
        found.push(format!("{base_path}{folder}"));
    }
    found
}

/// `style.90c96b27.css`, `images/photo.480w.1a2b3c4d.jpg`: a name whose last part but one is 8 hex digits.
fn fingerprinted(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3 && {
        let tag = parts[parts.len() - 2];
        tag.len() == 8 && tag.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// `_headers` reaches the top of the published folder, and there every fingerprinted stylesheet and script
/// gets `immutable`, on both hosts and under a sub-path too, while no page and nothing unfingerprinted does.
/// Resized pictures are fingerprinted too, but no pattern tells them from originals: `_headers` says so.
#[test]
fn headers_make_every_fingerprinted_stylesheet_and_script_immutable_and_nothing_else() {
    for base_url in ["https://steady.example/", "https://steady.example/clinic/"] {
        let (_dir, root) = initialised();
        let yaml = read(&root.join("site.yaml"));
        let written = yaml.lines().find(|l| l.starts_with("base_url:")).unwrap().to_string();
        std::fs::write(root.join("site.yaml"), yaml.replacen(&written, &format!("base_url: {base_url}"), 1)).unwrap();
        let photo = image::RgbImage::from_fn(1200, 800, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, 90]));
        std::fs::create_dir_all(root.join("static/images")).unwrap();
        photo.save(root.join("static/images/knee-to-chest.jpg")).unwrap();
        let stretch = root.join("content/stretches/knee-to-chest.md");
        let text = read(&stretch).replacen(
            "kind: stretch",
            "kind: stretch\nimage: {src: images/knee-to-chest.jpg, alt: Lying on the back hugging one knee}",
            1,
        );
        std::fs::write(&stretch, text).unwrap();
        sinew_in(&root, &["build"]).assert_ok();

        let public = root.join("public");
        assert_eq!(read(&public.join("_headers")), starter("static/_headers"), "not at the output's top");
        let rules = headers::parse(&read(&public.join("_headers")));
        let base_path = base_url.trim_start_matches("https://steady.example");
        let (mut immutable, mut pictures) = (0, 0);
        for file in walkdir::WalkDir::new(&public).into_iter().filter_map(Result::ok) {
            let rel = file.path().strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/");
            if !file.file_type().is_file() || rel == "_headers" || rel.starts_with('.') {
                continue;
            }
            let code = [".css", ".js", ".mjs"].iter().any(|e| rel.ends_with(e));
            pictures += usize::from(fingerprinted(&rel) && !code);
            for url in addresses(base_path, &rel) {
                let on_cloudflare: Vec<usize> =
                    rules.iter().filter(|r| headers::cloudflare_matches(&r.pattern, &url)).map(|r| r.line).collect();
                let on_netlify: Vec<usize> =
                    rules.iter().filter(|r| headers::netlify_matches(&r.pattern, &url)).map(|r| r.line).collect();
                assert_eq!(on_cloudflare, on_netlify, "the hosts disagree on {url}");
                let cache: Vec<&str> = rules
                    .iter()
                    .filter(|r| on_cloudflare.contains(&r.line))
                    .flat_map(|r| &r.headers)
                    .filter(|(name, _)| name.eq_ignore_ascii_case("cache-control"))
                    .map(|(_, value)| value.as_str())
                    .collect();
                // Two would be joined with a comma (Cloudflare) or one would win (Netlify): never both meant.
                assert!(cache.len() <= 1, "{url} gets {cache:?}");
                let forever = cache.iter().any(|v| v.contains("immutable") && v.contains("max-age=31536000"));
                assert_eq!(forever, code && fingerprinted(&rel), "{url}: {cache:?}");
                immutable += usize::from(forever);
            }
        }
        assert!(immutable >= 3, "the stylesheet and scripts were not found under {base_url}");
        assert!(pictures >= 2, "the photo was not resized under {base_url}");
    }
}

/// The test site's `base_url`, a host's root.
fn base_url() -> &'static str {
    SITE_YAML.lines().find_map(|line| line.strip_prefix("base_url: ")).unwrap()
}

/// Crawlers read robots.txt only at a host's root: under a sub-path there is none to publish, nothing names
/// one, and `sinew check` says why at `base_url`, with what to do instead.
#[test]
fn a_site_under_a_sub_path_gets_no_robots_txt_and_check_says_why_at_base_url() {
    let site = Site::new();
    let host = base_url();
    site.write("site.yaml", SITE_YAML.replacen(host, &format!("{host}clinic/"), 1));
    site.build().assert_ok();
    assert!(!site.exists("public/robots.txt"));
    assert!(site.exists("public/sitemap.xml"));
    for file in walkdir::WalkDir::new(site.path("public")).into_iter().filter_map(Result::ok) {
        let text = std::fs::read(file.path()).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&text).contains("robots.txt"), "{} names robots.txt", file.path().display());
    }
    let check = site.sinew(&["check"]);
    check.assert_ok().assert_reports(
        "site.yaml:2:11",
        &[
            "warning: no robots.txt for a site under /clinic/",
            &format!("{host}robots.txt"),
            &format!("submit {host}clinic/sitemap.xml"),
        ],
    );
}

#[test]
fn a_site_at_its_hosts_root_gets_a_robots_txt_naming_its_sitemap_and_no_warning() {
    let site = Site::new();
    site.build().assert_ok();
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", base_url());
    assert_eq!(site.read("public/robots.txt"), robots);
    let check = site.sinew(&["check"]);
    assert!(!check.assert_ok().stderr.contains("robots.txt"), "{}", check.stderr);
}
