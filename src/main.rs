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
    sinew::run(cli)
}
