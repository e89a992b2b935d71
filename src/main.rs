use clap::Parser;

// Rendering allocates many small strings on both cores; jemalloc handles that markedly better than glibc's
// malloc (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    let cli = sinew::cli::Cli::parse();
    sinew::run(cli)
}
