use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = sinew::cli::Cli::parse();
    sinew::run(cli)
}
