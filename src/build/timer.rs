//! `SINEW_TIMINGS=1`: how long each stage of a build took, for profiling; never part of normal output.

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
            eprintln!("timing: {name} {:.1} ms", self.last.elapsed().as_secs_f64() * 1000.0);
        }
        self.last = std::time::Instant::now();
    }
}
