//! `SINEW_TIMINGS=1`: how long each stage of a build took, and the peak memory so far (Linux), for profiling;
//! never part of normal output.

/// Prints how long each stage took when `SINEW_TIMINGS` is set: for profiling, never part of normal output.
pub(crate) struct StageTimer {
    enabled: bool,
    last: std::time::Instant,
}

impl StageTimer {
    pub(crate) fn new() -> Self {
        StageTimer { enabled: std::env::var_os("SINEW_TIMINGS").is_some(), last: std::time::Instant::now() }
    }

    pub(crate) fn stage(&mut self, name: &str) {
        if self.enabled {
            let peak = peak_memory().map_or_else(String::new, |kib| format!(", peak {} MiB so far", kib / 1024));
            eprintln!("timing: {name} {:.1} ms{peak}", self.last.elapsed().as_secs_f64() * 1000.0);
        }
        self.last = std::time::Instant::now();
    }
}

/// The process's peak resident memory in KiB (`VmHWM`), where the system says it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
