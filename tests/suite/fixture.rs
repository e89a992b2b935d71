//! A site written into a temporary folder, and a way to run sinew on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) const SITE_YAML: &str = "\
title: Test Clinic
base_url: https://test-clinic.example/
disclaimer: Education only.
red_flags: [Sudden weakness in a leg]
collections:
  stretches:
    title: Stretches
    singular: stretch
    schema: exercise
    relations:
      muscles: muscles
      causes: causes
  causes:
    title: Causes
    singular: cause
    schema: condition
    relations:
      muscles: muscles
  muscles:
    title: Muscles
    singular: muscle
    schema: anatomy
";

pub(crate) struct Site {
    pub dir: tempfile::TempDir,
}

pub(crate) struct Run {
    pub ok: bool,
    /// The exit status, if the process exited.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// A small valid site: two stretches, a cause, two muscles, a home page.
    pub(crate) fn new() -> Site {
        let site = Site::empty();
        site.write("site.yaml", SITE_YAML);
        site.write("content/_index.md", "---\ntitle: Welcome\n---\nStart with [[figure-four]].\n");
        site.write(
            "content/stretches/figure-four.md",
            "---\ntitle: Figure four\nsummary: A hip stretch.\nkind: stretch\ndifficulty: beginner\nhold_seconds: 30\n\
             cautions: [Stop if it hurts]\nmuscles: [piriformis]\ncauses: [prolonged-sitting]\n---\n\
             ## Why\n\nIt eases the [[piriformis]].\n",
        );
        site.write(
            "content/stretches/glute-bridge.md",
            "---\ntitle: Glute bridge\nkind: strengthen\nmuscles: [gluteus-maximus]\n---\nLift the hips.\n",
        );
        site.write(
            "content/causes/prolonged-sitting.md",
            "---\ntitle: Prolonged sitting\nsymptoms: [Stiffness]\nmuscles: [gluteus-maximus]\n---\nSitting a lot.\n",
        );
        // Declared from the muscle's side: the glute bridge works the piriformis too.
        site.write(
            "content/muscles/piriformis.md",
            "---\ntitle: Piriformis\naliases: [deep hip rotator]\nstretches: [glute-bridge]\n---\nA small muscle.\n",
        );
        site.write("content/muscles/gluteus-maximus.md", "---\ntitle: Gluteus maximus\n---\nThe big one.\n");
        site
    }

    pub(crate) fn empty() -> Site {
        Site { dir: tempfile::tempdir().unwrap() }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub(crate) fn sinew(&self, args: &[&str]) -> Run {
        sinew_in(self.root(), args)
    }

    pub(crate) fn build(&self) -> Run {
        self.sinew(&["build"])
    }
}

pub(crate) fn sinew_in(dir: &Path, args: &[&str]) -> Run {
    sinew_command(dir, args).output().expect("sinew runs").into()
}

/// The command `sinew_in` runs, for a test that needs to change it (environment, user) before running it.
pub(crate) fn sinew_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sinew"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    command
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            ok: output.status.success(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub(crate) fn assert_ok(&self) -> &Self {
        assert!(self.ok, "sinew failed:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub(crate) fn assert_failed(&self) -> &Self {
        assert!(!self.ok, "sinew succeeded but should have failed:\n{}", self.stderr);
        self
    }

    /// Asserts the error output names `place` (e.g. `content/x.md:3:5`) and contains every fragment.
    #[track_caller]
    pub(crate) fn assert_reports(&self, place: &str, fragments: &[&str]) -> &Self {
        assert!(self.stderr.contains(&format!("--> {place}")), "no diagnostic at {place}:\n{}", self.stderr);
        for fragment in fragments {
            assert!(self.stderr.contains(fragment), "missing `{fragment}` in:\n{}", self.stderr);
        }
        self
    }
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub(crate) fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}
