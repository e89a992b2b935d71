//! Embeds the default theme: walks `themes/default` and writes a table of its files (path, bytes) to
//! `$OUT_DIR/embedded_theme.rs`, so adding a file to the theme needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut table = String::from("&[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={abs}");
        writeln!(table, "    ({rel:?}, include_bytes!({abs:?}) as &[u8]),").unwrap();
    }
    table.push(']');
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_theme.rs");
    std::fs::write(out, table).unwrap();
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            files.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
