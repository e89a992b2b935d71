//! A new entry, as `sinew new` and the editor's "New" button make it: an id from the title, refused when the
//! build would refuse it, and a file with every field its collection's table scaffolds.

use crate::diag::{Diagnostic, Kind};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Writes `content/<collection>/<id>.md` for `title`; returns its path relative to `root`. Never replaces a
/// file, and writes only inside content/.
pub(crate) fn create(root: &Path, collection_name: &str, title: &str) -> Result<PathBuf, Diagnostic> {
    let file = crate::source::read_config(root)?;
    let (config, diagnostics) = crate::config::parse(&file.path, &file.text);
    let Some(config) = config else {
        return Err(diagnostics
            .into_sorted()
            .into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::error(Kind::Command, "site.yaml has errors")));
    };
    let Some(c) = config.collection_index(collection_name) else {
        let names: Vec<&str> = config.collections.iter().map(|c| c.name.as_str()).collect();
        return Err(Diagnostic::error(Kind::Command, format!("no collection `{collection_name}` in site.yaml")).help(
            crate::diag::did_you_mean(collection_name, names.iter().copied())
                .unwrap_or_else(|| format!("the collections are: {}", names.join(", "))),
        ));
    };
    let id = crate::fields::id::slugify(title);
    if id.is_empty() {
        return Err(Diagnostic::error(Kind::Command, "the title has no letters or digits to make an id from"));
    }
    let relative = Path::new("content").join(collection_name).join(format!("{id}.md"));
    let path = root.join(&relative);
    // Ids are shared by every collection (so `[[id]]` is never ambiguous): refuse what the build would.
    for other in &config.collections {
        let taken = Path::new("content").join(other.name.as_str()).join(format!("{id}.md"));
        if other.name.as_str() != collection_name && root.join(&taken).exists() {
            return Err(Diagnostic::error(Kind::Command, format!("the id `{id}` is taken by {}", taken.display()))
                .help("ids are shared by all collections; choose another title"));
        }
    }
    if path.exists() {
        return Err(Diagnostic::error(Kind::Command, format!("{} already exists", relative.display()))
            .help("choose another title, or edit the existing entry"));
    }
    let text = front_matter(&config, c, title);
    let cannot =
        |e: std::io::Error| Diagnostic::error(Kind::Command, format!("cannot write {}: {e}", relative.display()));
    let folder = path.parent().unwrap_or(root);
    std::fs::create_dir_all(folder).map_err(cannot)?;
    // A collection folder that is a link to elsewhere is not followed.
    let inside = |dir: &Path| std::fs::canonicalize(dir).ok();
    if inside(folder).zip(inside(&root.join("content"))).is_none_or(|(folder, content)| !folder.starts_with(content)) {
        return Err(Diagnostic::error(Kind::Command, format!("{} leads outside content/", folder.display()))
            .help("make the collection's folder a real folder inside content/"));
    }
    // `create_new`: a file made meanwhile (another editor, a second click) is never replaced.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
        .map_err(cannot)?;
    Ok(relative)
}

/// The new entry's front matter, from its collection's table: each field with a scaffold value, a choice
/// with its words in a comment, then the relation keys and the review lines to fill in later.
fn front_matter(config: &crate::config::SiteConfig, c: usize, title: &str) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml_string(title));
    let table = &config.collections[c].fields;
    let line = |name: &str, value: &str| {
        // A block value (a list of steps) starts on the next line.
        if value.starts_with('\n') { format!("{name}:{value}") } else { format!("{name}: {value}") }
    };
    let commented = table.iter().filter(|f| !f.words().is_empty());
    let width = commented.filter_map(|f| Some(line(&f.name, f.scaffold.as_ref()?).len())).max().unwrap_or(0);
    for spec in table {
        let Some(value) = &spec.scaffold else { continue };
        let line = line(&spec.name, value);
        match spec.words() {
            words if !words.is_empty() && !value.contains('\n') => {
                let _ = writeln!(text, "{line:width$}  # {}", words.join(" | "));
            }
            _ => {
                let _ = writeln!(text, "{line}");
            }
        }
    }
    for (key, _, _) in config.relation_keys(c) {
        let _ = writeln!(text, "{key}: []");
    }
    text.push_str("# reviewed: YYYY-MM-DD\n# reviewed_by: \"Name\"\n---\n\n");
    text.push_str(crate::fields::schema::NEW_ENTRY_BODY);
    text.push('\n');
    text
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
