//! The preview's background work at a lower priority than its pages. The extras thread (search index, PDFs,
//! output check) takes a full core for most of a second after each save on a 30,000-entry site; at the same
//! priority it took that core from the next save's pages (BENCHMARKS.md, "Preview edits (issue 18), third
//! steps"). Lowered, it runs whenever the pages leave a core free and waits while they are made; on a machine
//! kept busy by other programs it also waits for them, so the search index and the output check come later
//! there. Only Linux sets a thread's priority on its own; elsewhere this does nothing.

/// How far below the server's own priority the background work runs (`nice` 10: about a tenth of a contested
/// core, all of an idle one).
#[cfg(target_os = "linux")]
const LOWER_BY: libc::c_int = 10;

/// Lowers the priority of the calling thread only.
pub(super) fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no preconditions; on Linux, setpriority given a thread id changes that thread
        // alone. Its result is ignored: at the usual priority the preview still works, only slower.
        let Ok(thread) = libc::id_t::try_from(unsafe { libc::gettid() }) else { return };
        unsafe {
            let now = libc::getpriority(libc::PRIO_PROCESS, thread);
            let _ = libc::setpriority(libc::PRIO_PROCESS, thread, now + LOWER_BY);
        }
    }
}
