use clap::Parser;

// Rendering allocates many small strings on both cores; jemalloc handles that markedly better than glibc's
// malloc (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// Return freed pages to the system at once rather than after jemalloc's default ten seconds: a build frees
// much per-page scratch memory, and this keeps the peak about 45 MB lower at 10,000 entries for a few
// percent of speed (BENCHMARKS.md).
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 34] = b"dirty_decay_ms:0,muzzy_decay_ms:0\0";

fn main() -> std::process::ExitCode {
    let cli = sinew::cli::Cli::parse();
    if matches!(cli.command, sinew::cli::Command::Serve { .. }) {
        keep_freed_pages_a_while();
    }
    sinew::run(cli)
}

/// The preview server rebuilds on every save, each time freeing and then needing about the same memory:
/// handing it back to the system at once (right for a one-shot build) would make every rebuild fault it
/// in again. jemalloc's default decay keeps freed pages for ten seconds instead. 4096 means every arena.
fn keep_freed_pages_a_while() {
    // `arena.4096` is every arena there is now; `arenas.` is the default of those made later (rayon's threads
    // get theirs when they first allocate).
    let names = [
        &b"arena.4096.dirty_decay_ms\0"[..],
        &b"arena.4096.muzzy_decay_ms\0"[..],
        &b"arenas.dirty_decay_ms\0"[..],
        &b"arenas.muzzy_decay_ms\0"[..],
    ];
    for name in names {
        // Only a speed setting: if it cannot be changed, the server still works.
        // SAFETY: the names are NUL-terminated mallctl names whose value type is ssize_t.
        let _ = unsafe { tikv_jemalloc_ctl::raw::write(name, 10_000_isize) };
    }
}
